//! Sealing: values that must never reach the database in clear (a patron's ID number and SSN/TIN).
//!
//! They are encrypted by the application with AES-256-GCM under a 32-byte data key, each with a fresh random nonce and
//! bound to where it is stored (the casino, patron and field, as associated data), so a sealed value copied to
//! another row does not open. Every sealed value names its key by fingerprint: after a rotation the previous
//! keys still open what they sealed, and every write seals with the current one (`docs/runbooks/data-key.md`).

use std::fmt;
use std::sync::Arc;

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Bytes in a data key.
pub const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 12;

/// Why a key or a sealed value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// A key that is not 32 bytes written as 64 hexadecimal digits or in base64.
    #[error("a data key is 32 bytes, written as 64 hexadecimal digits or in base64")]
    BadKey,
    /// Sealed by a key this server was not given.
    #[error("sealed by data key {0}, which this server does not have (PITBOSS_DATA_KEY_PREVIOUS)")]
    UnknownKey(String),
    /// Altered, truncated, or sealed for another place.
    #[error("a sealed value does not open: altered, or stored where it was not sealed for")]
    Tampered,
}

struct DataKey {
    id: String,
    cipher: Aes256Gcm,
    /// For [`DataKeys::blind`] only.
    secret: [u8; KEY_LEN],
}

impl DataKey {
    fn new(bytes: &[u8; KEY_LEN]) -> Self {
        let digest = Sha256::new().chain_update(b"pitboss data key\0").chain_update(bytes).finalize();
        let id = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        Self { id, cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(bytes)), secret: *bytes }
    }
}

/// The current data key and the previous ones still trusted to open; cheap to clone.
#[derive(Clone)]
pub struct DataKeys(Arc<Vec<DataKey>>);

impl fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.0.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("DataKeys").field("fingerprints", &ids).finish()
    }
}

impl DataKeys {
    /// Seals with `current`; opens with it or any of `previous`. Each key as [`DataKeys::parse_key`] reads it.
    pub fn new(current: &str, previous: &[&str]) -> Result<Self, SealError> {
        let keys = std::iter::once(current).chain(previous.iter().copied());
        let keys: Result<Vec<DataKey>, SealError> = keys.map(|k| Ok(DataKey::new(&Self::parse_key(k)?))).collect();
        Ok(Self(Arc::new(keys?)))
    }

    /// A key written as 64 hexadecimal digits, or as base64 of 32 bytes (surrounding space ignored).
    pub fn parse_key(text: &str) -> Result<[u8; KEY_LEN], SealError> {
        let text = text.trim();
        let bytes = if text.len() == 2 * KEY_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            (0..KEY_LEN)
                .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| SealError::BadKey))
                .collect()
        } else {
            base64::engine::general_purpose::STANDARD.decode(text).map_err(|_| SealError::BadKey)
        }?;
        bytes.try_into().map_err(|_| SealError::BadKey)
    }

    /// A new random key, as 64 hexadecimal digits.
    pub fn generate_key() -> String {
        Aes256Gcm::generate_key(&mut OsRng).iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The fingerprint of the key that seals: stored beside what it sealed.
    pub fn current_id(&self) -> &str {
        &self.0[0].id
    }

    /// Whether `key_id` is a key this server opens with.
    pub fn knows(&self, key_id: &str) -> bool {
        self.0.iter().any(|k| k.id == key_id)
    }

    /// `plain` sealed with the current key for `place`: the nonce, then the ciphertext and its tag.
    pub fn seal(&self, plain: &str, place: &[u8]) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let payload = Payload { msg: plain.as_bytes(), aad: place };
        // Encryption fails only for messages of gigabytes; a number is a few bytes.
        let sealed = self.0[0].cipher.encrypt(&nonce, payload).unwrap_or_default();
        [nonce.as_slice(), &sealed].concat()
    }

    /// A keyed digest of `plain` (HMAC-SHA-256 under the current key): stands for a number where one must be
    /// compared but not kept, such as a request's arguments in the idempotency store, and cannot be reversed by
    /// trying every nine-digit number without the key.
    pub fn blind(&self, plain: &str) -> String {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.0[0].secret) else {
            // HMAC takes keys of any length; this arm cannot be taken.
            return String::new();
        };
        mac.update(plain.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// What `sealed` holds, if `key_id` sealed it for `place` and nothing changed it since.
    pub fn open(&self, key_id: &str, sealed: &[u8], place: &[u8]) -> Result<String, SealError> {
        let key = self.0.iter().find(|k| k.id == key_id).ok_or_else(|| SealError::UnknownKey(key_id.to_owned()))?;
        if sealed.len() <= NONCE_LEN {
            return Err(SealError::Tampered);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let plain = key
            .cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: ciphertext, aad: place })
            .map_err(|_| SealError::Tampered)?;
        String::from_utf8(plain).map_err(|_| SealError::Tampered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn a_sealed_value_opens_only_where_and_with_what_it_was_sealed() {
        let keys = DataKeys::new(KEY, &[]).expect("a key");
        let sealed = keys.seal("D1234-5678", b"casino/player/id_number");
        assert!(!sealed.windows(10).any(|w| w == b"D1234-5678"), "no plain bytes");
        assert_ne!(sealed, keys.seal("D1234-5678", b"casino/player/id_number"), "a fresh nonce each time");
        let id = keys.current_id();
        assert_eq!(keys.open(id, &sealed, b"casino/player/id_number").as_deref(), Ok("D1234-5678"));
        assert_eq!(keys.open(id, &sealed, b"casino/other/id_number"), Err(SealError::Tampered));
        let mut altered = sealed.clone();
        altered[20] ^= 1;
        assert_eq!(keys.open(id, &altered, b"casino/player/id_number"), Err(SealError::Tampered));
        assert_eq!(keys.open(id, &sealed[..10], b"casino/player/id_number"), Err(SealError::Tampered));
        assert!(matches!(keys.open("0000", &sealed, b"x"), Err(SealError::UnknownKey(_))));
    }

    #[test]
    fn after_a_rotation_the_previous_key_still_opens_and_the_new_one_seals() {
        let old = DataKeys::new(KEY, &[]).expect("old");
        let sealed = old.seal("123-45-6789", b"p");
        let new_key = DataKeys::generate_key();
        let rotated = DataKeys::new(&new_key, &[KEY]).expect("rotated");
        assert_ne!(rotated.current_id(), old.current_id());
        assert!(rotated.knows(old.current_id()));
        assert_eq!(rotated.open(old.current_id(), &sealed, b"p").as_deref(), Ok("123-45-6789"));
        let resealed = rotated.seal("123-45-6789", b"p");
        assert_eq!(
            old.open(rotated.current_id(), &resealed, b"p"),
            Err(SealError::UnknownKey(rotated.current_id().into()))
        );
    }

    #[test]
    fn keys_are_32_bytes_in_hex_or_base64_and_never_printed() {
        let b64 = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        assert_eq!(DataKeys::parse_key(&format!(" {b64}\n")), Ok([7u8; 32]));
        for bad in [
            "",
            "00",
            &KEY[..62],
            &format!("{KEY}00"),
            "zz02030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        ] {
            assert_eq!(DataKeys::parse_key(bad), Err(SealError::BadKey), "{bad:?}");
        }
        let keys = DataKeys::new(KEY, &[]).expect("a key");
        assert!(!format!("{keys:?}").contains("0102030405"), "{keys:?}");
        let other = DataKeys::new(&DataKeys::generate_key(), &[]).expect("another key");
        assert_eq!(keys.blind("123456789"), keys.blind("123456789"));
        assert_ne!(keys.blind("123456789"), other.blind("123456789"), "keyed");
        assert_ne!(keys.blind("123456789"), keys.blind("123456788"));
    }
}
