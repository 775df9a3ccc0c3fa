//! `/cage`: the cashier's window on the pits. Fills and credits waiting for the cage, live, to confirm or
//! refuse; and the count room's drop entry per table and gaming day. Cashiers and admins.

use chrono::NaiveDate;
use leptos::prelude::*;
use pitboss::live::Entity;
use pitboss::table_accounting::{CageRequest, rules};
use pitboss::table_context::TableCard;
use pitboss::{Cents, ErrorCode, FieldError};

use super::chips::chips_line;
use super::{CancelCageRequest, ConfirmCageRequest, RecordDrop, pending_cage_requests};
use crate::auth::SessionView;
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::table_context::list_tables;
use crate::ui::{ErrorBanner, Intent, TextField, clock_time, loaded};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";

/// The page; the queue and the drop form for the cage, a refusal for anyone else.
#[component]
pub fn CagePage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    // Created before any boundary, so the server and the browser number them alike.
    let version = use_live().version_of(&[Entity::TableCageRequest]);
    let pending = Resource::new(move || version.get(), |_| pending_cage_requests());
    let tables = Resource::new(|| (), |()| list_tables());
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Cage"</h1>
            {loaded(session, move |session| cage_for(&session, pending, tables))}
        </section>
    }
}

fn cage_for(
    session: &SessionView,
    pending: Resource<Result<Vec<CageRequest>, AppError>>,
    tables: Resource<Result<Vec<TableCard>, AppError>>,
) -> AnyView {
    if !rules::may_confirm(session.staff.role) {
        return view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any();
    }
    let today = session.gaming_day.0;
    view! {
        <PendingQueue pending/>
        {loaded(tables, move |tables| view! { <DropForm today tables/> })}
    }
    .into_any()
}

/// Every pending fill and credit of the casino, newest first, re-read as the pit asks and others answer.
#[component]
fn PendingQueue(pending: Resource<Result<Vec<CageRequest>, AppError>>) -> impl IntoView {
    let confirm = ServerAction::<ConfirmCageRequest>::new();
    let cancel = ServerAction::<CancelCageRequest>::new();
    let error = Signal::derive(move || {
        [confirm.value().get(), cancel.value().get()].into_iter().find_map(|answer| answer.and_then(Result::err))
    });
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3">
            <h2 class="text-xl font-semibold">"Fills and credits waiting"</h2>
            <ErrorBanner error/>
            {loaded(pending, move |requests| {
                if requests.is_empty() {
                    return view! { <p class="text-slate-500" data-testid="cage-queue">"Nothing waiting."</p> }.into_any();
                }
                let rows = requests.into_iter().map(|request| view! { <QueueRow request confirm cancel/> }).collect_view();
                view! { <ul class="divide-y divide-slate-100" data-testid="cage-queue">{rows}</ul> }.into_any()
            })}
        </section>
    }
}

#[component]
fn QueueRow(
    request: CageRequest,
    confirm: ServerAction<ConfirmCageRequest>,
    cancel: ServerAction<CancelCageRequest>,
) -> impl IntoView {
    let id = request.id;
    // One request id per row and action: a double tap confirms once.
    let (confirming, refusing) = (Intent::new(), Intent::new());
    let busy = move || confirm.pending().get() || cancel.pending().get();
    view! {
        <li class="py-3 flex flex-wrap items-center justify-between gap-3" data-testid="queue-request"
            data-table=request.table_label.clone()>
            <span>
                <strong class="text-lg">{format!("{} {} for {}", request.kind.label(), request.total, request.table_label)}</strong>
                <span class="block text-slate-600">{format!("{} · asked {} by {}", chips_line(&request.chips),
                    clock_time(request.requested_at), request.requested_by_name)}</span>
            </span>
            <span class="flex gap-2">
                <button type="button" class=format!("{BUTTON} bg-emerald-700 text-white") disabled=busy
                    on:click=move |_| {
                        confirm.dispatch(ConfirmCageRequest { request_id: confirming.request_id(&id), cage_request_id: id });
                    }>
                    "Confirm"
                </button>
                <button type="button" class=format!("{BUTTON} bg-slate-200 text-slate-900") disabled=busy
                    on:click=move |_| {
                        cancel.dispatch(CancelCageRequest { request_id: refusing.request_id(&id), cage_request_id: id });
                    }>
                    "Refuse"
                </button>
            </span>
        </li>
    }
}

/// Reads a drop amount box (blank is $0), or the field error the user sees.
fn typed_amount(text: &str, field: &'static str) -> Result<Cents, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Cents(0));
    }
    match Cents::parse_dollars(text) {
        Ok(amount) if (0..=rules::MAX_DROP_CENTS).contains(&amount.0) => Ok(amount),
        _ => Err(FieldError::new(field, ErrorCode::DropInvalidAmount)),
    }
}

/// The count room's entry of one table's drop box for a gaming day.
#[component]
fn DropForm(today: NaiveDate, tables: Vec<TableCard>) -> impl IntoView {
    let (table, day) = (RwSignal::new(String::new()), RwSignal::new(today.to_string()));
    let (cash, markers) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let action = ServerAction::<RecordDrop>::new();
    let intent = Intent::new();
    intent.renew_after(move || action.value().get());
    let typed = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || typed.get().or_else(|| action.value().get().and_then(Result::err)));
    Effect::new(move || {
        if let Some(Ok(_)) = action.value().get() {
            cash.set(String::new());
            markers.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let amounts = (
            typed_amount(&cash.get_untracked(), "cash_cents"),
            typed_amount(&markers.get_untracked(), "markers_cents"),
        );
        let table_id = table.get_untracked().parse::<uuid::Uuid>().ok().map(pitboss::table_context::TableId);
        let gaming_day = day.get_untracked().parse::<NaiveDate>().ok();
        let mut fields: Vec<FieldError> =
            [&amounts.0, &amounts.1].into_iter().filter_map(|a| a.clone().err()).collect();
        fields.extend(table_id.is_none().then(|| FieldError::new("table_id", ErrorCode::NotFound)));
        fields.extend(gaming_day.is_none().then(|| FieldError::new("gaming_day", ErrorCode::DropDayNotEnded)));
        match (amounts, table_id, gaming_day) {
            ((Ok(cash_cents), Ok(markers_cents)), Some(table_id), Some(gaming_day)) => {
                typed.set(None);
                let args = (table_id, gaming_day, cash_cents, markers_cents);
                let request_id = intent.request_id(&args);
                action.dispatch(RecordDrop { request_id, table_id, gaming_day, cash_cents, markers_cents });
            }
            _ => typed.set(Some(AppError::new(ErrorCode::ValidationFailed).with_fields(fields))),
        }
    };
    let recorded = move || {
        action.value().get().and_then(Result::ok).map(|entry| {
            view! { <p class="text-emerald-800" data-testid="drop-recorded">{format!("Drop recorded: {} cash, {} markers.", entry.cash, entry.markers)}</p> }
        })
    };
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3">
            <h2 class="text-xl font-semibold">"Drop"</h2>
            <ErrorBanner error/>
            <form class="grid grid-cols-1 sm:grid-cols-2 gap-3" data-testid="drop-form" on:submit=submit>
                <label class="block">
                    <span class="block text-sm font-medium text-slate-700">"Table"</span>
                    <select name="table_id" class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg bg-white"
                        on:change=move |ev| table.set(event_target_value(&ev))>
                        <option value="">"Choose a table"</option>
                        {tables.into_iter().map(|t| view! { <option value=t.id.0.to_string()>{t.label}</option> }).collect_view()}
                    </select>
                    <crate::ui::FieldMessage error field="table_id"/>
                </label>
                <TextField label="Gaming day" name="gaming_day" kind="date" value=day error/>
                <TextField label="Cash ($)" name="cash_cents" value=cash error/>
                <TextField label="Markers ($)" name="markers_cents" value=markers error/>
                <button type="submit" class=format!("{BUTTON} bg-slate-900 text-white sm:col-span-2")
                    disabled=move || action.pending().get()>"Record drop"</button>
            </form>
            {recorded}
        </section>
    }
}
