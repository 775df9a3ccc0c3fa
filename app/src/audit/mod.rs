//! The audit log viewer (`/audit`): admins and compliance officers read who changed what, filtered, a page at
//! a time, each change as a diff, with the hash chain's status.

mod api;
mod filter;
mod page;
mod rows;

pub use api::*;
pub use page::AuditLogPage;
