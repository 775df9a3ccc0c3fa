//! SQL of actions a tablet queued while offline: the bounds a tapped instant must keep, and the clock it sets.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::casino::CasinoId;

/// What bounds a tapped action: the server's clock, the casino's window, and the latest change of the running
/// slips it touches.
pub(super) struct TapBounds {
    pub now: DateTime<Utc>,
    pub window_minutes: i32,
    pub last_change: Option<DateTime<Utc>>,
}

/// Locks the running slips a tapped action touches, then reads its bounds in a second statement: one statement
/// would read the pauses and segments from a snapshot taken before the lock was granted.
pub(super) async fn tap_bounds(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    on: super::late::Tapped,
) -> sqlx::Result<TapBounds> {
    use super::late::Tapped;
    let (slip, visit) = match on {
        Tapped::Slip(id) => (Some(id.0), None),
        Tapped::Visit(id) => (None, Some(id.0)),
    };
    // language=PostgreSQL
    let running: Vec<Uuid> = sqlx::query_scalar!(
        "select id from rating_slip
         where casino_id = $1 and (id = $2 or visit_id = $3) and status <> 'closed'
         order by id
         for update",
        casino_id.0,
        slip,
        visit,
    )
    .fetch_all(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query_as!(
        TapBounds,
        r#"select app_now() as "now!", s.late_action_minutes as "window_minutes!",
                  (select max(t) from (
                       select started_at as t from rating_slip where casino_id = $1 and id = any($2)
                       union all
                       select coalesce(ended_at, started_at) from rating_slip_pause where casino_id = $1 and slip_id = any($2)
                       union all
                       select started_at from rating_slip_bet_segment where casino_id = $1 and slip_id = any($2)
                   ) history) as last_change
           from casino_settings s where s.casino_id = $1"#,
        casino_id.0,
        &running,
    )
    .fetch_one(conn)
    .await
}

/// Sets the transaction's clock to `at` and marks the transaction's audit rows as recorded late.
pub(super) async fn set_tapped_clock(conn: &mut PgConnection, at: DateTime<Utc>) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        r#"select set_config('app.clock', $1, true) as "clock", set_config('app.tapped', 'on', true) as "tapped""#,
        at.to_rfc3339(),
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}
