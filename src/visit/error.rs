//! Errors of the visit service.

use crate::error::{DomainError, ErrorCode};
use crate::table_context::TableStatus;

/// Why a visit operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The acting role may not check players in or seat them.
    #[error("role may not manage visits")]
    Forbidden,
    /// No such visit in the actor's casino.
    #[error("visit not found")]
    NotFound,
    /// The player is not enrolled at this casino.
    #[error("player not enrolled here")]
    PlayerNotEnrolled,
    /// The player already has an active visit here.
    #[error("visit already active")]
    AlreadyActive,
    /// The visit has ended.
    #[error("visit not active")]
    NotActive,
    /// Players sit only at an active table.
    #[error("table is {0:?}")]
    TableNotActive(TableStatus),
    /// No such table in the actor's casino.
    #[error("table not found")]
    TableNotFound,
    /// The seat number is outside 1..seats.
    #[error("seat {seat} outside 1..={seats}")]
    SeatOutOfRange {
        /// The seat asked for.
        seat: i16,
        /// Seats at the table.
        seats: i16,
    },
    /// Someone already sits there.
    #[error("seat occupied")]
    SeatOccupied,
    /// The player's rating slip is still open or paused: close it before moving or checking them out.
    #[error("visit has an active rating slip")]
    HasActiveSlip,
    /// Infrastructure failure.
    #[cfg(feature = "db")]
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl DomainError for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound | Self::TableNotFound => ErrorCode::NotFound,
            Self::PlayerNotEnrolled => ErrorCode::PlayerNotEnrolled,
            Self::AlreadyActive => ErrorCode::VisitAlreadyActive,
            Self::NotActive => ErrorCode::VisitNotActive,
            Self::TableNotActive(_) => ErrorCode::TableNotActive,
            Self::SeatOutOfRange { .. } => ErrorCode::SeatOutOfRange,
            Self::SeatOccupied => ErrorCode::SeatOccupied,
            Self::HasActiveSlip => ErrorCode::VisitHasActiveSlip,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }
}
