//! Pure decisions of loyalty: who may issue, how many points a slip's theo earns, and what is still owed.

use super::error::Error;
use super::model::LoyaltyReason;
use crate::casino::StaffRole;
use crate::money::Cents;
use crate::rating_slip::PolicySnapshot;

/// Rewards are the pit's (`docs/architecture.md#roles`).
pub fn may_issue(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// Points a theo earns under the slip's frozen policy: theo dollars × points per theo dollar × multiplier,
/// rounded down (a player is never credited a fraction the policy did not earn).
pub fn earned_points(theo: Cents, policy: &PolicySnapshot) -> i64 {
    // Cents → dollars is /100 and the multiplier is in hundredths: /10 000 in all. i128 keeps it exact.
    let numerator = i128::from(theo.0.max(0))
        * i128::from(policy.points_per_theo_dollar.max(0))
        * i128::from(policy.point_multiplier_pct.max(0));
    i64::try_from(numerator / 10_000).unwrap_or(i64::MAX)
}

/// What a slip has earned but not yet been given during play: the prefilled reward, and the accrual at close.
///
/// Mid-session rewards are an advance on the slip's theo points; promotions come on top and do not
/// count against it.
pub fn unrewarded_points(earned: i64, issued_mid_session: i64) -> i64 {
    (earned - issued_mid_session).max(0)
}

/// A reward's points must be a positive whole number (the cap is the casino's and checked on the server).
pub fn check_points(points: i32) -> Result<(), Error> {
    if points > 0 { Ok(()) } else { Err(Error::InvalidPoints) }
}

/// Only mid-session rewards and promotions are issued on a slip; the other reasons are written by the system.
pub fn check_reason(reason: LoyaltyReason) -> Result<(), Error> {
    if LoyaltyReason::ISSUABLE.contains(&reason) { Ok(()) } else { Err(Error::InvalidReason) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DomainError, ErrorCode};
    use rstest::rstest;

    fn policy(points_per_theo_dollar: i32, point_multiplier_pct: i32) -> PolicySnapshot {
        PolicySnapshot {
            policy_version: 1,
            house_edge_bps: 100,
            decisions_per_hour: 60,
            points_per_theo_dollar,
            point_multiplier_pct,
        }
    }

    #[rstest]
    // $60 theo at 10 points per theo dollar, 1× → 600 points.
    #[case(6_000, 10, 100, 600)]
    // 1.5× multiplier.
    #[case(6_000, 10, 150, 900)]
    // $0.99 theo at 1 point per dollar rounds down to nothing.
    #[case(99, 1, 100, 0)]
    // $12.34 theo at 10 points per dollar: 123.4 → 123.
    #[case(1_234, 10, 100, 123)]
    #[case(0, 10, 100, 0)]
    #[case(6_000, 0, 100, 0)]
    fn earned_points_are_theo_dollars_times_rate_times_multiplier(
        #[case] theo: i64,
        #[case] rate: i32,
        #[case] multiplier: i32,
        #[case] points: i64,
    ) {
        assert_eq!(earned_points(Cents(theo), &policy(rate, multiplier)), points);
    }

    #[test]
    fn earned_points_never_overflow() {
        assert_eq!(earned_points(Cents(i64::MAX), &policy(1_000, 10_000)), i64::MAX);
    }

    #[rstest]
    #[case(600, 0, 600)]
    #[case(600, 250, 350)]
    #[case(600, 600, 0)]
    #[case(600, 900, 0)]
    fn mid_session_rewards_are_an_advance_on_earned_points(
        #[case] earned: i64,
        #[case] issued: i64,
        #[case] expected: i64,
    ) {
        assert_eq!(unrewarded_points(earned, issued), expected);
    }

    #[rstest]
    #[case(1, None)]
    #[case(5_000, None)]
    #[case(0, Some(ErrorCode::LoyaltyInvalidPoints))]
    #[case(-10, Some(ErrorCode::LoyaltyInvalidPoints))]
    fn points_must_be_positive(#[case] points: i32, #[case] refusal: Option<ErrorCode>) {
        assert_eq!(check_points(points).err().map(|e| e.code()), refusal);
    }

    #[test]
    fn only_rewards_and_promotions_are_issued_by_hand() {
        assert!(check_reason(LoyaltyReason::MidSession).is_ok());
        assert!(check_reason(LoyaltyReason::Promotion).is_ok());
        for reason in [LoyaltyReason::SessionEnd, LoyaltyReason::ManualAdjustment, LoyaltyReason::Correction] {
            assert_eq!(check_reason(reason).err().map(|e| e.code()), Some(ErrorCode::LoyaltyInvalidReason));
        }
    }

    #[test]
    fn only_the_pit_issues_rewards() {
        assert!(may_issue(StaffRole::PitBoss));
        assert!(may_issue(StaffRole::Admin));
        for role in [StaffRole::Dealer, StaffRole::Cashier, StaffRole::Compliance] {
            assert!(!may_issue(role));
        }
    }
}
