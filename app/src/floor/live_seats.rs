//! The seats of every table on the dashboard, kept current by the live stream one table at a time.
//!
//! A change to a slip or a visit the dashboard already shows names its table, so only that table is re-read
//! and only its card redrawn: re-reading and redrawing the whole floor for every pause took a second
//! browser 241 ms to show it (docs/performance.md). Anything else (a new seating, money, rewards, a resync)
//! re-reads every table.

use leptos::prelude::*;
use pitboss::floor::TableSeats;
use pitboss::live::LiveEvent;
use pitboss::table_context::TableId;

use crate::live::Live;

/// Every table's seats, each with the number of the read it came from.
#[derive(Clone, Copy)]
pub struct LiveSeats {
    tables: RwSignal<Vec<(TableSeats, u64)>>,
    /// Reads are numbered as they are sent; a table keeps the latest read's seats, whatever order the answers
    /// arrive in.
    sent: StoredValue<u64>,
}

impl LiveSeats {
    /// Starts from `initial`, read when the stream stood at `since` ([`Live::sequence`]), and follows the
    /// stream's changes to `entities`.
    pub fn follow(initial: Vec<TableSeats>, since: u64, live: Live, entities: &'static [&'static str]) -> Self {
        let seats =
            Self { tables: RwSignal::new(initial.into_iter().map(|t| (t, 0)).collect()), sent: StoredValue::new(0) };
        let changes = live.latest_about(entities);
        Effect::new(move |previous: Option<u64>| {
            let (sequence, event) = changes.get();
            match previous {
                // Changes that came while `initial` was being read may be missing from it.
                None if sequence > since => seats.reread(None),
                Some(seen) if seen != sequence => seats.reread(event.as_ref().and_then(|e| seats.table_of(e))),
                _ => {}
            }
            sequence
        });
        seats
    }

    /// One table's seats; moves only when they change.
    pub fn of(self, table_id: TableId) -> Memo<Option<TableSeats>> {
        Memo::new(move |_| {
            self.tables.with(|all| all.iter().find(|(t, _)| t.table_id == table_id).map(|(t, _)| t.clone()))
        })
    }

    /// The table of the slip or visit `event` is about, if the dashboard shows it.
    fn table_of(self, event: &LiveEvent) -> Option<TableId> {
        let id = event.id?;
        self.tables.with_untracked(|all| {
            all.iter().find_map(|(table, _)| {
                let here =
                    table.seats.iter().filter_map(|s| s.occupant.as_ref()).any(|o| match event.entity.as_str() {
                        "rating_slip" => o.slip.as_ref().is_some_and(|s| s.id.0 == id),
                        "visit" => o.visit_id.0 == id,
                        _ => false,
                    });
                here.then_some(table.table_id)
            })
        })
    }

    /// Re-reads one table (or all, for `None`) and keeps what is newer than what each table shows.
    fn reread(self, table: Option<TableId>) {
        let read = self.sent.get_value() + 1;
        self.sent.set_value(read);
        leptos::task::spawn_local(async move {
            // A failed read leaves the seats as they were; the next change or resync reads again.
            if let Ok(maps) = super::seat_maps(table).await {
                self.tables.update(|all| apply(all, maps, read));
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
