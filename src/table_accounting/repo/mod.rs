//! SQL of tray counts, fills and credits; drops and the derived figures in the submodules.

mod drops;
mod results;

pub(super) use drops::{Drops, drops, insert_drop, insert_reversal, shift_end};
pub(super) use results::{DayResultRow, ShiftResultRow, day_results, shift_results};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::model::{
    CageRequest, CageRequestId, CageRequestKind, CageRequestStatus, Chips, CountId, CountKind, InventoryCount, NewCount,
};
use crate::casino::{CasinoId, StaffId};
use crate::money::Cents;
use crate::table_context::TableId;

/// Records a count, dated by the server; returns its id.
pub(super) async fn insert_count(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    counted_by: StaffId,
    new: &NewCount,
) -> sqlx::Result<CountId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"insert into table_inventory_count (id, casino_id, table_id, kind, chips, counted_by, witness_id, gaming_day,
                                              counted_at)
           values ($1, $2, $3, $4, $5, $6, $7, compute_gaming_day($2, app_now()), app_now())
           returning id as "id: CountId""#,
        Uuid::new_v4(),
        casino_id.0,
        new.table_id.0,
        new.kind as CountKind,
        Json(&new.chips) as _,
        counted_by.0,
        new.witness_id.0,
    )
    .fetch_one(conn)
    .await
}

/// Which counts to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Counts {
    /// One count.
    Id(CountId),
    /// A table's counts of a gaming day.
    Day(TableId, NaiveDate),
    /// A table's latest count.
    Latest(TableId),
}

/// The counts `filter` selects, newest first.
pub(super) async fn counts(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    filter: Counts,
) -> sqlx::Result<Vec<InventoryCount>> {
    let (id, table, day, limit) = match filter {
        Counts::Id(id) => (Some(id.0), None, None, 1),
        Counts::Day(table, day) => (None, Some(table.0), Some(day), 200),
        Counts::Latest(table) => (None, Some(table.0), None, 1),
    };
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select c.id as "id: CountId", c.table_id as "table_id: TableId", c.kind as "kind: CountKind",
                  c.chips as "chips: Json<Chips>", c.total_cents as "total_cents!", c.counted_by as "counted_by: StaffId",
                  b.first_name || ' ' || b.last_name as "counted_by_name!", c.witness_id as "witness_id: StaffId",
                  w.first_name || ' ' || w.last_name as "witness_name!", c.gaming_day, c.counted_at
           from table_inventory_count c
           join staff b on b.casino_id = c.casino_id and b.id = c.counted_by
           join staff w on w.casino_id = c.casino_id and w.id = c.witness_id
           where c.casino_id = $1 and ($2::uuid is null or c.id = $2) and ($3::uuid is null or c.table_id = $3)
             and ($4::date is null or c.gaming_day = $4)
           order by c.counted_at desc, c.id desc
           limit $5"#,
        casino_id.0,
        id,
        table,
        day,
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| InventoryCount {
            id: r.id,
            table_id: r.table_id,
            kind: r.kind,
            chips: r.chips.0,
            total: Cents(r.total_cents),
            counted_by: r.counted_by,
            counted_by_name: r.counted_by_name,
            witness_id: r.witness_id,
            witness_name: r.witness_name,
            gaming_day: r.gaming_day,
            counted_at: r.counted_at,
        })
        .collect())
}

/// Records a pending fill or credit; returns its id.
pub(super) async fn insert_request(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    requested_by: StaffId,
    table_id: TableId,
    kind: CageRequestKind,
    chips: &Chips,
) -> sqlx::Result<CageRequestId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"insert into table_cage_request (id, casino_id, table_id, kind, chips, requested_by, requested_at)
           values ($1, $2, $3, $4, $5, $6, app_now())
           returning id as "id: CageRequestId""#,
        Uuid::new_v4(),
        casino_id.0,
        table_id.0,
        kind as CageRequestKind,
        Json(chips) as _,
        requested_by.0,
    )
    .fetch_one(conn)
    .await
}

/// The request's status and requester, locked until the transaction ends so it is resolved once.
pub(super) async fn lock_request(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: CageRequestId,
) -> sqlx::Result<Option<(CageRequestStatus, StaffId)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select status as "status: CageRequestStatus", requested_by as "requested_by: StaffId"
           from table_cage_request where casino_id = $1 and id = $2 for update"#,
        casino_id.0,
        id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.status, r.requested_by)))
}

/// Confirms or cancels a pending request, by `staff`, now (a confirmation is dated by its gaming day).
pub(super) async fn resolve(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: CageRequestId,
    status: CageRequestStatus,
    staff: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update table_cage_request
         set status = $3, resolved_by = $4, resolved_at = app_now(),
             gaming_day = case when $3 = 'confirmed'::cage_request_status then compute_gaming_day($1, app_now()) end
         where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        status as CageRequestStatus,
        staff.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A table's fills and credits still pending, and when the latest confirmed one was confirmed.
pub(super) async fn cage_activity(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
) -> sqlx::Result<(i64, Option<DateTime<Utc>>)> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select count(*) filter (where status = 'requested') as "pending!",
                  max(resolved_at) filter (where status = 'confirmed') as last_confirmed
           from table_cage_request where casino_id = $1 and table_id = $2"#,
        casino_id.0,
        table_id.0,
    )
    .fetch_one(conn)
    .await?;
    Ok((row.pending, row.last_confirmed))
}

/// Which requests to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Requests {
    /// One request.
    Id(CageRequestId),
    /// Every pending request of the casino.
    Pending,
    /// A table's requests made or resolved on a gaming day, and its pending ones.
    Table(TableId, NaiveDate),
}

/// The requests `filter` selects, newest first (at most 200).
pub(super) async fn requests(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    filter: Requests,
) -> sqlx::Result<Vec<CageRequest>> {
    let (id, pending, table, day) = match filter {
        Requests::Id(id) => (Some(id.0), false, None, None),
        Requests::Pending => (None, true, None, None),
        Requests::Table(table, day) => (None, false, Some(table.0), Some(day)),
    };
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select r.id as "id: CageRequestId", r.table_id as "table_id: TableId", t.label, r.kind as "kind: CageRequestKind",
                  r.chips as "chips: Json<Chips>", r.total_cents as "total_cents!", r.status as "status: CageRequestStatus",
                  r.requested_by as "requested_by: StaffId", q.first_name || ' ' || q.last_name as "requested_by_name!",
                  r.requested_at, r.resolved_by as "resolved_by: StaffId",
                  s.first_name || ' ' || s.last_name as "resolved_by_name?", r.resolved_at, r.gaming_day
           from table_cage_request r
           join gaming_table t on t.casino_id = r.casino_id and t.id = r.table_id
           join staff q on q.casino_id = r.casino_id and q.id = r.requested_by
           left join staff s on s.casino_id = r.casino_id and s.id = r.resolved_by
           where r.casino_id = $1 and ($2::uuid is null or r.id = $2)
             and (not $3 or r.status = 'requested')
             and ($4::uuid is null or (r.table_id = $4
                  and (r.status = 'requested' or r.gaming_day = $5
                       or compute_gaming_day(r.casino_id, r.requested_at) = $5)))
           order by r.requested_at desc, r.id
           limit 200"#,
        casino_id.0,
        id,
        pending,
        table,
        day,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CageRequest {
            id: r.id,
            table_id: r.table_id,
            table_label: r.label,
            kind: r.kind,
            chips: r.chips.0,
            total: Cents(r.total_cents),
            status: r.status,
            requested_by: r.requested_by,
            requested_by_name: r.requested_by_name,
            requested_at: r.requested_at,
            resolved_by: r.resolved_by,
            resolved_by_name: r.resolved_by_name,
            resolved_at: r.resolved_at,
            gaming_day: r.gaming_day,
        })
        .collect())
}
