//! The server-function boundary: actor and state lookup, the scoped transaction, and error reporting.
//!
//! Errors are logged here and only here: `INTERNAL` at error level with its full cause and the request id,
//! expected business outcomes at info level with their code. The client gets the code's fixed message.

use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use pitboss::db::{self, Scope};
use pitboss::{Actor, DomainError, ErrorCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{AppState, Authenticated, RequestSpan, SessionCookie};
use crate::error::AppError;

/// Sets the HTTP status of the response being built to the one `code` calls for, and names the code in
/// [`ERROR_CODE_HEADER`](crate::error::ERROR_CODE_HEADER).
pub fn set_status(code: ErrorCode) {
    if let (Some(response), Ok(status)) = (use_context::<ResponseOptions>(), StatusCode::from_u16(code.http_status())) {
        response.set_status(status);
        if let Ok(value) = HeaderValue::from_str(&code.as_str()) {
            response.insert_header(HeaderName::from_static(crate::error::ERROR_CODE_HEADER), value);
        }
    }
}

/// The request id the server's middleware assigned (`x-request-id`), or a fresh one outside a request.
pub fn request_id() -> Uuid {
    use_context::<Parts>()
        .and_then(|parts| parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()))
        .unwrap_or_else(Uuid::new_v4)
}

/// The signed-in staff member behind this request, if any.
///
/// A page load's session was resolved by the session layer; an API call's cookie is resolved here, in a
/// transaction of its own (the calls that need a session before their transaction: signing in and out,
/// staff administration's check before hashing a password).
pub async fn current_session() -> Result<Option<Authenticated>, AppError> {
    let Some(parts) = use_context::<Parts>() else {
        return Ok(None);
    };
    if let Some(session) = parts.extensions.get::<Authenticated>() {
        return Ok(Some(session.clone()));
    }
    let Some(SessionCookie(token)) = parts.extensions.get::<SessionCookie>().cloned() else {
        return Ok(None);
    };
    let state = state()?;
    match pitboss::auth::resolve_session(&state.pool, &state.session_key, request_id(), &token).await {
        Ok(session) => {
            if let Some(span) = parts.extensions.get::<RequestSpan>() {
                span.record(&session.actor);
            }
            Ok(Some(Authenticated::new(session, token)))
        }
        Err(pitboss::auth::Error::Unauthenticated) => Ok(None),
        Err(error) => Err(fail(error)),
    }
}

/// The session token the request's cookie presents, resolved or not (signing in and out end it as it is).
pub fn presented_token() -> Option<pitboss::auth::SessionToken> {
    let parts = use_context::<Parts>()?;
    parts
        .extensions
        .get::<Authenticated>()
        .map(|session| session.token.clone())
        .or_else(|| parts.extensions.get::<SessionCookie>().map(|cookie| cookie.0.clone()))
}

/// The signed-in staff member behind this request; `UNAUTHENTICATED` (401) if there is none, and
/// `SECOND_FACTOR_REQUIRED` (401) while the second factor's code is still to come.
///
/// A session that must choose a new password passes: only `auth/me`, signing out and changing the password
/// ask this.
pub async fn authenticated() -> Result<Authenticated, AppError> {
    let session = current_session().await?.ok_or_else(|| reject(ErrorCode::Unauthenticated))?;
    match signed_in_refusal(&session) {
        Some(code) => Err(reject(code)),
        None => Ok(session),
    }
}

/// The signed-in staff member, free to act: also `PASSWORD_CHANGE_REQUIRED` (403) for a session signed in with
/// a temporary password.
pub async fn acting() -> Result<Authenticated, AppError> {
    let session = authenticated().await?;
    match session.refusal() {
        Some(code) => Err(reject(code)),
        None => Ok(session),
    }
}

/// Why a session may not make the calls a session that must choose a new password still may.
fn signed_in_refusal(session: &Authenticated) -> Option<ErrorCode> {
    session.second_factor_pending.then_some(ErrorCode::SecondFactorRequired)
}

/// Like [`scoped`], for the calls a session that must choose a new password may still make (`auth/me`).
pub async fn scoped_signed_in<T, E>(
    work: impl AsyncFnOnce(&mut PgConnection, &Actor) -> Result<T, E>,
) -> Result<T, AppError>
where
    E: DomainError + From<sqlx::Error>,
{
    as_caller(signed_in_refusal, work).await
}

/// A call's outcome inside its session's transaction: refused for what the session may not do yet, or the
/// work's own error.
enum Call<E> {
    Refused(ErrorCode),
    Work(E),
}

impl<E: From<sqlx::Error>> From<sqlx::Error> for Call<E> {
    fn from(error: sqlx::Error) -> Self {
        Self::Work(E::from(error))
    }
}

/// Runs `work` as the caller in one RLS-scoped transaction, unless `refusal` names a reason not to.
///
/// A session the session layer already resolved (a page's server-side render) is entered directly; an API
/// call's cookie is resolved inside the same transaction as `work` (`pitboss::auth::within_session`).
async fn as_caller<T, E>(
    refusal: fn(&Authenticated) -> Option<ErrorCode>,
    work: impl AsyncFnOnce(&mut PgConnection, &Actor) -> Result<T, E>,
) -> Result<T, AppError>
where
    E: DomainError + From<sqlx::Error>,
{
    let extensions = use_context::<Parts>().map(|parts| parts.extensions).unwrap_or_default();
    let state = state()?;
    let request_id = request_id();
    if let Some(session) = extensions.get::<Authenticated>() {
        if let Some(code) = refusal(session) {
            return Err(reject(code));
        }
        let actor = session.actor;
        let scope = Scope { actor, request_id };
        return db::scoped(&state.pool, &scope, async |conn| work(conn, &actor).await).await.map_err(fail);
    }
    let Some(SessionCookie(token)) = extensions.get::<SessionCookie>().cloned() else {
        return Err(reject(ErrorCode::Unauthenticated));
    };
    let span = extensions.get::<RequestSpan>().cloned();
    let key = &state.session_key;
    let outcome = pitboss::auth::within_session(&state.pool, key, request_id, &token, async |conn, session| {
        let caller = Authenticated::new(*session, token.clone());
        if let Some(code) = refusal(&caller) {
            return Err(Call::Refused(code));
        }
        if let Some(span) = &span {
            span.record(&caller.actor);
        }
        work(conn, &caller.actor).await.map_err(Call::Work)
    })
    .await;
    match outcome {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(reject(ErrorCode::Unauthenticated)),
        Err(Call::Refused(code)) => Err(reject(code)),
        Err(Call::Work(error)) => Err(fail(error)),
    }
}

/// The application state; a missing state is a wiring bug, reported as `INTERNAL`.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState is not provided to server functions; check the router's context");
        reject(ErrorCode::Internal)
    })
}

/// Turns a domain error into the wire error: logs it once, sets the status, hides infrastructure causes.
pub fn fail<E: DomainError>(error: E) -> AppError {
    let code = error.code();
    let request_id = request_id();
    match code {
        ErrorCode::Internal => {
            tracing::error!(error.code = %code, request.id = %request_id, error = %error_chain(&error), "server function failed")
        }
        ErrorCode::Unavailable => {
            tracing::warn!(error.code = %code, error = %error_chain(&error), "database unavailable")
        }
        _ => tracing::info!(error.code = %code, "request refused"),
    }
    set_status(code);
    let mut app_error = AppError::new(code).with_fields(error.fields());
    if let Some(detail) = error.detail() {
        app_error.message = detail;
    }
    if code == ErrorCode::Internal {
        app_error.request_id = Some(request_id);
    }
    app_error
}

/// Runs `work` as the signed-in actor in one RLS-scoped transaction (`docs/architecture.md#the-request-path`).
pub async fn scoped<T, E>(work: impl AsyncFnOnce(&mut PgConnection, &Actor) -> Result<T, E>) -> Result<T, AppError>
where
    E: DomainError + From<sqlx::Error>,
{
    as_caller(Authenticated::refusal, work).await
}

/// Like [`scoped`], for a mutation: one key, one request.
///
/// A replay of `key` with the same `args` (the server function's arguments but the key) returns the first
/// response and changes nothing; with other arguments it is refused (`IDEMPOTENCY_KEY_REUSED`).
pub async fn scoped_idempotent<T, E>(
    key: Uuid,
    action: &str,
    args: &impl Serialize,
    work: impl AsyncFnOnce(&mut PgConnection, &Actor) -> Result<T, E>,
) -> Result<T, AppError>
where
    T: Serialize + DeserializeOwned,
    E: DomainError + From<sqlx::Error>,
{
    as_caller(Authenticated::refusal, async |conn, actor| {
        db::idempotent_in(conn, actor, key, action, args, async |conn| work(conn, actor).await).await
    })
    .await
}

fn reject(code: ErrorCode) -> AppError {
    set_status(code);
    AppError::new(code)
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
