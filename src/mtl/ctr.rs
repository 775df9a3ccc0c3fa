//! The CTR worksheet, shared by the server and the browser.
//!
//! For a gaming day, each patron whose cash in or cash out passed the CTR threshold, with
//! what FinCEN Form 112 asks (the patron, their identification, the amounts and the transactions that make
//! them up, the filing casino), what is missing, and whether it was filed.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::Thresholds;
use crate::casino::ComplianceSettings;
use crate::finance::{Direction, FinanceTxnId, Source};
use crate::money::Cents;
use crate::player::PlayerId;
use crate::player::identification::Identification;

/// A CTR is due within 15 calendar days of the gaming day (31 CFR 1021.311).
pub const FILING_DAYS: u64 = 15;
/// An unfiled worksheet this many days old is shown as urgent: five days are left.
pub const URGENT_AFTER_DAYS: i64 = 10;

/// One cash transaction, as a worksheet or the structuring watch lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashEntry {
    /// The finance entry.
    pub id: FinanceTxnId,
    /// The patron.
    pub player_id: PlayerId,
    /// Its gaming day.
    pub gaming_day: NaiveDate,
    /// In or out.
    pub direction: Direction,
    /// Pit or cage.
    pub source: Source,
    /// The amount.
    pub amount: Cents,
    /// Whether it reverses an earlier entry (and so takes its amount back off the day's total).
    pub is_reversal: bool,
    /// Whether a later entry reverses it.
    pub reversed: bool,
    /// Who recorded it.
    pub staff_name: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl CashEntry {
    /// What it adds to its day's total in its direction.
    pub fn signed(&self) -> i64 {
        if self.is_reversal { -self.amount.0 } else { self.amount.0 }
    }
}

/// A CTR marked filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CtrFiling {
    /// The date FinCEN received it.
    pub filed_on: NaiveDate,
    /// The BSA identifier FinCEN gave it, if entered.
    pub reference: String,
    /// Who marked it filed ("First Last").
    pub staff_name: String,
    /// When they did.
    pub recorded_at: DateTime<Utc>,
}

/// One patron's worksheet for one gaming day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CtrWorksheet {
    /// The patron.
    pub player_id: PlayerId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Date of birth, if on file.
    pub birth_date: Option<NaiveDate>,
    /// Their identification, numbers by their last four.
    pub identification: Identification,
    /// The fields Form 112 needs that are not on file (the patron's, then the filer's as `casino.<field>`).
    pub missing: Vec<String>,
    /// Cash in that day.
    pub cash_in: Cents,
    /// Cash out that day.
    pub cash_out: Cents,
    /// The cash transactions that make up both totals, oldest first.
    pub transactions: Vec<CashEntry>,
    /// The filing, once marked.
    pub filing: Option<CtrFiling>,
}

impl CtrWorksheet {
    /// Whether nothing Form 112 needs is missing.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// Where it stands: `filed`, `complete` (ready to file) or `incomplete`.
    pub fn state(&self) -> &'static str {
        match (&self.filing, self.is_complete()) {
            (Some(_), _) => "filed",
            (None, true) => "complete",
            (None, false) => "incomplete",
        }
    }
}

/// A gaming day's worksheets, with the filer and thresholds they were drawn up against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CtrDay {
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// The day a CTR of it is due by.
    pub due_on: NaiveDate,
    /// The casino's thresholds.
    pub thresholds: Thresholds,
    /// The filing casino.
    pub filer: ComplianceSettings,
    /// One per patron past the threshold either way, by last name.
    pub worksheets: Vec<CtrWorksheet>,
}

/// A worksheet not yet marked filed, of any recent gaming day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnfiledCtr {
    /// The patron.
    pub player_id: PlayerId,
    /// Their name.
    pub player_name: String,
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// The day it is due by.
    pub due_on: NaiveDate,
    /// Whether it is older than [`URGENT_AFTER_DAYS`].
    pub urgent: bool,
}

/// Marking a patron's CTR for a gaming day filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileCtr {
    /// The patron.
    pub player_id: PlayerId,
    /// The gaming day it reports.
    pub gaming_day: NaiveDate,
    /// The date FinCEN received it: on or after the gaming day, not after today.
    pub filed_on: NaiveDate,
    /// The BSA identifier, if FinCEN gave one yet: up to 100 letters, digits and dashes.
    #[serde(default)]
    pub reference: String,
}

/// The day a CTR of `gaming_day` is due by.
pub fn due_on(gaming_day: NaiveDate) -> NaiveDate {
    gaming_day.checked_add_days(Days::new(FILING_DAYS)).unwrap_or(gaming_day)
}

/// Whether an unfiled worksheet of `gaming_day` is urgent on `today`.
pub fn is_urgent(gaming_day: NaiveDate, today: NaiveDate) -> bool {
    (today - gaming_day).num_days() > URGENT_AFTER_DAYS
}

/// A BSA identifier as entered: trimmed, up to 100 letters, digits and dashes (empty for none yet).
pub fn valid_reference(reference: &str) -> bool {
    let reference = reference.trim();
    reference.chars().count() <= 100 && reference.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// How a reader names a field [`missing_fields`] lists: the patron's, then the filer's as "the casino's …".
pub fn missing_label(field: &str) -> String {
    match field.strip_prefix("casino.") {
        Some(filer) => format!("the casino's {}", crate::casino::compliance::field_label(filer)),
        None if field == "birth_date" => "date of birth".to_owned(),
        None => crate::player::identification::field_label(field).to_owned(),
    }
}

/// The fields a worksheet lacks: the patron's (birth date, then identification), then the filer's.
pub fn missing_fields(
    birth_date: Option<NaiveDate>,
    identification: &Identification,
    filer: &ComplianceSettings,
) -> Vec<String> {
    let mut missing: Vec<String> = Vec::new();
    if birth_date.is_none() {
        missing.push("birth_date".into());
    }
    missing.extend(identification.missing().into_iter().map(str::to_owned));
    missing.extend(filer.filer_missing().into_iter().map(|f| format!("casino.{f}")));
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a date")
    }

    #[test]
    fn a_ctr_is_due_fifteen_days_on_and_urgent_after_ten() {
        assert_eq!(due_on(day(1)), day(16));
        assert!(!is_urgent(day(1), day(11)));
        assert!(is_urgent(day(1), day(12)));
    }

    #[test]
    fn references_are_letters_digits_and_dashes() {
        assert!(valid_reference("") && valid_reference(" 31000123456789 ") && valid_reference("BSA-42"));
        assert!(!valid_reference("BSA 42") && !valid_reference(&"1".repeat(101)) && !valid_reference("=cmd"));
    }

    #[test]
    fn missing_fields_name_the_patron_first_then_the_filer() {
        let filer = ComplianceSettings { ein: String::new(), ..crate::casino::compliance::example() };
        let none = Identification::empty(PlayerId(uuid::Uuid::nil()));
        let missing = missing_fields(None, &none, &filer);
        assert_eq!(missing.first().map(String::as_str), Some("birth_date"));
        assert_eq!(missing.last().map(String::as_str), Some("casino.ein"));
        assert!(missing.contains(&"id_number".to_owned()));
    }
}
