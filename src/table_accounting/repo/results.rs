//! SQL of the derived figures: each table's day and each shift.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::super::model::{CountId, CountKind};
use crate::table_context::TableId;

/// One row of `table_day_results`.
pub(in super::super) struct DayResultRow {
    pub table_id: TableId,
    pub periods: i32,
    pub opening_cents: i64,
    pub closing_cents: i64,
    pub fills_cents: i64,
    pub credits_cents: i64,
    pub drop_cash_cents: Option<i64>,
    pub drop_markers_cents: Option<i64>,
    pub drop_cents: Option<i64>,
    pub win_cents: Option<i64>,
}

/// What `table_day_results` derives for `day`, for every table with a counted period or a drop.
pub(in super::super) async fn day_results(conn: &mut PgConnection, day: NaiveDate) -> sqlx::Result<Vec<DayResultRow>> {
    // language=PostgreSQL
    sqlx::query_as!(
        DayResultRow,
        r#"select r.table_id as "table_id!: TableId", r.periods as "periods!",
                  r.opening_cents as "opening_cents!", r.closing_cents as "closing_cents!",
                  r.fills_cents as "fills_cents!", r.credits_cents as "credits_cents!", r.drop_cash_cents,
                  r.drop_markers_cents, r.drop_cents, r.win_cents
           from table_day_results($1, $1) r"#,
        day,
    )
    .fetch_all(conn)
    .await
}

/// One row of `table_shift_results`.
pub(in super::super) struct ShiftResultRow {
    pub table_id: TableId,
    pub end_id: CountId,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub start_kind: CountKind,
    pub end_kind: CountKind,
    pub start_cents: i64,
    pub end_cents: i64,
    pub fills_cents: i64,
    pub credits_cents: i64,
    pub drop_cents: Option<i64>,
    pub win_cents: Option<i64>,
}

/// Every shift (counted period) ending on `day`, by table and time.
pub(in super::super) async fn shift_results(
    conn: &mut PgConnection,
    day: NaiveDate,
) -> sqlx::Result<Vec<ShiftResultRow>> {
    // language=PostgreSQL
    sqlx::query_as!(
        ShiftResultRow,
        r#"select r.table_id as "table_id!: TableId", r.end_id as "end_id!: CountId", r.started_at as "started_at!",
                  r.ended_at as "ended_at!", r.start_kind as "start_kind!: CountKind",
                  r.end_kind as "end_kind!: CountKind", r.start_cents as "start_cents!", r.end_cents as "end_cents!",
                  r.fills_cents as "fills_cents!", r.credits_cents as "credits_cents!", r.drop_cents, r.win_cents
           from table_shift_results($1, $1) r
           order by r.table_id, r.ended_at, r.end_id"#,
        day,
    )
    .fetch_all(conn)
    .await
}
