//! `/compliance`: threshold alerts, today's patrons by threshold proximity, one gaming day's MTL rows with
//! their notes, and (for compliance and admins) that day's CTR worksheets and structuring watch, live. Compliance, pit bosses and admins; compliance officers and admins add notes and
//! acknowledge alerts.

use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::mtl::{ComplianceView, MtlNote, MtlPage, NoteTarget, PatronProximity, rules};

use super::alerts::{AlertDesk, Alerts};
use super::ctr::{Desk, desk_resource};
use super::log::{DayPicker, LogPager, MtlLog};
use super::notes::{NoteDraft, Notes};
use super::{MTL_ENTITIES, ProximityBadge, compliance_log, mtl_entries};
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, loaded2};

/// The page.
#[component]
pub fn CompliancePage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let version = use_live().version_of(MTL_ENTITIES);
    let pager = LogPager::new();
    // The day's rows are read with the rest, so a role that may not read the MTL sees one refusal; a page that
    // cannot be read (a day not begun) is shown in place of the rows.
    let view_data = Resource::new(
        move || (version.get(), pager.query()),
        |(_, query)| async move { Ok::<_, AppError>((compliance_log().await?, mtl_entries(query).await)) },
    );
    let officer = desk_resource(pager);
    let (draft, desk) = (NoteDraft::new(), AlertDesk::new());
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Compliance"</h1>
            {loaded2(session, view_data, move |session, (data, page)| {
                if rules::may_read(session.staff.role) {
                    draft.may_write.set(rules::may_annotate(session.staff.role));
                    desk.may_acknowledge.set(rules::may_annotate(session.staff.role));
                    view! { <Compliance data page pager draft desk/> }.into_any()
                } else {
                    view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any()
                }
            })}
            <Desk desk=officer/>
        </section>
    }
}

#[component]
fn Compliance(
    data: ComplianceView,
    page: Result<MtlPage, AppError>,
    pager: LogPager,
    draft: NoteDraft,
    desk: AlertDesk,
) -> impl IntoView {
    let (day, notes) = (data.gaming_day, data.notes);
    let no_patrons = data.patrons.is_empty();
    view! {
        <p class="text-slate-700">
            {format!("Gaming day {} · watchlist from {} · CTR above {} (cash in and cash out counted separately)",
                data.gaming_day.format("%a %-d %b %Y"), data.thresholds.watchlist_floor, data.thresholds.ctr_threshold)}
        </p>
        <Alerts alerts=data.alerts desk/>
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
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-2 overflow-x-auto" aria-label="Multiple transaction log">
            <h2 class="text-lg font-semibold">"Multiple transaction log"</h2>
            <DayPicker pager today=day/>
            {match page {
                Ok(page) => view! { <MtlLog page pager draft/> }.into_any(),
                Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
            }}
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
