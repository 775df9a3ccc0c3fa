//! Stable error codes: the one vocabulary shared by the domain, the HTTP surface, the UI and the tests.
//!
//! Each service has its own `thiserror` enum whose variants are business facts; each variant maps to exactly
//! one [`ErrorCode`] here. Codes are identifiers (tests and integrations assert on them, never on message
//! text); renaming one is a breaking change. Messages are written for a floor supervisor, not a developer.

use serde::{Deserialize, Serialize};

mod code_wire;
mod codes;
mod service;
mod sqlstate;

pub use codes::ErrorCode;
pub(crate) use service::service_error;
pub use sqlstate::Refusal;
#[cfg(feature = "db")]
pub use sqlstate::refusal;

/// One invalid form field and why, so the UI can show the message next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, as in the input struct.
    pub field: String,
    /// Why it is invalid.
    pub code: ErrorCode,
    /// The sentence to show when it says more than the code's own message (naming the limits a value broke).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl FieldError {
    /// A field error for `field`.
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        Self { field: field.into(), code, message: None }
    }

    /// The same error, told with `message` rather than the code's own sentence.
    #[must_use]
    pub fn with_message(self, message: String) -> Self {
        Self { message: (!message.is_empty()).then_some(message), ..self }
    }

    /// The sentence shown under the field.
    pub fn text(&self) -> &str {
        self.message.as_deref().unwrap_or(self.code.message())
    }
}

/// What every service error enum provides so one generic conversion can turn it into the wire error.
pub trait DomainError: std::error::Error + Send + Sync + 'static {
    /// The stable code this error surfaces as; `Internal` only for infrastructure failures.
    fn code(&self) -> ErrorCode;

    /// Per-field details for `ValidationFailed`.
    fn fields(&self) -> Vec<FieldError> {
        Vec::new()
    }

    /// A sentence saying more than the code's message, with this error's particulars (the limits a value
    /// broke); the code's message when `None`.
    fn detail(&self) -> Option<String> {
        None
    }
}

/// SQLSTATEs PostgreSQL raises for a value it cannot take as sent: a NUL or unencodable character, text
/// too long for its column, a number out of range, an impossible date or a malformed literal.
#[cfg(feature = "db")]
const UNACCEPTABLE_VALUE: [&str; 7] = ["22021", "22P05", "22001", "22003", "22007", "22008", "22P02"];

/// The code for a failure the services did not map.
///
/// `UNAVAILABLE` when the database cannot be reached (the request may be retried as is), `BAD_REQUEST` for
/// a value the database cannot store as sent (the request itself is wrong, so it is never the server's
/// fault), `INTERNAL` for anything else.
#[cfg(feature = "db")]
pub fn db_error_code(error: &sqlx::Error) -> ErrorCode {
    match error {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => ErrorCode::Unavailable,
        sqlx::Error::Database(db) => match db.code() {
            Some(code) if UNACCEPTABLE_VALUE.contains(&code.as_ref()) => ErrorCode::BadRequest,
            Some(code) if is_unavailable(&code) => ErrorCode::Unavailable,
            _ => ErrorCode::Internal,
        },
        _ => ErrorCode::Internal,
    }
}

/// SQLSTATEs of a database that is there but cannot take the request now, so the same request may be resent
/// as is: a lost connection (class 08), an administrator or crash shutdown (57P01 to 57P03), too many
/// connections (53300), and a write reaching a server that is read-only (25006): a standby being promoted, or
/// a demoted primary, during a failover.
#[cfg(feature = "db")]
fn is_unavailable(code: &str) -> bool {
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300" | "25006")
}

/// The SQLSTATE of a database error, if it is one: how the database functions' refusals (`PBnnn`) reach the
/// services.
#[cfg(feature = "db")]
pub fn sqlstate(error: &sqlx::Error) -> Option<String> {
    match error {
        sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
        _ => None,
    }
}
