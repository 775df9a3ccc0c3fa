//! The session layer: finds who a page load's cookie belongs to.
//!
//! It keeps signed-out browsers on the sign-in page and signed-in ones off it, and hands a server function's
//! cookie to the call, which resolves it in its own transaction.

use app::ssr::{AppState, Authenticated, RequestSpan, SessionCookie, session};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use pitboss::auth;
use pitboss::{DomainError, ErrorCode};
use uuid::Uuid;

/// Resolves the session cookie into an [`Authenticated`] request extension, which server functions read; for
/// a server function's call, passes the cookie on unresolved ([`SessionCookie`]).
///
/// Redirects page loads without a session to `/login`, those of a session still waiting for its second
/// factor's code to `/verify`, and those of a session signed in with a temporary password to `/password`. API
/// calls are not redirected: their server functions answer 401 (`SECOND_FACTOR_REQUIRED` too) or 403
/// (`PASSWORD_CHANGE_REQUIRED`) themselves.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if is_static(path) {
        return next.run(request).await;
    }
    let request_id = request_id(request.headers());
    let span = RequestSpan(tracing::Span::current());
    let token = session::token_from(request.headers());
    if let Some(token) = token.as_ref().filter(|_| resolved_in_call(path)) {
        // The server function resolves it in its own transaction, which saves a transaction per call.
        request.extensions_mut().insert(SessionCookie(token.clone()));
        request.extensions_mut().insert(span);
        return next.run(request).await;
    }
    let mut signed_in = false;
    let mut must_change = false;
    let mut pending = false;
    if let Some(token) = token {
        match auth::resolve_session(&state.pool, &state.session_key, request_id, &token).await {
            Ok(session) => {
                span.record(&session.actor);
                must_change = session.password_change_required;
                pending = session.second_factor_pending;
                request.extensions_mut().insert(Authenticated::new(session, token));
                signed_in = true;
            }
            Err(auth::Error::Unauthenticated) => {}
            Err(error) => return unavailable(&error),
        }
    }
    let is_page = request.method() == Method::GET && !request.uri().path().starts_with("/api/");
    let path = request.uri().path().to_owned();
    match (is_page, signed_in, path == "/login") {
        (true, false, false) => Redirect::to("/login").into_response(),
        // The second factor's code comes before anything else, and its page is for that moment only.
        (true, true, _) if pending && path != "/verify" => Redirect::to("/verify").into_response(),
        (true, true, _) if !pending && path == "/verify" => Redirect::to("/").into_response(),
        // A temporary password is replaced before any page opens.
        (true, true, _) if must_change && path != "/password" => Redirect::to("/password").into_response(),
        (true, true, true) => Redirect::to("/").into_response(),
        _ => next.run(request).await,
    }
}

/// A server function's call (`POST /api/…`) whose session its own transaction resolves. The live stream and
/// the CSV files (`/api/report/shift.csv`, `/api/mtl/ctr.csv`) are plain handlers, resolved here.
fn resolved_in_call(path: &str) -> bool {
    let file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    path.starts_with("/api/") && path != "/api/events" && !file
}

/// The request's id as the request-id layer set it (a fresh one if it is missing or not a uuid).
pub fn request_id(headers: &axum::http::HeaderMap) -> Uuid {
    headers.get("x-request-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or_else(Uuid::new_v4)
}

/// Assets (compiled CSS, JS, WebAssembly, files under `public/`), health checks and metrics need no session.
/// A file name under `/api/` is an endpoint's (`/api/report/shift.csv`), not an asset.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path == "/healthz"
        || path == "/readyz"
        || path == "/metrics"
        || (!path.starts_with("/api/") && path.rsplit('/').next().is_some_and(|last| last.contains('.')))
}

/// The database could not be asked about the session: 503, in the same envelope server functions use.
fn unavailable(error: &auth::Error) -> Response {
    let code = error.code();
    tracing::warn!(error.code = %code, error = %error, "session lookup failed");
    let code = if code == ErrorCode::Internal { ErrorCode::Unavailable } else { code };
    let body = app::error::AppError::new(code);
    let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    (status, [(header::CONTENT_TYPE, "application/json")], serde_json::to_string(&body).unwrap_or_default())
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::is_static;

    #[test]
    fn server_functions_resolve_their_session_in_their_own_transaction() {
        for path in ["/api/slip/pause", "/api/auth/me", "/api/floor/seats"] {
            assert!(super::resolved_in_call(path), "{path}");
        }
        for path in ["/api/events", "/api/report/shift.csv", "/api/mtl/ctr.csv", "/", "/pit"] {
            assert!(!super::resolved_in_call(path), "{path}");
        }
    }

    #[test]
    fn assets_health_checks_and_metrics_skip_the_session() {
        for path in ["/pkg/pitboss.js", "/pkg/pitboss.wasm", "/healthz", "/readyz", "/metrics", "/favicon.ico"] {
            assert!(is_static(path), "{path}");
        }
        for path in ["/", "/login", "/settings", "/api/auth/me", "/api/report/shift.csv"] {
            assert!(!is_static(path), "{path}");
        }
    }
}
