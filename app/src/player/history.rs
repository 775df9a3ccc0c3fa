//! The session history on the player page: their visits, newest first, a page at a time, with each visit's
//! slips and their final figures.

use leptos::prelude::*;
use pitboss::floor::{PlayerHistory, SlipRecord, VisitRecord};
use pitboss::live::Entity;
use pitboss::player::PlayerId;

use super::player_history;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{LocalTime, loaded};

/// The records whose changes the history re-reads.
const HISTORY_ENTITIES: &[Entity] = &[Entity::Visit, Entity::RatingSlip, Entity::LoyaltyLedger];

/// The player's visits and slips, a page at a time.
#[component]
pub fn PlayerHistorySection(player_id: PlayerId) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    loaded(session, move |_| view! { <Loaded player_id/> })
}

#[component]
fn Loaded(player_id: PlayerId) -> impl IntoView {
    let version = use_live().version_of(HISTORY_ENTITIES);
    // The page shown: `None` for the newest, else the cursor the page before it gave.
    let cursor = RwSignal::new(None::<chrono::DateTime<chrono::Utc>>);
    let page =
        Resource::new(move || (player_id, cursor.get(), version.get()), |(id, before, _)| player_history(id, before));
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3" data-testid="history" aria-label="Session history">
            <h2 class="text-lg font-semibold">"Session history"</h2>
            {loaded(page, move |page: PlayerHistory| {
                let older = page.before;
                view! {
                    {if page.visits.is_empty() {
                        view! { <p class="text-slate-600">"No visits yet."</p> }.into_any()
                    } else {
                        page.visits.into_iter().map(|record| view! { <Visit record/> }).collect_view().into_any()
                    }}
                    <div class="flex gap-2">
                        {cursor.get_untracked().is_some().then(|| view! {
                            <button type="button" class="h-12 px-4 rounded-lg border border-slate-300"
                                on:click=move |_| cursor.set(None)>"Newest visits"</button>
                        })}
                        {older.map(|before| view! {
                            <button type="button" class="h-12 px-4 rounded-lg border border-slate-300"
                                on:click=move |_| cursor.set(Some(before))>"Older visits"</button>
                        })}
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn Visit(record: VisitRecord) -> impl IntoView {
    let visit = record.visit;
    let ended = visit
        .ended_at
        .map_or_else(|| view! { <span>"still here"</span> }.into_any(), |end| view! { <LocalTime at=end/> }.into_any());
    let rows = if record.slips.is_empty() {
        view! { <p class="text-sm text-slate-600">"Not rated."</p> }.into_any()
    } else {
        view! {
            <table class="w-full text-sm">
                <thead class="text-left text-slate-600">
                    <tr><th>"Table"</th><th>"Seat"</th><th>"Start"</th><th>"End"</th><th>"Rated"</th>
                        <th>"Average bet"</th><th>"Theo"</th><th>"Points"</th></tr>
                </thead>
                <tbody>{record.slips.into_iter().map(|slip| view! { <SlipRow slip/> }).collect_view()}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <article class="border-t border-slate-200 pt-2 space-y-1" data-testid="history-visit">
            <h3 class="font-medium">
                <LocalTime at=visit.started_at/>" – "{ended}
                {format!(" (gaming day {})", visit.gaming_day.format("%-d %b %Y"))}
            </h3>
            {rows}
        </article>
    }
}

#[component]
fn SlipRow(slip: SlipRecord) -> impl IntoView {
    let SlipRecord { slip, table, points } = slip;
    let end = slip.ended_at.map_or_else(
        || view! { <span>{slip.status.label()}</span> }.into_any(),
        |end| view! { <LocalTime at=end/> }.into_any(),
    );
    view! {
        <tr data-testid="history-slip" data-seconds=slip.accrued_seconds>
            <td>{table}</td>
            <td>{slip.seat}</td>
            <td><LocalTime at=slip.started_at/></td>
            <td>{end}</td>
            <td>{crate::ui::clock(slip.accrued_seconds)}</td>
            <td>{slip.average_bet.to_string()}</td>
            <td>{slip.theo.to_string()}</td>
            <td>{pitboss::money::group_thousands(points.unsigned_abs())}</td>
        </tr>
    }
}
