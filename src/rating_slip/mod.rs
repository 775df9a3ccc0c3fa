//! RatingSlipService: rating a seated player's play — start, pause, resume, close — and the figures derived
//! from it (rated time, theoretical win).
//!
//! Open ⇄ paused → closed. Pauses and bet changes are rows; rated time, the time-weighted average bet and
//! theo are derived from server timestamps. A running slip keeps a tally of what it had earned at its last
//! change, from which its figures now follow without reading its history; closing keeps the final figures,
//! which never change after. Bets are rated only within the table's limits. The game's limits and
//! rating policy are frozen into the slip at its start, so later changes to game settings do not alter it.

mod error;
pub mod late;
mod model;
pub mod rules;
pub mod tally;

#[cfg(feature = "db")]
mod history_repo;
#[cfg(feature = "db")]
mod late_repo;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;
#[cfg(feature = "db")]
mod start;

pub use error::Error;
pub use model::{BetSegment, GameSnapshot, Pause, PolicySnapshot, Slip, SlipCommand, SlipId, SlipStatus};
#[cfg(feature = "db")]
pub use service::{
    active_slips_at, active_slips_of, close, close_at_day_end, locked_slip, pause, resume, slip, slips_of_day,
    slips_of_visits, update_average_bet,
};
#[cfg(feature = "db")]
pub use start::{continue_from, start, start_seated};
