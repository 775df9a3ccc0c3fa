//! A running slip's figures kept on its row as of its last change, so that pricing it needs none of its history.
//!
//! Rated time moves only while the slip is open, and a bet prices only what is rated after it was recorded: what
//! a slip had earned by its last pause, resume or bet change stays as it was. The tally keeps that, the rated time
//! to the microsecond so that whole seconds round down exactly as [`rules::rate`] rounds them over the whole
//! history, and pricing the slip later adds only the time since. The property tests below hold every sequence of
//! commands to [`rules::rate`].

use chrono::{DateTime, Duration, Utc};

use super::model::{BetSegment, Pause};
use super::rules::{self, Rated, Stretches};
use crate::money::Cents;

/// What a running slip had earned at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// The instant it is kept as of: the slip's start or its last pause, resume or bet change.
    pub at: DateTime<Utc>,
    /// The play until `at`, its rated time to the microsecond; its earlier bet-seconds always fit the `bigint`
    /// column they are kept in (every way of making a tally checks).
    pub played: Stretches,
}

impl Tally {
    /// A slip starting at `at`: nothing rated yet.
    pub fn start(at: DateTime<Utc>) -> Self {
        Self { at, played: Stretches { rated: Duration::zero(), earlier_bet_seconds: 0, bet_from_seconds: 0 } }
    }

    /// The tally carried on to `now`: the time since counts unless the slip is paused.
    ///
    /// `None` when `now` is before the tally's instant: a transaction whose clock started before the slip's last
    /// change committed. Only the history prices such a slip (a pause may end before it began there).
    pub fn at(&self, now: DateTime<Utc>, paused: bool) -> Option<Self> {
        if now < self.at {
            return None;
        }
        let rated = if paused { self.played.rated } else { self.played.rated + (now - self.at) };
        Some(Self { at: now, played: Stretches { rated, ..self.played } })
    }

    /// The tally once a new bet is recorded at its instant, `previous` being the bet played until then.
    pub fn with_new_bet(&self, previous: Cents) -> Option<Self> {
        let seconds = rules::whole_seconds(self.played.rated);
        let last = i128::from(previous.0) * i128::from((seconds - self.played.bet_from_seconds).max(0));
        let earlier_bet_seconds = self.played.earlier_bet_seconds + last;
        Self::kept(self.at, Stretches { earlier_bet_seconds, bet_from_seconds: seconds, ..self.played })
    }

    /// The slip's figures at the tally's instant, `bet` being the bet in play.
    pub fn rate(&self, bet: Cents, house_edge_bps: i32, decisions_per_hour: i32) -> Rated {
        self.played.price(bet, house_edge_bps, decisions_per_hour)
    }

    /// The tally of a slip with this history at `now`, so that it prices as the history does from then on.
    ///
    /// `None` when the history is not one the commands could have written by `now`: a change after `now`, a pause
    /// going on an open slip (or none on a paused one), a last bet other than `bet` (the one in play), no bet, or
    /// bet-seconds too many to keep.
    pub fn from_history(
        start: DateTime<Utc>,
        now: DateTime<Utc>,
        pauses: &[Pause],
        segments: &[BetSegment],
        paused: bool,
        bet: Cents,
    ) -> Option<Self> {
        let mut instants =
            pauses.iter().flat_map(|p| [Some(p.start), p.end]).flatten().chain(segments.iter().map(|s| s.from));
        if now < start || instants.any(|t| t > now) || pauses.iter().any(|p| p.end.is_none()) != paused {
            return None;
        }
        if segments.last()?.bet != bet {
            return None;
        }
        Self::kept(now, rules::stretches(start, now, pauses, segments))
    }

    /// A tally of `played` at `at`, unless its earlier bet-seconds would not fit their column.
    fn kept(at: DateTime<Utc>, played: Stretches) -> Option<Self> {
        i64::try_from(played.earlier_bet_seconds).is_ok().then_some(Self { at, played })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(millis: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 20, 0, 0).single().expect("valid") + Duration::milliseconds(millis)
    }

    /// One command the pit can send to a running slip, `after` milliseconds after the one before.
    #[derive(Debug, Clone, Copy)]
    enum Step {
        Toggle { after: i64 },
        Bet { after: i64, cents: i64 },
    }

    fn steps() -> impl Strategy<Value = Vec<Step>> {
        // Sub-second gaps too (and none at all), where rounding to whole seconds could drift.
        let gap = prop_oneof![0i64..3, 0i64..2_000, 0i64..900_000];
        let step = prop_oneof![
            gap.clone().prop_map(|after| Step::Toggle { after }),
            (gap, 0i64..200_000).prop_map(|(after, cents)| Step::Bet { after, cents }),
        ];
        prop::collection::vec(step, 0..24)
    }

    /// The history a slip's commands write, and the tally they keep beside it, step by step.
    struct Played {
        pauses: Vec<Pause>,
        segments: Vec<BetSegment>,
        tally: Tally,
        paused: bool,
        now: DateTime<Utc>,
    }

    fn play(steps: &[Step], first_bet: i64) -> Played {
        let start = at(0);
        let mut slip = Played {
            pauses: Vec::new(),
            segments: vec![BetSegment { from: start, bet: Cents(first_bet) }],
            tally: Tally::start(start),
            paused: false,
            now: start,
        };
        for step in steps {
            let (Step::Toggle { after } | Step::Bet { after, .. }) = *step;
            slip.now += Duration::milliseconds(after);
            let moved = slip.tally.at(slip.now, slip.paused).expect("time moves on");
            slip.tally = match *step {
                Step::Toggle { .. } if slip.paused => {
                    let pause = slip.pauses.last_mut().expect("a pause going");
                    pause.end = Some(slip.now.max(pause.start));
                    moved
                }
                Step::Toggle { .. } => {
                    slip.pauses.push(Pause { start: slip.now, end: None });
                    moved
                }
                Step::Bet { cents, .. } => {
                    let previous = slip.segments.last().expect("a bet").bet;
                    slip.segments.push(BetSegment { from: slip.now, bet: Cents(cents) });
                    moved.with_new_bet(previous).expect("no overflow")
                }
            };
            if matches!(step, Step::Toggle { .. }) {
                slip.paused = !slip.paused;
            }
        }
        slip
    }

    proptest! {
        #[test]
        fn a_tally_prices_a_slip_as_its_whole_history_does(
            steps in steps(),
            first_bet in 0i64..200_000,
            later in prop_oneof![0i64..3, 0i64..5_000, 0i64..50_000_000],
        ) {
            let slip = play(&steps, first_bet);
            let bet = slip.segments.last().expect("a bet").bet;
            let now = slip.now + Duration::milliseconds(later);
            let from_tally = slip.tally.at(now, slip.paused).expect("later").rate(bet, 150, 70);
            prop_assert_eq!(from_tally, rules::rate(at(0), now, &slip.pauses, &slip.segments, 150, 70));
        }

        #[test]
        fn a_tally_read_back_from_the_history_is_the_one_kept(steps in steps(), first_bet in 0i64..200_000) {
            let slip = play(&steps, first_bet);
            let bet = slip.segments.last().expect("a bet").bet;
            let derived = Tally::from_history(at(0), slip.now, &slip.pauses, &slip.segments, slip.paused, bet);
            prop_assert_eq!(derived, Some(slip.tally));
        }
    }

    #[test]
    fn a_history_the_commands_could_not_have_written_by_then_has_no_tally() {
        let bet = [BetSegment { from: at(0), bet: Cents(2_500) }];
        let going = [Pause { start: at(1_000), end: None }];
        let ended = [Pause { start: at(1_000), end: Some(at(9_000)) }];
        assert!(Tally::from_history(at(0), at(5_000), &going, &bet, true, Cents(2_500)).is_some());
        // A pause that ends after the instant, a pause going on an open slip, none on a paused one.
        assert_eq!(Tally::from_history(at(0), at(5_000), &ended, &bet, false, Cents(2_500)), None);
        assert_eq!(Tally::from_history(at(0), at(5_000), &going, &bet, false, Cents(2_500)), None);
        assert_eq!(Tally::from_history(at(0), at(5_000), &[], &bet, true, Cents(2_500)), None);
        // Another bet in play than the history's last, or no bet at all.
        assert_eq!(Tally::from_history(at(0), at(5_000), &[], &bet, false, Cents(4_000)), None);
        assert_eq!(Tally::from_history(at(0), at(5_000), &[], &[], false, Cents(2_500)), None);
    }

    #[test]
    fn a_tally_cannot_be_carried_back_before_its_instant() {
        let tally = Tally::start(at(1_000));
        assert_eq!(tally.at(at(999), false), None);
        assert_eq!(tally.at(at(3_500), false).map(|t| t.rate(Cents(100), 100, 60).seconds), Some(2));
        assert_eq!(tally.at(at(3_500), true).map(|t| t.rate(Cents(100), 100, 60).seconds), Some(0));
    }
}
