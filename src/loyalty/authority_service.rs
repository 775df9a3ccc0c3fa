//! The casino's loyalty settings and the comp catalog: read by every role, kept by admins. And each staff
//! member's authority, which every discretionary write checks under a lock.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::authority::{Authority, LoyaltySettings};
use super::comp::{self, CompItem, CompItemInput};
use super::{Error, catalog_repo};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::casino::StaffRole;
use crate::live::Entity;

/// The authority limits and the comp rate. Every role may read them.
pub async fn loyalty_settings(conn: &mut PgConnection, actor: &Actor) -> Result<LoyaltySettings, Error> {
    catalog_repo::settings(conn, actor.casino_id).await?.ok_or(Error::NotFound)
}

/// Replaces them.
///
/// Admins (`FORBIDDEN`); every field out of range at once (`VALIDATION_FAILED` with
/// `LOYALTY_INVALID_SETTINGS`). Writes `casino_settings.loyalty_updated` with the settings before and after.
pub async fn update_loyalty_settings(
    conn: &mut PgConnection,
    actor: &Actor,
    input: &LoyaltySettings,
) -> Result<LoyaltySettings, Error> {
    if actor.role != StaffRole::Admin {
        return Err(Error::Forbidden);
    }
    let valid = input.validate().map_err(Error::Invalid)?;
    let before = catalog_repo::settings(conn, actor.casino_id).await?.ok_or(Error::NotFound)?;
    let after =
        catalog_repo::update_settings(conn, actor.casino_id, &valid, actor.staff_id).await?.ok_or(Error::NotFound)?;
    let entry = AuditEntry::new("casino_settings.loyalty_updated", Entity::CasinoSettings, actor.casino_id.0)
        .before(serde_json::to_value(before).unwrap_or_default())
        .after(serde_json::to_value(after).unwrap_or_default());
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// The comp catalog, offered items first. Every role.
pub async fn comp_items(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<CompItem>, Error> {
    Ok(catalog_repo::items(conn, actor.casino_id, None).await?)
}

/// Adds a catalog item (with the request's id) or changes one.
///
/// Admins (`FORBIDDEN`); `VALIDATION_FAILED` with
/// `COMP_ITEM_INVALID_NAME` (also for a name another item has) or `COMP_ITEM_INVALID_COST`; `NOT_FOUND` for
/// an item to change that is not here. Writes `comp_item.added` or `comp_item.updated`.
pub async fn save_comp_item(
    conn: &mut PgConnection,
    actor: &Actor,
    request_id: Uuid,
    input: &CompItemInput,
) -> Result<CompItem, Error> {
    if actor.role != StaffRole::Admin {
        return Err(Error::Forbidden);
    }
    let item = comp::validate(input).map_err(Error::Invalid)?;
    let name_taken = |error: sqlx::Error| match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("comp_item_name_key") => {
            Error::Invalid(vec![crate::error::FieldError::new("name", crate::error::ErrorCode::CompItemInvalidName)])
        }
        _ => Error::Db(error),
    };
    let (id, action, before) = match item.id {
        None => {
            catalog_repo::insert_item(conn, actor.casino_id, request_id, &item, actor.staff_id)
                .await
                .map_err(name_taken)?;
            (request_id, "comp_item.added", None)
        }
        Some(id) => {
            let before = catalog_repo::items(conn, actor.casino_id, Some(id)).await?.pop().ok_or(Error::NotFound)?;
            catalog_repo::update_item(conn, actor.casino_id, id, &item, actor.staff_id).await.map_err(name_taken)?;
            (id.0, "comp_item.updated", Some(before))
        }
    };
    let saved = catalog_repo::items(conn, actor.casino_id, Some(id.into())).await?.pop().ok_or(Error::NotFound)?;
    let summary =
        |i: &CompItem| json!({"name": i.name, "category": i.category, "point_cost": i.point_cost, "active": i.active});
    let mut entry = AuditEntry::new(action, Entity::CompItem, id).after(summary(&saved));
    if let Some(before) = before {
        entry = entry.before(summary(&before));
    }
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(saved)
}

/// The actor's authority today, once they hold its lock ([`lock_authority`]).
pub(super) async fn authority(conn: &mut PgConnection, actor: &Actor) -> Result<Authority, Error> {
    let settings = catalog_repo::settings(conn, actor.casino_id).await?.ok_or(Error::NotFound)?;
    authority_under(conn, actor, &settings).await
}

/// As [`authority`], with the casino's settings already read.
pub(super) async fn authority_under(
    conn: &mut PgConnection,
    actor: &Actor,
    settings: &LoyaltySettings,
) -> Result<Authority, Error> {
    let used_today = catalog_repo::used_today(conn, actor.casino_id, actor.staff_id).await?;
    Ok(Authority { limit: settings.limit_of(actor.role), used_today })
}

/// Holds the actor's authority until the transaction ends: taken before any balance is locked, by every
/// discretionary write, so two of them never spend the same points and locks are always taken in one order.
pub(super) async fn lock_authority(conn: &mut PgConnection, actor: &Actor) -> Result<(), Error> {
    Ok(catalog_repo::lock_authority(conn, actor.casino_id, actor.staff_id).await?)
}

/// The refusal for `points` discretionary points beyond `authority`, in the floor's words.
pub(super) fn beyond(authority: &Authority, points: i64) -> Error {
    Error::OverAuthority(format!(
        "{} discretionary points is beyond your authority. {}",
        crate::money::group_thousands(points.unsigned_abs()),
        authority.describe()
    ))
}
