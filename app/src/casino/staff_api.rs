//! Server functions of staff administration: `/api/staff/*`. Admins only; each change is audited with before
//! and after, and a temporary password is checked and hashed before the transaction opens.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::casino::{StaffId, StaffInput, StaffMember, StaffRole};
use uuid::Uuid;

use crate::error::AppError;

/// The signed-in admin, refused before any password is hashed for anyone else.
#[cfg(feature = "ssr")]
async fn admin() -> Result<(), AppError> {
    let actor = crate::ssr::acting().await?.actor;
    if pitboss::casino::staff_rules::may_manage_staff(actor.role) {
        Ok(())
    } else {
        Err(crate::ssr::fail(pitboss::casino::Error::Forbidden))
    }
}

/// Checks and hashes a temporary password (`field` names it on the form).
#[cfg(feature = "ssr")]
async fn temporary(email: &str, password: &str, field: &'static str) -> Result<pitboss::casino::NewLogin, AppError> {
    pitboss::casino::temporary_login(email, password, field).await.map_err(crate::ssr::fail)
}

/// Adds a staff member: names, role, and for everyone but dealers an email and a temporary password they
/// replace at their first sign-in (at least 12 characters, not the email, not common). `VALIDATION_FAILED`
/// with a code per field (`STAFF_INVALID_NAME`, `STAFF_INVALID_EMAIL`, `STAFF_EMAIL_TAKEN`,
/// `STAFF_DEALER_HAS_NO_LOGIN`, `STAFF_PASSWORD_*`). Idempotent (the password is not part of the replay
/// check). Audit `staff.created`.
#[server(prefix = "/api", endpoint = "staff/add", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(request.key = %request_id)))]
pub async fn add_staff(request_id: Uuid, input: StaffInput) -> Result<StaffMember, AppError> {
    admin().await?;
    let login = match (&input.email, &input.temporary_password) {
        (None, None) => None,
        (email, password) => Some(
            temporary(
                email.as_deref().unwrap_or_default(),
                password.as_deref().unwrap_or_default(),
                "temporary_password",
            )
            .await?,
        ),
    };
    let args = (&input.first_name, &input.last_name, input.role, &input.email);
    crate::ssr::scoped_idempotent(request_id, "staff.add", &args, async |conn, actor| {
        pitboss::casino::add_staff_member(conn, actor, &input, login.clone()).await
    })
    .await
}

/// Changes a staff member's names and role. `STAFF_SELF_CHANGE` (an admin giving up their own admin role),
/// `STAFF_LAST_ADMIN`, `STAFF_DEALER_HAS_NO_LOGIN` (to or from the dealer role), `VALIDATION_FAILED` with
/// `STAFF_INVALID_NAME`. Idempotent. Audit `staff.updated`.
#[server(prefix = "/api", endpoint = "staff/update", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(staff.id = %staff_id)))]
pub async fn update_staff(
    request_id: Uuid,
    staff_id: StaffId,
    first_name: String,
    last_name: String,
    role: StaffRole,
) -> Result<StaffMember, AppError> {
    let update = pitboss::casino::StaffUpdate { first_name, last_name, role };
    crate::ssr::scoped_idempotent(request_id, "staff.update", &(staff_id, &update), async |conn, actor| {
        pitboss::casino::update_staff(conn, actor, staff_id, &update).await
    })
    .await
}

/// Deactivates a staff member: they cannot sign in, and every session of theirs ends at once (their open
/// pages are sent to the sign-in page). `STAFF_SELF_CHANGE`, `STAFF_LAST_ADMIN`. Idempotent. Audit
/// `staff.deactivated`.
#[server(prefix = "/api", endpoint = "staff/deactivate", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(staff.id = %staff_id)))]
pub async fn deactivate_staff(request_id: Uuid, staff_id: StaffId) -> Result<StaffMember, AppError> {
    crate::ssr::scoped_idempotent(request_id, "staff.deactivate", &staff_id, async |conn, actor| {
        pitboss::casino::deactivate(conn, actor, staff_id).await
    })
    .await
}

/// Lets a deactivated staff member sign in again. Idempotent. Audit `staff.reactivated`.
#[server(prefix = "/api", endpoint = "staff/reactivate", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(staff.id = %staff_id)))]
pub async fn reactivate_staff(request_id: Uuid, staff_id: StaffId) -> Result<StaffMember, AppError> {
    crate::ssr::scoped_idempotent(request_id, "staff.reactivate", &staff_id, async |conn, actor| {
        pitboss::casino::reactivate(conn, actor, staff_id).await
    })
    .await
}

/// Lifts a staff member's sign-in lock (five failed sign-ins in fifteen minutes) before it runs out.
/// `STAFF_NOT_LOCKED` when they are not locked out. Idempotent. Audit `staff.lock_lifted`.
#[server(prefix = "/api", endpoint = "staff/lift_lock", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(staff.id = %staff_id)))]
pub async fn lift_staff_lock(request_id: Uuid, staff_id: StaffId) -> Result<StaffMember, AppError> {
    crate::ssr::scoped_idempotent(request_id, "staff.lift_lock", &staff_id, async |conn, actor| {
        pitboss::casino::lift_lock(conn, actor, staff_id).await
    })
    .await
}

/// Removes another staff member's second factor (a lost or replaced phone) and ends their sessions: they sign
/// in with their password alone until they set up a new one. `STAFF_OWN_SECOND_FACTOR` for oneself,
/// `STAFF_NO_SECOND_FACTOR` when they have none. Idempotent. Audit `staff.second_factor_reset`.
#[server(prefix = "/api", endpoint = "staff/reset_second_factor", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(staff.id = %staff_id)))]
pub async fn reset_staff_second_factor(request_id: Uuid, staff_id: StaffId) -> Result<StaffMember, AppError> {
    crate::ssr::scoped_idempotent(request_id, "staff.reset_second_factor", &staff_id, async |conn, actor| {
        pitboss::casino::reset_second_factor(conn, actor, staff_id).await
    })
    .await
}

/// Gives a staff member a temporary password (the password rules apply) and ends their sessions; they choose
/// a new one at their next sign-in. `STAFF_DEALER_HAS_NO_LOGIN` for a dealer. Idempotent (the password is not
/// part of the replay check). Audit `staff.password_reset`.
#[server(prefix = "/api", endpoint = "staff/reset_password", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(staff.id = %staff_id)))]
pub async fn reset_staff_password(
    request_id: Uuid,
    staff_id: StaffId,
    temporary_password: String,
) -> Result<StaffMember, AppError> {
    admin().await?;
    let member =
        crate::ssr::scoped(async |conn, actor| pitboss::casino::staff_member(conn, actor, staff_id).await).await?;
    let Some(email) = member.email else {
        return Err(crate::ssr::fail(pitboss::casino::Error::NoLogin));
    };
    let login = temporary(&email, &temporary_password, "temporary_password").await?;
    crate::ssr::scoped_idempotent(request_id, "staff.reset_password", &staff_id, async |conn, actor| {
        pitboss::casino::reset_password(conn, actor, staff_id, &login).await
    })
    .await
}
