//! Server functions of the finance service: `/api/finance/*`.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::finance::{FinanceEntry, FinanceTxnId, NewEntry, PlayerFinance};
use pitboss::player::PlayerId;
use uuid::Uuid;

use crate::error::AppError;

/// Records a deposit (`in`) or withdrawal (`out`), dated by the server's gaming day
/// (`rpc_create_financial_txn`). Cashiers (source `cage`), pit bosses (`pit`) and admins, with the
/// `finance_minimal_enabled` flag on (`FINANCE_FEATURE_DISABLED`).
///
/// `request_id` is the request's idempotency key, and the entry's: a resend with the same entry returns the
/// first answer and writes nothing, one with another entry is `IDEMPOTENCY_KEY_REUSED`. Other refusals: `FINANCE_SOURCE_NOT_ALLOWED`, `FINANCE_INVALID_AMOUNT`, `FINANCE_INVALID_NOTE`,
/// `FINANCE_WRONG_PLAYER`, `PLAYER_NOT_ENROLLED`, `FORBIDDEN`, `NOT_FOUND`. Audit
/// `player_financial_transaction.created`; a cash entry at or past the watchlist floor also writes its MTL row.
#[server(prefix = "/api", endpoint = "finance/record", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %entry.player_id)))]
pub async fn record_entry(request_id: Uuid, entry: NewEntry) -> Result<FinanceEntry, AppError> {
    crate::ssr::scoped_idempotent(request_id, "finance.record", &entry, async |conn, actor| {
        pitboss::finance::record(conn, actor, &entry, request_id).await
    })
    .await
}

/// Cancels an entry with a reversing one and a reason (`rpc_reverse_financial_txn`). Same roles, flag and
/// idempotency as `finance/record`; `FINANCE_NOT_REVERSIBLE` for a reversal or an entry already reversed.
/// Audit `player_financial_transaction.reversed`.
#[server(prefix = "/api", endpoint = "finance/reverse", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(finance.id = %original_id)))]
pub async fn reverse_entry(
    request_id: Uuid,
    original_id: FinanceTxnId,
    reason: String,
) -> Result<FinanceEntry, AppError> {
    let request = pitboss::finance::ReversalRequest { original_id, reason, idempotency_key: request_id };
    crate::ssr::scoped_idempotent(
        request_id,
        "finance.reverse",
        &(original_id, &request.reason),
        async |conn, actor| pitboss::finance::reverse(conn, actor, &request).await,
    )
    .await
}

/// A player's entries of `gaming_day` (the latest 200 when absent) and that day's totals (today's when
/// absent). Cashiers, pit bosses, compliance and admins.
#[server(prefix = "/api", endpoint = "finance/player", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn finance_of_player(player_id: PlayerId, gaming_day: Option<NaiveDate>) -> Result<PlayerFinance, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::finance::player_finance(conn, actor, player_id, gaming_day).await)
        .await
}
