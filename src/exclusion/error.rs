//! Errors of the exclusion service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a flag was not set or lifted.
    pub enum Error {
        /// Only compliance and admins set and lift flags.
        #[error("role may not manage exclusions")]
        Forbidden => Forbidden,
        /// No such player (enrolled here) or flag in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// A reason empty or over 200 characters.
        #[error("invalid reason")]
        InvalidReason => ExclusionInvalidReason,
        /// An end that is not in the future.
        #[error("invalid end")]
        InvalidUntil => ExclusionInvalidUntil,
        /// The flag was lifted already.
        #[error("already lifted")]
        AlreadyLifted => ExclusionAlreadyLifted,
    }
    fields(error) {
        match error {
            Error::InvalidReason => vec![FieldError::new("reason", error.code())],
            Error::InvalidUntil => vec![FieldError::new("until", error.code())],
            _ => Vec::new(),
        }
    }
}
