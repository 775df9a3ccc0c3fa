//! The pit's one-tap workflows, each one transaction over several services.
//!
//! Seat a player and start rating them from an empty seat; move a rated player to another seat; check a player out (closing their slips); close a table that still has slips
//! (refused, or forced with a reason); the seat map that shows it all; a player's session history; and the
//! gaming-day rollover, which splits every visit and slip still open at the day's end; and the shift view, the
//! floor now beside the gaming day so far (one read across the services).
//!
//! The services stay primitives that do not call "upwards" (rating slips depend on visits and tables, not the
//! reverse); rules that span them live here.

mod error;
mod model;

#[cfg(feature = "db")]
mod history;
#[cfg(feature = "db")]
mod hourly;
#[cfg(feature = "db")]
mod rollover;
#[cfg(feature = "db")]
mod service;
#[cfg(feature = "db")]
mod shift;
mod shift_model;

pub use error::Error;
#[cfg(feature = "db")]
pub use history::{HISTORY_PAGE, player_history};
pub use model::{PlayerChoice, PlayerHistory, SeatView, SeatedPlayer, SlipRecord, TableSeats, VisitRecord};
#[cfg(feature = "db")]
pub use rollover::{NextRollover, RolledSlip, RolledVisit, Rollover, roll_over, roll_over_all};
#[cfg(feature = "db")]
pub use service::{check_out, close_table, move_player, open_table, seat_and_start, seat_maps};
#[cfg(feature = "db")]
pub use shift::shift_view;
pub use shift_model::{HourFigures, ShiftTable, ShiftView};
