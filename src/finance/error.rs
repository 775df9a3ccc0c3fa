//! Errors of the finance service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a finance entry was refused.
    pub enum Error {
        /// The acting role may not record or read finance entries.
        #[error("role may not do this")]
        Forbidden => Forbidden,
        /// The `finance_minimal_enabled` flag is off.
        #[error("finance entries are turned off")]
        Disabled => FinanceFeatureDisabled,
        /// The role may not record at that source (pit bosses at the pit, cashiers at the cage).
        #[error("source not allowed for this role")]
        SourceNotAllowed => FinanceSourceNotAllowed,
        /// No such entry, visit, slip or player in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// The player is not enrolled here.
        #[error("player not enrolled")]
        NotEnrolled => PlayerNotEnrolled,
        /// The visit or slip named is another player's.
        #[error("visit or slip of another player")]
        WrongPlayer => FinanceWrongPlayer,
        /// Zero or negative amount.
        #[error("amount must be positive")]
        InvalidAmount => FinanceInvalidAmount,
        /// A note over 200 characters, or a reversal without a reason.
        #[error("invalid note")]
        InvalidNote => FinanceInvalidNote,
        /// A reversal, or an entry already reversed.
        #[error("not reversible")]
        NotReversible => FinanceNotReversible,
        /// The request id was already used for an entry with other arguments.
        #[error("request id already used for a different request")]
        KeyReused => IdempotencyKeyReused,
    }
    fields(error) {
        match error {
            Error::InvalidAmount => vec![FieldError::new("amount", error.code())],
            Error::InvalidNote => vec![FieldError::new("note", error.code())],
            Error::SourceNotAllowed => vec![FieldError::new("source", error.code())],
            _ => Vec::new(),
        }
    }
}
