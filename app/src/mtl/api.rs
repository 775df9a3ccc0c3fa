//! Server functions of the MTL service: `/api/mtl/*`. MTL rows are written by the database; people add notes.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::mtl::{
    ComplianceView, MtlAlertId, MtlNote, MtlPage, MtlQuery, NewMtlNote, PatronCashToday, ThresholdAlert,
    ThresholdProximity,
};
use pitboss::player::PlayerId;
use uuid::Uuid;

use crate::error::AppError;

/// The thresholds, the latest 100 MTL rows, today's patrons by proximity and the threshold events to see. Compliance, pit bosses and
/// admins (`FORBIDDEN` otherwise).
#[server(prefix = "/api", endpoint = "mtl/compliance", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn compliance_log() -> Result<ComplianceView, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::compliance_view(conn, actor).await).await
}

/// One page of a gaming day's MTL, newest first, with the notes on its rows and on that day's patrons.
/// Compliance, pit bosses and admins; `MTL_INVALID_DAY` for a day not begun, `MTL_INVALID_PAGE` for a `limit`
/// outside 1 to 1,000 or a `cursor` no page gave.
#[server(prefix = "/api", endpoint = "mtl/entries", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(gaming_day = ?query.gaming_day)))]
pub async fn mtl_entries(query: MtlQuery) -> Result<MtlPage, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::entries(conn, actor, &query).await).await
}

/// A player's cash totals today and where each direction stands. Compliance, pit bosses and admins.
#[server(prefix = "/api", endpoint = "mtl/player_proximity", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn proximity_of_player(player_id: PlayerId) -> Result<ThresholdProximity, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::player_proximity(conn, actor, player_id).await).await
}

/// A patron's cash in and out today beside the casino's thresholds: what the form recording an entry shows
/// before it is saved. Cashiers, pit bosses, admins and compliance.
#[server(prefix = "/api", endpoint = "mtl/cash_today", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn cash_today_of(player_id: PlayerId) -> Result<PatronCashToday, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::patron_cash_today(conn, actor, player_id).await).await
}

/// Appends a compliance note to an MTL row or a patron's gaming day. Compliance and admins; `VALIDATION_FAILED`
/// with `MTL_INVALID_NOTE` at `note` or `MTL_INVALID_DAY` at `gaming_day`. Idempotent. Audit
/// `mtl_audit_note.created`.
#[server(prefix = "/api", endpoint = "mtl/add_note", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_mtl_note(request_id: Uuid, input: NewMtlNote) -> Result<MtlNote, AppError> {
    crate::ssr::scoped_idempotent(request_id, "mtl.add_note", &input, async |conn, actor| {
        pitboss::mtl::add_note(conn, actor, &input).await
    })
    .await
}

/// Acknowledges a threshold event (`mtl.threshold_reached`): who saw it, and when. Compliance and admins; an
/// alert already acknowledged is returned with its first acknowledgement. Idempotent. Audit
/// `mtl_threshold_alert.acknowledged`.
#[server(prefix = "/api", endpoint = "mtl/acknowledge_alert", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(alert.id = %alert_id)))]
pub async fn acknowledge_alert(request_id: Uuid, alert_id: MtlAlertId) -> Result<ThresholdAlert, AppError> {
    crate::ssr::scoped_idempotent(request_id, "mtl.acknowledge_alert", &alert_id, async |conn, actor| {
        pitboss::mtl::acknowledge_alert(conn, actor, alert_id).await
    })
    .await
}
