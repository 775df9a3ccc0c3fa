//! The MTL on the compliance page: one gaming day's rows (today's unless another is picked), newest first, a
//! page at a time, each with its notes; whatever the day, the page shown follows changes live.

use chrono::NaiveDate;
use leptos::prelude::*;
use pitboss::mtl::{MtlEntry, MtlNote, MtlPage, MtlQuery, NoteTarget};

use super::notes::{NoteDraft, Notes};
use crate::ui::LocalTime;

/// Rows per page.
const PAGE: u32 = 50;

/// The day and page shown, kept with the page so a live re-read leaves the officer where they were.
#[derive(Clone, Copy)]
pub struct LogPager {
    day: RwSignal<Option<NaiveDate>>,
    /// Where each page after the first starts, oldest last: the page shown is the last.
    cursors: RwSignal<Vec<String>>,
}

impl LogPager {
    /// Today's newest rows.
    pub fn new() -> Self {
        Self { day: RwSignal::new(None), cursors: RwSignal::new(Vec::new()) }
    }

    /// The read of the page shown.
    pub fn query(self) -> MtlQuery {
        MtlQuery { gaming_day: self.day.get(), limit: PAGE, cursor: self.cursors.get().last().cloned() }
    }

    /// The day picked; `None` for today.
    pub fn day(self) -> Option<NaiveDate> {
        self.day.get()
    }

    fn show_day(self, day: Option<NaiveDate>) {
        self.day.set(day);
        self.cursors.set(Vec::new());
    }
}

impl Default for LogPager {
    fn default() -> Self {
        Self::new()
    }
}

/// The day picker; `today` bounds it.
#[component]
pub fn DayPicker(pager: LogPager, today: NaiveDate) -> impl IntoView {
    let value = move || pager.day.get().unwrap_or(today).format("%Y-%m-%d").to_string();
    let pick = move |ev: leptos::ev::Event| {
        let picked = event_target_value(&ev).parse::<NaiveDate>().ok();
        pager.show_day(picked.filter(|day| *day != today));
    };
    view! {
        <div class="flex flex-wrap items-end gap-2">
            <label class="block">
                <span class="block text-sm font-medium text-slate-700">"Gaming day"</span>
                <input type="date" name="gaming_day" max=today.format("%Y-%m-%d").to_string()
                    class="mt-1 h-12 rounded-lg border border-slate-300 px-3"
                    prop:value=value on:change=pick/>
            </label>
            <Show when=move || pager.day.get().is_some()>
                <button type="button" class="h-12 px-4 rounded-lg font-semibold border border-slate-300"
                    on:click=move |_| pager.show_day(None)>"Today"</button>
            </Show>
        </div>
    }
}

/// One page of rows, and the buttons to page through the day.
#[component]
pub fn MtlLog(page: MtlPage, pager: LogPager, draft: NoteDraft) -> impl IntoView {
    let no_entries = page.entries.is_empty();
    let notes = page.notes;
    let next = page.next_cursor;
    let older = next.clone().map(|cursor| move |_| pager.cursors.update(|c| c.push(cursor.clone())));
    let paged = move || !pager.cursors.get().is_empty();
    view! {
        <p class="text-sm text-slate-600" data-testid="mtl-day">{page.gaming_day.format("%a %-d %b %Y").to_string()}</p>
        <Show when=move || no_entries>
            <p class="text-sm text-slate-600">"No entries."</p>
        </Show>
        <table class="w-full text-sm">
            <thead class="text-left text-slate-500">
                <tr><th class="py-2">"Time"</th><th>"Patron"</th><th>"Direction"</th><th>"Amount"</th><th>"Day total"</th><th>"Source"</th><th>"By"</th></tr>
            </thead>
            <tbody class="divide-y divide-slate-100">
                {page.entries.into_iter().map(|entry| {
                    let notes = notes.clone();
                    view! { <EntryRow entry notes draft/> }
                }).collect_view()}
            </tbody>
        </table>
        <div class="flex gap-2">
            <Show when=paged>
                <button type="button" class="h-12 px-4 rounded-lg font-semibold border border-slate-300"
                    on:click=move |_| pager.cursors.set(Vec::new())>"Newest entries"</button>
            </Show>
            {older.map(|older| view! {
                <button type="button" class="h-12 px-4 rounded-lg font-semibold border border-slate-300"
                    on:click=older>"Older entries"</button>
            })}
        </div>
    }
}

#[component]
fn EntryRow(entry: MtlEntry, notes: Vec<MtlNote>, draft: NoteDraft) -> impl IntoView {
    let target = NoteTarget::Entry { mtl_entry_id: entry.id };
    let amount = if entry.is_reversal { format!("−{} (reversal)", entry.amount) } else { entry.amount.to_string() };
    view! {
        <tr data-testid="mtl-entry" data-id=entry.id.to_string() data-amount=entry.amount.0 data-day-total=entry.day_total.0>
            <td class="py-2"><LocalTime at=entry.created_at/></td>
            <td>{entry.player_name}</td>
            <td>{if entry.direction == pitboss::finance::Direction::In { "Cash in" } else { "Cash out" }}</td>
            <td>{amount}</td>
            <td>{entry.day_total.to_string()}</td>
            <td>{entry.source.label()}</td>
            <td>{entry.staff_name}</td>
        </tr>
        <tr data-testid="mtl-entry-notes" data-entry=entry.id.to_string()>
            <td colspan="7" class="pb-2"><Notes target notes draft/></td>
        </tr>
    }
}
