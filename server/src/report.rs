//! `GET /api/report/shift.csv?gaming_day=YYYY-MM-DD`: a gaming day's table accounting as a spreadsheet, for
//! the staff who may read it (`table_accounting::day_accounting`), in their casino only.

use app::ssr::{AppState, Authenticated};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use pitboss::db::{self, Scope};
use pitboss::table_accounting::{self, report};
use pitboss::{DomainError, ErrorCode};
use serde::Deserialize;

use crate::router::error_response;

/// The query string.
#[derive(Debug, Deserialize)]
pub struct ShiftQuery {
    gaming_day: NaiveDate,
}

/// Answers the CSV, or the JSON error envelope: 401 signed out, 400 without a valid `gaming_day`, 403 for a
/// role that may not read the accounting.
pub async fn shift_csv(
    State(state): State<AppState>,
    query: Result<Query<ShiftQuery>, QueryRejection>,
    request: Request,
) -> Response {
    let Some(session) = request.extensions().get::<Authenticated>() else {
        return error_response(ErrorCode::Unauthenticated);
    };
    if let Some(code) = session.refusal() {
        return error_response(code);
    }
    let Ok(Query(ShiftQuery { gaming_day })) = query else {
        return error_response(ErrorCode::BadRequest);
    };
    let actor = session.actor;
    let request_id = crate::session::request_id(request.headers());
    let scope = Scope { actor, request_id };
    let day =
        db::scoped(&state.pool, &scope, async |conn| table_accounting::day_accounting(conn, &actor, gaming_day).await)
            .await;
    match day {
        Ok(day) => {
            let disposition = format!("attachment; filename=\"shift-{gaming_day}.csv\"");
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                report::shift_csv(&day),
            )
                .into_response()
        }
        Err(error) => {
            let code = error.code();
            if code.http_status() >= 500 {
                tracing::error!(error.code = %code, request.id = %request_id, error = %error, "shift report failed");
            }
            error_response(code)
        }
    }
}
