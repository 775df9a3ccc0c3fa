//! SQL of tables, dealer rotations and game settings.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::model::{
    DealerOnTable, DealerOption, GameKey, NewTable, Rotation, RotationId, TableCard, TableChange, TableId, TableStatus,
};
use crate::casino::{CasinoId, StaffId};
use crate::money::Cents;

struct CardRow {
    id: TableId,
    label: String,
    pit: String,
    game: GameKey,
    game_name: String,
    status: TableStatus,
    min_bet_cents: i64,
    max_bet_cents: i64,
    seats: i16,
    dealer_id: Option<StaffId>,
    dealer_name: Option<String>,
    dealer_since: Option<DateTime<Utc>>,
    retired_at: Option<DateTime<Utc>>,
}

impl From<CardRow> for TableCard {
    fn from(row: CardRow) -> Self {
        let dealer = match (row.dealer_id, row.dealer_name, row.dealer_since) {
            (Some(dealer_id), Some(name), Some(since)) => Some(DealerOnTable { dealer_id, name, since }),
            _ => None,
        };
        Self {
            id: row.id,
            label: row.label,
            pit: row.pit,
            game: row.game,
            game_name: row.game_name,
            status: row.status,
            min_bet: Cents(row.min_bet_cents),
            max_bet: Cents(row.max_bet_cents),
            seats: row.seats,
            dealer,
            retired_at: row.retired_at,
        }
    }
}

/// The casino's tables, retired ones too (or just `only`), with their current dealers, ordered by pit and
/// label.
pub(super) async fn cards(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    only: Option<TableId>,
) -> sqlx::Result<Vec<TableCard>> {
    // language=PostgreSQL
    let rows = sqlx::query_as!(
        CardRow,
        r#"select t.id as "id: TableId", t.label, t.pit, t.game_type as "game: GameKey", g.name as game_name,
                  t.status as "status: TableStatus", t.min_bet_cents, t.max_bet_cents,
                  coalesce(t.seats, g.seats) as "seats!", r.dealer_id as "dealer_id?: StaffId",
                  (s.first_name || ' ' || s.last_name) as "dealer_name?", r.started_at as "dealer_since?",
                  t.retired_at
           from gaming_table t
           join game_settings g on g.casino_id = t.casino_id and g.game_type = t.game_type
           left join dealer_rotation r on r.casino_id = t.casino_id and r.table_id = t.id and r.ended_at is null
           left join staff s on s.casino_id = r.casino_id and s.id = r.dealer_id
           where t.casino_id = $1 and ($2::uuid is null or t.id = $2)
           order by t.pit, t.label"#,
        casino_id.0,
        only.map(|id| id.0),
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(TableCard::from).collect())
}

/// Inserts an inactive table; `false` when the casino has no such game or retired it.
pub(super) async fn insert_table(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: TableId,
    table: &NewTable,
) -> sqlx::Result<bool> {
    // language=PostgreSQL
    // The game's row is shared-locked so that an admin retiring it at the same moment waits for this table, and
    // then sees it on the floor (GAME_IN_USE); a game retired first inserts nothing.
    let inserted = sqlx::query!(
        "insert into gaming_table (id, casino_id, label, pit, game_type, min_bet_cents, max_bet_cents, seats)
         select $1, $2, $3, $4, g.game_type, $6, $7, $8 from game_settings g
         where g.casino_id = $2 and g.game_type = $5 and g.retired_at is null
         for share",
        id.0,
        casino_id.0,
        table.label.trim(),
        table.pit.trim(),
        table.game.as_str(),
        table.min_bet_cents,
        table.max_bet_cents,
        table.seats,
    )
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The status of a table still on the floor (not retired), locking its row until the transaction ends so
/// changes of one table serialise.
pub(super) async fn lock_status(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
) -> sqlx::Result<Option<TableStatus>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select status as "status: TableStatus" from gaming_table
           where casino_id = $1 and id = $2 and retired_at is null for update"#,
        casino_id.0,
        table_id.0,
    )
    .fetch_optional(conn)
    .await
}

/// Applies an admin's change of pit, limits and seats.
pub(super) async fn update_table(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
    change: &TableChange,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update gaming_table set pit = $3, min_bet_cents = $4, max_bet_cents = $5, seats = $6
         where casino_id = $1 and id = $2",
        casino_id.0,
        table_id.0,
        change.pit.trim(),
        change.min_bet_cents,
        change.max_bet_cents,
        change.seats,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a table off the floor; returns when.
pub(super) async fn retire_table(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
) -> sqlx::Result<DateTime<Utc>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"update gaming_table set retired_at = now() where casino_id = $1 and id = $2
           returning retired_at as "retired_at!""#,
        casino_id.0,
        table_id.0,
    )
    .fetch_one(conn)
    .await
}

pub(super) async fn set_status(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
    status: TableStatus,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update gaming_table set status = $3 where casino_id = $1 and id = $2",
        casino_id.0,
        table_id.0,
        status as TableStatus,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The open rotation of a table, if it has a dealer: (rotation, dealer).
pub(super) async fn current_rotation(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
) -> sqlx::Result<Option<(RotationId, StaffId)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select id as "id: RotationId", dealer_id as "dealer_id: StaffId" from dealer_rotation
           where casino_id = $1 and table_id = $2 and ended_at is null"#,
        casino_id.0,
        table_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.id, r.dealer_id)))
}

/// The open rotation of a dealer anywhere in the casino: (rotation, table).
pub(super) async fn dealer_rotation(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    dealer_id: StaffId,
) -> sqlx::Result<Option<(RotationId, TableId)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select id as "id: RotationId", table_id as "table_id: TableId" from dealer_rotation
           where casino_id = $1 and dealer_id = $2 and ended_at is null"#,
        casino_id.0,
        dealer_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.id, r.table_id)))
}

pub(super) async fn end_rotation(conn: &mut PgConnection, casino_id: CasinoId, id: RotationId) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        // app_now() is this transaction's start (or its set clock); a rotation begun by a transaction that started later must not end
        // before it began.
        "update dealer_rotation set ended_at = greatest(app_now(), started_at)
         where casino_id = $1 and id = $2 and ended_at is null",
        casino_id.0,
        id.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn start_rotation(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: RotationId,
    table_id: TableId,
    dealer_id: StaffId,
    started_by: Option<StaffId>,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into dealer_rotation (id, casino_id, table_id, dealer_id, started_by) values ($1, $2, $3, $4, $5)",
        id.0,
        casino_id.0,
        table_id.0,
        dealer_id.0,
        started_by.map(|s| s.0),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The table's rotation history, newest first.
pub(super) async fn rotations(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table_id: TableId,
    limit: i64,
) -> sqlx::Result<Vec<Rotation>> {
    // language=PostgreSQL
    sqlx::query_as!(
        Rotation,
        r#"select r.id as "id: RotationId", r.dealer_id as "dealer_id: StaffId",
                  (s.first_name || ' ' || s.last_name) as "dealer_name!", r.started_at, r.ended_at
           from dealer_rotation r
           join staff s on s.casino_id = r.casino_id and s.id = r.dealer_id
           where r.casino_id = $1 and r.table_id = $2
           order by r.started_at desc
           limit $3"#,
        casino_id.0,
        table_id.0,
        limit,
    )
    .fetch_all(conn)
    .await
}

/// Active dealers of the casino with the table each deals now, by name.
pub(super) async fn dealers(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<DealerOption>> {
    // language=PostgreSQL
    sqlx::query_as!(
        DealerOption,
        r#"select s.id as "id: StaffId", (s.first_name || ' ' || s.last_name) as "name!", t.label as "at_table?"
           from staff s
           left join dealer_rotation r on r.casino_id = s.casino_id and r.dealer_id = s.id and r.ended_at is null
           left join gaming_table t on t.casino_id = r.casino_id and t.id = r.table_id
           where s.casino_id = $1 and s.role = 'dealer' and s.status = 'active'
           order by s.last_name, s.first_name"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await
}

/// Whether the staff member is an active dealer of the casino.
pub(super) async fn is_active_dealer(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<bool> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select exists (select 1 from staff where casino_id = $1 and id = $2 and role = 'dealer'
                          and status = 'active') as "dealer!""#,
        casino_id.0,
        staff_id.0,
    )
    .fetch_one(conn)
    .await
}
