//! Server functions of visits: `/api/visit/*`. Checking in and seating are steps of their own, for a player
//! who sits down without being rated (yet); `floor/seat_and_start` stays the one-tap path.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::player::PlayerId;
use pitboss::table_context::TableId;
use pitboss::visit::{Visit, VisitId};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use pitboss::rating_slip::late::{Tapped, act_at};

use crate::error::AppError;

/// Checks a player in without seating them: their visit starts, on today's gaming day. Pit bosses and admins;
/// `VISIT_ALREADY_ACTIVE` when they are checked in already. Idempotent.
#[server(prefix = "/api", endpoint = "visit/check_in", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn check_in(request_id: Uuid, player_id: PlayerId) -> Result<Visit, AppError> {
    crate::ssr::scoped_idempotent(request_id, "visit.check_in", &player_id, async |conn, actor| {
        pitboss::visit::check_in(conn, actor, player_id).await
    })
    .await
}

/// Seats a checked-in player without rating them: the seat shows them unrated, with "Start rating" on it.
/// Pit bosses and admins; `SEAT_OCCUPIED`, `SEAT_OUT_OF_RANGE`, `TABLE_NOT_ACTIVE`, `VISIT_NOT_ACTIVE`, and
/// `VISIT_HAS_ACTIVE_SLIP` for a player being rated elsewhere. Idempotent.
#[server(prefix = "/api", endpoint = "visit/seat", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(visit.id = %visit_id, table.id = %table_id)))]
pub async fn seat_visit(request_id: Uuid, visit_id: VisitId, table_id: TableId, seat: i16) -> Result<Visit, AppError> {
    crate::ssr::scoped_idempotent(request_id, "visit.seat", &(visit_id, table_id, seat), async |conn, actor| {
        let seat = pitboss::visit::Seat { table_id, number: seat };
        pitboss::visit::seat(conn, actor, visit_id, seat).await
    })
    .await
}

/// The player's visit in progress, or null when they are not checked in. Any signed-in role.
#[server(prefix = "/api", endpoint = "visit/active", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn active_visit(player_id: PlayerId) -> Result<Option<Visit>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::visit::active_visit(conn, actor, player_id).await).await
}

/// Checks a player out, closing their open and paused slips first; at `occurred_at` when a tablet queued the
/// check-out while offline (as `slip/pause`). Pit bosses and admins. Idempotent.
#[server(prefix = "/api", endpoint = "visit/check_out", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(visit.id = %visit_id)))]
pub async fn check_out(
    request_id: Uuid,
    visit_id: VisitId,
    #[server(default)] occurred_at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    crate::ssr::scoped_idempotent(request_id, "visit.check_out", &(visit_id,), async |conn, actor| {
        act_at(conn, actor, occurred_at, Tapped::Visit(visit_id)).await?;
        pitboss::floor::check_out(conn, actor, visit_id).await
    })
    .await
}

/// Takes a player who is not being rated out of their seat; they stay checked in. Idempotent.
#[server(prefix = "/api", endpoint = "visit/unseat", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(visit.id = %visit_id)))]
pub async fn unseat(request_id: Uuid, visit_id: VisitId) -> Result<(), AppError> {
    crate::ssr::scoped_idempotent(request_id, "visit.unseat", &visit_id, async |conn, actor| {
        pitboss::visit::unseat(conn, actor, visit_id).await.map(|_| ())
    })
    .await
}
