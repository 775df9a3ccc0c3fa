//! Pure decisions about casino settings and who may change them.

use chrono::NaiveTime;

use super::error::Error;
use super::model::{NewStaff, SettingsInput, StaffRole, ValidSettings};
use crate::error::{ErrorCode, FieldError};
use crate::money::Cents;

/// Only admins change casino settings (`docs/architecture.md#roles`).
pub fn may_manage_settings(role: StaffRole) -> bool {
    role == StaffRole::Admin
}

/// Who may see the staff roster: the pit needs its dealers, admins manage everyone.
pub fn may_list_staff(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// Reads `HH:MM` (24-hour, two digits each).
pub fn parse_gaming_day_start(input: &str) -> Option<NaiveTime> {
    let input = input.trim();
    let well_formed = input.len() == 5 && input.as_bytes()[2] == b':';
    well_formed.then(|| NaiveTime::parse_from_str(input, "%H:%M").ok()).flatten()
}

/// Checks every field of a settings form and reports all problems at once.
///
/// Whether the time zone is known is the caller's finding (`zone_known`): the database computes gaming days, so its zone list decides.
pub fn validate_settings(input: &SettingsInput, zone_known: bool) -> Result<ValidSettings, Error> {
    let mut problems = Vec::new();
    let start = parse_gaming_day_start(&input.gaming_day_start);
    if start.is_none() {
        problems.push(FieldError::new("gaming_day_start", ErrorCode::CasinoInvalidGamingDayStart));
    }
    let timezone = input.timezone.trim().to_owned();
    if !zone_known {
        problems.push(FieldError::new("timezone", ErrorCode::CasinoInvalidTimezone));
    }
    let (watchlist, ctr) = (Cents(input.watchlist_floor_cents), Cents(input.ctr_threshold_cents));
    if !watchlist.is_positive() {
        problems.push(FieldError::new("watchlist_floor_cents", ErrorCode::CasinoInvalidThreshold));
    }
    if !ctr.is_positive() || ctr <= watchlist {
        problems.push(FieldError::new("ctr_threshold_cents", ErrorCode::CasinoInvalidThreshold));
    }
    if input.reward_cap_points <= 0 {
        problems.push(FieldError::new("reward_cap_points", ErrorCode::CasinoInvalidRewardCap));
    }
    if !(1..=720).contains(&input.late_action_minutes) {
        problems.push(FieldError::new("late_action_minutes", ErrorCode::CasinoInvalidLateActionWindow));
    }
    match start {
        Some(gaming_day_start) if problems.is_empty() => Ok(ValidSettings {
            gaming_day_start,
            timezone,
            watchlist_floor: watchlist,
            ctr_threshold: ctr,
            reward_cap_points: input.reward_cap_points,
            late_action_minutes: input.late_action_minutes,
        }),
        _ => Err(Error::InvalidSettings(problems)),
    }
}

/// IANA names are `Area/Location` (or `UTC`), letters, digits, `_`, `-`, `+` and `/`; anything else cannot
/// be a zone, and rejecting it early keeps junk away from the database.
pub fn plausible_zone_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '/'))
        && !name.starts_with('/')
        && !name.contains("..")
}

/// A person's or casino's name: 1 to 100 characters once trimmed.
pub fn valid_name(name: &str) -> bool {
    (1..=100).contains(&name.trim().chars().count())
}

/// An email address as stored: trimmed, lower-case, one `@` with something on both sides, no spaces.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && email == email.trim().to_lowercase()
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
}

/// Every problem with a new staff member: names, email, and a login for a dealer.
pub fn validate_new_staff(new: &NewStaff) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if !valid_name(&new.first_name) {
        problems.push(FieldError::new("first_name", ErrorCode::StaffInvalidName));
    }
    if !valid_name(&new.last_name) {
        problems.push(FieldError::new("last_name", ErrorCode::StaffInvalidName));
    }
    match &new.login {
        Some(_) if !new.role.can_log_in() => problems.push(FieldError::new("role", ErrorCode::StaffDealerHasNoLogin)),
        Some(login) if !valid_email(&login.email) => {
            problems.push(FieldError::new("email", ErrorCode::StaffInvalidEmail))
        }
        _ => {}
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn input() -> SettingsInput {
        SettingsInput {
            gaming_day_start: "06:00".into(),
            timezone: "America/Los_Angeles".into(),
            watchlist_floor_cents: 300_000,
            ctr_threshold_cents: 1_000_000,
            reward_cap_points: 5_000,
            late_action_minutes: 30,
        }
    }

    fn field_codes(result: Result<ValidSettings, Error>) -> Vec<(String, ErrorCode)> {
        match result {
            Err(Error::InvalidSettings(fields)) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("expected invalid settings, got {other:?}"),
        }
    }

    #[test]
    fn the_demo_settings_are_valid() {
        let valid = validate_settings(&input(), true).expect("valid");
        assert_eq!(valid.gaming_day_start, NaiveTime::from_hms_opt(6, 0, 0).expect("time"));
        assert_eq!(valid.watchlist_floor, Cents(300_000));
    }

    #[rstest]
    #[case("06:00", Some((6, 0)))]
    #[case("00:00", Some((0, 0)))]
    #[case("23:59", Some((23, 59)))]
    #[case(" 04:30 ", Some((4, 30)))]
    #[case("24:00", None)]
    #[case("6:00", None)]
    #[case("06:60", None)]
    #[case("0600", None)]
    #[case("06:00:00", None)]
    #[case("", None)]
    fn gaming_day_start_is_hh_mm(#[case] text: &str, #[case] expected: Option<(u32, u32)>) {
        let expected = expected.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
        assert_eq!(parse_gaming_day_start(text), expected);
    }

    #[rstest]
    #[case("America/Los_Angeles", true)]
    #[case("Australia/Sydney", true)]
    #[case("UTC", true)]
    #[case("Etc/GMT+8", true)]
    #[case("", false)]
    #[case("Los Angeles", false)]
    #[case("../etc/passwd", false)]
    #[case("/UTC", false)]
    fn zone_names_are_screened_for_shape(#[case] name: &str, #[case] plausible: bool) {
        assert_eq!(plausible_zone_name(name), plausible);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = SettingsInput {
            gaming_day_start: "6am".into(),
            timezone: "Mars Base".into(),
            watchlist_floor_cents: 0,
            ctr_threshold_cents: -1,
            reward_cap_points: 0,
            late_action_minutes: 0,
        };
        assert_eq!(
            field_codes(validate_settings(&bad, false)),
            vec![
                ("gaming_day_start".into(), ErrorCode::CasinoInvalidGamingDayStart),
                ("timezone".into(), ErrorCode::CasinoInvalidTimezone),
                ("watchlist_floor_cents".into(), ErrorCode::CasinoInvalidThreshold),
                ("ctr_threshold_cents".into(), ErrorCode::CasinoInvalidThreshold),
                ("reward_cap_points".into(), ErrorCode::CasinoInvalidRewardCap),
                ("late_action_minutes".into(), ErrorCode::CasinoInvalidLateActionWindow),
            ]
        );
    }

    #[test]
    fn the_watchlist_floor_must_be_below_the_ctr_threshold() {
        let equal = SettingsInput { watchlist_floor_cents: 1_000_000, ..input() };
        assert_eq!(
            field_codes(validate_settings(&equal, true)),
            vec![("ctr_threshold_cents".into(), ErrorCode::CasinoInvalidThreshold)]
        );
    }

    #[rstest]
    #[case(StaffRole::Admin, true, true)]
    #[case(StaffRole::PitBoss, false, true)]
    #[case(StaffRole::Cashier, false, false)]
    #[case(StaffRole::Compliance, false, false)]
    #[case(StaffRole::Dealer, false, false)]
    fn roles_decide_settings_and_roster_access(#[case] role: StaffRole, #[case] settings: bool, #[case] roster: bool) {
        assert_eq!(may_manage_settings(role), settings);
        assert_eq!(may_list_staff(role), roster);
    }

    fn new_staff(role: StaffRole, email: Option<&str>) -> NewStaff {
        NewStaff {
            first_name: "Dana".into(),
            last_name: "Reyes".into(),
            role,
            login: email.map(|email| super::super::model::NewLogin {
                email: email.into(),
                password_hash: "$argon2id$stub".into(),
                must_change_password: false,
            }),
        }
    }

    #[rstest]
    #[case("pitboss@demo.casino", true)]
    #[case("a@b.co", true)]
    #[case("Pitboss@demo.casino", false)]
    #[case("pitboss@demo", false)]
    #[case("@demo.casino", false)]
    #[case("pit boss@demo.casino", false)]
    #[case("pitboss@@demo.casino", false)]
    #[case("pitboss@demo.casino.", false)]
    fn emails_are_checked_in_their_stored_form(#[case] email: &str, #[case] valid: bool) {
        assert_eq!(valid_email(email), valid);
    }

    #[test]
    fn dealers_get_no_login() {
        assert_eq!(
            validate_new_staff(&new_staff(StaffRole::Dealer, Some("dealer@demo.casino"))),
            vec![FieldError::new("role", ErrorCode::StaffDealerHasNoLogin)]
        );
        assert!(validate_new_staff(&new_staff(StaffRole::Dealer, None)).is_empty());
        assert!(validate_new_staff(&new_staff(StaffRole::PitBoss, Some("pb@demo.casino"))).is_empty());
    }

    #[test]
    fn names_must_be_one_to_a_hundred_characters() {
        let mut new = new_staff(StaffRole::Cashier, None);
        new.first_name = "  ".into();
        new.last_name = "x".repeat(101);
        assert_eq!(
            validate_new_staff(&new),
            vec![
                FieldError::new("first_name", ErrorCode::StaffInvalidName),
                FieldError::new("last_name", ErrorCode::StaffInvalidName),
            ]
        );
    }
}
