//! The gaming-day rollover: visits and slips still open when a casino's gaming day ends are closed at that
//! instant and continued on the new day, so every rated second belongs to exactly one gaming day.
//!
//! Run by the server's background task (and the shift simulator) as the casino's system staff member; one
//! transaction per casino and gaming day ended, at the instant it ended (`db::scoped_at`), so a server that
//! was down across several boundaries catches up one day at a time. An advisory lock per casino makes a
//! second server wait and then find nothing left to do. Until it has run, operators' changes to a visit or
//! slip of the ended day are refused with `GAMING_DAY_ROLLOVER_PENDING` (`docs/architecture.md#gaming-day-rollover`).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Connection, PgConnection, PgPool};
use uuid::Uuid;

use super::Error;
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::{self, CasinoId, StaffRole};
use crate::db::{self, Scope};
use crate::error::{DomainError, ErrorCode};
use crate::live::Entity;
use crate::player::PlayerId;
use crate::rating_slip::{self, Slip, SlipId, SlipStatus};
use crate::visit::{self, Seat, Visit, VisitId};

/// More gaming days than any outage lasts: a bound on one catch-up, so a fault cannot loop for ever.
const MAX_DAYS_PER_RUN: usize = 400;

/// One casino's gaming day rolled over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollover {
    /// The casino.
    pub casino_id: CasinoId,
    /// The gaming day that ended.
    pub gaming_day: NaiveDate,
    /// The instant it ended: where every visit and slip was split.
    pub at: DateTime<Utc>,
    /// The visits that were open, each with what became of it.
    pub visits: Vec<RolledVisit>,
    /// Whether this run created the casino's system staff member (its first rollover). Set on this run's first
    /// rollover only: when two servers race, the one that creates it may find the day already rolled over by
    /// the other, and then no answer says so (the `staff.created` audit row does).
    pub created_system_staff: bool,
}

/// A visit open when its gaming day ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolledVisit {
    /// The player.
    pub player_id: PlayerId,
    /// The visit ended at the boundary.
    pub from: VisitId,
    /// The visit that continues it on the new day; `None` when the player could not be checked in again.
    pub to: Option<VisitId>,
    /// Where they sat, and still sit if continued.
    pub seat: Option<Seat>,
    /// Their slips, closed at the boundary and continued.
    pub slips: Vec<RolledSlip>,
    /// Why the visit, or its slips, were not continued (`PLAYER_EXCLUDED`, `RATING_SLIP_BET_OUTSIDE_LIMITS`…).
    pub refused: Option<ErrorCode>,
}

/// A slip running when its gaming day ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolledSlip {
    /// The slip, closed at the boundary.
    pub from: SlipId,
    /// Its rated seconds, all on the day that ended.
    pub seconds: i64,
    /// The slip continuing it on the new day, paused if it was; `None` if it could not be continued.
    pub to: Option<SlipId>,
    /// Whether it was paused at the boundary.
    pub paused: bool,
}

/// When the rollover runs next: what [`roll_over_all`] answers beside its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextRollover {
    /// The earliest start of a next gaming day among the casinos (`None` without casinos).
    pub at: Option<DateTime<Utc>>,
}

/// Rolls over every casino whose gaming day ended before `now` with visits still open.
///
/// Answers what it did and when the next gaming day starts. One casino's failure does not hold up the others:
/// the first error is returned after all were tried.
pub async fn roll_over_all(pool: &PgPool, now: DateTime<Utc>) -> Result<(Vec<Rollover>, NextRollover), Error> {
    let schedule = schedule(pool, now, None).await?;
    let next = NextRollover { at: schedule.iter().map(|s| s.next_day_starts_at).min() };
    let (mut done, mut failed) = (Vec::new(), None);
    for casino in schedule.iter().filter(|s| s.due.is_some()) {
        match roll_over(pool, casino.casino_id, now).await {
            Ok(rolled) => done.extend(rolled),
            Err(error) => {
                tracing::error!(casino_id = %casino.casino_id.0, %error, "gaming-day rollover failed");
                failed.get_or_insert(error);
            }
        }
    }
    failed.map_or(Ok((done, next)), Err)
}

/// Rolls one casino over every gaming-day start up to `now`, one transaction per day ended, each at the
/// instant that day ended.
pub async fn roll_over(pool: &PgPool, casino_id: CasinoId, now: DateTime<Utc>) -> Result<Vec<Rollover>, Error> {
    let mut done: Vec<Rollover> = Vec::new();
    let mut system: Option<(Actor, bool)> = None;
    for _ in 0..MAX_DAYS_PER_RUN {
        let Some((gaming_day, at)) = schedule(pool, now, Some(casino_id)).await?.pop().and_then(|s| s.due) else {
            break;
        };
        let (actor, created) = match system {
            Some(known) => known,
            None => {
                let (staff_id, created) =
                    db::as_casino_admin(pool, casino_id, async |conn| casino::system_staff(conn, casino_id).await)
                        .await?;
                *system.insert((Actor { staff_id, casino_id, role: StaffRole::PitBoss }, created))
            }
        };
        let scope = Scope { actor, request_id: Uuid::new_v4() };
        let visits = db::scoped_at(pool, &scope, at, async |conn| roll_day(conn, &actor, gaming_day).await).await?;
        if !visits.is_empty() {
            let first = done.is_empty();
            done.push(Rollover { casino_id, gaming_day, at, visits, created_system_staff: created && first });
        }
    }
    Ok(done)
}

/// Ends the visits of `gaming_day` still open, at the transaction's clock (the instant the day ended), and
/// continues each on the new day.
async fn roll_day(conn: &mut PgConnection, actor: &Actor, gaming_day: NaiveDate) -> Result<Vec<RolledVisit>, Error> {
    // language=PostgreSQL
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('gaming_day_rollover:' || $1::uuid::text, 0))",
        actor.casino_id.0
    )
    .execute(&mut *conn)
    .await?;
    let mut rolled = Vec::new();
    for visit in visit::open_visits_of_day(conn, actor, gaming_day).await? {
        rolled.push(roll_visit(conn, actor, &visit).await?);
    }
    Ok(rolled)
}

/// Closes the visit's slips and ends it at the boundary, then checks the player in on the new day at the same
/// seat and continues their slips there (paused ones stay paused). When the new day refuses them (barred since,
/// say), the visit ends there and the refusal is recorded; a slip the table no longer takes is not continued.
async fn roll_visit(conn: &mut PgConnection, actor: &Actor, open: &Visit) -> Result<RolledVisit, Error> {
    let reason = format!("Gaming day {} ended", open.gaming_day);
    let mut closed = Vec::new();
    for slip in rating_slip::active_slips_of(conn, actor, open.id).await? {
        let paused = slip.status == SlipStatus::Paused;
        closed.push((rating_slip::close_at_day_end(conn, actor, slip.id, &reason).await?, paused));
    }
    visit::end_at_day_end(conn, actor, open.id).await?;
    let (to, slips, refused) = match attempt(conn, async |c| carry_over(c, actor, open, &closed).await).await? {
        Ok((to, slips)) => (Some(to), slips, None),
        Err(refused) => match attempt(conn, async |c| check_in_again(c, actor, open).await).await? {
            Ok(to) => (Some(to), not_continued(&closed), Some(refused)),
            Err(again) => (None, not_continued(&closed), Some(again)),
        },
    };
    let entry = AuditEntry::new("visit.rolled_over", Entity::Visit, open.id.0)
        .before(json!({ "gaming_day": open.gaming_day, "seat": open.seat }))
        .after(json!({
            "continued_as": to,
            "slips": slips.iter().map(|s| json!({ "closed": s.from, "continued_as": s.to, "seconds": s.seconds }))
                .collect::<Vec<_>>(),
            "refused": refused,
        }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(RolledVisit { player_id: open.player_id, from: open.id, to, seat: open.seat, slips, refused })
}

/// The player checked in on the new day, seated where they sat, their slips continued.
async fn carry_over(
    conn: &mut PgConnection,
    actor: &Actor,
    open: &Visit,
    closed: &[(Slip, bool)],
) -> Result<(VisitId, Vec<RolledSlip>), Error> {
    let to = check_in_again(conn, actor, open).await?;
    let mut slips = Vec::new();
    for (slip, paused) in closed {
        let next = rating_slip::continue_from(conn, actor, slip, to, slip.table_id, slip.current_bet).await?;
        if *paused {
            rating_slip::pause(conn, actor, next.id).await?;
        }
        slips.push(RolledSlip { from: slip.id, seconds: slip.accrued_seconds, to: Some(next.id), paused: *paused });
    }
    Ok((to, slips))
}

async fn check_in_again(conn: &mut PgConnection, actor: &Actor, open: &Visit) -> Result<VisitId, Error> {
    let to = visit::check_in(conn, actor, open.player_id).await?;
    if let Some(seat) = open.seat {
        visit::seat(conn, actor, to.id, seat).await?;
    }
    Ok(to.id)
}

fn not_continued(closed: &[(Slip, bool)]) -> Vec<RolledSlip> {
    closed
        .iter()
        .map(|(slip, paused)| RolledSlip { from: slip.id, seconds: slip.accrued_seconds, to: None, paused: *paused })
        .collect()
}

/// Runs `work` in a savepoint: kept when it succeeds, undone when a rule refuses it (the refusal's code is the
/// inner `Err`); a failure of the database fails the whole rollover.
async fn attempt<T>(
    conn: &mut PgConnection,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, Error>,
) -> Result<Result<T, ErrorCode>, Error> {
    let mut savepoint = conn.begin().await?;
    match work(&mut *savepoint).await {
        Ok(value) => {
            savepoint.commit().await?;
            Ok(Ok(value))
        }
        Err(failure) if matches!(failure.code(), ErrorCode::Internal | ErrorCode::Unavailable) => Err(failure),
        Err(refused) => {
            savepoint.rollback().await?;
            Ok(Err(refused.code()))
        }
    }
}

/// One casino's row of `rollover_schedule`.
struct Due {
    casino_id: CasinoId,
    /// The oldest gaming day with a visit still open, before the current one, and the instant it ended.
    due: Option<(NaiveDate, DateTime<Utc>)>,
    next_day_starts_at: DateTime<Utc>,
}

/// Every casino's (or one casino's) rollover schedule at `now`; readable without a request context.
async fn schedule(pool: &PgPool, now: DateTime<Utc>, casino: Option<CasinoId>) -> Result<Vec<Due>, Error> {
    let rows = db::as_operator(pool, async |conn| {
        // language=PostgreSQL
        sqlx::query!(
            r#"select casino_id as "casino_id!: CasinoId", oldest_open_day, oldest_open_day_ended_at,
                      next_day_starts_at as "next_day_starts_at!"
               from rollover_schedule($1) where $2::uuid is null or casino_id = $2"#,
            now,
            casino.map(|c| c.0),
        )
        .fetch_all(conn)
        .await
    })
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Due {
            casino_id: row.casino_id,
            due: row.oldest_open_day.zip(row.oldest_open_day_ended_at),
            next_day_starts_at: row.next_day_starts_at,
        })
        .collect())
}
