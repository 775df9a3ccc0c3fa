//! The HTTP surface: pages, server functions under `/api/<service>/<verb>`, health checks, metrics, and the middleware
//! every request passes through.

use std::time::Duration;

use app::error::AppError;
use app::ssr::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use pitboss::ErrorCode;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::events::{self, EventHub};
use crate::metrics;
use crate::report;
use crate::session;

/// Largest request body accepted; server-function inputs are small JSON documents.
const BODY_LIMIT: usize = 64 * 1024;
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole application; tests call this with their own state and event hub.
pub fn app(state: AppState, hub: EventHub) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let observed = Router::new().route("/metrics", get(metrics::render)).with_state((state.pool.clone(), hub.clone()));
    let live = Router::new().route("/api/events", get(events::stream)).with_state((state.clone(), hub.clone()));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/api/report/shift.csv", get(report::shift_csv))
        .route("/api/mtl/ctr.csv", get(report::ctr_csv))
        .route("/api/{*rest}", any(unknown_endpoint))
        .merge(live)
        .merge(observed)
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(worker_script))
        .layer(middleware::from_fn_with_state(state.clone(), session::resolve))
        .layer(middleware::from_fn(same_origin_only))
        .layer(middleware::from_fn(metrics::track))
        .layer(
            // Outermost first: the request id exists before the trace span opens, so every log line has it.
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(request_span).on_response(log_response))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CatchPanicLayer::new())
                .layer(middleware::map_response(error_envelope))
                .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
                .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
                .layer(CompressionLayer::new())
                .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .layer(security_header(header::REFERRER_POLICY, "same-origin"))
                .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
                // Pages set their own policy with the response's script nonce (`app::ssr::csp`); everything
                // else (JSON, events, files) may load nothing and be framed nowhere.
                .layer(security_header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'")),
        )
        .with_state(state)
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// One span per request, carrying the ids later lines need; health checks only at debug level.
fn request_span(request: &Request<Body>) -> tracing::Span {
    let request_id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let path = request.uri().path();
    macro_rules! span {
        ($level:expr) => {
            tracing::span!(
                $level,
                "http.request",
                request.id = %request_id,
                http.method = %request.method(),
                http.path = %path,
                casino.id = tracing::field::Empty,
                staff.id = tracing::field::Empty,
            )
        };
    }
    if path == "/healthz" || path == "/readyz" { span!(tracing::Level::DEBUG) } else { span!(tracing::Level::INFO) }
}

/// One line per response with its status and duration, at the level of its request's span.
fn log_response<B>(response: &Response<B>, latency: Duration, span: &tracing::Span) {
    let status = response.status().as_u16();
    let duration_ms = latency.as_secs_f64() * 1000.0;
    if span.metadata().is_some_and(|meta| *meta.level() == tracing::Level::DEBUG) {
        tracing::debug!(http.status = status, duration_ms, "response");
    } else {
        tracing::info!(http.status = status, duration_ms, "response");
    }
}

/// Liveness: the process answers.
async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: the database answers within two seconds.
async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(Duration::from_secs(2), pitboss::db::ping(&state.pool)).await {
        Ok(Ok(())) => (StatusCode::OK, axum::Json(serde_json::json!({ "status": "ready" }))).into_response(),
        _ => error_response(ErrorCode::Unavailable),
    }
}

async fn unknown_endpoint() -> Response {
    error_response(ErrorCode::UnknownEndpoint)
}

/// The service worker's script (`public/sw.js`) gets a policy of its own: it fetches pages, files and reads
/// from this origin, where every other file may load nothing. Browsers also check it for a newer version on
/// every page load, so it is never served from an HTTP cache.
async fn worker_script(request: Request, next: Next) -> Response {
    let is_worker = request.uri().path() == "/sw.js";
    let mut response = next.run(request).await;
    if is_worker && response.status().is_success() {
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'self'"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// Refuses state-changing requests sent by another site (CSRF): the browser says where a request comes
/// from in `Sec-Fetch-Site` and `Origin`, and a page of ours always sends its own origin.
async fn same_origin_only(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin_host = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(|origin| origin.split_once("://").map_or(origin, |(_, rest)| rest));
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let cross_site = fetch_site == Some("cross-site") || matches!((origin_host, host), (Some(o), Some(h)) if o != h);
    if cross_site {
        tracing::warn!(origin = ?origin_host, "cross-site request refused");
        return error_response(ErrorCode::CrossSiteRequest);
    }
    next.run(request).await
}

/// Rewrites the plain-text refusals of the middleware below (body too large, timeout) into the JSON envelope
/// every other error uses.
async fn error_envelope<B>(response: axum::http::Response<B>) -> Response
where
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE if !is_json => error_response(ErrorCode::PayloadTooLarge),
        StatusCode::REQUEST_TIMEOUT if !is_json => error_response(ErrorCode::Unavailable),
        _ => response.map(Body::new),
    }
}

/// An error outside any server function, in the same JSON envelope.
pub(crate) fn error_response(code: ErrorCode) -> Response {
    let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, axum::Json(AppError::new(code))).into_response();
    if let Ok(value) = HeaderValue::from_str(&code.as_str()) {
        response.headers_mut().insert(app::error::ERROR_CODE_HEADER, value);
    }
    response
}
