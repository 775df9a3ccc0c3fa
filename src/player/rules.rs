//! Pure decisions about players: who may enroll them, valid names and birth dates, search terms.

use chrono::{Datelike, NaiveDate};

use super::error::Error;
use super::model::{EnrollInput, PlayerMatch};
use crate::casino::StaffRole;
use crate::error::{ErrorCode, FieldError};

/// The youngest a player can plausibly be.
pub const MIN_AGE_YEARS: i32 = 18;
/// Search results are capped; a pit boss narrows the name rather than scrolls.
pub const SEARCH_LIMIT: i64 = 50;

/// Enrolling players is the pit's (`docs/architecture.md#roles`).
pub fn may_enroll(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// Checks an enrollment form against `today` and reports every problem at once; returns it trimmed.
pub fn validate_enrollment(input: &EnrollInput, today: NaiveDate) -> Result<EnrollInput, Error> {
    let (first_name, last_name) = (input.first_name.trim(), input.last_name.trim());
    let mut problems = Vec::new();
    if !(1..=100).contains(&first_name.chars().count()) {
        problems.push(FieldError::new("first_name", ErrorCode::PlayerInvalidName));
    }
    if !(1..=100).contains(&last_name.chars().count()) {
        problems.push(FieldError::new("last_name", ErrorCode::PlayerInvalidName));
    }
    if input.birth_date.is_some_and(|born| !plausible_birth_date(born, today)) {
        problems.push(FieldError::new("birth_date", ErrorCode::PlayerInvalidBirthDate));
    }
    if problems.is_empty() {
        Ok(EnrollInput { first_name: first_name.into(), last_name: last_name.into(), birth_date: input.birth_date })
    } else {
        Err(Error::InvalidEnrollment(problems))
    }
}

/// Born in 1900 or later and at least [`MIN_AGE_YEARS`] old on `today`.
pub fn plausible_birth_date(born: NaiveDate, today: NaiveDate) -> bool {
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    let latest = today.with_year(today.year() - MIN_AGE_YEARS).unwrap_or_else(|| {
        // 29 February, 18 years on, is 28 February.
        NaiveDate::from_ymd_opt(today.year() - MIN_AGE_YEARS, 2, 28).unwrap_or(NaiveDate::MIN)
    });
    (earliest..=latest).contains(&born)
}

/// The words of a typed search as the name index stores them.
///
/// Lower-case, split on anything but letters and digits (as SQL `player_name_tokens` splits names), longest
/// first so the most selective one leads.
pub fn search_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = query
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    words.dedup();
    words.truncate(5);
    words
}

/// The enrolled players who may be the person being enrolled.
///
/// The same first and last name (ignoring case and surrounding spaces), and birth dates that do not differ
/// (either one unknown counts as "may be").
pub fn possible_duplicates(
    found: Vec<PlayerMatch>,
    first_name: &str,
    last_name: &str,
    birth_date: Option<NaiveDate>,
) -> Vec<PlayerMatch> {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    found
        .into_iter()
        .filter(|m| same(&m.player.first_name, first_name) && same(&m.player.last_name, last_name))
        .filter(|m| m.player.birth_date.zip(birth_date).is_none_or(|(known, typed)| known == typed))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::player::{PlayerId, PlayerSummary};

    fn enrolled(first: &str, last: &str, born: Option<NaiveDate>) -> PlayerMatch {
        let player = PlayerSummary {
            id: PlayerId(uuid::Uuid::new_v4()),
            first_name: first.into(),
            last_name: last.into(),
            birth_date: born,
        };
        PlayerMatch { player, seated_at: None, last_play: None, flag: None }
    }

    #[test]
    fn a_same_name_with_no_contradicting_birth_date_may_be_the_same_person() {
        let born = NaiveDate::from_ymd_opt(1975, 3, 14);
        let other = NaiveDate::from_ymd_opt(1980, 1, 1);
        let found = vec![
            enrolled("Maria", "Gonzalez", born),
            enrolled("Maria", "Gonzalez", None),
            enrolled("Maria", "Gonzalez", other),
            enrolled("Mariana", "Gonzalez", born),
        ];
        let names = |m: Vec<PlayerMatch>| m.into_iter().map(|m| m.player.birth_date).collect::<Vec<_>>();
        assert_eq!(names(possible_duplicates(found.clone(), " maria ", "GONZALEZ", born)), [born, None]);
        assert_eq!(names(possible_duplicates(found, "Maria", "Gonzalez", None)), [born, None, other]);
    }

    use super::*;
    use crate::error::DomainError;
    use rstest::rstest;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[rstest]
    #[case(date(1970, 5, 17), true)]
    #[case(date(1900, 1, 1), true)]
    #[case(date(1899, 12, 31), false)]
    #[case(date(2008, 11, 28), true)]
    #[case(date(2008, 11, 29), false)]
    #[case(date(2030, 1, 1), false)]
    fn birth_dates_must_be_plausible(#[case] born: NaiveDate, #[case] plausible: bool) {
        assert_eq!(plausible_birth_date(born, date(2026, 11, 28)), plausible);
    }

    #[test]
    fn a_leap_day_eighteenth_birthday_falls_on_the_28th() {
        assert!(plausible_birth_date(date(2008, 2, 28), date(2026, 2, 28)));
        assert!(!plausible_birth_date(date(2008, 2, 29), date(2026, 2, 28)));
        assert!(plausible_birth_date(date(2006, 2, 28), date(2024, 2, 29)));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        let input = EnrollInput { first_name: "  Maria ".into(), last_name: "Gonzalez".into(), birth_date: None };
        let valid = validate_enrollment(&input, date(2026, 11, 28)).expect("valid");
        assert_eq!(valid.first_name, "Maria");

        let bad =
            EnrollInput { first_name: " ".into(), last_name: "x".repeat(101), birth_date: Some(date(2020, 1, 1)) };
        let Err(error) = validate_enrollment(&bad, date(2026, 11, 28)) else { panic!("invalid") };
        let fields: Vec<_> = error.fields().into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            fields,
            [
                ("first_name".to_owned(), ErrorCode::PlayerInvalidName),
                ("last_name".to_owned(), ErrorCode::PlayerInvalidName),
                ("birth_date".to_owned(), ErrorCode::PlayerInvalidBirthDate),
            ]
        );
    }

    #[rstest]
    #[case("Gonz", &["gonz"])]
    #[case("  maria   GONZ ", &["maria", "gonz"])]
    #[case("O'Sul", &["sul", "o"])]
    #[case("50%_off", &["off", "50"])]
    #[case("a b a", &["a", "b"])]
    #[case("   ", &[])]
    fn typed_searches_become_index_words(#[case] query: &str, #[case] words: &[&str]) {
        assert_eq!(search_words(query), words);
    }

    #[rstest]
    #[case(StaffRole::PitBoss, true)]
    #[case(StaffRole::Admin, true)]
    #[case(StaffRole::Cashier, false)]
    #[case(StaffRole::Compliance, false)]
    fn the_pit_enrolls(#[case] role: StaffRole, #[case] allowed: bool) {
        assert_eq!(may_enroll(role), allowed);
    }
}
