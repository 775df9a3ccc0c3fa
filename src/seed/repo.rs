//! SQL that lays out a demo floor. Only the seed writes these rows directly; the table and player services
//! own them in normal operation.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::data::{DemoGame, DemoTable, POINTS_PER_THEO_DOLLAR};
use crate::casino::{CasinoId, StaffId};

pub(super) async fn insert_game(conn: &mut PgConnection, casino_id: CasinoId, game: &DemoGame) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into game_settings (casino_id, game_type, name, min_bet_cents, max_bet_cents, seats, house_edge_bps,
                                    decisions_per_hour, points_per_theo_dollar)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        casino_id.0,
        game.game,
        game.name,
        game.min_bet_cents,
        game.max_bet_cents,
        game.seats,
        game.house_edge_bps,
        game.decisions_per_hour,
        POINTS_PER_THEO_DOLLAR,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets up a table as the fixture row describes it; returns its id.
pub(super) async fn insert_table(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table: &DemoTable,
) -> sqlx::Result<Uuid> {
    let (label, pit, game, min_bet_cents, max_bet_cents, status) = *table;
    let id = Uuid::new_v4();
    // language=PostgreSQL
    sqlx::query!(
        "insert into gaming_table (id, casino_id, label, pit, game_type, status, min_bet_cents, max_bet_cents)
         values ($1, $2, $3, $4, $5, $6::text::table_status, $7, $8)",
        id,
        casino_id.0,
        label,
        pit,
        game,
        status,
        min_bet_cents,
        max_bet_cents,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Puts a dealer on a table as of now (the shift already under way when the demo starts).
pub(super) async fn insert_rotation(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: Uuid,
    dealer_id: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into dealer_rotation (id, casino_id, table_id, dealer_id, started_at)
         values ($1, $2, $3, $4, now() - interval '20 minutes')",
        Uuid::new_v4(),
        casino_id.0,
        table_id,
        dealer_id.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the opening count of an open demo table: 20 × $100, 40 × $25 and 100 × $5 ($3,500), counted by
/// `counted_by` twenty minutes ago with `witness` watching.
pub(super) async fn insert_opening_count(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: Uuid,
    counted_by: StaffId,
    witness: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        r#"insert into table_inventory_count (id, casino_id, table_id, kind, chips, total_cents, counted_by, witness_id,
                                             gaming_day, counted_at)
           values ($1, $2, $3, 'opening', '{"10000": 20, "2500": 40, "500": 100}', 0, $4, $5,
                   compute_gaming_day($2, now() - interval '20 minutes'), now() - interval '20 minutes')"#,
        Uuid::new_v4(),
        casino_id.0,
        table_id,
        counted_by.0,
        witness.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Creates a player enrolled at the casino with an empty loyalty account; returns their id.
pub(super) async fn insert_enrolled_player(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    first_name: &str,
    last_name: &str,
    birth_date: NaiveDate,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    // language=PostgreSQL
    sqlx::query!(
        "insert into player (id, first_name, last_name, birth_date) values ($1, $2, $3, $4)",
        id,
        first_name,
        last_name,
        birth_date,
    )
    .execute(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query!("insert into player_casino (casino_id, player_id) values ($1, $2)", casino_id.0, id)
        .execute(&mut *conn)
        .await?;
    // language=PostgreSQL
    sqlx::query!("insert into player_loyalty (casino_id, player_id) values ($1, $2)", casino_id.0, id)
        .execute(conn)
        .await?;
    Ok(id)
}
