//! Server functions of sign-in: `/api/auth/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::SessionView;
use crate::error::AppError;

/// Signs in with email and password, replacing any session this browser had, and sets the session cookie.
///
/// Errors: `AUTH_INVALID_CREDENTIALS` (401) for a wrong email or password, a dealer or an inactive account;
/// `AUTH_THROTTLED` (429) after five failures in fifteen minutes. Writes a `staff.signed_in` audit row.
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
