//! MTLService, read-only to users: the multiple transaction log the system writes for cash finance entries,
//! and each player's threshold proximity per gaming day.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use error::Error;
pub use model::{ComplianceView, MtlEntry, MtlEntryId, PatronProximity, Proximity, ThresholdProximity, Thresholds};
#[cfg(feature = "db")]
pub use service::{compliance_view, levels_today, patrons_today, player_proximity};
