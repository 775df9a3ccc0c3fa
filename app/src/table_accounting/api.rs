//! Server functions of table games accounting: `/api/table/count`, `/api/table/fill_request`,
//! `/api/table/credit_request`, `/api/table/inventory`, `/api/cage/*`, `/api/table/drop*` and
//! `/api/report/day`.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::table_accounting::{
    CageRequest, CageRequestId, Chips, CountId, CountKind, DayAccounting, DropEntry, DropId, InventoryCount,
    TableInventory,
};
#[cfg(feature = "ssr")]
use pitboss::table_accounting::{CageRequestKind, NewCount, NewDrop};
use pitboss::{Cents, casino::StaffId, table_context::TableId};
use uuid::Uuid;

use crate::error::AppError;

/// Records a count of a table's tray (`opening` while the table is not open, `shift_change` or `closing` while it
/// is), witnessed by a dealer; the server sums it. Pit bosses and admins; `COUNT_KIND_NOT_ALLOWED`,
/// `COUNT_INVALID_WITNESS`, `VALIDATION_FAILED` with a code per chip at `chips.<cents>`. Idempotent. Audit
/// `table_inventory_count.recorded`.
#[server(prefix = "/api", endpoint = "table/count", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn record_count(
    request_id: Uuid,
    table_id: TableId,
    kind: CountKind,
    witness_id: StaffId,
    chips: Chips,
) -> Result<InventoryCount, AppError> {
    let new = NewCount { table_id, kind, witness_id, chips };
    crate::ssr::scoped_idempotent(request_id, "table.count", &new, async |conn, actor| {
        pitboss::table_accounting::record_count(conn, actor, &new).await
    })
    .await
}

/// Asks the cage for chips for an open table. Pit bosses and admins; `TABLE_NOT_ACTIVE`, `COUNT_EMPTY`,
/// `VALIDATION_FAILED`. Answers the pending request with its `id`. Idempotent. Audit
/// `table_cage_request.requested`.
#[server(prefix = "/api", endpoint = "table/fill_request", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn request_fill(request_id: Uuid, table_id: TableId, chips: Chips) -> Result<CageRequest, AppError> {
    cage_request(request_id, table_id, CageRequestKind::Fill, chips).await
}

/// Sends chips from an open table back to the cage; as `table/fill_request`.
#[server(prefix = "/api", endpoint = "table/credit_request", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn request_credit(request_id: Uuid, table_id: TableId, chips: Chips) -> Result<CageRequest, AppError> {
    cage_request(request_id, table_id, CageRequestKind::Credit, chips).await
}

#[cfg(feature = "ssr")]
async fn cage_request(
    request_id: Uuid,
    table_id: TableId,
    kind: CageRequestKind,
    chips: Chips,
) -> Result<CageRequest, AppError> {
    let action = match kind {
        CageRequestKind::Fill => "table.fill_request",
        CageRequestKind::Credit => "table.credit_request",
    };
    crate::ssr::scoped_idempotent(request_id, action, &(table_id, &chips), async |conn, actor| {
        pitboss::table_accounting::request(conn, actor, table_id, kind, &chips).await
    })
    .await
}

/// Confirms a pending fill or credit at the cage: from then on it counts. Cashiers and admins, never its
/// requester (`CAGE_SELF_CONFIRM`); once (`CAGE_REQUEST_RESOLVED`). Idempotent: a replay answers the first
/// confirmation. Audit `table_cage_request.confirmed`.
#[server(prefix = "/api", endpoint = "cage/confirm", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(cage_request.id = %cage_request_id)))]
pub async fn confirm_cage_request(request_id: Uuid, cage_request_id: CageRequestId) -> Result<CageRequest, AppError> {
    crate::ssr::scoped_idempotent(request_id, "cage.confirm", &cage_request_id, async |conn, actor| {
        pitboss::table_accounting::confirm(conn, actor, cage_request_id).await
    })
    .await
}

/// Withdraws a pending fill or credit. Pit bosses, cashiers and admins; once (`CAGE_REQUEST_RESOLVED`).
/// Idempotent. Audit `table_cage_request.cancelled`.
#[server(prefix = "/api", endpoint = "cage/cancel", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(cage_request.id = %cage_request_id)))]
pub async fn cancel_cage_request(request_id: Uuid, cage_request_id: CageRequestId) -> Result<CageRequest, AppError> {
    crate::ssr::scoped_idempotent(request_id, "cage.cancel", &cage_request_id, async |conn, actor| {
        pitboss::table_accounting::cancel(conn, actor, cage_request_id).await
    })
    .await
}

/// Every pending fill and credit of the casino, newest first. Pit bosses, cashiers, compliance, admins.
#[server(prefix = "/api", endpoint = "cage/pending", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn pending_cage_requests() -> Result<Vec<CageRequest>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::table_accounting::pending_requests(conn, actor).await).await
}

/// One table's chip set, latest count, today's counts and its fills and credits. Pit bosses, cashiers,
/// compliance, admins.
#[server(name = TableInventoryFn, prefix = "/api", endpoint = "table/inventory", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn table_inventory(table_id: TableId) -> Result<TableInventory, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::table_accounting::table_inventory(conn, actor, table_id).await)
        .await
}

/// Records a table's drop for a gaming day (cash and markers from its box), or for one shift of it
/// (`shift_end_id`: the count that ended the shift). Cashiers and admins; `DROP_DAY_NOT_ENDED`,
/// `DROP_UNKNOWN_SHIFT`, `VALIDATION_FAILED` with `DROP_INVALID_AMOUNT`. Idempotent. Audit `table_drop.recorded`.
#[server(prefix = "/api", endpoint = "table/drop", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn record_drop(
    request_id: Uuid,
    table_id: TableId,
    gaming_day: NaiveDate,
    cash_cents: Cents,
    markers_cents: Cents,
    #[server(default)] shift_end_id: Option<CountId>,
) -> Result<DropEntry, AppError> {
    let new = NewDrop { table_id, gaming_day, cash_cents, markers_cents, shift_end_id };
    crate::ssr::scoped_idempotent(request_id, "table.drop", &new, async |conn, actor| {
        pitboss::table_accounting::record_drop(conn, actor, &new).await
    })
    .await
}

/// Cancels a drop entry with a reversing entry and a reason. Cashiers and admins; `DROP_INVALID_REASON`,
/// `DROP_NOT_REVERSIBLE`. Idempotent. Audit `table_drop.reversed`.
#[server(prefix = "/api", endpoint = "table/drop_reverse", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(drop.id = %drop_id)))]
pub async fn reverse_drop(request_id: Uuid, drop_id: DropId, reason: String) -> Result<DropEntry, AppError> {
    crate::ssr::scoped_idempotent(request_id, "table.drop_reverse", &(drop_id, &reason), async |conn, actor| {
        pitboss::table_accounting::reverse_drop(conn, actor, drop_id, &reason).await
    })
    .await
}

/// The drop entries of a gaming day, reversals included. Pit bosses, cashiers, compliance, admins.
#[server(prefix = "/api", endpoint = "table/drops", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn drops_of_day(gaming_day: NaiveDate) -> Result<Vec<DropEntry>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::table_accounting::drops_of_day(conn, actor, gaming_day).await).await
}

/// A gaming day's accounting per table, pit and casino: inventory, fills, credits, drop, win, hold, theo.
/// Pit bosses, cashiers, compliance, admins.
#[server(name = DayAccountingFn, prefix = "/api", endpoint = "report/day", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn day_accounting(gaming_day: NaiveDate) -> Result<DayAccounting, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::table_accounting::day_accounting(conn, actor, gaming_day).await)
        .await
}
