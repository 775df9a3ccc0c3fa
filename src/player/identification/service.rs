//! Keeping a patron's identification, and revealing its numbers to compliance.

use serde_json::json;
use sqlx::PgConnection;

use super::model::{Identification, IdentificationInput, RevealedNumbers};
use super::repo::{self, Sealed, Stored};
use super::rules;
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;
use crate::player::{Error, PlayerId};
use crate::sealing::{DataKeys, SealError};

/// The patron's identification at this casino, numbers by their last four; empty fields while none is on
/// file. Cashiers, compliance and admins (`FORBIDDEN`); a patron not enrolled here is `NOT_FOUND`.
pub async fn identification(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
) -> Result<Identification, Error> {
    if !rules::may_keep(actor.role) {
        return Err(Error::Forbidden);
    }
    Ok(current(conn, actor, player_id).await?.map_or_else(|| Identification::empty(player_id), |s| s.shown))
}

/// Records the patron's identification as the form has it; numbers sealed with the current data key.
///
/// Cashiers, compliance and admins (`FORBIDDEN`); every wrong field at once (`VALIDATION_FAILED`); a patron not
/// enrolled here is `NOT_FOUND`. A number left out keeps the one on file (resealed with the current key if an
/// earlier one sealed it); an empty one removes it. Writes `player_identification.updated`, with the masked
/// record before and after: no audit row holds a number.
pub async fn update_identification(
    conn: &mut PgConnection,
    actor: &Actor,
    keys: &DataKeys,
    player_id: PlayerId,
    input: &IdentificationInput,
) -> Result<Identification, Error> {
    if !rules::may_keep(actor.role) {
        return Err(Error::Forbidden);
    }
    let (id_number, tin) = rules::check(input).map_err(Error::InvalidIdentification)?;
    let before = current(conn, actor, player_id).await?;
    let stored_id = before.as_ref().and_then(Stored::id_number);
    let stored_tin = before.as_ref().and_then(Stored::tin);
    let sealing = |e: SealError| Error::Sealing(e.to_string());
    let id_number = number(keys, &place(actor, player_id, "id_number"), id_number, stored_id).map_err(sealing)?;
    let tin = number(keys, &place(actor, player_id, "tin"), tin, stored_tin).map_err(sealing)?;
    let key_id = (id_number.is_some() || tin.is_some()).then(|| keys.current_id().to_owned());
    let shown = Identification {
        address_line: input.address_line.trim().to_owned(),
        city: input.city.trim().to_owned(),
        region: input.region.trim().to_owned(),
        postal_code: input.postal_code.trim().to_owned(),
        country: input.country.trim().to_owned(),
        occupation: input.occupation.trim().to_owned(),
        id_type: input.id_type,
        id_issuer: input.id_issuer.trim().to_owned(),
        id_expires: input.id_expires,
        ..Identification::empty(player_id)
    };
    repo::upsert(conn, actor.casino_id, actor.staff_id, &shown, &Sealed { id_number, tin, key_id }).await?;
    let after = repo::stored(conn, actor.casino_id, player_id).await?.ok_or(Error::NotFound)?.shown;
    let entry = AuditEntry::new("player_identification.updated", Entity::PlayerIdentification, player_id.0)
        .before(json!(before.map(|b| b.shown)))
        .after(json!(after));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// The patron's full ID number and SSN/TIN, for filing a report.
///
/// Compliance officers only (`FORBIDDEN`); a
/// patron not enrolled here is `NOT_FOUND`. Every reveal writes `player_identification.revealed`, naming the
/// numbers shown (never the numbers).
pub async fn reveal_numbers(
    conn: &mut PgConnection,
    actor: &Actor,
    keys: &DataKeys,
    player_id: PlayerId,
) -> Result<RevealedNumbers, Error> {
    if !rules::may_reveal(actor.role) {
        return Err(Error::Forbidden);
    }
    let stored = current(conn, actor, player_id).await?;
    let open = |on_file: Option<(&[u8], &str, &str)>, field: &str| -> Result<Option<String>, Error> {
        let Some((sealed, _, key)) = on_file else { return Ok(None) };
        keys.open(key, sealed, &place(actor, player_id, field)).map(Some).map_err(|e| Error::Sealing(e.to_string()))
    };
    let id_number = open(stored.as_ref().and_then(Stored::id_number), "id_number")?;
    let tin = open(stored.as_ref().and_then(Stored::tin), "tin")?.map(|t| rules::format_tin(&t));
    let revealed: Vec<&str> = [("id_number", id_number.is_some()), ("tin", tin.is_some())]
        .into_iter()
        .filter_map(|(field, shown)| shown.then_some(field))
        .collect();
    let entry = AuditEntry::new("player_identification.revealed", Entity::PlayerIdentification, player_id.0)
        .after(json!({ "player_id": player_id, "revealed": revealed }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(RevealedNumbers { id_number, tin })
}

/// The stored row; `NOT_FOUND` for a patron not enrolled here. A row exists only for an enrolled patron (its
/// foreign key), so enrollment is asked only when there is none.
async fn current(conn: &mut PgConnection, actor: &Actor, player_id: PlayerId) -> Result<Option<Stored>, Error> {
    let stored = repo::stored(conn, actor.casino_id, player_id).await?;
    if stored.is_none() && !crate::player::is_enrolled(conn, actor, player_id).await? {
        return Err(Error::NotFound);
    }
    Ok(stored)
}

/// Where a number is stored, which its sealing is bound to: a copy moved to another casino, patron or field
/// does not open.
fn place(actor: &Actor, player_id: PlayerId, field: &str) -> Vec<u8> {
    format!("{}/{}/{field}", actor.casino_id.0, player_id.0).into_bytes()
}

/// A number to store: the new one sealed, none for an empty one, or the one on file (`stored`: its sealed
/// bytes, last four and key) kept, resealed with the current key if another sealed it.
fn number(
    keys: &DataKeys,
    place: &[u8],
    new: Option<String>,
    stored: Option<(&[u8], &str, &str)>,
) -> Result<Option<(Vec<u8>, String)>, SealError> {
    match (new, stored) {
        (Some(new), _) if new.is_empty() => Ok(None),
        (Some(new), _) => Ok(Some((keys.seal(&new, place), rules::last4(&new)))),
        (None, None) => Ok(None),
        (None, Some((sealed, last4, key))) if key == keys.current_id() => Ok(Some((sealed.to_vec(), last4.to_owned()))),
        (None, Some((sealed, last4, key))) => {
            Ok(Some((keys.seal(&keys.open(key, sealed, place)?, place), last4.to_owned())))
        }
    }
}

/// The identification of each of `players` who has one on file at the actor's casino, numbers by their last
/// four: for a caller that has checked the role itself (the CTR worksheet, compliance's).
pub(crate) async fn masked_of(
    conn: &mut PgConnection,
    actor: &Actor,
    players: &[uuid::Uuid],
) -> sqlx::Result<std::collections::HashMap<PlayerId, Identification>> {
    let stored = repo::stored_of(conn, actor.casino_id, players).await?;
    Ok(stored.into_iter().map(|s| (s.shown.player_id, s.shown)).collect())
}
