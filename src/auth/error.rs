//! Errors of sign-in and session resolution.

use chrono::{DateTime, Utc};

use crate::error::{DomainError, ErrorCode};

/// Why signing in or resolving a session failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Wrong email or password, or an account that may not sign in (dealer, inactive).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Too many recent failures for this email; no password was checked.
    #[error("sign-in throttled until {until}")]
    Throttled {
        /// When the next attempt will be considered.
        until: DateTime<Utc>,
    },
    /// No session, an unknown or expired token, or a staff member who may no longer sign in.
    #[error("no valid session")]
    Unauthenticated,
    /// Password hashing could not run.
    #[error("password hashing failed: {0}")]
    Hashing(String),
    /// Infrastructure failure.
    #[cfg(feature = "db")]
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl DomainError for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidCredentials => ErrorCode::AuthInvalidCredentials,
            Self::Throttled { .. } => ErrorCode::AuthThrottled,
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::Hashing(_) => ErrorCode::Internal,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }
}
