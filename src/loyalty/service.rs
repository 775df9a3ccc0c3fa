//! The loyalty service's use cases. Each takes the caller's transaction and never commits it.

use std::collections::HashMap;

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{LedgerEntry, LedgerId, LoyaltyReason, PlayerLedger, RewardRequest, SlipRewards};
use super::repo::{self, Accrual, Filter};
use super::{Error, authority_service, request_repo, request_service, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::StaffRole;
use crate::error::Refusal;
use crate::live::Entity;
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip::{self, Slip, SlipId, SlipStatus};

/// Issues points on an open or paused slip, through `rpc_issue_mid_session_reward`.
///
/// Pit bosses and admins (`FORBIDDEN`); the slip must be in the actor's casino (`NOT_FOUND`), the player's
/// (`LOYALTY_WRONG_PLAYER`) and not closed (`LOYALTY_SLIP_CLOSED`); points above zero
/// (`LOYALTY_INVALID_POINTS`) and within the casino's cap (`LOYALTY_OVER_CAP`); reason mid-session or
/// promotion (`LOYALTY_INVALID_REASON`). Its discretionary part (all of a promotion; of a mid-session reward,
/// what goes beyond the points the slip has earned and not yet been given) must be within the issuer's
/// authority (`LOYALTY_OVER_AUTHORITY`). A request with a key already used returns the first entry and
/// writes nothing, even if the slip has closed since. Writes `loyalty_ledger.reward_issued`.
pub async fn issue_mid_session_reward(
    conn: &mut PgConnection,
    actor: &Actor,
    request: &RewardRequest,
) -> Result<LedgerEntry, Error> {
    // The function refuses other roles too; refusing them here first keeps their answer FORBIDDEN rather than
    // a word about an authority they never had.
    if !actor.has_role(&[StaffRole::PitBoss, StaffRole::Admin]) {
        return Err(Error::Forbidden);
    }
    // The slip is locked before the database function reads it, so the rated time and theo the entry records
    // are the slip's at this instant, computed by the one rule (rating_slip::rules). A slip the actor cannot
    // lock records nothing: the function refuses it (casino) before writing.
    let reading = rating_slip::locked_slip(conn, actor, request.rating_slip_id).await.map_err(|e| match e {
        rating_slip::Error::Db(e) => Error::Db(e),
        _ => Error::NotFound,
    })?;
    authority_service::lock_authority(conn, actor).await?;
    let replayed = request_repo::key_used(conn, actor.casino_id, request.idempotency_key).await?;
    // A reward the function refuses on its face (points, reason, cap) is left to it, so the answer names
    // what is wrong with the reward rather than the issuer's authority.
    let checked = !replayed
        && request.points > 0
        && LoyaltyReason::ISSUABLE.contains(&request.reason)
        && request.points <= repo::reward_cap(conn, actor.casino_id).await?;
    let (seconds, theo, discretionary) = match reading {
        Some(slip) if checked => {
            let discretionary = discretionary_points(conn, actor, &slip, request).await?;
            let authority = authority_service::authority(conn, actor).await?;
            if !authority.covers(discretionary) {
                return Err(authority_service::beyond(&authority, discretionary));
            }
            (slip.accrued_seconds, slip.theo, discretionary)
        }
        Some(slip) => (slip.accrued_seconds, slip.theo, 0),
        None => (0, Cents(0), 0),
    };
    let id = repo::issue(conn, request, seconds, theo, discretionary).await.map_err(refusal)?;
    entry(conn, actor, id).await
}

/// The part of a reward given at the issuer's discretion: all of a promotion; of a mid-session reward, what
/// goes beyond the points the slip's theo has earned and not yet been given.
async fn discretionary_points(
    conn: &mut PgConnection,
    actor: &Actor,
    slip: &Slip,
    request: &RewardRequest,
) -> Result<i64, Error> {
    let points = i64::from(request.points.max(0));
    if request.reason != LoyaltyReason::MidSession {
        return Ok(points);
    }
    let advanced = repo::issued_on(conn, actor.casino_id, &[slip.id.0]).await?.first().map_or(0, |r| r.1);
    let owed = rules::unrewarded_points(rules::earned_points(slip.theo, &slip.policy), advanced);
    Ok((points - owed).max(0))
}

/// Accrues a just-closed slip's theo-based points, in the close transaction, from its frozen policy.
///
/// The slip earns its theo's points less the mid-session rewards already advanced on it (never below
/// zero); the row is written even for 0 points, so every closed slip shows its accrual. A second accrual
/// of one slip is refused by the database. Writes `loyalty_ledger.accrued`.
pub async fn accrue_session_end(conn: &mut PgConnection, actor: &Actor, slip: &Slip) -> sqlx::Result<LedgerId> {
    let earned = rules::earned_points(slip.theo, &slip.policy);
    let advanced = repo::issued_on(conn, actor.casino_id, &[slip.id.0]).await?.first().map_or(0, |r| r.1);
    let points = i32::try_from(rules::unrewarded_points(earned, advanced)).unwrap_or(i32::MAX);
    let balance_after = repo::add_to_balance(conn, actor.casino_id, slip.player_id, i64::from(points)).await?;
    let accrual = Accrual {
        player_id: slip.player_id,
        rating_slip_id: slip.id,
        visit_id: slip.visit_id,
        staff_id: actor.staff_id,
        points,
        average_bet: slip.average_bet,
        seconds_played: i32::try_from(slip.accrued_seconds).unwrap_or(i32::MAX),
        theo: slip.theo,
        balance_after,
    };
    let id = repo::insert_accrual(conn, actor.casino_id, &accrual).await?;
    let entry = AuditEntry::new("loyalty_ledger.accrued", Entity::LoyaltyLedger, id.0).after(json!({
        "rating_slip_id": slip.id, "player_id": slip.player_id, "points": points, "earned_points": earned,
        "advanced_points": advanced, "theo_cents": slip.theo.0, "policy_version": slip.policy.policy_version,
        "balance_after": balance_after,
    }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(id)
}

/// The slip's ledger rows, the player's balance and the reward the pit would prefill now.
///
/// The prefill is the theo points the slip has earned and not yet been given (0 once closed). `NOT_FOUND`
/// outside the actor's casino.
pub async fn slip_rewards(conn: &mut PgConnection, actor: &Actor, slip_id: SlipId) -> Result<SlipRewards, Error> {
    let slip = rating_slip::slip(conn, actor, slip_id).await.map_err(|error| match error {
        rating_slip::Error::Db(error) => Error::Db(error),
        _ => Error::NotFound,
    })?;
    let entries = repo::entries(conn, actor.casino_id, Filter::Slip(slip_id)).await?;
    let balance = repo::balance(conn, actor.casino_id, slip.player_id).await?;
    let advanced = repo::issued_on(conn, actor.casino_id, &[slip_id.0]).await?.first().map_or(0, |r| r.1);
    let earned_points = rules::earned_points(slip.theo, &slip.policy);
    let suggested_points = match slip.status {
        SlipStatus::Closed => 0,
        _ => rules::unrewarded_points(earned_points, advanced),
    };
    let authority = authority_service::authority(conn, actor).await?;
    Ok(SlipRewards { entries, balance, suggested_points, earned_points, authority })
}

/// A player's ledger here, newest first (the latest 200 rows), and balance. `NOT_FOUND` for a player not
/// enrolled at the actor's casino.
pub async fn player_ledger(conn: &mut PgConnection, actor: &Actor, player_id: PlayerId) -> Result<PlayerLedger, Error> {
    request_service::enrolled(conn, actor, player_id).await?;
    let entries = repo::entries(conn, actor.casino_id, Filter::Player(player_id)).await?;
    let balance = repo::balance(conn, actor.casino_id, player_id).await?;
    let pending = request_service::pending_of(conn, actor, player_id).await?;
    Ok(PlayerLedger { balance, entries, pending })
}

/// Points issued by hand (mid-session rewards and promotions) on each of `slips`; slips without any are
/// left out.
pub async fn issued_points(
    conn: &mut PgConnection,
    actor: &Actor,
    slips: &[SlipId],
) -> sqlx::Result<HashMap<SlipId, i64>> {
    let ids: Vec<Uuid> = slips.iter().map(|s| s.0).collect();
    Ok(repo::issued_on(conn, actor.casino_id, &ids)
        .await?
        .into_iter()
        .map(|(slip, _, issued)| (slip, issued))
        .collect())
}

/// The points issued by hand on gaming day `day`, each with its instant: the shift view's rewards per hour.
pub async fn issued_on_day(
    conn: &mut PgConnection,
    actor: &Actor,
    day: chrono::NaiveDate,
) -> sqlx::Result<Vec<(chrono::DateTime<chrono::Utc>, i64)>> {
    repo::issued_on_day(conn, actor.casino_id, day).await
}

/// Points credited on each of `slips` so far, whatever the reason: what a player's history shows per slip.
pub async fn credited_points(
    conn: &mut PgConnection,
    actor: &Actor,
    slips: &[SlipId],
) -> sqlx::Result<HashMap<SlipId, i64>> {
    let ids: Vec<Uuid> = slips.iter().map(|s| s.0).collect();
    Ok(repo::credited_on(conn, actor.casino_id, &ids).await?.into_iter().collect())
}

/// One ledger row (`NOT_FOUND` outside the actor's casino).
pub async fn entry(conn: &mut PgConnection, actor: &Actor, id: LedgerId) -> Result<LedgerEntry, Error> {
    repo::entries(conn, actor.casino_id, Filter::Id(id)).await?.pop().ok_or(Error::NotFound)
}

/// Maps the reward function's refusals to the loyalty errors they stand for.
fn refusal(error: sqlx::Error) -> Error {
    match crate::error::refusal(&error) {
        Some(Refusal::NoContext | Refusal::RoleForbidden) => Error::Forbidden,
        Some(Refusal::NotFound) => Error::NotFound,
        Some(Refusal::SlipClosed) => Error::SlipClosed,
        Some(Refusal::WrongPlayer) => Error::WrongPlayer,
        Some(Refusal::KeyReused) => Error::KeyReused,
        Some(Refusal::InvalidPoints) => Error::InvalidPoints,
        Some(Refusal::OverCap) => Error::OverCap,
        Some(Refusal::InvalidReason) => Error::InvalidReason,
        Some(Refusal::PlayerExcluded) => Error::PlayerExcluded,
        _ => Error::Db(error),
    }
}
