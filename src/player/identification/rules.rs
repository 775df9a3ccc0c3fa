//! Who keeps a patron's identification, who reveals its numbers, and what a form may hold. Pure.

use chrono::NaiveDate;

use super::model::IdentificationInput;
use crate::casino::StaffRole;
use crate::error::{ErrorCode, FieldError};

/// The cage and compliance keep identification (the cashier takes the cash a CTR reports; compliance files
/// it), and admins.
pub fn may_keep(role: StaffRole) -> bool {
    matches!(role, StaffRole::Cashier | StaffRole::Compliance | StaffRole::Admin)
}

/// Only compliance officers see a full number, to file a report.
pub fn may_reveal(role: StaffRole) -> bool {
    role == StaffRole::Compliance
}

/// The form's problems, one per field; empty when it may be saved. Numbers come back normalised: trimmed,
/// an ID number's inner spaces kept, an SSN/TIN as its nine digits.
pub fn check(input: &IdentificationInput) -> Result<(Option<String>, Option<String>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let text = [
        ("address_line", &input.address_line, 200),
        ("city", &input.city, 100),
        ("region", &input.region, 100),
        ("postal_code", &input.postal_code, 20),
        ("country", &input.country, 60),
        ("occupation", &input.occupation, 100),
        ("id_issuer", &input.id_issuer, 100),
    ];
    for (field, value, most) in text {
        if value.trim().chars().count() > most || value.chars().any(char::is_control) {
            errors.push(FieldError::new(field, ErrorCode::IdentificationInvalidText));
        }
    }
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1);
    let latest = NaiveDate::from_ymd_opt(2100, 12, 31);
    if input.id_expires.is_some_and(|day| Some(day) < earliest || Some(day) > latest) {
        errors.push(FieldError::new("id_expires", ErrorCode::IdentificationInvalidExpiry));
    }
    let id_number = input.id_number.as_deref().map(str::trim);
    if id_number.is_some_and(|n| !n.is_empty() && !valid_id_number(n)) {
        errors.push(FieldError::new("id_number", ErrorCode::IdentificationInvalidNumber));
    }
    let tin = input.tin.as_deref().map(|t| t.trim().replace('-', ""));
    if tin.as_deref().is_some_and(|t| !(t.is_empty() || t.len() == 9 && t.bytes().all(|b| b.is_ascii_digit()))) {
        errors.push(FieldError::new("tin", ErrorCode::IdentificationInvalidTin));
    }
    if errors.is_empty() { Ok((id_number.map(str::to_owned), tin)) } else { Err(errors) }
}

fn valid_id_number(number: &str) -> bool {
    (4..=40).contains(&number.chars().count())
        && number.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        && number.chars().any(|c| c.is_ascii_alphanumeric())
}

/// What screens show of a number: its last four letters or digits.
pub fn last4(number: &str) -> String {
    let kept: Vec<char> = number.chars().filter(char::is_ascii_alphanumeric).collect();
    kept[kept.len().saturating_sub(4)..].iter().collect()
}

/// An SSN or TIN's nine digits as printed: 123-45-6789.
pub fn format_tin(digits: &str) -> String {
    if digits.len() == 9 && digits.is_ascii() {
        format!("{}-{}-{}", &digits[..3], &digits[3..5], &digits[5..])
    } else {
        digits.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn form() -> IdentificationInput {
        IdentificationInput { address_line: "12 Main St".into(), city: "Reno".into(), ..Default::default() }
    }

    #[rstest]
    #[case(Some("D123-4567-89"), Ok(Some("D123-4567-89".into())))]
    #[case(Some("  X 1234 "), Ok(Some("X 1234".into())))]
    #[case(Some(""), Ok(Some(String::new())))]
    #[case(None, Ok(None))]
    #[case(Some("12"), Err(()))]
    #[case(Some("----"), Err(()))]
    #[case(Some("D12;drop"), Err(()))]
    fn id_numbers(#[case] number: Option<&str>, #[case] expected: Result<Option<String>, ()>) {
        let input = IdentificationInput { id_number: number.map(str::to_owned), ..form() };
        assert_eq!(check(&input).map(|(n, _)| n).map_err(|_| ()), expected, "{number:?}");
    }

    #[rstest]
    #[case("123-45-6789", Some("123456789"))]
    #[case("123456789", Some("123456789"))]
    #[case("", Some(""))]
    #[case("12345678", None)]
    #[case("12345678X", None)]
    fn tins(#[case] tin: &str, #[case] expected: Option<&str>) {
        let input = IdentificationInput { tin: Some(tin.to_owned()), ..form() };
        assert_eq!(check(&input).ok().and_then(|(_, t)| t).as_deref(), expected, "{tin:?}");
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let input = IdentificationInput {
            address_line: "x".repeat(201),
            occupation: "nul \u{0}".into(),
            id_expires: NaiveDate::from_ymd_opt(1899, 12, 31),
            id_number: Some("1".into()),
            tin: Some("1".into()),
            ..form()
        };
        let fields: Vec<String> = check(&input).expect_err("five problems").into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["address_line", "occupation", "id_expires", "id_number", "tin"]);
    }

    #[test]
    fn screens_show_the_last_four_letters_or_digits() {
        assert_eq!(last4("D123-4567-89"), "6789");
        assert_eq!(last4("123456789"), "6789");
        assert_eq!(last4("AB-1"), "AB1");
        assert_eq!(format_tin("123456789"), "123-45-6789");
    }

    #[rstest]
    #[case(StaffRole::Cashier, true, false)]
    #[case(StaffRole::Compliance, true, true)]
    #[case(StaffRole::Admin, true, false)]
    #[case(StaffRole::PitBoss, false, false)]
    #[case(StaffRole::Dealer, false, false)]
    fn who_keeps_and_who_reveals(#[case] role: StaffRole, #[case] keeps: bool, #[case] reveals: bool) {
        assert_eq!((may_keep(role), may_reveal(role)), (keeps, reveals));
    }
}
