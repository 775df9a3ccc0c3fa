//! Errors of sign-in and session resolution.

use chrono::{DateTime, Utc};

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
    }
}
