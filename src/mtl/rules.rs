//! Threshold proximity (Title 31 as the casino configures it) and who may read the MTL. Pure.

use super::model::{Proximity, Thresholds};
use crate::casino::StaffRole;
use crate::money::Cents;

/// Compliance, pit bosses and admins read the MTL and proximity (`docs/architecture.md#roles`).
pub fn may_read(role: StaffRole) -> bool {
    matches!(role, StaffRole::Compliance | StaffRole::PitBoss | StaffRole::Admin)
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
}
