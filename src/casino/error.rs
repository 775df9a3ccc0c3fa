//! Errors of the casino service.

use crate::error::FieldError;

crate::error::service_error! {
    /// Why a casino operation was refused.
    pub enum Error {
        /// The acting role may not do this.
        #[error("role may not perform this casino operation")]
        Forbidden => Forbidden,
        /// No such casino or staff member in the actor's casino.
        #[error("not found")]
        NotFound => NotFound,
        /// The settings form has invalid fields.
        #[error("invalid casino settings: {0:?}")]
        InvalidSettings(Vec<FieldError>) => ValidationFailed,
        /// The new staff member has invalid fields.
        #[error("invalid staff member: {0:?}")]
        InvalidStaff(Vec<FieldError>) => ValidationFailed,
        /// A chip set that is empty, too long, out of range or not strictly ascending.
        #[error("invalid chip set")]
        InvalidChipSet => ChipSetInvalid,
    }
    fields(error) {
        match error {
            Error::InvalidSettings(fields) | Error::InvalidStaff(fields) => fields.clone(),
            Error::InvalidChipSet => vec![FieldError::new("denominations", error.code())],
            _ => Vec::new(),
        }
    }
}
