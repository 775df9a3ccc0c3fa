//! Errors of the player service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a player operation was refused.
    pub enum Error {
        /// The acting role may not enroll players (or keep or reveal identification).
        #[error("role may not do this")]
        Forbidden => Forbidden,
        /// No such player enrolled at the actor's casino.
        #[error("player not found")]
        NotFound => NotFound,
        /// The enrollment form has invalid fields.
        #[error("invalid enrollment: {0:?}")]
        InvalidEnrollment(Vec<FieldError>) => ValidationFailed,
        /// The identification form has invalid fields.
        #[error("invalid identification: {0:?}")]
        InvalidIdentification(Vec<FieldError>) => ValidationFailed,
        /// A sealed number that does not open: its key is not configured, or the row was altered.
        #[error("sealed number: {0}")]
        Sealing(String) => Internal,
        /// A member file with problems; one field error per problem, named `line:column`.
        #[error("invalid import: {0:?}")]
        InvalidImport(Vec<FieldError>) => ImportInvalid,
    }
    fields(error) {
        match error {
            Error::InvalidEnrollment(fields) | Error::InvalidImport(fields) | Error::InvalidIdentification(fields) => {
                fields.clone()
            }
            _ => Vec::new(),
        }
    }
}
