//! Reading a CSV of members to enrol.
//!
//! Its header, each row checked as the enrolment form is, and rows that repeat an earlier one. Whether a row
//! repeats a player already enrolled is the database's to say.
//!
//! The file has a header naming its columns, in any order: `first_name`, `last_name`, `birth_date`
//! (`YYYY-MM-DD`) and, optionally, `member_number` (the casino's own number for the member). Fields may be
//! quoted (`"Smith, Jr."`, with `""` for a quote); lines end in LF or CRLF; blank lines are skipped.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::plausible_birth_date;
use crate::error::ErrorCode;

/// The most rows one file may hold.
pub const MAX_ROWS: usize = 20_000;
/// The longest member number.
pub const MAX_MEMBER_NUMBER: usize = 40;

/// One row ready to enrol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// Its line in the file (the header is line 1).
    pub line: usize,
    /// First name, trimmed.
    pub first_name: String,
    /// Last name, trimmed.
    pub last_name: String,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// The casino's member number, if the file has one for them.
    pub member_number: Option<String>,
}

impl ImportRow {
    /// What makes two rows the same person: the name (ignoring case) and birth date.
    pub fn person(&self) -> (String, String, NaiveDate) {
        (self.first_name.to_lowercase(), self.last_name.to_lowercase(), self.birth_date)
    }
}

/// Something wrong with one field of one line (line 1 and field "" for the header or the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The line.
    pub line: usize,
    /// The column, as the header names it.
    pub field: String,
    /// What is wrong.
    pub code: ErrorCode,
}

/// A row skipped because it repeats another: an earlier row of the file, or a player already enrolled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The row's line.
    pub line: usize,
    /// "First Last".
    pub name: String,
    /// Why: the earlier line it repeats, or none for a player already enrolled.
    pub repeats_line: Option<usize>,
    /// Whether the member number, rather than the name and birth date, is what repeats.
    pub by_member_number: bool,
}

/// What importing a file would do, shown before anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// Rows that would be enrolled.
    pub ready: usize,
    /// Rows that would be skipped: repeats within the file, or players already enrolled.
    pub duplicates: Vec<Duplicate>,
    /// Everything wrong, by line: the import refuses the file while there is any.
    pub problems: Vec<RowProblem>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportResult {
    /// Players enrolled.
    pub imported: usize,
    /// Rows skipped as duplicates.
    pub duplicates: Vec<Duplicate>,
}

/// Who imports members: admins.
pub fn may_import(role: crate::casino::StaffRole) -> bool {
    role == crate::casino::StaffRole::Admin
}

/// A file read: the rows to enrol, the rows that repeat earlier ones, and every problem found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Rows that are valid and new within the file.
    pub rows: Vec<ImportRow>,
    /// Rows that repeat an earlier row of the file.
    pub duplicates: Vec<Duplicate>,
    /// Everything wrong, by line; nothing is written while there is any.
    pub problems: Vec<RowProblem>,
}

const COLUMNS: [&str; 4] = ["first_name", "last_name", "birth_date", "member_number"];

impl Parsed {
    /// Moves the rows at `lines` (players already enrolled; `by_member_number` per line) to the duplicates.
    pub fn enrolled_already(&mut self, lines: &HashMap<usize, bool>) {
        let (repeats, rows): (Vec<ImportRow>, Vec<ImportRow>) =
            std::mem::take(&mut self.rows).into_iter().partition(|row| lines.contains_key(&row.line));
        self.rows = rows;
        self.duplicates.extend(repeats.into_iter().map(|row| Duplicate {
            line: row.line,
            name: format!("{} {}", row.first_name, row.last_name),
            repeats_line: None,
            by_member_number: lines.get(&row.line).copied().unwrap_or(false),
        }));
        self.duplicates.sort_by_key(|duplicate| duplicate.line);
    }

    /// The preview of importing it.
    pub fn preview(&self) -> ImportPreview {
        ImportPreview { ready: self.rows.len(), duplicates: self.duplicates.clone(), problems: self.problems.clone() }
    }
}

/// Reads `csv`, checking birth dates against `today` (at least 18 years old, born 1900 or later).
pub fn parse(csv: &str, today: NaiveDate) -> Parsed {
    let mut parsed = Parsed::default();
    let mut lines = records(csv.strip_prefix('\u{feff}').unwrap_or(csv)).into_iter();
    let Some((_, header)) = lines.next() else {
        parsed.problems.push(problem(1, "", ErrorCode::ImportEmpty));
        return parsed;
    };
    let Some(columns) = read_header(&header, &mut parsed.problems) else {
        return parsed;
    };
    let (mut people, mut numbers) = (HashMap::new(), HashMap::new());
    for (line, fields) in lines {
        if parsed.rows.len() + parsed.duplicates.len() >= MAX_ROWS {
            parsed.problems.push(problem(line, "", ErrorCode::ImportTooManyRows));
            break;
        }
        if fields.len() != header.len() {
            parsed.problems.push(problem(line, "", ErrorCode::ImportRowShape));
            continue;
        }
        let Some(row) = read_row(line, &fields, &columns, today, &mut parsed.problems) else {
            continue;
        };
        let earlier_number = row.member_number.as_ref().and_then(|number| numbers.get(number).copied());
        let earlier = people.get(&row.person()).copied().or(earlier_number);
        if let Some(repeats) = earlier {
            let by_member_number = !people.contains_key(&row.person());
            let name = format!("{} {}", row.first_name, row.last_name);
            parsed.duplicates.push(Duplicate { line, name, repeats_line: Some(repeats), by_member_number });
            continue;
        }
        people.insert(row.person(), line);
        if let Some(number) = &row.member_number {
            numbers.insert(number.clone(), line);
        }
        parsed.rows.push(row);
    }
    parsed
}

/// Where each known column is in a row.
struct Columns {
    first_name: usize,
    last_name: usize,
    birth_date: usize,
    member_number: Option<usize>,
}

fn read_header(header: &[String], problems: &mut Vec<RowProblem>) -> Option<Columns> {
    let names: Vec<String> = header.iter().map(|name| name.trim().to_lowercase().replace([' ', '-'], "_")).collect();
    let position = |column: &str| names.iter().position(|name| name == column);
    for name in names.iter().filter(|name| !COLUMNS.contains(&name.as_str())) {
        problems.push(problem(1, name, ErrorCode::ImportUnknownColumn));
    }
    for column in &COLUMNS[..3] {
        if position(column).is_none() {
            problems.push(problem(1, column, ErrorCode::ImportMissingColumn));
        }
    }
    Some(Columns {
        first_name: position("first_name")?,
        last_name: position("last_name")?,
        birth_date: position("birth_date")?,
        member_number: position("member_number"),
    })
    .filter(|_| problems.is_empty())
}

fn read_row(
    line: usize,
    fields: &[String],
    columns: &Columns,
    today: NaiveDate,
    problems: &mut Vec<RowProblem>,
) -> Option<ImportRow> {
    let before = problems.len();
    let mut name = |column: usize, field: &str| {
        let name = fields[column].trim();
        if !(1..=100).contains(&name.chars().count()) || name.chars().any(char::is_control) {
            problems.push(problem(line, field, ErrorCode::PlayerInvalidName));
        }
        name.to_owned()
    };
    let (first_name, last_name) = (name(columns.first_name, "first_name"), name(columns.last_name, "last_name"));
    let birth_date = NaiveDate::parse_from_str(fields[columns.birth_date].trim(), "%Y-%m-%d")
        .ok()
        .filter(|born| plausible_birth_date(*born, today));
    if birth_date.is_none() {
        problems.push(problem(line, "birth_date", ErrorCode::PlayerInvalidBirthDate));
    }
    let member_number =
        columns.member_number.map(|column| fields[column].trim().to_owned()).filter(|number| !number.is_empty());
    if member_number.as_deref().is_some_and(|number| !valid_member_number(number)) {
        problems.push(problem(line, "member_number", ErrorCode::ImportInvalidMemberNumber));
    }
    let birth_date = birth_date?;
    (problems.len() == before).then_some(ImportRow { line, first_name, last_name, birth_date, member_number })
}

/// Letters, digits and dashes, at most [`MAX_MEMBER_NUMBER`].
pub fn valid_member_number(number: &str) -> bool {
    number.len() <= MAX_MEMBER_NUMBER && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn problem(line: usize, field: &str, code: ErrorCode) -> RowProblem {
    RowProblem { line, field: field.to_owned(), code }
}

/// The file's non-blank records with their first line numbers, fields unquoted.
fn records(csv: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let (mut fields, mut field) = (Vec::new(), String::new());
    let (mut line, mut starts, mut quoted, mut was_quoted) = (1, 1, false, false);
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.trim().is_empty() && !was_quoted => {
                field.clear();
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.trim().is_empty()) || fields.len() > 1 {
                    records.push((starts, std::mem::take(&mut fields)));
                }
                fields.clear();
                was_quoted = false;
                line += 1;
                starts = line;
            }
            (_, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    fields.push(field);
    if fields.iter().any(|f| !f.trim().is_empty()) || fields.len() > 1 {
        records.push((starts, fields));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).expect("a date")
    }

    fn lines(parsed: &Parsed) -> Vec<usize> {
        parsed.rows.iter().map(|row| row.line).collect()
    }

    #[test]
    fn rows_are_read_by_the_header_in_any_order_with_quotes_and_crlf() {
        let csv = "\u{feff}Birth Date,last_name,First-Name,member_number\r\n\
                   1970-01-02,\"Smith, Jr.\",Ana,M-100\r\n\
                   \r\n\
                   1980-05-06,\"O\"\"Neil\",Bo,\n";
        let parsed = parse(csv, today());
        assert_eq!(parsed.problems, []);
        assert_eq!(lines(&parsed), [2, 4]);
        assert_eq!(parsed.rows[0].last_name, "Smith, Jr.");
        assert_eq!(parsed.rows[0].member_number.as_deref(), Some("M-100"));
        assert_eq!((parsed.rows[1].last_name.as_str(), parsed.rows[1].member_number.as_deref()), ("O\"Neil", None));
    }

    #[test]
    fn every_bad_field_is_reported_at_its_line_and_column() {
        let csv = "first_name,last_name,birth_date,member_number\n\
                   ,Lee,1970-01-01,\n\
                   Ann,Lee,2015-01-01,\n\
                   Ann,Lee,01/02/1970,x y\n\
                   Ann,Lee\n\
                   Ann,Lee,1970-01-01,ok-1\n";
        let parsed = parse(csv, today());
        let found: Vec<(usize, &str, ErrorCode)> =
            parsed.problems.iter().map(|p| (p.line, p.field.as_str(), p.code)).collect();
        assert_eq!(
            found,
            [
                (2, "first_name", ErrorCode::PlayerInvalidName),
                (3, "birth_date", ErrorCode::PlayerInvalidBirthDate),
                (4, "birth_date", ErrorCode::PlayerInvalidBirthDate),
                (4, "member_number", ErrorCode::ImportInvalidMemberNumber),
                (5, "", ErrorCode::ImportRowShape),
            ]
        );
        assert_eq!(lines(&parsed), [6]);
    }

    #[test]
    fn a_header_must_name_the_columns_it_needs_and_no_others() {
        let parsed = parse("first_name,surname,birth_date\nAnn,Lee,1970-01-01\n", today());
        let found: Vec<(&str, ErrorCode)> = parsed.problems.iter().map(|p| (p.field.as_str(), p.code)).collect();
        assert_eq!(found, [("surname", ErrorCode::ImportUnknownColumn), ("last_name", ErrorCode::ImportMissingColumn)]);
        assert!(parsed.rows.is_empty());
        assert_eq!(parse("  \n\n", today()).problems, [problem(1, "", ErrorCode::ImportEmpty)]);
    }

    #[test]
    fn a_row_repeating_an_earlier_one_is_a_duplicate_not_an_error() {
        let csv = "first_name,last_name,birth_date,member_number\n\
                   Ann,Lee,1970-01-01,A1\n\
                   ANN, lee ,1970-01-01,\n\
                   Bo,Chan,1971-01-01,A1\n\
                   Ann,Lee,1970-01-02,\n";
        let parsed = parse(csv, today());
        assert_eq!(parsed.problems, []);
        assert_eq!(lines(&parsed), [2, 5], "another birth date is another person");
        let repeats: Vec<_> = parsed.duplicates.iter().map(|d| (d.line, d.repeats_line, d.by_member_number)).collect();
        assert_eq!(repeats, [(3, Some(2), false), (4, Some(2), true)]);
    }

    #[test]
    fn a_file_stops_at_the_row_limit() {
        let mut csv = String::from("first_name,last_name,birth_date\n");
        for n in 0..=MAX_ROWS {
            csv.push_str(&format!("Ann,Lee{n},1970-01-01\n"));
        }
        let parsed = parse(&csv, today());
        assert_eq!(parsed.rows.len(), MAX_ROWS);
        assert_eq!(parsed.problems, [problem(MAX_ROWS + 2, "", ErrorCode::ImportTooManyRows)]);
    }
}
