//! Errors of the finance service.

use crate::error::{DomainError, ErrorCode, FieldError};

/// Why a finance entry was refused.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The acting role may not record or read finance entries.
    #[error("role may not do this")]
    Forbidden,
    /// The `finance_minimal_enabled` flag is off.
    #[error("finance entries are turned off")]
    Disabled,
    /// The role may not record at that source (pit bosses at the pit, cashiers at the cage).
    #[error("source not allowed for this role")]
    SourceNotAllowed,
    /// No such entry, visit, slip or player in the actor's casino.
    #[error("not found")]
    NotFound,
    /// The player is not enrolled here.
    #[error("player not enrolled")]
    NotEnrolled,
    /// The visit or slip named is another player's.
    #[error("visit or slip of another player")]
    WrongPlayer,
    /// Zero or negative amount.
    #[error("amount must be positive")]
    InvalidAmount,
    /// A note over 200 characters, or a reversal without a reason.
    #[error("invalid note")]
    InvalidNote,
    /// A reversal, or an entry already reversed.
    #[error("not reversible")]
    NotReversible,
    /// Infrastructure failure.
    #[cfg(feature = "db")]
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl DomainError for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Forbidden => ErrorCode::Forbidden,
            Self::Disabled => ErrorCode::FinanceFeatureDisabled,
            Self::SourceNotAllowed => ErrorCode::FinanceSourceNotAllowed,
            Self::NotFound => ErrorCode::NotFound,
            Self::NotEnrolled => ErrorCode::PlayerNotEnrolled,
            Self::WrongPlayer => ErrorCode::FinanceWrongPlayer,
            Self::InvalidAmount => ErrorCode::FinanceInvalidAmount,
            Self::InvalidNote => ErrorCode::FinanceInvalidNote,
            Self::NotReversible => ErrorCode::FinanceNotReversible,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::InvalidAmount => vec![FieldError::new("amount", self.code())],
            Self::InvalidNote => vec![FieldError::new("note", self.code())],
            Self::SourceNotAllowed => vec![FieldError::new("source", self.code())],
            _ => Vec::new(),
        }
    }
}
