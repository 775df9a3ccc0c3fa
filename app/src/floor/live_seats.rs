//! The seats of every table on the dashboard, kept current by the live stream one table at a time.
//!
//! A change to a slip or a visit names the table it is at (or the dashboard knows where it showed it), so
//! only that table is re-read and only its card redrawn: re-reading and redrawing the whole floor for every
//! pause took a second browser 241 ms to show it (docs/performance.md). A visit at no table changes no seat;
//! anything else (money, rewards, players, a resync) re-reads every table. The open table's seat map shows
//! the same seats, and the tab that acted puts the slip the server answered in place at once: one pause
//! costs one request and one table re-read.

use leptos::prelude::*;
use pitboss::floor::TableSeats;
use pitboss::live::{Entity, LiveEvent};
use pitboss::rating_slip::{Slip, SlipId, SlipStatus};
use pitboss::table_context::TableId;
use pitboss::visit::VisitId;

use crate::live::Live;
use crate::offline::{Answer, Outbox, Place, use_outbox};

/// Every table's seats, each with the number of the read it came from.
#[derive(Clone, Copy)]
pub struct LiveSeats {
    tables: RwSignal<Vec<(TableSeats, u64)>>,
    /// Reads (and answers applied) are numbered as they happen; a table keeps the latest, whatever order the
    /// answers arrive in.
    sent: StoredValue<u64>,
    /// Reads on their way, by table (`None`: every table), each with whether a change came meanwhile: the
    /// several events of one commit (a seating writes three) cost one read, and one more after it at most.
    in_flight: StoredValue<Vec<(Option<TableId>, bool)>>,
    live: Live,
    /// Actions waiting to be sent: shown on their seats as if taken.
    outbox: Outbox,
}

impl LiveSeats {
    /// Follows the stream's changes to `entities`; the seats themselves come with each whole-floor read
    /// ([`LiveSeats::reset`]).
    pub fn follow(live: Live, entities: &'static [Entity]) -> Self {
        let seats = Self {
            tables: RwSignal::new(Vec::new()),
            sent: StoredValue::new(0),
            in_flight: StoredValue::new(Vec::new()),
            live,
            outbox: use_outbox(),
        };
        provide_context(seats);
        let changes = live.latest_about(entities);
        Effect::new(move |previous: Option<u64>| {
            let (sequence, event) = changes.get();
            if previous.is_some_and(|seen| seen != sequence) {
                match event.as_ref().map(|e| (e.entity, seats.table_of(e))) {
                    Some((_, Some(table))) => seats.reread(Some(table)),
                    // A visit at no table the dashboard shows (checked in without a seat) changes no seat.
                    Some((Entity::Visit | Entity::RatingSlip, None)) => {}
                    // Money, rewards, players, or a resync: any table may show it.
                    Some((_, None)) | None => seats.reread(None),
                }
            }
            sequence
        });
        // A queued action's answer takes the place of its pending state, like any answer of this tab.
        Effect::new(move || match seats.outbox.last_answer() {
            Some(Answer::Slip(slip)) => seats.show_answer(&slip),
            Some(Answer::Other) => seats.settle(None),
            Some(Answer::Refused(table)) => seats.reread(Some(table)),
            None => {}
        });
        // Back online: what changed meanwhile may have been announced while no read could follow it. A stream
        // that dropped resyncs when it reopens, which reads every table anyway.
        Effect::new(move |was_online: Option<bool>| {
            let online = seats.outbox.online();
            if was_online == Some(false) && online && live.is_live() {
                seats.reread(None);
            }
            online
        });
        seats
    }

    /// Takes a whole-floor read made when the stream stood at `since` ([`Live::sequence`]); changes that came
    /// while it was being read may be missing from it, so then every table is read again.
    pub fn reset(self, initial: Vec<TableSeats>, since: u64) {
        let read = self.next_read();
        self.tables.set(initial.into_iter().map(|t| (t, read)).collect());
        if self.live.sequence() > since {
            self.reread(None);
        }
    }

    /// One table's seats, with the actions waiting in the outbox applied; moves only when they change.
    pub fn of(self, table_id: TableId) -> Memo<Option<TableSeats>> {
        Memo::new(move |_| {
            let mut table =
                self.tables.with(|all| all.iter().find(|(t, _)| t.table_id == table_id).map(|(t, _)| t.clone()))?;
            self.outbox.overlay(&mut table);
            Some(table)
        })
    }

    /// The seat that shows `slip` (or, for `None`, `visit`), and who sits there: where a queued action on them
    /// shows as pending.
    pub fn place_of(self, slip: Option<SlipId>, visit: Option<VisitId>) -> Option<Place> {
        self.tables.with_untracked(|all| {
            all.iter().find_map(|(table, _)| {
                table.seats.iter().find_map(|seat| {
                    let occupant = seat.occupant.as_ref()?;
                    let here = match slip {
                        Some(id) => occupant.slip.as_ref().is_some_and(|s| s.id == id),
                        None => visit == Some(occupant.visit_id),
                    };
                    here.then(|| Place { table_id: table.table_id, seat: seat.number, who: occupant.name.clone() })
                })
            })
        })
    }

    /// Shows a slip as the server answered this tab's action on it, without reading anything: the live
    /// stream's event for the change then re-reads that one table. A slip no shown seat holds (a new one)
    /// waits for that event, or is read now when the stream is down.
    pub fn show_answer(self, slip: &Slip) {
        if !self.put_slip(slip) {
            self.settle(Some(slip.table_id));
        }
    }

    /// Reads every table again: after a reload without a connection, the service worker answers with the
    /// floor as this tablet last read it, newer than the copy of the page it kept.
    pub fn read_again(self) {
        self.reread(None);
    }

    /// After an action whose answer names no slip: reads `table` (every table for `None`) only when the
    /// stream is down, since otherwise its event re-reads what changed.
    pub fn settle(self, table: Option<TableId>) {
        if !self.live.is_live() {
            self.reread(table);
        }
    }

    /// Puts `slip` in the seat that shows it (a closed slip leaves its player seated, unrated).
    fn put_slip(self, slip: &Slip) -> bool {
        let read = self.next_read();
        let mut applied = false;
        self.tables.update(|all| {
            for (table, version) in all.iter_mut() {
                let held = table
                    .seats
                    .iter_mut()
                    .filter_map(|s| s.occupant.as_mut())
                    .find(|o| o.slip.as_ref().is_some_and(|shown| shown.id == slip.id));
                if let Some(occupant) = held {
                    occupant.slip = (slip.status != SlipStatus::Closed).then(|| slip.clone());
                    *version = read;
                    applied = true;
                }
            }
        });
        applied
    }

    /// The table of the slip or visit `event` is about: the one the event names, else the one the dashboard
    /// shows it at (a visit that left its seat).
    fn table_of(self, event: &LiveEvent) -> Option<TableId> {
        event.table_id.or_else(|| self.shown_at(event))
    }

    fn shown_at(self, event: &LiveEvent) -> Option<TableId> {
        let id = event.id?;
        self.tables.with_untracked(|all| {
            all.iter().find_map(|(table, _)| {
                let here = table.seats.iter().filter_map(|s| s.occupant.as_ref()).any(|o| match event.entity {
                    Entity::RatingSlip => o.slip.as_ref().is_some_and(|s| s.id.0 == id),
                    Entity::Visit => o.visit_id.0 == id,
                    _ => false,
                });
                here.then_some(table.table_id)
            })
        })
    }

    fn next_read(self) -> u64 {
        let read = self.sent.get_value() + 1;
        self.sent.set_value(read);
        read
    }

    /// Re-reads one table (or all, for `None`) and keeps what is newer than what each table shows; while a read
    /// of the same tables is on its way, one more follows it instead.
    fn reread(self, table: Option<TableId>) {
        let mut waiting = false;
        self.in_flight.update_value(|reads| match reads.iter_mut().find(|(t, _)| *t == table) {
            Some((_, again)) => {
                *again = true;
                waiting = true;
            }
            None => reads.push((table, false)),
        });
        if !waiting {
            self.fetch(table);
        }
    }

    fn fetch(self, table: Option<TableId>) {
        let read = self.next_read();
        leptos::task::spawn_local(async move {
            // A failed read leaves the seats as they were; the next change or resync reads again.
            if let Ok(maps) = super::seat_maps(table).await {
                self.tables.update(|all| apply(all, maps, read));
            }
            let mut again = false;
            self.in_flight.update_value(|reads| {
                if let Some(at) = reads.iter().position(|(t, _)| *t == table) {
                    again = std::mem::take(&mut reads[at].1);
                    if !again {
                        reads.remove(at);
                    }
                }
            });
            if again {
                self.fetch(table);
            }
        });
    }
}

/// Puts `maps` from read number `read` in place of the tables' older seats.
fn apply(all: &mut [(TableSeats, u64)], maps: Vec<TableSeats>, read: u64) {
    for map in maps {
        if let Some(slot) = all.iter_mut().find(|(t, _)| t.table_id == map.table_id)
            && slot.1 < read
        {
            *slot = (map, read);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn table(id: u128, seats: usize) -> TableSeats {
        let seats = (1..=seats)
            .map(|n| pitboss::floor::SeatView { number: i16::try_from(n).unwrap_or(1), occupant: None })
            .collect();
        TableSeats { table_id: TableId(Uuid::from_u128(id)), seats }
    }

    #[test]
    fn a_read_replaces_only_its_tables_and_never_a_newer_read() {
        let mut all = vec![(table(1, 7), 0), (table(2, 7), 0)];
        apply(&mut all, vec![table(1, 6)], 2);
        assert_eq!((all[0].0.seats.len(), all[0].1), (6, 2));
        assert_eq!((all[1].0.seats.len(), all[1].1), (7, 0), "another table is left alone");
        // Read 1 (every table) was sent before read 2 but answered after it: table 1 keeps read 2.
        apply(&mut all, vec![table(1, 5), table(2, 5)], 1);
        assert_eq!((all[0].0.seats.len(), all[0].1), (6, 2));
        assert_eq!((all[1].0.seats.len(), all[1].1), (5, 1));
        // A table the dashboard does not show is ignored (its card comes with the next table re-read).
        apply(&mut all, vec![table(3, 7)], 3);
        assert_eq!(all.len(), 2);
    }
}
