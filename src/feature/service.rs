//! Reading and switching feature flags. Each call takes the caller's transaction and never commits it.

use serde_json::json;
use sqlx::PgConnection;

use super::{Error, Flag, FlagState, repo};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::rules::may_manage_settings;
use crate::live::Entity;

/// Every flag's state at the actor's casino; every role may read them (the pages follow them).
pub async fn flags(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<FlagState>, Error> {
    Ok(repo::states(conn, actor.casino_id).await?)
}

/// Turns a flag on or off; admins only (`FORBIDDEN`). Writes `feature_flag.updated` with the state before
/// and after, which also tells every open page to re-read its flags.
pub async fn set_flag(conn: &mut PgConnection, actor: &Actor, flag: Flag, enabled: bool) -> Result<FlagState, Error> {
    if !may_manage_settings(actor.role) {
        return Err(Error::Forbidden);
    }
    let before = state(conn, actor, flag).await?;
    repo::set(conn, actor.casino_id, flag, enabled, actor.staff_id).await?;
    let after = state(conn, actor, flag).await?;
    let entry = AuditEntry::new("feature_flag.updated", Entity::FeatureFlag, actor.casino_id.0)
        .before(json!({ "key": flag.key(), "enabled": before.enabled }))
        .after(json!({ "key": flag.key(), "enabled": after.enabled }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// One flag's state (`states` lists every flag, so it is always there).
async fn state(conn: &mut PgConnection, actor: &Actor, flag: Flag) -> sqlx::Result<FlagState> {
    let states = repo::states(conn, actor.casino_id).await?;
    states.into_iter().find(|s| s.flag == flag).ok_or(sqlx::Error::RowNotFound)
}
