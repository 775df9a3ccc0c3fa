//! The casino's compliance settings: who files its CTRs, and the structuring watch's parameters.
//!
//! The filer is named as FinCEN Form 112 names it (legal name, EIN, address). Admins keep them; compliance
//! reads them on every worksheet.

use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, FieldError};

/// The filer's details and the structuring watch's parameters, as stored and as the admin form sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceSettings {
    /// The casino's legal name (the licensee, not the trade name).
    pub legal_name: String,
    /// Its employer identification number, `12-3456789`; empty until entered.
    pub ein: String,
    /// Street address.
    pub address_line: String,
    /// City.
    pub city: String,
    /// State.
    pub region: String,
    /// ZIP code.
    pub postal_code: String,
    /// How far below a threshold, in percent of it, an entry counts as just under it (1 to 50; 10 by default).
    pub structuring_margin_percent: i32,
    /// Over how many consecutive gaming days cash is added up (2 to 7; 3 by default).
    pub structuring_window_days: i32,
}

impl ComplianceSettings {
    /// The filer's fields a report needs that are empty, by form field name.
    pub fn filer_missing(&self) -> Vec<&'static str> {
        [
            ("legal_name", &self.legal_name),
            ("ein", &self.ein),
            ("address_line", &self.address_line),
            ("city", &self.city),
            ("region", &self.region),
            ("postal_code", &self.postal_code),
        ]
        .into_iter()
        .filter(|(_, value)| value.trim().is_empty())
        .map(|(field, _)| field)
        .collect()
    }

    /// The filer's address on one line, empty parts left out.
    pub fn address(&self) -> String {
        let place = [self.city.as_str(), self.region.as_str(), self.postal_code.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [self.address_line.as_str(), place.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How a reader names a filer field [`ComplianceSettings::filer_missing`] lists.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "legal_name" => "legal name",
        "ein" => "EIN",
        "address_line" => "street address",
        "city" => "city",
        "region" => "state",
        "postal_code" => "ZIP code",
        _ => "",
    }
}

/// The settings as typed, trimmed; or every field that is wrong.
///
/// Text fields may stay empty (the worksheet
/// flags them), but not too long or holding control characters; an EIN is nine digits, written `12-3456789`
/// (digits typed without the dash are accepted).
pub fn validate(input: &ComplianceSettings) -> Result<ComplianceSettings, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut text = |field: &'static str, value: &str, most: usize| {
        let value = value.trim();
        if value.chars().count() > most || value.chars().any(char::is_control) {
            problems.push(FieldError::new(field, ErrorCode::CasinoInvalidFiler));
        }
        value.to_owned()
    };
    let legal_name = text("legal_name", &input.legal_name, 200);
    let address_line = text("address_line", &input.address_line, 200);
    let city = text("city", &input.city, 100);
    let region = text("region", &input.region, 100);
    let postal_code = text("postal_code", &input.postal_code, 20);
    let ein = normalize_ein(&input.ein);
    if ein.is_none() {
        problems.push(FieldError::new("ein", ErrorCode::CasinoInvalidEin));
    }
    if !(1..=50).contains(&input.structuring_margin_percent) {
        problems.push(FieldError::new("structuring_margin_percent", ErrorCode::CasinoInvalidStructuring));
    }
    if !(2..=7).contains(&input.structuring_window_days) {
        problems.push(FieldError::new("structuring_window_days", ErrorCode::CasinoInvalidStructuring));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ComplianceSettings {
        legal_name,
        ein: ein.unwrap_or_default(),
        address_line,
        city,
        region,
        postal_code,
        structuring_margin_percent: input.structuring_margin_percent,
        structuring_window_days: input.structuring_window_days,
    })
}

/// An EIN as stored (`12-3456789`), empty for none; `None` when it is not nine digits.
pub fn normalize_ein(input: &str) -> Option<String> {
    let input = input.trim();
    if input.is_empty() {
        return Some(String::new());
    }
    let digits: String = input.chars().filter(|c| *c != '-').collect();
    let well_placed = !input.contains('-') || (input.len() == 10 && input.find('-') == Some(2));
    (digits.len() == 9 && digits.chars().all(|c| c.is_ascii_digit()) && well_placed)
        .then(|| format!("{}-{}", &digits[..2], &digits[2..]))
}

/// A complete filer with the default parameters, for unit tests.
#[cfg(test)]
pub(crate) fn example() -> ComplianceSettings {
    ComplianceSettings {
        legal_name: "Pitboss Gaming LLC".into(),
        ein: "12-3456789".into(),
        address_line: "1 Casino Way".into(),
        city: "Las Vegas".into(),
        region: "NV".into(),
        postal_code: "89109".into(),
        structuring_margin_percent: 10,
        structuring_window_days: 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ComplianceSettings {
        ComplianceSettings { legal_name: " Pitboss Gaming LLC ".into(), ein: "123456789".into(), ..example() }
    }

    #[test]
    fn a_valid_form_is_trimmed_and_its_ein_written_with_the_dash() {
        let valid = validate(&settings()).expect("valid");
        assert_eq!(valid.legal_name, "Pitboss Gaming LLC");
        assert_eq!(valid.ein, "12-3456789");
        assert!(valid.filer_missing().is_empty());
        assert_eq!(valid.address(), "1 Casino Way, Las Vegas NV 89109");
    }

    #[test]
    fn eins_are_nine_digits_with_the_dash_after_two() {
        assert_eq!(normalize_ein("12-3456789").as_deref(), Some("12-3456789"));
        assert_eq!(normalize_ein("").as_deref(), Some(""));
        for bad in ["1-23456789", "12345678", "1234567890", "12-34567a9", "12--3456789", "123-456-789"] {
            assert_eq!(normalize_ein(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_wrong_field_is_reported_and_empty_ones_are_flagged_not_refused() {
        let bad = ComplianceSettings {
            legal_name: "x".repeat(201),
            ein: "12-345".into(),
            city: "Las\u{7}Vegas".into(),
            structuring_margin_percent: 0,
            structuring_window_days: 8,
            ..settings()
        };
        let fields: Vec<String> = validate(&bad).expect_err("invalid").into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["legal_name", "city", "ein", "structuring_margin_percent", "structuring_window_days"]);
        let empty = ComplianceSettings { legal_name: String::new(), ein: String::new(), ..settings() };
        assert_eq!(validate(&empty).expect("valid").filer_missing(), ["legal_name", "ein"]);
    }
}
