//! Pure decisions of exclusions: who may set and lift flags, and what a flag must say.

use chrono::{DateTime, Utc};

use super::error::Error;
use crate::casino::StaffRole;

/// Flags are compliance's and the admin's (`docs/architecture.md#roles`).
pub fn may_manage(role: StaffRole) -> bool {
    matches!(role, StaffRole::Compliance | StaffRole::Admin)
}

/// A reason (to set or to lift) is 1 to 200 characters once trimmed; the trimmed text is what is kept.
pub fn check_reason(reason: &str) -> Result<&str, Error> {
    let trimmed = reason.trim();
    if trimmed.is_empty() || trimmed.chars().count() > 200 { Err(Error::InvalidReason) } else { Ok(trimmed) }
}

/// A flag's end, if it has one, is after `now`: a flag that ended already would flag nobody.
pub fn check_until(until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), Error> {
    match until {
        Some(end) if end <= now => Err(Error::InvalidUntil),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DomainError, ErrorCode};
    use chrono::Duration;

    #[test]
    fn only_compliance_and_admins_manage_flags() {
        let allowed: Vec<StaffRole> = StaffRole::ALL.into_iter().filter(|r| may_manage(*r)).collect();
        assert_eq!(allowed, [StaffRole::Admin, StaffRole::Compliance]);
    }

    #[test]
    fn reasons_are_one_to_two_hundred_characters_trimmed() {
        assert_eq!(check_reason("  Card counting  ").ok(), Some("Card counting"));
        assert_eq!(check_reason(&"é".repeat(200)).map(str::len).ok(), Some(400));
        for bad in ["", "   ", &"x".repeat(201)] {
            assert_eq!(check_reason(bad).map_err(|e| e.code()), Err(ErrorCode::ExclusionInvalidReason));
        }
    }

    #[test]
    fn a_flag_ends_in_the_future_or_never() {
        let now = Utc::now();
        assert!(check_until(None, now).is_ok() && check_until(Some(now + Duration::days(30)), now).is_ok());
        for past in [now, now - Duration::seconds(1)] {
            assert_eq!(check_until(Some(past), now).map_err(|e| e.code()), Err(ErrorCode::ExclusionInvalidUntil));
        }
    }
}
