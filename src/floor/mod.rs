//! The pit's one-tap workflows, each one transaction over several services.
//!
//! Seat a player and start rating them from an empty seat; check a player out (closing their slips); close a table that still has slips
//! (refused, or forced with a reason); and the seat map that shows it all.
//!
//! The services stay primitives that do not call "upwards" (rating slips depend on visits and tables, not the
//! reverse); rules that span them live here.

mod error;
mod model;

#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{PlayerChoice, SeatView, SeatedPlayer, TableSeats};
#[cfg(feature = "db")]
pub use service::{check_out, close_table, seat_and_start, seat_maps};
