//! Starting a slip: a seated player's rating begins, with the table's limits and the game's rating policy
//! frozen into it. Takes the caller's transaction and never commits it.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{GameSnapshot, PolicySnapshot, Slip, SlipCommand, SlipId, SlipStatus};
use super::repo::{self, NewSlip};
use super::service::slip;
use super::{Error, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;
use crate::money::Cents;
use crate::table_context::{self, GameSettings, TableCard, TableId, TableStatus};
use crate::visit::{self, Visit, VisitId};

/// Starts rating a seated player at their seat, freezing the game's limits and rating policy.
///
/// Pit bosses and admins (`FORBIDDEN`); the visit must be active and seated at `table_id`
/// (`RATING_SLIP_NOT_SEATED`), the table active (`TABLE_NOT_ACTIVE`), the bet within the table's limits
/// (`RATING_SLIP_BET_OUTSIDE_LIMITS`); one open or paused slip per player and
/// table (`RATING_SLIP_ALREADY_ACTIVE`) and per seat (`SEAT_OCCUPIED`, also when two starts race). Writes
/// `rating_slip.started`.
pub async fn start(
    conn: &mut PgConnection,
    actor: &Actor,
    visit_id: VisitId,
    table_id: TableId,
    average_bet: Cents,
) -> Result<Slip, Error> {
    begin(conn, actor, visit_id, table_id, average_bet, None).await
}

/// Starts the slip that continues `previous` for `visit_id` at `table_id`.
///
/// `previous` was closed in the same transaction, by a move or the gaming-day rollover. As [`start`], and the
/// new slip names `previous` and carries the chain's rated seconds so far.
pub async fn continue_from(
    conn: &mut PgConnection,
    actor: &Actor,
    previous: &Slip,
    visit_id: VisitId,
    table_id: TableId,
    average_bet: Cents,
) -> Result<Slip, Error> {
    let prior = i32::try_from(previous.chain_seconds()).unwrap_or(i32::MAX);
    begin(conn, actor, visit_id, table_id, average_bet, Some((previous.id, prior))).await
}

/// As [`start`], for `visit` seated at `table` (playing `game`), all as the caller read them in this
/// transaction: seat-and-start, which has just seated the visit, spares a second read of each.
pub async fn start_seated(
    conn: &mut PgConnection,
    actor: &Actor,
    visit: &Visit,
    (table, game): (&TableCard, &GameSettings),
    average_bet: Cents,
) -> Result<Slip, Error> {
    may_start(actor, average_bet)?;
    insert_started(conn, actor, visit, (table, game), average_bet, None).await
}

async fn begin(
    conn: &mut PgConnection,
    actor: &Actor,
    visit_id: VisitId,
    table_id: TableId,
    average_bet: Cents,
    previous: Option<(SlipId, i32)>,
) -> Result<Slip, Error> {
    may_start(actor, average_bet)?;
    let visit = visit::visit(conn, actor, visit_id).await.map_err(|_| Error::NotFound)?;
    let (table, game) = table_context::table_with_game(conn, actor, table_id).await.map_err(|_| Error::NotFound)?;
    insert_started(conn, actor, &visit, (&table, &game), average_bet, previous).await
}

fn may_start(actor: &Actor, average_bet: Cents) -> Result<(), Error> {
    if !rules::may_rate(actor.role) {
        return Err(Error::Forbidden);
    }
    rules::check_average_bet(average_bet)
}

async fn insert_started(
    conn: &mut PgConnection,
    actor: &Actor,
    visit: &Visit,
    (table, game): (&TableCard, &GameSettings),
    average_bet: Cents,
    previous: Option<(SlipId, i32)>,
) -> Result<Slip, Error> {
    let (visit_id, table_id) = (visit.id, table.id);
    let seat = visit.seat.filter(|s| visit.is_active() && s.table_id == table_id).ok_or(Error::NotSeated)?;
    if table.status != TableStatus::Active {
        return Err(Error::TableNotActive(table.status));
    }
    rules::check_within_limits(average_bet, table.min_bet, table.max_bet)?;
    let id = SlipId(Uuid::new_v4());
    let game_snapshot =
        GameSnapshot { game: table.game.clone(), min_bet_cents: table.min_bet.0, max_bet_cents: table.max_bet.0 };
    let policy = PolicySnapshot {
        policy_version: game.policy_version,
        house_edge_bps: game.house_edge_bps,
        decisions_per_hour: game.decisions_per_hour,
        points_per_theo_dollar: game.points_per_theo_dollar,
        point_multiplier_pct: game.point_multiplier_pct,
    };
    let new = NewSlip {
        id,
        visit_id,
        player_id: visit.player_id,
        table_id,
        seat_number: seat.number,
        average_bet_cents: average_bet.0,
        game: &game_snapshot,
        policy: &policy,
        started_by: actor.staff_id,
        previous,
    };
    repo::insert(conn, actor.casino_id, &new).await.map_err(|e| match &e {
        sqlx::Error::Database(db) => match db.constraint() {
            Some("rating_slip_one_active_per_player_key") => Error::AlreadyActive,
            Some("rating_slip_one_active_per_seat_key") => Error::SeatTaken,
            Some("rating_slip_one_continuation_key") => {
                Error::InvalidState { status: SlipStatus::Closed, command: SlipCommand::Close }
            }
            _ => Error::Db(e),
        },
        _ => Error::Db(e),
    })?;
    let entry = AuditEntry::new("rating_slip.started", Entity::RatingSlip, id.0).after(json!({
        "visit_id": visit_id, "player_id": visit.player_id, "table_id": table_id, "seat": seat.number,
        "average_bet_cents": average_bet.0, "policy": policy, "previous_slip_id": previous.map(|(id, _)| id),
    }));
    audit::record(conn, actor.casino_id, entry).await?;
    let started = slip(conn, actor, id).await?;
    if started.gaming_day > visit.gaming_day {
        // The visit's gaming day has ended: its slips belong to the visit the rollover continues it as.
        return Err(Error::RolloverPending);
    }
    Ok(started)
}
