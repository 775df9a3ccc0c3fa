//! `/players/:id`: a player's record at this casino.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pitboss::money::group_thousands;
use pitboss::player::{PlayerDetail, PlayerId};

use super::{PLAYER_ENTITIES, get_player};
use crate::error::AppError;
use crate::exclusion::PlayerExclusionsSection;
use crate::finance::PlayerFinanceSection;
use crate::live::use_live;
use crate::loyalty::{
    AdjustDraft, PlayerAdjustSection, PlayerCompSection, PlayerLedgerSection, adjusts, comp_catalog_resource,
    ledger_of_player,
};
use crate::mtl::PlayerProximity;
use crate::ui::{Facts, loaded, loaded2};
use pitboss::ErrorCode;

/// Name, birth date, enrollment, exclusions, Title 31 totals today, finance entries, loyalty balance and ledger,
/// and the session history.
#[component]
pub fn PlayerPage() -> impl IntoView {
    let params = use_params_map();
    let version = use_live().version_of(PLAYER_ENTITIES);
    let id = move || params.read().get("id").and_then(|id| id.parse().ok()).map(PlayerId);
    let fetch = |id: Option<PlayerId>| async move {
        match id {
            Some(id) => get_player(id).await,
            None => Err(AppError::new(ErrorCode::NotFound)),
        }
    };
    let player = Resource::new(move || (id(), version.get()), move |(id, _)| fetch(id));
    let ledger = Resource::new(
        move || (id(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => ledger_of_player(id).await,
                None => Err(AppError::new(ErrorCode::NotFound)),
            }
        },
    );
    let identification = super::identification_resource(id);
    let catalog = comp_catalog_resource();
    let draft = AdjustDraft::new();
    view! {
        <section class="space-y-4">
            <a href="/players" class="inline-block h-12 leading-[3rem] text-slate-700 underline">"← All players"</a>
            {loaded(player, |player| view! { <Record player/> })}
            // The sections read their own records live; they are rebuilt only for another player, not when the
            // record above re-reads (a live change, a resync), which would wipe a flag's reason being typed. Not
            // inside the record's boundary: resources created there are numbered differently by the server and
            // the browser, which broke hydration.
            {move || id().map(|player_id| view! {
                <PlayerExclusionsSection player_id/>
                <PlayerProximity player_id/>
                <PlayerFinanceSection player_id/>
            })}
            <super::PlayerIdentificationSection record=identification/>
            {move || id().map(|player_id| view! {
                <PlayerCompSection player_id catalog/>
                <PlayerAdjustSection player_id draft desk=catalog/>
            })}
            {loaded2(ledger, catalog, move |ledger, desk| {
                let draft = adjusts(desk.role).then_some(draft);
                view! { <PlayerLedgerSection ledger draft/> }
            })}
            {move || id().map(|player_id| view! { <super::PlayerHistorySection player_id/> })}
        </section>
    }
}

#[component]
fn Record(player: PlayerDetail) -> impl IntoView {
    let born =
        player.player.birth_date.map_or_else(|| "Not recorded".to_owned(), |d| d.format("%-d %b %Y").to_string());
    let enrolled = player.enrolled_at.format("%-d %b %Y").to_string();
    let by = player.enrolled_by.clone().map(|name| format!(" by {name}")).unwrap_or_default();
    let facts = vec![
        ("Birth date", born),
        ("Enrolled", format!("{enrolled}{by}")),
        ("Loyalty balance", format!("{} points", group_thousands(player.loyalty_points.unsigned_abs()))),
    ];
    view! {
        <h1 class="text-2xl font-bold text-slate-900" data-testid="player-name">{player.player.full_name()}</h1>
        <Facts facts testid="player-facts"/>
    }
}
