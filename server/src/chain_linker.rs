//! The audit-chain linker: links the audit rows committed since its last run onto each casino's hash chain
//! (`pitboss::audit::link_pending`), a few times a second.
//!
//! Safe with several servers: each casino is linked under an advisory lock that a second linker skips, and
//! rows stay queued until a linking transaction commits, so a crash at any point leaves them for the next
//! run (on any server, or this one's next start).

use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::watch;

/// The pause between runs when a run found less than a full batch: the chain's usual lag.
const INTERVAL: Duration = Duration::from_millis(200);
/// After a failed run, the wait before the next try.
const RETRY: Duration = Duration::from_secs(5);

/// Starts the task on `pool`; it ends when `stop` turns true.
pub fn start(pool: PgPool, stop: watch::Receiver<bool>) {
    tokio::spawn(async move { crate::background::repeat(stop, || step(&pool)).await });
}

/// One run; how long to wait before the next.
async fn step(pool: &PgPool) -> Duration {
    match link(pool).await {
        Ok(linked) if linked >= i64::from(pitboss::audit::LINK_BATCH) => Duration::ZERO,
        Ok(_) => INTERVAL,
        Err(error) => {
            tracing::warn!(%error, "audit chain linker: retrying in 5 s");
            RETRY
        }
    }
}

/// One run in a transaction of its own.
async fn link(pool: &PgPool) -> sqlx::Result<i64> {
    let mut tx = pool.begin().await?;
    let linked = pitboss::audit::link_pending(&mut tx).await?;
    tx.commit().await?;
    Ok(linked)
}
