//! The admin's floor plan on `/games`: every table on the floor with its pit, limits and seats, a form to add
//! one, and per table a form to change it or retire it. Open pit dashboards follow every change live.

use leptos::prelude::*;
use pitboss::live::Entity;
use pitboss::money::{format_hundredths, parse_hundredths};
use pitboss::table_context::{GameKey, GameSettings, NewTable, TableCard, TableChange, TableId, TableStatus};
use pitboss::{ErrorCode, FieldError};

use super::{AddTable, RetireTable, UpdateTable, list_tables};
use crate::error::AppError;
use crate::live::use_live;
use crate::ui::{ErrorBanner, Intent, TextField, loaded};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold border border-slate-300 disabled:opacity-50";

/// The floor plan's tables and actions, created with the page before any boundary (so the server and the
/// browser number the resource alike).
#[derive(Clone, Copy)]
pub struct FloorPlanState {
    tables: Resource<Result<Vec<TableCard>, AppError>>,
    add: ServerAction<AddTable>,
    update: ServerAction<UpdateTable>,
    retire: ServerAction<RetireTable>,
    editing: RwSignal<Option<TableId>>,
    intent: Intent,
}

impl FloorPlanState {
    /// The state, re-reading the tables when any table or game changes, here or elsewhere.
    pub fn new() -> Self {
        let version = use_live().version_of(&[Entity::GamingTable, Entity::GameSettings]);
        let (add, update, retire) = (ServerAction::new(), ServerAction::new(), ServerAction::new());
        let tables = Resource::new(
            move || (version.get(), add.version().get(), update.version().get(), retire.version().get()),
            |_| list_tables(),
        );
        let (editing, intent) = (RwSignal::new(None), Intent::new());
        intent.renew_after(move || update.value().get());
        intent.renew_after(move || retire.value().get());
        Effect::new(move || {
            if matches!(update.value().get(), Some(Ok(_))) {
                editing.set(None);
            }
        });
        Self { tables, add, update, retire, editing, intent }
    }
}

impl Default for FloorPlanState {
    fn default() -> Self {
        Self::new()
    }
}

/// The tables on the floor and the forms that change them; a new table deals one of `games` not retired.
#[component]
pub fn FloorPlan(state: FloorPlanState, games: Resource<Result<Vec<GameSettings>, AppError>>) -> impl IntoView {
    let FloorPlanState { tables, add, update, retire, editing, intent } = state;
    let error = Signal::derive(move || {
        [update.value().get(), retire.value().get()].into_iter().flatten().find_map(Result::err)
    });
    view! {
        <section class="space-y-4" aria-labelledby="floor-plan-title">
            <h2 id="floor-plan-title" class="text-xl font-semibold">"Tables"</h2>
            <AddTableForm add games/>
            <ErrorBanner error/>
            {loaded(tables, move |tables| view! {
                <div class="bg-white rounded-xl shadow-sm overflow-hidden">
                    <table class="w-full text-left" data-testid="floor-plan">
                        <thead class="bg-slate-100 text-sm text-slate-600">
                            <tr>
                                <th class="px-4 py-2">"Table"</th>
                                <th class="px-4 py-2">"Pit"</th>
                                <th class="px-4 py-2">"Limits"</th>
                                <th class="px-4 py-2">"Seats"</th>
                                <th class="px-4 py-2"><span class="sr-only">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {tables.into_iter().map(|table| view! {
                                <TableRow table editing update retire intent/>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

#[component]
fn TableRow(
    table: TableCard,
    editing: RwSignal<Option<TableId>>,
    update: ServerAction<UpdateTable>,
    retire: ServerAction<RetireTable>,
    intent: Intent,
) -> impl IntoView {
    let id = table.id;
    let open = table.status == TableStatus::Active;
    let limits = format!("${} – ${}", format_hundredths(table.min_bet.0), format_hundredths(table.max_bet.0));
    let label = table.label.clone();
    let row = view! {
        <tr class="border-t border-slate-100" data-testid="floor-plan-row" data-label=label.clone()>
            <td class="px-4 py-3 font-medium">{label.clone()} " " <span class="text-slate-500">{table.game_name.clone()}</span></td>
            <td class="px-4 py-3">{table.pit.clone()}</td>
            <td class="px-4 py-3">{limits}</td>
            <td class="px-4 py-3">{table.seats}</td>
            <td class="px-4 py-3">
                <span class="flex flex-wrap gap-2">
                    <button type="button" class=BUTTON
                        on:click=move |_| editing.update(|open| *open = if *open == Some(id) { None } else { Some(id) })>
                        "Edit"
                    </button>
                    <button type="button" class=format!("{BUTTON} text-red-800")
                        disabled=move || open || retire.pending().get()
                        title=if open { "Close the table first" } else { "Take it off the floor; it stays in history" }
                        on:click=move |_| {
                            let request_id = intent.request_id(&("retire", id));
                            retire.dispatch(RetireTable { request_id, table_id: id });
                        }>
                        "Retire"
                    </button>
                </span>
            </td>
        </tr>
    };
    let table = StoredValue::new(table);
    let form = move || {
        (editing.get() == Some(id)).then(|| {
            view! {
                <tr class="bg-slate-50">
                    <td colspan="5" class="px-4 py-3">
                        <ChangeForm table=table.get_value() update intent/>
                    </td>
                </tr>
            }
        })
    };
    view! { {row} {form} }
}

/// Pit, limits and seats of one table.
#[component]
fn ChangeForm(table: TableCard, update: ServerAction<UpdateTable>, intent: Intent) -> impl IntoView {
    let id = table.id;
    let pit = RwSignal::new(table.pit.clone());
    let min = RwSignal::new(format_hundredths(table.min_bet.0));
    let max = RwSignal::new(format_hundredths(table.max_bet.0));
    let seats = RwSignal::new(table.seats.to_string());
    let local = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local.get().or_else(|| update.value().get().and_then(Result::err)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_placement(&min.get_untracked(), &max.get_untracked(), &seats.get_untracked()) {
            Ok((min_bet_cents, max_bet_cents, seats)) => {
                local.set(None);
                let change = TableChange { pit: pit.get_untracked(), min_bet_cents, max_bet_cents, seats };
                let request_id = intent.request_id(&("update", id, &change));
                update.dispatch(UpdateTable { request_id, table_id: id, change });
            }
            Err(problems) => local.set(Some(invalid(problems))),
        }
    };
    view! {
        <form on:submit=submit class="grid sm:grid-cols-5 gap-3 items-end" data-testid="floor-plan-change">
            <TextField label="Pit" name="pit" value=pit error/>
            <TextField label="Minimum bet ($)" name="min_bet_cents" value=min error/>
            <TextField label="Maximum bet ($)" name="max_bet_cents" value=max error/>
            <TextField label="Seats" name="seats" value=seats error/>
            <button type="submit" disabled=move || update.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">
                "Save table"
            </button>
        </form>
    }
}

/// Label, pit, game, limits and (optionally) seats of a new table.
#[component]
fn AddTableForm(add: ServerAction<AddTable>, games: Resource<Result<Vec<GameSettings>, AppError>>) -> impl IntoView {
    let (label, pit, game) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (min, max, seats) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let intent = Intent::new();
    intent.renew_after(move || add.value().get());
    let local = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local.get().or_else(|| add.value().get().and_then(Result::err)));
    let added = move || add.value().get().and_then(Result::ok).filter(|_| local.get().is_none());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_placement(&min.get_untracked(), &max.get_untracked(), &seats.get_untracked()) {
            Ok((min_bet_cents, max_bet_cents, seats)) => {
                local.set(None);
                let input = NewTable {
                    label: label.get_untracked(),
                    pit: pit.get_untracked(),
                    game: GameKey::new(&game.get_untracked()),
                    min_bet_cents,
                    max_bet_cents,
                    seats,
                };
                add.dispatch(AddTable { request_id: intent.request_id(&input), input });
            }
            Err(problems) => local.set(Some(invalid(problems))),
        }
    };
    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-3" data-testid="floor-plan-add">
            <h3 class="font-semibold">"Add a table"</h3>
            <ErrorBanner error/>
            {move || added().map(|table| view! {
                <p role="status" class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3 text-emerald-800">
                    {format!("{} added to {}: open it from the pit.", table.label, table.pit)}
                </p>
            })}
            <div class="grid sm:grid-cols-3 gap-3">
                <TextField label="Label" name="label" value=label error/>
                <TextField label="Pit" name="pit" value=pit error/>
                <label class="block">
                    <span class="block text-sm font-medium text-slate-700">"Game"</span>
                    {loaded(games, move |games| view! { <GameSelect games game/> })}
                </label>
                <TextField label="Minimum bet ($)" name="min_bet_cents" value=min error/>
                <TextField label="Maximum bet ($)" name="max_bet_cents" value=max error/>
                <TextField label="Seats (blank: the game's)" name="seats" value=seats error/>
            </div>
            <button type="submit" disabled=move || add.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">
                "Add table"
            </button>
        </form>
    }
}

/// The games a new table may deal (not retired), by name; `game` holds the chosen key, the first game's until
/// the admin chooses (or when the chosen one is retired).
#[component]
fn GameSelect(games: Vec<GameSettings>, game: RwSignal<String>) -> impl IntoView {
    let dealt: Vec<_> = games.into_iter().filter(|g| g.retired_at.is_none()).collect();
    if !dealt.iter().any(|g| g.game.as_str() == game.get_untracked()) {
        game.set(dealt.first().map(|g| g.game.to_string()).unwrap_or_default());
    }
    view! {
        <select name="game" bind:value=game class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg">
            {dealt.into_iter().map(|g| view! { <option value=g.game.to_string()>{g.name}</option> }).collect_view()}
        </select>
    }
}

/// Dollar limits and an optional seat count typed in boxes, in the server's units; text that is not a
/// number is flagged here, every range rule is the server's.
fn read_placement(min: &str, max: &str, seats: &str) -> Result<(i64, i64, Option<i16>), Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut money = |field: &'static str, text: &str| {
        parse_hundredths(text).unwrap_or_else(|_| {
            problems.push(FieldError::new(field, ErrorCode::GameInvalidLimits));
            0
        })
    };
    let (min, max) = (money("min_bet_cents", min), money("max_bet_cents", max));
    let seats = match seats.trim() {
        "" => None,
        text => match text.parse::<i16>() {
            Ok(seats) => Some(seats),
            Err(_) => {
                problems.push(FieldError::new("seats", ErrorCode::GameInvalidSeats));
                None
            }
        },
    };
    if problems.is_empty() { Ok((min, max, seats)) } else { Err(problems) }
}

/// The error a form shows for boxes whose text is not a number.
pub(super) fn invalid(problems: Vec<FieldError>) -> AppError {
    AppError::new(ErrorCode::ValidationFailed).with_fields(problems)
}
