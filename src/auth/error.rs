//! Errors of sign-in, session resolution and password changes.

use chrono::{DateTime, Utc};

use crate::error::FieldError;

crate::error::service_error! {
    /// Why signing in or resolving a session failed.
    pub enum Error {
        /// Wrong email or password, or an account that may not sign in (dealer, inactive).
        #[error("invalid credentials")]
        InvalidCredentials => AuthInvalidCredentials,
        /// Too many recent failures for this email; no password was checked.
        #[error("sign-in throttled until {until}")]
        Throttled {
            /// When the next attempt will be considered.
            until: DateTime<Utc>,
        } => AuthThrottled,
        /// No session, an unknown or expired token, or a staff member who may no longer sign in.
        #[error("no valid session")]
        Unauthenticated => Unauthenticated,
        /// Password hashing could not run.
        #[error("password hashing failed: {0}")]
        Hashing(String) => Internal,
        /// The current password given to change it is wrong.
        #[error("wrong current password")]
        WrongCurrentPassword => AuthCurrentPasswordWrong,
        /// The new password breaks the password rules, per rule.
        #[error("weak password: {0:?}")]
        WeakPassword(Vec<FieldError>) => ValidationFailed,
    }
    fields(error) {
        match error {
            Error::WrongCurrentPassword => vec![FieldError::new("current_password", error.code())],
            Error::WeakPassword(fields) => fields.clone(),
            _ => Vec::new(),
        }
    }
}
