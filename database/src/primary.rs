//! Following the primary of a replicated database through a failover, without a restart.
//!
//! sqlx connects to one host. The failover manager (`pg_auto_failover`, `docs/runbooks/high-availability.md`)
//! promotes a standby and demotes the old primary, but tells nobody; libpq clients follow with a multi-host
//! URL and `target_session_attrs=read-write`, which sqlx does not implement. So pitboss does what libpq does:
//! it probes the hosts the URL lists for the one that takes writes, points the pool there
//! (`Pool::set_connect_options`), and retires the connections opened before the move. No proxy sits in the
//! request path, and the multi-host URL is the one `pg_autoctl show uri` prints.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool};
use sqlx::{ConnectOptions, Connection};
use tokio::time::Instant;

/// How often the current primary is checked. A failover takes seconds, so this adds at most one to it.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// A host that does not answer within this is not the primary for now.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Whether `options` reaches a server that takes writes now: not a standby in recovery, and not one set
/// read-only (a primary being demoted).
pub async fn is_writable_primary(options: &PgConnectOptions) -> bool {
    let probe = async {
        let mut conn = options.connect().await?;
        let writable: bool =
            sqlx::query_scalar("select not pg_is_in_recovery() and current_setting('transaction_read_only') = 'off'")
                .fetch_one(&mut conn)
                .await?;
        conn.close().await.ok();
        Ok::<_, sqlx::Error>(writable)
    };
    matches!(tokio::time::timeout(PROBE_TIMEOUT, probe).await, Ok(Ok(true)))
}

/// The first of `hosts` that is the primary now, if any.
pub async fn find_primary(hosts: &[PgConnectOptions]) -> Option<usize> {
    for (index, host) in hosts.iter().enumerate() {
        if is_writable_primary(host).await {
            return Some(index);
        }
    }
    None
}

/// When the pool last moved to another host: connections older than that lead to the old primary.
#[derive(Debug, Default)]
pub struct LastMove(Mutex<Option<Instant>>);

impl LastMove {
    /// Whether a connection opened `age` ago may still be used: it was opened after the last move.
    pub fn keeps(&self, age: Duration) -> bool {
        let moved = *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        moved.is_none_or(|at| age < at.elapsed())
    }

    fn record(&self) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Instant::now());
    }
}

/// Keeps `pool` pointed at whichever of `hosts` is the primary, starting from `current`, until the pool
/// closes. Connections opened before a move are retired through `moved` (the pool's `before_acquire`).
pub fn follow(pool: PgPool, hosts: Vec<PgConnectOptions>, mut current: usize, moved: Arc<LastMove>) {
    tokio::spawn(async move {
        let mut lost_since: Option<Instant> = None;
        while !pool.is_closed() {
            tokio::time::sleep(CHECK_EVERY).await;
            if is_writable_primary(&hosts[current]).await {
                lost_since = None;
                continue;
            }
            let since = *lost_since.get_or_insert_with(Instant::now);
            let found = find_primary(&hosts).await;
            match found {
                Some(index) if index != current => {
                    pool.set_connect_options(hosts[index].clone());
                    moved.record();
                    tracing::warn!(
                        db.host = %hosts[index].get_host(),
                        db.port = hosts[index].get_port(),
                        searched_ms = since.elapsed().as_millis() as u64,
                        "database primary moved; following it"
                    );
                    current = index;
                    lost_since = None;
                }
                Some(_) => lost_since = None,
                None => tracing::warn!(waited_ms = since.elapsed().as_millis() as u64, "no database primary yet"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::LastMove;
    use std::time::Duration;

    #[test]
    fn connections_opened_before_a_move_are_retired() {
        let moved = LastMove::default();
        assert!(moved.keeps(Duration::from_secs(3_600)), "nothing moved yet");
        moved.record();
        std::thread::sleep(Duration::from_millis(20));
        assert!(!moved.keeps(Duration::from_secs(1)), "opened before the move");
        assert!(moved.keeps(Duration::from_millis(1)), "opened after the move");
    }
}
