//! The count room's side of `/cage`: a table's drop box for a gaming day, or for one shift of it where the box
//! was changed at the shift change; and the day's entries, each correctable by a reversing entry.

use chrono::NaiveDate;
use leptos::prelude::*;
use pitboss::live::Entity;
use pitboss::table_accounting::{CountId, DropEntry, DropId, TableShift, rules};
use pitboss::table_context::{TableCard, TableId};
use pitboss::{Cents, ErrorCode, FieldError};

use super::cage::BUTTON;
use super::{RecordDrop, ReverseDrop, day_accounting, drops_of_day};
use crate::error::AppError;
use crate::live::use_live;
use crate::ui::{ErrorBanner, FieldMessage, Intent, TextField, clock_time};

const SELECT: &str = "mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg bg-white";

/// The count room's desk, created with the page: what is typed and the day's reads survive the page above
/// re-rendering (switching a flag for the casino re-reads the session, and with it the page).
#[derive(Clone, Copy)]
pub struct DropDesk {
    day: RwSignal<String>,
    table: RwSignal<String>,
    shift: RwSignal<String>,
    cash: RwSignal<String>,
    markers: RwSignal<String>,
    record: ServerAction<RecordDrop>,
    reverse: ServerAction<ReverseDrop>,
    /// The day's shifts of the tables counted at a shift change: what a box may be entered for.
    shifts: Resource<Vec<TableShift>>,
    /// The day's entries, reversals included.
    drops: Resource<Result<Vec<DropEntry>, AppError>>,
    correcting: RwSignal<Option<DropId>>,
    reason: RwSignal<String>,
}

impl DropDesk {
    /// An empty desk; its day is set to today's once the page knows it.
    pub fn new() -> Self {
        let text = || RwSignal::new(String::new());
        let (record, reverse) = (ServerAction::<RecordDrop>::new(), ServerAction::<ReverseDrop>::new());
        let day = text();
        let version = use_live().version_of(&[Entity::TableDrop, Entity::TableInventoryCount]);
        let gaming_day = Memo::new(move |_| day.get().parse::<NaiveDate>().ok());
        let shifts = Resource::new(
            move || (gaming_day.get(), version.get()),
            |(day, _)| async move {
                match day {
                    Some(day) => day_accounting(day).await.map(|a| a.shifts).unwrap_or_default(),
                    None => Vec::new(),
                }
            },
        );
        let drops = Resource::new(
            move || (gaming_day.get(), version.get(), record.version().get(), reverse.version().get()),
            |(day, ..)| async move {
                match day {
                    Some(day) => drops_of_day(day).await,
                    None => Ok(Vec::new()),
                }
            },
        );
        let desk = Self {
            day,
            table: text(),
            shift: text(),
            cash: text(),
            markers: text(),
            record,
            reverse,
            shifts,
            drops,
            correcting: RwSignal::new(None),
            reason: text(),
        };
        Effect::new(move || {
            if let Some(Ok(_)) = record.value().get() {
                desk.cash.set(String::new());
                desk.markers.set(String::new());
            }
        });
        Effect::new(move || {
            if let Some(Ok(_)) = reverse.value().get() {
                desk.correcting.set(None);
                desk.reason.set(String::new());
            }
        });
        desk
    }

    fn shifts(self) -> Vec<TableShift> {
        self.shifts.get().unwrap_or_default()
    }
}

impl Default for DropDesk {
    fn default() -> Self {
        Self::new()
    }
}

/// The drop form and the day's entries, reading the same table and day (today's to begin with).
#[component]
pub fn DropSection(today: NaiveDate, tables: Vec<TableCard>, desk: DropDesk) -> impl IntoView {
    Effect::new(move || {
        if desk.day.get_untracked().is_empty() {
            desk.day.set(today.to_string());
        }
    });
    view! {
        <DropForm tables=tables.clone() desk/>
        <DayDrops tables desk/>
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

/// `Shift change 14:00 → Closing 22:00`.
fn shift_label(shift: &TableShift) -> String {
    format!(
        "{} {} → {} {}",
        shift.start_kind.label(),
        clock_time(shift.started_at),
        shift.end_kind.label(),
        clock_time(shift.ended_at)
    )
}

/// The count room's entry of one table's drop box for a gaming day, or for one of its shifts.
#[component]
fn DropForm(tables: Vec<TableCard>, desk: DropDesk) -> impl IntoView {
    let DropDesk { day, table, shift, cash, markers, record, .. } = desk;
    let intent = Intent::new();
    intent.renew_after(move || record.value().get());
    let typed = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || typed.get().or_else(|| record.value().get().and_then(Result::err)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let amounts = (
            typed_amount(&cash.get_untracked(), "cash_cents"),
            typed_amount(&markers.get_untracked(), "markers_cents"),
        );
        let table_id = table.get_untracked().parse::<uuid::Uuid>().ok().map(TableId);
        let gaming_day = day.get_untracked().parse::<NaiveDate>().ok();
        let shift_end_id = shift.get_untracked().parse::<uuid::Uuid>().ok().map(CountId);
        let mut fields: Vec<FieldError> =
            [&amounts.0, &amounts.1].into_iter().filter_map(|a| a.clone().err()).collect();
        fields.extend(table_id.is_none().then(|| FieldError::new("table_id", ErrorCode::NotFound)));
        fields.extend(gaming_day.is_none().then(|| FieldError::new("gaming_day", ErrorCode::DropDayNotEnded)));
        match (amounts, table_id, gaming_day) {
            ((Ok(cash_cents), Ok(markers_cents)), Some(table_id), Some(gaming_day)) => {
                typed.set(None);
                let args = (table_id, gaming_day, cash_cents, markers_cents, shift_end_id);
                let request_id = intent.request_id(&args);
                record.dispatch(RecordDrop {
                    request_id,
                    table_id,
                    gaming_day,
                    cash_cents,
                    markers_cents,
                    shift_end_id,
                });
            }
            _ => typed.set(Some(AppError::new(ErrorCode::ValidationFailed).with_fields(fields))),
        }
    };
    let recorded = move || {
        record.value().get().and_then(Result::ok).map(|entry| {
            view! { <p class="text-emerald-800" data-testid="drop-recorded">{format!("Drop recorded: {} cash, {} markers.", entry.cash, entry.markers)}</p> }
        })
    };
    // The chosen table's shifts that day: a box changed at a shift change is counted for its shift.
    let shift_options = move || {
        let chosen = table.get();
        desk.shifts()
            .into_iter()
            .filter(|s| s.table_id.0.to_string() == chosen)
            .map(|s| view! { <option value=s.end_id.0.to_string()>{shift_label(&s)}</option> })
            .collect_view()
    };
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3">
            <h2 class="text-xl font-semibold">"Drop"</h2>
            <ErrorBanner error/>
            <form class="grid grid-cols-1 sm:grid-cols-2 gap-3" data-testid="drop-form" on:submit=submit>
                <label class="block">
                    <span class="block text-sm font-medium text-slate-700">"Table"</span>
                    <select name="table_id" class=SELECT
                        on:change=move |ev| { table.set(event_target_value(&ev)); shift.set(String::new()); }>
                        <option value="">"Choose a table"</option>
                        {tables.into_iter().map(|t| view! { <option value=t.id.0.to_string()>{t.label}</option> }).collect_view()}
                    </select>
                    <FieldMessage error field="table_id"/>
                </label>
                <TextField label="Gaming day" name="gaming_day" kind="date" value=day error/>
                <label class="block sm:col-span-2">
                    <span class="block text-sm font-medium text-slate-700">"Box of"</span>
                    <select name="shift_end_id" class=SELECT prop:value=move || shift.get()
                        on:change=move |ev| shift.set(event_target_value(&ev))>
                        <option value="">"The whole gaming day"</option>
                        {shift_options}
                    </select>
                    <FieldMessage error field="shift_end_id"/>
                </label>
                <TextField label="Cash ($)" name="cash_cents" value=cash error/>
                <TextField label="Markers ($)" name="markers_cents" value=markers error/>
                <button type="submit" class=format!("{BUTTON} bg-slate-900 text-white sm:col-span-2")
                    disabled=move || record.pending().get()>"Record drop"</button>
            </form>
            {recorded}
        </section>
    }
}

/// The day's drop entries, reversals included; an entry keyed wrong is cancelled with a reason.
#[component]
fn DayDrops(tables: Vec<TableCard>, desk: DropDesk) -> impl IntoView {
    let DropDesk { drops, correcting, reason, reverse, .. } = desk;
    let labels = StoredValue::new(tables.into_iter().map(|t| (t.id, t.label)).collect::<Vec<_>>());
    let label = move |id: TableId| {
        labels.with_value(|l| l.iter().find(|(t, _)| *t == id).map(|(_, label)| label.clone()).unwrap_or_default())
    };
    let intent = Intent::new();
    intent.renew_after(move || reverse.value().get());
    let error = Signal::derive(move || reverse.value().get().and_then(Result::err));
    let rows = move || {
        let entries = match drops.get() {
            Some(Ok(entries)) => entries,
            Some(Err(error)) => return view! { <ErrorBanner error=Some(error)/> }.into_any(),
            None => return view! { <p class="text-slate-500">"Loading…"</p> }.into_any(),
        };
        if entries.is_empty() {
            return view! { <p class="text-slate-500" data-testid="day-drops">"No drop entered for this day."</p> }
                .into_any();
        }
        let shifts = desk.shifts();
        let items = entries
            .into_iter()
            .map(|entry| {
                let shift = entry.shift_end_id.and_then(|end| shifts.iter().find(|s| s.end_id == end)).map(shift_label);
                let label = label(entry.table_id);
                view! { <DropRow entry label shift correcting reason reverse intent error/> }
            })
            .collect_view();
        view! { <ul class="divide-y divide-slate-100" data-testid="day-drops">{items}</ul> }.into_any()
    };
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3">
            <h2 class="text-xl font-semibold">"The day's drops"</h2>
            <ErrorBanner error/>
            {rows}
        </section>
    }
}

#[component]
fn DropRow(
    entry: DropEntry,
    label: String,
    shift: Option<String>,
    correcting: RwSignal<Option<DropId>>,
    reason: RwSignal<String>,
    reverse: ServerAction<ReverseDrop>,
    intent: Intent,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = entry.id;
    let what = match (&entry.reverses_id, &entry.note) {
        (Some(_), Some(note)) => format!("Reversal of {} cash, {} markers: {note}", entry.cash, entry.markers),
        _ => format!("{} cash, {} markers", entry.cash, entry.markers),
    };
    let correctable = entry.reverses_id.is_none() && entry.reversed_by.is_none();
    let status = if entry.reversed_by.is_some() { " · reversed" } else { "" };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let why = reason.get_untracked();
        reverse.dispatch(ReverseDrop { request_id: intent.request_id(&(id, &why)), drop_id: id, reason: why });
    };
    view! {
        <li class="py-3 space-y-2" data-testid="drop-entry" data-table=label.clone()>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <span>
                    <strong class="text-lg">{format!("{label}: {what}")}</strong>
                    <span class="block text-slate-600">
                        {format!("{}{} · {} at {}{status}", shift.map(|s| format!("{s} · ")).unwrap_or_default(),
                            entry.gaming_day, entry.entered_by_name, clock_time(entry.created_at))}
                    </span>
                </span>
                {correctable.then(|| view! {
                    <button type="button" class=format!("{BUTTON} bg-slate-200 text-slate-900")
                        on:click=move |_| correcting.set(Some(id))>"Correct"</button>
                })}
            </div>
            <Show when=move || correcting.get() == Some(id)>
                <form class="flex flex-wrap items-end gap-3" data-testid="drop-reverse" on:submit=submit>
                    <TextField label="Why is this entry wrong?" name="reason" value=reason error/>
                    <button type="submit" class=format!("{BUTTON} bg-red-700 text-white")
                        disabled=move || reverse.pending().get()>"Reverse entry"</button>
                </form>
            </Show>
        </li>
    }
}
