//! The project's performance anchor: the minimal slip operation as raw SQL (`tools/bench-anchor/`: a stand-in
//! schema of three tables and a pgbench script — context, locked read, status change, pause row, audit row,
//! notification), run by `pgbench` on the bench's own cluster in a database of its own (its tables share
//! the app's names), as the runtime role so its row-level security applies. Nothing of pitboss runs in it:
//! it is the physical limit of one slip operation on this machine, which the server's pause/resume rate is
//! compared with.

use anyhow::{Context, bail};
use database::EmbeddedCluster;
use sqlx::{Connection, PgConnection};

const SCHEMA: &str = include_str!("../../bench-anchor/slip-op-schema.sql");
const SCRIPT: &str = include_str!("../../bench-anchor/slip-op.pgbench");
const DATABASE: &str = "pitboss_anchor";

/// Lays out the anchor's database afresh and runs its script on `connections` clients for `seconds`;
/// returns pgbench's transactions per second.
pub async fn rate(cluster: &EmbeddedCluster, connections: usize, seconds: u64) -> anyhow::Result<f64> {
    let mut admin = PgConnection::connect_with(&cluster.connect_options("postgres", "postgres")).await?;
    sqlx::raw_sql(&format!("drop database if exists {DATABASE}")).execute(&mut admin).await?;
    sqlx::raw_sql(&format!("create database {DATABASE}")).execute(&mut admin).await?;
    admin.close().await?;
    let mut anchor = PgConnection::connect_with(&cluster.connect_options("postgres", DATABASE)).await?;
    sqlx::raw_sql(SCHEMA).execute(&mut anchor).await?;
    let role = pitboss::db::RUNTIME_ROLE;
    sqlx::raw_sql(&format!(
        "grant select, insert, update on all tables in schema public to {role};
         grant usage on all sequences in schema public to {role};"
    ))
    .execute(&mut anchor)
    .await?;
    anchor.close().await?;

    let script = std::env::temp_dir().join(format!("pitboss-anchor-{}.pgbench", std::process::id()));
    std::fs::write(&script, SCRIPT)?;
    let output = cluster
        .client("pgbench", role, DATABASE)
        .args(["--no-vacuum", "--client", &connections.to_string(), "--jobs", "2", "--time", &seconds.to_string()])
        .arg("--file")
        .arg(&script)
        .output()
        .context("running pgbench (Debian: apt install postgresql-15, which ships it)")?;
    let _ = std::fs::remove_file(&script);
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("pgbench failed: {}{}", text.trim(), String::from_utf8_lossy(&output.stderr).trim());
    }
    tps(&text).with_context(|| format!("no tps line in pgbench's output:\n{text}"))
}

/// pgbench's "tps = 1234.5 (without initial connection time)".
fn tps(output: &str) -> Option<f64> {
    output.lines().find_map(|line| line.trim().strip_prefix("tps = ")?.split_whitespace().next()?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::tps;

    #[test]
    fn the_rate_is_read_from_pgbench_output() {
        let output = "number of failed transactions: 0 (0.000%)\nlatency average = 7.9 ms\n\
                      initial connection time = 12.3 ms\ntps = 1263.402104 (without initial connection time)\n";
        assert_eq!(tps(output), Some(1263.402104));
        assert_eq!(tps("pgbench: error: connection refused"), None);
    }
}
