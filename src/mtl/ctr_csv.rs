//! A gaming day's CTR worksheets as CSV, one row per patron.
//!
//! What a compliance officer copies into FinCEN's
//! Form 112 or hands to the e-filing tool. Numbers appear by their last four only: the full ones are revealed,
//! audited, on the patron's page, and a spreadsheet left in a downloads folder must not hold them.

use super::ctr::CtrDay;
use crate::csv::{dollars, line, text};
use crate::finance::Direction;

/// The header row, in the order of every row.
pub const CSV_HEADER: &str = "gaming_day,due_on,filer_legal_name,filer_ein,filer_address,last_name,first_name,\
                              birth_date,address,city,region,postal_code,country,occupation,id_type,id_issuer,\
                              id_number_last4,id_expires,tin_last4,cash_in,cash_out,cash_in_entries,\
                              cash_out_entries,missing,filed_on,bsa_reference";

/// The day's worksheets as CSV (RFC 4180, CRLF line ends), by last name; money in dollars, reversals counted
/// against their direction as in the totals. A day without worksheets is the header alone.
pub fn ctr_csv(day: &CtrDay) -> String {
    let mut csv = format!("{CSV_HEADER}\r\n");
    let filer = &day.filer;
    for w in &day.worksheets {
        let id = &w.identification;
        let entries = |direction| w.transactions.iter().filter(|t| t.direction == direction).count().to_string();
        let cells = [
            day.gaming_day.to_string(),
            day.due_on.to_string(),
            text(&filer.legal_name),
            text(&filer.ein),
            text(&filer.address()),
            text(&w.last_name),
            text(&w.first_name),
            w.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            text(&id.address_line),
            text(&id.city),
            text(&id.region),
            text(&id.postal_code),
            text(&id.country),
            text(&id.occupation),
            text(id.id_type.map(|t| t.label()).unwrap_or_default()),
            text(&id.id_issuer),
            text(id.id_number_last4.as_deref().unwrap_or_default()),
            id.id_expires.map(|d| d.to_string()).unwrap_or_default(),
            text(id.tin_last4.as_deref().unwrap_or_default()),
            dollars(Some(w.cash_in)),
            dollars(Some(w.cash_out)),
            entries(Direction::In),
            entries(Direction::Out),
            text(&w.missing.join(" ")),
            w.filing.as_ref().map(|f| f.filed_on.to_string()).unwrap_or_default(),
            text(w.filing.as_ref().map(|f| f.reference.as_str()).unwrap_or_default()),
        ];
        csv.push_str(&line(&cells));
    }
    csv
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::casino::ComplianceSettings;
    use crate::money::Cents;
    use crate::mtl::Thresholds;
    use crate::mtl::ctr::{CtrFiling, CtrWorksheet};
    use crate::player::PlayerId;
    use crate::player::identification::Identification;

    #[test]
    fn one_row_per_patron_with_the_header_and_formulas_defused() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date");
        let player = PlayerId(uuid::Uuid::nil());
        let day = CtrDay {
            gaming_day: date,
            due_on: crate::mtl::ctr::due_on(date),
            thresholds: Thresholds { watchlist_floor: Cents(300_000), ctr_threshold: Cents(1_000_000) },
            filer: ComplianceSettings {
                legal_name: "Casino \"One\" LLC".into(),
                ..crate::casino::compliance::example()
            },
            worksheets: vec![CtrWorksheet {
                player_id: player,
                first_name: "=HYPERLINK()".into(),
                last_name: "Cruz".into(),
                birth_date: None,
                identification: Identification::empty(player),
                missing: vec!["birth_date".into(), "occupation".into()],
                cash_in: Cents(1_050_000),
                cash_out: Cents(0),
                transactions: Vec::new(),
                filing: Some(CtrFiling {
                    filed_on: date,
                    reference: "BSA-1".into(),
                    staff_name: "Casey Ortiz".into(),
                    recorded_at: chrono::DateTime::UNIX_EPOCH,
                }),
            }],
        };
        let csv = ctr_csv(&day);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 3, "header, one row, and the final line end");
        assert_eq!(lines[0], CSV_HEADER);
        assert!(lines[1].starts_with("2026-12-06,2026-12-21,\"Casino \"\"One\"\" LLC\",\"12-3456789\""));
        assert!(lines[1].contains("\"Cruz\",\"'=HYPERLINK()\""));
        assert!(lines[1].contains(",10500.00,0.00,0,0,\"birth_date occupation\",2026-12-06,\"BSA-1\""));
    }
}
