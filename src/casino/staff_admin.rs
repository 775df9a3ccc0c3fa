//! An admin's staff administration: add, edit, deactivate and reactivate, reset a password. Each is one
//! transaction, audited with before and after; ending someone's sessions happens in the same transaction.

use serde_json::json;
use sqlx::PgConnection;

use super::model::{CasinoId, NewLogin, NewStaff, StaffId, StaffInput, StaffMember, StaffStatus, StaffUpdate};
use super::staff_rules::{self, StaffChange};
use super::{Error, rules, staff_repo};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::error::{ErrorCode, FieldError};
use crate::live::Entity;

/// A login with a password an admin chose, temporary: its owner replaces it at their next sign-in.
///
/// Checked (`field`: the form's field) and hashed on the blocking pool; run before any transaction opens.
pub async fn temporary_login(email: &str, password: &str, field: &'static str) -> Result<NewLogin, Error> {
    checked_login(email, password, field, true).await
}

/// A login for `email`, checked and hashed; run before any transaction opens.
///
/// The email and the password rules are checked (the password's problems at `field`), the password hashed on
/// the blocking pool, `must_change_password` as given.
pub async fn checked_login(
    email: &str,
    password: &str,
    field: &'static str,
    must_change_password: bool,
) -> Result<NewLogin, Error> {
    let email = crate::auth::normalize_email(email);
    let mut problems = staff_rules::check_password(password, &email, field);
    if !rules::valid_email(&email) {
        problems.insert(0, FieldError::new("email", ErrorCode::StaffInvalidEmail));
    }
    if !problems.is_empty() {
        return Err(Error::InvalidStaff(problems));
    }
    let password = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|e| Error::Hashing(e.to_string()))?
        .map_err(|e| Error::Hashing(e.to_string()))?;
    Ok(NewLogin { email, password_hash: hash, must_change_password })
}

/// Adds a staff member for the admin's casino: a dealer without a login, anyone else with `login` (from
/// [`temporary_login`]). Admins only; the checks and the audit row of [`super::add_staff`].
pub async fn add_staff_member(
    conn: &mut PgConnection,
    actor: &Actor,
    input: &StaffInput,
    login: Option<NewLogin>,
) -> Result<StaffMember, Error> {
    admin(actor)?;
    if input.role.can_log_in() && login.is_none() {
        return Err(Error::InvalidStaff(vec![FieldError::new("email", ErrorCode::StaffInvalidEmail)]));
    }
    let new =
        NewStaff { first_name: input.first_name.clone(), last_name: input.last_name.clone(), role: input.role, login };
    super::add_staff(conn, actor.casino_id, &new).await
}

/// Changes a staff member's names and role.
///
/// Admins only; names of 1 to 100 characters (`STAFF_INVALID_NAME`); a login role for a dealer or the dealer role for someone with a login (`STAFF_DEALER_HAS_NO_LOGIN`); never
/// giving up one's own admin role (`STAFF_SELF_CHANGE`) or the casino's last (`STAFF_LAST_ADMIN`). Writes
/// `staff.updated` with before and after.
pub async fn update_staff(
    conn: &mut PgConnection,
    actor: &Actor,
    id: StaffId,
    update: &StaffUpdate,
) -> Result<StaffMember, Error> {
    let names: Vec<FieldError> = [("first_name", &update.first_name), ("last_name", &update.last_name)]
        .into_iter()
        .filter(|(_, name)| !rules::valid_name(name))
        .map(|(field, _)| FieldError::new(field, ErrorCode::StaffInvalidName))
        .collect();
    admin(actor)?;
    let before = checked(conn, actor.casino_id, Some(actor.staff_id), id, StaffChange::Role(update.role)).await?;
    if !names.is_empty() {
        return Err(Error::InvalidStaff(names));
    }
    let (first_name, last_name) = (update.first_name.trim(), update.last_name.trim());
    staff_repo::update(conn, actor.casino_id, id, (first_name, last_name, update.role)).await?;
    let after = member(conn, actor.casino_id, id).await?;
    let entry = AuditEntry::new("staff.updated", Entity::Staff, id.0)
        .before(json!({ "first_name": before.first_name, "last_name": before.last_name, "role": before.role }))
        .after(json!({ "first_name": after.first_name, "last_name": after.last_name, "role": after.role }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// Stops a staff member signing in and ends every session they have, at once.
///
/// Their next request, and their live stream, are refused. Admins only; never oneself (`STAFF_SELF_CHANGE`), never the last active admin
/// (`STAFF_LAST_ADMIN`). Writes `staff.deactivated` with the sessions ended.
pub async fn deactivate(conn: &mut PgConnection, actor: &Actor, id: StaffId) -> Result<StaffMember, Error> {
    admin(actor)?;
    deactivate_in(conn, actor.casino_id, Some(actor.staff_id), id).await
}

/// [`deactivate`] for the command line's break-glass use (`pitboss staff deactivate`), by no staff member: the
/// last-admin rule still holds. Run under `db::as_casino_admin`.
pub async fn break_glass_deactivate(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
) -> Result<StaffMember, Error> {
    deactivate_in(conn, casino_id, None, id).await
}

async fn deactivate_in(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    by: Option<StaffId>,
    id: StaffId,
) -> Result<StaffMember, Error> {
    let before = checked(conn, casino_id, by, id, StaffChange::Deactivate).await?;
    staff_repo::set_status(conn, casino_id, id, StaffStatus::Inactive).await?;
    let ended = crate::auth::end_sessions_of(conn, casino_id, id).await?;
    let entry = AuditEntry::new("staff.deactivated", Entity::Staff, id.0)
        .before(json!({ "status": before.status }))
        .after(json!({ "status": StaffStatus::Inactive, "sessions_ended": ended }));
    audit::record(conn, casino_id, entry).await?;
    member(conn, casino_id, id).await
}

/// Lets a deactivated staff member sign in again (with the password they had). Admins only. Writes
/// `staff.reactivated`.
pub async fn reactivate(conn: &mut PgConnection, actor: &Actor, id: StaffId) -> Result<StaffMember, Error> {
    admin(actor)?;
    let before = checked(conn, actor.casino_id, Some(actor.staff_id), id, StaffChange::Reactivate).await?;
    staff_repo::set_status(conn, actor.casino_id, id, StaffStatus::Active).await?;
    let entry = AuditEntry::new("staff.reactivated", Entity::Staff, id.0)
        .before(json!({ "status": before.status }))
        .after(json!({ "status": StaffStatus::Active }));
    audit::record(conn, actor.casino_id, entry).await?;
    member(conn, actor.casino_id, id).await
}

/// Gives a staff member a temporary password and ends their sessions.
///
/// `login` comes from [`temporary_login`] (its email is ignored); they choose a new one at their next sign-in. Admins only; dealers have no password
/// (`STAFF_DEALER_HAS_NO_LOGIN`). Writes `staff.password_reset` (never a hash).
pub async fn reset_password(
    conn: &mut PgConnection,
    actor: &Actor,
    id: StaffId,
    login: &NewLogin,
) -> Result<StaffMember, Error> {
    admin(actor)?;
    reset_password_in(conn, actor.casino_id, Some(actor.staff_id), id, login).await
}

/// [`reset_password`] for the command line's break-glass use (`pitboss staff reset-password`), by no staff
/// member. Run under `db::as_casino_admin`.
pub async fn break_glass_reset_password(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
    login: &NewLogin,
) -> Result<StaffMember, Error> {
    reset_password_in(conn, casino_id, None, id, login).await
}

async fn reset_password_in(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    by: Option<StaffId>,
    id: StaffId,
    login: &NewLogin,
) -> Result<StaffMember, Error> {
    checked(conn, casino_id, by, id, StaffChange::ResetPassword).await?;
    staff_repo::set_password(conn, casino_id, id, &login.password_hash, true).await?;
    let ended = crate::auth::end_sessions_of(conn, casino_id, id).await?;
    let entry = AuditEntry::new("staff.password_reset", Entity::Staff, id.0)
        .after(json!({ "must_change_password": true, "sessions_ended": ended }));
    audit::record(conn, casino_id, entry).await?;
    member(conn, casino_id, id).await
}

/// Removes another staff member's second factor (a lost or replaced phone).
///
/// They sign in with their password alone until they set up a new one, and their sessions end, as a stolen
/// phone's might be signed in. Admins only, never their own (`STAFF_OWN_SECOND_FACTOR`); `STAFF_NO_SECOND_FACTOR` when they have none.
/// The secret and recovery codes are deleted with it. Writes `staff.second_factor_reset`.
pub async fn reset_second_factor(conn: &mut PgConnection, actor: &Actor, id: StaffId) -> Result<StaffMember, Error> {
    admin(actor)?;
    reset_second_factor_in(conn, actor.casino_id, Some(actor.staff_id), id).await
}

/// [`reset_second_factor`] for the command line's break-glass use, by no staff member.
///
/// For `pitboss staff reset-second-factor`: the last admin lost their phone and their recovery codes. Run
/// under `db::as_casino_admin`.
pub async fn break_glass_reset_second_factor(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
) -> Result<StaffMember, Error> {
    reset_second_factor_in(conn, casino_id, None, id).await
}

async fn reset_second_factor_in(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    by: Option<StaffId>,
    id: StaffId,
) -> Result<StaffMember, Error> {
    checked(conn, casino_id, by, id, StaffChange::ResetSecondFactor).await?;
    let enrolled_at = crate::auth::clear_second_factor(conn, casino_id, id).await?.ok_or(Error::NoSecondFactor)?;
    let ended = crate::auth::end_sessions_of(conn, casino_id, id).await?;
    let entry = AuditEntry::new("staff.second_factor_reset", Entity::Staff, id.0)
        .before(json!({ "second_factor": "totp", "enrolled_at": enrolled_at }))
        .after(json!({ "second_factor": null, "sessions_ended": ended }));
    audit::record(conn, casino_id, entry).await?;
    member(conn, casino_id, id).await
}

/// Lifts a staff member's sign-in lock before it runs out, by forgetting their failed attempts.
///
/// Admins only (oneself included: a lock set by someone guessing one's password on another device);
/// `STAFF_NOT_LOCKED` when they are not locked out. Writes `staff.lock_lifted` with when the lock would have
/// lifted and how many failures were forgotten.
pub async fn lift_lock(conn: &mut PgConnection, actor: &Actor, id: StaffId) -> Result<StaffMember, Error> {
    admin(actor)?;
    // Locked so that two admins lifting the same lock write one audit row, and the other hears it is gone.
    staff_repo::lock_staff(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)?;
    let email = member(conn, actor.casino_id, id).await?.email.ok_or(Error::NotLocked)?;
    let lifted = crate::auth::lift_lock(conn, &email).await?.ok_or(Error::NotLocked)?;
    let entry = AuditEntry::new("staff.lock_lifted", Entity::Staff, id.0)
        .before(json!({ "locked_until": lifted.until, "failed_attempts": lifted.failures_forgotten }))
        .after(json!({ "locked_until": null }));
    audit::record(conn, actor.casino_id, entry).await?;
    member(conn, actor.casino_id, id).await
}

/// The staff member of the casino who signs in with `email`: what the break-glass commands name.
pub async fn staff_by_email(conn: &mut PgConnection, casino_id: CasinoId, email: &str) -> Result<StaffMember, Error> {
    let id = staff_repo::id_by_email(conn, casino_id, &crate::auth::normalize_email(email)).await?;
    member(conn, casino_id, id.ok_or(Error::NotFound)?).await
}

fn admin(actor: &Actor) -> Result<(), Error> {
    if staff_rules::may_manage_staff(actor.role) { Ok(()) } else { Err(Error::Forbidden) }
}

/// The staff member as they are before `change` by `by` (none from the command line), locked, once the change
/// is known to be allowed: the admins and the target are locked first, so two admins changing each other
/// commit one after the other.
async fn checked(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    by: Option<StaffId>,
    id: StaffId,
    change: StaffChange,
) -> Result<staff_repo::LockedStaff, Error> {
    let admins = staff_repo::lock_active_admins(conn, casino_id).await?;
    let target = staff_repo::lock_staff(conn, casino_id, id).await?.ok_or(Error::NotFound)?;
    let others = i64::try_from(admins.iter().filter(|admin| **admin != id).count()).unwrap_or(i64::MAX);
    staff_rules::check_change(change, (target.role, target.status, target.has_login), by == Some(id), others)?;
    Ok(target)
}

async fn member(conn: &mut PgConnection, casino_id: CasinoId, id: StaffId) -> Result<StaffMember, Error> {
    super::service::locked_member(conn, casino_id, id).await
}
