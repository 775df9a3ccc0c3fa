//! Where the pit boss is on the pit page — a table's panel, a seat in it — kept in the URL
//! (`/pit?table=…&seat=…`), so the back gesture on a tablet closes the seat, then the table, instead of
//! leaving the pit, and a reload reopens what was open.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use pitboss::table_context::TableId;

/// The table and seat the URL names.
#[derive(Clone, Copy)]
pub struct PitPlace {
    table: Memo<Option<TableId>>,
    seat: Memo<Option<i16>>,
    /// The URL to go to next; an effect navigates, so event handlers need not hold the router.
    wanted: RwSignal<Option<String>>,
}

impl PitPlace {
    /// Reads the place from the URL and follows it as it changes (taps, back and forward).
    pub fn from_url() -> Self {
        let query = use_query_map();
        let table = Memo::new(move |_| query.with(|q| q.get("table")?.parse().ok().map(TableId)));
        let seat = Memo::new(move |_| query.with(|q| q.get("seat")?.parse().ok()));
        let wanted = RwSignal::new(None::<String>);
        let navigate = use_navigate();
        Effect::new(move || {
            if let Some(url) = wanted.get() {
                // A new history entry per step, without jumping to the top of the floor.
                navigate(&url, NavigateOptions { scroll: false, ..NavigateOptions::default() });
            }
        });
        Self { table, seat, wanted }
    }

    /// The open table, if any.
    pub fn table(self) -> Option<TableId> {
        self.table.get()
    }

    /// The chosen seat of the open table, if any.
    pub fn seat(self) -> Signal<Option<i16>> {
        self.seat.into()
    }

    /// Opens `table` (closing any seat), or the floor for `None`.
    pub fn go(self, table: Option<TableId>, seat: Option<i16>) {
        self.wanted.set(Some(url(table, seat)));
    }
}

fn url(table: Option<TableId>, seat: Option<i16>) -> String {
    match (table, seat) {
        (None, _) => "/pit".to_owned(),
        (Some(table), None) => format!("/pit?table={table}"),
        (Some(table), Some(seat)) => format!("/pit?table={table}&seat={seat}"),
    }
}

#[cfg(test)]
mod tests {
    use super::url;
    use pitboss::table_context::TableId;
    use uuid::Uuid;

    #[test]
    fn a_seat_is_only_named_with_its_table() {
        let table = TableId(Uuid::from_u128(7));
        assert_eq!(url(None, Some(3)), "/pit");
        assert_eq!(url(Some(table), None), format!("/pit?table={}", Uuid::from_u128(7)));
        assert_eq!(url(Some(table), Some(3)), format!("/pit?table={}&seat=3", Uuid::from_u128(7)));
    }
}
