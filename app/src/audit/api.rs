//! Server functions of the audit log viewer: `/api/audit/*`. Read-only; admins and compliance officers.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::audit::{AuditCursor, AuditFilter, AuditPage, ChainStatus};

use crate::error::AppError;

/// A page of the casino's audit rows matching `filter`, newest first, starting after `after` (the previous
/// page's `next`). `FORBIDDEN` but for admins and compliance; `VALIDATION_FAILED` with
/// `AUDIT_INVALID_ACTION` for an action that is not one or the start of one.
#[server(prefix = "/api", endpoint = "audit/log", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn audit_log(filter: AuditFilter, after: Option<AuditCursor>) -> Result<AuditPage, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::audit::log_page(conn, actor, &filter, after).await).await
}

/// Whether the casino's hash chain verifies, up to which link, and where it breaks. `FORBIDDEN` but for
/// admins and compliance.
#[server(prefix = "/api", endpoint = "audit/chain", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn audit_chain() -> Result<ChainStatus, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::audit::chain_status(conn, actor).await).await
}
