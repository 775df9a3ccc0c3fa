//! Server functions of the feature flags: `/api/feature/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::feature::{Flag, FlagState};
use uuid::Uuid;

use crate::error::AppError;

/// Every flag's state at the casino. Every role (pages follow the flags).
#[server(prefix = "/api", endpoint = "feature/flags", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn feature_flags() -> Result<Vec<FlagState>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::feature::flags(conn, actor).await).await
}

/// Turns a flag on or off; admins only (`FORBIDDEN`). Idempotent by `request_id`. Audit
/// `feature_flag.updated`, which makes every open page re-read what the flag governs.
#[server(prefix = "/api", endpoint = "feature/set_flag", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(request.key = %request_id)))]
pub async fn set_feature_flag(request_id: Uuid, flag: Flag, enabled: bool) -> Result<FlagState, AppError> {
    crate::ssr::scoped_idempotent(request_id, "feature.set_flag", &(flag, enabled), async |conn, actor| {
        pitboss::feature::set_flag(conn, actor, flag, enabled).await
    })
    .await
}
