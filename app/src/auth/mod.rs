//! Signing in and out, and who is signed in.

mod api;
mod login;
mod password;
mod second_factor;
#[cfg(feature = "ssr")]
mod server;
mod verify;

pub use api::{
    BeginSecondFactor, ChangePassword, ConfirmSecondFactor, Login, Logout, LogoutEverywhere, Me, VerifyCode,
    begin_second_factor, change_password, confirm_second_factor, login, logout, logout_everywhere, me, verify_code,
};
pub use login::LoginPage;
pub use password::PasswordPage;
pub use second_factor::SecondFactorPage;
pub use verify::VerifyPage;

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
    /// The password was right and the second factor's code is still to come (`/verify`).
    #[serde(default)]
    pub second_factor_required: bool,
}

/// A new authenticator's set-up, shown once while it is being added.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorSetup {
    /// The `otpauth://` address the QR code holds.
    pub uri: String,
    /// The secret in base32, for typing into an app by hand.
    pub secret_base32: String,
    /// The QR code, an SVG document drawn by the server.
    pub qr_svg: String,
}

impl std::fmt::Debug for SecondFactorSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecondFactorSetup(<redacted>)")
    }
}
