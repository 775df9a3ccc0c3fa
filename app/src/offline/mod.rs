//! The tablet's outbox: slip actions tapped while the server cannot be reached wait here.
//!
//! They are kept in `IndexedDB` (a reload or a closed tab keeps them), show on the seat map as pending, and are
//! sent in tap order when the connection returns, each with the request id and the instant of its tap. The
//! server applies each once
//! (`docs/architecture.md#idempotency`) and counts rated time from the tap (`occurred_at`); one it refuses
//! (the slip was closed meanwhile, say) becomes a conflict the pit boss reads and dismisses.
//!
//! Actions queue while the browser says it is offline, and while earlier ones still wait, so they keep
//! their order. A queue belongs to the staff member who tapped it: only they send it, from their session.

mod call;
#[cfg(feature = "hydrate")]
mod store;
mod view;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::casino::StaffId;
use pitboss::floor::TableSeats;
use pitboss::table_context::TableId;

pub use call::{Answer, Call, Place, Queued, Sent};
pub use view::{ConnectionIndicator, OutboxConflicts};

use crate::error::AppError;
use crate::live::{Live, StreamState};
use crate::ui::Intent;

/// A queued action the server refused when it finally arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The action's place in the queue: its key for dismissing.
    pub seq: u64,
    /// What was tapped, for whom, and what the server said.
    pub sentence: String,
    /// The refusal's code.
    pub code: ErrorCode,
}

impl Conflict {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn new(queued: &Queued, error: &AppError) -> Self {
        let sentence = format!(
            "{} for {} (seat {}, tapped at {}) was not recorded: {}",
            queued.call.label(),
            queued.place.who,
            queued.place.seat,
            crate::ui::clock_time(queued.tapped_at),
            error.message
        );
        Self { seq: queued.seq, sentence, code: error.code }
    }
}

/// The tab's outbox, shared through context.
#[derive(Clone, Copy)]
pub struct Outbox {
    entries: RwSignal<Vec<Queued>>,
    conflicts: RwSignal<Vec<Conflict>>,
    online: RwSignal<bool>,
    sending: RwSignal<bool>,
    staff: StoredValue<Option<StaffId>>,
    answer: RwSignal<Option<Answer>>,
}

/// How long to wait before trying again when the server still cannot be reached.
#[cfg(feature = "hydrate")]
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

impl Outbox {
    /// Whether a tap now must wait in the queue: the browser is offline, or earlier taps still wait.
    pub fn queueing(self) -> bool {
        !self.online.get_untracked() || self.entries.with_untracked(|e| !e.is_empty())
    }

    /// Queues `call`, tapped now at `place`, and sends it as soon as it can.
    pub fn push(self, call: Call, place: Place) {
        self.adopt(Sent::now(call, place, crate::ui::new_request_id()));
    }

    /// Takes over the tap `sent` remembers when `failure` leaves its outcome unknown (the connection went while
    /// it was on its way), forgetting it in `sent` and `intent`; the failure to show otherwise. Resent with its
    /// request id and tap instant, the server applies it at the tap if it never arrived, and answers as it did
    /// the first time if it did (`occurred_at` is not among the arguments an id is bound to).
    pub fn take_over(self, sent: StoredValue<Option<Sent>>, intent: Intent, failure: AppError) -> Option<AppError> {
        let Some(tap) = sent.get_value().filter(|_| !crate::ui::settles::<()>(&Err(failure.clone()))) else {
            return Some(failure);
        };
        sent.set_value(None);
        intent.forget();
        self.adopt(tap);
        None
    }

    /// Queues a tap, in tap order, and sends the queue as soon as it can.
    fn adopt(self, sent: Sent) {
        let Sent { call, place, request_id, tapped_at } = sent;
        // Tap order: a send that failed late goes before the taps queued after it was tapped.
        let mut seq = u64::try_from(tapped_at.timestamp_micros()).unwrap_or_default();
        while self.entries.with_untracked(|e| e.iter().any(|q| q.seq == seq)) {
            seq += 1;
        }
        let queued = Queued { seq, request_id, tapped_at, call, place };
        #[cfg(feature = "hydrate")]
        if let Some(staff) = self.staff.get_value() {
            store::save(staff, &queued);
        }
        self.entries.update(|e| {
            let at = e.iter().position(|q| q.seq > seq).unwrap_or(e.len());
            e.insert(at, queued);
        });
        self.flush();
    }

    /// How many actions wait.
    pub fn pending(self) -> usize {
        self.entries.with(Vec::len)
    }

    /// What waits at one seat, oldest first.
    pub fn labels_at(self, table_id: TableId, seat: i16) -> Vec<String> {
        self.entries.with(|e| {
            e.iter().filter(|q| q.place.table_id == table_id && q.place.seat == seat).map(|q| q.call.label()).collect()
        })
    }

    /// Shows every waiting action on `table`, in order, as if the server had taken it.
    pub fn overlay(self, table: &mut TableSeats) {
        self.entries.with(|e| e.iter().for_each(|q| q.apply_to(table)));
    }

    /// The latest answer to a queued action.
    pub fn last_answer(self) -> Option<Answer> {
        self.answer.get()
    }

    /// The refused actions not yet dismissed.
    pub fn conflicts(self) -> Vec<Conflict> {
        self.conflicts.get()
    }

    /// Puts a conflict away.
    pub fn dismiss(self, seq: u64) {
        self.conflicts.update(|c| c.retain(|conflict| conflict.seq != seq));
    }

    /// Whether the browser says it is online.
    pub fn online(self) -> bool {
        self.online.get()
    }

    /// Keeps a copy of the page at `path` for a reload without a connection (the service worker serves it).
    pub fn keep_page(self, path: &'static str) {
        #[cfg(feature = "hydrate")]
        store::keep_page(path);
        #[cfg(not(feature = "hydrate"))]
        let _ = path;
    }

    /// Whether the browser can reach the network, and whether the queue is being sent.
    fn state(self) -> (bool, bool) {
        (self.online.get(), self.sending.get())
    }

    /// Takes the queue of the staff member signed in, as stored on this tablet, and sends it.
    fn sign_in(self, staff: StaffId) {
        if self.staff.get_value() == Some(staff) {
            return;
        }
        self.staff.set_value(Some(staff));
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let stored = store::load(staff).await;
            self.entries.update(|e| {
                for queued in stored {
                    if !e.iter().any(|q| q.seq == queued.seq) {
                        e.push(queued);
                    }
                }
                e.sort_by_key(|q| q.seq);
            });
            self.flush();
        });
    }

    /// Sends the waiting actions one after another, oldest first, unless that is already happening or the
    /// browser is offline. An action whose outcome is unknown stops the run and is tried again (with the same
    /// request id) a little later; an answer, or a refusal, takes it off the queue.
    fn flush(self) {
        #[cfg(feature = "hydrate")]
        {
            if self.sending.get_untracked() || !self.online.get_untracked() {
                return;
            }
            self.sending.set(true);
            leptos::task::spawn_local(async move {
                let stopped = loop {
                    let Some(next) = self.entries.with_untracked(|e| e.first().cloned()) else { break false };
                    match next.send().await {
                        Ok(answer) => {
                            self.done(&next);
                            self.answer.set(Some(answer));
                        }
                        Err(error) if waits(&error) => break true,
                        Err(error) => {
                            self.done(&next);
                            self.conflicts.update(|c| c.push(Conflict::new(&next, &error)));
                            self.answer.set(Some(Answer::Refused(next.place.table_id)));
                        }
                    }
                };
                self.sending.set(false);
                if stopped {
                    set_timeout(move || self.flush(), RETRY_AFTER);
                }
            });
        }
    }

    #[cfg(feature = "hydrate")]
    fn done(self, queued: &Queued) {
        store::remove(queued.seq);
        self.entries.update(|e| e.retain(|q| q.seq != queued.seq));
    }
}

/// Whether a failed send leaves the action waiting: its outcome is unknown (no connection, no database), or
/// the staff member must sign in again first. Anything else is the server's answer to it.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn waits(error: &AppError) -> bool {
    !crate::ui::settles::<()>(&Err(error.clone()))
        || matches!(error.code, ErrorCode::Unauthenticated | ErrorCode::AuthThrottled)
}

/// The tablet's clock now.
pub(crate) fn now() -> DateTime<Utc> {
    #[cfg(feature = "hydrate")]
    {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Utc::now()
    }
}

/// Creates the tab's outbox for whoever `staff` names once signed in, follows the browser's connection, and
/// sends the queue whenever the connection or the live stream comes back.
pub fn provide_outbox(live: Live, staff: Signal<Option<StaffId>>) -> Outbox {
    let outbox = Outbox {
        entries: RwSignal::new(Vec::new()),
        conflicts: RwSignal::new(Vec::new()),
        online: RwSignal::new(true),
        sending: RwSignal::new(false),
        staff: StoredValue::new(None),
        answer: RwSignal::new(None),
    };
    provide_context(outbox);
    #[cfg(feature = "hydrate")]
    {
        store::watch_connection(outbox.online);
        store::register_worker();
    }
    Effect::new(move || {
        if let Some(staff) = staff.get() {
            outbox.sign_in(staff);
        }
    });
    Effect::new(move || {
        if outbox.online.get() || live.state.get() == StreamState::Live {
            outbox.flush();
        }
    });
    outbox
}

/// The outbox provided by the app shell.
pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refusal_ends_a_queued_action() {
        assert!(waits(&AppError::new(ErrorCode::Transport)));
        assert!(waits(&AppError::new(ErrorCode::Unavailable)));
        assert!(waits(&AppError::new(ErrorCode::Unauthenticated)));
        assert!(!waits(&AppError::new(ErrorCode::RatingSlipInvalidState)));
        assert!(!waits(&AppError::new(ErrorCode::ActionTappedBeforeLastChange)));
    }
}
