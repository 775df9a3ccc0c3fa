//! Server functions of the compliance officer's desk: `/api/mtl/ctr_*`, `/api/mtl/file_ctr` and
//! `/api/mtl/structuring`. Compliance and admins (`FORBIDDEN` otherwise).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::mtl::ctr::{CtrDay, CtrWorksheet, FileCtr, UnfiledCtr};
use pitboss::mtl::structuring::StructuringWatch;
use pitboss::player::PlayerId;
use uuid::Uuid;

use crate::error::AppError;

/// A gaming day's CTR worksheets (today's by default): every patron past the CTR threshold either way, with
/// their identification (numbers by the last four), totals, transactions, missing fields and filing.
/// `MTL_INVALID_DAY` for a day not begun.
#[server(name = CtrDayFn, prefix = "/api", endpoint = "mtl/ctr_day", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(gaming_day = ?gaming_day)))]
pub async fn ctr_day(gaming_day: Option<NaiveDate>) -> Result<CtrDay, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::ctr_day(conn, actor, gaming_day).await).await
}

/// One patron's worksheet of a gaming day, for its printable page; `NOT_FOUND` when no CTR is due for them.
#[server(name = CtrWorksheetFn, prefix = "/api", endpoint = "mtl/ctr_worksheet", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn ctr_worksheet(player_id: PlayerId, gaming_day: NaiveDate) -> Result<CtrDay, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::ctr_worksheet(conn, actor, player_id, gaming_day).await).await
}

/// Every worksheet not yet marked filed, oldest first; those older than ten days are urgent.
#[server(prefix = "/api", endpoint = "mtl/unfiled_ctrs", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn unfiled_ctrs() -> Result<Vec<UnfiledCtr>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::unfiled_ctrs(conn, actor).await).await
}

/// Marks a patron's CTR of a gaming day filed. `CTR_INVALID_FILED_ON`, `CTR_INVALID_REFERENCE`,
/// `CTR_NOT_DUE`, `CTR_INCOMPLETE` (at each missing field), `CTR_ALREADY_FILED`. Idempotent. Audit
/// `ctr_filing.filed`.
#[server(name = FileCtrFn, prefix = "/api", endpoint = "mtl/file_ctr", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(request.key = %request_id)))]
pub async fn file_ctr(request_id: Uuid, input: FileCtr) -> Result<CtrWorksheet, AppError> {
    crate::ssr::scoped_idempotent(request_id, "mtl.file_ctr", &input, async |conn, actor| {
        pitboss::mtl::file_ctr(conn, actor, &input).await
    })
    .await
}

/// The structuring watch for a gaming day (today's by default), with the parameters it applied.
#[server(name = StructuringWatchFn, prefix = "/api", endpoint = "mtl/structuring", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(gaming_day = ?gaming_day)))]
pub async fn structuring_watch(gaming_day: Option<NaiveDate>) -> Result<StructuringWatch, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::structuring_watch(conn, actor, gaming_day).await).await
}
