//! Sign-in input, shared with the login form.

use serde::{Deserialize, Serialize};

/// What a person types on the sign-in form.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    /// Their work email, in any case.
    pub email: String,
    /// Their password.
    pub password: String,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn").field("email", &self.email).field("password", &"<redacted>").finish()
    }
}

/// Emails are stored trimmed and lower-case, so `Pitboss@Demo.Casino ` signs in as `pitboss@demo.casino`.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}
