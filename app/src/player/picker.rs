//! Choosing an enrolled player by name: the seat form and the accounting desk both start here.

use leptos::prelude::*;
use pitboss::player::PlayerId;

use super::search_players;
use crate::ui::loaded;

/// Find an enrolled player by name and pick them.
#[component]
pub fn PlayerPicker(query: RwSignal<String>, chosen: RwSignal<Option<(PlayerId, String)>>) -> impl IntoView {
    let results = Resource::new(move || query.get(), search_players);
    view! {
        <label class="block">
            <span class="block text-sm font-medium text-slate-700">"Find the player"</span>
            <input type="search" name="player_query" bind:value=query autocomplete="off"
                class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg"/>
        </label>
        {move || chosen.get().map(|(_, name)| view! { <p data-testid="chosen-player">"Player: " <strong>{name}</strong></p> })}
        {loaded(results, move |players| view! {
            <ul class="max-h-48 overflow-y-auto divide-y divide-slate-100 border border-slate-200 rounded-lg">
                {players.into_iter().take(8).map(|p| view! { <PlayerChoiceButton id=p.id name=p.full_name() chosen/> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn PlayerChoiceButton(id: PlayerId, name: String, chosen: RwSignal<Option<(PlayerId, String)>>) -> impl IntoView {
    let label = name.clone();
    view! {
        <li>
            <button type="button" class="w-full text-left px-3 min-h-12" on:click=move |_| chosen.set(Some((id, label.clone())))>
                {name}
            </button>
        </li>
    }
}
