//! The admin's games: each game's rating parameters (default limits, seats, house edge, pace and points), new
//! game variants, retiring one, and the floor plan of tables.

use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::table_context::{GameSettings, NewGame, rules};

use super::floor_plan::{FloorPlan, FloorPlanState, invalid};
use super::game_catalog::GameCatalog;
use super::game_fields::SettingsBoxes;
use super::{AddGame, RetireGame, UpdateGameSettings};
use crate::error::AppError;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, TextField, loaded, use_hydrated};

const SUBMIT: &str = "h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50";

/// `/games`, for admins: one form per game (slips already running keep the values frozen at their start), a
/// form to add a game, the retired games, and the floor plan: the tables, added, changed and retired.
#[component]
pub fn GamesPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let catalog = GameCatalog::new();
    let plan = FloorPlanState::new();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Games"</h1>
            <p class="text-slate-600">"Rating parameters apply to rating slips started after a change."</p>
            {loaded(session, move |session| {
                if rules::may_manage_games(session.staff.role) {
                    view! {
                        <ErrorBanner error=Signal::derive(move || catalog.retire.value().get().and_then(Result::err))/>
                        {loaded(catalog.games, move |games| view! {
                            <div class="grid md:grid-cols-2 gap-4">
                                {games.iter().filter(|g| g.retired_at.is_none()).cloned()
                                    .map(|current| view! { <GameSettingsForm current catalog/> }).collect_view()}
                            </div>
                            <RetiredGames games/>
                        })}
                        <AddGameForm catalog/>
                        <FloorPlan state=plan games=catalog.games/>
                    }
                    .into_any()
                } else {
                    view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn GameSettingsForm(current: GameSettings, catalog: GameCatalog) -> impl IntoView {
    let form = catalog.form(&current);
    let (game, name) = (current.game.clone(), current.name.clone());
    let saved_text = format!("{name} saved.");
    let save = form.save;
    let hydrated = use_hydrated();
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local_error.get().or_else(|| save.value().get().and_then(Result::err)));
    let saved = move || matches!(save.value().get(), Some(Ok(_))) && local_error.get().is_none();
    let submit = {
        let game = game.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match form.fields.read() {
                Ok(input) => {
                    local_error.set(None);
                    let request_id = form.intent.request_id(&(&game, &input));
                    save.dispatch(UpdateGameSettings { request_id, game: game.clone(), input });
                }
                Err(problems) => local_error.set(Some(invalid(problems))),
            }
        }
    };
    let retire = move |_| {
        let request_id = catalog.intent.request_id(&("retire", &game));
        catalog.retire.dispatch(RetireGame { request_id, game: game.clone() });
    };
    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-3" aria-label=name.clone()>
            <h2 class="text-xl font-semibold">{name.clone()}</h2>
            <ErrorBanner error/>
            <Show when=saved>
                <p role="status" class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3 text-emerald-800">
                    {saved_text.clone()}
                </p>
            </Show>
            <SettingsBoxes fields=form.fields error/>
            <div class="flex flex-wrap gap-2">
                <button type="submit" disabled=move || !hydrated.get() || save.pending().get() class=SUBMIT>
                    {move || if save.pending().get() { "Saving…" } else { "Save" }}
                </button>
                <button type="button" on:click=retire
                    disabled=move || !hydrated.get() || catalog.retire.pending().get()
                    title="No new table can deal it; its tables' history keeps it. Retire its tables first."
                    class="h-12 px-4 rounded-lg font-semibold border border-slate-300 text-red-800 disabled:opacity-50">
                    "Retire game"
                </button>
            </div>
        </form>
    }
}

/// Name and parameters of a new game variant.
#[component]
fn AddGameForm(catalog: GameCatalog) -> impl IntoView {
    let GameCatalog { add, intent, new_name, new_fields, .. } = catalog;
    let local = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local.get().or_else(|| add.value().get().and_then(Result::err)));
    let added = move || add.value().get().and_then(Result::ok).filter(|_| local.get().is_none());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match new_fields.read() {
            Ok(settings) => {
                local.set(None);
                let input = NewGame { name: new_name.get_untracked(), settings };
                add.dispatch(AddGame { request_id: intent.request_id(&input), input });
            }
            Err(problems) => local.set(Some(invalid(problems))),
        }
    };
    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-3" data-testid="add-game">
            <h2 class="text-xl font-semibold">"Add a game"</h2>
            <p class="text-slate-600">"A variant with its own house edge and pace, such as Mini-Baccarat or Pai Gow."</p>
            <ErrorBanner error/>
            {move || added().map(|game| view! {
                <p role="status" class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3 text-emerald-800">
                    {format!("{} added: tables can deal it now.", game.name)}
                </p>
            })}
            <TextField label="Name" name="name" value=new_name error/>
            <SettingsBoxes fields=new_fields error/>
            <button type="submit" disabled=move || add.pending().get() class=SUBMIT>"Add game"</button>
        </form>
    }
}

/// The games no new table can deal; their tables' history keeps them.
#[component]
fn RetiredGames(games: Vec<GameSettings>) -> impl IntoView {
    let retired: Vec<_> = games.into_iter().filter_map(|g| g.retired_at.map(|at| (g.name, at))).collect();
    (!retired.is_empty()).then(|| {
        view! {
            <section class="bg-white rounded-xl shadow-sm p-5" data-testid="retired-games">
                <h2 class="font-semibold">"Retired games"</h2>
                <ul class="mt-2 text-slate-700">
                    {retired.into_iter().map(|(name, at)| view! {
                        <li>{format!("{name}, retired {}", at.format("%Y-%m-%d"))}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
