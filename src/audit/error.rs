//! Errors of the audit log viewer.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why reading the audit log was refused.
    pub enum Error {
        /// Only admins and compliance officers read the audit log.
        #[error("role may not read the audit log")]
        Forbidden => Forbidden,
        /// The filter has invalid fields.
        #[error("invalid audit filter: {0:?}")]
        InvalidFilter(Vec<FieldError>) => ValidationFailed,
    }
    fields(error) {
        match error {
            Error::InvalidFilter(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
}
