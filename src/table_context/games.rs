//! The casino's games as data: every role reads them; admins change their parameters, add variants and retire
//! them. Rating slips keep the parameters frozen at their start, whatever happens to the game later.

use serde_json::json;
use sqlx::PgConnection;

use super::model::{GameKey, GameSettings, GameSettingsInput, NewGame};
use super::{Error, games_repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::error::{ErrorCode, FieldError};
use crate::live::Entity;

/// The casino's games with their rating parameters, retired ones too (marked), by name; every role may read
/// them.
pub async fn game_settings(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<GameSettings>, Error> {
    Ok(games_repo::games(conn, actor.casino_id).await?)
}

/// Replaces one game's rating parameters and default limits.
///
/// Admins only (`FORBIDDEN`); invalid fields come back together (`VALIDATION_FAILED`); a game the casino does
/// not have, or retired, is `NOT_FOUND`. Slips already started keep the parameters frozen at their start.
/// Writes `game_settings.updated` with before and after.
pub async fn update_game_settings(
    conn: &mut PgConnection,
    actor: &Actor,
    game: &GameKey,
    input: &GameSettingsInput,
) -> Result<GameSettings, Error> {
    if !rules::may_manage_games(actor.role) {
        return Err(Error::Forbidden);
    }
    rules::validate_game_settings(input)?;
    let before = games_repo::game(conn, actor.casino_id, game).await?.ok_or(Error::GameNotFound)?;
    let after = games_repo::update_game(conn, actor.casino_id, game, input).await?.ok_or(Error::GameNotFound)?;
    let entry =
        AuditEntry::without_id("game_settings.updated", Entity::GameSettings).before(json!(before)).after(json!(after));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// Adds a game variant (Mini-Baccarat, Pai Gow, Three Card Poker ...) with its own parameters; its key is made
/// from its name.
///
/// Admins only (`FORBIDDEN`); the name and every parameter checked together (`VALIDATION_FAILED`:
/// `GAME_INVALID_NAME`, the settings' codes, `GAME_NAME_TAKEN` for a name, or a key, the casino has, retired
/// games included). Writes `game_settings.created`, which open pages follow.
pub async fn add_game(conn: &mut PgConnection, actor: &Actor, game: &NewGame) -> Result<GameSettings, Error> {
    if !rules::may_manage_games(actor.role) {
        return Err(Error::Forbidden);
    }
    let key = rules::validate_new_game(game)?;
    let name = game.name.trim();
    let added =
        games_repo::insert_game(conn, actor.casino_id, &key, name, &game.settings).await.map_err(|e| match &e {
            sqlx::Error::Database(db)
                if matches!(db.constraint(), Some("game_settings_pkey" | "game_settings_casino_id_name_key")) =>
            {
                Error::InvalidGameSettings(vec![FieldError::new("name", ErrorCode::GameNameTaken)])
            }
            _ => Error::Db(e),
        })?;
    let entry = AuditEntry::without_id("game_settings.created", Entity::GameSettings).after(json!(added));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(added)
}

/// Retires a game: it takes no new table and leaves the games an admin edits; its tables' history and the
/// slips rated on it keep naming it.
///
/// Admins only (`FORBIDDEN`); a game tables on the floor still deal is `GAME_IN_USE` (retire them first); a
/// game the casino does not have, or retired, is `NOT_FOUND`. Writes `game_settings.retired`.
pub async fn retire_game(conn: &mut PgConnection, actor: &Actor, game: &GameKey) -> Result<GameSettings, Error> {
    if !rules::may_manage_games(actor.role) {
        return Err(Error::Forbidden);
    }
    // The update locks the game's row first, so a table being added with it is on the floor by the check.
    let retired_at = games_repo::retire_game(conn, actor.casino_id, game).await?.ok_or(Error::GameNotFound)?;
    if games_repo::dealt_on_floor(conn, actor.casino_id, game).await? {
        return Err(Error::GameInUse);
    }
    let entry = AuditEntry::without_id("game_settings.retired", Entity::GameSettings)
        .before(json!({ "game": game, "retired_at": null }))
        .after(json!({ "game": game, "retired_at": retired_at }));
    audit::record(conn, actor.casino_id, entry).await?;
    games_repo::game(conn, actor.casino_id, game).await?.ok_or(Error::GameNotFound)
}
