//! The actions a seat offers, kept outside the redrawn seat map so their state survives each change.

use leptos::prelude::*;
use pitboss::floor::PlayerChoice;
use pitboss::player::PlayerId;
use pitboss::rating_slip::{Slip, SlipId};
use pitboss::table_context::TableId;
use pitboss::visit::{Visit, VisitId};
use uuid::Uuid;

use super::LiveSeats;
use super::{
    CheckIn, CheckOut, CloseSlip, MovePlayer, PauseSlip, ResumeSlip, SeatAndStart, SeatVisit, StartSlip, Unseat,
    UpdateAverageBet,
};
use crate::error::AppError;
use crate::offline::{Call, Outbox, Place, Sent, use_outbox};
use crate::ui::Intent;

/// One server action, the intent whose request id it sends, and the tap it last sent (for the outbox).
struct Tracked<A>
where
    A: leptos::server_fn::ServerFn + 'static,
{
    action: ServerAction<A>,
    intent: Intent,
    sent: StoredValue<Option<Sent>>,
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

/// Creates a tracked action. A send whose outcome is unknown (the connection went while it was on its way)
/// moves to the outbox with its request id and tap instant, which resends it until it is answered; any other
/// failure is shown.
macro_rules! track {
    ($error:expr, $outbox:expr, $on_ok:expr) => {{
        let action = ServerAction::new();
        let intent = Intent::new();
        let sent = StoredValue::new(None::<Sent>);
        intent.renew_after(move || action.value().get());
        let error: RwSignal<Option<AppError>> = $error;
        let outbox: Outbox = $outbox;
        let on_ok = $on_ok;
        Effect::new(move || match action.value().get() {
            Some(Ok(answer)) => {
                error.set(None);
                on_ok(&answer);
            }
            Some(Err(failure)) => error.set(outbox.take_over(sent, intent, failure)),
            None => {}
        });
        Tracked { action, intent, sent }
    }};
}

impl SeatActions {
    /// Creates the actions. Each answer is shown on `seats` as it comes (a slip in its seat), and the live
    /// stream's event re-reads the one table it changed; with the stream down, the table is read at once.
    pub fn new(seats: LiveSeats) -> Self {
        let error = RwSignal::new(None);
        let outbox = use_outbox();
        let slip = move |slip: &Slip| seats.show_answer(slip);
        let visit = move |visit: &Visit| seats.settle(visit.seat.map(|seat| seat.table_id));
        let floor = move |_: &()| seats.settle(None);
        Self {
            seat_and_start: track!(error, outbox, slip),
            start: track!(error, outbox, slip),
            pause: track!(error, outbox, slip),
            resume: track!(error, outbox, slip),
            bet: track!(error, outbox, slip),
            close: track!(error, outbox, slip),
            check_out: track!(error, outbox, floor),
            unseat: track!(error, outbox, floor),
            // A check-in seats nobody: nothing on the map changes.
            check_in: track!(error, outbox, |_: &Visit| {}),
            seat_visit: track!(error, outbox, visit),
            // The slip leaves one table for another: both change.
            move_slip: track!(error, outbox, move |_: &Slip| seats.settle(None)),
            error,
            closed_player: RwSignal::new(None),
            outbox,
            seats,
        }
    }

    /// Sends `call` through `tracked`, as `build` makes it from a request id, unless the tap must wait in the
    /// outbox: while the tablet is offline or earlier taps still wait (they go first), if `place` shows where it
    /// was tapped. Whether it was queued.
    fn send<A>(
        self,
        tracked: Tracked<A>,
        call: Call,
        place: Option<Place>,
        args: &impl serde::Serialize,
        build: impl FnOnce(Uuid) -> A,
    ) -> bool
    where
        A: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
        A::Output: Send + Sync + 'static,
        A::Error: Send + Sync + 'static,
    {
        if let Some(place) = place.clone().filter(|_| self.outbox.queueing()) {
            self.error.set(None);
            self.outbox.push(call, place);
            return true;
        }
        let request_id = tracked.intent.request_id(args);
        tracked.sent.set_value(place.map(|place| Sent::now(call, place, request_id)));
        tracked.action.dispatch(build(request_id));
        false
    }

    fn place_of_slip(self, slip_id: SlipId) -> Option<Place> {
        self.seats.place_of(Some(slip_id), None)
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
        let call = Call::SeatAndStart { table_id, seat, player: player.clone(), average_bet_cents };
        let args = (table_id, seat, &player, average_bet_cents);
        let place = Some(Place { table_id, seat, who });
        self.send(self.seat_and_start, call, place, &args, |request_id| SeatAndStart {
            request_id,
            table_id,
            seat,
            player: player.clone(),
            average_bet_cents,
        })
    }

    /// Starts rating a seated player.
    pub fn start(self, visit_id: VisitId, table_id: TableId, average_bet_cents: i64) {
        let request_id = self.start.intent.request_id(&(visit_id, table_id, average_bet_cents));
        self.start.action.dispatch(StartSlip { request_id, visit_id, table_id, average_bet_cents });
    }

    /// Pauses a slip.
    pub fn pause(self, slip_id: SlipId) {
        let place = self.place_of_slip(slip_id);
        self.send(self.pause, Call::Pause { slip_id }, place, &slip_id, |request_id| PauseSlip {
            request_id,
            slip_id,
            occurred_at: None,
        });
    }

    /// Resumes a slip.
    pub fn resume(self, slip_id: SlipId) {
        let place = self.place_of_slip(slip_id);
        self.send(self.resume, Call::Resume { slip_id }, place, &slip_id, |request_id| ResumeSlip {
            request_id,
            slip_id,
            occurred_at: None,
        });
    }

    /// Records a new average bet.
    pub fn bet(self, slip_id: SlipId, average_bet_cents: i64) {
        let call = Call::Bet { slip_id, average_bet_cents };
        let place = self.place_of_slip(slip_id);
        self.send(self.bet, call, place, &(slip_id, average_bet_cents), |request_id| UpdateAverageBet {
            request_id,
            slip_id,
            average_bet_cents,
        });
    }

    /// Closes `player`'s slip.
    pub fn close(self, slip_id: SlipId, average_bet_cents: Option<i64>, player: String) {
        let call = Call::Close { slip_id, average_bet_cents };
        let place = self.place_of_slip(slip_id);
        let build = |request_id| CloseSlip { request_id, slip_id, average_bet_cents, occurred_at: None };
        if !self.send(self.close, call, place, &(slip_id, average_bet_cents), build) {
            self.closed_player.set(Some(player));
        }
    }

    /// Checks the player out.
    pub fn check_out(self, visit_id: VisitId) {
        let place = self.seats.place_of(None, Some(visit_id));
        self.send(self.check_out, Call::CheckOut { visit_id }, place, &visit_id, |request_id| CheckOut {
            request_id,
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
        let call = Call::Move { slip_id, to_table_id: table_id, to_seat: seat };
        let place = self.place_of_slip(slip_id);
        self.send(self.move_slip, call, place, &(slip_id, table_id, seat), |request_id| MovePlayer {
            request_id,
            slip_id,
            to_table_id: table_id,
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
