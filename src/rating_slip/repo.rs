//! SQL of rating slips and their pauses.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::model::{GameSnapshot, PolicySnapshot, SlipId, SlipStatus};
use super::rules::Stretches;
use super::tally::Tally;
use crate::casino::{CasinoId, StaffId};
use crate::player::PlayerId;
use crate::table_context::TableId;
use crate::visit::VisitId;

/// A slip as stored, before its figures are derived.
pub(super) struct SlipRow {
    pub id: SlipId,
    pub visit_id: VisitId,
    pub player_id: PlayerId,
    pub table_id: TableId,
    pub seat_number: i16,
    pub status: SlipStatus,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub gaming_day: NaiveDate,
    pub average_bet_cents: i64,
    pub game_settings: Json<GameSnapshot>,
    pub policy_snapshot: Json<PolicySnapshot>,
    pub close_reason: Option<String>,
    pub previous_slip_id: Option<SlipId>,
    pub chain_prior_seconds: i32,
    /// What closing kept: rated seconds, average bet, theo. Absent on a slip closed before figures were kept.
    pub final_seconds: Option<i32>,
    pub final_average_bet_cents: Option<i64>,
    pub final_theo_cents: Option<i64>,
    /// What a running slip had earned at its last change (`super::tally`); absent on one to price from history.
    pub tally_at: Option<DateTime<Utc>>,
    pub tally_rated_us: Option<i64>,
    pub tally_bet_seconds: Option<i64>,
    pub tally_bet_from_seconds: Option<i64>,
    /// The transaction's clock and the casino's gaming day then, on a read that takes them with the row.
    pub now: Option<DateTime<Utc>>,
    pub today: Option<NaiveDate>,
}

impl SlipRow {
    /// The tally the slip keeps, if it keeps one.
    pub fn tally(&self) -> Option<Tally> {
        Some(Tally {
            at: self.tally_at?,
            played: Stretches {
                rated: Duration::microseconds(self.tally_rated_us?),
                earlier_bet_seconds: i128::from(self.tally_bet_seconds?),
                bet_from_seconds: self.tally_bet_from_seconds?,
            },
        })
    }
}

/// A tally as its columns: all null for none (or one that does not fit them).
struct TallyColumns {
    at: Option<DateTime<Utc>>,
    rated_us: Option<i64>,
    bet_seconds: Option<i64>,
    bet_from_seconds: Option<i64>,
}

impl From<Option<Tally>> for TallyColumns {
    fn from(tally: Option<Tally>) -> Self {
        let columns =
            |t: Tally| Some((t, t.played.rated.num_microseconds()?, i64::try_from(t.played.earlier_bet_seconds).ok()?));
        match tally.and_then(columns) {
            Some((t, us, bet_seconds)) => Self {
                at: Some(t.at),
                rated_us: Some(us),
                bet_seconds: Some(bet_seconds),
                bet_from_seconds: Some(t.played.bet_from_seconds),
            },
            None => Self { at: None, rated_us: None, bet_seconds: None, bet_from_seconds: None },
        }
    }
}

/// The new slip's fields.
pub(super) struct NewSlip<'a> {
    pub id: SlipId,
    pub visit_id: VisitId,
    pub player_id: PlayerId,
    pub table_id: TableId,
    pub seat_number: i16,
    pub average_bet_cents: i64,
    pub game: &'a GameSnapshot,
    pub policy: &'a PolicySnapshot,
    pub started_by: StaffId,
    /// The slip this one continues (a move), and the rated seconds of the chain before it.
    pub previous: Option<(SlipId, i32)>,
}

/// Starts a slip and its first bet segment, with nothing rated yet; its gaming day is the database's.
pub(super) async fn insert(conn: &mut PgConnection, casino_id: CasinoId, new: &NewSlip<'_>) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "with slip as (
             insert into rating_slip (id, casino_id, visit_id, player_id, table_id, seat_number, gaming_day,
                                      average_bet_cents, game_settings, policy_snapshot, started_by, previous_slip_id,
                                      chain_prior_seconds, tally_at, tally_rated_us, tally_bet_seconds,
                                      tally_bet_from_seconds)
             values ($1, $2, $3, $4, $5, $6, compute_gaming_day($2), $7, $8, $9, $10, $12, $13, app_now(), 0, 0, 0)
             returning casino_id, id, started_at, average_bet_cents, started_by)
         insert into rating_slip_bet_segment (id, casino_id, slip_id, started_at, average_bet_cents, recorded_by)
         select $11, casino_id, id, started_at, average_bet_cents, started_by from slip",
        new.id.0,
        casino_id.0,
        new.visit_id.0,
        new.player_id.0,
        new.table_id.0,
        new.seat_number,
        new.average_bet_cents,
        Json(new.game) as _,
        Json(new.policy) as _,
        new.started_by.0,
        Uuid::new_v4(),
        new.previous.map(|(id, _)| id.0),
        new.previous.map_or(0, |(_, seconds)| seconds),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Which slips to read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Filter {
    /// One slip, whatever its status.
    Id(SlipId),
    /// The open and paused slips at one table, or at every table.
    ActiveAt(Option<TableId>),
    /// The open and paused slips of one visit.
    ActiveOf(VisitId),
}

/// `query_as!` for [`SlipRow`]s: every column of the slip, then `$rest` (the `where` clause onwards).
///
/// With `clock:` first, the clock columns are `$clock`; without, the read leaves them null: computed in a read of
/// many slips, the gaming day would cost a call of `compute_gaming_day` for each.
macro_rules! slip_rows {
    ($rest:literal, $($arg:expr),+ $(,)?) => {
        slip_rows!(clock: r#"null::timestamptz as "now?", null::date as "today?""#, $rest, $($arg),+)
    };
    (clock: $clock:literal, $rest:literal, $($arg:expr),+ $(,)?) => {
        // language=PostgreSQL
        sqlx::query_as!(
            SlipRow,
            r#"select id as "id: SlipId", visit_id as "visit_id: VisitId", player_id as "player_id: PlayerId",
                      table_id as "table_id: TableId", seat_number, status as "status: SlipStatus", started_at, ended_at,
                      gaming_day, average_bet_cents, game_settings as "game_settings: Json<GameSnapshot>",
                      policy_snapshot as "policy_snapshot: Json<PolicySnapshot>", close_reason,
                      previous_slip_id as "previous_slip_id: SlipId", chain_prior_seconds,
                      final_duration_seconds as final_seconds, final_average_bet_cents, final_theo_cents,
                      tally_at, tally_rated_us, tally_bet_seconds, tally_bet_from_seconds, "# + $clock + r#"
               from rating_slip "# + $rest,
            $($arg),+
        )
    };
}

/// The slips `filter` selects, by table, seat and start.
///
/// Every plan of each query uses an index: one slip by its key, or the active ones through the partial indexes
/// on slips not yet ended (open or paused: `rating_slip_closed_check`). A single query with optional filters
/// over every status (`$2 is null or id = $2`) was planned once as a scan of the casino's whole history (70 ms
/// on a year of slips, docs/performance.md).
pub(super) async fn slips(conn: &mut PgConnection, casino_id: CasinoId, filter: Filter) -> sqlx::Result<Vec<SlipRow>> {
    let (table, visit) = match filter {
        Filter::Id(id) => {
            return slip_rows!("where casino_id = $1 and id = $2", casino_id.0, id.0).fetch_all(conn).await;
        }
        Filter::ActiveAt(table) => (table.map(|t| t.0), None),
        Filter::ActiveOf(visit) => (None, Some(visit.0)),
    };
    slip_rows!(
        "where casino_id = $1 and ended_at is null
           and ($2::uuid is null or table_id = $2) and ($3::uuid is null or visit_id = $3)
         order by table_id, seat_number, started_at",
        casino_id.0,
        table,
        visit,
    )
    .fetch_all(conn)
    .await
}

/// Every slip of the given visits, whatever its status, in order of start.
pub(super) async fn of_visits(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    visits: &[Uuid],
) -> sqlx::Result<Vec<SlipRow>> {
    slip_rows!("where casino_id = $1 and visit_id = any($2) order by started_at", casino_id.0, visits)
        .fetch_all(conn)
        .await
}

/// Every slip of a gaming day, whatever its status, by table and start.
pub(super) async fn of_day(conn: &mut PgConnection, casino_id: CasinoId, day: NaiveDate) -> sqlx::Result<Vec<SlipRow>> {
    slip_rows!("where casino_id = $1 and gaming_day = $2 order by table_id, started_at", casino_id.0, day)
        .fetch_all(conn)
        .await
}

/// The slip, locked until the transaction ends so commands on one slip serialise, with the database's clock and
/// the casino's gaming day: a command on a slip with a tally then needs no other read.
pub(super) async fn locked(conn: &mut PgConnection, casino_id: CasinoId, id: SlipId) -> sqlx::Result<Option<SlipRow>> {
    slip_rows!(
        clock: r#"app_now() as "now?", compute_gaming_day($1) as "today?""#,
        "where casino_id = $1 and id = $2 for update",
        casino_id.0,
        id.0
    )
    .fetch_optional(conn)
    .await
}

/// Sets the slip's status, with its tally at the change (none: it is priced from its history until its next).
pub(super) async fn set_status(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: SlipId,
    status: SlipStatus,
    tally: Option<Tally>,
) -> sqlx::Result<()> {
    let tally = TallyColumns::from(tally);
    // language=PostgreSQL
    sqlx::query!(
        "update rating_slip
         set status = $3, tally_at = $4, tally_rated_us = $5, tally_bet_seconds = $6, tally_bet_from_seconds = $7
         where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        status as SlipStatus,
        tally.at,
        tally.rated_us,
        tally.bet_seconds,
        tally.bet_from_seconds,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn start_pause(conn: &mut PgConnection, casino_id: CasinoId, slip: SlipId) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into rating_slip_pause (id, casino_id, slip_id) values ($1, $2, $3)",
        Uuid::new_v4(),
        casino_id.0,
        slip.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the slip's pause in progress, if there is one.
pub(super) async fn end_pause(conn: &mut PgConnection, casino_id: CasinoId, slip: SlipId) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update rating_slip_pause set ended_at = greatest(app_now(), started_at)
         where casino_id = $1 and slip_id = $2 and ended_at is null",
        casino_id.0,
        slip.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the bet played from now on: a new segment, and the slip's current bet and tally at the change.
pub(super) async fn change_bet(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: SlipId,
    cents: i64,
    recorded_by: StaffId,
    tally: Option<Tally>,
) -> sqlx::Result<()> {
    let tally = TallyColumns::from(tally);
    // language=PostgreSQL
    sqlx::query!(
        "with slip as (update rating_slip
                       set average_bet_cents = $3, tally_at = $6, tally_rated_us = $7, tally_bet_seconds = $8,
                           tally_bet_from_seconds = $9
                       where casino_id = $1 and id = $2 returning id)
         insert into rating_slip_bet_segment (id, casino_id, slip_id, average_bet_cents, recorded_by)
         select $4, $1, id, $3, $5 from slip",
        casino_id.0,
        id.0,
        cents,
        Uuid::new_v4(),
        recorded_by.0,
        tally.at,
        tally.rated_us,
        tally.bet_seconds,
        tally.bet_from_seconds,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Corrects the bet of the slip's last segment (the stretch since the last change) and its current bet.
pub(super) async fn correct_last_bet(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: SlipId,
    cents: i64,
    recorded_by: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "with slip as (update rating_slip set average_bet_cents = $3 where casino_id = $1 and id = $2 returning id)
         update rating_slip_bet_segment set average_bet_cents = $3, recorded_by = $4
         where id = (select s.id from rating_slip_bet_segment s join slip on s.slip_id = slip.id
                     where s.casino_id = $1 order by s.started_at desc, s.position desc limit 1)",
        casino_id.0,
        id.0,
        cents,
        recorded_by.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A closed slip's figures, kept so that reads need not derive them again.
pub(super) struct Final {
    pub seconds: i32,
    pub average_bet_cents: i64,
    pub theo_cents: i64,
}

/// Closes the slip now with its final figures (derived by the caller from the same clock), which replace its
/// tally.
pub(super) async fn close(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: SlipId,
    figures: &Final,
    closed_by: StaffId,
    reason: Option<&str>,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update rating_slip
         set status = 'closed', ended_at = greatest(app_now(), started_at), final_duration_seconds = $3,
             final_average_bet_cents = $4, final_theo_cents = $5, closed_by = $6, close_reason = $7,
             tally_at = null, tally_rated_us = null, tally_bet_seconds = null, tally_bet_from_seconds = null
         where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        figures.seconds,
        figures.average_bet_cents,
        figures.theo_cents,
        closed_by.0,
        reason,
    )
    .execute(conn)
    .await?;
    Ok(())
}
