//! An [`ErrorCode`] as the wire and the retry logic see it, and the checks that hold for the whole table.

use super::ErrorCode;

impl ErrorCode {
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

#[cfg(test)]
mod tests {
    use crate::error::ErrorCode;

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
