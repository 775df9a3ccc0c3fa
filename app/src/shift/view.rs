//! The shift view as a shift manager reads it on a desk or a tablet: the day's figures, four charts, each pit's
//! tables with what is waiting at the cage, and the patrons near the cash thresholds. Live: it re-reads when a
//! table, seat, slip, count, request, drop, reward or cash entry changes, at most every two seconds.

use std::time::Duration;

use leptos::prelude::*;
use pitboss::Cents;
use pitboss::floor::{HourFigures, ShiftTable, ShiftView};
use pitboss::live::Entity;
use pitboss::money::group_thousands;
use pitboss::mtl::PatronProximity;
use pitboss::table_context::{TableStatus, rules};

use super::chart::{Bar, BarChart, HourChart};
use super::shift_view;
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::table_context::StatusBadge;
use crate::ui::Facts;

/// The shift view, or nothing for a role that does not run tables.
pub type ShiftResource = Resource<Result<Option<ShiftView>, AppError>>;

const CHANGES: &[Entity] = &[
    Entity::GamingTable,
    Entity::Visit,
    Entity::RatingSlip,
    Entity::TableInventoryCount,
    Entity::TableCageRequest,
    Entity::TableDrop,
    Entity::LoyaltyLedger,
    Entity::PlayerFinancialTransaction,
];

/// How often at most the shift view is re-read while changes keep coming.
const REREAD_EVERY: Duration = Duration::from_secs(2);

/// Creates the page's resource (before any boundary): the shift view for pit bosses and admins.
///
/// It is re-read when a change moves one of its figures, at most every [`REREAD_EVERY`]: re-read for each
/// change, an overview left open on a desk cost the server a 300 ms read for every pause on the floor, and
/// slowed everyone's reads.
pub fn shift_resource(session: SessionResource) -> ShiftResource {
    let version = use_live().paced_version_of(CHANGES, REREAD_EVERY);
    Resource::new(
        move || version.get(),
        move |_| async move {
            match session.await {
                Ok(session) if rules::may_run_tables(session.staff.role) => shift_view().await.map(Some),
                Ok(_) => Ok(None),
                Err(error) => Err(error),
            }
        },
    )
}

fn dollars(cents: Cents) -> String {
    cents.short()
}

/// The view for a pit boss or an admin.
#[component]
pub fn ShiftSection(view: ShiftView) -> impl IntoView {
    let open = view.tables.iter().filter(|t| t.status == TableStatus::Active).count();
    let (seated, rated): (i64, i64) =
        view.tables.iter().fold((0, 0), |(s, r), t| (s + i64::from(t.occupied), r + i64::from(t.rated)));
    let theo = Cents(view.tables.iter().map(|t| t.theo.0).sum());
    let waiting: i64 = view.tables.iter().map(|t| t.pending_fills + t.pending_credits).sum();
    let facts = vec![
        ("Tables open", format!("{open} of {}", view.tables.len())),
        ("Players seated now", seated.to_string()),
        ("Players rated now", rated.to_string()),
        ("Rated theo today", theo.to_string()),
        ("Fills and credits waiting", waiting.to_string()),
        ("Patrons near thresholds", view.near_thresholds.len().to_string()),
    ];
    view! {
        <Facts facts testid="shift-facts"/>
        <div class="grid grid-cols-1 lg:grid-cols-2 gap-4">
            <HourChart title="Rated players per hour (average)" columns=hour_columns(&view.hours, |h| {
                let players = h.player_seconds as f64 / 3_600.0;
                (players, format!("{players:.1}"))
            }) testid="chart-occupancy"/>
            <HourChart title="Rated theo per hour" columns=hour_columns(&view.hours, |h| {
                (h.theo.0 as f64, dollars(h.theo))
            }) testid="chart-theo"/>
            <BarChart title="Win/loss per table (lighter: drop not counted yet)" bars=result_bars(&view.tables)
                empty="No table has been counted through a period today yet." testid="chart-win"/>
            <HourChart title="Reward points per hour" columns=hour_columns(&view.hours, |h| {
                (h.reward_points as f64, group_thousands(h.reward_points.unsigned_abs()))
            }) testid="chart-rewards"/>
        </div>
        <Pits tables=view.tables/>
        <NearThresholds patrons=view.near_thresholds/>
    }
}

/// A column per hour; the hour still running is drawn lighter.
fn hour_columns(hours: &[HourFigures], figure: impl Fn(&HourFigures) -> (f64, String)) -> Vec<Bar> {
    let last = hours.len().saturating_sub(1);
    hours
        .iter()
        .enumerate()
        .map(|(i, hour)| {
            let (value, text) = figure(hour);
            Bar { label: hour.label.clone(), value, text, provisional: i == last }
        })
        .collect()
}

/// A bar per table with a counted result: the win once the drop is in, else the tray's result.
fn result_bars(tables: &[ShiftTable]) -> Vec<Bar> {
    tables
        .iter()
        .filter_map(|t| {
            let result = t.result()?;
            Some(Bar {
                label: t.label.clone(),
                value: result.0 as f64,
                text: dollars(result),
                provisional: t.win.is_none(),
            })
        })
        .collect()
}

#[component]
fn Pits(tables: Vec<ShiftTable>) -> impl IntoView {
    let mut pits: Vec<String> = tables.iter().map(|t| t.pit.clone()).collect();
    pits.dedup();
    pits.into_iter()
        .map(|pit| {
            let rows = tables
                .iter()
                .filter(|t| t.pit == pit)
                .cloned()
                .map(|table| view! { <TableLine table/> })
                .collect_view();
            let name = pit.clone();
            view! {
                <section class="bg-white rounded-xl shadow-sm p-4 space-y-2" data-testid="shift-pit" data-pit=name>
                    <h2 class="text-xl font-semibold">{pit}</h2>
                    <div class="overflow-x-auto">
                        <table class="w-full text-sm">
                            <thead class="text-slate-600">
                                <tr>
                                    <th class="px-2 py-1 text-left">"Table"</th>
                                    <th class="px-2 py-1 text-left">"Status"</th>
                                    <th class="px-2 py-1 text-right">"Seated"</th>
                                    <th class="px-2 py-1 text-right">"Rated"</th>
                                    <th class="px-2 py-1 text-right">"Theo"</th>
                                    <th class="px-2 py-1 text-right">"Win/loss so far"</th>
                                    <th class="px-2 py-1 text-left">"At the cage"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
        .collect_view()
}

#[component]
fn TableLine(table: ShiftTable) -> impl IntoView {
    let result = match (table.win, table.tray_result) {
        (Some(win), _) => win.to_string(),
        (None, Some(tray)) => format!("{tray} (tray, drop not counted)"),
        (None, None) => "not counted yet".to_owned(),
    };
    let waiting = [(table.pending_fills, "fill"), (table.pending_credits, "credit")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{} waiting", if n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(", ");
    let name = table.label.clone();
    view! {
        <tr class="border-t border-slate-100" data-testid="shift-table" data-table=name>
            <td class="px-2 py-2 font-semibold">{table.label}</td>
            <td class="px-2 py-2"><StatusBadge status=table.status/></td>
            <td class="px-2 py-2 text-right tabular-nums">{format!("{}/{}", table.occupied, table.seats)}</td>
            <td class="px-2 py-2 text-right tabular-nums">{table.rated}</td>
            <td class="px-2 py-2 text-right tabular-nums">{table.theo.to_string()}</td>
            <td class="px-2 py-2 text-right tabular-nums" data-testid="shift-result">{result}</td>
            <td class="px-2 py-2 text-amber-900" data-testid="shift-waiting">{waiting}</td>
        </tr>
    }
}

#[component]
fn NearThresholds(patrons: Vec<PatronProximity>) -> impl IntoView {
    let rows = if patrons.is_empty() {
        view! { <li class="text-slate-500">"No patron is near a threshold today."</li> }.into_any()
    } else {
        patrons
            .into_iter()
            .map(|p| {
                let level = p.proximity.level();
                view! {
                    <li class="py-2 flex justify-between gap-3" data-testid="near-threshold">
                        <span class="font-semibold">{p.player_name}</span>
                        <span>{format!("{} · in {} · out {}", level.label(), p.proximity.cash_in, p.proximity.cash_out)}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="bg-white rounded-xl shadow-sm p-4 space-y-2">
            <h2 class="text-xl font-semibold">"Patrons near the cash thresholds"</h2>
            <ul class="divide-y divide-slate-100">{rows}</ul>
        </section>
    }
}
