//! SQL of a slip's history: its pauses and bet segments, read with the database's clock.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{BetSegment, Pause, SlipId};
use crate::casino::CasinoId;
use crate::money::Cents;

/// One row of [`clock_and_history`]: the clock, with a pause (no bet) or a bet segment of one of the slips, or
/// with neither when they have no history.
struct HistoryRow {
    now: DateTime<Utc>,
    today: NaiveDate,
    slip_id: Option<SlipId>,
    started_at: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
    bet_cents: Option<i64>,
}

/// `query_as!` for [`HistoryRow`]s: `$slips` is the condition on `slip_id` (from `$2`) in both branches.
macro_rules! history_rows {
    ($slips:literal, $casino:expr, $ids:expr) => {
        // The clock row is joined to the history, not selected beside it, so it arrives even with none.
        // `offset 0` keeps it a subquery: pulled up into the join, the gaming day was computed once per pause
        // row (141 ms for a floor with 8,000 pauses, 11 ms with it).
        // language=PostgreSQL
        sqlx::query_as!(
            HistoryRow,
            r#"select c.now as "now!", c.today as "today!", h.slip_id as "slip_id?: SlipId",
                      h.started_at as "started_at?", h.ended_at, h.bet_cents
               from (select app_now() as now, compute_gaming_day($1) as today offset 0) c
               left join (select slip_id, started_at, ended_at, null::bigint as bet_cents, 0::bigint as position
                          from rating_slip_pause
                          where casino_id = $1 and "#
                + $slips
                + r#"
                          union all
                          select slip_id, started_at, null, average_bet_cents, position
                          from rating_slip_bet_segment
                          where casino_id = $1 and "#
                + $slips
                + r#") h on true
               order by h.started_at, h.position"#,
            $casino,
            $ids,
        )
    };
}

/// The database's clock (this transaction's time), the casino's current gaming day, and the pauses and bet
/// segments of the given slips, each as (slip, row) in order of start: one round trip for what deriving
/// figures needs.
pub(super) async fn clock_and_history(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    slips: &[Uuid],
) -> sqlx::Result<Clock> {
    let rows = match slips {
        // No history to read (slips priced from their tallies or kept figures): the clock alone.
        [] => {
            // language=PostgreSQL
            let clock = sqlx::query!(r#"select app_now() as "now!", compute_gaming_day($1) as "today!""#, casino_id.0)
                .fetch_one(conn)
                .await?;
            return Ok(Clock { now: clock.now, today: clock.today, pauses: Vec::new(), segments: Vec::new() });
        }
        // A command's one slip is matched by equality. The generic plan of the array's match, made on a
        // connection before the tables' first statistics (a new database, until autovacuum's first analyze),
        // read every pause of the casino and filtered them, and the connection kept it: 2.2 ms a call after
        // 17,000 pauses, against 0.12 ms (docs/performance.md). Equality on both of the index's columns is
        // the cheapest plan whatever the statistics say.
        [one] => history_rows!("slip_id = $2", casino_id.0, one).fetch_all(conn).await?,
        // The ids reach the plan through `array(select …)`, which the planner cannot look into: with the array
        // in view it judged a plan made for each call's ids cheaper than the shared one and planned every call
        // anew (0.26 ms, the dearest step of a slip command under the benchmark).
        many => {
            history_rows!("slip_id = any(array(select unnest($2::uuid[])))", casino_id.0, many).fetch_all(conn).await?
        }
    };
    let first = rows.first().ok_or(sqlx::Error::RowNotFound)?;
    let (now, today) = (first.now, first.today);
    let (mut pauses, mut segments) = (Vec::new(), Vec::new());
    for row in rows {
        let (Some(slip), Some(start)) = (row.slip_id, row.started_at) else { continue };
        match row.bet_cents {
            Some(bet) => segments.push((slip, BetSegment { from: start, bet: Cents(bet) })),
            None => pauses.push((slip, Pause { start, end: row.ended_at })),
        }
    }
    Ok(Clock { now, today, pauses, segments })
}

/// What [`clock_and_history`] reads.
pub(super) struct Clock {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub pauses: Vec<(SlipId, Pause)>,
    pub segments: Vec<(SlipId, BetSegment)>,
}
