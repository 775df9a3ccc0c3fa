//! Pure rules of staff administration: who manages staff, what a password must be, and the changes an admin
//! may not make (to themselves, or that would leave the casino without an admin).

use super::error::Error;
use super::model::{StaffRole, StaffStatus};
use crate::error::{ErrorCode, FieldError};

/// Shortest password accepted for a login.
pub const MIN_PASSWORD_LEN: usize = 12;

/// Passwords people pick first, refused whatever their length (compared in lower case).
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "1q2w3e4r5t6y",
    "aaaaaaaaaaaa",
    "abc123abc123",
    "abcdefghijkl",
    "administrator",
    "changeme1234",
    "changemenow!",
    "casinocasino",
    "iloveyou1234",
    "letmein12345",
    "password1234",
    "password123!",
    "passwordpassword",
    "pitbosspitboss",
    "qwerty123456",
    "qwertyuiop12",
    "qwertyuiopasdf",
    "welcome12345",
    "welcome2026!",
];

/// Only admins add, change, deactivate and reset staff.
pub fn may_manage_staff(role: StaffRole) -> bool {
    role == StaffRole::Admin
}

/// Every problem with a new password, at `field`: at least [`MIN_PASSWORD_LEN`] characters, not the person's
/// sign-in email (or its name part), not one of the common passwords, not one character repeated.
pub fn check_password(password: &str, email: &str, field: &'static str) -> Vec<FieldError> {
    let lower = password.to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    let mut problems = Vec::new();
    if password.chars().count() < MIN_PASSWORD_LEN {
        problems.push(FieldError::new(field, ErrorCode::StaffPasswordTooShort));
    }
    if !email.is_empty() && (lower == email.to_lowercase() || lower == local.to_lowercase()) {
        problems.push(FieldError::new(field, ErrorCode::StaffPasswordIsEmail));
    }
    let repeated = lower.chars().next().is_some_and(|first| lower.chars().all(|c| c == first));
    if COMMON_PASSWORDS.contains(&lower.as_str()) || (repeated && password.chars().count() >= MIN_PASSWORD_LEN) {
        problems.push(FieldError::new(field, ErrorCode::StaffPasswordTooCommon));
    }
    problems
}

/// What an admin wants to do to a staff member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffChange {
    /// Give them this role (names may change too).
    Role(StaffRole),
    /// Stop them signing in.
    Deactivate,
    /// Let them sign in again.
    Reactivate,
    /// Give them a temporary password.
    ResetPassword,
    /// Remove their second factor (a lost phone), so they sign in with the password alone until they set
    /// up a new one.
    ResetSecondFactor,
}

/// Whether an admin may make `change` to `target` (their role, status and whether they have a login), the
/// admin being the target themselves or not, with `other_active_admins` besides the target.
///
/// An admin never deactivates or demotes themselves (`STAFF_SELF_CHANGE`), so nobody locks themselves out by a
/// slip; the casino's last active admin is neither demoted nor deactivated by anyone (`STAFF_LAST_ADMIN`); and a
/// role change never gives a dealer a login or leaves one with a dealer, nor is a dealer's password reset
/// (`STAFF_DEALER_HAS_NO_LOGIN`). Nobody removes their own second factor (`STAFF_OWN_SECOND_FACTOR`).
pub fn check_change(
    change: StaffChange,
    (role, status, has_login): (StaffRole, StaffStatus, bool),
    actor_is_target: bool,
    other_active_admins: i64,
) -> Result<(), Error> {
    let removes_admin = role == StaffRole::Admin
        && status == StaffStatus::Active
        && matches!(change, StaffChange::Deactivate | StaffChange::Role(_))
        && change != StaffChange::Role(StaffRole::Admin);
    if actor_is_target && (removes_admin || change == StaffChange::Deactivate) {
        return Err(Error::SelfChange);
    }
    if actor_is_target && change == StaffChange::ResetSecondFactor {
        return Err(Error::OwnSecondFactor);
    }
    if removes_admin && other_active_admins == 0 {
        return Err(Error::LastAdmin);
    }
    match change {
        StaffChange::Role(new) if new.can_log_in() != has_login => Err(Error::NoLogin),
        StaffChange::ResetPassword if !has_login => Err(Error::NoLogin),
        StaffChange::ResetSecondFactor if !has_login => Err(Error::NoSecondFactor),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::DomainError;

    fn codes(password: &str, email: &str) -> Vec<ErrorCode> {
        check_password(password, email, "new_password").into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_password_is_long_not_the_email_and_not_common() {
        assert_eq!(codes("tray-count-at-six", "ann@demo.casino"), []);
        assert_eq!(codes("short", "ann@demo.casino"), [ErrorCode::StaffPasswordTooShort]);
        assert_eq!(codes("Ann@Demo.Casino", "ann@demo.casino"), [ErrorCode::StaffPasswordIsEmail]);
        assert_eq!(
            codes("annabelle", "annabelle@demo.casino"),
            [ErrorCode::StaffPasswordTooShort, ErrorCode::StaffPasswordIsEmail]
        );
        assert_eq!(codes("Password1234", "ann@demo.casino"), [ErrorCode::StaffPasswordTooCommon]);
        assert_eq!(codes("zzzzzzzzzzzzzzzz", ""), [ErrorCode::StaffPasswordTooCommon]);
        let fields: Vec<_> = check_password("x", "", "temporary_password").into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["temporary_password"]);
    }

    #[test]
    fn an_admin_keeps_themselves_and_the_casino_keeps_an_admin() {
        let admin = (StaffRole::Admin, StaffStatus::Active, true);
        let boss = (StaffRole::PitBoss, StaffStatus::Active, true);
        let demote = StaffChange::Role(StaffRole::PitBoss);
        let refused = |change, target, me, others| check_change(change, target, me, others).err().map(|e| e.code());
        assert_eq!(refused(demote, admin, true, 3), Some(ErrorCode::StaffSelfChange));
        assert_eq!(refused(StaffChange::Deactivate, admin, true, 3), Some(ErrorCode::StaffSelfChange));
        assert_eq!(refused(StaffChange::Deactivate, boss, true, 3), Some(ErrorCode::StaffSelfChange));
        assert_eq!(refused(demote, admin, false, 0), Some(ErrorCode::StaffLastAdmin));
        assert_eq!(refused(StaffChange::Deactivate, admin, false, 0), Some(ErrorCode::StaffLastAdmin));
        assert_eq!(refused(demote, admin, false, 1), None);
        assert_eq!(refused(StaffChange::Role(StaffRole::Admin), admin, true, 0), None, "a rename keeps the role");
        assert_eq!(refused(StaffChange::ResetPassword, admin, true, 0), None);
        assert_eq!(refused(StaffChange::Deactivate, boss, false, 0), None);
        assert_eq!(refused(StaffChange::Role(StaffRole::Admin), boss, false, 0), None);
        let inactive_admin = (StaffRole::Admin, StaffStatus::Inactive, true);
        assert_eq!(refused(demote, inactive_admin, false, 0), None, "not an active admin");
        assert_eq!(refused(StaffChange::Reactivate, inactive_admin, false, 0), None);
    }

    #[test]
    fn dealers_stay_without_a_login() {
        let dealer = (StaffRole::Dealer, StaffStatus::Active, false);
        let refused = |change, target| check_change(change, target, false, 1).err().map(|e| e.code());
        assert_eq!(refused(StaffChange::Role(StaffRole::PitBoss), dealer), Some(ErrorCode::StaffDealerHasNoLogin));
        assert_eq!(refused(StaffChange::ResetPassword, dealer), Some(ErrorCode::StaffDealerHasNoLogin));
        let boss = (StaffRole::PitBoss, StaffStatus::Active, true);
        assert_eq!(refused(StaffChange::Role(StaffRole::Dealer), boss), Some(ErrorCode::StaffDealerHasNoLogin));
        assert_eq!(refused(StaffChange::Role(StaffRole::Dealer), dealer), None);
    }
}
