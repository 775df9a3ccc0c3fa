//! The visit service's use cases. Each takes the caller's transaction and never commits it.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Seat, Visit, VisitId};
use super::{Error, repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::player::{self, PlayerId};
use crate::table_context::{self, TableId};

/// Checks a player in: starts their visit, stamped with the current gaming day.
///
/// Pit bosses and admins (`FORBIDDEN`); only players enrolled here (`PLAYER_NOT_ENROLLED`); one active visit
/// per player per casino (`VISIT_ALREADY_ACTIVE`). Writes `visit.checked_in`.
pub async fn check_in(conn: &mut PgConnection, actor: &Actor, player_id: PlayerId) -> Result<Visit, Error> {
    if !rules::may_manage(actor.role) {
        return Err(Error::Forbidden);
    }
    if !player::is_enrolled(conn, actor, player_id).await.map_err(player_error)? {
        return Err(Error::PlayerNotEnrolled);
    }
    let id = VisitId(Uuid::new_v4());
    let visit = repo::insert(conn, actor.casino_id, id, player_id, actor.staff_id).await.map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("visit_one_active_per_player_key") => Error::AlreadyActive,
        _ => Error::Db(e),
    })?;
    let entry = AuditEntry::new("visit.checked_in", "visit", id.0)
        .after(json!({ "player_id": player_id, "gaming_day": visit.gaming_day }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(visit)
}

/// A visit of the actor's casino (`NOT_FOUND` otherwise).
pub async fn visit(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<Visit, Error> {
    repo::get(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)
}

/// The player's visit in progress, if they are checked in.
pub async fn active_visit(conn: &mut PgConnection, actor: &Actor, player_id: PlayerId) -> Result<Option<Visit>, Error> {
    Ok(repo::active_of_player(conn, actor.casino_id, player_id).await?)
}

/// Everyone seated in the casino now (or at one table), by table and seat.
pub async fn seated_visits(
    conn: &mut PgConnection,
    actor: &Actor,
    table: Option<TableId>,
) -> Result<Vec<Visit>, Error> {
    Ok(repo::seated(conn, actor.casino_id, table).await?)
}

/// Seats a checked-in player: an active table, a seat in 1..seats, and nobody in it.
///
/// `VISIT_NOT_ACTIVE`, `TABLE_NOT_ACTIVE`, `SEAT_OUT_OF_RANGE`, `SEAT_OCCUPIED`; a player being rated cannot
/// move (`VISIT_HAS_ACTIVE_SLIP`). Writes `visit.seated`.
pub async fn seat(conn: &mut PgConnection, actor: &Actor, id: VisitId, seat: Seat) -> Result<Visit, Error> {
    let visit = active_for_change(conn, actor, id).await?;
    if visit.seat == Some(seat) {
        return Ok(visit);
    }
    let table = table_context::table(conn, actor, seat.table_id).await.map_err(|_| Error::TableNotFound)?;
    rules::check_seat(&table, seat.number)?;
    repo::set_seat(conn, actor.casino_id, id, Some(seat)).await.map_err(seat_error)?;
    let entry = AuditEntry::new("visit.seated", "visit", id.0)
        .before(json!({ "seat": visit.seat }))
        .after(json!({ "seat": seat, "table": table.label }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(Visit { seat: Some(seat), ..visit })
}

/// Takes a player out of their seat; they stay checked in. `VISIT_HAS_ACTIVE_SLIP` while they are rated.
/// Writes `visit.unseated`.
pub async fn unseat(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<Visit, Error> {
    let visit = active_for_change(conn, actor, id).await?;
    if visit.seat.is_none() {
        return Ok(visit);
    }
    repo::set_seat(conn, actor.casino_id, id, None).await.map_err(seat_error)?;
    let entry = AuditEntry::new("visit.unseated", "visit", id.0).before(json!({ "seat": visit.seat }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(Visit { seat: None, ..visit })
}

/// Ends a visit and frees its seat. Refused with `VISIT_HAS_ACTIVE_SLIP` while a slip is open or paused:
/// `floor::check_out` closes those first, in the same transaction. Writes `visit.checked_out`.
pub async fn check_out(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<(), Error> {
    let visit = active_for_change(conn, actor, id).await?;
    repo::end(conn, actor.casino_id, id, actor.staff_id).await.map_err(seat_error)?;
    let entry = AuditEntry::new("visit.checked_out", "visit", id.0).before(json!({ "seat": visit.seat }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(())
}

/// The visit, locked, if the actor may change it and it is still active.
async fn active_for_change(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<Visit, Error> {
    if !rules::may_manage(actor.role) {
        return Err(Error::Forbidden);
    }
    repo::lock(conn, actor.casino_id, id).await?;
    let visit = visit(conn, actor, id).await?;
    if !visit.is_active() {
        return Err(Error::NotActive);
    }
    Ok(visit)
}

fn seat_error(error: sqlx::Error) -> Error {
    match &error {
        sqlx::Error::Database(db) => match db.constraint() {
            Some("visit_one_per_seat_key") => Error::SeatOccupied,
            Some("visit_active_slip_guard") => Error::HasActiveSlip,
            _ => Error::Db(error),
        },
        _ => Error::Db(error),
    }
}

fn player_error(error: player::Error) -> Error {
    match error {
        player::Error::Db(e) => Error::Db(e),
        _ => Error::PlayerNotEnrolled,
    }
}
