//! MTLService: the multiple transaction log, and what compliance does with it.
//!
//! The log the system writes for cash finance entries (read-only to users),
//! each player's threshold proximity per gaming day, compliance officers' notes on both, threshold events, the
//! CTR worksheet and the structuring watch.

pub mod ctr;
pub mod ctr_csv;
mod error;
mod model;
pub mod rules;
pub mod structuring;

#[cfg(feature = "db")]
mod alerts;
#[cfg(feature = "db")]
mod alerts_repo;
#[cfg(feature = "db")]
mod ctr_repo;
#[cfg(feature = "db")]
mod ctr_service;
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
#[cfg(feature = "db")]
pub use ctr_service::{ctr_day, ctr_worksheet, file_ctr, structuring_watch, unfiled_ctrs};
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
