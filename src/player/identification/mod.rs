//! Patron identification: what a Currency Transaction Report asks about the person.
//!
//! Address, occupation, government ID and SSN/TIN, kept by the cage and compliance. The ID number and the SSN/TIN are sealed by the
//! application before they reach the database ([`crate::sealing`]); screens show their last four, and only a
//! compliance officer reveals them, each time audited.

mod model;
pub mod rules;

#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

pub use model::{IdType, Identification, IdentificationInput, RevealedNumbers, field_label};
#[cfg(feature = "db")]
pub(crate) use service::masked_of;
#[cfg(feature = "db")]
pub use service::{identification, reveal_numbers, update_identification};
