//! A table's detail panel: open or close it (with a confirmation), put a dealer on it, see who dealt it.

use leptos::prelude::*;
use pitboss::casino::StaffId;
use pitboss::table_accounting::CountKind;
use pitboss::table_context::{DealerOption, Rotation, TableDetail, TableId, TableStatus};

use super::card::StatusBadge;
use super::{AssignDealer, CloseTable, OpenTable, get_table_detail};
use crate::error::AppError;
use crate::floor::{LiveSeats, SeatMap};
use crate::live::use_live;
use crate::table_accounting::{Tray, TraySection};
use crate::ui::{ConfirmButton, ErrorBanner, Intent, TextField, clock_time, loaded};
use pitboss::ErrorCode;

/// The panel's actions live here, outside the re-read detail, so their state survives every refresh.
#[derive(Clone, Copy)]
struct Actions {
    open: ServerAction<OpenTable>,
    close: ServerAction<CloseTable>,
    assign: ServerAction<AssignDealer>,
    intents: (Intent, Intent, Intent),
}

impl Actions {
    /// `refresh` re-reads the floor after a success, for when the live stream is down (else its event does).
    fn new(refresh: RwSignal<u64>) -> Self {
        let actions = Self {
            open: ServerAction::new(),
            close: ServerAction::new(),
            assign: ServerAction::new(),
            intents: (Intent::new(), Intent::new(), Intent::new()),
        };
        let (open, close, assign) = (actions.open, actions.close, actions.assign);
        let live = use_live();
        actions.intents.0.renew_after(move || open.value().get());
        actions.intents.1.renew_after(move || close.value().get());
        actions.intents.2.renew_after(move || assign.value().get());
        Effect::new(move || {
            let succeeded = [open.version().get(), close.version().get(), assign.version().get()];
            if succeeded.iter().any(|v| *v > 0) && !live.is_live() {
                refresh.update(|n| *n += 1);
            }
        });
        actions
    }

    fn close_table(self, table_id: TableId, force_reason: Option<String>) {
        let request_id = self.intents.1.request_id(&(table_id, &force_reason));
        self.close.dispatch(CloseTable { request_id, table_id, force_reason });
    }

    /// Whether the last close was refused because players are still rated there.
    fn refused_for_open_slips(self) -> bool {
        matches!(self.close.value().get(), Some(Err(e)) if e.code == ErrorCode::TableHasOpenSlips)
    }

    fn pending(self) -> bool {
        self.open.pending().get() || self.close.pending().get() || self.assign.pending().get()
    }

    /// The latest failure of any action, to show above the panel's controls.
    fn error(self) -> Option<AppError> {
        [self.open.value().get().and_then(Result::err), self.close.value().get().and_then(Result::err)]
            .into_iter()
            .chain([self.assign.value().get().and_then(Result::err)])
            .flatten()
            .next()
    }
}

/// A drawer over the grid with one table's controls and history (re-read whenever the table changes), and its
/// seats as the dashboard shows them.
#[component]
pub fn TableDetailPanel(
    table_id: TableId,
    version: Memo<u64>,
    refresh: RwSignal<u64>,
    seats: LiveSeats,
    seat: Signal<Option<i16>>,
    on_seat: Callback<Option<i16>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let detail = Resource::new(move || (table_id, version.get(), refresh.get()), |(id, _, _)| get_table_detail(id));
    let actions = Actions::new(refresh);
    let tray = Tray::new(table_id, refresh);
    let table_active = Signal::derive(move || {
        detail.get().and_then(Result::ok).is_some_and(|d| d.table.status == TableStatus::Active)
    });
    view! {
        <TableDrawer on_close>
            <ErrorBanner error=Signal::derive(move || actions.error())/>
            // With a seat open the table's own controls step aside (kept, not rebuilt), so on a tablet the slip's
            // actions sit under the seats without scrolling; back, or a second tap on the seat, brings them back.
            <div class="space-y-5" class:hidden=move || seat.get().is_some()>
                {loaded(detail, move |detail| view! { <DetailBody detail actions tray/> })}
                <Show when=move || actions.refused_for_open_slips()>
                    <ForceClose table_id actions/>
                </Show>
            </div>
            <SeatMap table_id table_active seats selected=seat on_select=on_seat/>
        </TableDrawer>
    }
}

/// The drawer a table opens in, over the grid, with the way back to it: the panel's frame, and also what shows
/// while the panel's own module is still on its way (`busy`).
#[component]
pub fn TableDrawer(on_close: Callback<()>, #[prop(optional)] busy: bool, children: Children) -> impl IntoView {
    view! {
        <div class="fixed inset-0 bg-slate-900/40 z-10" on:click=move |_| on_close.run(())></div>
        <aside
            role="dialog"
            aria-label="Table detail"
            aria-busy=busy.then_some("true")
            class="fixed inset-y-0 right-0 z-20 w-full md:w-[30rem] bg-white shadow-xl overflow-y-auto p-5 space-y-5"
        >
            <button
                type="button"
                on:click=move |_| on_close.run(())
                class="h-12 px-4 rounded-lg bg-slate-100 text-slate-900 font-medium"
            >
                "← Back to tables"
            </button>
            {children()}
        </aside>
    }
}

/// Closing a table with players rated: a reason closes their slips too, all at once.
#[component]
fn ForceClose(table_id: TableId, actions: Actions) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    view! {
        <div class="rounded-lg border border-red-300 bg-red-50 p-4 space-y-3" data-testid="force-close">
            <TextField label="Reason for closing with players rated" name="force_reason" value=reason/>
            <ConfirmButton
                label="Close table and end their slips"
                confirm="Confirm: end slips and close".to_owned()
                disabled=Signal::derive(move || actions.pending())
                tone="bg-red-700 text-white"
                on_confirm=Callback::new(move |()| actions.close_table(table_id, Some(reason.get_untracked())))
            />
        </div>
    }
}

#[component]
fn DetailBody(detail: TableDetail, actions: Actions, tray: Tray) -> impl IntoView {
    let table = detail.table.clone();
    let id = table.id;
    let label = table.label.clone();
    // The tray is counted before the table opens or closes; the server refuses otherwise, the buttons wait.
    let (needed, hint) = match table.status {
        TableStatus::Active => (CountKind::Closing, "Record the closing count below to close the table."),
        TableStatus::Inactive | TableStatus::Closed => {
            (CountKind::Opening, "Record the opening count below to open the table.")
        }
    };
    let counted = Signal::derive(move || tray.latest_kind() == Some(needed));
    let busy = Signal::derive(move || actions.pending() || !counted.get());
    let state_action = match table.status {
        TableStatus::Active => view! {
            <ConfirmButton
                label="Close table"
                confirm=format!("Confirm: close {label}")
                disabled=busy
                on_confirm=Callback::new(move |()| actions.close_table(id, None))
            />
        }
        .into_any(),
        TableStatus::Inactive | TableStatus::Closed => view! {
            <ConfirmButton
                label="Open table"
                confirm=format!("Confirm: open {label}")
                disabled=busy
                tone="bg-emerald-700 text-white"
                on_confirm=Callback::new(move |()| {
                    actions.open.dispatch(OpenTable { request_id: actions.intents.0.request_id(&id), table_id: id });
                })
            />
        }
        .into_any(),
    };
    view! {
        <header class="space-y-1">
            <div class="flex items-center justify-between gap-3">
                <h2 class="text-2xl font-bold" data-testid="detail-label">{table.label.clone()}</h2>
                <StatusBadge status=table.status/>
            </div>
            <p class="text-slate-600">
                {format!("{} · {} · {} – {} · {} seats", table.pit, table.game_name, table.min_bet.short(), table.max_bet.short(), table.seats)}
            </p>
        </header>
        <div class="space-y-2">
            {state_action}
            <p class="text-slate-600" data-testid="count-hint" class:hidden=move || counted.get()>{hint}</p>
        </div>
        <TraySection tray table_id=id status=table.status dealers=detail.dealers.clone()/>
        <DealerSection detail=detail.clone() actions/>
        <RotationHistory rotations=detail.rotations/>
    }
}

#[component]
fn DealerSection(detail: TableDetail, actions: Actions) -> impl IntoView {
    let table_id = detail.table.id;
    let current = detail.table.dealer.as_ref().map_or_else(|| "No dealer".to_owned(), |d| d.name.clone());
    let choice = RwSignal::new(String::new());
    let control = if detail.rotation_readonly {
        view! {
            <p class="rounded-lg bg-amber-50 border border-amber-300 px-4 py-3 text-amber-900" data-testid="rotation-readonly">
                "Dealer rotation is read-only at this casino right now; the history stays visible."
            </p>
        }
        .into_any()
    } else if detail.table.status != TableStatus::Active {
        view! { <p class="text-slate-600">"Open the table to assign a dealer."</p> }.into_any()
    } else {
        let assign = move || {
            if let Ok(dealer) = choice.get_untracked().parse::<uuid::Uuid>() {
                let request_id = actions.intents.2.request_id(&(table_id, dealer));
                actions.assign.dispatch(AssignDealer { request_id, table_id, dealer_id: StaffId(dealer) });
            }
        };
        let (here, dealers) = (detail.table.label.clone(), StoredValue::new(detail.dealers.clone()));
        // The chosen dealer's name and the other table they are dealing now: assigning them moves them, so ask.
        let moving = move || {
            let chosen = choice.get();
            dealers.with_value(|all| {
                let dealer = all.iter().find(|d| d.id.0.to_string() == chosen)?;
                let from = dealer.at_table.clone().filter(|at| *at != here)?;
                Some((dealer.name.clone(), from))
            })
        };
        let disabled = Signal::derive(move || choice.get().is_empty() || actions.pending());
        let button = move || match moving() {
            Some((name, from)) => view! {
                <p class="w-full text-amber-900" data-testid="dealer-moves">
                    {format!("{name} is dealing at {from}: assigning them here takes them off {from}.")}
                </p>
                <ConfirmButton label="Assign dealer" confirm=format!("Confirm: move {name} from {from}") disabled
                    tone="bg-slate-900 text-white" on_confirm=Callback::new(move |()| assign())/>
            }
            .into_any(),
            None => view! {
                <button
                    type="button"
                    on:click=move |_| assign()
                    disabled=move || disabled.get()
                    class="h-12 px-5 rounded-lg bg-slate-900 text-white font-semibold disabled:opacity-50"
                >
                    "Assign dealer"
                </button>
            }
            .into_any(),
        };
        view! {
            <div class="flex flex-wrap gap-2 items-end">
                <label class="grow">
                    <span class="block text-sm font-medium text-slate-700">"Dealer"</span>
                    <select
                        name="dealer"
                        class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg bg-white"
                        on:change=move |ev| choice.set(event_target_value(&ev))
                    >
                        <option value="">"Choose a dealer"</option>
                        {detail.dealers.iter().map(dealer_option).collect_view()}
                    </select>
                </label>
                {button}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="space-y-2">
            <h3 class="text-lg font-semibold">"Dealer"</h3>
            <p>"Now dealing: " <strong data-testid="current-dealer">{current}</strong></p>
            {control}
        </section>
    }
}

fn dealer_option(dealer: &DealerOption) -> impl IntoView + use<> {
    let text = match &dealer.at_table {
        Some(table) => format!("{} (at {table})", dealer.name),
        None => dealer.name.clone(),
    };
    view! { <option value=dealer.id.0.to_string()>{text}</option> }
}

#[component]
fn RotationHistory(rotations: Vec<Rotation>) -> impl IntoView {
    let rows = if rotations.is_empty() {
        view! { <li class="text-slate-500">"No dealer has been assigned yet."</li> }.into_any()
    } else {
        rotations
            .into_iter()
            .map(|r| {
                let until = r.ended_at.map_or_else(|| "now".to_owned(), clock_time);
                view! {
                    <li class="flex justify-between border-b border-slate-100 py-2">
                        <span>{r.dealer_name}</span>
                        <span class="text-slate-600">{format!("{} – {until}", clock_time(r.started_at))}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="space-y-2">
            <h3 class="text-lg font-semibold">"Rotation history"</h3>
            <ul data-testid="rotation-history">{rows}</ul>
        </section>
    }
}
