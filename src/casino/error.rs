//! Errors of the casino service.

use crate::error::{DomainError, ErrorCode, FieldError};

/// Why a casino operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The acting role may not do this.
    #[error("role may not perform this casino operation")]
    Forbidden,
    /// No such casino or staff member in the actor's casino.
    #[error("not found")]
    NotFound,
    /// The settings form has invalid fields.
    #[error("invalid casino settings: {0:?}")]
    InvalidSettings(Vec<FieldError>),
    /// The new staff member has invalid fields.
    #[error("invalid staff member: {0:?}")]
    InvalidStaff(Vec<FieldError>),
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
            Self::InvalidSettings(_) => ErrorCode::ValidationFailed,
            Self::InvalidStaff(_) => ErrorCode::ValidationFailed,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::InvalidSettings(fields) | Self::InvalidStaff(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
}
