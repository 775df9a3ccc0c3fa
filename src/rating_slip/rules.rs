//! Pure decisions of rating: the slip state machine, rated time, theoretical win, staleness.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::error::Error;
use super::model::{Pause, SlipCommand, SlipStatus};
use crate::casino::StaffRole;
use crate::money::Cents;

/// A slip running longer than this is flagged for the pit boss.
pub const STALE_AFTER: Duration = Duration::hours(12);

/// Rating is the pit's (`docs/architecture.md#roles`).
pub fn may_rate(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// The slip's status after `command`, or `RATING_SLIP_INVALID_STATE`: open ⇄ paused → closed.
pub fn next_status(status: SlipStatus, command: SlipCommand) -> Result<SlipStatus, Error> {
    use SlipCommand::*;
    use SlipStatus::*;
    match (status, command) {
        (Open, Pause) => Ok(Paused),
        (Paused, Resume) => Ok(Open),
        (Open | Paused, Close) => Ok(Closed),
        (Open | Paused, UpdateAverageBet) => Ok(status),
        _ => Err(Error::InvalidState { status, command }),
    }
}

/// Whole seconds rated between `start` and `end`, pauses excluded.
///
/// The span minus the union of the pauses (clipped to the span; a pause still going lasts until `end`). Never negative, never decreasing as `end`
/// moves later.
pub fn active_seconds(start: DateTime<Utc>, end: DateTime<Utc>, pauses: &[Pause]) -> i64 {
    if end <= start {
        return 0;
    }
    let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = pauses
        .iter()
        .map(|p| (p.start.max(start), p.end.unwrap_or(end).min(end)))
        .filter(|(from, to)| from < to)
        .collect();
    spans.sort();
    let mut paused = Duration::zero();
    let mut covered_until = start;
    for (from, to) in spans {
        let from = from.max(covered_until);
        if to > from {
            paused += to - from;
            covered_until = to;
        }
    }
    ((end - start) - paused).num_seconds().max(0)
}

/// Theoretical win: average bet × house edge × decisions per hour × hours, in whole cents (rounded down).
pub fn theo(average_bet: Cents, house_edge_bps: i32, decisions_per_hour: i32, seconds: i64) -> Cents {
    // bps / 10 000 = edge; seconds / 3 600 = hours. i128 keeps a week at a million-dollar bet exact.
    let numerator = i128::from(average_bet.0)
        * i128::from(house_edge_bps)
        * i128::from(decisions_per_hour)
        * i128::from(seconds.max(0));
    Cents(i64::try_from(numerator / (10_000 * 3_600)).unwrap_or(i64::MAX))
}

/// Whether a running slip needs the pit boss's attention: begun on an earlier gaming day, or running longer
/// than [`STALE_AFTER`].
pub fn is_stale(slip_day: NaiveDate, today: NaiveDate, started_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    slip_day < today || now - started_at > STALE_AFTER
}

/// The highest average bet a slip takes: $10,000,000, far above any table's limit, low enough that theo and
/// points stay exact.
pub const MAX_AVERAGE_BET: Cents = Cents(1_000_000_000);

/// An average bet is zero or more, and at most [`MAX_AVERAGE_BET`].
pub fn check_average_bet(bet: Cents) -> Result<(), Error> {
    if bet.0 < 0 || bet > MAX_AVERAGE_BET { Err(Error::InvalidAverageBet) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DomainError, ErrorCode};
    use SlipCommand::{Close, Resume, UpdateAverageBet};
    use SlipStatus::{Closed, Open, Paused};
    use chrono::TimeZone;
    use proptest::prelude::*;
    use rstest::rstest;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 20, 0, 0).single().expect("valid") + Duration::seconds(seconds)
    }

    fn pause(from: i64, to: Option<i64>) -> Pause {
        Pause { start: at(from), end: to.map(at) }
    }

    /// Every (state, command) pair: the next state, or the code the pit sees.
    #[rstest]
    #[case(Open, SlipCommand::Pause, Ok(Paused))]
    #[case(Open, Resume, Err(ErrorCode::RatingSlipInvalidState))]
    #[case(Open, Close, Ok(Closed))]
    #[case(Open, UpdateAverageBet, Ok(Open))]
    #[case(Paused, SlipCommand::Pause, Err(ErrorCode::RatingSlipInvalidState))]
    #[case(Paused, Resume, Ok(Open))]
    #[case(Paused, Close, Ok(Closed))]
    #[case(Paused, UpdateAverageBet, Ok(Paused))]
    #[case(Closed, SlipCommand::Pause, Err(ErrorCode::RatingSlipInvalidState))]
    #[case(Closed, Resume, Err(ErrorCode::RatingSlipInvalidState))]
    #[case(Closed, Close, Err(ErrorCode::RatingSlipInvalidState))]
    #[case(Closed, UpdateAverageBet, Err(ErrorCode::RatingSlipInvalidState))]
    fn the_slip_state_machine(
        #[case] status: SlipStatus,
        #[case] command: SlipCommand,
        #[case] expected: Result<SlipStatus, ErrorCode>,
    ) {
        assert_eq!(next_status(status, command).map_err(|e| e.code()), expected);
    }

    #[rstest]
    #[case::no_pauses(&[], 3_600, 3_600)]
    #[case::one_pause(&[pause(600, Some(900))], 3_600, 3_300)]
    #[case::several_pauses(&[pause(100, Some(200)), pause(1_000, Some(1_600)), pause(3_000, Some(3_060))], 3_600, 2_840)]
    #[case::overlapping_pauses(&[pause(100, Some(500)), pause(300, Some(700))], 1_000, 400)]
    #[case::pause_still_open_at_close(&[pause(3_000, None)], 3_600, 3_000)]
    #[case::pause_before_start_is_clipped(&[pause(-500, Some(60))], 600, 540)]
    #[case::pause_past_the_end_is_clipped(&[pause(500, Some(5_000))], 600, 500)]
    #[case::fractions_of_a_second_round_down(&[], 0, 0)]
    fn rated_time_excludes_pauses(#[case] pauses: &[Pause], #[case] end: i64, #[case] expected: i64) {
        assert_eq!(active_seconds(at(0), at(end), pauses), expected);
    }

    #[test]
    fn average_bets_run_from_zero_to_the_ceiling() {
        assert!(check_average_bet(Cents(0)).is_ok() && check_average_bet(MAX_AVERAGE_BET).is_ok());
        assert!(check_average_bet(Cents(-1)).is_err() && check_average_bet(Cents(MAX_AVERAGE_BET.0 + 1)).is_err());
    }

    #[test]
    fn an_end_before_the_start_rates_nothing() {
        assert_eq!(active_seconds(at(100), at(50), &[]), 0);
    }

    #[test]
    fn partial_seconds_do_not_count() {
        let end = at(10) + Duration::milliseconds(999);
        assert_eq!(active_seconds(at(0), end, &[]), 10);
    }

    #[rstest]
    // The reference example (reference/pit-operations.md §2.1): 4 h × $25 × 60/h × 1% = $60.
    #[case(2_500, 100, 60, 4 * 3_600, 6_000)]
    // Mini-baccarat, $100 × 2 h × 72 × 1.2% = $172.80.
    #[case(10_000, 120, 72, 2 * 3_600, 17_280)]
    #[case(2_500, 100, 60, 0, 0)]
    #[case(1, 1, 1, 1, 0)]
    fn theo_is_bet_times_edge_times_pace_times_hours(
        #[case] bet: i64,
        #[case] bps: i32,
        #[case] per_hour: i32,
        #[case] seconds: i64,
        #[case] cents: i64,
    ) {
        assert_eq!(theo(Cents(bet), bps, per_hour, seconds), Cents(cents));
    }

    #[rstest]
    #[case("2026-11-28", "2026-11-28", 3_600, false)]
    #[case("2026-11-27", "2026-11-28", 60, true)]
    #[case("2026-11-28", "2026-11-28", 12 * 3_600, false)]
    #[case("2026-11-28", "2026-11-28", 12 * 3_600 + 1, true)]
    fn stale_slips_are_flagged(#[case] day: &str, #[case] today: &str, #[case] running: i64, #[case] stale: bool) {
        let (day, today) = (day.parse().expect("date"), today.parse().expect("date"));
        assert_eq!(is_stale(day, today, at(0), at(running)), stale);
    }

    fn pauses_strategy() -> impl Strategy<Value = Vec<Pause>> {
        prop::collection::vec((0i64..10_000, prop::option::of(0i64..5_000)), 0..6)
            .prop_map(|raw| raw.into_iter().map(|(from, length)| pause(from, length.map(|l| from + l))).collect())
    }

    proptest! {
        #[test]
        fn rated_time_is_never_negative_nor_more_than_the_span(pauses in pauses_strategy(), end in -100i64..20_000) {
            let seconds = active_seconds(at(0), at(end), &pauses);
            prop_assert!(seconds >= 0);
            prop_assert!(seconds <= end.max(0));
        }

        #[test]
        fn rated_time_never_decreases_as_time_moves_on(pauses in pauses_strategy(), end in 0i64..20_000, later in 0i64..5_000) {
            prop_assert!(active_seconds(at(0), at(end + later), &pauses) >= active_seconds(at(0), at(end), &pauses));
        }

        #[test]
        fn rated_time_is_the_span_minus_the_union_of_pauses(pauses in pauses_strategy(), end in 0i64..12_000) {
            // Independent check: count the seconds of the span that no pause covers.
            let paused_at = |s: i64| pauses.iter().any(|p| {
                let from = (p.start - at(0)).num_seconds();
                let to = p.end.map_or(end, |e| (e - at(0)).num_seconds());
                from <= s && s < to
            });
            let expected = (0..end).filter(|s| !paused_at(*s)).count() as i64;
            prop_assert_eq!(active_seconds(at(0), at(end), &pauses), expected);
        }
    }
}
