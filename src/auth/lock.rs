//! Sign-in locks as an admin sees them: who is locked out now, and lifting a lock before it runs out.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::{repo, rules};
use crate::casino::{CasinoId, StaffId};

/// A lock an admin lifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiftedLock {
    /// When it would have lifted by itself.
    pub until: DateTime<Utc>,
    /// How many failed attempts were forgotten.
    pub failures_forgotten: u64,
}

/// When each of the casino's staff now locked out of signing in may try again.
///
/// Only the casino's admins see its staff's attempts (row-level security): for anyone else nobody is locked.
pub async fn locked_staff(
    conn: &mut PgConnection,
    casino_id: CasinoId,
) -> sqlx::Result<HashMap<StaffId, DateTime<Utc>>> {
    let (failures, now) = repo::casino_failures(conn, casino_id, rules::THROTTLE_WINDOW.num_seconds()).await?;
    let mut by_staff: HashMap<StaffId, Vec<DateTime<Utc>>> = HashMap::new();
    for (staff_id, at) in failures {
        by_staff.entry(staff_id).or_default().push(at);
    }
    Ok(by_staff
        .into_iter()
        .filter_map(|(staff_id, failures)| rules::throttled_until(&failures, now).map(|until| (staff_id, until)))
        .collect())
}

/// Until when `email` (stored form) is locked out of signing in; `None` when it may sign in now.
///
/// Only the admins of the casino the email belongs to see its attempts (row-level security).
pub async fn locked_until(conn: &mut PgConnection, email: &str) -> sqlx::Result<Option<DateTime<Utc>>> {
    let (failures, now) = repo::recent_failures(conn, email).await?;
    Ok(rules::throttled_until(&failures, now))
}

/// Lifts the lock on `email` (stored form) by forgetting its failed attempts; `None` when it is not locked.
///
/// Runs in the caller's transaction, as an admin of the casino the email belongs to (row-level security).
pub async fn lift_lock(conn: &mut PgConnection, email: &str) -> sqlx::Result<Option<LiftedLock>> {
    let Some(until) = locked_until(conn, email).await? else {
        return Ok(None);
    };
    let failures_forgotten = repo::forget_failures(conn, email).await?;
    Ok(Some(LiftedLock { until, failures_forgotten }))
}
