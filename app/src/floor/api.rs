//! Server functions of the floor and its rating slips: `/api/floor/*`, `/api/slip/*`.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::floor::{PlayerChoice, TableSeats};
use pitboss::rating_slip::{Slip, SlipId};
use pitboss::table_context::TableId;
use pitboss::visit::VisitId;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use pitboss::rating_slip::late::{Tapped, act_at};

use crate::error::AppError;

/// The seat maps of one table, or of every table (`table_id` null): each seat, who sits there, their running
/// slip with its rated seconds as of the server's clock. Any role.
#[server(prefix = "/api", endpoint = "floor/seats", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn seat_maps(table_id: Option<TableId>) -> Result<Vec<TableSeats>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::floor::seat_maps(conn, actor, table_id).await).await
}

/// From an empty seat: enroll the player if new, check them in if needed, seat them and start their slip,
/// in one transaction. Pit bosses and admins; `SEAT_OCCUPIED` if someone was faster. Idempotent.
#[server(prefix = "/api", endpoint = "floor/seat_and_start", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn seat_and_start(
    request_id: Uuid,
    table_id: TableId,
    seat: i16,
    player: PlayerChoice,
    average_bet_cents: i64,
) -> Result<Slip, AppError> {
    crate::ssr::scoped_idempotent(
        request_id,
        "floor.seat_and_start",
        &(table_id, seat, &player, average_bet_cents),
        async |conn, actor| {
            pitboss::floor::seat_and_start(conn, actor, table_id, seat, &player, pitboss::Cents(average_bet_cents))
                .await
        },
    )
    .await
}

/// Moves a rated player to another seat, here or at another table, in one transaction: the running slip
/// closes (accrual included) and a slip continuing it starts at the destination, at `average_bet_cents` or the
/// bet being played; at `occurred_at` when the tablet queued the move ([`pause_slip`]). Pit bosses and admins;
/// `SEAT_OCCUPIED`, `TABLE_NOT_ACTIVE`, `RATING_SLIP_INVALID_STATE`, `RATING_SLIP_BET_OUTSIDE_LIMITS`,
/// `PLAYER_EXCLUDED`, with nothing changed. Idempotent.
#[server(prefix = "/api", endpoint = "floor/move", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(slip.id = %slip_id, table.id = %to_table_id)))]
pub async fn move_player(
    request_id: Uuid,
    slip_id: SlipId,
    to_table_id: TableId,
    to_seat: i16,
    average_bet_cents: Option<i64>,
    #[server(default)] occurred_at: Option<DateTime<Utc>>,
) -> Result<Slip, AppError> {
    crate::ssr::scoped_idempotent(
        request_id,
        "floor.move",
        &(slip_id, to_table_id, to_seat, average_bet_cents),
        async |conn, actor| {
            act_at(conn, actor, occurred_at, Tapped::Slip(slip_id)).await?;
            let to = pitboss::visit::Seat { table_id: to_table_id, number: to_seat };
            pitboss::floor::move_player(conn, actor, slip_id, to, average_bet_cents.map(pitboss::Cents)).await
        },
    )
    .await
}

/// Starts rating a player already seated at the table. Pit bosses and admins. Idempotent.
#[server(prefix = "/api", endpoint = "slip/start", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(visit.id = %visit_id)))]
pub async fn start_slip(
    request_id: Uuid,
    visit_id: VisitId,
    table_id: TableId,
    average_bet_cents: i64,
) -> Result<Slip, AppError> {
    crate::ssr::scoped_idempotent(
        request_id,
        "slip.start",
        &(visit_id, table_id, average_bet_cents),
        async |conn, actor| {
            pitboss::rating_slip::start(conn, actor, visit_id, table_id, pitboss::Cents(average_bet_cents)).await
        },
    )
    .await
}

/// Pauses an open slip (the timer freezes). `RATING_SLIP_INVALID_STATE` otherwise. Idempotent.
///
/// `occurred_at`, when a tablet sends an action it queued while offline, is the instant it was tapped: the
/// pause starts then, within bounds (`ACTION_TAPPED_IN_FUTURE`, `ACTION_TAPPED_TOO_LONG_AGO`,
/// `ACTION_TAPPED_BEFORE_LAST_CHANGE`). The same holds for resume, close, move and check-out. The instant says
/// when, not what: the request id is bound to the other arguments, so a tap whose first send was lost and which
/// the tablet resends with its instant is answered as its first arrival was, if there was one.
#[server(prefix = "/api", endpoint = "slip/pause", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(rating_slip.id = %slip_id)))]
pub async fn pause_slip(
    request_id: Uuid,
    slip_id: SlipId,
    #[server(default)] occurred_at: Option<DateTime<Utc>>,
) -> Result<Slip, AppError> {
    crate::ssr::scoped_idempotent(request_id, "slip.pause", &(slip_id,), async |conn, actor| {
        act_at(conn, actor, occurred_at, Tapped::Slip(slip_id)).await?;
        pitboss::rating_slip::pause(conn, actor, slip_id).await
    })
    .await
}

/// Resumes a paused slip, at `occurred_at` when queued ([`pause_slip`]). `RATING_SLIP_INVALID_STATE` otherwise.
/// Idempotent.
#[server(prefix = "/api", endpoint = "slip/resume", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(rating_slip.id = %slip_id)))]
pub async fn resume_slip(
    request_id: Uuid,
    slip_id: SlipId,
    #[server(default)] occurred_at: Option<DateTime<Utc>>,
) -> Result<Slip, AppError> {
    crate::ssr::scoped_idempotent(request_id, "slip.resume", &(slip_id,), async |conn, actor| {
        act_at(conn, actor, occurred_at, Tapped::Slip(slip_id)).await?;
        pitboss::rating_slip::resume(conn, actor, slip_id).await
    })
    .await
}

/// Records a new average bet (cents, zero to $10,000,000) on an open or paused slip. Idempotent.
#[server(prefix = "/api", endpoint = "slip/update_average_bet", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(rating_slip.id = %slip_id)))]
pub async fn update_average_bet(request_id: Uuid, slip_id: SlipId, average_bet_cents: i64) -> Result<Slip, AppError> {
    crate::ssr::scoped_idempotent(
        request_id,
        "slip.update_average_bet",
        &(slip_id, average_bet_cents),
        async |conn, actor| {
            pitboss::rating_slip::update_average_bet(conn, actor, slip_id, pitboss::Cents(average_bet_cents)).await
        },
    )
    .await
}

/// Closes an open or paused slip now (at `occurred_at` when queued: [`pause_slip`]), optionally with a final
/// average bet; returns its final duration (pauses excluded) and theo. Idempotent.
#[server(prefix = "/api", endpoint = "slip/close", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(rating_slip.id = %slip_id)))]
pub async fn close_slip(
    request_id: Uuid,
    slip_id: SlipId,
    average_bet_cents: Option<i64>,
    #[server(default)] occurred_at: Option<DateTime<Utc>>,
) -> Result<Slip, AppError> {
    crate::ssr::scoped_idempotent(request_id, "slip.close", &(slip_id, average_bet_cents), async |conn, actor| {
        act_at(conn, actor, occurred_at, Tapped::Slip(slip_id)).await?;
        pitboss::rating_slip::close(conn, actor, slip_id, average_bet_cents.map(pitboss::Cents), None).await
    })
    .await
}
