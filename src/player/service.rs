//! The player service's use cases. Each takes the caller's transaction and never commits it.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{EnrollInput, PlayerDetail, PlayerId, PlayerMatch, PlayerSummary};
use super::{Error, repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;

/// Enrolls a new player at the actor's casino: the player, the enrollment and the loyalty account, together.
///
/// Pit bosses and admins only (`FORBIDDEN`). Names are 1–100 characters; a birth date, if given, must be from
/// 1900 on and make the player at least 18 today in the casino's zone (`VALIDATION_FAILED` with field codes).
/// Writes `player.enrolled` (ids only: names are personal data and stay out of the audit payload).
pub async fn enroll(conn: &mut PgConnection, actor: &Actor, input: &EnrollInput) -> Result<PlayerSummary, Error> {
    if !rules::may_enroll(actor.role) {
        return Err(Error::Forbidden);
    }
    let today = repo::local_today(conn, actor.casino_id).await?.ok_or(Error::NotFound)?;
    let valid = rules::validate_enrollment(input, today)?;
    let id = PlayerId(Uuid::new_v4());
    repo::insert_enrolled(conn, actor.casino_id, id, &valid, Some(actor.staff_id)).await?;
    let entry = AuditEntry::new("player.enrolled", Entity::Player, id.0)
        .after(json!({ "player_id": id, "birth_date_recorded": valid.birth_date.is_some() }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(PlayerSummary { id, first_name: valid.first_name, last_name: valid.last_name, birth_date: valid.birth_date })
}

/// A player enrolled at the actor's casino, with their enrollment and loyalty balance; `NOT_FOUND` for a
/// player who is not enrolled here (players of other casinos are invisible).
pub async fn player(conn: &mut PgConnection, actor: &Actor, id: PlayerId) -> Result<PlayerDetail, Error> {
    repo::detail(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)
}

/// The names ("First Last") of the given players enrolled at the actor's casino.
pub async fn names(
    conn: &mut PgConnection,
    actor: &Actor,
    ids: &[PlayerId],
) -> Result<std::collections::HashMap<PlayerId, String>, Error> {
    let ids: Vec<Uuid> = ids.iter().map(|id| id.0).collect();
    Ok(repo::names(conn, actor.casino_id, &ids).await?.into_iter().collect())
}

/// Whether the player is enrolled at the actor's casino.
pub async fn is_enrolled(conn: &mut PgConnection, actor: &Actor, id: PlayerId) -> Result<bool, Error> {
    Ok(repo::is_enrolled(conn, actor.casino_id, id).await?)
}

/// The casino's players by name, a page at a time.
pub async fn players_of_casino(
    conn: &mut PgConnection,
    actor: &Actor,
    limit: i64,
    offset: i64,
) -> Result<Vec<PlayerSummary>, Error> {
    let page = repo::search(conn, actor.casino_id, &[], limit.clamp(1, 200), offset.max(0)).await?;
    Ok(page.into_iter().map(|found| found.player).collect())
}

/// Players of the actor's casino with a name word starting with each typed word, with where each sits now,
/// what they last played and their flag.
///
/// Any case and order ("gonz", "maria g"); the first [`rules::SEARCH_LIMIT`] by name. An empty query lists players from the
/// start of the alphabet.
pub async fn search(conn: &mut PgConnection, actor: &Actor, query: &str) -> Result<Vec<PlayerMatch>, Error> {
    let words = rules::search_words(query);
    Ok(repo::search(conn, actor.casino_id, &words, rules::SEARCH_LIMIT, 0).await?)
}
