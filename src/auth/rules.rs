//! Pure sign-in and session rules: which emails are worth looking up, throttling and expiry.

use chrono::{DateTime, Duration, Utc};

/// Failed attempts within [`THROTTLE_WINDOW`] after which an email is refused without checking the password.
pub const MAX_FAILURES: usize = 5;
/// How far back failures count, and how long a throttled email waits.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// From this many failures in the window on, a refused sign-in says how many attempts remain.
pub const WARN_FROM: usize = 3;
/// A session ends this long after sign-in, whatever happens: longer than a shift, shorter than two.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);
/// How long a correct password waits for the second factor's code before the sign-in starts over.
pub const SECOND_FACTOR_WINDOW: Duration = Duration::minutes(5);
/// A session ends after this long without a request (a tablet left on the podium).
pub const SESSION_IDLE_TIMEOUT: Duration = Duration::hours(2);
/// Last-seen is written at most this often, so reads do not turn into writes.
pub const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// The longest email address SMTP allows.
pub const MAX_EMAIL_LENGTH: usize = 254;

/// Whether a normalized email could belong to anyone: not empty, not overlong, no control characters.
///
/// Anything else is refused as wrong credentials without a lookup or an attempt row (whose policy keys on
/// the email), so a malformed form is not a server fault.
pub fn could_be_email(email: &str) -> bool {
    !email.is_empty() && email.len() <= MAX_EMAIL_LENGTH && !email.chars().any(char::is_control)
}

/// When an email may try again, given its failed attempts since its last success (any order); `None` if it
/// may try now. The lock lifts once fewer than [`MAX_FAILURES`] failures remain inside the window.
pub fn throttled_until(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut recent = recent(failures, now);
    if recent.len() < MAX_FAILURES {
        return None;
    }
    recent.sort_unstable_by(|a, b| b.cmp(a));
    Some(recent[MAX_FAILURES - 1] + THROTTLE_WINDOW)
}

/// How many more failures the email may have before it is locked, once one more failure at `now` counts,
/// when the sign-in form should say so (from the [`WARN_FROM`]th failure); 0 means it is locked now.
pub fn attempts_left_after_failure(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<usize> {
    let failed = recent(failures, now).len() + 1;
    (failed >= WARN_FROM).then(|| MAX_FAILURES.saturating_sub(failed))
}

fn recent(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    failures.iter().copied().filter(|at| *at > now - THROTTLE_WINDOW).collect()
}

/// What to do with a session found by its token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionCheck {
    /// Valid; `touch` says whether to record this request as last seen.
    Valid {
        /// Whether last-seen is stale enough to write.
        touch: bool,
    },
    /// Past its lifetime or idle too long: end it.
    Expired,
}

/// Decides whether a session is still valid at `now`.
pub fn check_session(expires_at: DateTime<Utc>, last_seen_at: DateTime<Utc>, now: DateTime<Utc>) -> SessionCheck {
    if now >= expires_at || now - last_seen_at >= SESSION_IDLE_TIMEOUT {
        SessionCheck::Expired
    } else {
        SessionCheck::Valid { touch: now - last_seen_at >= TOUCH_INTERVAL }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rstest::rstest;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).single().expect("valid") + Duration::minutes(minute)
    }

    #[rstest]
    #[case("pitboss@demo.casino", true)]
    #[case("", false)]
    #[case("nul\u{0}@demo.casino", false)]
    #[case("tab\t@demo.casino", false)]
    fn only_plausible_emails_are_looked_up(#[case] email: &str, #[case] plausible: bool) {
        assert_eq!(could_be_email(email), plausible);
        assert!(!could_be_email(&"a".repeat(MAX_EMAIL_LENGTH + 1)));
    }

    #[test]
    fn four_failures_do_not_throttle() {
        let failures: Vec<_> = (0..4).map(at).collect();
        assert_eq!(throttled_until(&failures, at(5)), None);
    }

    #[test]
    fn the_fifth_failure_throttles_for_the_window() {
        let failures: Vec<_> = (0..5).map(at).collect();
        assert_eq!(throttled_until(&failures, at(5)), Some(at(15)));
    }

    #[test]
    fn the_lock_lifts_as_failures_age_out_of_the_window() {
        let failures: Vec<_> = (0..5).map(at).collect();
        assert_eq!(throttled_until(&failures, at(15)), None);
    }

    #[test]
    fn many_failures_lock_until_the_fifth_most_recent_ages_out() {
        let failures: Vec<_> = [9, 1, 8, 2, 7, 3].into_iter().map(at).collect();
        assert_eq!(throttled_until(&failures, at(10)), Some(at(2 + 15)));
    }

    #[rstest]
    #[case(0, None)]
    #[case(1, None)]
    #[case(2, Some(2))]
    #[case(3, Some(1))]
    #[case(4, Some(0))]
    fn the_third_failure_on_says_how_many_attempts_remain(#[case] before: i64, #[case] left: Option<usize>) {
        let failures: Vec<_> = (0..before).map(at).collect();
        assert_eq!(attempts_left_after_failure(&failures, at(5)), left);
    }

    #[test]
    fn failures_older_than_the_window_do_not_count_towards_the_warning() {
        let failures: Vec<_> = [-30, -20, 1].into_iter().map(at).collect();
        assert_eq!(attempts_left_after_failure(&failures, at(5)), None);
    }

    #[rstest]
    #[case(at(0), at(720), at(10), SessionCheck::Valid { touch: true })]
    #[case(at(0), at(720), at(0), SessionCheck::Valid { touch: false })]
    #[case(at(600), at(720), at(719), SessionCheck::Valid { touch: true })]
    #[case(at(0), at(720), at(119), SessionCheck::Valid { touch: true })]
    #[case(at(0), at(720), at(120), SessionCheck::Expired)]
    #[case(at(700), at(720), at(720), SessionCheck::Expired)]
    fn sessions_expire_when_idle_or_at_their_lifetime(
        #[case] last_seen: DateTime<Utc>,
        #[case] expires: DateTime<Utc>,
        #[case] now: DateTime<Utc>,
        #[case] expected: SessionCheck,
    ) {
        assert_eq!(check_session(expires, last_seen, now), expected);
    }
}
