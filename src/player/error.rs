//! Errors of the player service.

use crate::error::{DomainError, ErrorCode, FieldError};

/// Why a player operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The acting role may not enroll players.
    #[error("role may not enroll players")]
    Forbidden,
    /// No such player enrolled at the actor's casino.
    #[error("player not found")]
    NotFound,
    /// The enrollment form has invalid fields.
    #[error("invalid enrollment: {0:?}")]
    InvalidEnrollment(Vec<FieldError>),
    /// Infrastructure failure.
    #[cfg(feature = "db")]
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl DomainError for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::InvalidEnrollment(_) => ErrorCode::ValidationFailed,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::InvalidEnrollment(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
}
