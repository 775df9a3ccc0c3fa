//! "Write a comp" on a player's page: a catalog item (its value for one priced at value) or free-form points,
//! a quantity and a note. Within the writer's authority the balance drops at once; beyond it the comp waits
//! for a supervisor.

use leptos::prelude::*;
use pitboss::casino::StaffRole;
use pitboss::loyalty::comp::{CompItem, CompItemId};
use pitboss::loyalty::request::{LoyaltyRequest, Redemption, RequestStatus};
use pitboss::money::Cents;
use pitboss::player::PlayerId;
use pitboss::{ErrorCode, FieldError};

use super::{RedeemFn, comp_items, points_text};
use crate::error::AppError;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, SaveForm, TextField, loaded, use_hydrated};

const CHOICE: &str =
    "min-h-12 px-3 rounded-lg border border-slate-300 text-left aria-pressed:bg-slate-900 aria-pressed:text-white";

/// What the player page's loyalty forms need: the reader's role, and the catalog's offered items for roles
/// that write comps (pit bosses, cashiers, admins).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompDesk {
    /// The signed-in role.
    pub role: StaffRole,
    /// Offered items; `None` for roles that write no comps.
    pub items: Option<Vec<CompItem>>,
}

/// The desk's read. Created by the page before any boundary.
pub type CompDeskResource = Resource<Result<CompDesk, AppError>>;

/// Reads the role, then the catalog if the role writes comps.
pub fn comp_catalog_resource() -> CompDeskResource {
    let session = expect_context::<SessionResource>();
    Resource::new(
        || (),
        move |_| async move {
            let role = session.await?.staff.role;
            let items = if matches!(role, StaffRole::PitBoss | StaffRole::Cashier | StaffRole::Admin) {
                Some(comp_items().await?.into_iter().filter(|item| item.active).collect())
            } else {
                None
            };
            Ok(CompDesk { role, items })
        },
    )
}

/// The section, for roles that write comps.
#[component]
pub fn PlayerCompSection(player_id: PlayerId, catalog: CompDeskResource) -> impl IntoView {
    // The form's state lives outside the catalog's boundary, so a re-read never wipes what is being typed.
    let form = SaveForm::<RedeemFn>::new();
    let choice = RwSignal::new(None::<CompItemId>);
    let fields = CompFields::new();
    loaded(catalog, move |desk| desk.items.map(|items| view! { <CompForm player_id items form choice fields/> }))
}

/// What is typed, kept across re-renders.
#[derive(Clone, Copy)]
struct CompFields {
    points: RwSignal<String>,
    value: RwSignal<String>,
    quantity: RwSignal<String>,
    note: RwSignal<String>,
}

impl CompFields {
    fn new() -> Self {
        let empty = || RwSignal::new(String::new());
        Self { points: empty(), value: empty(), quantity: RwSignal::new("1".to_owned()), note: empty() }
    }

    /// The comp as typed, or the fields the browser can already tell are wrong.
    fn read(self, player_id: PlayerId, item: Option<&CompItem>) -> Result<Redemption, Vec<FieldError>> {
        let mut problems = Vec::new();
        let quantity = self.quantity.get_untracked().trim().parse::<i32>().unwrap_or_else(|_| {
            problems.push(FieldError::new("quantity", ErrorCode::LoyaltyInvalidQuantity));
            0
        });
        let (points, value) = match item {
            None => match self.points.get_untracked().trim().replace(',', "").parse::<i32>() {
                Ok(points) if points > 0 => (Some(points), None),
                _ => {
                    problems.push(FieldError::new("points", ErrorCode::LoyaltyInvalidPoints));
                    (None, None)
                }
            },
            Some(item) if item.point_cost.is_none() => match Cents::parse_dollars(&self.value.get_untracked()) {
                Ok(value) if value.is_positive() => (None, Some(value)),
                _ => {
                    problems.push(FieldError::new("value", ErrorCode::LoyaltyInvalidValue));
                    (None, None)
                }
            },
            Some(_) => (None, None),
        };
        let input = Redemption {
            player_id,
            item_id: item.map(|i| i.id),
            points,
            value,
            quantity,
            note: self.note.get_untracked(),
        };
        if problems.is_empty() { Ok(input) } else { Err(problems) }
    }

    fn clear(self) {
        self.points.set(String::new());
        self.value.set(String::new());
        self.quantity.set("1".to_owned());
        self.note.set(String::new());
    }
}

#[component]
fn CompForm(
    player_id: PlayerId,
    items: Vec<CompItem>,
    form: SaveForm<RedeemFn>,
    choice: RwSignal<Option<CompItemId>>,
    fields: CompFields,
) -> impl IntoView {
    let hydrated = use_hydrated();
    let (error, save) = (form.error(), form.action);
    let catalog = StoredValue::new(items.clone());
    let chosen =
        move || choice.get().and_then(|id| catalog.with_value(|items| items.iter().find(|i| i.id == id).cloned()));
    Effect::new(move || {
        if let Some(Ok(_)) = save.value().get() {
            fields.clear();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.read(player_id, chosen().as_ref()) {
            Ok(input) => form.send(input, |request_id, input| RedeemFn { request_id, input }),
            Err(problems) => form.refuse(problems),
        }
    };
    let at_value = move || chosen().is_some_and(|item| item.point_cost.is_none());
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3" aria-label="Comps" id="comp">
            <h2 class="text-lg font-semibold">"Write a comp"</h2>
            <form on:submit=submit class="space-y-3" aria-label="Write a comp">
                <div class="grid grid-cols-2 sm:grid-cols-3 gap-2" role="group" aria-label="Comp">
                    {items
                        .into_iter()
                        .map(|item| {
                            let id = item.id;
                            let price = item
                                .point_cost
                                .map_or_else(|| "at value".to_owned(), |cost| format!("{} pts", points_text(cost.into())));
                            view! {
                                <button type="button" class=CHOICE aria-pressed=move || (choice.get() == Some(id)).to_string()
                                    on:click=move |_| choice.set(Some(id))>
                                    <span class="block font-semibold">{item.name}</span>
                                    <span class="block text-sm">{format!("{} · {price}", item.category.label())}</span>
                                </button>
                            }
                        })
                        .collect_view()}
                    <button type="button" class=CHOICE aria-pressed=move || choice.get().is_none().to_string()
                        on:click=move |_| choice.set(None)>
                        <span class="block font-semibold">"Free-form"</span>
                        <span class="block text-sm">"points and a note"</span>
                    </button>
                </div>
                <Show when=move || choice.get().is_none()>
                    <TextField label="Points" name="points" kind="number" value=fields.points error/>
                </Show>
                <Show when=at_value>
                    <TextField label="Value ($)" name="value" value=fields.value error/>
                </Show>
                <TextField label="Quantity" name="quantity" kind="number" value=fields.quantity error/>
                <TextField label="Note" name="note" value=fields.note error/>
                <button type="submit" disabled=move || !hydrated.get() || save.pending().get()
                    class="h-12 px-6 rounded-lg bg-indigo-700 text-white font-semibold disabled:opacity-50">
                    "Write comp"
                </button>
                <ErrorBanner error/>
            </form>
            {move || save.value().get().and_then(Result::ok).map(|comp| view! { <CompOutcome comp/> })}
        </section>
    }
}

/// What became of the comp just written: done, with the balance, or waiting for approval.
#[component]
fn CompOutcome(comp: LoyaltyRequest) -> impl IntoView {
    let text = match (comp.status, comp.balance_after) {
        (RequestStatus::Approved, Some(balance)) => format!(
            "Comp #{} written: {} points. Balance now {} points.",
            comp.number,
            points_text(-comp.points),
            points_text(balance)
        ),
        _ => format!(
            "Comp #{} of {} points is beyond your authority: it waits for a supervisor's approval.",
            comp.number,
            points_text(-comp.points)
        ),
    };
    view! {
        <p role="status" data-testid="comp-outcome" data-status=format!("{:?}", comp.status).to_lowercase()
            class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3 text-emerald-900">
            {text}" "
            <a class="underline inline-block min-h-12 leading-[3rem]" href=format!("/comps/{}", comp.id.0)>"Comp slip"</a>
        </p>
    }
}
