//! Session tokens and the server key that hashes them for storage.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// The random secret a browser holds in its session cookie. Never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

const TOKEN_BYTES: usize = 32;

impl SessionToken {
    /// A fresh token: 256 random bits, base64url.
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Reads a token from a cookie value; anything that is not exactly a token's shape is no token.
    pub fn parse(value: &str) -> Option<Self> {
        let decoded = URL_SAFE_NO_PAD.decode(value).ok()?;
        (decoded.len() == TOKEN_BYTES).then(|| Self(value.to_owned()))
    }

    /// The value to put in the cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

/// The server's session secret. Sessions are stored by HMAC-SHA256 of their token under this key, so the
/// session table alone is useless to whoever copies it.
#[derive(Clone)]
pub struct SessionKey(Vec<u8>);

impl SessionKey {
    /// Shortest accepted secret, in bytes.
    pub const MIN_LEN: usize = 32;

    /// Wraps a secret of at least [`Self::MIN_LEN`] bytes; `None` if it is too short.
    pub fn new(secret: &[u8]) -> Option<Self> {
        (secret.len() >= Self::MIN_LEN).then(|| Self(secret.to_vec()))
    }

    /// A fresh random secret, as text suitable for a file or an environment variable.
    pub fn generate_secret() -> String {
        let mut bytes = [0u8; 48];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The stored form of a token: lower-case hex of its HMAC.
    pub fn hash(&self, token: &SessionToken) -> String {
        self.hash_text(&token.0)
    }

    /// The stored form of another server-checked secret (a recovery code): lower-case hex of its HMAC.
    pub fn hash_text(&self, text: &str) -> String {
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.0) {
            Ok(mac) => mac,
            // HMAC accepts keys of any length; this arm cannot be taken.
            Err(_) => return String::new(),
        };
        mac.update(text.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_parse_back() {
        let token = SessionToken::generate();
        assert_ne!(token, SessionToken::generate());
        assert_eq!(SessionToken::parse(token.expose()), Some(token));
    }

    #[test]
    fn junk_is_not_a_token() {
        for junk in ["", "abc", "not base64 at all!!", &"A".repeat(44)] {
            assert_eq!(SessionToken::parse(junk), None, "{junk}");
        }
    }

    #[test]
    fn hashes_depend_on_the_key() {
        let token = SessionToken::generate();
        let a = SessionKey::new(&[1; 32]).expect("long enough");
        let b = SessionKey::new(&[2; 32]).expect("long enough");
        assert_eq!(a.hash(&token).len(), 64);
        assert_eq!(a.hash(&token), a.hash(&token));
        assert_ne!(a.hash(&token), b.hash(&token));
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(SessionKey::new(b"too short").is_none());
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let token = SessionToken::generate();
        assert!(!format!("{token:?}").contains(token.expose()));
    }
}
