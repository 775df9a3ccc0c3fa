//! Stable error codes: the one vocabulary shared by the domain, the HTTP surface, the UI and the tests.
//!
//! Each service has its own `thiserror` enum whose variants are business facts; each variant maps to exactly
//! one [`ErrorCode`] here. Codes are identifiers (tests and integrations assert on them, never on message
//! text); renaming one is a breaking change. Messages are written for a floor supervisor, not a developer.

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code. Serialized in `UPPER_SNAKE_CASE` (DESIGN.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    // -- generic ------------------------------------------------------------------------------------------
    /// No valid session: the caller must sign in.
    Unauthenticated,
    /// Signed in, but the role may not do this.
    Forbidden,
    /// The thing asked for does not exist in this casino.
    NotFound,
    /// One or more fields are invalid; see the field errors.
    ValidationFailed,
    /// The request could not be understood (malformed or wrong-typed body).
    BadRequest,
    /// The request body is larger than the server accepts.
    PayloadTooLarge,
    /// The same request id was already used for a different action.
    IdempotencyKeyReused,
    /// No API endpoint at that path.
    UnknownEndpoint,
    /// A state-changing request sent from another web site (CSRF).
    CrossSiteRequest,
    /// An unexpected failure on the server; details are in the server log under the request id.
    Internal,
    /// The server cannot reach its database right now.
    Unavailable,
    /// The browser could not reach the server or read its answer.
    Transport,

    // -- auth ---------------------------------------------------------------------------------------------
    /// Wrong email or password, or an account that may not sign in.
    AuthInvalidCredentials,
    /// Too many failed sign-in attempts for this account in a short time.
    AuthThrottled,

    // -- casino -------------------------------------------------------------------------------------------
    /// The time zone is not a known IANA zone name.
    CasinoInvalidTimezone,
    /// The gaming day start is not a valid HH:MM time.
    CasinoInvalidGamingDayStart,
    /// A compliance threshold is not a positive amount, or the watchlist floor is not below the CTR threshold.
    CasinoInvalidThreshold,
    /// The reward cap per issuance is not a positive number of points.
    CasinoInvalidRewardCap,
    /// A casino name is empty or longer than 100 characters.
    CasinoInvalidName,

    // -- staff --------------------------------------------------------------------------------------------
    /// A staff name is empty or longer than 100 characters.
    StaffInvalidName,
    /// Not an email address.
    StaffInvalidEmail,
    /// Another staff member already signs in with this email.
    StaffEmailTaken,
    /// Dealers cannot have a login.
    StaffDealerHasNoLogin,
    /// The new password is shorter than eight characters.
    StaffPasswordTooShort,

    /// A code this client does not know yet (sent by a newer server). Must stay last.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// Every code, for table tests and documentation.
    pub const ALL: &'static [ErrorCode] = &[
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::ValidationFailed,
        Self::BadRequest,
        Self::PayloadTooLarge,
        Self::IdempotencyKeyReused,
        Self::UnknownEndpoint,
        Self::CrossSiteRequest,
        Self::Internal,
        Self::Unavailable,
        Self::Transport,
        Self::Unknown,
        Self::AuthInvalidCredentials,
        Self::AuthThrottled,
        Self::CasinoInvalidTimezone,
        Self::CasinoInvalidGamingDayStart,
        Self::CasinoInvalidThreshold,
        Self::CasinoInvalidRewardCap,
        Self::CasinoInvalidName,
        Self::StaffInvalidName,
        Self::StaffInvalidEmail,
        Self::StaffEmailTaken,
        Self::StaffDealerHasNoLogin,
        Self::StaffPasswordTooShort,
    ];

    /// One plain sentence a floor supervisor understands, saying what to do when there is something to do.
    pub fn message(self) -> &'static str {
        match self {
            Self::Unauthenticated => "You are not signed in, or your session has ended. Sign in again.",
            Self::Forbidden => "Your role does not allow this action.",
            Self::NotFound => "That record does not exist in this casino. Refresh the page.",
            Self::ValidationFailed => "Some fields need attention. Correct them and try again.",
            Self::BadRequest => "The request was not understood. Reload the page and try again.",
            Self::PayloadTooLarge => "The request is too large.",
            Self::IdempotencyKeyReused => {
                "This request was already used for a different action. Reload the page and try again."
            }
            Self::UnknownEndpoint => "There is no such API endpoint.",
            Self::CrossSiteRequest => "This request came from another web site and was refused.",
            Self::Internal => "Something went wrong on the server. Quote the request id to support.",
            Self::Unavailable => "The database is unavailable right now. Try again in a moment.",
            Self::Transport => "The server could not be reached. Check the connection and try again.",
            Self::Unknown => "Something went wrong. Reload the page and try again.",
            Self::AuthInvalidCredentials => "Wrong email or password.",
            Self::AuthThrottled => "Too many failed sign-in attempts for this account. Wait 15 minutes and try again.",
            Self::CasinoInvalidTimezone => "Unknown time zone. Use an IANA name such as America/Los_Angeles.",
            Self::CasinoInvalidGamingDayStart => "Enter the gaming day start as HH:MM, for example 06:00.",
            Self::CasinoInvalidThreshold => {
                "Thresholds must be positive amounts, with the watchlist floor below the CTR threshold."
            }
            Self::CasinoInvalidRewardCap => "The reward cap must be a positive number of points.",
            Self::CasinoInvalidName => "Enter a casino name of 1 to 100 characters.",
            Self::StaffInvalidName => "Enter a name of 1 to 100 characters.",
            Self::StaffInvalidEmail => "Enter an email address such as name@casino.com.",
            Self::StaffEmailTaken => "Another staff member already signs in with this email.",
            Self::StaffDealerHasNoLogin => "Dealers do not sign in to pitboss, so they get no login.",
            Self::StaffPasswordTooShort => "Choose a password of at least 8 characters.",
        }
    }

    /// The HTTP status for this code: 4xx for expected outcomes, 5xx only for server-side failures.
    pub fn http_status(self) -> u16 {
        match self {
            Self::Unauthenticated | Self::AuthInvalidCredentials => 401,
            Self::Forbidden | Self::CrossSiteRequest => 403,
            Self::NotFound | Self::UnknownEndpoint => 404,
            Self::IdempotencyKeyReused => 409,
            Self::PayloadTooLarge => 413,
            Self::ValidationFailed
            | Self::CasinoInvalidTimezone
            | Self::CasinoInvalidGamingDayStart
            | Self::CasinoInvalidThreshold
            | Self::CasinoInvalidRewardCap
            | Self::CasinoInvalidName
            | Self::StaffInvalidName
            | Self::StaffInvalidEmail
            | Self::StaffEmailTaken
            | Self::StaffDealerHasNoLogin
            | Self::StaffPasswordTooShort => 422,
            Self::AuthThrottled => 429,
            Self::BadRequest => 400,
            Self::Internal | Self::Unknown => 500,
            Self::Transport => 502,
            Self::Unavailable => 503,
        }
    }

    /// Whether repeating the same request later may succeed without changing it.
    pub fn retryable(self) -> bool {
        matches!(self, Self::Unavailable | Self::Transport | Self::AuthThrottled)
    }

    /// The code as it appears on the wire, e.g. `AUTH_THROTTLED`.
    pub fn as_str(self) -> String {
        serde_json::to_string(&self).map(|s| s.trim_matches('"').to_owned()).unwrap_or_default()
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_str())
    }
}

/// One invalid form field and why, so the UI can show the message next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, as in the input struct.
    pub field: String,
    /// Why it is invalid.
    pub code: ErrorCode,
}

impl FieldError {
    /// A field error for `field`.
    pub fn new(field: impl Into<String>, code: ErrorCode) -> Self {
        Self { field: field.into(), code }
    }
}

/// What every service error enum provides so one generic conversion can turn it into the wire error.
pub trait DomainError: std::error::Error + Send + Sync + 'static {
    /// The stable code this error surfaces as; `Internal` only for infrastructure failures.
    fn code(&self) -> ErrorCode;

    /// Per-field details for `ValidationFailed`.
    fn fields(&self) -> Vec<FieldError> {
        Vec::new()
    }
}

/// The code for an infrastructure failure: `UNAVAILABLE` when the database cannot be reached (the request
/// may be retried as is), `INTERNAL` for anything else.
#[cfg(feature = "db")]
pub fn db_error_code(error: &sqlx::Error) -> ErrorCode {
    match error {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => ErrorCode::Unavailable,
        _ => ErrorCode::Internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_sentence_and_an_error_status() {
        for code in ErrorCode::ALL {
            let message = code.message();
            assert!(message.ends_with('.'), "{code:?}: {message}");
            assert!((400..600).contains(&code.http_status()), "{code:?}");
        }
    }

    #[test]
    fn only_server_side_failures_are_5xx() {
        for code in ErrorCode::ALL {
            let server_side = matches!(
                code,
                ErrorCode::Internal | ErrorCode::Unknown | ErrorCode::Transport | ErrorCode::Unavailable
            );
            assert_eq!(code.http_status() >= 500, server_side, "{code:?}");
        }
    }

    #[test]
    fn codes_serialize_in_upper_snake_case_and_round_trip() {
        for code in ErrorCode::ALL.iter().filter(|c| **c != ErrorCode::Unknown) {
            let wire = code.as_str();
            assert!(wire.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{wire}");
            let back: ErrorCode = serde_json::from_str(&format!("\"{wire}\"")).expect("round trip");
            assert_eq!(back, *code);
        }
        assert_eq!(ErrorCode::AuthThrottled.as_str(), "AUTH_THROTTLED");
    }

    #[test]
    fn an_unknown_code_from_a_newer_server_decodes_as_unknown() {
        let code: ErrorCode = serde_json::from_str("\"SOMETHING_NEW\"").expect("decodes");
        assert_eq!(code, ErrorCode::Unknown);
    }
}
