//! Actions a tablet queued while it was offline, applied at the instant they were tapped.
//!
//! A pause that reaches the server ten minutes after the tap must stop the clock ten minutes ago, or the slip
//! rates ten minutes that were not played. The server trusts the tablet's instant only within bounds: not after
//! its own clock (beyond a few seconds of clock drift), not before the slip's last change (history is not
//! rewritten), not older than the casino's `late_action_minutes`.

use chrono::{DateTime, Duration, Utc};

use super::error::Error;

/// How far ahead of the server's clock a tablet's clock may run: tablets drift by seconds, not minutes.
pub const CLOCK_SKEW: Duration = Duration::seconds(10);

/// The instant a tapped action takes effect at, or why it may not.
///
/// `now` is the server's clock, `window_minutes` the casino's `late_action_minutes`, `last_change` the latest
/// instant in the history of the slips the action touches (none when it touches no running slip). A tap ahead of
/// `now` by at most [`CLOCK_SKEW`] takes effect now.
pub fn effective_instant(
    tapped: DateTime<Utc>,
    now: DateTime<Utc>,
    window_minutes: i32,
    last_change: Option<DateTime<Utc>>,
) -> Result<DateTime<Utc>, Error> {
    if tapped > now + CLOCK_SKEW {
        return Err(Error::TappedInFuture);
    }
    if tapped < now - Duration::minutes(i64::from(window_minutes)) {
        return Err(Error::TappedTooLongAgo { window_minutes });
    }
    let at = tapped.min(now);
    match last_change {
        Some(last) if at < last => Err(Error::TappedBeforeLastChange { last_change: last }),
        _ => Ok(at),
    }
}

/// What a tapped action touches: one slip, or every running slip of a visit (a check-out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tapped {
    /// A pause, resume, close or move of this slip.
    Slip(super::SlipId),
    /// A check-out of this visit.
    Visit(crate::visit::VisitId),
}

/// Runs the rest of the caller's transaction at `tapped`, the instant an operator tapped an action that could
/// not be sent at once, and marks its audit rows as recorded late.
///
/// Call first in the action's transaction, before the action itself. Locks the running slips the action
/// touches, so no change can slip in between this check and the action. Pit bosses and admins (`FORBIDDEN`);
/// `ACTION_TAPPED_IN_FUTURE`, `ACTION_TAPPED_TOO_LONG_AGO`, `ACTION_TAPPED_BEFORE_LAST_CHANGE`. `None` (an
/// action sent when it was tapped) does nothing: the transaction stays on the database's clock.
#[cfg(feature = "db")]
pub async fn act_at(
    conn: &mut sqlx::PgConnection,
    actor: &crate::actor::Actor,
    tapped: Option<DateTime<Utc>>,
    on: Tapped,
) -> Result<(), Error> {
    let Some(tapped) = tapped else { return Ok(()) };
    if !super::rules::may_rate(actor.role) {
        return Err(Error::Forbidden);
    }
    let bounds = super::late_repo::tap_bounds(conn, actor.casino_id, on).await?;
    let at = effective_instant(tapped, bounds.now, bounds.window_minutes, bounds.last_change)?;
    super::late_repo::set_tapped_clock(conn, at).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DomainError, ErrorCode};
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, 20, 0, 0).single().expect("valid") + Duration::seconds(seconds)
    }

    fn code(result: Result<DateTime<Utc>, Error>) -> Result<DateTime<Utc>, ErrorCode> {
        result.map_err(|e| e.code())
    }

    #[test]
    fn a_tap_within_the_bounds_takes_effect_when_it_was_made() {
        assert_eq!(code(effective_instant(at(-600), at(0), 30, Some(at(-900)))), Ok(at(-600)));
        assert_eq!(code(effective_instant(at(-1_800), at(0), 30, None)), Ok(at(-1_800)), "the window's edge");
        assert_eq!(code(effective_instant(at(-900), at(0), 30, Some(at(-900)))), Ok(at(-900)), "the last change");
    }

    #[test]
    fn a_tablet_clock_slightly_ahead_acts_now_and_one_far_ahead_is_refused() {
        assert_eq!(code(effective_instant(at(10), at(0), 30, None)), Ok(at(0)));
        assert_eq!(code(effective_instant(at(11), at(0), 30, None)), Err(ErrorCode::ActionTappedInFuture));
    }

    #[test]
    fn a_tap_older_than_the_window_or_before_the_last_change_is_refused() {
        assert_eq!(code(effective_instant(at(-1_801), at(0), 30, None)), Err(ErrorCode::ActionTappedTooLongAgo));
        assert_eq!(
            code(effective_instant(at(-61), at(0), 30, Some(at(-60)))),
            Err(ErrorCode::ActionTappedBeforeLastChange)
        );
        // Ahead of the server, but the slip changed after the server's clock: still refused, not moved to now.
        assert_eq!(
            code(effective_instant(at(5), at(0), 30, Some(at(3)))),
            Err(ErrorCode::ActionTappedBeforeLastChange)
        );
    }

    proptest! {
        /// An accepted instant is never in the server's future, never before the slip's history, never older
        /// than the window.
        #[test]
        fn an_accepted_instant_lies_within_every_bound(
            tapped in -4_000i64..4_000, last in proptest::option::of(-4_000i64..0), window in 1i32..=60,
        ) {
            if let Ok(instant) = effective_instant(at(tapped), at(0), window, last.map(at)) {
                prop_assert!(instant <= at(0));
                prop_assert!(instant >= at(0) - Duration::minutes(i64::from(window)));
                prop_assert!(last.is_none_or(|l| instant >= at(l)));
            }
        }
    }
}
