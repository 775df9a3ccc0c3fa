//! The compliance officer's desk on the compliance page: the picked day's CTR worksheets with their CSV, every
//! worksheet not yet filed (urgent ones marked), and the structuring watch. Compliance and admins.

use leptos::prelude::*;
use pitboss::mtl::ctr::{self, CtrDay, CtrWorksheet, UnfiledCtr};
use pitboss::mtl::rules;
use pitboss::mtl::structuring::StructuringWatch;

use super::log::LogPager;
use super::structuring::StructuringList;
use super::{MTL_ENTITIES, ctr_day, structuring_watch, unfiled_ctrs};
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::loaded;

/// What the desk shows; `None` for roles that keep no desk (pit bosses read the MTL, not the worksheets).
pub type DeskResource = Resource<Result<Option<(CtrDay, Vec<UnfiledCtr>, StructuringWatch)>, AppError>>;

/// The desk's read of the day the MTL shows, created by the page before any boundary.
pub fn desk_resource(pager: LogPager) -> DeskResource {
    let session = expect_context::<SessionResource>();
    let version = use_live().version_of(MTL_ENTITIES);
    Resource::new(
        move || (version.get(), pager.day()),
        move |(_, day)| async move {
            if !rules::may_annotate(session.await?.staff.role) {
                return Ok(None);
            }
            Ok(Some((ctr_day(day).await?, unfiled_ctrs().await?, structuring_watch(day).await?)))
        },
    )
}

/// The desk's three sections.
#[component]
pub fn Desk(desk: DeskResource) -> impl IntoView {
    loaded(desk, |found| {
        found.map(|(day, unfiled, watch)| {
            view! {
                <Worksheets day/>
                <Unfiled unfiled/>
                <StructuringList watch/>
            }
        })
    })
}

#[component]
fn Worksheets(day: CtrDay) -> impl IntoView {
    let date = day.gaming_day;
    let filer_missing = day.filer.filer_missing();
    let none = day.worksheets.is_empty();
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-2" aria-label="CTR worksheets">
            <h2 class="text-lg font-semibold">"CTR worksheets"</h2>
            <p class="flex flex-wrap items-center gap-3 text-sm text-slate-700">
                {format!("Gaming day {} · due by {}", date.format("%a %-d %b %Y"), day.due_on.format("%a %-d %b %Y"))}
                <a href=format!("/api/mtl/ctr.csv?gaming_day={date}") download data-testid="ctr-csv"
                    class="inline-flex items-center min-h-12 underline">"Download CSV"</a>
            </p>
            {(!filer_missing.is_empty()).then(|| view! {
                <p class="text-sm text-amber-800" data-testid="filer-missing">
                    {format!("The casino's filer details lack: {}. An admin completes them under Settings.",
                        filer_missing.iter().map(|f| pitboss::casino::compliance::field_label(f)).collect::<Vec<_>>().join(", "))}
                </p>
            })}
            <Show when=move || none>
                <p class="text-sm text-slate-600">"No patron's cash passed the CTR threshold this day."</p>
            </Show>
            <ul class="divide-y divide-slate-100">
                {day.worksheets.into_iter().map(|w| view! { <Worksheet w day=date/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Worksheet(w: CtrWorksheet, day: chrono::NaiveDate) -> impl IntoView {
    let state = w.state();
    let status = match &w.filing {
        Some(f) => format!("Filed {} by {}", f.filed_on.format("%-d %b %Y"), f.staff_name),
        None if w.is_complete() => "Complete: ready to file".to_owned(),
        None => format!("Missing: {}", labels(&w.missing)),
    };
    let tone = if state == "incomplete" { "text-amber-800" } else { "text-slate-700" };
    view! {
        <li class="py-2 flex flex-wrap justify-between items-center gap-2" data-testid="ctr-worksheet"
            data-player=w.player_id.to_string() data-state=state>
            <a href=format!("/compliance/ctr/{day}/{}", w.player_id) class="inline-flex items-center min-h-12 font-medium underline">
                {format!("{}, {}", w.last_name, w.first_name)}
            </a>
            <span class="text-sm">{format!("In {} · Out {}", w.cash_in, w.cash_out)}</span>
            <span class=format!("text-sm {tone}")>{status}</span>
        </li>
    }
}

#[component]
fn Unfiled(unfiled: Vec<UnfiledCtr>) -> impl IntoView {
    let none = unfiled.is_empty();
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-2" aria-label="Unfiled CTRs">
            <h2 class="text-lg font-semibold">"Unfiled CTRs"</h2>
            <Show when=move || none>
                <p class="text-sm text-slate-600">"Every CTR due has been marked filed."</p>
            </Show>
            <ul class="space-y-1">
                {unfiled.into_iter().map(|u| {
                    let tone = if u.urgent { "border-red-300 bg-red-50 text-red-900" } else { "border-slate-200" };
                    view! {
                        <li class=format!("rounded-lg border px-3 flex flex-wrap items-center gap-3 {tone}")
                            data-testid="unfiled-ctr" data-urgent=u.urgent.to_string() data-player=u.player_id.to_string()>
                            <a href=format!("/compliance/ctr/{}/{}", u.gaming_day, u.player_id)
                                class="inline-flex items-center min-h-12 font-medium underline">{u.player_name}</a>
                            <span class="text-sm">
                                {format!("Gaming day {} · due by {}", u.gaming_day.format("%-d %b %Y"), u.due_on.format("%-d %b %Y"))}
                            </span>
                            {u.urgent.then(|| view! { <span class="text-sm font-semibold">"Over 10 days old: file now"</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Field names as a reader says them, comma-separated.
pub fn labels(fields: &[String]) -> String {
    fields.iter().map(|f| ctr::missing_label(f)).collect::<Vec<_>>().join(", ")
}
