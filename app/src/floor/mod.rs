//! The seat map: who sits where at a table, their running rating slips with live timers, and the one-tap
//! actions on a seat (seat and rate a player, pause, resume, change the bet, close, check out).

mod api;
mod live_seats;
mod move_form;
mod seat_actions;
mod seat_form;
mod seat_map;
mod unrated;
mod visit_api;

pub use api::*;
pub use live_seats::LiveSeats;
pub use seat_map::{SeatMap, SeatStrip};
pub use visit_api::*;

/// The records whose changes the seat map re-reads.
pub(crate) const FLOOR_ENTITIES: &[&str] = &[
    "visit",
    "rating_slip",
    "gaming_table",
    "player",
    "game_settings",
    "loyalty_ledger",
    "player_financial_transaction",
    "player_exclusion",
];

/// The records whose changes move seats but not tables: what the pit dashboard's [`LiveSeats`] follows, since
/// a change to a table or its game reloads the dashboard's whole grid anyway.
pub(crate) const SEAT_ENTITIES: &[&str] =
    &["visit", "rating_slip", "player", "loyalty_ledger", "player_financial_transaction", "player_exclusion"];

#[cfg(test)]
mod tests {
    use super::{FLOOR_ENTITIES, SEAT_ENTITIES};
    use crate::table_context::TABLE_ENTITIES;

    #[test]
    fn the_dashboard_follows_every_seat_change_either_way() {
        for entity in FLOOR_ENTITIES {
            assert!(SEAT_ENTITIES.contains(entity) ^ TABLE_ENTITIES.contains(entity), "{entity}");
        }
        assert!(SEAT_ENTITIES.iter().all(|e| FLOOR_ENTITIES.contains(e)));
    }
}
