//! The seat map: who sits where at a table, their running rating slips with live timers, and the one-tap
//! actions on a seat (seat and rate a player, pause, resume, change the bet, close, check out).

mod api;
mod live_seats;
mod seat_actions;
mod seat_form;
mod seat_map;

pub use api::*;
pub use live_seats::LiveSeats;
pub use seat_map::{SeatMap, SeatStrip};

/// The records whose changes the seat map re-reads.
pub(crate) const FLOOR_ENTITIES: &[&str] = &[
    "visit",
    "rating_slip",
    "gaming_table",
    "player",
    "game_settings",
    "loyalty_ledger",
    "player_financial_transaction",
];
