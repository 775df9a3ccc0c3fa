//! The background half of the hash chain: audit rows are queued by their writing transaction and linked
//! after commit, in batches (`audit_chain_link_pending`), so a casino's commits do not wait for each other.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::casino::CasinoId;

/// How many queued rows one run links per casino at most; a full batch means there may be more.
pub const LINK_BATCH: i32 = 1000;

/// Audit rows of one casino waiting to be linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainPending {
    /// The casino.
    pub casino_id: CasinoId,
    /// How many rows wait.
    pub rows: i64,
    /// When the oldest of them was written.
    pub oldest: DateTime<Utc>,
}

/// Links up to [`LINK_BATCH`] queued rows per casino onto its chain; returns how many.
///
/// Runs in the caller's transaction. A casino another linker holds is left to it, so any number of servers
/// may run this at once.
pub async fn link_pending(conn: &mut PgConnection) -> sqlx::Result<i64> {
    // language=PostgreSQL
    let linked =
        sqlx::query_scalar!(r#"select audit_chain_link_pending($1) as "linked!""#, LINK_BATCH).fetch_one(conn).await?;
    Ok(i64::from(linked))
}

/// Links until nothing linkable is left (rows committed meanwhile included); returns how many.
pub async fn link_all(conn: &mut PgConnection) -> sqlx::Result<i64> {
    let mut total = 0;
    loop {
        let linked = link_pending(conn).await?;
        total += linked;
        if linked < i64::from(LINK_BATCH) {
            return Ok(total);
        }
    }
}

/// The rows waiting to be linked, per casino the connection sees.
pub async fn pending(conn: &mut PgConnection) -> sqlx::Result<Vec<ChainPending>> {
    // language=PostgreSQL
    sqlx::query_as!(
        ChainPending,
        r#"select casino_id as "casino_id!: CasinoId", pending as "rows!", oldest as "oldest!"
           from audit_chain_pending_status() order by casino_id"#
    )
    .fetch_all(conn)
    .await
}
