//! Errors of the table context.

use super::model::{TableCommand, TableStatus};
use crate::error::{DomainError, ErrorCode, FieldError};

/// Why a table or game operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The acting role may not run tables or set games.
    #[error("role may not perform this table operation")]
    Forbidden,
    /// No such table in the actor's casino.
    #[error("table not found")]
    TableNotFound,
    /// The command does not apply to a table in this state.
    #[error("cannot {command:?} a table that is {status:?}")]
    InvalidState {
        /// Where the table is.
        status: TableStatus,
        /// What was asked.
        command: TableCommand,
    },
    /// Dealers go only to an active table.
    #[error("table is {0:?}, not active")]
    NotActive(TableStatus),
    /// Not an active dealer of this casino, or just assigned elsewhere.
    #[error("dealer not available")]
    DealerNotAvailable,
    /// `dealer_rotation_log_readonly` is on.
    #[error("dealer rotation is read-only")]
    RotationReadOnly,
    /// The game settings form has invalid fields.
    #[error("invalid game settings: {0:?}")]
    InvalidGameSettings(Vec<FieldError>),
    /// The new table has invalid fields, or its label is taken.
    #[error("invalid table: {0:?}")]
    InvalidTable(Vec<FieldError>),
    /// The casino has no settings for this game.
    #[error("game not configured")]
    GameNotFound,
    /// Infrastructure failure.
    #[cfg(feature = "db")]
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl DomainError for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Forbidden => ErrorCode::Forbidden,
            Self::TableNotFound | Self::GameNotFound => ErrorCode::NotFound,
            Self::InvalidState { .. } => ErrorCode::TableInvalidState,
            Self::NotActive(_) => ErrorCode::TableNotActive,
            Self::DealerNotAvailable => ErrorCode::DealerNotAvailable,
            Self::RotationReadOnly => ErrorCode::DealerRotationReadonly,
            Self::InvalidGameSettings(_) | Self::InvalidTable(_) => ErrorCode::ValidationFailed,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::InvalidGameSettings(fields) | Self::InvalidTable(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
}
