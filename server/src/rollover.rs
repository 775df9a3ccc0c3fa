//! The gaming-day rollover task: rolls every casino over (`pitboss::floor::roll_over_all`).
//!
//! It wakes when a casino's next gaming day starts, and at least once a minute, to catch up after downtime or
//! a changed start time.
//!
//! Safe with several servers: each casino's rollover takes an advisory lock, and a second server finds
//! nothing left to do.

use std::time::Duration;

use chrono::Utc;
use sqlx::PgPool;
use tokio::sync::watch;

/// The longest sleep between two runs.
const MAX_SLEEP: Duration = Duration::from_secs(60);
/// After a failed run, the wait before the next try.
const RETRY: Duration = Duration::from_secs(5);
/// Woken this long after a gaming day starts, so the new day has begun on the database's clock too.
const AFTER_START: Duration = Duration::from_millis(200);

/// Starts the task on `pool`; it ends when `stop` turns true.
pub fn start(pool: PgPool, stop: watch::Receiver<bool>) {
    tokio::spawn(async move { crate::background::repeat(stop, || step(&pool)).await });
}

/// One run; how long to wait before the next.
async fn step(pool: &PgPool) -> Duration {
    match pitboss::floor::roll_over_all(pool, Utc::now()).await {
        Ok((done, next)) => {
            for rollover in &done {
                let slips: usize = rollover.visits.iter().map(|v| v.slips.len()).sum();
                let refused = rollover.visits.iter().filter(|v| v.refused.is_some()).count();
                tracing::info!(
                    casino_id = %rollover.casino_id.0, gaming_day = %rollover.gaming_day, at = %rollover.at,
                    visits = rollover.visits.len(), slips, refused, "gaming day rolled over"
                );
            }
            next.at
                .map_or(MAX_SLEEP, |at| ((at - Utc::now()).to_std().unwrap_or_default() + AFTER_START).min(MAX_SLEEP))
        }
        Err(error) => {
            tracing::warn!(%error, "gaming-day rollover: retrying in 5 s");
            RETRY
        }
    }
}
