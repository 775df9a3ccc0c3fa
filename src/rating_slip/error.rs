//! Errors of the rating slip service.

use super::model::{SlipCommand, SlipStatus};
use crate::error::{DomainError, ErrorCode};
use crate::table_context::TableStatus;

/// Why a rating slip operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The acting role may not rate play.
    #[error("role may not rate play")]
    Forbidden,
    /// No such slip (or visit, or table) in the actor's casino.
    #[error("not found")]
    NotFound,
    /// The command does not apply to a slip in this state.
    #[error("cannot {command:?} a {status:?} slip")]
    InvalidState {
        /// Where the slip is.
        status: SlipStatus,
        /// What was asked.
        command: SlipCommand,
    },
    /// The visit is not seated at this table (or has ended).
    #[error("visit not seated at the table")]
    NotSeated,
    /// Rating happens only at an active table.
    #[error("table is {0:?}")]
    TableNotActive(TableStatus),
    /// The player already has an open or paused slip at this table.
    #[error("player already rated at this table")]
    AlreadyActive,
    /// Another slip is open or paused at the seat.
    #[error("seat already rated")]
    SeatTaken,
    /// A negative average bet.
    #[error("invalid average bet")]
    InvalidAverageBet,
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
            Self::InvalidState { .. } => ErrorCode::RatingSlipInvalidState,
            Self::NotSeated => ErrorCode::RatingSlipNotSeated,
            Self::TableNotActive(_) => ErrorCode::TableNotActive,
            Self::AlreadyActive => ErrorCode::RatingSlipAlreadyActive,
            Self::SeatTaken => ErrorCode::SeatOccupied,
            Self::InvalidAverageBet => ErrorCode::RatingSlipInvalidAverageBet,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }
}
