//! Errors of the player service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a player operation was refused.
    pub enum Error {
        /// The acting role may not enroll players.
        #[error("role may not enroll players")]
        Forbidden => Forbidden,
        /// No such player enrolled at the actor's casino.
        #[error("player not found")]
        NotFound => NotFound,
        /// The enrollment form has invalid fields.
        #[error("invalid enrollment: {0:?}")]
        InvalidEnrollment(Vec<FieldError>) => ValidationFailed,
        /// A member file with problems; one field error per problem, named `line:column`.
        #[error("invalid import: {0:?}")]
        InvalidImport(Vec<FieldError>) => ImportInvalid,
    }
    fields(error) {
        match error {
            Error::InvalidEnrollment(fields) | Error::InvalidImport(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
}
