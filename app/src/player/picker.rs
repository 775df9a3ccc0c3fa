//! Choosing an enrolled player by name: the seat form and the accounting desk both start here.

use leptos::prelude::*;
use pitboss::player::{PlayerId, PlayerMatch};

use super::search_players;
use crate::exclusion::ExclusionBadge;
use crate::ui::loaded;

/// Find an enrolled player by name and pick them; `on_pick`, if given, also receives the whole match (where
/// they sit, what they last played).
#[component]
pub fn PlayerPicker(
    query: RwSignal<String>,
    chosen: RwSignal<Option<(PlayerId, String)>>,
    #[prop(optional)] on_pick: Option<Callback<PlayerMatch>>,
) -> impl IntoView {
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
                {players.into_iter().take(8).map(|found| view! { <PlayerChoiceButton found chosen on_pick/> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn PlayerChoiceButton(
    found: PlayerMatch,
    chosen: RwSignal<Option<(PlayerId, String)>>,
    on_pick: Option<Callback<PlayerMatch>>,
) -> impl IntoView {
    let name = found.player.full_name();
    let seated = found.seated_at.as_ref().map(|at| {
        view! { <span class="text-sm text-emerald-800" data-testid="seated-at">{format!("at {}", at.label())}</span> }
    });
    let flag = found.flag;
    let pick = move |_| {
        chosen.set(Some((found.player.id, found.player.full_name())));
        if let Some(callback) = on_pick {
            callback.run(found.clone());
        }
    };
    view! {
        <li>
            <button type="button" class="w-full text-left px-3 min-h-12 flex gap-2 items-center" on:click=pick>
                <span>{name}</span>
                <ExclusionBadge kind=flag/>
                {seated}
            </button>
        </li>
    }
}
