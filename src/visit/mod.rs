//! VisitService: a player's time in the casino, from check-in to check-out, and where they sit.
//!
//! One active visit per player per casino; a visit carries the gaming day of its check-in. Seating needs an
//! active table and a free seat in its range. A player being rated keeps their seat (a database guard), so
//! check-out that must close slips first goes through `floor::check_out`. A visit whose gaming day has ended
//! changes no more (`GAMING_DAY_ROLLOVER_PENDING`): `floor::roll_over` ends it and continues it on the new day.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{Seat, Visit, VisitId};
#[cfg(feature = "db")]
pub use service::{
    active_visit, check_in, check_in_at, check_out, end_at_day_end, open_visits_of_day, seat, seat_at, seated_visits,
    unseat, visit, visits_of_player,
};
