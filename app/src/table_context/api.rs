//! Server functions of the table context: `/api/table/*` and `/api/game/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::casino::StaffId;
use pitboss::table_context::{GameKey, GameSettings, GameSettingsInput, NewGame, TableCard, TableDetail, TableId};
use uuid::Uuid;

use crate::error::AppError;

/// Every table on the floor (not retired) with its status, limits and current dealer, by pit and label. Any
/// role.
#[server(prefix = "/api", endpoint = "table/list", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn list_tables() -> Result<Vec<TableCard>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::table_context::floor_tables(conn, actor).await).await
}

/// One table with its rotation history, the dealers who could take it and whether rotation is read-only.
/// `NOT_FOUND` for a table of another casino.
#[server(prefix = "/api", endpoint = "table/detail", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn get_table_detail(table_id: TableId) -> Result<TableDetail, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::table_context::table_detail(conn, actor, table_id).await).await
}

/// Opens a table: inactive or closed → active. Pit bosses and admins; `TABLE_INVALID_STATE` otherwise;
/// `TABLE_OPENING_COUNT_REQUIRED` unless its tray's latest count is an opening count. Idempotent by `request_id`. Audit `gaming_table.opened`; live event to the casino.
#[server(prefix = "/api", endpoint = "table/open", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn open_table(request_id: Uuid, table_id: TableId) -> Result<TableCard, AppError> {
    crate::ssr::scoped_idempotent(request_id, "table.open", &table_id, async |conn, actor| {
        pitboss::floor::open_table(conn, actor, table_id).await
    })
    .await
}

/// Closes a table: active → closed, ending its dealer's rotation. Pit bosses and admins;
/// `TABLE_INVALID_STATE` otherwise; `TABLE_CAGE_REQUESTS_PENDING` while a fill or credit awaits the cage and
/// `TABLE_CLOSING_COUNT_REQUIRED` unless its latest count is a closing one after its last fill or credit. With players still rated there it is refused (`TABLE_HAS_OPEN_SLIPS`)
/// unless `force_reason` is given: their slips close with that reason and they leave their seats.
/// Idempotent by `request_id`. Audit `gaming_table.closed` (and `rating_slip.closed`, `visit.unseated`).
#[server(prefix = "/api", endpoint = "table/close", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn close_table(
    request_id: Uuid,
    table_id: TableId,
    force_reason: Option<String>,
) -> Result<TableCard, AppError> {
    crate::ssr::scoped_idempotent(request_id, "table.close", &(table_id, &force_reason), async |conn, actor| {
        pitboss::floor::close_table(conn, actor, table_id, force_reason.as_deref()).await
    })
    .await
}

/// Puts a dealer on an active table, ending the table's and the dealer's current rotations. Pit bosses and
/// admins; `DEALER_ROTATION_READONLY`, `TABLE_NOT_ACTIVE`, `DEALER_NOT_AVAILABLE`. Idempotent by `request_id`.
#[server(prefix = "/api", endpoint = "table/assign_dealer", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(table.id = %table_id)))]
pub async fn assign_dealer(request_id: Uuid, table_id: TableId, dealer_id: StaffId) -> Result<TableCard, AppError> {
    crate::ssr::scoped_idempotent(request_id, "table.assign_dealer", &(table_id, dealer_id), async |conn, actor| {
        pitboss::table_context::assign_dealer(conn, actor, table_id, dealer_id).await
    })
    .await
}

/// The casino's games with their rating parameters, retired ones too (with `retired_at`), by name. Any role.
#[server(prefix = "/api", endpoint = "game/settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn list_game_settings() -> Result<Vec<GameSettings>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::table_context::game_settings(conn, actor).await).await
}

/// Replaces one game's rating parameters; admins only. `VALIDATION_FAILED` with a code per field.
/// Idempotent by `request_id`. Audit `game_settings.updated`.
#[server(prefix = "/api", endpoint = "game/update_settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn update_game_settings(
    request_id: Uuid,
    game: GameKey,
    input: GameSettingsInput,
) -> Result<GameSettings, AppError> {
    crate::ssr::scoped_idempotent(request_id, "game.update_settings", &(&game, &input), async |conn, actor| {
        pitboss::table_context::update_game_settings(conn, actor, &game, &input).await
    })
    .await
}

/// Adds a game variant with its own parameters, its key made from its name; admins only. `VALIDATION_FAILED`
/// with a code per field (`GAME_INVALID_NAME`, `GAME_NAME_TAKEN` among them). Idempotent. Audit
/// `game_settings.created`.
#[server(prefix = "/api", endpoint = "game/add", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_game(request_id: Uuid, input: NewGame) -> Result<GameSettings, AppError> {
    crate::ssr::scoped_idempotent(request_id, "game.add", &input, async |conn, actor| {
        pitboss::table_context::add_game(conn, actor, &input).await
    })
    .await
}

/// Retires a game no table on the floor deals (`GAME_IN_USE` otherwise); admins only. Idempotent. Audit
/// `game_settings.retired`.
#[server(prefix = "/api", endpoint = "game/retire", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(game = %game)))]
pub async fn retire_game(request_id: Uuid, game: GameKey) -> Result<GameSettings, AppError> {
    crate::ssr::scoped_idempotent(request_id, "game.retire", &game, async |conn, actor| {
        pitboss::table_context::retire_game(conn, actor, &game).await
    })
    .await
}
