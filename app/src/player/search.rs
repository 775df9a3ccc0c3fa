//! `/players`: search by name, results, and (for the pit) the enrollment form.

use leptos::prelude::*;
use leptos_router::components::A;
use pitboss::player::{PlayerMatch, rules};

use super::enroll::EnrollForm;
use super::{PLAYER_ENTITIES, search_players};
use crate::exclusion::ExclusionBadge;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::loaded;

/// Find a player as you type; enroll a new one without leaving the page.
#[component]
pub fn PlayersPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let query = RwSignal::new(String::new());
    let version = use_live().version_of(PLAYER_ENTITIES);
    let results = Resource::new(move || (query.get(), version.get()), |(query, _)| search_players(query));
    view! {
        <section class="space-y-4">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">"Players"</h1>
                {loaded(session, |session| pitboss::player::import::may_import(session.staff.role).then(|| view! {
                    <A href="/players/import" attr:class="inline-flex items-center min-h-12 px-4 rounded-lg border border-slate-300 font-semibold">
                        "Import members"
                    </A>
                }))}
            </div>
            <label class="block">
                <span class="block text-sm font-medium text-slate-700">"Search by name"</span>
                <input
                    type="search"
                    name="query"
                    placeholder="e.g. gonz or maria g"
                    autocomplete="off"
                    bind:value=query
                    class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg"
                />
            </label>
            {loaded(results, |players| view! { <Results players/> })}
            {loaded(session, |session| rules::may_enroll(session.staff.role).then(|| view! { <EnrollForm/> }))}
        </section>
    }
}

#[component]
fn Results(players: Vec<PlayerMatch>) -> impl IntoView {
    if players.is_empty() {
        return view! { <p class="text-slate-600" data-testid="no-players">"No player matches."</p> }.into_any();
    }
    view! {
        <ul class="bg-white rounded-xl shadow-sm divide-y divide-slate-100" data-testid="player-results">
            {players
                .into_iter()
                .map(|found| {
                    let player = found.player;
                    let born = player.birth_date.map(|d| d.format("born %-d %b %Y").to_string()).unwrap_or_default();
                    let seated = found.seated_at.map(|at| view! {
                        <span class="text-sm text-emerald-800" data-testid="seated-at">{format!("at {}", at.label())}</span>
                    });
                    view! {
                        <li>
                            <A href=format!("/players/{}", player.id) attr:class="flex justify-between gap-2 px-4 py-3 min-h-12 hover:bg-slate-50">
                                <span class="flex gap-2 items-center">
                                    <span class="font-medium">{player.full_name()}</span>
                                    <ExclusionBadge kind=found.flag/>
                                    {seated}
                                </span>
                                <span class="text-slate-500 text-sm">{born}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
