//! Server functions of the MTL service: `/api/mtl/*`. Read-only: MTL rows are written by the database.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::mtl::{ComplianceView, ThresholdProximity};
use pitboss::player::PlayerId;

use crate::error::AppError;

/// The thresholds, the latest 100 MTL rows and today's patrons by proximity. Compliance, pit bosses and
/// admins (`FORBIDDEN` otherwise).
#[server(prefix = "/api", endpoint = "mtl/compliance", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn compliance_log() -> Result<ComplianceView, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::compliance_view(conn, actor).await).await
}

/// A player's cash totals today and where each direction stands. Compliance, pit bosses and admins.
#[server(prefix = "/api", endpoint = "mtl/player_proximity", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(player.id = %player_id)))]
pub async fn proximity_of_player(player_id: PlayerId) -> Result<ThresholdProximity, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::mtl::player_proximity(conn, actor, player_id).await).await
}
