//! Errors of the loyalty service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a reward, comp, adjustment, decision or catalog change was refused.
    pub enum Error {
        /// The acting role may not do this.
        #[error("role may not do this")]
        Forbidden => Forbidden,
        /// No such slip, player, item, ledger row or request in the actor's casino.
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
        /// The request id was already used for a request with other arguments.
        #[error("request id already used for a different request")]
        KeyReused => IdempotencyKeyReused,
        /// The player is barred or self-excluded here.
        #[error("player excluded")]
        PlayerExcluded => PlayerExcluded,
        /// The balance would go below zero.
        #[error("not enough points: balance {balance}, needed {needed}")]
        InsufficientPoints {
            /// The player's balance.
            balance: i64,
            /// The points the write needed (0 when the database's check refused it).
            needed: i64,
        } => LoyaltyInsufficientPoints,
        /// Discretionary points beyond the actor's authority, where the request cannot wait for approval.
        #[error("beyond authority: {0}")]
        OverAuthority(String) => LoyaltyOverAuthority,
        /// Deciding one's own request.
        #[error("own request")]
        SelfApproval => LoyaltySelfApproval,
        /// The request was approved or denied already.
        #[error("already decided")]
        RequestDecided => LoyaltyRequestDecided,
        /// The request was left pending past its gaming day.
        #[error("expired")]
        RequestExpired => LoyaltyRequestExpired,
        /// The catalog item is retired.
        #[error("comp item retired")]
        CompUnavailable => LoyaltyCompUnavailable,
        /// The correction does not fit the row it corrects.
        #[error("correction does not fit")]
        InvalidCorrection => LoyaltyInvalidCorrection,
        /// A comp, adjustment, catalog item or settings form with these fields wrong.
        #[error("invalid: {0:?}")]
        Invalid(Vec<FieldError>) => ValidationFailed,
    }
    fields(error) {
        match error {
            Error::InvalidPoints | Error::OverCap => vec![FieldError::new("points", error.code())],
            Error::InvalidReason => vec![FieldError::new("reason", error.code())],
            Error::InsufficientPoints { .. } => vec![FieldError::new("points", error.code())],
            Error::OverAuthority(message) => {
                vec![FieldError::new("points", error.code()).with_message(message.clone())]
            }
            Error::InvalidCorrection => vec![FieldError::new("corrects_id", error.code())],
            Error::CompUnavailable => vec![FieldError::new("item_id", error.code())],
            Error::Invalid(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
    detail(error) {
        match error {
            Error::InsufficientPoints { balance, needed } if *needed > 0 => Some(format!(
                "The player has {} points; this needs {}.",
                crate::money::group_thousands(balance.unsigned_abs()),
                crate::money::group_thousands(needed.unsigned_abs())
            )),
            Error::OverAuthority(message) => Some(message.clone()),
            _ => None,
        }
    }
}
