//! Pure decisions of loyalty: how many points a slip's theo earns, and what is still owed.
//!
//! Who may issue a reward, and which points and reasons a reward may carry, must hold for every writer of the
//! ledger, so the database function `rpc_issue_mid_session_reward` alone decides them.

use crate::money::Cents;
use crate::rating_slip::PolicySnapshot;

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

#[cfg(test)]
mod tests {
    use super::*;
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
}
