//! The floor workflows. Each runs inside the caller's one transaction: a refusal anywhere undoes it all.

use sqlx::PgConnection;

use super::Error;
use super::model::{PlayerChoice, SeatView, SeatedPlayer, TableSeats};
use crate::actor::Actor;
use crate::exclusion;
use crate::loyalty;
use crate::money::Cents;
use crate::mtl;
use crate::player;
use crate::rating_slip::{self, Slip, SlipId};
use crate::table_accounting;
use crate::table_context::{self, TableCard, TableId, TableStatus};
use crate::visit::{self, Seat, VisitId};

/// From an empty seat: enroll the player if new, check them in, seat them and start their slip.
///
/// One transaction, so a refusal at any step (`SEAT_OCCUPIED` when another pit boss was faster, say)
/// leaves no half-done visit behind.
pub async fn seat_and_start(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
    seat: i16,
    player: &PlayerChoice,
    average_bet: Cents,
) -> Result<Slip, Error> {
    let player_id = match player {
        PlayerChoice::Existing(id) => *id,
        PlayerChoice::New(input) => player::enroll(conn, actor, input).await?.id,
    };
    // Read once here for the seat and the slip, which would each read it again.
    let (table, game) =
        table_context::table_with_game(conn, actor, table_id).await.map_err(|_| visit::Error::TableNotFound)?;
    let visit = match visit::active_visit(conn, actor, player_id).await? {
        Some(visit) => visit::seat_at(conn, actor, visit.id, &table, seat).await?,
        None => visit::check_in_at(conn, actor, player_id, &table, seat).await?,
    };
    Ok(rating_slip::start_seated(conn, actor, &visit, (&table, &game), average_bet).await?)
}

/// Moves a rated player to another seat (at this table or another), in one transaction; answers the new slip.
///
/// Closes their running slip (accrual included), moves their seat, and starts a slip there that continues the
/// first (same visit, `previous_slip_id`), at `average_bet` or the bet they were playing.
///
/// Refused, with nothing changed, when the slip is not open or paused (`RATING_SLIP_INVALID_STATE`, also for
/// the second of two moves of one slip), the destination table is not active (`TABLE_NOT_ACTIVE`), the seat
/// does not exist or is taken (`SEAT_OUT_OF_RANGE`, `SEAT_OCCUPIED`, also when taken concurrently), the bet is
/// outside the destination's limits (`RATING_SLIP_BET_OUTSIDE_LIMITS`), or the player is barred or
/// self-excluded (`PLAYER_EXCLUDED`). The close and the start share the transaction's instant, so every rated
/// second belongs to exactly one of the two slips.
pub async fn move_player(
    conn: &mut PgConnection,
    actor: &Actor,
    slip_id: SlipId,
    to: Seat,
    average_bet: Option<Cents>,
) -> Result<Slip, Error> {
    let table = table_context::table(conn, actor, to.table_id).await?;
    let reason = format!("Moved to {} seat {}", table.label, to.number);
    let closed = rating_slip::close(conn, actor, slip_id, None, Some(&reason)).await?;
    if closed.table_id == to.table_id && closed.seat == to.number {
        // Their own seat is not a move; closing and restarting the slip there would only split it.
        return Err(visit::Error::SeatOccupied.into());
    }
    visit::seat(conn, actor, closed.visit_id, to).await?;
    let bet = average_bet.unwrap_or(closed.current_bet);
    Ok(rating_slip::continue_from(conn, actor, &closed, closed.visit_id, to.table_id, bet).await?)
}

/// Checks a player out: closes their open and paused slips, then ends the visit and frees the seat.
pub async fn check_out(conn: &mut PgConnection, actor: &Actor, visit_id: VisitId) -> Result<(), Error> {
    for slip in rating_slip::active_slips_of(conn, actor, visit_id).await? {
        rating_slip::close(conn, actor, slip.id, None, None).await?;
    }
    Ok(visit::check_out(conn, actor, visit_id).await?)
}

/// Opens a table on a counted tray.
///
/// Refused (`TABLE_OPENING_COUNT_REQUIRED`) unless its latest count is an opening count. The table's row is
/// locked first, so no count slips in between the check and the opening.
pub async fn open_table(conn: &mut PgConnection, actor: &Actor, table_id: TableId) -> Result<TableCard, Error> {
    let status = table_context::locked_status(conn, actor, table_id).await?;
    if status.is_some_and(|s| s != TableStatus::Active) {
        table_accounting::check_counted_for_opening(conn, actor, table_id).await?;
    }
    Ok(table_context::open_table(conn, actor, table_id).await?)
}

/// Closes a table on a counted tray, ending the slips still running there only when forced with a reason.
///
/// Refused while a fill or credit of it awaits the cage (`TABLE_CAGE_REQUESTS_PENDING`) and unless its latest
/// count is a closing count taken after its last confirmed fill or credit (`TABLE_CLOSING_COUNT_REQUIRED`).
/// With slips still open or paused there it is refused (`TABLE_HAS_OPEN_SLIPS`) unless
/// `force_reason` (1–200 characters) is given: then those slips are closed with that reason, their players
/// leave their seats (staying checked in), and the table closes — all audited, in one transaction.
pub async fn close_table(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: TableId,
    force_reason: Option<&str>,
) -> Result<TableCard, Error> {
    if table_context::locked_status(conn, actor, table_id).await? == Some(TableStatus::Active) {
        table_accounting::check_counted_for_closing(conn, actor, table_id).await?;
    }
    let slips = rating_slip::active_slips_at(conn, actor, Some(table_id)).await?;
    if !slips.is_empty() {
        let reason = force_reason.map(str::trim).ok_or(Error::TableHasOpenSlips)?;
        if !(1..=200).contains(&reason.chars().count()) {
            return Err(Error::InvalidCloseReason);
        }
        for slip in slips {
            rating_slip::close(conn, actor, slip.id, None, Some(reason)).await?;
        }
    }
    for seated in visit::seated_visits(conn, actor, Some(table_id)).await? {
        visit::unseat(conn, actor, seated.id).await?;
    }
    Ok(table_context::close_table(conn, actor, table_id).await?)
}

/// The seat maps of one table or of every table: each seat, who sits there and their running slip.
pub async fn seat_maps(
    conn: &mut PgConnection,
    actor: &Actor,
    table: Option<TableId>,
) -> Result<Vec<TableSeats>, Error> {
    let tables = match table {
        Some(id) => vec![table_context::table(conn, actor, id).await?],
        None => table_context::floor_tables(conn, actor).await?,
    };
    let visits = visit::seated_visits(conn, actor, table).await?;
    let slips = rating_slip::active_slips_at(conn, actor, table).await?;
    let players: Vec<_> = visits.iter().map(|v| v.player_id).collect();
    let names = player::names(conn, actor, &players).await?;
    let slip_ids: Vec<_> = slips.iter().map(|s| s.id).collect();
    let rewarded = loyalty::issued_points(conn, actor, &slip_ids).await?;
    let proximity = mtl::levels_today(conn, actor, &players).await?;
    let flags = exclusion::flags_in_force(conn, actor, &players).await?;
    Ok(tables
        .into_iter()
        .map(|t| TableSeats {
            table_id: t.id,
            seats: (1..=t.seats)
                .map(|number| {
                    let occupant = visits.iter().find(|v| v.seat == Some(Seat { table_id: t.id, number })).map(|v| {
                        let slip = slips.iter().find(|s| s.visit_id == v.id && s.table_id == t.id).cloned();
                        SeatedPlayer {
                            visit_id: v.id,
                            player_id: v.player_id,
                            name: names.get(&v.player_id).cloned().unwrap_or_default(),
                            rewarded_points: slip.as_ref().and_then(|s| rewarded.get(&s.id)).copied().unwrap_or(0),
                            proximity: proximity.get(&v.player_id).map(|p| p.level()).unwrap_or_default(),
                            flag: flags.get(&v.player_id).copied(),
                            slip,
                        }
                    });
                    SeatView { number, occupant }
                })
                .collect(),
        })
        .collect())
}
