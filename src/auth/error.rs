//! Errors of sign-in, session resolution and password changes.

use chrono::{DateTime, Utc};

use crate::error::FieldError;

crate::error::service_error! {
    /// Why signing in or resolving a session failed.
    pub enum Error {
        /// Wrong email or password, or an account that may not sign in (dealer, inactive).
        #[error("invalid credentials")]
        InvalidCredentials => AuthInvalidCredentials,
        /// The same refusal from the [`super::rules::WARN_FROM`]th failure in the window on, saying how many
        /// attempts remain before the email is locked (0: locked now).
        #[error("invalid credentials, {attempts_left} attempts left")]
        InvalidCredentialsWarned {
            /// Failures still allowed before the lock.
            attempts_left: usize,
        } => AuthInvalidCredentials,
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
        /// A wrong, expired or already used authenticator or recovery code; at sign-in, from the
        /// [`super::rules::WARN_FROM`]th failure on, how many attempts remain.
        #[error("wrong second-factor code")]
        CodeWrong {
            /// Failures still allowed before the lock, when the form should say so.
            attempts_left: Option<usize>,
        } => AuthCodeWrong,
        /// Only admins and compliance staff set up a second factor.
        #[error("this role does not use a second factor")]
        SecondFactorNotForRole => Forbidden,
        /// A second factor is already enrolled.
        #[error("second factor already enrolled")]
        SecondFactorAlreadyEnrolled => SecondFactorAlreadyEnrolled,
        /// Confirming an enrolment that was never started.
        #[error("second factor enrolment not started")]
        SecondFactorNotStarted => SecondFactorNotStarted,
    }
    fields(error) {
        match error {
            Error::WrongCurrentPassword => vec![FieldError::new("current_password", error.code())],
            Error::WeakPassword(fields) => fields.clone(),
            Error::CodeWrong { .. } => vec![FieldError::new("code", error.code())],
            _ => Vec::new(),
        }
    }
    detail(error) {
        let window = super::rules::THROTTLE_WINDOW.num_minutes();
        match error {
            Error::InvalidCredentialsWarned { attempts_left: 0 } => Some(format!(
                "Wrong email or password. Sign-in to this account is now locked for {window} minutes; an admin can \
                 lift the lock."
            )),
            Error::InvalidCredentialsWarned { attempts_left } => Some(format!(
                "Wrong email or password. {} left before sign-in to this account is locked for {window} minutes.",
                plural(*attempts_left, "attempt")
            )),
            Error::CodeWrong { attempts_left: Some(0) } => Some(format!(
                "That code is not right. Sign-in to this account is now locked for {window} minutes; an admin can \
                 lift the lock."
            )),
            Error::CodeWrong { attempts_left: Some(attempts_left) } => Some(format!(
                "That code is not right. {} left before sign-in to this account is locked for {window} minutes.",
                plural(*attempts_left, "attempt")
            )),
            Error::Throttled { until } => {
                let minutes = ((*until - Utc::now()).num_seconds() + 59).div_euclid(60).max(1);
                Some(format!(
                    "Too many failed sign-in attempts for this account. Try again in {}, or ask an admin to lift \
                     the lock.",
                    plural(usize::try_from(minutes).unwrap_or(1), "minute")
                ))
            }
            _ => None,
        }
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
