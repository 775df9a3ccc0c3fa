//! `ExclusionService`: flagging a player `barred`, `self_excluded` or `watch` at a casino, and lifting the flag.
//!
//! Compliance and admins set and lift flags; a flag is never deleted, so its history stays. While a barred or
//! self-excluded flag is in force the database refuses checking the player in, seating them and rewarding
//! them (`PLAYER_EXCLUDED`, for every writer); `watch` only shows a badge.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{Exclusion, ExclusionId, ExclusionInput, ExclusionKind};
#[cfg(feature = "db")]
pub use service::{exclude, exclusions_of, flags_in_force, lift};
