//! The regulatory audit log: one row per state change, written in the same transaction as the change.
//!
//! The actor and request id are not parameters: the database fills them from the transaction's context, so
//! a call site cannot attribute a change to anyone but the signed-in staff member. Rows are append-only and
//! hash-chained per casino at commit, so changes made behind the app's back are detected (`verify_chain`).

mod model;
#[cfg(feature = "db")]
mod repo;

pub use model::AuditEntry;
#[cfg(feature = "db")]
pub use repo::{ChainBreak, ChainHead, chain_heads, record, verify_chain};
