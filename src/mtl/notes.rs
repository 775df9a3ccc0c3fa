//! Compliance notes on the MTL: an officer annotates a row, or a patron's gaming day. Append-only.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{MtlNote, MtlNoteId, NewMtlNote, NoteTarget};
use super::notes_repo::{self, NoteRow};
use super::{Error, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::error::{ErrorCode, FieldError};
use crate::live::Entity;

/// Appends a note to an MTL row or to a patron's gaming day.
///
/// Compliance and admins (`FORBIDDEN`); 1 to 1,000 characters, line breaks allowed (`VALIDATION_FAILED` with
/// `MTL_INVALID_NOTE` at `note`), about today's gaming day or an earlier one (`MTL_INVALID_DAY`); a row of
/// another casino, or a patron not enrolled here, is `NOT_FOUND`.
/// Writes `mtl_audit_note.created`, which the compliance page follows.
pub async fn add_note(conn: &mut PgConnection, actor: &Actor, new: &NewMtlNote) -> Result<MtlNote, Error> {
    if !rules::may_annotate(actor.role) {
        return Err(Error::Forbidden);
    }
    if !rules::valid_note(&new.note) {
        return Err(Error::InvalidNote(vec![FieldError::new("note", ErrorCode::MtlInvalidNote)]));
    }
    let (mtl_entry_id, player_id, gaming_day) = match new.target {
        NoteTarget::Entry { mtl_entry_id } => {
            let (player, day) =
                notes_repo::entry_day(conn, actor.casino_id, mtl_entry_id).await?.ok_or(Error::NotFound)?;
            (Some(mtl_entry_id), player, day)
        }
        NoteTarget::PatronDay { player_id, gaming_day } => {
            if gaming_day > crate::casino::today(conn, actor).await? {
                return Err(Error::InvalidNote(vec![FieldError::new("gaming_day", ErrorCode::MtlInvalidDay)]));
            }
            (None, player_id, gaming_day)
        }
    };
    let row = NoteRow {
        id: MtlNoteId(Uuid::new_v4()),
        mtl_entry_id,
        player_id,
        gaming_day,
        note: new.note.trim(),
        staff_id: actor.staff_id,
    };
    notes_repo::insert(conn, actor.casino_id, &row).await.map_err(|e| match &e {
        // The patron is not enrolled at the actor's casino (or does not exist).
        sqlx::Error::Database(db) if db.constraint() == Some("mtl_audit_note_enrollment_fkey") => Error::NotFound,
        _ => Error::Db(e),
    })?;
    let note = notes_repo::notes(conn, actor.casino_id, &[], None, Some(row.id)).await?.pop().ok_or(Error::NotFound)?;
    let entry = AuditEntry::new("mtl_audit_note.created", Entity::MtlAuditNote, row.id.0).after(json!(note));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(note)
}
