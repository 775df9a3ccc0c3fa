//! The table context's use cases. Each takes the caller's transaction and never commits it.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{GameSettings, NewTable, RotationId, TableCard, TableCommand, TableDetail, TableId, TableStatus};
use super::{Error, games_repo, repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::{CasinoId, StaffId};
use crate::feature::{self, Flag};
use crate::live::Entity;

/// How many rotations the detail panel shows.
const ROTATION_HISTORY: i64 = 50;

/// Every table of the actor's casino with its current dealer, by pit and label, retired ones too: what
/// history and reports name.
pub async fn tables(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<TableCard>, Error> {
    Ok(repo::cards(conn, actor.casino_id, None).await?)
}

/// The tables on the floor now (not retired), with their current dealers, by pit and label.
pub async fn floor_tables(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<TableCard>, Error> {
    let mut cards = tables(conn, actor).await?;
    cards.retain(|card| card.retired_at.is_none());
    Ok(cards)
}

/// One table's status, current dealer and limits (`NOT_FOUND` outside the actor's casino).
pub async fn table(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<TableCard, Error> {
    repo::cards(conn, actor.casino_id, Some(table_id)).await?.pop().ok_or(Error::TableNotFound)
}

/// A table with its rotation history (newest first), the dealers who could take it, and whether
/// assignment is switched off by `dealer_rotation_log_readonly`.
pub async fn table_detail(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<TableDetail, Error> {
    let table = table(conn, actor, table_id).await?;
    Ok(TableDetail {
        table,
        rotations: repo::rotations(conn, actor.casino_id, table_id, ROTATION_HISTORY).await?,
        dealers: repo::dealers(conn, actor.casino_id).await?,
        rotation_readonly: feature::is_enabled(conn, actor.casino_id, Flag::DealerRotationLogReadonly).await?,
    })
}

/// Adds an inactive table to a casino's floor (platform operation: `pitboss table add`, the shift simulator).
///
/// Runs in a transaction scoped to the casino as its admin (row-level security admits only pit bosses and
/// admins). Invalid fields come back together (`VALIDATION_FAILED`: `TABLE_INVALID_LABEL`,
/// `TABLE_INVALID_PIT`, `GAME_INVALID_LIMITS`, `TABLE_LABEL_TAKEN`); a game the casino does not have, or
/// retired, is `NOT_FOUND`. Writes `gaming_table.created`.
pub async fn add_table(conn: &mut PgConnection, casino_id: CasinoId, table: &NewTable) -> Result<TableCard, Error> {
    rules::validate_new_table(table)?;
    let id = TableId(Uuid::new_v4());
    let inserted = repo::insert_table(conn, casino_id, id, table).await.map_err(|e| match &e {
        sqlx::Error::Database(db) => match db.constraint() {
            // A partial unique index now (labels of retired tables are free), with the constraint's old name.
            Some("gaming_table_casino_id_label_key") => {
                Error::InvalidTable(vec![crate::error::FieldError::new("label", crate::ErrorCode::TableLabelTaken)])
            }
            _ => Error::Db(e),
        },
        _ => Error::Db(e),
    })?;
    if !inserted {
        return Err(Error::GameNotFound);
    }
    let entry = AuditEntry::new("gaming_table.created", Entity::GamingTable, id.0).after(json!(table));
    audit::record(conn, casino_id, entry).await?;
    let card = repo::cards(conn, casino_id, Some(id)).await?.pop();
    card.ok_or(Error::TableNotFound)
}

/// Opens a table for play: inactive or closed → active.
///
/// Pit bosses and admins only (`FORBIDDEN`); any other state is `TABLE_INVALID_STATE`. Writes a
/// `gaming_table.opened` audit row.
pub async fn open_table(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<TableCard, Error> {
    transition(conn, actor, table_id, TableCommand::Open).await?;
    table(conn, actor, table_id).await
}

/// Closes a table after play: active → closed, ending its dealer's rotation.
///
/// Pit bosses and admins only; any other state is `TABLE_INVALID_STATE`. This is the table's own step:
/// `floor::close_table` wraps it with the rule about rating slips still running there, and is what the app
/// calls. Writes `gaming_table.closed` (and `dealer_rotation.ended` when a dealer was on the table).
pub async fn close_table(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<TableCard, Error> {
    transition(conn, actor, table_id, TableCommand::Close).await?;
    if let Some((rotation, dealer)) = repo::current_rotation(conn, actor.casino_id, table_id).await? {
        end_rotation(conn, actor, rotation, table_id, dealer).await?;
    }
    table(conn, actor, table_id).await
}

/// Puts a dealer on an active table: ends the table's current rotation and the dealer's rotation at any
/// other table, and starts a new one.
///
/// Pit bosses and admins only; `DEALER_ROTATION_READONLY` while that flag is on; `TABLE_NOT_ACTIVE` for a
/// table that is not open; `DEALER_NOT_AVAILABLE` for anyone but an active dealer of this casino (or a dealer
/// another pit boss placed a moment ago). Assigning the dealer already there changes nothing. Writes
/// `dealer_rotation.ended` for each rotation ended and `dealer_rotation.started`.
pub async fn assign_dealer(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
    dealer_id: StaffId,
) -> Result<TableCard, Error> {
    if !rules::may_run_tables(actor.role) {
        return Err(Error::Forbidden);
    }
    if feature::is_enabled(conn, actor.casino_id, Flag::DealerRotationLogReadonly).await? {
        return Err(Error::RotationReadOnly);
    }
    transition(conn, actor, table_id, TableCommand::AssignDealer).await?;
    if !repo::is_active_dealer(conn, actor.casino_id, dealer_id).await? {
        return Err(Error::DealerNotAvailable);
    }
    let current = repo::current_rotation(conn, actor.casino_id, table_id).await?;
    if current.is_some_and(|(_, dealer)| dealer == dealer_id) {
        return table(conn, actor, table_id).await;
    }
    if let Some((rotation, dealer)) = current {
        end_rotation(conn, actor, rotation, table_id, dealer).await?;
    }
    if let Some((rotation, other_table)) = repo::dealer_rotation(conn, actor.casino_id, dealer_id).await? {
        end_rotation(conn, actor, rotation, other_table, dealer_id).await?;
    }
    let rotation = RotationId(Uuid::new_v4());
    repo::start_rotation(conn, actor.casino_id, rotation, table_id, dealer_id, Some(actor.staff_id)).await.map_err(
        |e| match &e {
            // Another pit boss put the same dealer on another table between our check and our insert.
            sqlx::Error::Database(db) if db.constraint() == Some("dealer_rotation_one_open_per_dealer_key") => {
                Error::DealerNotAvailable
            }
            _ => Error::Db(e),
        },
    )?;
    let entry = AuditEntry::new("dealer_rotation.started", Entity::DealerRotation, rotation.0)
        .after(json!({ "table_id": table_id, "dealer_id": dealer_id }));
    audit::record(conn, actor.casino_id, entry).await?;
    table(conn, actor, table_id).await
}

/// The table's status, its row locked until the transaction ends.
///
/// What depends on it (a tray count, a fill) cannot interleave with opening or closing it. `None` outside the actor's casino, and for a role that
/// may not run tables (row-level security hides the row from the lock).
pub async fn locked_status(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
) -> Result<Option<TableStatus>, Error> {
    Ok(repo::lock_status(conn, actor.casino_id, table_id).await?)
}

/// Whether `staff_id` is an active dealer of the actor's casino.
pub async fn is_active_dealer(conn: &mut PgConnection, actor: &Actor, staff_id: StaffId) -> Result<bool, Error> {
    Ok(repo::is_active_dealer(conn, actor.casino_id, staff_id).await?)
}

/// A table with the rating parameters of its game, as a rating slip freezes them at its start.
pub async fn table_with_game(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
) -> Result<(TableCard, GameSettings), Error> {
    let table = table(conn, actor, table_id).await?;
    let game = games_repo::game(conn, actor.casino_id, &table.game).await?;
    Ok((table, game.ok_or(Error::GameNotFound)?))
}

/// Checks role and state machine for `command`, locking the table row, and applies the status change it
/// implies with its audit row. Returns the new status.
async fn transition(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
    command: TableCommand,
) -> Result<TableStatus, Error> {
    if !rules::may_run_tables(actor.role) {
        return Err(Error::Forbidden);
    }
    let status = repo::lock_status(conn, actor.casino_id, table_id).await?.ok_or(Error::TableNotFound)?;
    let next = rules::next_status(status, command)?;
    if next != status {
        repo::set_status(conn, actor.casino_id, table_id, next).await?;
        let action = if next == TableStatus::Active { "gaming_table.opened" } else { "gaming_table.closed" };
        let entry = AuditEntry::new(action, Entity::GamingTable, table_id.0)
            .before(json!({ "status": status }))
            .after(json!({ "status": next }));
        audit::record(conn, actor.casino_id, entry).await?;
    }
    Ok(next)
}

async fn end_rotation(
    conn: &mut PgConnection,
    actor: &Actor,
    rotation: RotationId,
    table_id: TableId,
    dealer_id: StaffId,
) -> Result<(), Error> {
    repo::end_rotation(conn, actor.casino_id, rotation).await?;
    let entry = AuditEntry::new("dealer_rotation.ended", Entity::DealerRotation, rotation.0)
        .before(json!({ "table_id": table_id, "dealer_id": dealer_id }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(())
}
