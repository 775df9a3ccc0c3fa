//! The actions a seat offers, kept outside the redrawn seat map so their state survives each change.

use leptos::prelude::*;
use pitboss::floor::PlayerChoice;
use pitboss::player::PlayerId;
use pitboss::rating_slip::{Slip, SlipId};
use pitboss::table_context::TableId;
use pitboss::visit::{Visit, VisitId};

use super::LiveSeats;
use super::{
    CheckIn, CheckOut, CloseSlip, MovePlayer, PauseSlip, ResumeSlip, SeatAndStart, SeatVisit, StartSlip, Unseat,
    UpdateAverageBet,
};
use crate::error::AppError;
use crate::offline::{Call, Outbox, Place, use_outbox};
use crate::ui::Intent;

/// One server action and the intent whose request id it sends.
struct Tracked<A>
where
    A: leptos::server_fn::ServerFn + 'static,
{
    action: ServerAction<A>,
    intent: Intent,
}

impl<A: leptos::server_fn::ServerFn + 'static> Clone for Tracked<A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: leptos::server_fn::ServerFn + 'static> Copy for Tracked<A> {}

/// Every action of the seat map, with their request ids.
#[derive(Clone, Copy)]
pub struct SeatActions {
    seat_and_start: Tracked<SeatAndStart>,
    start: Tracked<StartSlip>,
    pause: Tracked<PauseSlip>,
    resume: Tracked<ResumeSlip>,
    bet: Tracked<UpdateAverageBet>,
    close: Tracked<CloseSlip>,
    check_out: Tracked<CheckOut>,
    unseat: Tracked<Unseat>,
    check_in: Tracked<CheckIn>,
    seat_visit: Tracked<SeatVisit>,
    move_slip: Tracked<MovePlayer>,
    /// The last action's failure, shown above the seat map.
    pub error: RwSignal<Option<AppError>>,
    /// Who the last close was for: the summary names them.
    closed_player: RwSignal<Option<String>>,
    /// Where taps wait while the tablet is offline.
    outbox: Outbox,
    seats: LiveSeats,
}

macro_rules! track {
    ($error:expr, $on_ok:expr) => {{
        let action = ServerAction::new();
        let intent = Intent::new();
        intent.renew_after(move || action.value().get());
        let error: RwSignal<Option<AppError>> = $error;
        let on_ok = $on_ok;
        Effect::new(move || match action.value().get() {
            Some(Ok(answer)) => {
                error.set(None);
                on_ok(&answer);
            }
            Some(Err(failure)) => error.set(Some(failure)),
            None => {}
        });
        Tracked { action, intent }
    }};
}

impl SeatActions {
    /// Creates the actions. Each answer is shown on `seats` as it comes (a slip in its seat), and the live
    /// stream's event re-reads the one table it changed; with the stream down, the table is read at once.
    pub fn new(seats: LiveSeats) -> Self {
        let error = RwSignal::new(None);
        let slip = move |slip: &Slip| seats.show_answer(slip);
        let visit = move |visit: &Visit| seats.settle(visit.seat.map(|seat| seat.table_id));
        let floor = move |_: &()| seats.settle(None);
        Self {
            seat_and_start: track!(error, slip),
            start: track!(error, slip),
            pause: track!(error, slip),
            resume: track!(error, slip),
            bet: track!(error, slip),
            close: track!(error, slip),
            check_out: track!(error, floor),
            unseat: track!(error, floor),
            // A check-in seats nobody: nothing on the map changes.
            check_in: track!(error, |_: &Visit| {}),
            seat_visit: track!(error, visit),
            // The slip leaves one table for another: both change.
            move_slip: track!(error, move |_: &Slip| seats.settle(None)),
            error,
            closed_player: RwSignal::new(None),
            outbox: use_outbox(),
            seats,
        }
    }

    /// Queues `call` instead of sending it while the tablet is offline or earlier taps still wait (they go
    /// first), if `place` shows where it was tapped. Whether it did.
    fn queued(self, call: Call, place: Option<Place>) -> bool {
        match place {
            Some(place) if self.outbox.queueing() => {
                self.error.set(None);
                self.outbox.push(call, place);
                true
            }
            _ => false,
        }
    }

    fn queued_on_slip(self, call: Call, slip_id: SlipId) -> bool {
        self.outbox.queueing() && self.queued(call, self.seats.place_of(Some(slip_id), None))
    }

    /// Whether any request is in flight (buttons wait, so a double tap sends nothing twice).
    pub fn pending(self) -> bool {
        [
            self.seat_and_start.action.pending().get(),
            self.start.action.pending().get(),
            self.pause.action.pending().get(),
            self.resume.action.pending().get(),
            self.bet.action.pending().get(),
            self.close.action.pending().get(),
            self.check_out.action.pending().get(),
            self.unseat.action.pending().get(),
            self.check_in.action.pending().get(),
            self.seat_visit.action.pending().get(),
            self.move_slip.action.pending().get(),
        ]
        .into_iter()
        .any(|pending| pending)
    }

    /// Seats and rates `player` (named `who`) at `seat`; whether the tap was queued, offline, rather than sent.
    pub fn seat_and_start(
        self,
        table_id: TableId,
        seat: i16,
        player: PlayerChoice,
        average_bet_cents: i64,
        who: String,
    ) -> bool {
        let place = Place { table_id, seat, who };
        if self.queued(Call::SeatAndStart { table_id, seat, player: player.clone(), average_bet_cents }, Some(place)) {
            return true;
        }
        let request_id = self.seat_and_start.intent.request_id(&(table_id, seat, &player, average_bet_cents));
        self.seat_and_start.action.dispatch(SeatAndStart { request_id, table_id, seat, player, average_bet_cents });
        false
    }

    /// Starts rating a seated player.
    pub fn start(self, visit_id: VisitId, table_id: TableId, average_bet_cents: i64) {
        let request_id = self.start.intent.request_id(&(visit_id, table_id, average_bet_cents));
        self.start.action.dispatch(StartSlip { request_id, visit_id, table_id, average_bet_cents });
    }

    /// Pauses a slip.
    pub fn pause(self, slip_id: SlipId) {
        if self.queued_on_slip(Call::Pause { slip_id }, slip_id) {
            return;
        }
        self.pause.action.dispatch(PauseSlip {
            request_id: self.pause.intent.request_id(&slip_id),
            slip_id,
            occurred_at: None,
        });
    }

    /// Resumes a slip.
    pub fn resume(self, slip_id: SlipId) {
        if self.queued_on_slip(Call::Resume { slip_id }, slip_id) {
            return;
        }
        self.resume.action.dispatch(ResumeSlip {
            request_id: self.resume.intent.request_id(&slip_id),
            slip_id,
            occurred_at: None,
        });
    }

    /// Records a new average bet.
    pub fn bet(self, slip_id: SlipId, average_bet_cents: i64) {
        if self.queued_on_slip(Call::Bet { slip_id, average_bet_cents }, slip_id) {
            return;
        }
        let request_id = self.bet.intent.request_id(&(slip_id, average_bet_cents));
        self.bet.action.dispatch(UpdateAverageBet { request_id, slip_id, average_bet_cents });
    }

    /// Closes `player`'s slip.
    pub fn close(self, slip_id: SlipId, average_bet_cents: Option<i64>, player: String) {
        if self.queued_on_slip(Call::Close { slip_id, average_bet_cents }, slip_id) {
            return;
        }
        self.closed_player.set(Some(player));
        let request_id = self.close.intent.request_id(&(slip_id, average_bet_cents));
        self.close.action.dispatch(CloseSlip { request_id, slip_id, average_bet_cents, occurred_at: None });
    }

    /// Checks the player out.
    pub fn check_out(self, visit_id: VisitId) {
        let place = self.outbox.queueing().then(|| self.seats.place_of(None, Some(visit_id))).flatten();
        if self.queued(Call::CheckOut { visit_id }, place) {
            return;
        }
        self.check_out.action.dispatch(CheckOut {
            request_id: self.check_out.intent.request_id(&visit_id),
            visit_id,
            occurred_at: None,
        });
    }

    /// Takes the player out of the seat.
    pub fn unseat(self, visit_id: VisitId) {
        self.unseat.action.dispatch(Unseat { request_id: self.unseat.intent.request_id(&visit_id), visit_id });
    }

    /// Checks the player in, without seating them.
    pub fn check_in(self, player_id: PlayerId) {
        self.check_in.action.dispatch(CheckIn { request_id: self.check_in.intent.request_id(&player_id), player_id });
    }

    /// How many check-ins this map has sent: what shows whether the chosen player is checked in depends on it.
    pub fn check_ins(self) -> usize {
        self.check_in.action.version().get()
    }

    /// Seats a checked-in player at `seat` without rating them.
    pub fn seat_unrated(self, visit_id: VisitId, table_id: TableId, seat: i16) {
        let request_id = self.seat_visit.intent.request_id(&(visit_id, table_id, seat));
        self.seat_visit.action.dispatch(SeatVisit { request_id, visit_id, table_id, seat });
    }

    /// Moves a rated player to `seat` at `table_id`: their slip closes here and continues there.
    pub fn move_to(self, slip_id: SlipId, table_id: TableId, seat: i16) {
        if self.queued_on_slip(Call::Move { slip_id, to_table_id: table_id, to_seat: seat }, slip_id) {
            return;
        }
        let request_id = self.move_slip.intent.request_id(&(slip_id, table_id, seat));
        let to_table_id = table_id;
        self.move_slip.action.dispatch(MovePlayer {
            request_id,
            slip_id,
            to_table_id,
            to_seat: seat,
            average_bet_cents: None,
            occurred_at: None,
        });
    }

    /// The slip the seat form's last "Seat and start rating" started, once it has.
    pub fn last_seated(self) -> Option<Slip> {
        self.seat_and_start.action.value().get().and_then(Result::ok)
    }

    /// The last slip this map closed, with its player's name: its final figures, shown until the next action.
    pub fn last_closed(self) -> Option<(String, pitboss::rating_slip::Slip)> {
        let slip = self.close.action.value().get().and_then(Result::ok)?;
        Some((self.closed_player.get().unwrap_or_default(), slip))
    }
}
