//! `/compliance`: today's patrons by threshold proximity and the latest MTL rows with their notes, live.
//! Compliance, pit bosses and admins; compliance officers and admins add notes.

use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::mtl::{ComplianceView, MtlEntry, MtlNote, NoteTarget, PatronProximity, rules};

use super::notes::{NoteDraft, Notes};
use super::{MTL_ENTITIES, ProximityBadge, compliance_log};
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, LocalTime, loaded2};

/// The page.
#[component]
pub fn CompliancePage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let version = use_live().version_of(MTL_ENTITIES);
    let view_data = Resource::new(move || version.get(), |_| compliance_log());
    let draft = NoteDraft::new();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Compliance"</h1>
            {loaded2(session, view_data, move |session, data| {
                if rules::may_read(session.staff.role) {
                    draft.may_write.set(rules::may_annotate(session.staff.role));
                    view! { <Compliance data draft/> }.into_any()
                } else {
                    view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn Compliance(data: ComplianceView, draft: NoteDraft) -> impl IntoView {
    let (day, notes) = (data.gaming_day, data.notes);
    let no_patrons = data.patrons.is_empty();
    let no_entries = data.entries.is_empty();
    view! {
        <p class="text-slate-700">
            {format!("Gaming day {} · watchlist from {} · CTR above {} (cash in and cash out counted separately)",
                data.gaming_day.format("%a %-d %b %Y"), data.thresholds.watchlist_floor, data.thresholds.ctr_threshold)}
        </p>
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-2">
            <h2 class="text-lg font-semibold">"Today's patrons"</h2>
            <Show when=move || no_patrons>
                <p class="text-sm text-slate-600">"No cash activity yet today."</p>
            </Show>
            <ul class="divide-y divide-slate-100">
                {data.patrons.into_iter().map(|patron| {
                    let notes = notes.clone();
                    view! { <Patron patron day notes draft/> }
                }).collect_view()}
            </ul>
        </section>
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-2 overflow-x-auto">
            <h2 class="text-lg font-semibold">"Multiple transaction log"</h2>
            <Show when=move || no_entries>
                <p class="text-sm text-slate-600">"No entries."</p>
            </Show>
            <table class="w-full text-sm">
                <thead class="text-left text-slate-500">
                    <tr><th class="py-2">"Time"</th><th>"Patron"</th><th>"Direction"</th><th>"Amount"</th><th>"Day total"</th><th>"Source"</th><th>"By"</th></tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {data.entries.into_iter().map(|entry| {
                        let notes = notes.clone();
                        view! { <EntryRow entry notes draft/> }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Patron(patron: PatronProximity, day: chrono::NaiveDate, notes: Vec<MtlNote>, draft: NoteDraft) -> impl IntoView {
    let p = patron.proximity;
    let target = NoteTarget::PatronDay { player_id: patron.player_id, gaming_day: day };
    view! {
        <li class="py-2 space-y-1" data-testid="patron" data-level=p.level().as_str()>
            <div class="flex flex-wrap justify-between gap-2">
                <a href=format!("/players/{}", patron.player_id) class="inline-flex items-center min-h-12 font-medium underline">{patron.player_name}</a>
                <span class="flex gap-3 items-center text-sm">
                    <span>"In " {p.cash_in.to_string()}</span> <ProximityBadge level=p.level_in/>
                    <span>"Out " {p.cash_out.to_string()}</span> <ProximityBadge level=p.level_out/>
                </span>
            </div>
            <Notes target notes draft/>
        </li>
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
