//! Moving a rated player: tap "Move", then the destination table and a free seat — large targets for a
//! tablet. The slip closes here and continues there in one request; both tables update live everywhere.

use leptos::prelude::*;
use pitboss::rating_slip::{Slip, SlipId};
use pitboss::table_context::{TableCard, TableId, TableStatus};

use super::seat_actions::SeatActions;
use super::seat_maps;
use crate::table_context::list_tables;
use crate::ui::loaded;

const TARGET: &str = "min-h-12 min-w-12 px-3 rounded-lg border border-slate-300 font-semibold \
                      aria-pressed:bg-slate-900 aria-pressed:text-white disabled:opacity-40";

/// What a slip shows of its chain: that it continues an earlier slip, and the chain's rated time before it.
#[component]
pub fn SlipChain(slip: Slip) -> impl IntoView {
    slip.previous_slip_id.map(|_| {
        view! {
            <p class="w-full text-sm text-slate-700" data-testid="slip-chain" data-prior-seconds=slip.chain_prior_seconds>
                {format!("Moved here: continues an earlier slip, {} rated before this seat.", crate::ui::clock(slip.chain_prior_seconds))}
            </p>
        }
    })
}

/// "Move", then the destination.
#[component]
pub fn MoveControl(slip_id: SlipId, actions: SeatActions) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="h-12 px-4 rounded-lg font-semibold border border-slate-400" aria-expanded=move || open.get().to_string()
            disabled=move || actions.pending() on:click=move |_| open.update(|o| *o = !*o)>
            "Move"
        </button>
        {move || open.get().then(|| view! { <Destination slip_id actions/> })}
    }
}

#[component]
fn Destination(slip_id: SlipId, actions: SeatActions) -> impl IntoView {
    let tables = Resource::new(|| (), |()| list_tables());
    let table = RwSignal::new(None::<TableCard>);
    view! {
        <div class="w-full space-y-2 border-t border-slate-200 pt-2" role="group" aria-label="Move to">
            <p class="text-sm font-medium text-slate-700">"Move to table"</p>
            {loaded(tables, move |cards| view! {
                <div class="flex flex-wrap gap-2">
                    {cards.into_iter().filter(|c| c.status == TableStatus::Active).map(|card| {
                        let (id, label) = (card.id, card.label.clone());
                        view! {
                            <button type="button" class=TARGET aria-pressed=move || (table.get().map(|t| t.id) == Some(id)).to_string()
                                on:click=move |_| table.set(Some(card.clone()))>
                                {label}
                            </button>
                        }
                    }).collect_view()}
                </div>
            })}
            {move || table.get().map(|card| view! { <FreeSeats slip_id table_id=card.id label=card.label actions/> })}
        </div>
    }
}

#[component]
fn FreeSeats(slip_id: SlipId, table_id: TableId, label: String, actions: SeatActions) -> impl IntoView {
    let seats = Resource::new(move || table_id, |id| seat_maps(Some(id)));
    view! {
        <p class="text-sm font-medium text-slate-700">{format!("Seat at {label}")}</p>
        {loaded(seats, move |maps| {
            let seats = maps.into_iter().next().map(|m| m.seats).unwrap_or_default();
            view! {
                <div class="flex flex-wrap gap-2">
                    {seats.into_iter().map(|seat| {
                        let number = seat.number;
                        let taken = seat.occupant.is_some();
                        view! {
                            <button type="button" class=TARGET disabled=move || taken || actions.pending()
                                aria-label=format!("Seat {number}") data-move-seat=number
                                on:click=move |_| actions.move_to(slip_id, table_id, number)>
                                {number}
                            </button>
                        }
                    }).collect_view()}
                </div>
            }
        })}
    }
}
