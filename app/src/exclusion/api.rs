//! Server functions of exclusions: `/api/player/exclude`, `/api/player/lift_exclusion`,
//! `/api/player/exclusions`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::exclusion::{Exclusion, ExclusionId, ExclusionInput};
use pitboss::player::PlayerId;
use uuid::Uuid;

use crate::error::AppError;

/// Flags a player: barred, self-excluded or watch, with a reason and an optional end. Compliance and admins;
/// `VALIDATION_FAILED` with `EXCLUSION_INVALID_REASON` / `EXCLUSION_INVALID_UNTIL`. Idempotent. Audit
/// `player_exclusion.set`.
#[server(prefix = "/api", endpoint = "player/exclude", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %input.player_id)))]
pub async fn exclude_player(request_id: Uuid, input: ExclusionInput) -> Result<Exclusion, AppError> {
    crate::ssr::scoped_idempotent(request_id, "player.exclude", &input, async |conn, actor| {
        pitboss::exclusion::exclude(conn, actor, &input).await
    })
    .await
}

/// Lifts a flag, with why. Compliance and admins; `EXCLUSION_ALREADY_LIFTED` the second time. Idempotent.
/// Audit `player_exclusion.lifted`.
#[server(prefix = "/api", endpoint = "player/lift_exclusion", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(exclusion.id = %exclusion_id)))]
pub async fn lift_exclusion(
    request_id: Uuid,
    exclusion_id: ExclusionId,
    reason: String,
) -> Result<Exclusion, AppError> {
    crate::ssr::scoped_idempotent(request_id, "player.lift_exclusion", &(exclusion_id, &reason), async |conn, actor| {
        pitboss::exclusion::lift(conn, actor, exclusion_id, &reason).await
    })
    .await
}

/// A player's flags, newest first, lifted ones included. Any role.
#[server(prefix = "/api", endpoint = "player/exclusions", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn exclusions(player_id: PlayerId) -> Result<Vec<Exclusion>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::exclusion::exclusions_of(conn, actor, player_id).await).await
}
