//! SQL of player exclusions.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Exclusion, ExclusionId, ExclusionKind};
use crate::casino::{CasinoId, StaffId};
use crate::player::PlayerId;

/// `query_as!` for [`Exclusion`]s with the names of who set and lifted them, then `$rest` (from the `where`
/// clause on).
macro_rules! exclusions {
    ($rest:literal, $($arg:expr),+ $(,)?) => {
        // language=PostgreSQL
        sqlx::query_as!(
            Exclusion,
            r#"select e.id as "id: ExclusionId", e.player_id as "player_id: PlayerId", e.kind as "kind: ExclusionKind",
                      e.reason, e.starts_at, e.ends_at, s.first_name || ' ' || s.last_name as "set_by?",
                      e.lifted_at, l.first_name || ' ' || l.last_name as "lifted_by?", e.lift_reason
               from player_exclusion e
               left join staff s on s.casino_id = e.casino_id and s.id = e.set_by
               left join staff l on l.casino_id = e.casino_id and l.id = e.lifted_by "# + $rest,
            $($arg),+
        )
    };
}

/// The database's clock: what "in the future" is measured against.
pub(super) async fn now(conn: &mut PgConnection) -> sqlx::Result<DateTime<Utc>> {
    // language=PostgreSQL
    sqlx::query_scalar!(r#"select app_now() as "now!""#).fetch_one(conn).await
}

/// The new flag's fields.
pub(super) struct NewExclusion<'a> {
    pub id: ExclusionId,
    pub player_id: PlayerId,
    pub kind: ExclusionKind,
    pub reason: &'a str,
    pub until: Option<DateTime<Utc>>,
    pub set_by: StaffId,
}

pub(super) async fn insert(conn: &mut PgConnection, casino_id: CasinoId, new: &NewExclusion<'_>) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into player_exclusion (id, casino_id, player_id, kind, reason, ends_at, set_by)
         values ($1, $2, $3, $4, $5, $6, $7)",
        new.id.0,
        casino_id.0,
        new.player_id.0,
        new.kind as ExclusionKind,
        new.reason,
        new.until,
        new.set_by.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One flag.
pub(super) async fn get(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: ExclusionId,
) -> sqlx::Result<Option<Exclusion>> {
    exclusions!("where e.casino_id = $1 and e.id = $2", casino_id.0, id.0).fetch_optional(conn).await
}

/// One flag, locked until the transaction ends so two lifts serialise.
pub(super) async fn locked(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: ExclusionId,
) -> sqlx::Result<Option<Exclusion>> {
    exclusions!("where e.casino_id = $1 and e.id = $2 for update of e", casino_id.0, id.0).fetch_optional(conn).await
}

/// A player's flags, newest first, lifted ones included.
pub(super) async fn of_player(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    player_id: PlayerId,
) -> sqlx::Result<Vec<Exclusion>> {
    exclusions!("where e.casino_id = $1 and e.player_id = $2 order by e.starts_at desc, e.id", casino_id.0, player_id.0)
        .fetch_all(conn)
        .await
}

pub(super) async fn lift(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: ExclusionId,
    lifted_by: StaffId,
    reason: &str,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update player_exclusion set lifted_at = app_now(), lifted_by = $3, lift_reason = $4
         where casino_id = $1 and id = $2 and lifted_at is null",
        casino_id.0,
        id.0,
        lifted_by.0,
        reason,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The kinds of the flags in force now for the given players, as (player, kind).
pub(super) async fn in_force(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    players: &[Uuid],
) -> sqlx::Result<Vec<(PlayerId, ExclusionKind)>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select player_id as "player_id: PlayerId", kind as "kind: ExclusionKind"
           from player_exclusion
           where casino_id = $1 and player_id = any($2) and lifted_at is null
             and starts_at <= app_now() and (ends_at is null or ends_at > app_now())"#,
        casino_id.0,
        players,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.player_id, r.kind)).collect())
}
