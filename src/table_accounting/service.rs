//! The use cases of table games accounting. Each takes the caller's transaction and never commits it.

use chrono::NaiveDate;
use serde_json::json;
use sqlx::PgConnection;

use super::model::{
    CageRequest, CageRequestId, CageRequestKind, CageRequestStatus, Chips, DropEntry, DropId, InventoryCount, NewCount,
    NewDrop, TableInventory,
};
use super::repo::{self, Counts, Drops, Requests};
use super::{Error, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino;
use crate::live::Entity;
use crate::money::Cents;
use crate::table_context::{self, TableId};

/// Records a count of a table's tray, witnessed by a dealer; the database sums its value.
///
/// Pit bosses and admins (`FORBIDDEN`). An opening count of a table that is not open, a shift-change or
/// closing count of an open one (`COUNT_KIND_NOT_ALLOWED`); the witness an active dealer here
/// (`COUNT_INVALID_WITNESS`); every chip of the casino's chip set, 0 to 100,000 of each (`VALIDATION_FAILED`
/// with `COUNT_UNKNOWN_DENOMINATION` / `COUNT_INVALID_QUANTITY` at `chips.<cents>`). The table's row is locked,
/// so a count and the table's opening or closing happen one after the other. Writes
/// `table_inventory_count.recorded`.
pub async fn record_count(conn: &mut PgConnection, actor: &Actor, new: &NewCount) -> Result<InventoryCount, Error> {
    if !rules::may_count(actor.role) {
        return Err(Error::Forbidden);
    }
    let status = table_context::locked_status(conn, actor, new.table_id).await.map_err(table_error)?;
    rules::check_kind(new.kind, status.ok_or(Error::NotFound)?)?;
    rules::check_chips(&new.chips, &chip_set(conn, actor).await?)?;
    if !table_context::is_active_dealer(conn, actor, new.witness_id).await.map_err(table_error)? {
        return Err(Error::InvalidWitness);
    }
    let id = repo::insert_count(conn, actor.casino_id, actor.staff_id, new).await?;
    let count = repo::counts(conn, actor.casino_id, Counts::Id(id)).await?.pop().ok_or(Error::NotFound)?;
    let entry = AuditEntry::new("table_inventory_count.recorded", Entity::TableInventoryCount, id.0).after(json!({
        "table_id": count.table_id, "kind": count.kind, "chips": count.chips, "total_cents": count.total,
        "witness_id": count.witness_id, "gaming_day": count.gaming_day,
    }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(count)
}

/// Refuses to open a table whose tray has not been counted since it last closed (`TABLE_OPENING_COUNT_REQUIRED`).
///
/// Pit bosses and admins (`FORBIDDEN`). Call it with the table's row locked, as `floor::open_table` does.
pub async fn check_counted_for_opening(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<(), Error> {
    if !rules::may_count(actor.role) {
        return Err(Error::Forbidden);
    }
    let latest = repo::counts(conn, actor.casino_id, Counts::Latest(table_id)).await?.pop();
    rules::check_counted_for_opening(latest.map(|c| c.kind))
}

/// Refuses to close a table whose tray is not counted for closing.
///
/// Fills or credits still awaiting the cage (`TABLE_CAGE_REQUESTS_PENDING`); no closing count since the last
/// of them was confirmed (`TABLE_CLOSING_COUNT_REQUIRED`). Pit bosses and admins (`FORBIDDEN`). With the table's row locked no new request can arrive meanwhile.
pub async fn check_counted_for_closing(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<(), Error> {
    if !rules::may_count(actor.role) {
        return Err(Error::Forbidden);
    }
    let latest = repo::counts(conn, actor.casino_id, Counts::Latest(table_id)).await?.pop();
    let (pending, last_confirmed) = repo::cage_activity(conn, actor.casino_id, table_id).await?;
    rules::check_counted_for_closing(latest.map(|c| (c.kind, c.counted_at)), pending, last_confirmed)
}

/// Asks the cage for a fill (chips to the table) or a credit (chips back): pending until a cashier confirms.
///
/// Pit bosses and admins; an open table (`TABLE_NOT_ACTIVE`); chips as for a count (`VALIDATION_FAILED`) and
/// at least one (`COUNT_EMPTY`). Writes `table_cage_request.requested`.
pub async fn request(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
    kind: CageRequestKind,
    chips: &Chips,
) -> Result<CageRequest, Error> {
    if !rules::may_count(actor.role) {
        return Err(Error::Forbidden);
    }
    let status = table_context::locked_status(conn, actor, table_id).await.map_err(table_error)?;
    if status.ok_or(Error::NotFound)? != table_context::TableStatus::Active {
        return Err(Error::TableNotActive);
    }
    rules::check_chips(chips, &chip_set(conn, actor).await?)?;
    rules::check_not_empty(chips)?;
    let id = repo::insert_request(conn, actor.casino_id, actor.staff_id, table_id, kind, chips).await?;
    let request = cage_request(conn, actor, id).await?;
    let entry = AuditEntry::new("table_cage_request.requested", Entity::TableCageRequest, id.0).after(json!({
        "table_id": table_id, "kind": kind, "chips": chips, "total_cents": request.total,
    }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(request)
}

/// Confirms a pending fill or credit at the cage: from now on it counts in the table's win.
///
/// Cashiers and admins (`FORBIDDEN`); never the person who asked for it (`CAGE_SELF_CONFIRM`, also refused by
/// the database for every writer); once (`CAGE_REQUEST_RESOLVED` for a confirmed or cancelled one). Writes
/// `table_cage_request.confirmed`.
pub async fn confirm(conn: &mut PgConnection, actor: &Actor, id: CageRequestId) -> Result<CageRequest, Error> {
    if !rules::may_confirm(actor.role) {
        return Err(Error::Forbidden);
    }
    let requested_by = pending(conn, actor, id).await?;
    if requested_by == actor.staff_id {
        return Err(Error::SelfConfirm);
    }
    resolve(conn, actor, id, CageRequestStatus::Confirmed).await
}

/// Withdraws a pending fill or credit: it will never count.
///
/// Pit bosses, cashiers and admins; once (`CAGE_REQUEST_RESOLVED`). Writes `table_cage_request.cancelled`.
pub async fn cancel(conn: &mut PgConnection, actor: &Actor, id: CageRequestId) -> Result<CageRequest, Error> {
    if !rules::may_cancel(actor.role) {
        return Err(Error::Forbidden);
    }
    pending(conn, actor, id).await?;
    resolve(conn, actor, id, CageRequestStatus::Cancelled).await
}

/// Every pending fill and credit of the casino, newest first: the cage's queue.
pub async fn pending_requests(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<CageRequest>, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    Ok(repo::requests(conn, actor.casino_id, Requests::Pending).await?)
}

/// Records a table's drop for a gaming day: the cash and markers counted from its box.
///
/// Cashiers and admins (`FORBIDDEN`); amounts from $0 to $10,000,000 (`VALIDATION_FAILED` with
/// `DROP_INVALID_AMOUNT` at `cash_cents` / `markers_cents`); a gaming day that has ended, or today's once the
/// table has closed (`DROP_DAY_NOT_ENDED`). A box changed at a shift change is entered for its shift:
/// `shift_end_id` names the shift-change or closing count of that table and day that ended it
/// (`DROP_UNKNOWN_SHIFT`), and may be entered while the table plays on. A second entry for the same table and
/// day adds to the first (a box counted in two parts); a wrong one is reversed. Writes `table_drop.recorded`.
pub async fn record_drop(conn: &mut PgConnection, actor: &Actor, new: &NewDrop) -> Result<DropEntry, Error> {
    if !rules::may_enter_drop(actor.role) {
        return Err(Error::Forbidden);
    }
    rules::check_drop_amounts(new.cash_cents, new.markers_cents)?;
    let table = table_context::table(conn, actor, new.table_id).await.map_err(table_error)?;
    match new.shift_end_id {
        Some(end) => {
            rules::check_shift_end(repo::shift_end(conn, actor.casino_id, table.id, end).await?, new.gaming_day)?
        }
        None => rules::check_drop_day(new.gaming_day, casino::today(conn, actor).await?, table.status)?,
    }
    let id = repo::insert_drop(conn, actor.casino_id, actor.staff_id, new).await?;
    let entry = AuditEntry::new("table_drop.recorded", Entity::TableDrop, id.0).after(json!(new));
    audit::record(conn, actor.casino_id, entry).await?;
    drop_entry(conn, actor, id).await
}

/// Cancels a drop entry in full with a reversing entry.
///
/// A reason of 1 to 200 characters (`DROP_INVALID_REASON`); an entry is reversed once and a reversal never (`DROP_NOT_REVERSIBLE`). Same roles
/// as [`record_drop`]. Writes `table_drop.reversed`.
pub async fn reverse_drop(
    conn: &mut PgConnection,
    actor: &Actor,
    id: DropId,
    reason: &str,
) -> Result<DropEntry, Error> {
    if !rules::may_enter_drop(actor.role) {
        return Err(Error::Forbidden);
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(Error::InvalidReason);
    }
    let original = drop_entry(conn, actor, id).await?;
    if original.reverses_id.is_some() || original.reversed_by.is_some() {
        return Err(Error::NotReversible);
    }
    let reversal = repo::insert_reversal(conn, actor.casino_id, actor.staff_id, &original, reason).await.map_err(
        |e| match &e {
            // Another cashier reversed it between our read and our insert.
            sqlx::Error::Database(db) if db.constraint() == Some("table_drop_one_reversal_key") => Error::NotReversible,
            _ => Error::Db(e),
        },
    )?;
    let entry = AuditEntry::new("table_drop.reversed", Entity::TableDrop, reversal.0)
        .before(json!({ "id": original.id, "cash_cents": original.cash, "markers_cents": original.markers }))
        .after(json!({ "reverses_id": original.id, "reason": reason }));
    audit::record(conn, actor.casino_id, entry).await?;
    drop_entry(conn, actor, reversal).await
}

/// The drop entries of a gaming day, reversals included, by table.
pub async fn drops_of_day(conn: &mut PgConnection, actor: &Actor, day: NaiveDate) -> Result<Vec<DropEntry>, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    Ok(repo::drops(conn, actor.casino_id, Drops::Day(day)).await?)
}

/// What the pit and the cage see of one table today.
///
/// The chip set, its latest count, today's counts and its fills and credits (pending ones of any day).
pub async fn table_inventory(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
) -> Result<TableInventory, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    table_context::table(conn, actor, table_id).await.map_err(table_error)?;
    let today = casino::today(conn, actor).await?;
    Ok(TableInventory {
        table_id,
        gaming_day: today,
        chip_set: chip_set(conn, actor).await?,
        latest: repo::counts(conn, actor.casino_id, Counts::Latest(table_id)).await?.pop(),
        counts: repo::counts(conn, actor.casino_id, Counts::Day(table_id, today)).await?,
        requests: repo::requests(conn, actor.casino_id, Requests::Table(table_id, today)).await?,
    })
}

async fn chip_set(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<Cents>, Error> {
    casino::chip_set(conn, actor).await.map_err(|e| match e {
        casino::Error::Db(db) => Error::Db(db),
        _ => Error::NotFound,
    })
}

/// The request's requester, once it is locked and known to be pending.
async fn pending(conn: &mut PgConnection, actor: &Actor, id: CageRequestId) -> Result<crate::casino::StaffId, Error> {
    let (status, requested_by) = repo::lock_request(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)?;
    if status != CageRequestStatus::Requested {
        return Err(Error::Resolved);
    }
    Ok(requested_by)
}

async fn resolve(
    conn: &mut PgConnection,
    actor: &Actor,
    id: CageRequestId,
    status: CageRequestStatus,
) -> Result<CageRequest, Error> {
    repo::resolve(conn, actor.casino_id, id, status, actor.staff_id).await?;
    let request = cage_request(conn, actor, id).await?;
    let action = match status {
        CageRequestStatus::Confirmed => "table_cage_request.confirmed",
        _ => "table_cage_request.cancelled",
    };
    let entry = AuditEntry::new(action, Entity::TableCageRequest, id.0)
        .before(json!({ "status": CageRequestStatus::Requested }))
        .after(json!({ "status": status, "table_id": request.table_id, "kind": request.kind,
                       "total_cents": request.total, "gaming_day": request.gaming_day }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(request)
}

async fn cage_request(conn: &mut PgConnection, actor: &Actor, id: CageRequestId) -> Result<CageRequest, Error> {
    repo::requests(conn, actor.casino_id, Requests::Id(id)).await?.pop().ok_or(Error::NotFound)
}

async fn drop_entry(conn: &mut PgConnection, actor: &Actor, id: DropId) -> Result<DropEntry, Error> {
    repo::drops(conn, actor.casino_id, Drops::Id(id)).await?.pop().ok_or(Error::NotFound)
}

pub(super) fn table_error(error: table_context::Error) -> Error {
    match error {
        table_context::Error::Db(db) => Error::Db(db),
        table_context::Error::Forbidden => Error::Forbidden,
        _ => Error::NotFound,
    }
}
