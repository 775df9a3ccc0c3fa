//! SQL of drop entries.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::super::model::{CountId, CountKind, DropEntry, DropId, NewDrop};
use crate::casino::{CasinoId, StaffId};
use crate::money::Cents;
use crate::table_context::TableId;

/// Records a drop entry; returns its id.
pub(in super::super) async fn insert_drop(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    entered_by: StaffId,
    new: &NewDrop,
) -> sqlx::Result<DropId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"insert into table_drop (id, casino_id, table_id, gaming_day, cash_cents, markers_cents, shift_end_id,
                                   entered_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, app_now())
           returning id as "id: DropId""#,
        Uuid::new_v4(),
        casino_id.0,
        new.table_id.0,
        new.gaming_day,
        new.cash_cents.0,
        new.markers_cents.0,
        new.shift_end_id.map(|c| c.0),
        entered_by.0,
    )
    .fetch_one(conn)
    .await
}

/// Records the reversal of `original` (same table, day, shift and amounts) with `reason`; returns its id.
pub(in super::super) async fn insert_reversal(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    entered_by: StaffId,
    original: &DropEntry,
    reason: &str,
) -> sqlx::Result<DropId> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"insert into table_drop (id, casino_id, table_id, gaming_day, cash_cents, markers_cents, shift_end_id,
                                   reverses_id, note, entered_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, app_now())
           returning id as "id: DropId""#,
        Uuid::new_v4(),
        casino_id.0,
        original.table_id.0,
        original.gaming_day,
        original.cash.0,
        original.markers.0,
        original.shift_end_id.map(|c| c.0),
        original.id.0,
        reason,
        entered_by.0,
    )
    .fetch_one(conn)
    .await
}

/// Which drop entries to read.
#[derive(Debug, Clone, Copy)]
pub(in super::super) enum Drops {
    /// One entry.
    Id(DropId),
    /// Every entry of a gaming day.
    Day(NaiveDate),
}

/// The drop entries `filter` selects, by table and entry time.
pub(in super::super) async fn drops(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    filter: Drops,
) -> sqlx::Result<Vec<DropEntry>> {
    let (id, day) = match filter {
        Drops::Id(id) => (Some(id.0), None),
        Drops::Day(day) => (None, Some(day)),
    };
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select d.id as "id: DropId", d.table_id as "table_id: TableId", d.gaming_day, d.cash_cents, d.markers_cents,
                  d.reverses_id as "reverses_id: DropId", r.id as "reversed_by?: DropId", d.note,
                  d.shift_end_id as "shift_end_id: CountId",
                  d.entered_by as "entered_by: StaffId", s.first_name || ' ' || s.last_name as "entered_by_name!",
                  d.created_at
           from table_drop d
           join staff s on s.casino_id = d.casino_id and s.id = d.entered_by
           left join table_drop r on r.casino_id = d.casino_id and r.reverses_id = d.id
           where d.casino_id = $1 and ($2::uuid is null or d.id = $2) and ($3::date is null or d.gaming_day = $3)
           order by d.table_id, d.created_at, d.id"#,
        casino_id.0,
        id,
        day,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DropEntry {
            id: r.id,
            table_id: r.table_id,
            gaming_day: r.gaming_day,
            cash: Cents(r.cash_cents),
            markers: Cents(r.markers_cents),
            reverses_id: r.reverses_id,
            reversed_by: r.reversed_by,
            note: r.note,
            shift_end_id: r.shift_end_id,
            entered_by: r.entered_by,
            entered_by_name: r.entered_by_name,
            created_at: r.created_at,
        })
        .collect())
}

/// The kind and gaming day of the table's count `id`, if the table has such a count: whether a shift's drop
/// may name it.
pub(in super::super) async fn shift_end(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
    id: CountId,
) -> sqlx::Result<Option<(CountKind, NaiveDate)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select kind as "kind: CountKind", gaming_day from table_inventory_count
           where casino_id = $1 and table_id = $2 and id = $3"#,
        casino_id.0,
        table_id.0,
        id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.kind, r.gaming_day)))
}
