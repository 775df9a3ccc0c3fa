//! Pure decisions of rating: the slip state machine, rated time, bets within the table's limits, the
//! time-weighted average bet and theoretical win, staleness.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::error::Error;
use super::model::{BetSegment, Pause, SlipCommand, SlipStatus};
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
/// The span minus the union of the pauses (clipped to the span; a pause still going lasts until `end`). Never
/// negative, never decreasing as `end` moves later.
pub fn active_seconds(start: DateTime<Utc>, end: DateTime<Utc>, pauses: &[Pause]) -> i64 {
    whole_seconds(active_time(start, end, pauses))
}

/// [`active_seconds`] before rounding down: the exact time rated, which a running slip's tally keeps.
pub fn active_time(start: DateTime<Utc>, end: DateTime<Utc>, pauses: &[Pause]) -> Duration {
    if end <= start {
        return Duration::zero();
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
    (end - start) - paused
}

/// Rated time counts in whole seconds, rounded down.
pub fn whole_seconds(rated: Duration) -> i64 {
    rated.num_seconds().max(0)
}

/// Theoretical win: average bet × house edge × decisions per hour × hours, in whole cents (rounded down).
pub fn theo(average_bet: Cents, house_edge_bps: i32, decisions_per_hour: i32, seconds: i64) -> Cents {
    theo_of(i128::from(average_bet.0) * i128::from(seconds.max(0)), house_edge_bps, decisions_per_hour)
}

/// Theoretical win of `bet_seconds` (each rated second times the bet then in play, summed), in whole cents
/// (rounded down once, so segments priced apart add up to the same cent as one bet would).
fn theo_of(bet_seconds: i128, house_edge_bps: i32, decisions_per_hour: i32) -> Cents {
    // bps / 10 000 = edge; seconds / 3 600 = hours. i128 keeps a week at the highest bet exact.
    let numerator = bet_seconds.max(0) * i128::from(house_edge_bps) * i128::from(decisions_per_hour);
    Cents(i64::try_from(numerator / (10_000 * 3_600)).unwrap_or(i64::MAX))
}

/// What a slip's play is worth between its start and `end`: rated time, the time-weighted average bet and
/// theo, priced segment by segment with pauses excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rated {
    /// Whole seconds rated, pauses excluded.
    pub seconds: i64,
    /// The bet over those seconds, weighted by how long each was played (rounded down); the bet now while
    /// nothing has been rated yet.
    pub average_bet: Cents,
    /// The bet being played now: the last segment's.
    pub current_bet: Cents,
    /// Theoretical win.
    pub theo: Cents,
}

/// Prices a slip from `start` to `end`: each segment's bet over the rated seconds from its start to the
/// next segment's (the first runs from `start` whatever its own instant, the last until `end`).
///
/// A segment's seconds are the difference of the rated time at its two ends, so the segments' seconds add
/// up to exactly the slip's rated time: no second is lost or counted twice at a boundary. `segments` must
/// be in order of start and not empty.
pub fn rate(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    pauses: &[Pause],
    segments: &[BetSegment],
    house_edge_bps: i32,
    decisions_per_hour: i32,
) -> Rated {
    let current_bet = segments.last().map_or(Cents(0), |s| s.bet);
    stretches(start, end, pauses, segments).price(current_bet, house_edge_bps, decisions_per_hour)
}

/// A slip's play at some instant, split where the bet in play now was recorded: what prices it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretches {
    /// Time rated, pauses excluded, before rounding down to whole seconds.
    pub rated: Duration,
    /// Bet-seconds of the stretches played at earlier bets.
    pub earlier_bet_seconds: i128,
    /// Whole seconds rated when the bet in play now was recorded (0 for the slip's first bet).
    pub bet_from_seconds: i64,
}

impl Stretches {
    /// The figures of this play, `bet` being the bet in play now.
    pub fn price(&self, bet: Cents, house_edge_bps: i32, decisions_per_hour: i32) -> Rated {
        let seconds = whole_seconds(self.rated);
        let bet_seconds =
            self.earlier_bet_seconds + i128::from(bet.0) * i128::from((seconds - self.bet_from_seconds).max(0));
        let average_bet = match i128::from(seconds) {
            0 => bet,
            rated => Cents(i64::try_from(bet_seconds / rated).unwrap_or(i64::MAX)),
        };
        Rated { seconds, average_bet, current_bet: bet, theo: theo_of(bet_seconds, house_edge_bps, decisions_per_hour) }
    }
}

/// Splits a slip's play from `start` to `end` at its bet changes, as [`rate`] prices it.
pub fn stretches(start: DateTime<Utc>, end: DateTime<Utc>, pauses: &[Pause], segments: &[BetSegment]) -> Stretches {
    let rated_until = |at: DateTime<Utc>| active_seconds(start, at.clamp(start, end.max(start)), pauses);
    let mut earlier_bet_seconds: i128 = 0;
    let mut bet_from_seconds = 0;
    for (index, segment) in segments.iter().enumerate() {
        let from = rated_until(if index == 0 { start } else { segment.from });
        match segments.get(index + 1) {
            Some(next) => {
                earlier_bet_seconds += i128::from(segment.bet.0) * i128::from((rated_until(next.from) - from).max(0))
            }
            None => bet_from_seconds = from,
        }
    }
    Stretches { rated: active_time(start, end, pauses), earlier_bet_seconds, bet_from_seconds }
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

/// A bet is rated only within the table's limits, both included (`RATING_SLIP_BET_OUTSIDE_LIMITS`).
///
/// A bet the table does not take is a typing slip, and would price theo and points for play that cannot
/// happen.
pub fn check_within_limits(bet: Cents, min: Cents, max: Cents) -> Result<(), Error> {
    check_average_bet(bet)?;
    if bet < min || bet > max { Err(Error::BetOutsideLimits { min, max }) } else { Ok(()) }
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

    fn bet(from: i64, cents: i64) -> BetSegment {
        BetSegment { from: at(from), bet: Cents(cents) }
    }

    #[rstest]
    // $25 for an hour, then $40 for a minute: 2,500 × 3,600 + 4,000 × 60 = 9,240,000 bet-seconds over 3,660 s;
    // theo at 1% and 60 decisions an hour is $15.00 + $0.40.
    #[case::a_change_for_the_last_minute(&[], &[bet(0, 2_500), bet(3_600, 4_000)], 3_660, 3_660, 2_524, 1_540)]
    // The same with 600 s paused in the first stretch and 20 s in the second: 2,500 × 3,000 + 4,000 × 40.
    #[case::pauses_are_not_priced(&[pause(1_800, Some(2_400)), pause(3_620, Some(3_640))],
        &[bet(0, 2_500), bet(3_600, 4_000)], 3_660, 3_040, 2_519, 1_276)]
    // A change made while paused prices only what is rated after it.
    #[case::a_change_during_a_pause(&[pause(600, Some(1_200))], &[bet(0, 1_000), bet(900, 5_000)], 1_800, 1_200, 3_000, 600)]
    // Nothing rated yet: the average is the bet in play.
    #[case::nothing_rated_yet(&[], &[bet(0, 2_500), bet(0, 3_000)], 0, 0, 3_000, 0)]
    // The first segment runs from the slip's start even if stamped later.
    #[case::the_first_segment_starts_with_the_slip(&[], &[bet(5, 2_500)], 3_600, 3_600, 2_500, 1_500)]
    fn play_is_priced_segment_by_segment(
        #[case] pauses: &[Pause],
        #[case] segments: &[BetSegment],
        #[case] end: i64,
        #[case] seconds: i64,
        #[case] average: i64,
        #[case] theo_cents: i64,
    ) {
        let rated = rate(at(0), at(end), pauses, segments, 100, 60);
        assert_eq!((rated.seconds, rated.average_bet, rated.theo), (seconds, Cents(average), Cents(theo_cents)));
        assert_eq!(rated.current_bet, segments.last().expect("a segment").bet);
    }

    #[test]
    fn bets_are_rated_within_the_tables_limits_both_included() {
        let (min, max) = (Cents(1_000), Cents(200_000));
        assert!(check_within_limits(min, min, max).is_ok() && check_within_limits(max, min, max).is_ok());
        for outside in [Cents(999), Cents(200_001), Cents(0), Cents(900_000_000)] {
            let refused = check_within_limits(outside, min, max).expect_err("outside the limits");
            assert_eq!(refused.code(), ErrorCode::RatingSlipBetOutsideLimits, "{outside:?}");
        }
        assert_eq!(
            check_within_limits(Cents(-1), min, max).map_err(|e| e.code()),
            Err(ErrorCode::RatingSlipInvalidAverageBet)
        );
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
        fn segments_split_rated_time_without_losing_or_repeating_a_second(
            pauses in pauses_strategy(),
            changes in prop::collection::vec(0i64..12_000, 0..6),
            end in 0i64..12_000,
        ) {
            // One bet in every segment: priced apart, they must come to what one segment over the whole slip
            // does, to the second and the cent.
            let mut starts = changes;
            starts.sort_unstable();
            let segments: Vec<BetSegment> = std::iter::once(0).chain(starts).map(|from| bet(from, 2_500)).collect();
            let whole = rate(at(0), at(end), &pauses, &[bet(0, 2_500)], 150, 70);
            let split = rate(at(0), at(end), &pauses, &segments, 150, 70);
            prop_assert_eq!(split, whole);
            prop_assert_eq!(whole.seconds, active_seconds(at(0), at(end), &pauses));
            prop_assert_eq!(whole.theo, theo(Cents(2_500), 150, 70, whole.seconds));
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
