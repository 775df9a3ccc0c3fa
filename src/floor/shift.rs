//! The shift view's read: each table now (status, seats taken, players rated, requests waiting for the cage)
//! beside its gaming day so far (theo, counted tray result, win once the drop is in), the day by the hour, and
//! the patrons near the cash thresholds. One read across the services, in the caller's transaction.

use std::collections::HashMap;

use sqlx::PgConnection;

use super::hourly::{SlipSpan, hourly};
use super::shift_model::{ShiftTable, ShiftView};
use super::{Error, seat_maps};
use crate::actor::Actor;
use crate::money::Cents;
use crate::mtl::Proximity;
use crate::table_accounting::{self, CageRequestKind, TableDay};
use crate::table_context::{self, TableId, rules as table_rules};
use crate::{casino, loyalty, mtl, rating_slip};

/// The shift view of the actor's casino as of the transaction's clock. Pit bosses and admins (`FORBIDDEN`).
pub async fn shift_view(conn: &mut PgConnection, actor: &Actor) -> Result<ShiftView, Error> {
    if !table_rules::may_run_tables(actor.role) {
        return Err(table_context::Error::Forbidden.into());
    }
    let gaming_day = casino::today(conn, actor).await?;
    let (day_start, as_of) = casino::day_so_far(conn, actor, gaming_day).await?;
    let cards = table_context::floor_tables(conn, actor).await?;
    let maps = seat_maps(conn, actor, None).await?;
    let day: HashMap<TableId, TableDay> =
        table_accounting::day_tables(conn, actor, gaming_day).await?.into_iter().map(|t| (t.table_id, t)).collect();
    let pending = table_accounting::pending_requests(conn, actor).await?;
    let slips = rating_slip::slips_of_day(conn, actor, gaming_day).await?;
    let rewards = loyalty::issued_on_day(conn, actor, gaming_day).await?;
    let near_thresholds: Vec<_> = mtl::patrons_today(conn, actor)
        .await?
        .into_iter()
        .filter(|p| p.proximity.level() >= Proximity::Watchlist)
        .collect();

    let tables = cards
        .into_iter()
        .map(|card| {
            let seats = maps.iter().find(|m| m.table_id == card.id).map(|m| m.seats.as_slice()).unwrap_or_default();
            let taken = seats.iter().filter_map(|s| s.occupant.as_ref());
            let counted = day.get(&card.id);
            let waiting = |kind| {
                let n = pending.iter().filter(|r| r.table_id == card.id && r.kind == kind).count();
                i64::try_from(n).unwrap_or(i64::MAX)
            };
            ShiftTable {
                table_id: card.id,
                occupied: count(taken.clone().count()),
                rated: count(taken.filter(|o| o.slip.is_some()).count()),
                theo: Cents(slips.iter().filter(|s| s.table_id == card.id).map(|s| s.theo.0).sum()),
                tray_result: counted.filter(|t| t.periods > 0).map(table_accounting::rules::tray_result),
                win: counted.and_then(|t| t.win),
                pending_fills: waiting(CageRequestKind::Fill),
                pending_credits: waiting(CageRequestKind::Credit),
                label: card.label,
                pit: card.pit,
                status: card.status,
                seats: card.seats,
            }
        })
        .collect();
    let spans: Vec<SlipSpan> = slips
        .iter()
        .map(|s| SlipSpan { start: s.started_at, end: s.ended_at.unwrap_or(as_of), theo: s.theo })
        .collect();
    let mut hours = hourly(day_start, as_of, &spans, &rewards);
    let labels = casino::hour_labels(conn, actor, day_start, hours.len()).await?;
    for (hour, label) in hours.iter_mut().zip(labels) {
        hour.label = label;
    }
    Ok(ShiftView { gaming_day, day_start, as_of, tables, hours, near_thresholds })
}

fn count(n: usize) -> i16 {
    i16::try_from(n).unwrap_or(i16::MAX)
}
