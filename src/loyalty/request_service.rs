//! Comps, manual adjustments and corrections: written at once within the writer's authority, else left
//! pending for a second staff member to approve or deny; the balance moves only when one is approved.

use serde_json::json;
use sqlx::PgConnection;

use super::authority::Authority;
use super::authority_service::{authority, authority_under, beyond, lock_authority};
use super::model::LoyaltyReason;
use super::request::{
    self, Adjustment, ApprovalQueue, Decision, LoyaltyRequest, LoyaltyRequestId, QueuedRequest, Redemption,
    RequestStatus,
};
use super::request_repo::{self as repo, Carried, Filter, NewRequest};
use super::{Error, catalog_repo};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::StaffRole;
use crate::error::Refusal;
use crate::live::Entity;
use crate::player;

const FLOOR: &[StaffRole] = &[StaffRole::PitBoss, StaffRole::Admin];
const REDEEMERS: &[StaffRole] = &[StaffRole::PitBoss, StaffRole::Cashier, StaffRole::Admin];

/// Writes a comp against the player's points: a catalog item, or free-form points with a note.
///
/// Pit bosses, cashiers and admins (`FORBIDDEN`); the player enrolled here (`NOT_FOUND`), not excluded
/// (`PLAYER_EXCLUDED`); `VALIDATION_FAILED` with `LOYALTY_INVALID_COMP`, `_QUANTITY`, `_VALUE`, `_POINTS` or
/// `_NOTE`; `LOYALTY_COMP_UNAVAILABLE` for a retired item; `LOYALTY_INSUFFICIENT_POINTS` beyond the balance.
/// Within the writer's authority the balance drops at once (`loyalty_ledger.redeemed`); beyond it the comp
/// waits for approval (`loyalty_request.requested`). `id` is the request id: a replay returns the first answer.
pub async fn redeem(
    conn: &mut PgConnection,
    actor: &Actor,
    id: LoyaltyRequestId,
    input: &Redemption,
) -> Result<LoyaltyRequest, Error> {
    if !actor.has_role(REDEEMERS) {
        return Err(Error::Forbidden);
    }
    lock_authority(conn, actor).await?;
    let same = |first: &LoyaltyRequest| {
        first.player_id == input.player_id
            && first.reason == LoyaltyReason::Redemption
            && first.item.as_ref().map(|item| item.id) == input.item_id
            && first.quantity == input.quantity
            && first.value == input.value
            && (input.item_id.is_some()
                || input.points.map(|p| -i64::from(p) * i64::from(input.quantity)) == Some(first.points))
            && request::clean_note(&input.note).as_deref() == Some(first.note.as_str())
    };
    if let Some(first) = replay(conn, actor, id, same).await? {
        return Ok(first);
    }
    enrolled(conn, actor, input.player_id).await?;
    let settings = catalog_repo::settings(conn, actor.casino_id).await?.ok_or(Error::NotFound)?;
    let item = match input.item_id {
        Some(item_id) => {
            Some(catalog_repo::items(conn, actor.casino_id, Some(item_id)).await?.pop().ok_or(Error::NotFound)?)
        }
        None => None,
    };
    let cost = request::comp_points(input, item.as_ref(), settings.comp_points_per_dollar).map_err(Error::Invalid)?;
    if item.as_ref().is_some_and(|item| !item.active) {
        return Err(Error::CompUnavailable);
    }
    let note = request::clean_note(&input.note).unwrap_or_default();
    let draft = NewRequest {
        id,
        player_id: input.player_id,
        reason: LoyaltyReason::Redemption,
        item_id: input.item_id,
        quantity: input.quantity,
        value: input.value,
        points: -cost,
        note: &note,
        corrects_id: None,
        staff_id: actor.staff_id,
        status: RequestStatus::Pending,
    };
    let authority = authority_under(conn, actor, &settings).await?;
    submit(conn, actor, draft, authority).await
}

/// Adds or takes away points by hand (`manual_adjustment`), or corrects a ledger row (`correction`, naming
/// it), always with a note.
///
/// Pit bosses and admins (`FORBIDDEN`); `VALIDATION_FAILED` with `LOYALTY_INVALID_REASON`, `_POINTS`, `_NOTE`
/// or `LOYALTY_INVALID_CORRECTION`; `LOYALTY_INVALID_CORRECTION` for a row of another player, a correction,
/// or one it would take past zero; `LOYALTY_INSUFFICIENT_POINTS` below a zero balance. Within authority it
/// is written at once (`loyalty_ledger.adjusted`), else it waits for approval (`loyalty_request.requested`).
pub async fn adjust(
    conn: &mut PgConnection,
    actor: &Actor,
    id: LoyaltyRequestId,
    input: &Adjustment,
) -> Result<LoyaltyRequest, Error> {
    if !actor.has_role(FLOOR) {
        return Err(Error::Forbidden);
    }
    lock_authority(conn, actor).await?;
    let same = |first: &LoyaltyRequest| {
        first.player_id == input.player_id
            && first.reason == input.reason
            && first.points == i64::from(input.points)
            && first.corrects_id == input.corrects_id
            && request::clean_note(&input.note).as_deref() == Some(first.note.as_str())
    };
    if let Some(first) = replay(conn, actor, id, same).await? {
        return Ok(first);
    }
    let note = request::check_adjustment(input).map_err(Error::Invalid)?;
    enrolled(conn, actor, input.player_id).await?;
    let draft = NewRequest {
        id,
        player_id: input.player_id,
        reason: input.reason,
        item_id: None,
        quantity: 1,
        value: None,
        points: i64::from(input.points),
        note: &note,
        corrects_id: input.corrects_id,
        staff_id: actor.staff_id,
        status: RequestStatus::Pending,
    };
    let authority = authority(conn, actor).await?;
    submit(conn, actor, draft, authority).await
}

/// Approves another staff member's pending request, carrying it out under the approver's authority.
///
/// Pit bosses and admins (`FORBIDDEN`); `NOT_FOUND`; `LOYALTY_SELF_APPROVAL` for one's own request;
/// `LOYALTY_REQUEST_DECIDED`; `LOYALTY_REQUEST_EXPIRED` past its gaming day; `LOYALTY_OVER_AUTHORITY` when the
/// approver's authority does not cover it; `LOYALTY_INSUFFICIENT_POINTS` if the balance no longer does.
/// Writes `loyalty_request.approved`.
pub async fn approve(conn: &mut PgConnection, actor: &Actor, decision: &Decision) -> Result<LoyaltyRequest, Error> {
    decide(conn, actor, decision, RequestStatus::Approved).await
}

/// Denies another staff member's pending request; nothing moves. As [`approve`] but for authority and
/// balance. Writes `loyalty_request.denied`.
pub async fn deny(conn: &mut PgConnection, actor: &Actor, decision: &Decision) -> Result<LoyaltyRequest, Error> {
    decide(conn, actor, decision, RequestStatus::Denied).await
}

/// Today's requests waiting for approval, oldest first, each marked with whether the viewer may approve
/// it, and the viewer's authority. Pit bosses, cashiers and admins.
pub async fn approval_queue(conn: &mut PgConnection, actor: &Actor) -> Result<ApprovalQueue, Error> {
    if !actor.has_role(REDEEMERS) {
        return Err(Error::Forbidden);
    }
    let authority = authority(conn, actor).await?;
    let requests = repo::requests(conn, actor.casino_id, Filter::PendingToday)
        .await?
        .into_iter()
        .map(|request| QueuedRequest {
            may_approve: actor.has_role(FLOOR)
                && request.staff_id != actor.staff_id
                && authority.covers(request.points),
            request,
        })
        .collect();
    Ok(ApprovalQueue { requests, authority })
}

/// One request, as its comp slip prints it. Every role; `NOT_FOUND` outside the actor's casino.
pub async fn comp_slip(conn: &mut PgConnection, actor: &Actor, id: LoyaltyRequestId) -> Result<LoyaltyRequest, Error> {
    repo::requests(conn, actor.casino_id, Filter::Id(id)).await?.pop().ok_or(Error::NotFound)
}

/// The player's requests of today still waiting for approval.
pub(super) async fn pending_of(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: player::PlayerId,
) -> Result<Vec<LoyaltyRequest>, Error> {
    Ok(repo::requests(conn, actor.casino_id, Filter::PendingOf(player_id)).await?)
}

/// The request stored under `id` already, if any: a replay, answered as the first time when it is `same` as
/// the first, by the same person; otherwise the id was used for another request (`IDEMPOTENCY_KEY_REUSED`).
async fn replay(
    conn: &mut PgConnection,
    actor: &Actor,
    id: LoyaltyRequestId,
    same: impl Fn(&LoyaltyRequest) -> bool,
) -> Result<Option<LoyaltyRequest>, Error> {
    let first = repo::requests(conn, actor.casino_id, Filter::Id(id)).await?.pop();
    match first {
        Some(first) if first.staff_id != actor.staff_id || !same(&first) => Err(Error::KeyReused),
        first => Ok(first),
    }
}

/// `NOT_FOUND` unless the player is enrolled at the actor's casino.
pub(super) async fn enrolled(conn: &mut PgConnection, actor: &Actor, player_id: player::PlayerId) -> Result<(), Error> {
    let enrolled = player::is_enrolled(conn, actor, player_id).await.map_err(|error| match error {
        player::Error::Db(error) => Error::Db(error),
        _ => Error::NotFound,
    })?;
    if enrolled { Ok(()) } else { Err(Error::NotFound) }
}

/// Checks the draft against the balance and the row it corrects, then stores it: carried out at once within
/// the actor's `authority` (whose lock they hold), else pending.
async fn submit(
    conn: &mut PgConnection,
    actor: &Actor,
    mut draft: NewRequest<'_>,
    authority: Authority,
) -> Result<LoyaltyRequest, Error> {
    if draft.reason == LoyaltyReason::Redemption && repo::is_excluded(conn, actor.casino_id, draft.player_id).await? {
        return Err(Error::PlayerExcluded);
    }
    let balance = repo::lock_balance(conn, actor.casino_id, draft.player_id).await?.unwrap_or(0);
    check_against_ledger(conn, actor, &draft, balance).await?;
    let within = authority.covers(draft.points);
    draft.status = if within { RequestStatus::Approved } else { RequestStatus::Pending };
    repo::insert(conn, actor.casino_id, &draft).await.map_err(refusal)?;
    let entry = if within {
        let (ledger_id, balance_after) = carry_out(conn, actor, &draft).await?;
        let action = match draft.reason {
            LoyaltyReason::Redemption => "loyalty_ledger.redeemed",
            LoyaltyReason::Correction => "loyalty_ledger.corrected",
            _ => "loyalty_ledger.adjusted",
        };
        AuditEntry::new(action, Entity::LoyaltyLedger, ledger_id.0).after(summary(&draft, Some(balance_after)))
    } else {
        AuditEntry::new("loyalty_request.requested", Entity::LoyaltyRequest, draft.id.0).after(summary(&draft, None))
    };
    audit::record(conn, actor.casino_id, entry).await?;
    comp_slip(conn, actor, draft.id).await
}

/// Refuses a draft the balance cannot pay, or a correction that does not fit its row.
async fn check_against_ledger(
    conn: &mut PgConnection,
    actor: &Actor,
    draft: &NewRequest<'_>,
    balance: i64,
) -> Result<(), Error> {
    if let Some(corrects) = draft.corrects_id {
        let row = repo::corrected(conn, actor.casino_id, corrects).await?.ok_or(Error::InvalidCorrection)?;
        let fits = row.player_id == draft.player_id
            && row.reason != LoyaltyReason::Correction
            && request::fits_correction(row.points, row.corrected, draft.points);
        if !fits {
            return Err(Error::InvalidCorrection);
        }
    }
    if balance + draft.points < 0 {
        return Err(Error::InsufficientPoints { balance, needed: -draft.points });
    }
    Ok(())
}

/// Moves the balance and appends the ledger row, under the actor's authority; the row and the new balance.
async fn carry_out(
    conn: &mut PgConnection,
    actor: &Actor,
    draft: &NewRequest<'_>,
) -> Result<(super::LedgerId, i64), Error> {
    let balance_after = if draft.points < 0 {
        repo::debit(conn, actor.casino_id, draft.player_id, -draft.points).await
    } else {
        super::repo::add_to_balance(conn, actor.casino_id, draft.player_id, draft.points).await
    }
    .map_err(refusal)?;
    let carried = Carried {
        request_id: draft.id,
        player_id: draft.player_id,
        reason: draft.reason,
        points: draft.points,
        corrects_id: draft.corrects_id,
        staff_id: draft.staff_id,
        authorized_by: actor.staff_id,
        balance_after,
    };
    let id = repo::insert_ledger(conn, actor.casino_id, &carried).await.map_err(refusal)?;
    Ok((id, balance_after))
}

async fn decide(
    conn: &mut PgConnection,
    actor: &Actor,
    decision: &Decision,
    outcome: RequestStatus,
) -> Result<LoyaltyRequest, Error> {
    if !actor.has_role(FLOOR) {
        return Err(Error::Forbidden);
    }
    let note = request::clean_note(&decision.note).ok_or_else(|| {
        Error::Invalid(vec![crate::error::FieldError::new("note", crate::error::ErrorCode::LoyaltyInvalidNote)])
    })?;
    lock_authority(conn, actor).await?;
    let id = decision.loyalty_request_id;
    let locked = repo::lock(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)?;
    if locked.staff_id == actor.staff_id {
        return Err(Error::SelfApproval);
    }
    match locked.status {
        // The same decision by the same person again is a resend: answer as the first time.
        status if status == outcome && locked.decided_by == Some(actor.staff_id) => {
            return comp_slip(conn, actor, id).await;
        }
        RequestStatus::Pending if locked.expired => return Err(Error::RequestExpired),
        RequestStatus::Pending => {}
        _ => return Err(Error::RequestDecided),
    }
    let mut draft = NewRequest {
        id,
        player_id: locked.player_id,
        reason: locked.reason,
        item_id: None,
        quantity: 1,
        value: None,
        points: locked.points,
        note: &note,
        corrects_id: locked.corrects_id,
        staff_id: locked.staff_id,
        status: outcome,
    };
    let mut after = json!({ "note": note, "requested_by": locked.staff_id, "points": locked.points });
    if outcome == RequestStatus::Approved {
        let balance = repo::lock_balance(conn, actor.casino_id, locked.player_id).await?.unwrap_or(0);
        check_against_ledger(conn, actor, &draft, balance).await?;
        let authority = authority(conn, actor).await?;
        if !authority.covers(locked.points) {
            return Err(beyond(&authority, locked.points));
        }
        draft.status = RequestStatus::Approved;
        let (ledger_id, balance_after) = carry_out(conn, actor, &draft).await?;
        after["ledger_id"] = json!(ledger_id);
        after["balance_after"] = json!(balance_after);
    }
    repo::decide(conn, actor.casino_id, id, outcome, actor.staff_id, &note).await?;
    let action = if outcome == RequestStatus::Approved { "loyalty_request.approved" } else { "loyalty_request.denied" };
    audit::record(conn, actor.casino_id, AuditEntry::new(action, Entity::LoyaltyRequest, id.0).after(after)).await?;
    comp_slip(conn, actor, id).await
}

/// What the audit row of a comp or adjustment records.
fn summary(draft: &NewRequest<'_>, balance_after: Option<i64>) -> serde_json::Value {
    json!({
        "loyalty_request_id": draft.id, "player_id": draft.player_id, "reason": draft.reason.as_str(),
        "comp_item_id": draft.item_id, "quantity": draft.quantity, "value_cents": draft.value.map(|v| v.0),
        "points": draft.points, "note": draft.note, "corrects_id": draft.corrects_id,
        "status": draft.status, "balance_after": balance_after,
    })
}

/// Maps the database's refusals of a write to the loyalty errors they stand for.
fn refusal(error: sqlx::Error) -> Error {
    if let Some(Refusal::PlayerExcluded) = crate::error::refusal(&error) {
        return Error::PlayerExcluded;
    }
    match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("player_loyalty_balance_check") => {
            Error::InsufficientPoints { balance: 0, needed: 0 }
        }
        _ => Error::Db(error),
    }
}
