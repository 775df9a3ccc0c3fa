//! The shift view's server function: `/api/shift/view`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::floor::ShiftView;

use crate::error::AppError;

/// The floor now and the gaming day so far: per table status, seats taken, players rated, theo, the counted
/// tray result and the win once the drop is in, fills and credits waiting; the day by the hour (rated play,
/// theo, rewards); the patrons near the cash thresholds. Pit bosses and admins.
#[server(name = ShiftViewFn, prefix = "/api", endpoint = "shift/view", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn shift_view() -> Result<ShiftView, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::floor::shift_view(conn, actor).await).await
}
