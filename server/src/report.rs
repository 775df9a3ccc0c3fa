//! The spreadsheets, in the caller's casino only.
//!
//! `GET /api/report/shift.csv?gaming_day=YYYY-MM-DD` (a gaming day's table accounting, for
//! the staff who may read it, `table_accounting::day_accounting`) and `GET /api/mtl/ctr.csv?gaming_day=…` (its
//! CTR worksheets, for compliance and admins, `mtl::ctr_day`).

use app::ssr::{AppState, Authenticated};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use pitboss::db::{self, Scope};
use pitboss::mtl::ctr_csv;
use pitboss::table_accounting::{self, report};
use pitboss::{Actor, DomainError, ErrorCode};
use serde::Deserialize;
use sqlx::PgConnection;

use crate::router::error_response;

/// The query string.
#[derive(Debug, Deserialize)]
pub struct DayQuery {
    gaming_day: NaiveDate,
}

/// The shift report: 401 signed out, 400 without a valid `gaming_day`, 403 for a role that may not read the
/// accounting.
pub async fn shift_csv(
    State(state): State<AppState>,
    query: Result<Query<DayQuery>, QueryRejection>,
    request: Request,
) -> Response {
    csv_of_day(&state, query, request, "shift", async |conn, actor, day| {
        table_accounting::day_accounting(conn, actor, day).await.map(|d| report::shift_csv(&d))
    })
    .await
}

/// The CTR worksheets: as the shift report, 403 for roles other than compliance and admins, 422 for a day not
/// begun.
pub async fn ctr_csv(
    State(state): State<AppState>,
    query: Result<Query<DayQuery>, QueryRejection>,
    request: Request,
) -> Response {
    csv_of_day(&state, query, request, "ctr", async |conn, actor, day| {
        pitboss::mtl::ctr_day(conn, actor, Some(day)).await.map(|d| ctr_csv::ctr_csv(&d))
    })
    .await
}

/// Answers `<name>-<day>.csv` as the caller's scoped read renders it, or the JSON error envelope.
async fn csv_of_day<E: DomainError + From<sqlx::Error>>(
    state: &AppState,
    query: Result<Query<DayQuery>, QueryRejection>,
    request: Request,
    name: &str,
    render: impl AsyncFnOnce(&mut PgConnection, &Actor, NaiveDate) -> Result<String, E>,
) -> Response {
    // Nothing of the request is held across the read: its body is not `Sync`.
    let (actor, request_id) = {
        let Some(session) = request.extensions().get::<Authenticated>() else {
            return error_response(ErrorCode::Unauthenticated);
        };
        if let Some(code) = session.refusal() {
            return error_response(code);
        }
        (session.actor, crate::session::request_id(request.headers()))
    };
    drop(request);
    let Ok(Query(DayQuery { gaming_day })) = query else {
        return error_response(ErrorCode::BadRequest);
    };
    let scope = Scope { actor, request_id };
    match db::scoped(&state.pool, &scope, async |conn| render(conn, &actor, gaming_day).await).await {
        Ok(csv) => {
            let disposition = format!("attachment; filename=\"{name}-{gaming_day}.csv\"");
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                csv,
            )
                .into_response()
        }
        Err(error) => {
            let code = error.code();
            if code.http_status() >= 500 {
                tracing::error!(error.code = %code, request.id = %request_id, error = %error, "{name} report failed");
            }
            error_response(code)
        }
    }
}
