//! The admin's loyalty settings: the authority limits per role and the comp rate, and the comp catalog (add
//! an item, change or retire one).

use leptos::prelude::*;
use pitboss::loyalty::authority::LoyaltySettings;
use pitboss::loyalty::comp::{CompCategory, CompItem, CompItemInput};
use pitboss::{ErrorCode, FieldError};

use super::{SaveCompItem, UpdateLoyaltySettings, comp_items, loyalty_settings, points_text};
use crate::error::AppError;
use crate::live::use_live;
use crate::ui::{FormOutcome, SaveForm, TextField, loaded, use_hydrated};
use pitboss::live::Entity;

/// The reads of both sections, created by the page before any boundary.
#[derive(Clone, Copy)]
pub struct LoyaltyDesk {
    settings: Resource<Result<LoyaltySettings, AppError>>,
    catalog: Resource<Result<Vec<CompItem>, AppError>>,
}

impl LoyaltyDesk {
    /// Reads the settings once and the catalog on every change to it.
    pub fn new() -> Self {
        let version = use_live().version_of(&[Entity::CompItem]);
        Self {
            settings: Resource::new(|| (), |_| loyalty_settings()),
            catalog: Resource::new(move || version.get(), |_| comp_items()),
        }
    }
}

impl Default for LoyaltyDesk {
    fn default() -> Self {
        Self::new()
    }
}

/// Both sections.
#[component]
pub fn LoyaltySettingsSection(desk: LoyaltyDesk) -> impl IntoView {
    let add = SaveForm::<SaveCompItem>::new();
    let draft = ItemDraft::new();
    view! {
        {loaded(desk.settings, |current| view! { <LimitsForm current/> })}
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-4" aria-label="Comp catalog">
            <h2 class="text-lg font-semibold">"Comp catalog"</h2>
            {loaded(desk.catalog, move |items| view! { <Catalog items draft/> })}
            <ItemForm draft form=add/>
        </section>
    }
}

#[component]
fn LimitsForm(current: LoyaltySettings) -> impl IntoView {
    let form = SaveForm::<UpdateLoyaltySettings>::new();
    let hydrated = use_hydrated();
    let field = |n: i32| RwSignal::new(n.to_string());
    let rate = field(current.comp_points_per_dollar);
    let boss_comp = field(current.pit_boss_comp_limit_points);
    let boss_day = field(current.pit_boss_day_limit_points);
    let cage_comp = field(current.cashier_comp_limit_points);
    let cage_day = field(current.cashier_day_limit_points);
    let (error, saved, save) = (form.error(), form.saved(), form.action);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let mut number = |name: &'static str, text: RwSignal<String>| {
            text.get_untracked().trim().replace(',', "").parse::<i32>().unwrap_or_else(|_| {
                problems.push(FieldError::new(name, ErrorCode::LoyaltyInvalidSettings));
                -1
            })
        };
        let input = LoyaltySettings {
            comp_points_per_dollar: number("comp_points_per_dollar", rate),
            pit_boss_comp_limit_points: number("pit_boss_comp_limit_points", boss_comp),
            pit_boss_day_limit_points: number("pit_boss_day_limit_points", boss_day),
            cashier_comp_limit_points: number("cashier_comp_limit_points", cage_comp),
            cashier_day_limit_points: number("cashier_day_limit_points", cage_day),
        };
        if problems.is_empty() {
            form.send(input, |request_id, input| UpdateLoyaltySettings { request_id, input });
        } else {
            form.refuse(problems);
        }
    };
    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-4" aria-label="Comp authority">
            <h2 class="text-lg font-semibold">"Comp authority"</h2>
            <p class="text-sm text-slate-700">
                "Discretionary points a role may give on its own; beyond them a supervisor approves. Admins have no limit."
            </p>
            <FormOutcome error saved saved_text="Comp authority saved."/>
            <TextField label="Pit boss: points per comp" name="pit_boss_comp_limit_points" value=boss_comp error/>
            <TextField label="Pit boss: points per shift" name="pit_boss_day_limit_points" value=boss_day error/>
            <TextField label="Cashier: points per comp" name="cashier_comp_limit_points" value=cage_comp error/>
            <TextField label="Cashier: points per shift" name="cashier_day_limit_points" value=cage_day error/>
            <TextField label="Comps at value: points per dollar" name="comp_points_per_dollar" value=rate error/>
            <button type="submit" disabled=move || !hydrated.get() || save.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">
                "Save comp authority"
            </button>
        </form>
    }
}

/// The item being added or changed: kept with the section, so a live re-read of the catalog keeps it.
#[derive(Clone, Copy)]
struct ItemDraft {
    editing: RwSignal<Option<CompItem>>,
    name: RwSignal<String>,
    cost: RwSignal<String>,
    category: RwSignal<CompCategory>,
    active: RwSignal<bool>,
}

impl ItemDraft {
    fn new() -> Self {
        Self {
            editing: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            cost: RwSignal::new(String::new()),
            category: RwSignal::new(CompCategory::Food),
            active: RwSignal::new(true),
        }
    }

    fn edit(self, item: Option<CompItem>) {
        self.name.set(item.as_ref().map(|i| i.name.clone()).unwrap_or_default());
        self.cost.set(item.as_ref().and_then(|i| i.point_cost).map(|c| c.to_string()).unwrap_or_default());
        self.category.set(item.as_ref().map_or(CompCategory::Food, |i| i.category));
        self.active.set(item.as_ref().is_none_or(|i| i.active));
        self.editing.set(item);
    }

    fn read(self) -> Result<CompItemInput, Vec<FieldError>> {
        let cost = self.cost.get_untracked();
        let point_cost = match cost.trim().replace(',', "") {
            empty if empty.is_empty() => None,
            typed => match typed.parse::<i32>() {
                Ok(cost) => Some(cost),
                Err(_) => return Err(vec![FieldError::new("point_cost", ErrorCode::CompItemInvalidCost)]),
            },
        };
        Ok(CompItemInput {
            id: self.editing.get_untracked().map(|item| item.id),
            name: self.name.get_untracked(),
            category: self.category.get_untracked(),
            point_cost,
            active: self.active.get_untracked(),
        })
    }
}

#[component]
fn Catalog(items: Vec<CompItem>, draft: ItemDraft) -> impl IntoView {
    view! {
        <ul class="divide-y divide-slate-100">
            {items
                .into_iter()
                .map(|item| {
                    let price = item
                        .point_cost
                        .map_or_else(|| "at value".to_owned(), |cost| format!("{} pts", points_text(cost.into())));
                    let state = if item.active { "" } else { " · retired" };
                    let line = format!("{} · {} · {price}{state}", item.name, item.category.label());
                    let chosen = item.clone();
                    view! {
                        <li class="py-2 flex items-center justify-between gap-2" data-testid="comp-item"
                            data-active=item.active.to_string()>
                            <span>{line}</span>
                            <button type="button" class="h-12 px-4 rounded-lg border border-slate-300 font-semibold"
                                on:click=move |_| draft.edit(Some(chosen.clone()))>"Change"</button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn ItemForm(draft: ItemDraft, form: SaveForm<SaveCompItem>) -> impl IntoView {
    let hydrated = use_hydrated();
    let (error, saved, save) = (form.error(), form.saved(), form.action);
    Effect::new(move || {
        if let Some(Ok(_)) = save.value().get() {
            draft.edit(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.read() {
            Ok(input) => form.send(input, |request_id, input| SaveCompItem { request_id, input }),
            Err(problems) => form.refuse(problems),
        }
    };
    let title = move || if draft.editing.get().is_some() { "Change comp" } else { "Add a comp" };
    view! {
        <form on:submit=submit class="space-y-3 border-t border-slate-200 pt-3" aria-label="Comp item">
            <h3 class="font-semibold">{title}</h3>
            <FormOutcome error saved saved_text="Comp saved."/>
            <TextField label="Name" name="name" value=draft.name error/>
            <div class="flex flex-wrap gap-2" role="group" aria-label="Category">
                {CompCategory::ALL
                    .into_iter()
                    .map(|choice| view! {
                        <button type="button" class="h-12 px-3 rounded-lg border border-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white"
                            aria-pressed=move || (draft.category.get() == choice).to_string()
                            on:click=move |_| draft.category.set(choice)>{choice.label()}</button>
                    })
                    .collect_view()}
            </div>
            <TextField label="Point cost (empty: priced at value)" name="point_cost" value=draft.cost error/>
            <label class="flex items-center gap-2 min-h-12">
                <input type="checkbox" name="active" prop:checked=move || draft.active.get()
                    on:change=move |ev| draft.active.set(event_target_checked(&ev))/>
                "Offered"
            </label>
            <button type="submit" disabled=move || !hydrated.get() || save.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">
                "Save comp"
            </button>
        </form>
    }
}
