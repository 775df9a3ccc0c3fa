//! The pit dashboard: every table of the casino, live, filterable by pit, with a detail panel per table.

use leptos::prelude::*;
use pitboss::table_context::{TableCard, rules};

use super::card::TableCardView;
use super::detail::TableDetailPanelProps;
use super::panel_module::PanelModule;
use super::place::PitPlace;
use super::{TABLE_ENTITIES, list_tables};
use crate::error::AppError;
use crate::floor::{LiveSeats, SEAT_ENTITIES, seat_maps};
use crate::live::use_live;
use crate::offline::use_outbox;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, loaded2, use_hydrated};
use pitboss::ErrorCode;

/// `/pit`, for pit bosses and admins: the table grid that follows every change as it commits.
#[component]
pub fn PitPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let live = use_live();
    let version = live.version_of(TABLE_ENTITIES);
    // Bumped after this tab's own table changes while the live stream is down (else their events re-read).
    let refresh = RwSignal::new(0u64);
    let seats = LiveSeats::follow(live, SEAT_ENTITIES);
    // Tables and seats load together, so the server renders the seat strips the browser then hydrates; after
    // that, seat changes re-read only the table concerned (`LiveSeats`).
    let floor = Resource::new(
        move || (version.get(), refresh.get()),
        move |_| {
            let since = live.sequence();
            async move { Ok::<_, AppError>((list_tables().await?, seat_maps(None).await?, since)) }
        },
    );
    let selection = Selection { pit: RwSignal::new(None), place: PitPlace::from_url() };
    // The panel opens only once the page is interactive: its seats come from the floor read, which the server
    // renders in its own time, and a panel rendered both ways could disagree with the hydrated page.
    let hydrated = use_hydrated();
    let outbox = use_outbox();
    let panel = PanelModule::fetch_after(hydrated);
    // Online, keep this page for a reload without a connection; reloaded offline, show the floor as last read.
    Effect::new(move || {
        if hydrated.get() {
            if untrack(|| outbox.online()) { outbox.keep_page("/pit") } else { seats.read_again() }
        }
    });
    view! {
        <section class="space-y-4" data-panel-module=move || panel.state()>
            <h1 class="text-2xl font-bold text-slate-900">"Pit"</h1>
            {move || (hydrated.get() && !outbox.online()).then(|| view! {
                <p role="status" data-testid="floor-stale" class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
                    "Offline: this is the floor as this tablet last saw it. Your taps are kept and sent, in order, when the connection returns."
                </p>
            })}
            {loaded2(session, floor, move |session, (cards, maps, since)| {
                if rules::may_run_tables(session.staff.role) {
                    seats.reset(maps, since);
                    view! { <Grid cards seats selection/> }.into_any()
                } else {
                    view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any()
                }
            })}
            {move || {
                let place = selection.place;
                hydrated.get().then(|| place.table()).flatten().map(|table_id| {
                    let on_close = Callback::new(move |()| place.go(None, None));
                    let on_seat = Callback::new(move |seat| place.go(Some(table_id), seat));
                    panel.panel(
                        TableDetailPanelProps::builder()
                            .table_id(table_id)
                            .version(version)
                            .refresh(refresh)
                            .seats(seats)
                            .seat(place.seat())
                            .on_seat(on_seat)
                            .on_close(on_close)
                            .build(),
                    )
                })
            }}
        </section>
    }
}

/// What the pit boss has chosen: a pit (`None` for all), and the table and seat open (in the URL).
#[derive(Clone, Copy)]
struct Selection {
    pit: RwSignal<Option<String>>,
    place: PitPlace,
}

#[component]
fn Grid(cards: Vec<TableCard>, seats: LiveSeats, selection: Selection) -> impl IntoView {
    let mut pits: Vec<String> = Vec::new();
    for card in &cards {
        if !pits.contains(&card.pit) {
            pits.push(card.pit.clone());
        }
    }
    let choices: Vec<Option<String>> = std::iter::once(None).chain(pits.into_iter().map(Some)).collect();
    let cards = StoredValue::new(cards);
    let shown = move || {
        let pit = selection.pit.get();
        cards.get_value().into_iter().filter(|card| pit.as_ref().is_none_or(|p| *p == card.pit)).collect::<Vec<_>>()
    };
    view! {
        <div role="group" aria-label="Pit" class="flex flex-wrap gap-2">
            {choices
                .into_iter()
                .map(|choice| {
                    let label = choice.clone().unwrap_or_else(|| "All pits".into());
                    let value = choice.clone();
                    let pressed = move || selection.pit.get() == choice;
                    view! {
                        <button
                            type="button"
                            aria-pressed=move || pressed().to_string()
                            on:click=move |_| selection.pit.set(value.clone())
                            class="h-12 px-5 rounded-full border border-slate-300 font-medium aria-pressed:bg-slate-900 aria-pressed:text-white"
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <div class="grid grid-cols-2 md:grid-cols-3 lg:grid-cols-4 gap-3" data-testid="table-grid">
            {move || {
                shown()
                    .into_iter()
                    .map(|card| {
                        let id = card.id;
                        let on_select = Callback::new(move |()| selection.place.go(Some(id), None));
                        let strip = seats.of(id);
                        view! { <TableCardView card strip on_select/> }
                    })
                    .collect_view()
            }}
        </div>
    }
}
