//! The visit service's use cases. Each takes the caller's transaction and never commits it.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Seat, Visit, VisitId};
use super::{Error, repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;
use crate::player::PlayerId;
use crate::table_context::{self, TableCard, TableId};

/// Checks a player in: starts their visit, stamped with the current gaming day.
///
/// Pit bosses and admins (`FORBIDDEN`); only players enrolled here (`PLAYER_NOT_ENROLLED`); one active visit
/// per player per casino (`VISIT_ALREADY_ACTIVE`); never a barred or self-excluded player (`PLAYER_EXCLUDED`,
/// decided by the database). Writes `visit.checked_in`.
pub async fn check_in(conn: &mut PgConnection, actor: &Actor, player_id: PlayerId) -> Result<Visit, Error> {
    if !rules::may_manage(actor.role) {
        return Err(Error::Forbidden);
    }
    let id = VisitId(Uuid::new_v4());
    let inserted = repo::insert(conn, actor.casino_id, id, player_id, actor.staff_id).await.map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("visit_one_active_per_player_key") => Error::AlreadyActive,
        _ if excluded(&e) => Error::PlayerExcluded,
        _ => Error::Db(e),
    })?;
    let visit = inserted.ok_or(Error::PlayerNotEnrolled)?;
    let entry = AuditEntry::new("visit.checked_in", Entity::Visit, id.0)
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

/// The player's visits that began before `before` (or all), newest first, at most `limit`: their history.
pub async fn visits_of_player(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
    before: Option<chrono::DateTime<chrono::Utc>>,
    limit: i64,
) -> Result<Vec<Visit>, Error> {
    Ok(repo::of_player(conn, actor.casino_id, player_id, before, limit).await?)
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
/// move (`VISIT_HAS_ACTIVE_SLIP`); a barred or self-excluded one cannot sit (`PLAYER_EXCLUDED`). Writes
/// `visit.seated`.
pub async fn seat(conn: &mut PgConnection, actor: &Actor, id: VisitId, seat: Seat) -> Result<Visit, Error> {
    let visit = active_for_change(conn, actor, id).await?;
    if visit.seat == Some(seat) {
        return Ok(visit);
    }
    let table = table_context::table(conn, actor, seat.table_id).await.map_err(|_| Error::TableNotFound)?;
    seat_visit(conn, actor, visit, &table, seat.number).await
}

/// As [`seat`], at `table` as the caller read it in this transaction (a workflow that needs the table too).
pub async fn seat_at(
    conn: &mut PgConnection,
    actor: &Actor,
    id: VisitId,
    table: &TableCard,
    number: i16,
) -> Result<Visit, Error> {
    let visit = active_for_change(conn, actor, id).await?;
    if visit.seat == Some(Seat { table_id: table.id, number }) {
        return Ok(visit);
    }
    seat_visit(conn, actor, visit, table, number).await
}

/// [`check_in`], then [`seat_at`] `table`, as the caller read it in this transaction.
///
/// The new visit needs no lock or second read: no other transaction can see it before this one commits, and
/// it began today.
pub async fn check_in_at(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
    table: &TableCard,
    number: i16,
) -> Result<Visit, Error> {
    let visit = check_in(conn, actor, player_id).await?;
    seat_visit(conn, actor, visit, table, number).await
}

/// Seats `visit`, which this transaction has locked or written, at `table`, and writes `visit.seated`.
async fn seat_visit(
    conn: &mut PgConnection,
    actor: &Actor,
    visit: Visit,
    table: &TableCard,
    number: i16,
) -> Result<Visit, Error> {
    rules::check_seat(table, number)?;
    let seat = Seat { table_id: table.id, number };
    repo::set_seat(conn, actor.casino_id, visit.id, Some(seat)).await.map_err(seat_error)?;
    let entry = AuditEntry::new("visit.seated", Entity::Visit, visit.id.0)
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
    let entry = AuditEntry::new("visit.unseated", Entity::Visit, id.0).before(json!({ "seat": visit.seat }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(Visit { seat: None, ..visit })
}

/// Ends a visit and frees its seat. Refused with `VISIT_HAS_ACTIVE_SLIP` while a slip is open or paused:
/// `floor::check_out` closes those first, in the same transaction. Writes `visit.checked_out`.
pub async fn check_out(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<(), Error> {
    let visit = active_for_change(conn, actor, id).await?;
    repo::end(conn, actor.casino_id, id, actor.staff_id).await.map_err(seat_error)?;
    let entry = AuditEntry::new("visit.checked_out", Entity::Visit, id.0).before(json!({ "seat": visit.seat }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(())
}

/// Ends a visit whose gaming day has ended and frees its seat, at the transaction's clock.
///
/// The rollover sets the clock to the instant the day ended; the visit's slips must be closed first. Writes no
/// audit row: the rollover's `visit.rolled_over` records the end with what became of the visit.
pub async fn end_at_day_end(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<Visit, Error> {
    let (visit, _) = locked_active(conn, actor, id).await?;
    repo::end(conn, actor.casino_id, id, actor.staff_id).await.map_err(seat_error)?;
    Ok(visit)
}

/// The visits still open from gaming day `day`, locked, oldest first: what the rollover ends.
pub async fn open_visits_of_day(
    conn: &mut PgConnection,
    actor: &Actor,
    day: chrono::NaiveDate,
) -> Result<Vec<Visit>, Error> {
    if !rules::may_manage(actor.role) {
        return Err(Error::Forbidden);
    }
    Ok(repo::open_of_day(conn, actor.casino_id, day).await?)
}

/// The visit, locked, if the actor may change it, it is still active, and its gaming day has not ended
/// (`GAMING_DAY_ROLLOVER_PENDING`: the rollover is about to end it and check the player in on the new day).
async fn active_for_change(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<Visit, Error> {
    let (visit, day_ended) = locked_active(conn, actor, id).await?;
    if day_ended {
        return Err(Error::RolloverPending);
    }
    Ok(visit)
}

/// The visit, locked, and whether its gaming day has ended.
async fn locked_active(conn: &mut PgConnection, actor: &Actor, id: VisitId) -> Result<(Visit, bool), Error> {
    if !rules::may_manage(actor.role) {
        return Err(Error::Forbidden);
    }
    let day_ended = repo::lock(conn, actor.casino_id, id).await?;
    let visit = visit(conn, actor, id).await?;
    if !visit.is_active() {
        return Err(Error::NotActive);
    }
    Ok((visit, day_ended.unwrap_or(false)))
}

fn seat_error(error: sqlx::Error) -> Error {
    match &error {
        sqlx::Error::Database(db) => match db.constraint() {
            Some("visit_one_per_seat_key") => Error::SeatOccupied,
            Some("visit_active_slip_guard") => Error::HasActiveSlip,
            _ if excluded(&error) => Error::PlayerExcluded,
            _ => Error::Db(error),
        },
        _ => Error::Db(error),
    }
}

/// Whether the database refused because the player is barred or self-excluded (`player_exclusion_guard`).
fn excluded(error: &sqlx::Error) -> bool {
    crate::error::refusal(error) == Some(crate::error::Refusal::PlayerExcluded)
}
