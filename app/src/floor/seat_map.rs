//! The seat map of a table, and the compact strip of seats on a dashboard card.

use leptos::prelude::*;
use pitboss::floor::{SeatView, TableSeats};
use pitboss::rating_slip::SlipStatus;
use pitboss::table_context::TableId;

use super::LiveSeats;
use super::seat_actions::SeatActions;
use super::seat_form::{SeatDraft, SeatPanel};
use crate::exclusion::ExclusionBadge;
use crate::mtl::ProximityBadge;
use crate::offline::use_outbox;
use crate::ui::{ErrorBanner, SlipTimer};

/// How a seat looks at a glance.
fn seat_state(seat: &SeatView) -> &'static str {
    match seat.occupant.as_ref() {
        None => "empty",
        Some(occupant) => match occupant.slip.as_ref() {
            None => "seated",
            Some(slip) if slip.stale => "stale",
            Some(slip) if slip.status == SlipStatus::Paused => "paused",
            Some(_) => "rating",
        },
    }
}

fn seat_tone(state: &str) -> &'static str {
    match state {
        "rating" => "bg-emerald-500 border-emerald-600",
        "paused" => "bg-amber-400 border-amber-500",
        "stale" => "bg-red-500 border-red-700",
        "seated" => "bg-slate-500 border-slate-600",
        _ => "bg-white border-slate-300",
    }
}

/// Seats 1..N as dots on a table card: empty, seated, rated, paused or stale.
#[component]
pub fn SeatStrip(seats: TableSeats) -> impl IntoView {
    let taken = seats.seats.iter().filter(|s| s.occupant.is_some()).count();
    let total = seats.seats.len();
    view! {
        <div class="mt-2 flex items-center gap-1" data-testid="seat-strip" aria-label=format!("{taken} of {total} seats taken")>
            {seats
                .seats
                .iter()
                .map(|seat| {
                    let state = seat_state(seat);
                    view! {
                        <span data-seat=seat.number data-state=state
                            class=format!("inline-block h-3 w-3 rounded-full border {}", seat_tone(state))></span>
                    }
                })
                .collect_view()}
            <span class="ml-2 text-xs text-slate-600" data-testid="seated-count">{format!("{taken}/{total} seated")}</span>
        </div>
    }
}

/// The seat map in a table's panel: tap a seat to act on it. It shows the dashboard's own copy of the table's
/// seats, so the live stream reads them once for both.
#[component]
pub fn SeatMap(
    table_id: TableId,
    table_active: Signal<bool>,
    seats: LiveSeats,
    /// The tapped seat, and where taps go (the pit page keeps the seat in its URL).
    selected: Signal<Option<i16>>,
    on_select: Callback<Option<i16>>,
) -> impl IntoView {
    let table = seats.of(table_id);
    let actions = SeatActions::new(seats);
    let draft = SeatDraft::new();
    Effect::new(move || {
        if actions.last_seated().is_some() {
            draft.clear();
        }
    });
    // The tapped seat without its ticking figures and reward total (its own list follows rewards): the panel is
    // rebuilt only when who sits there, or their slip's state, changes — not on every re-read, which would wipe
    // what the pit boss is typing, and drop a reward whose answer was lost on its way before the outbox took it.
    let chosen = Memo::new(move |_| {
        let number = selected.get()?;
        let mut seat = table.get()?.seats.into_iter().find(|s| s.number == number)?;
        if let Some(occupant) = seat.occupant.as_mut() {
            occupant.rewarded_points = 0;
            if let Some(slip) = occupant.slip.as_mut() {
                slip.accrued_seconds = 0;
                slip.theo = pitboss::Cents(0);
                // The time-weighted average moves with the clock once the bet has changed.
                slip.average_bet = pitboss::Cents(0);
                slip.as_of = chrono::DateTime::UNIX_EPOCH;
            }
        }
        Some(seat)
    });
    // The tapped seat filled by someone else while the pit boss was filling in its form: say so, and keep the
    // form for the next free seat (`SeatDraft`).
    let taken = RwSignal::new(None::<String>);
    Effect::new(move |before: Option<Option<(i16, Option<String>)>>| {
        let now = chosen.with(|seat| seat.as_ref().map(|s| (s.number, s.occupant.as_ref().map(|o| o.name.clone()))));
        match (before.flatten(), &now) {
            (Some((was, None)), Some((number, Some(by)))) if was == *number => {
                if let Some(player) = draft.player() {
                    taken.set(Some(format!(
                        "Seat {number} was just taken by {by}. {player} and the bet you typed are kept: tap a free seat to seat them there."
                    )));
                }
            }
            (Some((was, _)), Some((number, _))) if was == *number => {}
            _ => taken.set(None),
        }
        now
    });
    view! {
        <section class="space-y-3">
            <h3 class="text-lg font-semibold">"Seats"</h3>
            <ErrorBanner error=actions.error/>
            {move || actions.last_closed().map(|(player, slip)| {
                let points = pitboss::loyalty::rules::earned_points(slip.theo, &slip.policy);
                let summary = format!(
                    "{player}'s slip closed: {} rated, average bet {} (weighted by time played), theo {}, {} points earned.",
                    crate::ui::clock(slip.accrued_seconds),
                    slip.average_bet,
                    slip.theo,
                    pitboss::money::group_thousands(points.unsigned_abs()),
                );
                view! {
                    <p role="status" data-testid="closed-slip" data-seconds=slip.accrued_seconds data-points=points
                        class="rounded-lg bg-slate-100 border border-slate-300 px-4 py-3">
                        {summary}
                    </p>
                }
            })}
            {move || {
                let seats = table.get().map(|t| t.seats).unwrap_or_default();
                view! {
                    <div class="grid grid-cols-2 sm:grid-cols-3 gap-2" data-testid="seat-map">
                        {seats.into_iter().map(|seat| view! { <SeatCell table_id seat selected on_select/> }).collect_view()}
                    </div>
                }
            }}
            {move || taken.get().map(|message| view! {
                <p role="alert" data-testid="seat-taken" class="rounded-lg bg-amber-50 border border-amber-300 px-4 py-3 text-amber-900">
                    {message}
                </p>
            })}
            {move || chosen.get().map(|seat| view! { <SeatPanel table_id table_active seat actions draft/> })}
        </section>
    }
}

#[component]
fn SeatCell(
    table_id: TableId,
    seat: SeatView,
    selected: Signal<Option<i16>>,
    on_select: Callback<Option<i16>>,
) -> impl IntoView {
    let number = seat.number;
    let outbox = use_outbox();
    // Taps waiting in the outbox: the seat shows their effect already, and says it is not yet confirmed.
    let waiting = move || outbox.labels_at(table_id, number);
    let state = seat_state(&seat);
    let is_selected = move || selected.get() == Some(number);
    let body = match seat.occupant {
        None => view! { <span class="text-slate-500">"Empty"</span> }.into_any(),
        Some(occupant) => {
            let slip = occupant.slip.map(|slip| {
                let running = slip.status == SlipStatus::Open;
                view! {
                    <span class="flex justify-between text-sm">
                        <SlipTimer accrued=slip.accrued_seconds running/>
                        <span data-testid="seat-bet">{slip.current_bet.short()}</span>
                    </span>
                    <span class="text-xs" data-testid="seat-status">
                        {if slip.stale { format!("{} · stale", slip.status.label()) } else { slip.status.label().to_owned() }}
                    </span>
                }
                .into_any()
            });
            let rewarded = (occupant.rewarded_points > 0).then(|| {
                view! {
                    <span class="text-xs font-semibold text-indigo-800" data-testid="seat-rewards">
                        {format!("★ {} pts", crate::loyalty::points_text(occupant.rewarded_points))}
                    </span>
                }
            });
            let level = occupant.proximity;
            view! {
                <span class="flex justify-between gap-1 items-start">
                    <span class="font-semibold truncate" data-testid="seat-player">{occupant.name}</span>
                    <ExclusionBadge kind=occupant.flag/>
                    <ProximityBadge level/>
                </span>
                {slip.unwrap_or_else(|| view! { <span class="text-xs">"Not rated"</span> }.into_any())}
                {rewarded}
            }
            .into_any()
        }
    };
    view! {
        <button
            type="button"
            data-testid="seat"
            data-seat=number
            data-state=state
            data-pending=move || waiting().len()
            aria-pressed=move || is_selected().to_string()
            on:click=move |_| on_select.run(if is_selected() { None } else { Some(number) })
            class=format!("min-h-20 rounded-lg border-2 p-2 text-left flex flex-col gap-1 aria-pressed:ring-4 aria-pressed:ring-slate-900 {}",
                match state { "empty" => "border-dashed border-slate-300 bg-white", "seated" => "border-slate-500 bg-slate-100", "paused" => "border-amber-400 bg-amber-50", "stale" => "border-red-500 bg-red-50", _ => "border-emerald-500 bg-emerald-50" })
        >
            <span class="text-xs text-slate-500">{format!("Seat {number}")}</span>
            {body}
            {move || {
                let waiting = waiting();
                (!waiting.is_empty()).then(|| view! {
                    <span data-testid="seat-pending" class="text-xs font-semibold rounded border border-dashed border-slate-900 bg-white px-1 text-slate-900">
                        {format!("Not yet sent: {}", waiting.join(", "))}
                    </span>
                })
            }}
        </button>
    }
}
