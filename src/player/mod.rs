//! PlayerService: enrolling players at a casino, finding them, and reading their record.
//!
//! A player is a person shared across properties; enrollment links them to one casino and opens their loyalty
//! account there, in the same transaction. A casino sees only the players enrolled with it (RLS).

mod error;
pub mod identification;
pub mod import;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod import_repo;
#[cfg(feature = "db")]
mod import_service;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
#[cfg(feature = "db")]
pub use import_service::{import_players, preview_import};
pub use model::{EnrollInput, LastPlay, PlayerDetail, PlayerId, PlayerMatch, PlayerSummary, SeatedAt};
#[cfg(feature = "db")]
pub use service::{enroll, is_enrolled, names, player, players_of_casino, search};
