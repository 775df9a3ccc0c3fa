//! A table's card on the dashboard and its status badge.

use leptos::prelude::*;
use pitboss::floor::TableSeats;
use pitboss::table_context::{TableCard, TableStatus};

use crate::floor::SeatStrip;

/// The status with its canonical label, coloured for a glance across the pit.
#[component]
pub fn StatusBadge(status: TableStatus) -> impl IntoView {
    let tone = match status {
        TableStatus::Active => "bg-emerald-100 text-emerald-800 border-emerald-300",
        TableStatus::Inactive => "bg-slate-100 text-slate-700 border-slate-300",
        TableStatus::Closed => "bg-rose-100 text-rose-800 border-rose-300",
    };
    view! {
        <span
            data-testid="table-status"
            data-status=status.label()
            class=format!("inline-block rounded-full border px-3 py-1 text-sm font-semibold {tone}")
        >
            {status.label()}
        </span>
    }
}

/// One table: label, game, limits, status, dealer and seats. The whole card is one large touch target.
#[component]
pub fn TableCardView(card: TableCard, strip: Memo<Option<TableSeats>>, on_select: Callback<()>) -> impl IntoView {
    let dealer = card.dealer.as_ref().map_or_else(|| "No dealer".to_owned(), |d| d.name.clone());
    let label = card.label.clone();
    view! {
        <button
            type="button"
            data-testid="table-card"
            data-table=label.clone()
            aria-label=format!("Table {label}")
            on:click=move |_| on_select.run(())
            class="w-full text-left bg-white rounded-xl shadow-sm border border-slate-200 p-4 min-h-36 hover:border-slate-400 focus:outline-none focus:ring-2 focus:ring-emerald-600"
        >
            <div class="flex items-start justify-between gap-2">
                <div>
                    <div class="text-xl font-bold text-slate-900">{card.label.clone()}</div>
                    <div class="text-sm text-slate-600">{card.game_name.clone()}</div>
                </div>
                <StatusBadge status=card.status/>
            </div>
            <div class="mt-3 text-slate-800 font-medium">{format!("{} – {}", card.min_bet.short(), card.max_bet.short())}</div>
            <div class="mt-1 flex justify-between text-sm text-slate-600">
                <span data-testid="table-dealer">{dealer}</span>
                <span>{format!("{} seats", card.seats)}</span>
            </div>
            {move || strip.get().map(|seats| view! { <SeatStrip seats/> })}
        </button>
    }
}
