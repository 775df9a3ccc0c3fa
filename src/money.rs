//! Money as integer cents, from the form field to the database; dollars exist only when rendering.

use serde::{Deserialize, Serialize};

/// An amount of US money in cents. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(transparent))]
pub struct Cents(pub i64);

/// Why a typed dollar amount could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseCentsError {
    /// Nothing was typed.
    #[error("enter an amount")]
    Empty,
    /// Not a number of dollars with at most two decimals.
    #[error("enter dollars and cents, for example 3,000.00")]
    Malformed,
    /// Larger than the system can hold.
    #[error("the amount is too large")]
    TooLarge,
}

impl Cents {
    /// Reads a dollar amount as typed by a person: `3000`, `3,000.5`, `$3,000.50`. At most two decimals;
    /// a leading minus is allowed so callers can reject it with their own rule.
    pub fn parse_dollars(input: &str) -> Result<Self, ParseCentsError> {
        parse_hundredths(input).map(Self)
    }

    /// Whether the amount is above zero.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// Renders whole dollars without cents, as table limit signs do: `$25,000` (but `$12.50` when there are
    /// cents).
    pub fn short(self) -> String {
        if self.0 % 100 == 0 {
            let sign = if self.0 < 0 { "-" } else { "" };
            format!("{sign}${}", group_thousands(self.0.unsigned_abs() / 100))
        } else {
            self.to_string()
        }
    }
}

/// Reads a decimal with at most two places as a count of hundredths: `"1.5"` is 150.
///
/// Dollars to cents, a house edge in percent to basis points, a multiplier to hundredths. Thousands
/// separators, a leading minus and (for money) a `$` are allowed; callers apply their own range rules.
pub fn parse_hundredths(input: &str) -> Result<i64, ParseCentsError> {
    let trimmed = input.trim();
    let (negative, rest) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let digits: String = rest.trim_start_matches('$').chars().filter(|c| *c != ',').collect();
    if digits.is_empty() {
        return Err(ParseCentsError::Empty);
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 2 {
        return Err(ParseCentsError::Malformed);
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| ParseCentsError::TooLarge)? };
    let fraction: i64 = format!("{fraction:0<2}").parse().map_err(|_| ParseCentsError::Malformed)?;
    let hundredths = whole.checked_mul(100).and_then(|c| c.checked_add(fraction)).ok_or(ParseCentsError::TooLarge)?;
    Ok(if negative { -hundredths } else { hundredths })
}

/// Writes hundredths as a plain decimal with two places: 150 is `1.50` (for input boxes and percentages).
pub fn format_hundredths(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

impl std::fmt::Display for Cents {
    /// Renders as `$3,000.00` (or `-$12.50`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}${}.{:02}", group_thousands(abs / 100), abs % 100)
    }
}

/// Writes a count the way the floor reads it: `5,000`, `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("3000", 300_000)]
    #[case("3,000", 300_000)]
    #[case("$3,000.50", 300_050)]
    #[case("  10.5 ", 1_050)]
    #[case(".75", 75)]
    #[case("0", 0)]
    #[case("-12.5", -1_250)]
    fn parses_what_people_type(#[case] input: &str, #[case] cents: i64) {
        assert_eq!(Cents::parse_dollars(input), Ok(Cents(cents)));
    }

    #[rstest]
    #[case("", ParseCentsError::Empty)]
    #[case("$", ParseCentsError::Empty)]
    #[case("12.345", ParseCentsError::Malformed)]
    #[case("1e3", ParseCentsError::Malformed)]
    #[case("12.3.4", ParseCentsError::Malformed)]
    #[case(".", ParseCentsError::Malformed)]
    #[case("99999999999999999999", ParseCentsError::TooLarge)]
    fn refuses_what_is_not_an_amount(#[case] input: &str, #[case] error: ParseCentsError) {
        assert_eq!(Cents::parse_dollars(input), Err(error));
    }

    #[rstest]
    #[case(0, "$0.00")]
    #[case(5, "$0.05")]
    #[case(300_000, "$3,000.00")]
    #[case(100_000_000, "$1,000,000.00")]
    #[case(-1_250, "-$12.50")]
    fn renders_as_dollars(#[case] cents: i64, #[case] text: &str) {
        assert_eq!(Cents(cents).to_string(), text);
    }

    #[rstest]
    #[case(2_500_000, "$25,000")]
    #[case(1_250, "$12.50")]
    #[case(-500, "-$5")]
    fn limits_read_like_table_signs(#[case] cents: i64, #[case] text: &str) {
        assert_eq!(Cents(cents).short(), text);
    }

    #[rstest]
    #[case("0.75", 75)]
    #[case("5.26", 526)]
    #[case("1.5", 150)]
    #[case("100", 10_000)]
    fn decimals_read_as_hundredths(#[case] input: &str, #[case] hundredths: i64) {
        assert_eq!(parse_hundredths(input), Ok(hundredths));
        assert_eq!(parse_hundredths(&format_hundredths(hundredths)), Ok(hundredths));
    }

    #[rstest]
    #[case(0, "0")]
    #[case(999, "999")]
    #[case(5_000, "5,000")]
    #[case(1_234_567, "1,234,567")]
    fn counts_are_grouped_by_thousands(#[case] n: u64, #[case] text: &str) {
        assert_eq!(group_thousands(n), text);
    }

    proptest! {
        #[test]
        fn rendering_then_parsing_gives_the_same_amount(cents in -1_000_000_000_000i64..1_000_000_000_000) {
            prop_assert_eq!(Cents::parse_dollars(&Cents(cents).to_string()), Ok(Cents(cents)));
        }
    }
}
