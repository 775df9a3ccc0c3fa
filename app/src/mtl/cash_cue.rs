//! The cue beside a cash entry before it is saved: the patron's cash in and out today, and the level the entry
//! would take them to (Watchlist, Near CTR, CTR), so whoever takes the cash sees what the pit's badge will show.

use leptos::prelude::*;
use pitboss::Cents;
use pitboss::finance::{Direction, Tender};
use pitboss::mtl::{PatronCashToday, Proximity, rules};
use pitboss::player::PlayerId;

use super::{MTL_ENTITIES, ProximityBadge, cash_today_of};
use crate::live::use_live;
use crate::ui::loaded;

/// Shown while the tender is cash; re-read on every finance change and after `recorded` moves.
#[component]
pub fn CashCue(
    player_id: PlayerId,
    direction: Signal<Direction>,
    tender: Signal<Tender>,
    /// The typed amount, when it is one.
    amount: Signal<Option<Cents>>,
    /// Bumped by the form after each entry it records.
    recorded: Signal<usize>,
) -> impl IntoView {
    let version = use_live().version_of(MTL_ENTITIES);
    let today = Resource::new(move || (player_id, version.get(), recorded.get()), |(id, _, _)| cash_today_of(id));
    move || (tender.get() == Tender::Cash).then(|| loaded(today, move |today| view! { <Cue today direction amount/> }))
}

#[component]
fn Cue(today: PatronCashToday, direction: Signal<Direction>, amount: Signal<Option<Cents>>) -> impl IntoView {
    let p = today.proximity;
    let reached = move || amount.get().map(|amount| rules::with_entry(&today, direction.get(), amount));
    view! {
        <div class="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 space-y-1" data-testid="cash-cue"
            data-cash-in=p.cash_in.0 data-cash-out=p.cash_out.0>
            <p class="text-slate-700">{format!("Cash today: {} in, {} out.", p.cash_in, p.cash_out)}</p>
            {move || reached().map(|(total, level)| {
                let way = if direction.get() == Direction::In { "in" } else { "out" };
                view! {
                    <p class="flex flex-wrap items-center gap-2 font-medium" data-testid="cash-cue-reached"
                        data-level=level.as_str()>
                        {format!("With this entry: {total} {way} today.")}
                        <ProximityBadge level/>
                        {warning(level, today)}
                    </p>
                }
            })}
        </div>
    }
}

/// What the level asks of whoever takes the cash.
fn warning(level: Proximity, today: PatronCashToday) -> Option<String> {
    match level {
        Proximity::None => None,
        Proximity::Watchlist => {
            Some(format!("At or above the {} watchlist floor.", today.thresholds.watchlist_floor.short()))
        }
        Proximity::NearCtr => Some(format!("Close to the {} CTR threshold.", today.thresholds.ctr_threshold.short())),
        Proximity::Ctr => Some(format!(
            "Past the {} CTR threshold: a Currency Transaction Report is due; take the patron's identification.",
            today.thresholds.ctr_threshold.short()
        )),
    }
}
