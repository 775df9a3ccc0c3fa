//! SQL of visits.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::model::{Seat, Visit, VisitId};
use crate::casino::{CasinoId, StaffId};
use crate::player::PlayerId;
use crate::table_context::TableId;

struct VisitRow {
    id: VisitId,
    player_id: PlayerId,
    started_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
    gaming_day: NaiveDate,
    table_id: Option<TableId>,
    seat_number: Option<i16>,
}

impl From<VisitRow> for Visit {
    fn from(row: VisitRow) -> Self {
        let seat = row.table_id.zip(row.seat_number).map(|(table_id, number)| Seat { table_id, number });
        Self {
            id: row.id,
            player_id: row.player_id,
            started_at: row.started_at,
            ended_at: row.ended_at,
            gaming_day: row.gaming_day,
            seat,
        }
    }
}

/// Visit rows, `$rest` choosing which (one select list for every visit read; the `+` keeps each statement
/// checked at compile time).
macro_rules! visit_rows {
    ($rest:literal, $($arg:expr),+ $(,)?) => {
        // language=PostgreSQL
        sqlx::query_as!(
            VisitRow,
            r#"select id as "id: VisitId", player_id as "player_id: PlayerId", started_at, ended_at, gaming_day,
                      table_id as "table_id: TableId", seat_number
               from visit "# + $rest,
            $($arg),+
        )
    };
}

/// Checks a player in, if they are enrolled at the casino (`None` otherwise); the gaming day is the database's,
/// from the casino's settings.
pub(super) async fn insert(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: VisitId,
    player_id: PlayerId,
    started_by: StaffId,
) -> sqlx::Result<Option<Visit>> {
    // language=PostgreSQL
    let row = sqlx::query_as!(
        VisitRow,
        r#"insert into visit (id, casino_id, player_id, gaming_day, started_by)
           select $1::uuid, $2::uuid, $3::uuid, compute_gaming_day($2), $4::uuid
           where exists (select 1 from player_casino where casino_id = $2 and player_id = $3)
           returning id as "id: VisitId", player_id as "player_id: PlayerId", started_at, ended_at, gaming_day,
                     table_id as "table_id: TableId", seat_number"#,
        id.0,
        casino_id.0,
        player_id.0,
        started_by.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Visit::from))
}

/// Locks the visit's row until the transaction ends, so changes to one visit serialise; whether its gaming day
/// has ended (`None`: no such visit here). The day is asked here rather than apart, to spare a round trip.
pub(super) async fn lock(conn: &mut PgConnection, casino_id: CasinoId, id: VisitId) -> sqlx::Result<Option<bool>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select gaming_day < compute_gaming_day(casino_id) as "day_ended!" from visit
           where casino_id = $1 and id = $2 for update"#,
        casino_id.0,
        id.0,
    )
    .fetch_optional(conn)
    .await
}

pub(super) async fn get(conn: &mut PgConnection, casino_id: CasinoId, id: VisitId) -> sqlx::Result<Option<Visit>> {
    let row = visit_rows!("where casino_id = $1 and id = $2", casino_id.0, id.0).fetch_optional(conn).await?;
    Ok(row.map(Visit::from))
}

pub(super) async fn active_of_player(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
) -> sqlx::Result<Option<Visit>> {
    let row = visit_rows!("where casino_id = $1 and player_id = $2 and ended_at is null", casino_id.0, player_id.0)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Visit::from))
}

/// The visits still open from gaming day `day`, locked until the transaction ends, in order of check-in.
pub(super) async fn open_of_day(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    day: NaiveDate,
) -> sqlx::Result<Vec<Visit>> {
    let rows = visit_rows!(
        "where casino_id = $1 and gaming_day = $2 and ended_at is null
         order by started_at, id
         for update",
        casino_id.0,
        day,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Visit::from).collect())
}

/// The player's visits that began before `before` (or all), newest first, at most `limit`.
pub(super) async fn of_player(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
    before: Option<DateTime<Utc>>,
    limit: i64,
) -> sqlx::Result<Vec<Visit>> {
    let rows = visit_rows!(
        "where casino_id = $1 and player_id = $2 and started_at < coalesce($3, 'infinity'::timestamptz)
         order by started_at desc
         limit $4",
        casino_id.0,
        player_id.0,
        before,
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Visit::from).collect())
}

/// Active visits seated somewhere (or at `table`), by table and seat.
pub(super) async fn seated(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    table: Option<TableId>,
) -> sqlx::Result<Vec<Visit>> {
    let rows = visit_rows!(
        "where casino_id = $1 and table_id is not null and ($2::uuid is null or table_id = $2)
         order by table_id, seat_number",
        casino_id.0,
        table.map(|t| t.0),
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Visit::from).collect())
}

/// Seats the visit (or unseats it, with `None`).
pub(super) async fn set_seat(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: VisitId,
    seat: Option<Seat>,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update visit set table_id = $3, seat_number = $4, seated_at = case when $3::uuid is null then null else app_now() end
         where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        seat.map(|s| s.table_id.0),
        seat.map(|s| s.number),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the visit, freeing its seat.
pub(super) async fn end(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: VisitId,
    ended_by: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update visit set ended_at = greatest(app_now(), started_at), ended_by = $3, table_id = null, seat_number = null,
                          seated_at = null
         where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        ended_by.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}
