//! One page of the audit log: each row with who, when, what and the fields it changed, and the pager.

use leptos::prelude::*;
use pitboss::audit::{AuditPage, AuditRow};

use super::filter::LogQuery;
use crate::ui::LocalTime;

const LINK: &str = "inline-flex items-center min-h-12 px-2 rounded-lg underline decoration-dotted";
const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold border border-slate-300 disabled:opacity-50";

/// The rows, newest first, and buttons to the newer and older pages.
#[component]
pub fn LogPage(page: AuditPage, query: LogQuery) -> impl IntoView {
    let empty = page.rows.is_empty();
    let next = page.next;
    let first = move || query.pages.with(Vec::is_empty);
    view! {
        <Show when=move || empty>
            <p class="text-slate-600" data-testid="audit-empty">"No audit entries match."</p>
        </Show>
        <ol class="space-y-3">
            {page.rows.into_iter().map(|row| view! { <Row row query/> }).collect_view()}
        </ol>
        <nav class="flex gap-2" aria-label="Audit log pages">
            <button type="button" class=BUTTON disabled=first on:click=move |_| query.newer()>"Newer"</button>
            <button type="button" class=BUTTON disabled=next.is_none()
                on:click=move |_| {
                    if let Some(cursor) = next {
                        query.older(cursor);
                    }
                }>"Older"</button>
        </nav>
    }
}

#[component]
fn Row(row: AuditRow, query: LogQuery) -> impl IntoView {
    let changes = row.changes();
    let no_changes = changes.is_empty();
    let link = row.link.map(|link| format!("#{link}")).unwrap_or_default();
    let record = format!("{} {}", row.entity.replace('_', " "), row.entity_id.map(short).unwrap_or_default());
    let actor = match (row.actor_staff_id, row.actor_name.clone()) {
        (Some(id), Some(name)) => {
            let shown = name.clone();
            view! {
                <button type="button" class=LINK title="Only what they did"
                    on:click=move |_| query.by_staff(id, name.clone())>{shown}</button>
            }
            .into_any()
        }
        _ => view! { <span class="px-2">"the platform"</span> }.into_any(),
    };
    let history = row.entity_id.map(|id| {
        let words = record.clone();
        view! {
            <button type="button" class=LINK title="This record's history"
                on:click=move |_| query.of_record(id, words.clone())>{record.clone()}</button>
        }
    });
    view! {
        <li class="bg-white rounded-xl shadow-sm p-4 space-y-2" data-testid="audit-row" data-action=row.action.clone()>
            <div class="flex flex-wrap items-center gap-x-2 text-sm text-slate-700">
                <span class="font-mono text-xs text-slate-500">{link}</span>
                <LocalTime at=row.occurred_at/>
                <code class="font-semibold text-slate-900">{row.action.clone()}</code>
                <span>"by"</span>
                {actor}
                {history}
            </div>
            <Show when=move || no_changes>
                <p class="text-sm text-slate-500">"No details recorded."</p>
            </Show>
            <table class="w-full text-sm" data-testid="audit-diff">
                <tbody>
                    {changes.into_iter().map(|change| {
                        let (field, before, after) = (change.field, change.before, change.after);
                        let name = field.clone();
                        view! {
                            <tr class="border-t border-slate-100" data-field=name>
                                <th class="py-1 pr-3 text-left font-medium text-slate-600 w-1/4">{field}</th>
                                <td class="py-1 pr-3 text-red-800 line-through decoration-red-300 break-all">{before}</td>
                                <td class="py-1 text-emerald-800 break-all">{after}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </li>
    }
}

/// The first block of an id: enough to tell records apart on one page.
fn short(id: uuid::Uuid) -> String {
    id.to_string().chars().take(8).collect()
}
