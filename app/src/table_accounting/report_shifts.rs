//! The shift report's shifts: for each table counted at a shift change or opened more than once that day, each
//! shift from one count to the next with its own drop (where the box was changed then),
//! win, hold and rated theo.

use leptos::prelude::*;
use pitboss::table_accounting::TableShift;

use super::report::{CELL, hold, money};
use crate::ui::clock_time;

/// The shifts of the day's tables counted at a shift change or opened more than once; nothing when none was.
#[component]
pub fn ShiftTable(shifts: Vec<TableShift>) -> impl IntoView {
    if shifts.is_empty() {
        return ().into_any();
    }
    let headings = ["Opening", "Fills", "Credits", "Drop", "Closing", "Win", "Hold", "Rated theo", "Rated players"];
    let rows = shifts.into_iter().map(|s| view! { <ShiftRow s/> }).collect_view();
    view! {
        <h2 class="text-xl font-semibold text-slate-900">"Shifts"</h2>
        <div class="overflow-x-auto bg-white rounded-xl shadow-sm print:shadow-none">
            <table class="w-full text-sm print:text-xs" data-testid="report-shifts">
                <thead class="bg-slate-100">
                    <tr>
                        <th class="px-2 py-1 text-left">"Table"</th>
                        <th class="px-2 py-1 text-left">"Shift"</th>
                        {headings.map(|h| view! { <th class=CELL>{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="text-sm text-slate-600">
            "A shift's drop and win show once the count room enters its box for that shift; theo is each slip's in
            proportion to its time in the shift."
        </p>
    }
    .into_any()
}

#[component]
fn ShiftRow(s: TableShift) -> impl IntoView {
    let span = format!(
        "{} {} → {} {}",
        s.start_kind.label(),
        clock_time(s.started_at),
        s.end_kind.label(),
        clock_time(s.ended_at)
    );
    let cells = [
        s.opening.to_string(),
        s.fills.to_string(),
        s.credits.to_string(),
        money(s.drop),
        s.closing.to_string(),
        money(s.win),
        hold(s.hold_bps),
        s.theo.to_string(),
        s.rated_players.to_string(),
    ];
    let label = s.label.clone();
    view! {
        <tr class="border-t border-slate-100" data-testid="report-shift" data-table=label>
            <td class="px-2 py-1 font-semibold">{s.label}</td>
            <td class="px-2 py-1">{span}</td>
            {cells.map(|c| view! { <td class=CELL>{c}</td> }).collect_view()}
        </tr>
    }
}
