//! A gaming day's accounting: each table's win beside its rated play, the pit and casino sums, and each
//! shift of the tables counted at a shift change or opened more than once that day.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

use super::model::{DayAccounting, TableDay, TableShift};
use super::repo::{self, DayResultRow, ShiftResultRow};
use super::service::table_error;
use super::{Error, rules};
use crate::actor::Actor;
use crate::money::Cents;
use crate::rating_slip::{self, Slip};
use crate::table_context::{self, TableCard, TableId};
use crate::{finance, loyalty};

/// A gaming day's accounting: per table, per pit and for the casino, and per shift.
///
/// Every table with a counted period, a drop or a rated slip that day. Win and drop come from the database's
/// `table_day_results` and `table_shift_results`; theo is the day's slips' (as of now for running ones), hold
/// is win ÷ drop, and coverage the rated players' buy-ins ÷ drop. Pit bosses, cashiers, compliance, admins.
pub async fn day_accounting(conn: &mut PgConnection, actor: &Actor, day: NaiveDate) -> Result<DayAccounting, Error> {
    let Day { tables, slips, cards } = read_day(conn, actor, day).await?;
    let shift_rows = repo::shift_results(conn, day).await?;
    let mut shifts = Vec::new();
    for card in cards.iter().filter(|c| tables.iter().any(|t| t.table_id == c.id)) {
        let of_table: Vec<&ShiftResultRow> = shift_rows.iter().filter(|r| r.table_id == card.id).collect();
        if of_table.len() > 1 || of_table.iter().any(|r| r.end_kind == super::CountKind::ShiftChange) {
            let at_table: Vec<&Slip> = slips.iter().filter(|s| s.table_id == card.id).collect();
            shifts.extend(of_table.iter().map(|r| table_shift(card, r, &at_table)));
        }
    }
    let (pits, casino) = rules::rollups(&tables);
    Ok(DayAccounting { gaming_day: day, tables, pits, casino, shifts })
}

/// The day's figures per table only, as [`day_accounting`] has them: what the shift view reads on every
/// change, without the shifts and roll-ups it does not show.
pub async fn day_tables(conn: &mut PgConnection, actor: &Actor, day: NaiveDate) -> Result<Vec<TableDay>, Error> {
    Ok(read_day(conn, actor, day).await?.tables)
}

/// What both reads of a day share: each table's figures, and the slips and tables they came from.
struct Day {
    tables: Vec<TableDay>,
    slips: Vec<Slip>,
    cards: Vec<TableCard>,
}

async fn read_day(conn: &mut PgConnection, actor: &Actor, day: NaiveDate) -> Result<Day, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    let results: BTreeMap<TableId, DayResultRow> =
        repo::day_results(conn, day).await?.into_iter().map(|r| (r.table_id, r)).collect();
    let slips = rating_slip::slips_of_day(conn, actor, day).await.map_err(|e| match e {
        rating_slip::Error::Db(db) => Error::Db(db),
        _ => Error::Forbidden,
    })?;
    let slip_ids: Vec<_> = slips.iter().map(|s| s.id).collect();
    let issued = loyalty::issued_points(conn, actor, &slip_ids).await?;
    let bought_in = finance::rated_buy_ins(conn, actor, day).await.map_err(|e| match e {
        finance::Error::Db(db) => Error::Db(db),
        _ => Error::Forbidden,
    })?;
    let cards = table_context::tables(conn, actor).await.map_err(table_error)?;
    let tables = cards
        .iter()
        .filter_map(|card| {
            let at_table: Vec<&Slip> = slips.iter().filter(|s| s.table_id == card.id).collect();
            let row = results.get(&card.id);
            (row.is_some() || !at_table.is_empty())
                .then(|| table_day(card.clone(), row, &at_table, &issued, &bought_in))
        })
        .collect();
    Ok(Day { tables, slips, cards })
}

fn table_day(
    table: TableCard,
    row: Option<&DayResultRow>,
    slips: &[&Slip],
    issued: &HashMap<rating_slip::SlipId, i64>,
    bought_in: &HashMap<rating_slip::SlipId, Cents>,
) -> TableDay {
    let drop = row.and_then(|r| r.drop_cents).map(Cents);
    let win = row.and_then(|r| r.win_cents).map(Cents);
    let cents = |f: fn(&DayResultRow) -> i64| Cents(row.map_or(0, f));
    let rated_drop = Cents(slips.iter().filter_map(|s| bought_in.get(&s.id)).map(|c| c.0).sum());
    TableDay {
        table_id: table.id,
        label: table.label,
        pit: table.pit,
        periods: row.map_or(0, |r| r.periods),
        opening: cents(|r| r.opening_cents),
        closing: cents(|r| r.closing_cents),
        fills: cents(|r| r.fills_cents),
        credits: cents(|r| r.credits_cents),
        drop_cash: row.and_then(|r| r.drop_cash_cents).map(Cents),
        drop_markers: row.and_then(|r| r.drop_markers_cents).map(Cents),
        drop,
        win,
        hold_bps: win.zip(drop).and_then(|(win, drop)| rules::hold_bps(win, drop)),
        theo: Cents(slips.iter().map(|s| s.theo.0).sum()),
        rated_players: count(slips.iter().map(|s| s.player_id).collect::<HashSet<_>>().len()),
        points_issued: slips.iter().filter_map(|s| issued.get(&s.id)).sum(),
        rated_drop,
        coverage_bps: rules::coverage_bps(rated_drop, drop),
    }
}

/// One shift of `table`, with the theo of its slips' time within it (running slips' as far as it is known).
fn table_shift(table: &TableCard, row: &ShiftResultRow, slips: &[&Slip]) -> TableShift {
    let window = (row.started_at, row.ended_at);
    let theo = slips.iter().map(|s| rules::theo_within(s.theo, (s.started_at, end(s)), window).0).sum();
    let within = |s: &Slip| s.started_at <= row.ended_at && end(s) > row.started_at;
    let (drop, win) = (row.drop_cents.map(Cents), row.win_cents.map(Cents));
    TableShift {
        table_id: table.id,
        label: table.label.clone(),
        pit: table.pit.clone(),
        end_id: row.end_id,
        start_kind: row.start_kind,
        end_kind: row.end_kind,
        started_at: row.started_at,
        ended_at: row.ended_at,
        opening: Cents(row.start_cents),
        closing: Cents(row.end_cents),
        fills: Cents(row.fills_cents),
        credits: Cents(row.credits_cents),
        drop,
        win,
        hold_bps: win.zip(drop).and_then(|(win, drop)| rules::hold_bps(win, drop)),
        theo: Cents(theo),
        rated_players: count(slips.iter().filter(|s| within(s)).map(|s| s.player_id).collect::<HashSet<_>>().len()),
    }
}

/// Where a slip's time ends: at its close, or where its theo was figured for a running one.
fn end(slip: &Slip) -> DateTime<Utc> {
    slip.ended_at.unwrap_or(slip.as_of)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
