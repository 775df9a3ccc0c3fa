//! The session layer: finds who a request's cookie belongs to (once per request), and keeps signed-out
//! browsers on the sign-in page and signed-in ones off it.

use app::ssr::{AppState, Authenticated, session};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use pitboss::auth;
use pitboss::{DomainError, ErrorCode};
use uuid::Uuid;

/// Resolves the session cookie into an [`Authenticated`] request extension, which server functions read.
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
    let mut signed_in = false;
    let mut must_change = false;
    let mut pending = false;
    if let Some(token) = session::token_from(request.headers()) {
        match auth::resolve_session(&state.pool, &state.session_key, request_id, &token).await {
            Ok(session) => {
                let (actor, password_change_required, second_factor_pending) =
                    (session.actor, session.password_change_required, session.second_factor_pending);
                let span = tracing::Span::current();
                span.record("casino.id", tracing::field::display(actor.casino_id));
                span.record("staff.id", tracing::field::display(actor.staff_id));
                request.extensions_mut().insert(Authenticated {
                    actor,
                    token,
                    password_change_required,
                    second_factor_pending,
                });
                signed_in = true;
                must_change = password_change_required;
                pending = second_factor_pending;
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
    fn assets_health_checks_and_metrics_skip_the_session() {
        for path in ["/pkg/pitboss.js", "/pkg/pitboss.wasm", "/healthz", "/readyz", "/metrics", "/favicon.ico"] {
            assert!(is_static(path), "{path}");
        }
        for path in ["/", "/login", "/settings", "/api/auth/me", "/api/report/shift.csv"] {
            assert!(!is_static(path), "{path}");
        }
    }
}
