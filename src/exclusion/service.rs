//! Setting, lifting and reading exclusions. Each takes the caller's transaction and never commits it.

use std::collections::HashMap;

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Exclusion, ExclusionId, ExclusionInput, ExclusionKind};
use super::repo::{self, NewExclusion};
use super::{Error, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;
use crate::player::{self, PlayerId};

/// Flags a player enrolled here (`NOT_FOUND` otherwise), in force at once.
///
/// Compliance and admins (`FORBIDDEN`); a reason of 1 to 200 characters (`EXCLUSION_INVALID_REASON`), an end
/// in the future if any (`EXCLUSION_INVALID_UNTIL`). Writes `player_exclusion.set`.
pub async fn exclude(conn: &mut PgConnection, actor: &Actor, input: &ExclusionInput) -> Result<Exclusion, Error> {
    if !rules::may_manage(actor.role) {
        return Err(Error::Forbidden);
    }
    let reason = rules::check_reason(&input.reason)?;
    rules::check_until(input.until, repo::now(conn).await?)?;
    let enrolled = player::is_enrolled(conn, actor, input.player_id).await.map_err(|e| match e {
        player::Error::Db(db) => Error::Db(db),
        _ => Error::NotFound,
    })?;
    if !enrolled {
        return Err(Error::NotFound);
    }
    let id = ExclusionId(Uuid::new_v4());
    let new = NewExclusion {
        id,
        player_id: input.player_id,
        kind: input.kind,
        reason,
        until: input.until,
        set_by: actor.staff_id,
    };
    repo::insert(conn, actor.casino_id, &new).await?;
    let entry = AuditEntry::new("player_exclusion.set", Entity::PlayerExclusion, id.0).after(json!({
        "player_id": input.player_id, "kind": input.kind, "reason": reason, "until": input.until,
    }));
    audit::record(conn, actor.casino_id, entry).await?;
    repo::get(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)
}

/// Lifts a flag, with why (`EXCLUSION_INVALID_REASON`); once only (`EXCLUSION_ALREADY_LIFTED`). Compliance and
/// admins. Writes `player_exclusion.lifted` with the flag before and the lift after.
pub async fn lift(conn: &mut PgConnection, actor: &Actor, id: ExclusionId, reason: &str) -> Result<Exclusion, Error> {
    if !rules::may_manage(actor.role) {
        return Err(Error::Forbidden);
    }
    let reason = rules::check_reason(reason)?;
    let flag = repo::locked(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)?;
    if flag.lifted_at.is_some() {
        return Err(Error::AlreadyLifted);
    }
    repo::lift(conn, actor.casino_id, id, actor.staff_id, reason).await?;
    let entry = AuditEntry::new("player_exclusion.lifted", Entity::PlayerExclusion, id.0)
        .before(json!({ "player_id": flag.player_id, "kind": flag.kind, "reason": flag.reason }))
        .after(json!({ "lift_reason": reason }));
    audit::record(conn, actor.casino_id, entry).await?;
    repo::get(conn, actor.casino_id, id).await?.ok_or(Error::NotFound)
}

/// A player's flags, newest first, lifted ones included. Any role.
pub async fn exclusions_of(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
) -> Result<Vec<Exclusion>, Error> {
    Ok(repo::of_player(conn, actor.casino_id, player_id).await?)
}

/// For each of `players` with a flag in force now, its most serious kind (barred before self-excluded before
/// watch): what badges show.
pub async fn flags_in_force(
    conn: &mut PgConnection,
    actor: &Actor,
    players: &[PlayerId],
) -> Result<HashMap<PlayerId, ExclusionKind>, Error> {
    let ids: Vec<Uuid> = players.iter().map(|p| p.0).collect();
    let mut flags: HashMap<PlayerId, ExclusionKind> = HashMap::new();
    for (player, kind) in repo::in_force(conn, actor.casino_id, &ids).await? {
        flags.entry(player).and_modify(|k| *k = (*k).min(kind)).or_insert(kind);
    }
    Ok(flags)
}
