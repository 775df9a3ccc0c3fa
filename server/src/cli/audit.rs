//! `pitboss audit verify`: walks every casino's audit hash chain.

use anyhow::bail;
use clap::Subcommand;
use pitboss::db;

use database::Database;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify every casino's audit hash chain; exits 1 at the first broken link of any casino
    ///
    /// Prints each chain's length and last hash: keep that line somewhere else (a ticket, an email), and a
    /// later run also proves no rows were cut from the end.
    Verify,
}

/// Runs the command on an open database.
pub async fn run(db: &Database, command: AuditCommand) -> anyhow::Result<()> {
    let AuditCommand::Verify = command;
    verify(db).await
}

/// Walks every audit chain as the operator; any broken link is an error.
async fn verify(db: &Database) -> anyhow::Result<()> {
    let (breaks, heads, pending) = db::as_operator(&db.owner, async |conn| {
        Ok::<_, sqlx::Error>((
            pitboss::audit::verify_chain(conn).await?,
            pitboss::audit::chain_heads(conn).await?,
            pitboss::audit::pending(conn).await?,
        ))
    })
    .await?;
    let now = chrono::Utc::now();
    if heads.is_empty() {
        println!("No casinos yet: nothing to verify.");
    }
    for head in &heads {
        let broken = breaks.iter().find(|b| b.casino_id == head.casino_id);
        match broken {
            None => println!("{}: {} links verified; head {}", head.casino_name, head.links, head.head),
            Some(b) => {
                let at = b.seq.map_or_else(|| "a row outside the chain".to_owned(), |seq| format!("link {seq}"));
                let row = b.audit_id.map(|id| format!(" (audit row {id})")).unwrap_or_default();
                println!("{}: BROKEN at {at}{row}: {}", head.casino_name, b.problem);
            }
        }
        // The tail not linked yet is not verified: a running server links it within a moment.
        if let Some(tail) = pending.iter().find(|p| p.casino_id == head.casino_id) {
            let age = (now - tail.oldest).num_milliseconds() as f64 / 1000.0;
            println!("{}: {} newer rows pending linking, the oldest {age:.1} s old", head.casino_name, tail.rows);
        }
    }
    if !breaks.is_empty() {
        bail!("the audit log has been tampered with in {} casino(s)", breaks.len());
    }
    Ok(())
}
