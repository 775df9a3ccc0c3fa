//! SQL of the casino's games: their rating parameters, added and retired by admins.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::model::{GameKey, GameSettings, GameSettingsInput};
use crate::casino::CasinoId;
use crate::money::Cents;

struct GameRow {
    game: GameKey,
    name: String,
    min_bet_cents: i64,
    max_bet_cents: i64,
    seats: i16,
    house_edge_bps: i32,
    decisions_per_hour: i32,
    points_per_theo_dollar: i32,
    point_multiplier_pct: i32,
    policy_version: i32,
    retired_at: Option<DateTime<Utc>>,
}

impl From<GameRow> for GameSettings {
    fn from(row: GameRow) -> Self {
        Self {
            game: row.game,
            name: row.name,
            min_bet: Cents(row.min_bet_cents),
            max_bet: Cents(row.max_bet_cents),
            seats: row.seats,
            house_edge_bps: row.house_edge_bps,
            decisions_per_hour: row.decisions_per_hour,
            points_per_theo_dollar: row.points_per_theo_dollar,
            point_multiplier_pct: row.point_multiplier_pct,
            policy_version: row.policy_version,
            retired_at: row.retired_at,
        }
    }
}

/// The casino's games, retired ones too, by name.
pub(super) async fn games(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<GameSettings>> {
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        GameRow,
        r#"select game_type as "game: GameKey", name, min_bet_cents, max_bet_cents, seats, house_edge_bps,
                  decisions_per_hour, points_per_theo_dollar, point_multiplier_pct, policy_version, retired_at
           from game_settings where casino_id = $1 order by lower(name)"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(GameSettings::from).collect())
}

/// One game of the casino, retired or not: a primary-key probe (starting a slip reads it).
pub(super) async fn game(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    game: &GameKey,
) -> sqlx::Result<Option<GameSettings>> {
    // language=PostgreSQL
    let row = sqlx::query_as!(
        GameRow,
        r#"select game_type as "game: GameKey", name, min_bet_cents, max_bet_cents, seats, house_edge_bps,
                  decisions_per_hour, points_per_theo_dollar, point_multiplier_pct, policy_version, retired_at
           from game_settings where casino_id = $1 and game_type = $2"#,
        casino_id.0,
        game.as_str(),
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(GameSettings::from))
}

/// Replaces the settings of a game not retired; `None` if the casino has no such game or retired it.
pub(super) async fn update_game(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    game: &GameKey,
    input: &GameSettingsInput,
) -> sqlx::Result<Option<GameSettings>> {
    // language=PostgreSQL
    let row = sqlx::query_as!(
        GameRow,
        r#"update game_settings
           set min_bet_cents = $3, max_bet_cents = $4, seats = $5, house_edge_bps = $6, decisions_per_hour = $7,
               points_per_theo_dollar = $8, point_multiplier_pct = $9, policy_version = policy_version + 1
           where casino_id = $1 and game_type = $2 and retired_at is null
           returning game_type as "game: GameKey", name, min_bet_cents, max_bet_cents, seats, house_edge_bps,
                     decisions_per_hour, points_per_theo_dollar, point_multiplier_pct, policy_version, retired_at"#,
        casino_id.0,
        game.as_str(),
        input.min_bet_cents,
        input.max_bet_cents,
        input.seats,
        input.house_edge_bps,
        input.decisions_per_hour,
        input.points_per_theo_dollar,
        input.point_multiplier_pct,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(GameSettings::from))
}

/// Inserts a game; the unique indexes refuse a key or name the casino has.
pub(super) async fn insert_game(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    game: &GameKey,
    name: &str,
    input: &GameSettingsInput,
) -> sqlx::Result<GameSettings> {
    // language=PostgreSQL
    let row = sqlx::query_as!(
        GameRow,
        r#"insert into game_settings (casino_id, game_type, name, min_bet_cents, max_bet_cents, seats, house_edge_bps,
                                      decisions_per_hour, points_per_theo_dollar, point_multiplier_pct)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           returning game_type as "game: GameKey", name, min_bet_cents, max_bet_cents, seats, house_edge_bps,
                     decisions_per_hour, points_per_theo_dollar, point_multiplier_pct, policy_version, retired_at"#,
        casino_id.0,
        game.as_str(),
        name,
        input.min_bet_cents,
        input.max_bet_cents,
        input.seats,
        input.house_edge_bps,
        input.decisions_per_hour,
        input.points_per_theo_dollar,
        input.point_multiplier_pct,
    )
    .fetch_one(conn)
    .await?;
    Ok(row.into())
}

/// Marks a game retired, locking its row first (a table being added with it commits before this returns);
/// `None` if the casino has no such game or retired it already.
pub(super) async fn retire_game(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    game: &GameKey,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"update game_settings set retired_at = now()
           where casino_id = $1 and game_type = $2 and retired_at is null
           returning retired_at as "retired_at!""#,
        casino_id.0,
        game.as_str(),
    )
    .fetch_optional(conn)
    .await
}

/// Whether a table on the floor (not retired) deals `game`.
pub(super) async fn dealt_on_floor(conn: &mut PgConnection, casino_id: CasinoId, game: &GameKey) -> sqlx::Result<bool> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select exists (select 1 from gaming_table
                          where casino_id = $1 and game_type = $2 and retired_at is null) as "dealt!""#,
        casino_id.0,
        game.as_str(),
    )
    .fetch_one(conn)
    .await
}
