//! Server functions of sign-in: `/api/auth/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{SecondFactorSetup, SessionView};
use crate::error::AppError;

/// Signs in with email and password, replacing any session this browser had, and sets the session cookie.
///
/// Errors: `AUTH_INVALID_CREDENTIALS` (401) for a wrong email or password, a dealer or an inactive account;
/// `AUTH_THROTTLED` (429) after five failures in fifteen minutes. Writes a `staff.signed_in` audit row. For an
/// account with a second factor the session is only pending (`second_factor_required`): `auth/verify_code`
/// completes it, and writes the audit row.
#[server(prefix = "/api", endpoint = "auth/login", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn login(email: String, password: String) -> Result<SessionView, AppError> {
    super::server::login(email, password).await
}

/// Ends this browser's session on the server and removes the cookie. Signing out twice is not an error.
/// Writes a `staff.signed_out` audit row.
#[server(prefix = "/api", endpoint = "auth/logout", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn logout() -> Result<(), AppError> {
    super::server::logout().await
}

/// Ends every session of the signed-in staff member, on every device, this one included, and removes the
/// cookie: for a tablet left behind or a password seen. Returns how many sessions ended. `UNAUTHENTICATED`
/// (401) without a session. Writes a `staff.signed_out_everywhere` audit row.
#[server(prefix = "/api", endpoint = "auth/logout_everywhere", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn logout_everywhere() -> Result<u64, AppError> {
    super::server::logout_everywhere().await
}

/// Who is signed in, their casino and the current gaming day, and whether they must choose a new password
/// first. `UNAUTHENTICATED` (401) without a session.
#[server(prefix = "/api", endpoint = "auth/me", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn me() -> Result<SessionView, AppError> {
    crate::ssr::scoped_signed_in(async |conn, actor| super::server::session_view(conn, actor).await).await
}

/// Replaces the signed-in staff member's password: the current one must match
/// (`AUTH_CURRENT_PASSWORD_WRONG`), the new one follow the password rules (`VALIDATION_FAILED` at
/// `new_password`). Their other sessions end; this one stays, free to act. Allowed while a password change is
/// required. Writes `staff.password_changed`.
#[server(prefix = "/api", endpoint = "auth/change_password", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    super::server::change_password(current_password, new_password).await
}

/// The code step of signing in with a second factor: the code the authenticator app shows now, or an unused
/// recovery code. Replaces the pending session with a full one (new cookie).
///
/// Errors: `AUTH_CODE_WRONG` (401, at `code`) for a wrong, expired or reused code, counting towards the same
/// lock as wrong passwords; `AUTH_THROTTLED` (429); `UNAUTHENTICATED` (401) without a pending session (none,
/// older than five minutes, or already completed). Writes `staff.signed_in` with how the code was given.
#[server(prefix = "/api", endpoint = "auth/verify_code", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn verify_code(code: String) -> Result<SessionView, AppError> {
    super::server::verify_code(code).await
}

/// Starts setting up an authenticator app (admins and compliance staff): a new secret as a QR code and in
/// base32, replacing any set-up not yet confirmed. Nothing changes at sign-in until it is confirmed.
///
/// Errors: `FORBIDDEN` for other roles; `SECOND_FACTOR_ALREADY_ENROLLED` (409). Carries no request id on
/// purpose: the idempotency store would keep the secret in its stored answer; a retry starts over.
#[server(prefix = "/api", endpoint = "auth/second_factor/begin", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn begin_second_factor() -> Result<SecondFactorSetup, AppError> {
    super::server::begin_second_factor().await
}

/// Confirms the authenticator being set up with the code it shows: from now on signing in asks for a code.
/// Answers ten recovery codes, this once (stored hashed).
///
/// Errors: `AUTH_CODE_WRONG` (at `code`); `SECOND_FACTOR_NOT_STARTED` (409) before `begin`;
/// `SECOND_FACTOR_ALREADY_ENROLLED` (409) once confirmed. No request id, for the same reason as `begin`: a
/// retry after a lost answer gets `SECOND_FACTOR_ALREADY_ENROLLED`, and an admin's reset starts over. Writes
/// `staff.second_factor_enrolled`.
#[server(prefix = "/api", endpoint = "auth/second_factor/confirm", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn confirm_second_factor(code: String) -> Result<Vec<String>, AppError> {
    super::server::confirm_second_factor(code).await
}
