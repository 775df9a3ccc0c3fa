//! Server functions of comps, adjustments, approvals, the comp catalog and the loyalty settings:
//! `/api/loyalty/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::loyalty::authority::LoyaltySettings;
use pitboss::loyalty::comp::{CompItem, CompItemInput};
use pitboss::loyalty::request::{Adjustment, ApprovalQueue, Decision, LoyaltyRequest, LoyaltyRequestId, Redemption};
use uuid::Uuid;

use crate::error::AppError;

/// Writes a comp against the player's points: a catalog item (with its value when priced at value) or
/// free-form points with a note. Within the writer's authority the balance drops at once; beyond it the comp
/// is pending until another supervisor approves it. Pit bosses, cashiers and admins. Idempotent.
#[server(name = RedeemFn, prefix = "/api", endpoint = "loyalty/redeem", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %input.player_id)))]
pub async fn redeem(request_id: Uuid, input: Redemption) -> Result<LoyaltyRequest, AppError> {
    crate::ssr::scoped_idempotent(request_id, "loyalty.redeem", &input, async |conn, actor| {
        pitboss::loyalty::redeem(conn, actor, LoyaltyRequestId(request_id), &input).await
    })
    .await
}

/// A manual adjustment or a correction of a ledger row, with its reason. Within authority at once, else
/// pending. Pit bosses and admins. Idempotent.
#[server(name = AdjustFn, prefix = "/api", endpoint = "loyalty/adjust", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %input.player_id)))]
pub async fn adjust(request_id: Uuid, input: Adjustment) -> Result<LoyaltyRequest, AppError> {
    crate::ssr::scoped_idempotent(request_id, "loyalty.adjust", &input, async |conn, actor| {
        pitboss::loyalty::adjust(conn, actor, LoyaltyRequestId(request_id), &input).await
    })
    .await
}

/// Approves another staff member's pending request within the approver's authority; the balance follows.
/// Pit bosses and admins. Idempotent.
#[server(prefix = "/api", endpoint = "loyalty/approve", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(loyalty_request.id = %decision.loyalty_request_id)))]
pub async fn approve(request_id: Uuid, decision: Decision) -> Result<LoyaltyRequest, AppError> {
    crate::ssr::scoped_idempotent(request_id, "loyalty.approve", &decision, async |conn, actor| {
        pitboss::loyalty::approve(conn, actor, &decision).await
    })
    .await
}

/// Denies another staff member's pending request. Pit bosses and admins. Idempotent.
#[server(prefix = "/api", endpoint = "loyalty/deny", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(loyalty_request.id = %decision.loyalty_request_id)))]
pub async fn deny(request_id: Uuid, decision: Decision) -> Result<LoyaltyRequest, AppError> {
    crate::ssr::scoped_idempotent(request_id, "loyalty.deny", &decision, async |conn, actor| {
        pitboss::loyalty::deny(conn, actor, &decision).await
    })
    .await
}

/// Today's requests waiting for approval, with whether the viewer may approve each, and the viewer's
/// authority. Pit bosses, cashiers and admins.
#[server(name = ApprovalQueueFn, prefix = "/api", endpoint = "loyalty/approval_queue", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn approval_queue() -> Result<ApprovalQueue, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::loyalty::approval_queue(conn, actor).await).await
}

/// One comp, adjustment or correction, as its comp slip prints it. Any role.
#[server(name = CompSlipFn, prefix = "/api", endpoint = "loyalty/comp_slip", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(loyalty_request.id = %id)))]
pub async fn comp_slip(id: LoyaltyRequestId) -> Result<LoyaltyRequest, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::loyalty::comp_slip(conn, actor, id).await).await
}

/// The comp catalog, offered items first. Any role.
#[server(name = CompItemsFn, prefix = "/api", endpoint = "loyalty/comp_items", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn comp_items() -> Result<Vec<CompItem>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::loyalty::comp_items(conn, actor).await).await
}

/// Adds a catalog item or changes one. Admins. Idempotent.
#[server(prefix = "/api", endpoint = "loyalty/save_comp_item", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn save_comp_item(request_id: Uuid, input: CompItemInput) -> Result<CompItem, AppError> {
    crate::ssr::scoped_idempotent(request_id, "loyalty.save_comp_item", &input, async |conn, actor| {
        pitboss::loyalty::save_comp_item(conn, actor, request_id, &input).await
    })
    .await
}

/// The authority limits per role and the comp rate. Any role.
#[server(name = LoyaltySettingsFn, prefix = "/api", endpoint = "loyalty/settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn loyalty_settings() -> Result<LoyaltySettings, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::loyalty::loyalty_settings(conn, actor).await).await
}

/// Replaces the authority limits and the comp rate. Admins. Idempotent.
#[server(prefix = "/api", endpoint = "loyalty/update_settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn update_loyalty_settings(request_id: Uuid, input: LoyaltySettings) -> Result<LoyaltySettings, AppError> {
    crate::ssr::scoped_idempotent(request_id, "loyalty.update_settings", &input, async |conn, actor| {
        pitboss::loyalty::update_loyalty_settings(conn, actor, &input).await
    })
    .await
}
