//! A player's session history: their visits, newest first, with the slips rated during each.

use sqlx::PgConnection;

use super::Error;
use super::model::{PlayerHistory, SlipRecord, VisitRecord};
use crate::actor::Actor;
use crate::player::{self, PlayerId};
use crate::{loyalty, rating_slip, table_context, visit};

/// Visits a page holds.
pub const HISTORY_PAGE: i64 = 20;

/// The player's visits that began before `before` (or the newest), [`HISTORY_PAGE`] at a time.
///
/// Each with its slips (table, seat, start, end, rated time, time-weighted average bet, theo, points
/// credited). Any role; `NOT_FOUND` for a player not enrolled here. Five reads whatever the page holds.
pub async fn player_history(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
    before: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<PlayerHistory, Error> {
    player::player(conn, actor, player_id).await?;
    // One more than a page says whether an older page exists.
    let mut visits = visit::visits_of_player(conn, actor, player_id, before, HISTORY_PAGE + 1).await?;
    let more = visits.len() > usize::try_from(HISTORY_PAGE).unwrap_or(usize::MAX);
    visits.truncate(usize::try_from(HISTORY_PAGE).unwrap_or(usize::MAX));
    let ids: Vec<_> = visits.iter().map(|v| v.id).collect();
    let slips = rating_slip::slips_of_visits(conn, actor, &ids).await?;
    let slip_ids: Vec<_> = slips.iter().map(|s| s.id).collect();
    let points = loyalty::credited_points(conn, actor, &slip_ids).await?;
    let tables = table_context::tables(conn, actor).await?;
    let label = |id| tables.iter().find(|t| t.id == id).map(|t| t.label.clone()).unwrap_or_default();
    let before = more.then(|| visits.last().map(|v| v.started_at)).flatten();
    let visits = visits
        .into_iter()
        .map(|visit| {
            let slips = slips
                .iter()
                .filter(|s| s.visit_id == visit.id)
                .map(|s| SlipRecord {
                    slip: s.clone(),
                    table: label(s.table_id),
                    points: points.get(&s.id).copied().unwrap_or(0),
                })
                .collect();
            VisitRecord { visit, slips }
        })
        .collect();
    Ok(PlayerHistory { visits, before })
}
