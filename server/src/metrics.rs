//! Prometheus metrics at `GET /metrics`.
//!
//! Latency per server function and outcome, errors by code, committed domain events (slips opened and closed,
//! rewards, finance entries), and floor gauges read at scrape time.
//! The recorder is process-wide. Counters come from what actually committed: the event listener counts each
//! audit row's `kind` as it arrives, so a rolled-back action is never counted.

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Instant;

use app::error::ERROR_CODE_HEADER;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use pitboss::ErrorCode;
use sqlx::PgPool;

use crate::events::EventHub;

/// The latency histogram; its buckets resolve the 10 ms budget and a slow 1 s tail.
const LATENCY: &str = "pitboss_request_duration_seconds";
const BUCKETS: [f64; 14] = [0.001, 0.002, 0.004, 0.006, 0.008, 0.010, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

/// Installs the process-wide recorder on first use; `None` if another recorder was installed first.
fn recorder() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let installed = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(LATENCY.to_owned()), &BUCKETS)
                .and_then(PrometheusBuilder::install_recorder);
            match installed {
                Ok(handle) => {
                    zero_counters();
                    Some(handle)
                }
                Err(error) => {
                    tracing::warn!(%error, "metrics: recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// Starts every counter the dashboards and alerts read at zero, so a quiet server still exposes them.
fn zero_counters() {
    for name in DOMAIN_COUNTERS.iter().map(|(_, name)| *name) {
        counter!(name).absolute(0);
    }
    for code in ErrorCode::ALL {
        counter!("pitboss_errors_total", "code" => code.as_str()).absolute(0);
    }
    gauge!("pitboss_stream_subscribers").set(0.0);
}

/// Installs the recorder; the event hub calls it when it starts, before the listener or any request records
/// anything.
pub fn install() {
    let _ = recorder();
}

/// The audit actions that have their own counter.
const DOMAIN_COUNTERS: [(&str, &str); 4] = [
    ("rating_slip.started", "pitboss_slips_opened_total"),
    ("rating_slip.closed", "pitboss_slips_closed_total"),
    ("loyalty_ledger.reward_issued", "pitboss_rewards_issued_total"),
    ("player_financial_transaction.created", "pitboss_finance_entries_total"),
];

/// Counts one committed change (called by the event listener for each audit row).
pub fn committed(kind: &str) {
    counter!("pitboss_events_total", "kind" => kind.to_owned()).increment(1);
    if let Some((_, name)) = DOMAIN_COUNTERS.iter().find(|(action, _)| *action == kind) {
        counter!(*name).increment(1);
    }
}

/// Whether the event listener is connected (alert `PitbossEventStreamDown`).
pub fn listener_up(up: bool) {
    gauge!("pitboss_event_listener_up").set(if up { 1.0 } else { 0.0 });
}

/// The server-function paths, so a random URL cannot create a new label value.
fn known_endpoints() -> &'static HashSet<&'static str> {
    static PATHS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PATHS.get_or_init(|| leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect())
}

/// Middleware: times every `/api/` call (the live stream aside) by endpoint and outcome, and counts refusals by
/// their error code.
pub async fn track(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") || path == "/api/events" {
        return next.run(request).await;
    }
    let endpoint = known_endpoints().get(path).copied().unwrap_or("other");
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    let outcome = if status.is_success() {
        "ok"
    } else if status.is_client_error() {
        "4xx"
    } else {
        "5xx"
    };
    histogram!(LATENCY, "endpoint" => endpoint, "outcome" => outcome).record(started.elapsed().as_secs_f64());
    if !status.is_success() {
        let code = response.headers().get(ERROR_CODE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("UNKNOWN");
        counter!("pitboss_errors_total", "code" => code.to_owned()).increment(1);
    }
    response
}

/// Floor gauges per casino, from `metrics_floor_gauges()` (aggregates only, across casinos).
async fn floor_gauges(pool: &PgPool) -> sqlx::Result<()> {
    let rows: Vec<(uuid::Uuid, i64, i64, i64)> =
        sqlx::query_as("select casino_id, active_tables, open_slips, slips_open_over_8h from metrics_floor_gauges()")
            .fetch_all(pool)
            .await?;
    for (casino, tables, slips, stale) in rows {
        let casino = casino.to_string();
        gauge!("pitboss_active_tables", "casino" => casino.clone()).set(tables as f64);
        gauge!("pitboss_open_slips", "casino" => casino.clone()).set(slips as f64);
        gauge!("pitboss_slips_open_over_8h", "casino" => casino).set(stale as f64);
    }
    Ok(())
}

/// The audit chain linker's backlog across casinos: rows waiting, and the age of the oldest (alert
/// `PitbossAuditChainLagging`).
async fn chain_gauges(pool: &PgPool) -> sqlx::Result<()> {
    let (pending, lag): (i64, f64) =
        sqlx::query_as("select pending, lag_seconds from metrics_audit_chain_lag()").fetch_one(pool).await?;
    gauge!("pitboss_audit_chain_pending").set(pending as f64);
    gauge!("pitboss_audit_chain_lag_seconds").set(lag);
    Ok(())
}

/// `GET /metrics` in the Prometheus text format.
pub async fn render(State((pool, hub)): State<(PgPool, EventHub)>) -> Response {
    let Some(handle) = recorder() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    gauge!("pitboss_stream_subscribers").set(hub.subscribers() as f64);
    if let Err(error) = floor_gauges(&pool).await {
        tracing::warn!(%error, "metrics: floor gauges unavailable");
    }
    if let Err(error) = chain_gauges(&pool).await {
        tracing::warn!(%error, "metrics: audit chain gauges unavailable");
    }
    let mut response = handle.render().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    response
}
