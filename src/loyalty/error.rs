//! Errors of the loyalty service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a reward was refused.
    pub enum Error {
        /// The acting role may not issue rewards.
        #[error("role may not issue rewards")]
        Forbidden => Forbidden,
        /// No such slip or player in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// Rewards are issued only on open or paused slips.
        #[error("the slip is closed")]
        SlipClosed => LoyaltySlipClosed,
        /// The slip is another player's.
        #[error("the slip belongs to another player")]
        WrongPlayer => LoyaltyWrongPlayer,
        /// Zero or negative points.
        #[error("points must be positive")]
        InvalidPoints => LoyaltyInvalidPoints,
        /// More points than the casino allows in one reward.
        #[error("points above the casino's cap")]
        OverCap => LoyaltyOverCap,
        /// A reason the pit may not pick.
        #[error("reason must be mid_session or promotion")]
        InvalidReason => LoyaltyInvalidReason,
        /// The request id was already used for a reward with other arguments.
        #[error("request id already used for a different request")]
        KeyReused => IdempotencyKeyReused,
        /// The player is barred or self-excluded here.
        #[error("player excluded")]
        PlayerExcluded => PlayerExcluded,
    }
    fields(error) {
        match error {
            Error::InvalidPoints | Error::OverCap => vec![FieldError::new("points", error.code())],
            Error::InvalidReason => vec![FieldError::new("reason", error.code())],
            _ => Vec::new(),
        }
    }
}
