//! The threshold-proximity badge: nothing below the watchlist floor, then Watchlist, Near CTR, CTR.

use leptos::prelude::*;
use pitboss::mtl::{Proximity, ThresholdProximity, rules};
use pitboss::player::PlayerId;

use super::{MTL_ENTITIES, proximity_of_player};
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{Facts, loaded};

/// The badge for one level; renders nothing for [`Proximity::None`].
#[component]
pub fn ProximityBadge(level: Proximity) -> impl IntoView {
    let tone = match level {
        Proximity::None => return None,
        Proximity::Watchlist => "bg-amber-100 text-amber-900 border-amber-400",
        Proximity::NearCtr => "bg-orange-200 text-orange-950 border-orange-500",
        Proximity::Ctr => "bg-red-700 text-white border-red-800",
    };
    Some(view! {
        <span class=format!("inline-block rounded px-2 py-0.5 text-xs font-bold border {tone}")
            data-testid="proximity" data-level=level.as_str()>
            {level.label()}
        </span>
    })
}

/// A player's cash totals today with their badge, live; shown only to roles that may read the MTL.
#[component]
pub fn PlayerProximity(player_id: PlayerId) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let version = use_live().version_of(MTL_ENTITIES);
    // Created before any boundary, so the server and the browser number it alike (created inside the session's
    // boundary, it broke the player page's hydration); nothing is asked for roles that do not read the MTL.
    let proximity = Resource::new(
        move || (player_id, version.get()),
        move |(id, _)| async move {
            if !rules::may_read(session.await?.staff.role) {
                return Ok(None);
            }
            proximity_of_player(id).await.map(Some)
        },
    );
    loaded(proximity, |p| {
        p.map(|p| {
            view! {
                <section class="bg-white rounded-xl shadow-sm p-5 space-y-2" data-testid="player-proximity">
                    <h2 class="text-lg font-semibold">"Title 31 today"</h2>
                    <Totals p/>
                </section>
            }
        })
    })
}

#[component]
fn Totals(p: ThresholdProximity) -> impl IntoView {
    let facts = vec![
        ("Gaming day", p.gaming_day.format("%a %-d %b %Y").to_string()),
        ("Cash in", p.cash_in.to_string()),
        ("Cash out", p.cash_out.to_string()),
    ];
    view! {
        <div class="flex gap-2 items-center">
            <ProximityBadge level=p.level()/>
            <Show when=move || p.level() == Proximity::None>
                <span class="text-sm text-slate-600">"Below the watchlist floor in and out."</span>
            </Show>
        </div>
        <Facts facts/>
    }
}
