//! Signing in and out, and who is signed in.

mod api;
mod login;
mod password;
#[cfg(feature = "ssr")]
mod server;

pub use api::{
    ChangePassword, Login, Logout, LogoutEverywhere, Me, change_password, login, logout, logout_everywhere, me,
};
pub use login::LoginPage;
pub use password::PasswordPage;

use pitboss::casino::{Casino, GamingDay, StaffMember};
use serde::{Deserialize, Serialize};

/// Who is signed in, for the app shell: their record, their casino and the current gaming day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// The staff member (their role decides the navigation).
    pub staff: StaffMember,
    /// Their casino.
    pub casino: Casino,
    /// The casino's gaming day at the time of the request.
    pub gaming_day: GamingDay,
    /// Whether deposits and withdrawals may be recorded (`finance_minimal_enabled`); the server checks it
    /// again on every entry.
    pub finance_enabled: bool,
    /// Signed in with a temporary password: the app shows only the form to choose a new one.
    #[serde(default)]
    pub password_change_required: bool,
}
