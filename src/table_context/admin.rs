//! The admin's floor plan: adding tables, changing their pit, limits and seats, and retiring them.

use serde_json::json;
use sqlx::PgConnection;

use super::model::{NewTable, TableCard, TableChange, TableId, TableStatus};
use super::{Error, repo, rules, service};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;

/// Adds an inactive table to the admin's casino: the browser's [`service::add_table`].
///
/// Admins only (`FORBIDDEN`); the fields and errors of [`service::add_table`], and `GAME_INVALID_SEATS` for
/// an own seat count outside 1–20. Every open pit dashboard shows it at once (`gaming_table.created`).
pub async fn add_table_as_admin(conn: &mut PgConnection, actor: &Actor, table: &NewTable) -> Result<TableCard, Error> {
    if !rules::may_manage_games(actor.role) {
        return Err(Error::Forbidden);
    }
    service::add_table(conn, actor.casino_id, table).await
}

/// Moves a table to another pit, changes its limits, or gives it its own seat count (none: its game's).
///
/// Admins only (`FORBIDDEN`); invalid fields together (`VALIDATION_FAILED`); seats change only while the
/// table is not open (`TABLE_IS_OPEN`), limits any time (bets already rated keep theirs); a retired table is
/// `NOT_FOUND`. Writes `gaming_table.updated` with before and after.
pub async fn update_table(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
    change: &TableChange,
) -> Result<TableCard, Error> {
    if !rules::may_manage_games(actor.role) {
        return Err(Error::Forbidden);
    }
    rules::validate_table_change(change)?;
    let status = repo::lock_status(conn, actor.casino_id, table_id).await?.ok_or(Error::TableNotFound)?;
    let before = service::table(conn, actor, table_id).await?;
    repo::update_table(conn, actor.casino_id, table_id, change).await?;
    let after = service::table(conn, actor, table_id).await?;
    // Seats people may sit in do not come and go under them; the caller's transaction rolls the change back.
    if status == TableStatus::Active && after.seats != before.seats {
        return Err(Error::IsOpen);
    }
    let entry = AuditEntry::new("gaming_table.updated", Entity::GamingTable, table_id.0)
        .before(placement(&before))
        .after(placement(&after));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// Takes a table off the floor for good.
///
/// It leaves the dashboards, the shift view and the table list, and stays in history (visits, slips, counts,
/// drops and reports of past days); nobody is seated there, as closing unseats everyone. Its label is free
/// again. Admins only (`FORBIDDEN`); an open table is `TABLE_IS_OPEN`; a retired one `NOT_FOUND`. Writes
/// `gaming_table.retired`.
pub async fn retire_table(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<TableCard, Error> {
    if !rules::may_manage_games(actor.role) {
        return Err(Error::Forbidden);
    }
    let status = repo::lock_status(conn, actor.casino_id, table_id).await?.ok_or(Error::TableNotFound)?;
    if status == TableStatus::Active {
        return Err(Error::IsOpen);
    }
    let retired_at = repo::retire_table(conn, actor.casino_id, table_id).await?;
    let entry = AuditEntry::new("gaming_table.retired", Entity::GamingTable, table_id.0)
        .before(json!({ "retired_at": null, "status": status }))
        .after(json!({ "retired_at": retired_at }));
    audit::record(conn, actor.casino_id, entry).await?;
    service::table(conn, actor, table_id).await
}

fn placement(card: &TableCard) -> serde_json::Value {
    json!({ "pit": card.pit, "min_bet_cents": card.min_bet.0, "max_bet_cents": card.max_bet.0, "seats": card.seats })
}
