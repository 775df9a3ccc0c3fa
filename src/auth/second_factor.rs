//! The second factor's pure parts: TOTP secrets and codes (RFC 6238: SHA-1, six digits, 30-second steps, as
//! every authenticator app reads them), the enrolment QR code, and recovery codes.

use qrcode::QrCode;
use qrcode::render::svg;
use rand::Rng;
use totp_rs::{Algorithm, TOTP};

/// Length of a TOTP secret in bytes (160 bits, RFC 4226's recommendation).
const SECRET_BYTES: usize = 20;
/// Seconds per code.
pub const STEP_SECONDS: i64 = 30;
/// Codes of the step before and after the current one are accepted too (a phone's clock a little off).
const SKEW_STEPS: i64 = 1;
/// Recovery codes issued at enrolment.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code: no 0/O or 1/l/I to misread from paper.
const RECOVERY_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
const RECOVERY_LENGTH: usize = 10;
const ISSUER: &str = "pitboss";

/// A fresh random TOTP secret.
pub fn generate_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill(secret.as_mut_slice());
    secret
}

fn totp(secret: &[u8], account: &str) -> Option<TOTP> {
    // Labels may not hold ':' (it separates issuer and account); emails never do once validated.
    let account = account.replace(':', "");
    TOTP::new(Algorithm::SHA1, 6, 0, STEP_SECONDS as u64, secret.to_vec(), Some(ISSUER.to_owned()), account).ok()
}

/// The step (30-second window since the epoch) an instant falls in.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The code an authenticator shows for `secret` during `step`.
pub fn code_at(secret: &[u8], step: i64) -> Option<String> {
    let time = u64::try_from(step.checked_mul(STEP_SECONDS)?).ok()?;
    Some(totp(secret, "")?.generate(time))
}

/// The step whose code `typed` is, among the steps around `now_step`, if it is later than `last_used_step`:
/// a code is accepted once (a code seen over a shoulder cannot be replayed), and never an older one.
pub fn matching_step(secret: &[u8], typed: &str, now_step: i64, last_used_step: Option<i64>) -> Option<i64> {
    let typed = normalize_code(typed);
    if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret, "")?;
    (now_step - SKEW_STEPS..=now_step + SKEW_STEPS).filter(|step| last_used_step.is_none_or(|last| *step > last)).find(
        |step| {
            let time = u64::try_from(step * STEP_SECONDS).unwrap_or(0);
            // Constant-time comparison inside `check` (skew 0: exactly this step).
            totp.check(&typed, time)
        },
    )
}

/// The code an authenticator app set up with `secret_base32` shows at `unix_seconds`: for the command line and
/// tests that sign in as someone with a second factor.
pub fn code_for(secret_base32: &str, unix_seconds: i64) -> Option<String> {
    let secret = totp_rs::Secret::Encoded(secret_base32.to_owned()).to_bytes().ok()?;
    code_at(&secret, step_at(unix_seconds))
}

/// What an authenticator app needs to add the account: the `otpauth://` address (in the QR code) and the
/// secret in base32 for typing in by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provisioning {
    /// `otpauth://totp/pitboss:<email>?secret=…&issuer=pitboss`.
    pub uri: String,
    /// The secret, base32 without padding.
    pub secret_base32: String,
    /// The address as a QR code, an SVG document.
    pub qr_svg: String,
}

/// The provisioning of `secret` for the staff member signing in as `email`.
pub fn provisioning(secret: &[u8], email: &str) -> Option<Provisioning> {
    let totp = totp(secret, email)?;
    let uri = totp.get_url();
    let qr_svg =
        QrCode::new(uri.as_bytes()).ok()?.render::<svg::Color<'_>>().min_dimensions(220, 220).quiet_zone(true).build();
    Some(Provisioning { uri, secret_base32: totp.get_secret_base32(), qr_svg })
}

/// Fresh recovery codes, as shown to their owner once: `xxxxx-xxxxx`.
pub fn generate_recovery_codes() -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..RECOVERY_LENGTH)
                .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
                .collect();
            format!("{}-{}", &chars[..RECOVERY_LENGTH / 2], &chars[RECOVERY_LENGTH / 2..])
        })
        .collect()
}

/// A typed code as compared: spaces and dashes dropped, lower case (`ABCDE-FGHJK` is `abcdefghjk`, `123 456` is
/// `123456`).
pub fn normalize_code(typed: &str) -> String {
    typed.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect()
}

/// Whether a typed code has a recovery code's shape (so it is looked up as one, not checked as a TOTP).
pub fn is_recovery_code(typed: &str) -> bool {
    let code = normalize_code(typed);
    code.len() == RECOVERY_LENGTH && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B's SHA-1 secret and its eight-digit vectors, last six digits.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_follow_rfc_6238() {
        for (time, code) in [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924")] {
            assert_eq!(code_at(RFC_SECRET, step_at(time)).as_deref(), Some(code), "at {time}");
        }
    }

    #[test]
    fn a_code_matches_its_step_and_the_neighbours_only() {
        let now = step_at(1_111_111_109);
        let code = code_at(RFC_SECRET, now).expect("code");
        assert_eq!(matching_step(RFC_SECRET, &code, now, None), Some(now));
        assert_eq!(matching_step(RFC_SECRET, &code, now + 1, None), Some(now));
        assert_eq!(matching_step(RFC_SECRET, &code, now - 1, None), Some(now));
        assert_eq!(matching_step(RFC_SECRET, &code, now + 2, None), None);
        assert_eq!(matching_step(RFC_SECRET, "123 456", now, None), None);
    }

    #[test]
    fn a_code_is_accepted_once() {
        let now = step_at(1_234_567_890);
        let code = code_at(RFC_SECRET, now).expect("code");
        assert_eq!(matching_step(RFC_SECRET, &code, now, Some(now)), None);
        assert_eq!(matching_step(RFC_SECRET, &code, now, Some(now - 1)), Some(now));
        let older = code_at(RFC_SECRET, now - 1).expect("code");
        assert_eq!(matching_step(RFC_SECRET, &older, now, Some(now)), None);
    }

    #[test]
    fn junk_never_matches() {
        for junk in ["", "12345", "1234567", "abcdef", "12345\u{0}", &"9".repeat(10_000)] {
            assert_eq!(matching_step(RFC_SECRET, junk, 100, None), None, "{junk:?}");
        }
    }

    #[test]
    fn typed_codes_are_normalized() {
        let now = step_at(59);
        assert_eq!(matching_step(RFC_SECRET, " 287-082 ", now, None), Some(now));
        assert_eq!(normalize_code("ABCDE-FGHJK"), "abcdefghjk");
    }

    #[test]
    fn recovery_codes_are_distinct_and_readable() {
        let codes = generate_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 11, "{code}");
            assert!(is_recovery_code(code), "{code}");
            assert!(is_recovery_code(&code.to_uppercase()), "{code}");
        }
        assert!(!is_recovery_code("123456"));
        assert!(!is_recovery_code("abcde-fghi1"));
    }

    #[test]
    fn provisioning_names_the_account_and_draws_it() {
        let secret = generate_secret();
        let p = provisioning(&secret, "admin@demo.casino").expect("provisioning");
        assert!(p.uri.starts_with("otpauth://totp/pitboss:admin%40demo.casino?"), "{}", p.uri);
        assert!(p.uri.contains(&format!("secret={}", p.secret_base32)), "{}", p.uri);
        assert!(p.uri.contains("issuer=pitboss"), "{}", p.uri);
        assert_eq!(p.secret_base32.len(), 32);
        assert!(p.qr_svg.contains("<svg"), "{}", &p.qr_svg[..80]);
        let now = 1_700_000_000;
        assert_eq!(code_for(&p.secret_base32, now), code_at(&secret, step_at(now)));
    }
}
