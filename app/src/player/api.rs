//! Server functions of the player service: `/api/player/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::player::{EnrollInput, PlayerDetail, PlayerId, PlayerMatch, PlayerSummary};
use uuid::Uuid;

use crate::error::AppError;

/// Players of the casino with a name word starting with each typed word, by name (at most 50), with where each
/// sits now, what they last played and their flag; all players from the start of the alphabet for an empty
/// query. Any role.
#[server(prefix = "/api", endpoint = "player/search", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn search_players(query: String) -> Result<Vec<PlayerMatch>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::player::search(conn, actor, &query).await).await
}

/// Enrolls a new player: player, enrollment and loyalty account in one transaction. Pit bosses and admins;
/// `VALIDATION_FAILED` with `PLAYER_INVALID_NAME` / `PLAYER_INVALID_BIRTH_DATE`. Idempotent by `request_id`.
/// Audit `player.enrolled`.
#[server(prefix = "/api", endpoint = "player/enroll", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn enroll_player(request_id: Uuid, input: EnrollInput) -> Result<PlayerSummary, AppError> {
    crate::ssr::scoped_idempotent(request_id, "player.enroll", &input, async |conn, actor| {
        pitboss::player::enroll(conn, actor, &input).await
    })
    .await
}

/// A player's record at this casino; `NOT_FOUND` for a player not enrolled here. Any role.
#[server(prefix = "/api", endpoint = "player/get", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn get_player(player_id: PlayerId) -> Result<PlayerDetail, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::player::player(conn, actor, player_id).await).await
}

/// One page of the player's visits with their slips, newest first ([`pitboss::floor::HISTORY_PAGE`] visits);
/// `before` is the previous page's cursor. Any role; `NOT_FOUND` unless enrolled here.
#[server(prefix = "/api", endpoint = "player/history", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn player_history(
    player_id: PlayerId,
    before: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<pitboss::floor::PlayerHistory, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::floor::player_history(conn, actor, player_id, before).await).await
}

/// What importing a CSV of members would do: rows ready, duplicates to skip (repeats within the file, players
/// enrolled here already) and every problem by line and column. Admins only; writes nothing.
#[server(prefix = "/api", endpoint = "player/import_preview", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn preview_player_import(csv: String) -> Result<pitboss::player::import::ImportPreview, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::player::preview_import(conn, actor, &csv).await).await
}

/// Enrolls the members of a CSV in one transaction, skipping duplicates. Admins only; a file with any problem
/// writes nothing (`IMPORT_INVALID`, one field error per problem named `line:column`). Idempotent by
/// `request_id` (bound to the file). Audit `player.imported`.
#[server(prefix = "/api", endpoint = "player/import", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn import_players(request_id: Uuid, csv: String) -> Result<pitboss::player::import::ImportResult, AppError> {
    crate::ssr::scoped_idempotent(request_id, "player.import", &csv, async |conn, actor| {
        pitboss::player::import_players(conn, actor, &csv).await
    })
    .await
}
