//! The structuring watch: cash split so that no entry, or no day, reaches a reporting threshold. Two patterns
//! are listed for a compliance officer to review (listing accuses nobody):
//! - two or more entries in one gaming day and direction, each just under the watchlist floor or the CTR
//!   threshold (within the casino's margin below it);
//! - a total over the casino's window of consecutive gaming days above the CTR threshold, while no single day
//!   passes it (one that does is a CTR, not a pattern).
//!
//! Pure, shared by the server and the browser. Totals count a reversal against its direction, as the MTL does;
//! an entry reversed, and a reversal, are never "just under" anything.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ctr::CashEntry;
use super::model::{Proximity, Thresholds};
use crate::finance::Direction;
use crate::money::Cents;
use crate::player::PlayerId;

/// The rule's parameters: the thresholds and the casino's compliance settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructuringParams {
    /// The casino's thresholds.
    pub thresholds: Thresholds,
    /// How far below a threshold, in percent of it, counts as just under it.
    pub margin_percent: i32,
    /// How many consecutive gaming days are added up.
    pub window_days: i32,
}

/// Which pattern a patron's cash showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StructuringPattern {
    /// Entries of one day, each just under `level` (`Watchlist`: the floor; `Ctr`: the CTR threshold).
    JustUnder {
        /// The threshold they stayed under.
        level: Proximity,
    },
    /// Days whose total passed the CTR threshold with no single day passing it.
    AcrossDays {
        /// The window's first gaming day.
        from: NaiveDate,
        /// Its total in the direction.
        total: Cents,
    },
}

/// One patron and direction to review, with the entries that showed the pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructuringFlag {
    /// The patron.
    pub player_id: PlayerId,
    /// Their name (filled in by the reader).
    pub player_name: String,
    /// In or out.
    pub direction: Direction,
    /// The pattern.
    pub pattern: StructuringPattern,
    /// The entries, oldest first.
    pub entries: Vec<CashEntry>,
}

/// The watch for one gaming day: what was found, and with which parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructuringWatch {
    /// The gaming day (the window ends on it).
    pub gaming_day: NaiveDate,
    /// The parameters applied.
    pub params: StructuringParams,
    /// Patrons to review, by name then direction.
    pub flags: Vec<StructuringFlag>,
}

/// The first gaming day of the window ending on `day`.
pub fn window_start(day: NaiveDate, params: &StructuringParams) -> NaiveDate {
    let back = u64::try_from(params.window_days.max(1) - 1).unwrap_or(0);
    day.checked_sub_days(Days::new(back)).unwrap_or(day)
}

/// Whether `amount` is within the margin below `threshold`.
///
/// At least `threshold × (100 − margin) / 100`, and
/// under it (`inclusive`: at most it, for the CTR threshold, which a report needs an amount above).
pub fn just_under(amount: Cents, threshold: Cents, margin_percent: i32, inclusive: bool) -> bool {
    let (amount, threshold) = (i128::from(amount.0), i128::from(threshold.0));
    let below = if inclusive { amount <= threshold } else { amount < threshold };
    below && amount * 100 >= threshold * i128::from(100 - margin_percent)
}

/// The patterns in `entries` (cash entries of the window ending on `day`, any order), names left empty.
pub fn find(entries: &[CashEntry], day: NaiveDate, params: &StructuringParams) -> Vec<StructuringFlag> {
    let from = window_start(day, params);
    let mut by_patron: BTreeMap<(PlayerId, Direction), Vec<&CashEntry>> = BTreeMap::new();
    for entry in entries.iter().filter(|e| (from..=day).contains(&e.gaming_day)) {
        by_patron.entry((entry.player_id, entry.direction)).or_default().push(entry);
    }
    let mut flags = Vec::new();
    for ((player_id, direction), mut mine) in by_patron {
        mine.sort_by_key(|e| (e.created_at, e.id.0));
        let flag = |pattern, entries: Vec<&CashEntry>| StructuringFlag {
            player_id,
            player_name: String::new(),
            direction,
            pattern,
            entries: entries.into_iter().cloned().collect(),
        };
        let live_today: Vec<&CashEntry> =
            mine.iter().copied().filter(|e| e.gaming_day == day && !e.is_reversal && !e.reversed).collect();
        let t = params.thresholds;
        for (level, threshold, inclusive) in
            [(Proximity::Watchlist, t.watchlist_floor, false), (Proximity::Ctr, t.ctr_threshold, true)]
        {
            let under: Vec<&CashEntry> = live_today
                .iter()
                .copied()
                .filter(|e| just_under(e.amount, threshold, params.margin_percent, inclusive))
                .collect();
            if under.len() >= 2 {
                flags.push(flag(StructuringPattern::JustUnder { level }, under));
            }
        }
        let mut per_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        for entry in &mine {
            *per_day.entry(entry.gaming_day).or_default() += entry.signed();
        }
        let total: i64 = per_day.values().sum();
        let no_day_passes = per_day.values().all(|d| *d <= t.ctr_threshold.0);
        if total > t.ctr_threshold.0 && no_day_passes {
            let live = mine.iter().copied().filter(|e| !e.is_reversal && !e.reversed).collect();
            flags.push(flag(StructuringPattern::AcrossDays { from, total: Cents(total) }, live));
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finance::{FinanceTxnId, Source};

    const PARAMS: StructuringParams = StructuringParams {
        thresholds: Thresholds { watchlist_floor: Cents(300_000), ctr_threshold: Cents(1_000_000) },
        margin_percent: 10,
        window_days: 3,
    };

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a date")
    }

    fn cash(player: u128, d: u32, direction: Direction, dollars: i64) -> CashEntry {
        CashEntry {
            id: FinanceTxnId(uuid::Uuid::new_v4()),
            player_id: PlayerId(uuid::Uuid::from_u128(player)),
            gaming_day: day(d),
            direction,
            source: Source::Cage,
            amount: Cents(dollars * 100),
            is_reversal: false,
            reversed: false,
            staff_name: "Jordan Blake".into(),
            created_at: chrono::DateTime::from_timestamp(1_796_000_000 + i64::from(d) * 86_400, 0).expect("an instant"),
        }
    }

    #[test]
    fn the_bands_are_the_margin_below_each_threshold() {
        let floor = Cents(300_000);
        assert!(just_under(Cents(270_000), floor, 10, false) && just_under(Cents(299_999), floor, 10, false));
        assert!(!just_under(Cents(269_999), floor, 10, false) && !just_under(Cents(300_000), floor, 10, false));
        assert!(just_under(Cents(1_000_000), Cents(1_000_000), 10, true));
        assert!(!just_under(Cents(1_000_001), Cents(1_000_000), 10, true));
    }

    #[test]
    fn two_buy_ins_just_under_the_floor_are_listed_once_with_both_entries() {
        let entries = [cash(1, 6, Direction::In, 2_900), cash(1, 6, Direction::In, 2_950)];
        let flags = find(&entries, day(6), &PARAMS);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].pattern, StructuringPattern::JustUnder { level: Proximity::Watchlist });
        assert_eq!(flags[0].entries.len(), 2);
    }

    #[test]
    fn near_misses_are_not_listed() {
        // One inside the band and one just below it; two in the band but in opposite directions; two at the
        // floor exactly (the MTL logs them); one reversed.
        let mut reversed = cash(5, 6, Direction::In, 2_800);
        reversed.reversed = true;
        let entries = [
            cash(1, 6, Direction::In, 2_900),
            cash(1, 6, Direction::In, 2_699),
            cash(2, 6, Direction::In, 2_900),
            cash(2, 6, Direction::Out, 2_900),
            cash(3, 6, Direction::In, 3_000),
            cash(3, 6, Direction::In, 3_000),
            cash(5, 6, Direction::In, 2_900),
            reversed,
            // Across days, exactly at the threshold: not above it.
            cash(4, 4, Direction::In, 4_000),
            cash(4, 5, Direction::In, 3_000),
            cash(4, 6, Direction::In, 3_000),
        ];
        assert_eq!(find(&entries, day(6), &PARAMS), []);
    }

    #[test]
    fn three_days_under_the_threshold_adding_up_past_it_are_listed() {
        let entries = [
            cash(1, 3, Direction::Out, 9_000), // before the window
            cash(1, 4, Direction::Out, 4_000),
            cash(1, 5, Direction::Out, 3_000),
            cash(1, 6, Direction::Out, 3_001),
        ];
        let flags = find(&entries, day(6), &PARAMS);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].pattern, StructuringPattern::AcrossDays { from: day(4), total: Cents(1_000_100) });
        assert_eq!(flags[0].entries.len(), 3);
    }

    #[test]
    fn a_day_past_the_threshold_is_a_ctr_not_a_pattern() {
        let entries = [cash(1, 4, Direction::In, 500), cash(1, 6, Direction::In, 10_001)];
        assert_eq!(find(&entries, day(6), &PARAMS), []);
    }

    #[test]
    fn a_reversal_takes_its_amount_off_the_days_total() {
        let mut original = cash(1, 6, Direction::In, 5_000);
        original.reversed = true;
        let mut reversal = cash(1, 6, Direction::In, 5_000);
        reversal.is_reversal = true;
        let entries = [cash(1, 4, Direction::In, 4_000), cash(1, 5, Direction::In, 4_000), original, reversal];
        assert_eq!(find(&entries, day(6), &PARAMS), []);
    }
}
