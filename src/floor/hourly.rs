//! The gaming day by the hour: rated play and theo spread over the hours each slip ran, rewards by when they
//! were issued. Pure, so the charts' figures are tested by hand.

use chrono::{DateTime, Duration, Utc};

use super::shift_model::HourFigures;
use crate::money::Cents;

/// A slip's time at the table within the day, and its theo.
#[derive(Debug, Clone, Copy)]
pub struct SlipSpan {
    /// When it started (or the day did, for a slip carried over).
    pub start: DateTime<Utc>,
    /// When it ended, or now.
    pub end: DateTime<Utc>,
    /// Its theoretical win.
    pub theo: Cents,
}

/// The hours from `day_start` up to `as_of` (at least one, the current hour included), with each slip's
/// seconds and theo put in the hours it ran — theo in proportion to its seconds there, whole cents, the
/// remainder in its last hour so the hours add up to the slip exactly — and rewards in the hour issued.
pub fn hourly(
    day_start: DateTime<Utc>,
    as_of: DateTime<Utc>,
    slips: &[SlipSpan],
    rewards: &[(DateTime<Utc>, i64)],
) -> Vec<HourFigures> {
    let seconds = (as_of - day_start).num_seconds().max(0);
    let count = usize::try_from(seconds / 3_600 + 1).unwrap_or(1);
    let mut hours: Vec<HourFigures> = (0..count)
        .map(|i| HourFigures {
            start: day_start + Duration::hours(i64::try_from(i).unwrap_or(0)),
            label: String::new(),
            player_seconds: 0,
            theo: Cents(0),
            reward_points: 0,
        })
        .collect();
    let index = |at: DateTime<Utc>| usize::try_from((at - day_start).num_seconds().max(0) / 3_600).ok();
    for slip in slips {
        let start = slip.start.max(day_start).min(as_of);
        let end = slip.end.min(as_of).max(start);
        let total = (end - start).num_seconds();
        let (mut given, mut last) = (0, index(start).map(|i| i.min(count - 1)));
        for (i, hour) in hours.iter_mut().enumerate() {
            let overlap = (end.min(hour.start + Duration::hours(1)) - start.max(hour.start)).num_seconds();
            if overlap > 0 {
                let share = slip.theo.0 * overlap / total;
                hour.player_seconds += overlap;
                hour.theo.0 += share;
                given += share;
                last = Some(i);
            }
        }
        if let Some(hour) = last.and_then(|i| hours.get_mut(i)) {
            hour.theo.0 += slip.theo.0 - given;
        }
    }
    for &(at, points) in rewards {
        if let Some(hour) = index(at).and_then(|i| hours.get_mut(i)) {
            hour.reward_points += points;
        }
    }
    hours
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("an instant")
    }

    #[test]
    fn slips_are_spread_over_the_hours_they_ran_and_add_up_exactly() {
        let day_start = at("2026-06-10T13:00:00Z");
        let slips = [
            // 13:30 → 15:00: 1,800 s and 3,600 s; $30.00 of theo split 1 : 2.
            SlipSpan { start: at("2026-06-10T13:30:00Z"), end: at("2026-06-10T15:00:00Z"), theo: Cents(3_000) },
            // 14:20 → now (15:10): 2,400 s and 600 s; 1,000 ¢ split 800 / 200... with 1 ¢ left to the last hour.
            SlipSpan { start: at("2026-06-10T14:20:00Z"), end: at("2026-06-10T15:10:00Z"), theo: Cents(1_001) },
            // Carried over from the day before: counted from the day's start.
            SlipSpan { start: at("2026-06-10T12:00:00Z"), end: at("2026-06-10T13:15:00Z"), theo: Cents(500) },
        ];
        let rewards = [(at("2026-06-10T14:59:59Z"), 200), (at("2026-06-10T15:00:00Z"), 50)];
        let hours = hourly(day_start, at("2026-06-10T15:10:00Z"), &slips, &rewards);
        let figures: Vec<(i64, i64, i64)> =
            hours.iter().map(|h| (h.player_seconds, h.theo.0, h.reward_points)).collect();
        assert_eq!(
            figures,
            [(1_800 + 900, 1_000 + 500, 0), (3_600 + 2_400, 2_000 + 800, 200), (600, 201, 50)],
            "13:00, 14:00 and the current hour 15:00"
        );
        let theo: i64 = hours.iter().map(|h| h.theo.0).sum();
        assert_eq!(theo, 3_000 + 1_001 + 500, "no cent lost to rounding");
    }

    #[test]
    fn the_first_minute_of_the_day_has_one_hour_and_an_empty_slip_keeps_its_theo() {
        let day_start = at("2026-06-10T13:00:00Z");
        let slips = [SlipSpan { start: day_start, end: day_start, theo: Cents(7) }];
        let hours = hourly(day_start, at("2026-06-10T13:00:30Z"), &slips, &[]);
        assert_eq!(hours.len(), 1);
        assert_eq!((hours[0].player_seconds, hours[0].theo), (0, Cents(7)));
    }
}
