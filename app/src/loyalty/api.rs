//! Server functions of the loyalty service: `/api/loyalty/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::loyalty::{LedgerEntry, LoyaltyReason, PlayerLedger, SlipRewards};
use pitboss::player::PlayerId;
use pitboss::rating_slip::SlipId;
use uuid::Uuid;

use crate::error::AppError;

/// Issues points on an open or paused slip (`rpc_issue_mid_session_reward`). Pit bosses and admins.
///
/// `request_id` is the request's idempotency key, and the ledger's: a resend (double tap, network retry) with
/// the same arguments returns the first entry and its balance unchanged, even if the slip has closed since,
/// and writes nothing; with other arguments it is `IDEMPOTENCY_KEY_REUSED`. Refusals:
/// `LOYALTY_SLIP_CLOSED`, `LOYALTY_WRONG_PLAYER`, `LOYALTY_INVALID_POINTS`, `LOYALTY_OVER_CAP`,
/// `LOYALTY_INVALID_REASON`, `FORBIDDEN`, `NOT_FOUND`. Audit `loyalty_ledger.reward_issued`.
#[server(prefix = "/api", endpoint = "loyalty/issue_reward", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(rating_slip.id = %slip_id)))]
pub async fn issue_reward(
    request_id: Uuid,
    player_id: PlayerId,
    slip_id: SlipId,
    points: i32,
    reason: LoyaltyReason,
) -> Result<LedgerEntry, AppError> {
    let request = pitboss::loyalty::RewardRequest {
        player_id,
        rating_slip_id: slip_id,
        points,
        reason,
        idempotency_key: request_id,
    };
    crate::ssr::scoped_idempotent(
        request_id,
        "loyalty.issue_reward",
        &(player_id, slip_id, points, reason),
        async |conn, actor| pitboss::loyalty::issue_mid_session_reward(conn, actor, &request).await,
    )
    .await
}

/// A slip's ledger rows (newest first), the player's balance and the reward to prefill. Any role.
#[server(prefix = "/api", endpoint = "loyalty/slip_rewards", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(rating_slip.id = %slip_id)))]
pub async fn rewards_of_slip(slip_id: SlipId) -> Result<SlipRewards, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::loyalty::slip_rewards(conn, actor, slip_id).await).await
}

/// A player's ledger at this casino (the latest 200 rows) and balance; `NOT_FOUND` for a player not
/// enrolled here. Any role.
#[server(prefix = "/api", endpoint = "loyalty/player_ledger", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn ledger_of_player(player_id: PlayerId) -> Result<PlayerLedger, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::loyalty::player_ledger(conn, actor, player_id).await).await
}
