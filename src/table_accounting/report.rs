//! The shift report as CSV: one row per table, one per pit and one for the casino, money in dollars.

use std::fmt::Write as _;

use super::model::{DayAccounting, Rollup};
use crate::csv::{dollars, text};
use crate::money::format_hundredths;

/// The header row, in the order of every row.
pub const CSV_HEADER: &str = "gaming_day,pit,table,opening,fills,credits,drop,closing,win,hold_pct,rated_theo,\
                              rated_players,points_issued,rated_drop,coverage_pct";

/// The day's accounting as CSV (RFC 4180, CRLF line ends).
///
/// Tables by pit and label, then each pit's and the casino's sums (`All tables`, `All pits`). Unknown figures (no drop yet, so no win) are empty cells.
pub fn shift_csv(day: &DayAccounting) -> String {
    let mut csv = format!("{CSV_HEADER}\r\n");
    let date = day.gaming_day.to_string();
    for t in &day.tables {
        let cells = [
            date.clone(),
            text(&t.pit),
            text(&t.label),
            dollars(Some(t.opening)),
            dollars(Some(t.fills)),
            dollars(Some(t.credits)),
            dollars(t.drop),
            dollars(Some(t.closing)),
            dollars(t.win),
            t.hold_bps.map(format_hundredths).unwrap_or_default(),
            dollars(Some(t.theo)),
            t.rated_players.to_string(),
            t.points_issued.to_string(),
            dollars(Some(t.rated_drop)),
            t.coverage_bps.map(format_hundredths).unwrap_or_default(),
        ];
        let _ = write!(csv, "{}\r\n", cells.join(","));
    }
    for pit in day.pits.iter().chain(std::iter::once(&day.casino)) {
        let _ = write!(csv, "{}\r\n", rollup_row(&date, pit).join(","));
    }
    csv
}

fn rollup_row(date: &str, r: &Rollup) -> [String; 15] {
    let (pit, table) = match &r.pit {
        Some(pit) => (text(pit), text("All tables")),
        None => (text("All pits"), text("All tables")),
    };
    [
        date.to_owned(),
        pit,
        table,
        String::new(),
        dollars(Some(r.fills)),
        dollars(Some(r.credits)),
        dollars(Some(r.drop)),
        String::new(),
        dollars(Some(r.win)),
        r.hold_bps.map(format_hundredths).unwrap_or_default(),
        dollars(Some(r.theo)),
        String::new(),
        String::new(),
        dollars(Some(r.rated_drop)),
        r.coverage_bps.map(format_hundredths).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::money::Cents;
    use crate::table_accounting::TableDay;
    use crate::table_context::TableId;

    #[test]
    fn tables_then_pits_then_the_casino_with_unknown_figures_left_empty() {
        let table = |label: &str, drop: Option<i64>, win: Option<i64>, hold: Option<i64>| TableDay {
            table_id: TableId(uuid::Uuid::nil()),
            label: label.to_owned(),
            pit: "Main".to_owned(),
            periods: 1,
            opening: Cents(350_000),
            closing: Cents(945_000),
            fills: Cents(150_000),
            credits: Cents(50_000),
            drop_cash: drop.map(Cents),
            drop_markers: drop.map(|_| Cents(0)),
            drop: drop.map(Cents),
            win: win.map(Cents),
            hold_bps: hold,
            theo: Cents(12_345),
            rated_players: 3,
            points_issued: 40,
            rated_drop: Cents(drop.map_or(20_000, |d| d / 5)),
            coverage_bps: drop.map(|_| 2_000),
        };
        let tables = vec![
            table("BJ-01", Some(1_500_000), Some(1_275_000), Some(8_500)),
            table("=cmd|' /C calc'!A0", None, None, None),
        ];
        let (pits, casino) = crate::table_accounting::rules::rollups(&tables);
        let gaming_day = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
        let day = DayAccounting { gaming_day, tables, pits, casino, shifts: Vec::new() };
        let csv = shift_csv(&day);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(
            lines[1],
            "2026-06-10,\"Main\",\"BJ-01\",3500.00,1500.00,500.00,15000.00,9450.00,12750.00,85.00,123.45,3,40,3000.00,20.00"
        );
        assert_eq!(
            lines[2],
            "2026-06-10,\"Main\",\"'=cmd|' /C calc'!A0\",3500.00,1500.00,500.00,,9450.00,,,123.45,3,40,200.00,"
        );
        // The rated drop of the table still waiting for its drop stays out of the sums' coverage.
        assert_eq!(
            lines[3],
            "2026-06-10,\"Main\",\"All tables\",,3000.00,1000.00,15000.00,,12750.00,85.00,246.90,,,3000.00,20.00"
        );
        assert_eq!(
            lines[4],
            "2026-06-10,\"All pits\",\"All tables\",,3000.00,1000.00,15000.00,,12750.00,85.00,246.90,,,3000.00,20.00"
        );
        assert_eq!((lines.len(), lines[5]), (6, ""), "every row ends with CRLF");
        assert!(lines.iter().all(|l| l.is_empty() || l.split(',').count() >= 15));
    }
}
