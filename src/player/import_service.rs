//! Importing members from a CSV: a preview that writes nothing, then the import in one transaction.

use serde_json::json;
use sqlx::PgConnection;

use super::import::{self, ImportPreview, ImportResult, Parsed};
use super::{Error, import_repo, repo};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::error::FieldError;
use crate::live::Entity;

/// What importing `csv` would do; writes nothing.
///
/// The rows ready, the duplicates that would be skipped (repeats within the file and players already
/// enrolled) and every problem by line. Admins only (`FORBIDDEN`).
pub async fn preview_import(conn: &mut PgConnection, actor: &Actor, csv: &str) -> Result<ImportPreview, Error> {
    Ok(read(conn, actor, csv).await?.preview())
}

/// Enrolls the members of `csv` at the actor's casino, all in the caller's transaction, skipping duplicates.
///
/// Admins only (`FORBIDDEN`). A file with any problem writes nothing: `IMPORT_INVALID` with one field error
/// per problem, named `line:column` (`4:birth_date`). Writes one `player.imported` audit row with the new
/// players' ids and the lines skipped.
pub async fn import_players(conn: &mut PgConnection, actor: &Actor, csv: &str) -> Result<ImportResult, Error> {
    let parsed = read(conn, actor, csv).await?;
    if !parsed.problems.is_empty() {
        let fields = parsed
            .problems
            .iter()
            .map(|problem| FieldError::new(format!("{}:{}", problem.line, problem.field), problem.code))
            .collect();
        return Err(Error::InvalidImport(fields));
    }
    let ids = import_repo::enroll_all(conn, actor.casino_id, &parsed.rows, actor.staff_id).await?;
    let skipped: Vec<usize> = parsed.duplicates.iter().map(|duplicate| duplicate.line).collect();
    let entry = AuditEntry::without_id("player.imported", Entity::Player)
        .after(json!({ "imported": ids.len(), "player_ids": ids, "duplicate_lines": skipped }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(ImportResult { imported: ids.len(), duplicates: parsed.duplicates })
}

/// The file read and checked against today and the players already enrolled.
async fn read(conn: &mut PgConnection, actor: &Actor, csv: &str) -> Result<Parsed, Error> {
    if !import::may_import(actor.role) {
        return Err(Error::Forbidden);
    }
    let today = repo::local_today(conn, actor.casino_id).await?.ok_or(Error::NotFound)?;
    let mut parsed = import::parse(csv, today);
    let enrolled = import_repo::enrolled_lines(conn, actor.casino_id, &parsed.rows).await?;
    parsed.enrolled_already(&enrolled);
    Ok(parsed)
}
