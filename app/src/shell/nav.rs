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

/// The navigation for a role, in display order.
pub fn nav_for(role: StaffRole) -> Vec<NavItem> {
    match role {
        StaffRole::Admin => vec![HOME, PIT, PLAYERS, STAFF, GAMES, SETTINGS],
        StaffRole::PitBoss => vec![HOME, PIT, PLAYERS, STAFF],
        StaffRole::Cashier | StaffRole::Compliance => vec![HOME, PLAYERS],
        StaffRole::Dealer => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(StaffRole::Admin, &["/", "/pit", "/players", "/staff", "/games", "/settings"])]
    #[case(StaffRole::PitBoss, &["/", "/pit", "/players", "/staff"])]
    #[case(StaffRole::Cashier, &["/", "/players"])]
    #[case(StaffRole::Compliance, &["/", "/players"])]
    #[case(StaffRole::Dealer, &[])]
    fn each_role_sees_its_own_navigation(#[case] role: StaffRole, #[case] hrefs: &[&str]) {
        let shown: Vec<_> = nav_for(role).iter().map(|item| item.href).collect();
        assert_eq!(shown, hrefs);
    }
}
