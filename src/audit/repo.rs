//! SQL of the audit log.

use sqlx::PgConnection;

use super::AuditEntry;
use crate::casino::CasinoId;

/// Appends an audit row for `casino_id`; actor and request id come from the transaction context.
///
/// In a transaction running at the instant an operator tapped a queued action (`rating_slip::late::act_at`), the
/// row's `after` also says so: `tapped_at` (when the change took effect) and `recorded_late`; the row's own
/// `occurred_at` stays when it was written.
pub async fn record(conn: &mut PgConnection, casino_id: CasinoId, entry: AuditEntry) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into audit_log (casino_id, action, entity, entity_id, before, after)
         values ($1, $2, $3, $4, $5,
                 case when current_setting('app.tapped', true) = 'on'
                      then coalesce($6, '{}'::jsonb) || jsonb_build_object('tapped_at', app_now(), 'recorded_late', true)
                      else $6 end)",
        casino_id.0,
        entry.action,
        entry.entity.as_str(),
        entry.entity_id,
        entry.before,
        entry.after,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Where a casino's audit chain breaks, as found by `audit_chain_verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The casino whose chain breaks.
    pub casino_id: CasinoId,
    /// The first link that fails (none for an audit row missing from the chain).
    pub seq: Option<i64>,
    /// The audit row concerned, when known.
    pub audit_id: Option<uuid::Uuid>,
    /// What is wrong, in words.
    pub problem: String,
}

/// The end of one casino's chain: anchor `head` somewhere else to detect a truncated tail later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// The casino.
    pub casino_id: CasinoId,
    /// Its name.
    pub casino_name: String,
    /// How many links (audit rows) the chain has.
    pub links: i64,
    /// The last link's hash, hex.
    pub head: String,
}

/// The first broken link of every casino's audit chain; empty when all verify. Needs a connection that sees
/// every casino (the operator's).
pub async fn verify_chain(conn: &mut PgConnection) -> sqlx::Result<Vec<ChainBreak>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select casino_id as "casino_id!: CasinoId", seq, audit_id, problem as "problem!" from audit_chain_verify()"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ChainBreak { casino_id: r.casino_id, seq: r.seq, audit_id: r.audit_id, problem: r.problem })
        .collect())
}

/// Every casino's chain length and last hash.
pub async fn chain_heads(conn: &mut PgConnection) -> sqlx::Result<Vec<ChainHead>> {
    // language=PostgreSQL
    sqlx::query_as!(
        ChainHead,
        r#"select c.id as "casino_id: CasinoId", c.name as casino_name, coalesce(h.seq, 0) as "links!",
                  coalesce(encode(h.hash, 'hex'), '') as "head!"
           from casino c
           left join lateral (select seq, hash from audit_chain a where a.casino_id = c.id order by seq desc limit 1) h on true
           order by c.name"#
    )
    .fetch_all(conn)
    .await
}
