//! What a tapped seat offers: seat and rate a player on an empty seat; pause, resume, change the bet, close
//! or check out on an occupied one.

use leptos::prelude::*;
use pitboss::floor::{PlayerChoice, SeatView, SeatedPlayer};
use pitboss::player::{EnrollInput, LastPlay, PlayerId, PlayerMatch};
use pitboss::rating_slip::{Slip, SlipStatus};
use pitboss::table_context::TableId;
use pitboss::{Cents, ErrorCode, FieldError};

use super::seat_actions::SeatActions;
use crate::error::AppError;
use crate::finance::{EntryForm, EntryMode};
use crate::loyalty::SlipRewardsPanel;
use crate::mtl::ProximityBadge;
use crate::player::PlayerPicker;
use crate::shell::SessionResource;
use crate::ui::{ConfirmButton, TextField, loaded};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";

/// The actions of the tapped seat.
#[component]
pub fn SeatPanel(
    table_id: TableId,
    table_active: Signal<bool>,
    seat: SeatView,
    actions: SeatActions,
    draft: SeatDraft,
) -> impl IntoView {
    let number = seat.number;
    let body = match seat.occupant {
        None if table_active.get_untracked() => {
            view! { <SeatPlayerForm table_id seat=number actions draft/> }.into_any()
        }
        None => view! { <p class="text-slate-600">"Open the table to seat players."</p> }.into_any(),
        Some(occupant) => view! { <OccupiedSeat table_id occupant actions/> }.into_any(),
    };
    view! {
        <div class="rounded-xl border border-slate-300 p-4 space-y-3" data-testid="seat-panel">
            <h4 class="font-semibold">{format!("Seat {number}")}</h4>
            {body}
        </div>
    }
}

/// What the pit boss has typed into the seat form, kept by the seat map rather than the form: when another pit
/// boss takes the seat meanwhile, the form gives way to the new occupant, and what was typed waits for the next
/// free seat tapped.
#[derive(Clone, Copy)]
pub struct SeatDraft {
    query: RwSignal<String>,
    chosen: RwSignal<Option<(PlayerId, String)>>,
    first_name: RwSignal<String>,
    last_name: RwSignal<String>,
    bet: RwSignal<String>,
    new_player: RwSignal<bool>,
    last_play: RwSignal<Option<LastPlay>>,
}

impl SeatDraft {
    /// An empty form.
    pub fn new() -> Self {
        Self {
            query: RwSignal::new(String::new()),
            chosen: RwSignal::new(None),
            first_name: RwSignal::new(String::new()),
            last_name: RwSignal::new(String::new()),
            bet: RwSignal::new(String::new()),
            new_player: RwSignal::new(false),
            last_play: RwSignal::new(None),
        }
    }

    /// Who the draft would seat, if a player was chosen or a name typed (not tracked).
    pub fn player(self) -> Option<String> {
        if self.new_player.get_untracked() {
            let name = format!("{} {}", self.first_name.get_untracked().trim(), self.last_name.get_untracked().trim());
            Some(name.trim().to_owned()).filter(|n| !n.is_empty())
        } else {
            self.chosen.get_untracked().map(|(_, name)| name)
        }
    }

    /// Empties the form (after it seated someone).
    pub fn clear(self) {
        self.query.set(String::new());
        self.chosen.set(None);
        self.first_name.set(String::new());
        self.last_name.set(String::new());
        self.bet.set(String::new());
        self.last_play.set(None);
    }
}

/// Reads a dollar box into cents, or the field error the pit boss sees.
fn bet_cents(text: &str) -> Result<i64, AppError> {
    match Cents::parse_dollars(text) {
        Ok(cents) if cents.0 >= 0 => Ok(cents.0),
        _ => Err(AppError::new(ErrorCode::ValidationFailed)
            .with_fields(vec![FieldError::new("average_bet", ErrorCode::RatingSlipInvalidAverageBet)])),
    }
}

#[component]
fn SeatPlayerForm(table_id: TableId, seat: i16, actions: SeatActions, draft: SeatDraft) -> impl IntoView {
    let SeatDraft { query, chosen, first_name, last_name, bet, new_player, last_play } = draft;
    let field_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || field_error.get().or_else(|| actions.error.get()));
    // Start from the player's last slip: their bet is typed in, one tap on "Seat and start rating" accepts it.
    let on_pick = Callback::new(move |found: PlayerMatch| {
        if let Some(play) = &found.last_play {
            bet.set(pitboss::money::format_hundredths(play.bet.0));
        }
        last_play.set(found.last_play);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cents = match bet_cents(&bet.get_untracked()) {
            Ok(cents) => cents,
            Err(problem) => return field_error.set(Some(problem)),
        };
        let player = if new_player.get_untracked() {
            PlayerChoice::New(EnrollInput {
                first_name: first_name.get_untracked(),
                last_name: last_name.get_untracked(),
                birth_date: None,
            })
        } else {
            match chosen.get_untracked() {
                Some((id, _)) => PlayerChoice::Existing(id),
                None => {
                    let pick = FieldError::new("player", ErrorCode::ValidationFailed);
                    return field_error.set(Some(AppError::new(ErrorCode::ValidationFailed).with_fields(vec![pick])));
                }
            }
        };
        field_error.set(None);
        // Queued offline, the seat shows the seating as not yet sent: the form has done its part.
        if actions.seat_and_start(table_id, seat, player, cents, draft.player().unwrap_or_default()) {
            draft.clear();
        }
    };
    view! {
        <form on:submit=submit class="space-y-3" aria-label="Seat a player">
            <div class="flex gap-2" role="group" aria-label="Player">
                <button type="button" class=format!("{BUTTON} border border-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white") aria-pressed=move || (!new_player.get()).to_string()
                    on:click=move |_| new_player.set(false)>"Enrolled player"</button>
                <button type="button" class=format!("{BUTTON} border border-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white") aria-pressed=move || new_player.get().to_string()
                    on:click=move |_| new_player.set(true)>"New player"</button>
            </div>
            <Show when=move || new_player.get() fallback=move || view! { <PlayerPicker query chosen on_pick/> }>
                <div class="grid grid-cols-2 gap-2">
                    <TextField label="First name" name="first_name" value=first_name error/>
                    <TextField label="Last name" name="last_name" value=last_name error/>
                </div>
            </Show>
            <TextField label="Average bet ($)" name="average_bet" value=bet error/>
            {move || (!new_player.get()).then(|| last_play.get()).flatten().map(|play| view! {
                <p class="text-sm text-slate-600" data-testid="last-play">
                    {format!("From their last slip: {} at {}.", play.bet.short(), play.game_name)}
                </p>
            })}
            <crate::ui::ErrorBanner error=Signal::derive(move || field_error.get())/>
            <button type="submit" disabled=move || actions.pending()
                class=format!("{BUTTON} w-full bg-emerald-700 text-white")>
                "Seat and start rating"
            </button>
            {move || (!new_player.get()).then(|| chosen.get()).flatten().map(|(player_id, _)| {
                view! { <super::unrated::UnratedSeating player_id table_id seat actions/> }
            })}
        </form>
    }
}

/// The bet typed in `bet`, in cents; on a bad value the field shows why and `None` comes back.
fn read_bet(bet: RwSignal<String>, error: RwSignal<Option<AppError>>) -> Option<i64> {
    match bet_cents(&bet.get_untracked()) {
        Ok(cents) => {
            error.set(None);
            Some(cents)
        }
        Err(problem) => {
            error.set(Some(problem));
            None
        }
    }
}

#[component]
fn OccupiedSeat(table_id: TableId, occupant: SeatedPlayer, actions: SeatActions) -> impl IntoView {
    let visit_id = occupant.visit_id;
    let busy = Signal::derive(move || actions.pending());
    let typed = occupant.slip.as_ref().map(|s| pitboss::money::format_hundredths(s.current_bet.0));
    let bet = RwSignal::new(typed.unwrap_or_default());
    let bet_error = RwSignal::new(None::<AppError>);
    // A bet the server refused (outside the table's limits) is told at the field, like one typed wrong.
    let shown_error = Signal::derive(move || bet_error.get().or_else(|| actions.error.get()));
    let rewards =
        occupant.slip.as_ref().map(|slip| view! { <SlipRewardsPanel slip_id=slip.id player_id=occupant.player_id/> });
    let buy_in = occupant.slip.as_ref().map(|slip| {
        let (player_id, mode) = (occupant.player_id, EntryMode::BuyIn { visit_id, slip_id: slip.id });
        view! { <BuyIn player_id mode/> }
    });
    let level = occupant.proximity;
    let slip_controls = match occupant.slip {
        Some(slip) => {
            let player = occupant.name.clone();
            view! { <SlipControls slip player bet bet_error shown_error actions/> }.into_any()
        }
        None => view! {
            <TextField label="Average bet ($)" name="average_bet" value=bet error=shown_error/>
            <button type="button" class=format!("{BUTTON} bg-emerald-700 text-white") disabled=move || busy.get()
                on:click=move |_| {
                    if let Some(cents) = read_bet(bet, bet_error) {
                        actions.start(visit_id, table_id, cents);
                    }
                }>
                "Start rating"
            </button>
            <button type="button" class=format!("{BUTTON} bg-slate-200") disabled=move || busy.get()
                on:click=move |_| actions.unseat(visit_id)>"Unseat"</button>
        }
        .into_any(),
    };
    view! {
        <p class="text-lg flex gap-2 items-center">{occupant.name} <ProximityBadge level/></p>
        <div class="flex flex-wrap gap-2 items-end">{slip_controls}</div>
        // Rewards before money: a reward is a slip action, and belongs in reach with the others.
        {rewards}
        {buy_in}
        <ConfirmButton label="Check out" confirm="Confirm: check out".to_owned() disabled=busy
            on_confirm=Callback::new(move |()| actions.check_out(visit_id))/>
    }
}

/// The pit's buy-in at the slip, while finance entries are on for the casino.
#[component]
fn BuyIn(player_id: PlayerId, mode: EntryMode) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    loaded(session, move |s| {
        let role = s.staff.role;
        (s.finance_enabled && pitboss::finance::rules::source_allowed(role, pitboss::finance::Source::Pit)).then(|| {
            view! { <section class="w-full border-t border-slate-200 pt-3"><EntryForm player_id mode role/></section> }
        })
    })
}

#[component]
fn SlipControls(
    slip: Slip,
    player: String,
    bet: RwSignal<String>,
    bet_error: RwSignal<Option<AppError>>,
    shown_error: Signal<Option<AppError>>,
    actions: SeatActions,
) -> impl IntoView {
    let id = slip.id;
    let chain = view! { <super::move_form::SlipChain slip=slip.clone()/> };
    let busy = move || actions.pending();
    let toggle = match slip.status {
        SlipStatus::Open => view! {
            <button type="button" class=format!("{BUTTON} bg-amber-500 text-slate-900") disabled=busy
                on:click=move |_| actions.pause(id)>"Pause"</button>
        }
        .into_any(),
        _ => view! {
            <button type="button" class=format!("{BUTTON} bg-emerald-700 text-white") disabled=busy
                on:click=move |_| actions.resume(id)>"Resume"</button>
        }
        .into_any(),
    };
    let close = Callback::new(move |()| {
        if let Some(cents) = read_bet(bet, bet_error) {
            actions.close(id, Some(cents), player.clone());
        }
    });
    view! {
        {toggle}
        <TextField label="Average bet ($)" name="average_bet" value=bet error=shown_error/>
        <button type="button" class=format!("{BUTTON} bg-slate-900 text-white") disabled=busy
            on:click=move |_| {
                if let Some(cents) = read_bet(bet, bet_error) {
                    actions.bet(id, cents);
                }
            }>
            "Save bet"
        </button>
        <ConfirmButton label="Close slip" confirm="Confirm: close slip".to_owned() disabled=Signal::derive(busy) on_confirm=close/>
        <super::move_form::MoveControl slip_id=id actions/>
        {chain}
    }
}
