//! Which pages each role sees in the navigation. The server still checks every action; this only keeps
//! the menu honest.

use pitboss::casino::StaffRole;

/// A link in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    /// Where it goes.
    pub href: &'static str,
    /// What it says.
    pub label: &'static str,
}

const HOME: NavItem = NavItem { href: "/", label: "Overview" };
const PIT: NavItem = NavItem { href: "/pit", label: "Pit" };
const PLAYERS: NavItem = NavItem { href: "/players", label: "Players" };
const STAFF: NavItem = NavItem { href: "/staff", label: "Staff" };
const GAMES: NavItem = NavItem { href: "/games", label: "Games" };
const SETTINGS: NavItem = NavItem { href: "/settings", label: "Settings" };
const ACCOUNTING: NavItem = NavItem { href: "/accounting", label: "Accounting" };
const COMPLIANCE: NavItem = NavItem { href: "/compliance", label: "Compliance" };
const CAGE: NavItem = NavItem { href: "/cage", label: "Cage" };
const REPORTS: NavItem = NavItem { href: "/reports/shift", label: "Reports" };
const AUDIT: NavItem = NavItem { href: "/audit", label: "Audit log" };
const COMPS: NavItem = NavItem { href: "/comps", label: "Comps" };

/// The navigation for a role, in display order; Accounting only while `finance_minimal_enabled` is on.
pub fn nav_for(role: StaffRole, finance_enabled: bool) -> Vec<NavItem> {
    let accounting = finance_enabled && pitboss::finance::rules::may_record(role);
    let items = match role {
        StaffRole::Admin => {
            vec![HOME, PIT, PLAYERS, COMPS, ACCOUNTING, CAGE, REPORTS, COMPLIANCE, AUDIT, STAFF, GAMES, SETTINGS]
        }
        StaffRole::PitBoss => vec![HOME, PIT, PLAYERS, COMPS, ACCOUNTING, REPORTS, COMPLIANCE, STAFF],
        StaffRole::Cashier => vec![HOME, PLAYERS, COMPS, ACCOUNTING, CAGE, REPORTS],
        StaffRole::Compliance => vec![HOME, PLAYERS, REPORTS, COMPLIANCE, AUDIT],
        StaffRole::Dealer => Vec::new(),
    };
    items.into_iter().filter(|item| accounting || *item != ACCOUNTING).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(StaffRole::Admin, &["/", "/pit", "/players", "/comps", "/accounting", "/cage", "/reports/shift", "/compliance", "/audit", "/staff", "/games", "/settings"])]
    #[case(StaffRole::PitBoss, &["/", "/pit", "/players", "/comps", "/accounting", "/reports/shift", "/compliance", "/staff"])]
    #[case(StaffRole::Cashier, &["/", "/players", "/comps", "/accounting", "/cage", "/reports/shift"])]
    #[case(StaffRole::Compliance, &["/", "/players", "/reports/shift", "/compliance", "/audit"])]
    #[case(StaffRole::Dealer, &[])]
    fn each_role_sees_its_own_navigation(#[case] role: StaffRole, #[case] hrefs: &[&str]) {
        let shown: Vec<_> = nav_for(role, true).iter().map(|item| item.href).collect();
        assert_eq!(shown, hrefs);
    }

    #[test]
    fn accounting_leaves_the_menu_while_finance_is_off() {
        for role in [StaffRole::Admin, StaffRole::PitBoss, StaffRole::Cashier] {
            assert!(nav_for(role, false).iter().all(|item| item.href != "/accounting"), "{role:?}");
        }
    }
}
