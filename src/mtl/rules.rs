//! Threshold proximity (Title 31 as the casino configures it) and who may read the MTL. Pure.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{PatronCashToday, Proximity, Thresholds};
use crate::casino::StaffRole;
use crate::finance::Direction;
use crate::money::Cents;

/// Compliance, pit bosses and admins read the MTL and proximity (`docs/architecture.md#roles`).
pub fn may_read(role: StaffRole) -> bool {
    matches!(role, StaffRole::Compliance | StaffRole::PitBoss | StaffRole::Admin)
}

/// Compliance officers (and admins) annotate the MTL.
pub fn may_annotate(role: StaffRole) -> bool {
    matches!(role, StaffRole::Compliance | StaffRole::Admin)
}

/// A note's text: 1 to 1,000 characters once trimmed, line breaks and tabs the only control characters.
pub fn valid_note(note: &str) -> bool {
    (1..=1_000).contains(&note.trim().chars().count())
        && !note.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

/// Rows per page of the MTL: 1 to 1,000.
pub fn valid_page_size(limit: u32) -> bool {
    (1..=1_000).contains(&limit)
}

/// Where a page of the MTL starts: just older than this row (newest first, ties by id, descending).
pub fn cursor_after(created_at: DateTime<Utc>, id: Uuid) -> String {
    format!("{}~{id}", created_at.timestamp_micros())
}

/// The row a cursor names, if it is one [`cursor_after`] made.
pub fn parse_cursor(cursor: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (micros, id) = cursor.split_once('~')?;
    Some((DateTime::from_timestamp_micros(micros.parse().ok()?)?, id.parse().ok()?))
}

/// Whoever records cash (cashiers, pit bosses, admins) and compliance see one patron's cash today and the
/// thresholds: the cage keeps the MTL with the pit, and takes the cash that crosses them.
pub fn may_see_patron_cash(role: StaffRole) -> bool {
    may_read(role) || role == StaffRole::Cashier
}

/// The patron's cash total today in `direction` once an entry of `amount` is added, and the level it reaches.
pub fn with_entry(today: &PatronCashToday, direction: Direction, amount: Cents) -> (Cents, Proximity) {
    let so_far = match direction {
        Direction::In => today.proximity.cash_in,
        Direction::Out => today.proximity.cash_out,
    };
    let total = Cents(so_far.0.saturating_add(amount.0));
    (total, classify(total, today.thresholds))
}

/// Where one direction's cash total for a gaming day stands: CTR above the threshold, near CTR above 90%
/// of it, watchlist at or above the floor.
pub fn classify(total: Cents, thresholds: Thresholds) -> Proximity {
    let (total, ctr) = (i128::from(total.0), i128::from(thresholds.ctr_threshold.0));
    if total > ctr {
        Proximity::Ctr
    } else if total * 10 > ctr * 9 {
        Proximity::NearCtr
    } else if total >= i128::from(thresholds.watchlist_floor.0) {
        Proximity::Watchlist
    } else {
        Proximity::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    const DEFAULTS: Thresholds = Thresholds { watchlist_floor: Cents(300_000), ctr_threshold: Cents(1_000_000) };

    #[rstest]
    #[case(0, Proximity::None)]
    #[case(299_999, Proximity::None)]
    #[case(300_000, Proximity::Watchlist)]
    #[case(900_000, Proximity::Watchlist)]
    #[case(900_001, Proximity::NearCtr)]
    #[case(1_000_000, Proximity::NearCtr)]
    #[case(1_000_001, Proximity::Ctr)]
    fn the_boundaries_fall_where_title_31_puts_them(#[case] cents: i64, #[case] level: Proximity) {
        assert_eq!(classify(Cents(cents), DEFAULTS), level);
    }

    #[rstest]
    #[case(StaffRole::Compliance, true)]
    #[case(StaffRole::PitBoss, true)]
    #[case(StaffRole::Admin, true)]
    #[case(StaffRole::Cashier, false)]
    #[case(StaffRole::Dealer, false)]
    fn who_reads_the_log(#[case] role: StaffRole, #[case] allowed: bool) {
        assert_eq!(may_read(role), allowed);
    }

    proptest! {
        #[test]
        fn more_cash_never_lowers_the_level(a in 0i64..3_000_000, extra in 0i64..3_000_000) {
            prop_assert!(classify(Cents(a), DEFAULTS) <= classify(Cents(a + extra), DEFAULTS));
        }
    }

    #[test]
    fn an_entry_is_added_to_its_own_direction_only() {
        let today = PatronCashToday {
            proximity: crate::mtl::ThresholdProximity {
                gaming_day: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date"),
                cash_in: Cents(125_000),
                cash_out: Cents(950_000),
                level_in: Proximity::None,
                level_out: Proximity::NearCtr,
            },
            thresholds: DEFAULTS,
        };
        // The cashier's $10,500 in cash: past the CTR threshold on its own.
        assert_eq!(with_entry(&today, Direction::In, Cents(1_050_000)), (Cents(1_175_000), Proximity::Ctr));
        assert_eq!(with_entry(&today, Direction::In, Cents(175_000)), (Cents(300_000), Proximity::Watchlist));
        assert_eq!(with_entry(&today, Direction::Out, Cents(50_000)), (Cents(1_000_000), Proximity::NearCtr));
        assert_eq!(with_entry(&today, Direction::Out, Cents(50_001)), (Cents(1_000_001), Proximity::Ctr));
    }

    #[test]
    fn a_cursor_names_its_row_and_nothing_else_parses() {
        let at = DateTime::from_timestamp_micros(1_796_000_000_123_456).expect("an instant");
        let id = Uuid::new_v4();
        assert_eq!(parse_cursor(&cursor_after(at, id)), Some((at, id)));
        for junk in ["", "~", "12~not-a-uuid", &format!("x~{id}"), &format!("{}~{id}", i64::MAX), "12"] {
            assert_eq!(parse_cursor(junk), None, "{junk:?}");
        }
        assert!(valid_page_size(1) && valid_page_size(1_000));
        assert!(!valid_page_size(0) && !valid_page_size(1_001));
    }

    #[rstest]
    #[case(StaffRole::Cashier, true)]
    #[case(StaffRole::Compliance, true)]
    #[case(StaffRole::PitBoss, true)]
    #[case(StaffRole::Admin, true)]
    #[case(StaffRole::Dealer, false)]
    fn who_sees_a_patrons_cash_today(#[case] role: StaffRole, #[case] allowed: bool) {
        assert_eq!(may_see_patron_cash(role), allowed);
    }
}
