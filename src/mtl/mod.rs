//! MTLService: the multiple transaction log the system writes for cash finance entries (read-only to users),
//! each player's threshold proximity per gaming day, and compliance officers' notes on both.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod alerts;
#[cfg(feature = "db")]
mod alerts_repo;
#[cfg(feature = "db")]
mod notes;
#[cfg(feature = "db")]
mod notes_repo;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

#[cfg(feature = "db")]
pub use alerts::acknowledge_alert;
pub use error::Error;
pub use model::{
    Acknowledgement, ComplianceView, MtlAlertId, MtlEntry, MtlEntryId, MtlNote, MtlNoteId, MtlPage, MtlQuery,
    NewMtlNote, NoteTarget, PatronCashToday, PatronProximity, Proximity, ThresholdAlert, ThresholdProximity,
    Thresholds,
};
#[cfg(feature = "db")]
pub use notes::add_note;
#[cfg(feature = "db")]
pub use service::{compliance_view, entries, levels_today, patron_cash_today, patrons_today, player_proximity};
