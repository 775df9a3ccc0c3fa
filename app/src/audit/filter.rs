//! What the audit log shows: the filters typed in (gaming day, kind of record, action), a staff member or one
//! record's history chosen from a row, and which page.

use chrono::NaiveDate;
use leptos::prelude::*;
use pitboss::audit::{AuditCursor, AuditFilter};
use pitboss::casino::StaffId;
use pitboss::live::Entity;
use uuid::Uuid;

use crate::error::AppError;
use crate::ui::TextField;

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold border border-slate-300";

/// The log's filter and page, and the words for what was chosen from a row; kept at page level.
#[derive(Clone, Copy)]
pub struct LogQuery {
    /// The filter the log is read with.
    pub filter: RwSignal<AuditFilter>,
    /// Where each page seen so far starts; the last is the current page's start (none: the newest).
    pub pages: RwSignal<Vec<AuditCursor>>,
    staff: RwSignal<Option<String>>,
    record: RwSignal<Option<String>>,
}

impl LogQuery {
    /// The newest page, unfiltered.
    pub fn new() -> Self {
        Self {
            filter: RwSignal::new(AuditFilter::default()),
            pages: RwSignal::new(Vec::new()),
            staff: RwSignal::new(None),
            record: RwSignal::new(None),
        }
    }

    /// Changes the filter and goes back to the newest page.
    fn refine(self, change: impl FnOnce(&mut AuditFilter)) {
        self.filter.update(change);
        self.pages.set(Vec::new());
    }

    /// Shows only what `name` did.
    pub fn by_staff(self, id: StaffId, name: String) {
        self.staff.set(Some(name));
        self.refine(|filter| filter.staff_id = Some(id));
    }

    /// Shows one record's history.
    pub fn of_record(self, id: Uuid, words: String) {
        self.record.set(Some(words));
        self.refine(|filter| filter.entity_id = Some(id));
    }

    /// Goes to the page starting after `cursor`.
    pub fn older(self, cursor: AuditCursor) {
        self.pages.update(|pages| pages.push(cursor));
    }

    /// Goes back one page.
    pub fn newer(self) {
        self.pages.update(|pages| {
            pages.pop();
        });
    }
}

impl Default for LogQuery {
    fn default() -> Self {
        Self::new()
    }
}

/// The filter form, and what was chosen from a row with a way to drop it.
#[component]
pub fn FilterForm(query: LogQuery, #[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let (day, entity, action) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let gaming_day = NaiveDate::parse_from_str(&day.get_untracked(), "%Y-%m-%d").ok();
        let entity = entity.with_untracked(|name| Entity::ALL.into_iter().find(|kind| kind.as_str() == name.as_str()));
        let action = Some(action.get_untracked()).filter(|typed| !typed.trim().is_empty());
        query.refine(|filter| {
            filter.gaming_day = gaming_day;
            filter.entity = entity;
            filter.action = action;
        });
    };
    view! {
        <form class="bg-white rounded-xl shadow-sm p-4 grid grid-cols-1 sm:grid-cols-4 gap-3 items-end"
            data-testid="audit-filter" on:submit=submit>
            <TextField label="Gaming day" name="gaming_day" value=day kind="date"/>
            <label class="block">
                <span class="block text-sm font-medium text-slate-700">"Record"</span>
                <select name="entity" class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 bg-white"
                    prop:value=move || entity.get() on:change=move |ev| entity.set(event_target_value(&ev))>
                    <option value="">"Any kind"</option>
                    {Entity::ALL.map(|kind| view! { <option value=kind.as_str()>{kind.as_str().replace('_', " ")}</option> }).collect_view()}
                </select>
            </label>
            <TextField label="Action (or its start)" name="action" value=action error/>
            <button type="submit" class="h-12 px-4 rounded-lg bg-slate-900 text-white font-semibold">"Show"</button>
            <div class="sm:col-span-4 flex flex-wrap gap-2">
                {move || query.staff.get().filter(|_| query.filter.with(|f| f.staff_id.is_some())).map(|name| view! {
                    <button type="button" class=BUTTON data-testid="audit-chosen-staff"
                        on:click=move |_| {
                            query.staff.set(None);
                            query.refine(|filter| filter.staff_id = None);
                        }>{format!("By {name} ✕")}</button>
                })}
                {move || query.record.get().filter(|_| query.filter.with(|f| f.entity_id.is_some())).map(|words| view! {
                    <button type="button" class=BUTTON data-testid="audit-chosen-record"
                        on:click=move |_| {
                            query.record.set(None);
                            query.refine(|filter| filter.entity_id = None);
                        }>{format!("History of {words} ✕")}</button>
                })}
            </div>
        </form>
    }
}
