//! The rating slip service's use cases. Each takes the caller's transaction and never commits it.

use std::collections::HashMap;

use chrono::NaiveDate;

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{BetSegment, Pause, Slip, SlipCommand, SlipId, SlipStatus};
use super::repo::{self, Filter, SlipRow};
use super::tally::Tally;
use super::{Error, history_repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;
use crate::money::Cents;
use crate::table_context::TableId;
use crate::visit::VisitId;

/// Pauses an open slip: the clock stops (`RATING_SLIP_INVALID_STATE` unless open). Writes `rating_slip.paused`.
pub async fn pause(conn: &mut PgConnection, actor: &Actor, id: SlipId) -> Result<Slip, Error> {
    let before = command(conn, actor, id, SlipCommand::Pause, Day::Current).await?.slip;
    repo::start_pause(conn, actor.casino_id, id).await?;
    audit::record(conn, actor.casino_id, AuditEntry::new("rating_slip.paused", Entity::RatingSlip, id.0)).await?;
    // The pause starts at `as_of`, so the rated time is unchanged.
    Ok(Slip { status: SlipStatus::Paused, ..before })
}

/// Resumes a paused slip (`RATING_SLIP_INVALID_STATE` unless paused). Writes `rating_slip.resumed`.
pub async fn resume(conn: &mut PgConnection, actor: &Actor, id: SlipId) -> Result<Slip, Error> {
    let before = command(conn, actor, id, SlipCommand::Resume, Day::Current).await?.slip;
    repo::end_pause(conn, actor.casino_id, id).await?;
    audit::record(conn, actor.casino_id, AuditEntry::new("rating_slip.resumed", Entity::RatingSlip, id.0)).await?;
    // The pause ends at `as_of`, so the rated time is unchanged.
    Ok(Slip { status: SlipStatus::Open, ..before })
}

/// Records the average bet played from now on, on an open or paused slip, within the limits the slip froze
/// at its start (`RATING_SLIP_BET_OUTSIDE_LIMITS`).
///
/// The bet prices only what is rated after this instant: the time before keeps the bet it was played at.
/// Writes `rating_slip.average_bet_updated`.
pub async fn update_average_bet(conn: &mut PgConnection, actor: &Actor, id: SlipId, bet: Cents) -> Result<Slip, Error> {
    rules::check_average_bet(bet)?;
    let Priced { slip: before, tally } = command(conn, actor, id, SlipCommand::UpdateAverageBet, Day::Current).await?;
    check_slip_limits(&before, bet)?;
    let tally = tally.and_then(|t| t.with_new_bet(before.current_bet));
    repo::change_bet(conn, actor.casino_id, id, bet.0, actor.staff_id, tally).await?;
    let entry = AuditEntry::new("rating_slip.average_bet_updated", Entity::RatingSlip, id.0)
        .before(json!({ "average_bet_cents": before.current_bet.0 }))
        .after(json!({ "average_bet_cents": bet.0 }));
    audit::record(conn, actor.casino_id, entry).await?;
    // The new segment starts at `as_of`, so what was rated so far keeps its price; only a slip with nothing
    // rated yet takes the new bet as its average.
    let average_bet = if before.accrued_seconds == 0 { bet } else { before.average_bet };
    Ok(Slip { current_bet: bet, average_bet, ..before })
}

/// Closes an open or paused slip now, fixing its final figures.
///
/// Ends a pause in progress and fixes the final duration (pauses excluded). A final average bet, if given,
/// corrects the bet of the stretch since the last change (within the slip's limits); the stretches before
/// keep theirs. `reason` explains a close forced by closing the table. Writes `rating_slip.closed` with the
/// final figures, and accrues the slip's loyalty points in the same transaction.
pub async fn close(
    conn: &mut PgConnection,
    actor: &Actor,
    id: SlipId,
    final_average_bet: Option<Cents>,
    reason: Option<&str>,
) -> Result<Slip, Error> {
    finish(conn, actor, id, final_average_bet, reason, Day::Current).await
}

/// Closes a slip whose gaming day has ended, at the transaction's clock (the rollover sets it to the instant
/// the day ended), as [`close`] does otherwise.
pub async fn close_at_day_end(conn: &mut PgConnection, actor: &Actor, id: SlipId, reason: &str) -> Result<Slip, Error> {
    finish(conn, actor, id, None, Some(reason), Day::Ended).await
}

async fn finish(
    conn: &mut PgConnection,
    actor: &Actor,
    id: SlipId,
    final_average_bet: Option<Cents>,
    reason: Option<&str>,
    day: Day,
) -> Result<Slip, Error> {
    if let Some(bet) = final_average_bet {
        rules::check_average_bet(bet)?;
    }
    let before = command(conn, actor, id, SlipCommand::Close, day).await?.slip;
    let corrected = final_average_bet.filter(|bet| *bet != before.current_bet);
    if let Some(bet) = corrected {
        check_slip_limits(&before, bet)?;
        repo::correct_last_bet(conn, actor.casino_id, id, bet.0, actor.staff_id).await?;
    }
    repo::end_pause(conn, actor.casino_id, id).await?;
    // The figures were derived from this transaction's clock, which `close` stamps as the end: the same instant,
    // so the rated time so far is the final one. A corrected bet re-prices the last stretch: derive them again
    // from what is now stored, on the same clock.
    let rated = match corrected {
        Some(_) => slip(conn, actor, id).await?,
        None => before,
    };
    let closed = Slip {
        status: SlipStatus::Closed,
        ended_at: Some(rated.as_of.max(rated.started_at)),
        stale: false,
        close_reason: reason.map(str::to_owned),
        ..rated
    };
    let kept = repo::Final {
        seconds: i32::try_from(closed.accrued_seconds).unwrap_or(i32::MAX),
        average_bet_cents: closed.average_bet.0,
        theo_cents: closed.theo.0,
    };
    repo::close(conn, actor.casino_id, id, &kept, actor.staff_id, reason).await?;
    let entry = AuditEntry::new("rating_slip.closed", Entity::RatingSlip, id.0).after(json!({
        "duration_seconds": closed.accrued_seconds, "average_bet_cents": closed.average_bet.0,
        "final_bet_cents": closed.current_bet.0, "theo_cents": closed.theo.0, "reason": reason,
    }));
    audit::record(conn, actor.casino_id, entry).await?;
    // Every close path (slip close, check-out, forced table close) comes here, so none can skip accrual.
    crate::loyalty::accrue_session_end(conn, actor, &closed).await?;
    Ok(closed)
}

/// A bet for a running slip must be within the limits it froze at its start.
fn check_slip_limits(slip: &Slip, bet: Cents) -> Result<(), Error> {
    rules::check_within_limits(bet, Cents(slip.game.min_bet_cents), Cents(slip.game.max_bet_cents))
}

/// One slip with its figures as of now (`NOT_FOUND` outside the actor's casino).
pub async fn slip(conn: &mut PgConnection, actor: &Actor, id: SlipId) -> Result<Slip, Error> {
    let rows = repo::slips(conn, actor.casino_id, Filter::Id(id)).await?;
    with_figures(conn, actor, rows).await?.pop().ok_or(Error::NotFound)
}

/// The slip locked until the transaction ends, with its figures as of now.
///
/// `None` when the actor cannot lock it: another casino, or a role that may not change slips. What a reward
/// reads, so the rated time and theo it records cannot move under it.
pub async fn locked_slip(conn: &mut PgConnection, actor: &Actor, id: SlipId) -> Result<Option<Slip>, Error> {
    let Some(row) = repo::locked(conn, actor.casino_id, id).await? else { return Ok(None) };
    Ok(with_figures(conn, actor, vec![row]).await?.pop())
}

/// The open and paused slips at a table (or at every table), by table and seat: what seat maps show.
pub async fn active_slips_at(
    conn: &mut PgConnection,
    actor: &Actor,
    table_id: Option<TableId>,
) -> Result<Vec<Slip>, Error> {
    let rows = repo::slips(conn, actor.casino_id, Filter::ActiveAt(table_id)).await?;
    with_figures(conn, actor, rows).await
}

/// The open and paused slips of a visit.
pub async fn active_slips_of(conn: &mut PgConnection, actor: &Actor, visit_id: VisitId) -> Result<Vec<Slip>, Error> {
    let rows = repo::slips(conn, actor.casino_id, Filter::ActiveOf(visit_id)).await?;
    with_figures(conn, actor, rows).await
}

/// Every slip of the given visits, closed ones included, with their figures: what a player's history shows.
pub async fn slips_of_visits(conn: &mut PgConnection, actor: &Actor, visits: &[VisitId]) -> Result<Vec<Slip>, Error> {
    let ids: Vec<Uuid> = visits.iter().map(|v| v.0).collect();
    let rows = repo::of_visits(conn, actor.casino_id, &ids).await?;
    with_figures(conn, actor, rows).await
}

/// Every slip of a gaming day, whatever its status, with its figures (theo as of now for a running one):
/// what the day's theo beside the tables' win is summed from.
pub async fn slips_of_day(conn: &mut PgConnection, actor: &Actor, day: NaiveDate) -> Result<Vec<Slip>, Error> {
    let rows = repo::of_day(conn, actor.casino_id, day).await?;
    with_figures(conn, actor, rows).await
}

/// Which gaming day a command may act in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Day {
    /// The slip's: an operator's command on a running slip whose day has ended waits for the rollover
    /// (`GAMING_DAY_ROLLOVER_PENDING`), so none of its seconds is rated on the wrong day.
    Current,
    /// A day that has ended: only the rollover closes such slips.
    Ended,
}

/// Checks role and state machine for `command` on the slip, locked; applies the status change it implies, with
/// the slip's tally at this instant. Returns the slip as it was before, with figures as of this transaction's
/// clock: commands derive their answer from it rather than read the slip again.
async fn command(
    conn: &mut PgConnection,
    actor: &Actor,
    id: SlipId,
    command: SlipCommand,
    day: Day,
) -> Result<Priced, Error> {
    if !rules::may_rate(actor.role) {
        return Err(Error::Forbidden);
    }
    let row = repo::locked(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)?;
    let (mut priced, today) = priced_and_day(conn, actor, vec![row]).await?;
    let before = priced.pop().ok_or(Error::NotFound)?;
    let status = before.slip.status;
    if day == Day::Current && status != SlipStatus::Closed && before.slip.gaming_day < today {
        return Err(Error::RolloverPending);
    }
    let next = rules::next_status(status, command)?;
    if next != status && next != SlipStatus::Closed {
        repo::set_status(conn, actor.casino_id, id, next, before.tally).await?;
    }
    Ok(before)
}

/// A slip priced at the transaction's clock, and while it runs its tally then: none when neither its tally nor
/// its history gives one (`Tally::from_history`).
struct Priced {
    slip: Slip,
    tally: Option<Tally>,
}

/// Prices each slip (rated time, average bet, theo, staleness) on the database's clock: a closed one from the
/// figures closing kept, a running one from its tally, and the others from their pauses and bet segments.
async fn with_figures(conn: &mut PgConnection, actor: &Actor, rows: Vec<SlipRow>) -> Result<Vec<Slip>, Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    Ok(priced_and_day(conn, actor, rows).await?.0.into_iter().map(|p| p.slip).collect())
}

/// As [`with_figures`], with the tallies and the casino's gaming day at the transaction's clock.
async fn priced_and_day(
    conn: &mut PgConnection,
    actor: &Actor,
    rows: Vec<SlipRow>,
) -> Result<(Vec<Priced>, NaiveDate), Error> {
    let running_tally = |row: &SlipRow| if row.status == SlipStatus::Closed { None } else { row.tally() };
    let unpriced = |row: &SlipRow| kept(row).is_none() && running_tally(row).is_none();
    let ids: Vec<Uuid> = rows.iter().filter(|r| unpriced(r)).map(|r| r.id.0).collect();
    // A locked read brings the clock with the row: priced from its tally or kept figures, it needs no other read.
    let mut clock = match rows.first().and_then(|r| Some((r.now?, r.today?))) {
        Some((now, today)) if ids.is_empty() => {
            history_repo::Clock { now, today, pauses: Vec::new(), segments: Vec::new() }
        }
        _ => history_repo::clock_and_history(conn, actor.casino_id, &ids).await?,
    };
    // A tally kept after this transaction's clock began cannot price the slip at it (`Tally::at`); its history can.
    let behind: Vec<Uuid> =
        rows.iter().filter(|r| running_tally(r).is_some_and(|t| t.at > clock.now)).map(|r| r.id.0).collect();
    if !behind.is_empty() {
        let more = history_repo::clock_and_history(conn, actor.casino_id, &behind).await?;
        clock.pauses.extend(more.pauses);
        clock.segments.extend(more.segments);
    }
    let history_repo::Clock { now, today, pauses: all_pauses, segments: all_segments } = clock;
    let mut pauses: HashMap<SlipId, Vec<Pause>> = HashMap::new();
    for (slip, pause) in all_pauses {
        pauses.entry(slip).or_default().push(pause);
    }
    let mut segments: HashMap<SlipId, Vec<BetSegment>> = HashMap::new();
    for (slip, segment) in all_segments {
        segments.entry(slip).or_default().push(segment);
    }
    let priced = rows
        .into_iter()
        .map(|row| {
            let policy = row.policy_snapshot.0;
            let (paused, bet) = (row.status == SlipStatus::Paused, Cents(row.average_bet_cents));
            let (rated, tally) = match (kept(&row), running_tally(&row).and_then(|t| t.at(now, paused))) {
                (Some(rated), _) => (rated, None),
                (None, Some(tally)) => (tally.rate(bet, policy.house_edge_bps, policy.decisions_per_hour), Some(tally)),
                (None, None) => {
                    let end = row.ended_at.unwrap_or(now);
                    let pauses = pauses.get(&row.id).map_or(&[][..], Vec::as_slice);
                    // A slip loaded in bulk without segments was played at its one recorded bet throughout.
                    let only_bet = [BetSegment { from: row.started_at, bet }];
                    let history = segments.get(&row.id).map_or(&[][..], Vec::as_slice);
                    let priced_by = if history.is_empty() { &only_bet[..] } else { history };
                    let rated = rules::rate(
                        row.started_at,
                        end,
                        pauses,
                        priced_by,
                        policy.house_edge_bps,
                        policy.decisions_per_hour,
                    );
                    let running = row.status != SlipStatus::Closed;
                    let tally = running.then(|| Tally::from_history(row.started_at, now, pauses, history, paused, bet));
                    (rated, tally.flatten())
                }
            };
            let slip = Slip {
                id: row.id,
                visit_id: row.visit_id,
                player_id: row.player_id,
                table_id: row.table_id,
                seat: row.seat_number,
                status: row.status,
                started_at: row.started_at,
                ended_at: row.ended_at,
                gaming_day: row.gaming_day,
                average_bet: rated.average_bet,
                current_bet: rated.current_bet,
                game: row.game_settings.0,
                policy,
                accrued_seconds: rated.seconds,
                as_of: now,
                theo: rated.theo,
                stale: row.status != SlipStatus::Closed && rules::is_stale(row.gaming_day, today, row.started_at, now),
                close_reason: row.close_reason,
                previous_slip_id: row.previous_slip_id,
                chain_prior_seconds: i64::from(row.chain_prior_seconds),
            };
            Priced { slip, tally }
        })
        .collect();
    Ok((priced, today))
}

/// The figures closing kept, on a slip closed since they are kept; `None` for one that must derive them.
fn kept(row: &SlipRow) -> Option<rules::Rated> {
    let (Some(seconds), Some(average), Some(theo)) =
        (row.final_seconds, row.final_average_bet_cents, row.final_theo_cents)
    else {
        return None;
    };
    // The slip's bet column follows its last segment (a change or a correction writes both).
    Some(rules::Rated {
        seconds: i64::from(seconds),
        average_bet: Cents(average),
        current_bet: Cents(row.average_bet_cents),
        theo: Cents(theo),
    })
}
