//! Cells of the CSV files pitboss exports (RFC 4180), written so a spreadsheet opens them as data.

use crate::money::{Cents, format_hundredths};

/// Dollars with cents (`1234.50`); empty for an unknown figure.
pub fn dollars(cents: Option<Cents>) -> String {
    cents.map(|c| format_hundredths(c.0)).unwrap_or_default()
}

/// A quoted text cell. A leading `=`, `+`, `-` or `@` would make a spreadsheet run it as a formula, so such
/// text is prefixed with `'`.
pub fn text(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// One line of cells, CRLF-terminated.
pub fn line(cells: &[String]) -> String {
    format!("{}\r\n", cells.join(","))
}
