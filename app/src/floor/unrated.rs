//! Checking in and seating a chosen player without rating them: two steps of their own, for a player who
//! sits down to watch or before the first bet. The seat then shows them unrated, with "Start rating" on it.

use leptos::prelude::*;
use pitboss::player::PlayerId;
use pitboss::table_context::TableId;

use super::active_visit;
use super::seat_actions::SeatActions;
use crate::ui::loaded;

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold border border-slate-400 disabled:opacity-50";

/// "Check in" for a chosen player who is not, or "Seat without rating" for one who is.
#[component]
pub fn UnratedSeating(player_id: PlayerId, table_id: TableId, seat: i16, actions: SeatActions) -> impl IntoView {
    let visit = Resource::new(move || actions.check_ins(), move |_| active_visit(player_id));
    let busy = move || actions.pending();
    view! {
        <div class="flex flex-wrap gap-2 items-center" data-testid="unrated-seating">
            {loaded(visit, move |visit| match visit {
                Some(visit) => view! {
                    <span class="text-sm text-slate-700" data-testid="visit-status">"Checked in"</span>
                    <button type="button" class=BUTTON disabled=busy
                        on:click=move |_| actions.seat_unrated(visit.id, table_id, seat)>
                        "Seat without rating"
                    </button>
                }
                .into_any(),
                None => view! {
                    <span class="text-sm text-slate-700" data-testid="visit-status">"Not checked in"</span>
                    <button type="button" class=BUTTON disabled=busy on:click=move |_| actions.check_in(player_id)>
                        "Check in"
                    </button>
                }
                .into_any(),
            })}
        </div>
    }
}
