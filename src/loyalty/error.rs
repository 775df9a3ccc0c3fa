//! Errors of the loyalty service.

use crate::error::{DomainError, ErrorCode, FieldError};

/// Why a reward was refused.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The acting role may not issue rewards.
    #[error("role may not issue rewards")]
    Forbidden,
    /// No such slip or player in the actor's casino.
    #[error("not found")]
    NotFound,
    /// Rewards are issued only on open or paused slips.
    #[error("the slip is closed")]
    SlipClosed,
    /// The slip is another player's.
    #[error("the slip belongs to another player")]
    WrongPlayer,
    /// Zero or negative points.
    #[error("points must be positive")]
    InvalidPoints,
    /// More points than the casino allows in one reward.
    #[error("points above the casino's cap")]
    OverCap,
    /// A reason the pit may not pick.
    #[error("reason must be mid_session or promotion")]
    InvalidReason,
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
            Self::SlipClosed => ErrorCode::LoyaltySlipClosed,
            Self::WrongPlayer => ErrorCode::LoyaltyWrongPlayer,
            Self::InvalidPoints => ErrorCode::LoyaltyInvalidPoints,
            Self::OverCap => ErrorCode::LoyaltyOverCap,
            Self::InvalidReason => ErrorCode::LoyaltyInvalidReason,
            #[cfg(feature = "db")]
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::InvalidPoints | Self::OverCap => vec![FieldError::new("points", self.code())],
            Self::InvalidReason => vec![FieldError::new("reason", self.code())],
            _ => Vec::new(),
        }
    }
}
