//! Authority limits, and the rate of "at value" comps.
//!
//! How many discretionary points a staff member may give or take on their own, per comp and
//! per gaming day, and the rate at which "at value" comps are priced. Admins keep them in the casino's
//! settings.
//!
//! Discretionary points are every point the pit moves at its own judgement: a comp, a manual adjustment, a
//! correction, a promotion, and the part of a mid-session reward beyond what the slip has earned.

use serde::{Deserialize, Serialize};

use crate::casino::StaffRole;
use crate::error::{ErrorCode, FieldError};
use crate::money::group_thousands;

/// The most points a limit may be set to, per comp.
pub const MOST_PER_COMP: i32 = 1_000_000;
/// The most points a limit may be set to, per gaming day.
pub const MOST_PER_DAY: i32 = 10_000_000;

/// The casino's loyalty settings, as stored and as the admin form sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoyaltySettings {
    /// Points per dollar of an "at value" comp's value (1 to 10,000; 10 by default).
    pub comp_points_per_dollar: i32,
    /// A pit boss's authority per comp (0 to 1,000,000 points; 500 by default).
    pub pit_boss_comp_limit_points: i32,
    /// A pit boss's authority per gaming day (at least the per-comp limit; 2,000 by default).
    pub pit_boss_day_limit_points: i32,
    /// A cashier's authority per comp (they redeem only; 250 by default).
    pub cashier_comp_limit_points: i32,
    /// A cashier's authority per gaming day (1,000 by default).
    pub cashier_day_limit_points: i32,
}

/// A role's authority: `None` for no limit (admins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit {
    /// The most points of one comp.
    pub per_comp: i64,
    /// The most points over a gaming day.
    pub per_day: i64,
}

/// A staff member's authority today, as their forms show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authority {
    /// Their role's limit; `None` when unlimited.
    pub limit: Option<Limit>,
    /// Discretionary points they have authorized this gaming day.
    pub used_today: i64,
}

impl Authority {
    /// Whether `points` more discretionary points are within it.
    pub fn covers(&self, points: i64) -> bool {
        let points = points.abs();
        self.limit.is_none_or(|limit| points <= limit.per_comp && self.used_today + points <= limit.per_day)
    }

    /// The most one comp may carry now: the per-comp limit or what is left of the day, whichever is less.
    pub fn most_now(&self) -> Option<i64> {
        self.limit.map(|limit| limit.per_comp.min(limit.per_day - self.used_today).max(0))
    }

    /// In plain words, for the forms: "Up to 500 points per comp, 1,200 left this shift." or "No limit."
    pub fn describe(&self) -> String {
        match self.limit {
            None => "No limit.".to_owned(),
            Some(limit) => format!(
                "Up to {} points per comp, {} left this shift; above that, a supervisor approves.",
                group_thousands(limit.per_comp.unsigned_abs()),
                group_thousands((limit.per_day - self.used_today).max(0).unsigned_abs())
            ),
        }
    }
}

impl LoyaltySettings {
    /// The authority of `role`: admins have none of these limits; pit bosses and cashiers have theirs; other
    /// roles may authorize nothing.
    pub fn limit_of(&self, role: StaffRole) -> Option<Limit> {
        let (per_comp, per_day) = match role {
            StaffRole::Admin => return None,
            StaffRole::PitBoss => (self.pit_boss_comp_limit_points, self.pit_boss_day_limit_points),
            StaffRole::Cashier => (self.cashier_comp_limit_points, self.cashier_day_limit_points),
            StaffRole::Compliance | StaffRole::Dealer => (0, 0),
        };
        Some(Limit { per_comp: i64::from(per_comp), per_day: i64::from(per_day) })
    }

    /// The settings, or every field that is out of range.
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut check = |field: &'static str, ok: bool| {
            if !ok {
                problems.push(FieldError::new(field, ErrorCode::LoyaltyInvalidSettings));
            }
        };
        check("comp_points_per_dollar", (1..=10_000).contains(&self.comp_points_per_dollar));
        check("pit_boss_comp_limit_points", (0..=MOST_PER_COMP).contains(&self.pit_boss_comp_limit_points));
        check(
            "pit_boss_day_limit_points",
            (self.pit_boss_comp_limit_points.max(0)..=MOST_PER_DAY).contains(&self.pit_boss_day_limit_points),
        );
        check("cashier_comp_limit_points", (0..=MOST_PER_COMP).contains(&self.cashier_comp_limit_points));
        check(
            "cashier_day_limit_points",
            (self.cashier_comp_limit_points.max(0)..=MOST_PER_DAY).contains(&self.cashier_day_limit_points),
        );
        if problems.is_empty() { Ok(*self) } else { Err(problems) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const SETTINGS: LoyaltySettings = LoyaltySettings {
        comp_points_per_dollar: 10,
        pit_boss_comp_limit_points: 500,
        pit_boss_day_limit_points: 2_000,
        cashier_comp_limit_points: 250,
        cashier_day_limit_points: 1_000,
    };

    fn pit_boss(used_today: i64) -> Authority {
        Authority { limit: SETTINGS.limit_of(StaffRole::PitBoss), used_today }
    }

    #[rstest]
    #[case(0, 500, true)]
    #[case(0, 501, false)]
    #[case(0, -500, true)]
    #[case(0, -501, false)]
    #[case(1_500, 500, true)]
    #[case(1_501, 500, false)]
    #[case(2_000, 1, false)]
    fn a_pit_boss_covers_a_comp_within_both_limits(#[case] used: i64, #[case] points: i64, #[case] covered: bool) {
        assert_eq!(pit_boss(used).covers(points), covered);
    }

    #[test]
    fn admins_are_unlimited_and_other_roles_authorize_nothing() {
        assert!(Authority { limit: SETTINGS.limit_of(StaffRole::Admin), used_today: 9_999_999 }.covers(1_000_000));
        assert!(!Authority { limit: SETTINGS.limit_of(StaffRole::Compliance), used_today: 0 }.covers(1));
        assert!(!Authority { limit: SETTINGS.limit_of(StaffRole::Cashier), used_today: 0 }.covers(251));
    }

    #[test]
    fn what_is_left_is_the_lesser_of_the_comp_and_the_day() {
        assert_eq!(pit_boss(0).most_now(), Some(500));
        assert_eq!(pit_boss(1_800).most_now(), Some(200));
        assert_eq!(pit_boss(2_100).most_now(), Some(0));
        assert_eq!(
            pit_boss(800).describe(),
            "Up to 500 points per comp, 1,200 left this shift; above that, a supervisor approves."
        );
    }

    #[test]
    fn settings_out_of_range_are_named_by_field() {
        assert_eq!(SETTINGS.validate(), Ok(SETTINGS));
        let bad = LoyaltySettings {
            comp_points_per_dollar: 0,
            pit_boss_comp_limit_points: 600,
            pit_boss_day_limit_points: 500,
            cashier_comp_limit_points: -1,
            cashier_day_limit_points: 20_000_000,
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|f| f.field).collect();
        assert_eq!(
            fields,
            [
                "comp_points_per_dollar",
                "pit_boss_day_limit_points",
                "cashier_comp_limit_points",
                "cashier_day_limit_points"
            ]
        );
    }
}
