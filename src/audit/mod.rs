//! The regulatory audit log: one row per state change, written in the same transaction as the change.
//!
//! The actor and request id are not parameters: the database fills them from the transaction's context, so
//! a call site cannot attribute a change to anyone but the signed-in staff member. Rows are append-only and
//! hash-chained per casino shortly after commit (`link_pending`, run by each server's background linker), so
//! changes made behind the app's back are detected (`verify_chain`).
//! Admins and compliance officers read it page by page, filtered, with the chain's status (`log_page`,
//! `chain_status`).

mod error;
#[cfg(feature = "db")]
mod link;
mod model;
#[cfg(feature = "db")]
mod repo;
pub mod view;
#[cfg(feature = "db")]
mod viewer;

pub use error::Error;
#[cfg(feature = "db")]
pub use link::{ChainPending, LINK_BATCH, link_all, link_pending, pending};
pub use model::AuditEntry;
#[cfg(feature = "db")]
pub use repo::{ChainBreak, ChainHead, chain_heads, record, verify_chain};
pub use view::{AuditCursor, AuditFilter, AuditPage, AuditRow, ChainFault, ChainStatus, FieldChange};
#[cfg(feature = "db")]
pub use viewer::{chain_status, log_page};
