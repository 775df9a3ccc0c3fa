//! SQL of compliance notes on the MTL.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{MtlEntryId, MtlNote, MtlNoteId};
use crate::casino::{CasinoId, StaffId};
use crate::player::PlayerId;

/// A note as it is written: what it is about, resolved to its patron and gaming day.
pub(super) struct NoteRow<'a> {
    pub id: MtlNoteId,
    pub mtl_entry_id: Option<MtlEntryId>,
    pub player_id: PlayerId,
    pub gaming_day: NaiveDate,
    pub note: &'a str,
    pub staff_id: StaffId,
}

/// The patron and gaming day of an MTL row of the casino, if it has one by that id.
pub(super) async fn entry_day(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    entry: MtlEntryId,
) -> sqlx::Result<Option<(PlayerId, NaiveDate)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"select player_id as "player_id: PlayerId", gaming_day from mtl_entry where casino_id = $1 and id = $2"#,
        casino_id.0,
        entry.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.player_id, r.gaming_day)))
}

/// Appends a note.
pub(super) async fn insert(conn: &mut PgConnection, casino_id: CasinoId, row: &NoteRow<'_>) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into mtl_audit_note (id, casino_id, mtl_entry_id, player_id, gaming_day, note, staff_id)
         values ($1, $2, $3, $4, $5, $6, $7)",
        row.id.0,
        casino_id.0,
        row.mtl_entry_id.map(|e| e.0),
        row.player_id.0,
        row.gaming_day,
        row.note,
        row.staff_id.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The notes on any of `entries`, on a patron's `day`, or the one note `only`; oldest first.
pub(super) async fn notes(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    entries: &[Uuid],
    day: Option<NaiveDate>,
    only: Option<MtlNoteId>,
) -> sqlx::Result<Vec<MtlNote>> {
    // language=PostgreSQL
    sqlx::query_as!(
        MtlNote,
        r#"select n.id as "id: MtlNoteId", n.mtl_entry_id as "mtl_entry_id: MtlEntryId",
                  n.player_id as "player_id: PlayerId", n.gaming_day, n.note,
                  s.first_name || ' ' || s.last_name as "staff_name!", n.created_at
           from mtl_audit_note n
           join staff s on s.casino_id = n.casino_id and s.id = n.staff_id
           where n.casino_id = $1
             and (n.mtl_entry_id = any($2) or (n.mtl_entry_id is null and n.gaming_day = $3) or n.id = $4)
           order by n.created_at, n.id"#,
        casino_id.0,
        entries,
        day,
        only.map(|id| id.0),
    )
    .fetch_all(conn)
    .await
}
