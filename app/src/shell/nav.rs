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
const STAFF: NavItem = NavItem { href: "/staff", label: "Staff" };
const SETTINGS: NavItem = NavItem { href: "/settings", label: "Settings" };

/// The navigation for a role, in display order.
pub fn nav_for(role: StaffRole) -> Vec<NavItem> {
    match role {
        StaffRole::Admin => vec![HOME, STAFF, SETTINGS],
        StaffRole::PitBoss => vec![HOME, STAFF],
        StaffRole::Cashier | StaffRole::Compliance => vec![HOME],
        StaffRole::Dealer => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(StaffRole::Admin, &["/", "/staff", "/settings"])]
    #[case(StaffRole::PitBoss, &["/", "/staff"])]
    #[case(StaffRole::Cashier, &["/"])]
    #[case(StaffRole::Compliance, &["/"])]
    #[case(StaffRole::Dealer, &[])]
    fn each_role_sees_its_own_navigation(#[case] role: StaffRole, #[case] hrefs: &[&str]) {
        let shown: Vec<_> = nav_for(role).iter().map(|item| item.href).collect();
        assert_eq!(shown, hrefs);
    }
}
