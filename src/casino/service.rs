//! The casino service's use cases. Each takes the caller's transaction and never commits it.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{
    Casino, CasinoId, CasinoSettings, GamingDay, NewStaff, SettingsInput, StaffId, StaffMember, StaffRole,
    ValidSettings,
};
use super::{Error, repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::error::{ErrorCode, FieldError};
use crate::live::Entity;
use crate::money::Cents;

/// The actor's casino.
pub async fn casino(conn: &mut PgConnection, actor: &Actor) -> Result<Casino, Error> {
    repo::casino(conn, actor.casino_id).await?.ok_or(Error::NotFound)
}

/// Finds a casino by its exact name, among the casinos this connection may see.
///
/// For the platform operator's command line, which connects as the owner. Under a staff member's context it finds only their own.
pub async fn casino_by_name(conn: &mut PgConnection, name: &str) -> Result<Casino, Error> {
    repo::casino_by_name(conn, name.trim()).await?.ok_or(Error::NotFound)
}

/// The signed-in staff member's own record.
pub async fn authenticated_staff(conn: &mut PgConnection, actor: &Actor) -> Result<StaffMember, Error> {
    repo::staff_member(conn, actor.casino_id, actor.staff_id).await?.ok_or(Error::NotFound)
}

/// One staff member of the casino, as the roster shows them. Pit bosses and admins (`FORBIDDEN`), `NOT_FOUND`
/// outside the casino.
pub async fn staff_member(conn: &mut PgConnection, actor: &Actor, id: StaffId) -> Result<StaffMember, Error> {
    if !rules::may_list_staff(actor.role) {
        return Err(Error::Forbidden);
    }
    locked_member(conn, actor.casino_id, id).await
}

/// Everyone on the casino's roster, dealers included. Pit bosses and admins only (`FORBIDDEN` otherwise);
/// emails, and who is locked out of signing in, are shown to admins only.
pub async fn staff_of_casino(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<StaffMember>, Error> {
    if !rules::may_list_staff(actor.role) {
        return Err(Error::Forbidden);
    }
    let mut staff = repo::staff(conn, actor.casino_id).await?;
    let locks = crate::auth::locked_staff(conn, actor.casino_id).await?;
    for member in &mut staff {
        member.locked_until = locks.get(&member.id).copied();
    }
    Ok(staff)
}

/// One staff member with their sign-in lock, if the caller may see it (`NOT_FOUND` outside the casino).
pub(super) async fn locked_member(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
) -> Result<StaffMember, Error> {
    let mut member = repo::staff_member(conn, casino_id, id).await?.ok_or(Error::NotFound)?;
    // Only admins see emails, and only they see sign-in attempts: for anyone else there is nothing to read.
    if let Some(email) = &member.email {
        member.locked_until = crate::auth::locked_until(conn, email).await?;
    }
    Ok(member)
}

/// The casino's settings; every role may read them.
pub async fn settings(conn: &mut PgConnection, actor: &Actor) -> Result<CasinoSettings, Error> {
    repo::settings(conn, actor.casino_id).await?.ok_or(Error::NotFound)
}

/// Replaces the casino's settings.
///
/// Admins only (`FORBIDDEN`); every invalid field is reported at once
/// (`VALIDATION_FAILED` with field codes), including a time zone PostgreSQL does not know. Writes a
/// `casino_settings.updated` audit row with the settings before and after.
pub async fn update_settings(
    conn: &mut PgConnection,
    actor: &Actor,
    input: &SettingsInput,
) -> Result<CasinoSettings, Error> {
    if !rules::may_manage_settings(actor.role) {
        return Err(Error::Forbidden);
    }
    let valid = validate_settings(conn, input).await?;
    let before = repo::settings(conn, actor.casino_id).await?.ok_or(Error::NotFound)?;
    let after =
        repo::update_settings(conn, actor.casino_id, &valid, Some(actor.staff_id)).await?.ok_or(Error::NotFound)?;
    let entry = AuditEntry::new("casino_settings.updated", Entity::CasinoSettings, actor.casino_id.0)
        .before(serde_json::to_value(&before).unwrap_or_default())
        .after(serde_json::to_value(&after).unwrap_or_default());
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// The casino's chip set: its denominations in cents, smallest first. Every role may read it.
pub async fn chip_set(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<Cents>, Error> {
    Ok(repo::chip_set(conn, actor.casino_id).await?)
}

/// Replaces the chip set (sorted here, so the order typed does not matter).
///
/// Admins only (`FORBIDDEN`); 1 to 20 different denominations from 1 cent to $100,000 (`CHIP_SET_INVALID`, by
/// the database's `chip_set_valid`). Counts already taken keep their chips. Writes
/// `casino_settings.chip_set_updated` with the set before and after.
pub async fn update_chip_set(
    conn: &mut PgConnection,
    actor: &Actor,
    denominations: &[Cents],
) -> Result<Vec<Cents>, Error> {
    if !rules::may_manage_settings(actor.role) {
        return Err(Error::Forbidden);
    }
    let mut sorted: Vec<i64> = denominations.iter().map(|c| c.0).collect();
    sorted.sort_unstable();
    let before = repo::chip_set(conn, actor.casino_id).await?;
    let after = repo::set_chip_set(conn, actor.casino_id, &sorted, actor.staff_id).await.map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("casino_settings_chip_denominations_check") => {
            Error::InvalidChipSet
        }
        _ => Error::Db(e),
    })?;
    let after = after.ok_or(Error::NotFound)?;
    let entry = AuditEntry::new("casino_settings.chip_set_updated", Entity::CasinoSettings, actor.casino_id.0)
        .before(serde_json::json!({ "chip_denominations": before }))
        .after(serde_json::json!({ "chip_denominations": after }));
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}

/// The gaming day `at` (default: the transaction's clock, `app_now()`) falls in, by the database's `compute_gaming_day`.
pub async fn compute_gaming_day(
    conn: &mut PgConnection,
    actor: &Actor,
    at: Option<DateTime<Utc>>,
) -> Result<GamingDay, Error> {
    repo::gaming_day(conn, actor.casino_id, at).await?.map(GamingDay).ok_or(Error::NotFound)
}

/// The actor's casino's gaming day at the transaction's clock, for services that date or filter by it.
pub async fn today(conn: &mut PgConnection, actor: &Actor) -> sqlx::Result<NaiveDate> {
    repo::gaming_day(conn, actor.casino_id, None).await?.ok_or(sqlx::Error::RowNotFound)
}

/// When gaming day `day` began at the actor's casino (what its hours count from), and the transaction's clock.
pub async fn day_so_far(
    conn: &mut PgConnection,
    actor: &Actor,
    day: NaiveDate,
) -> sqlx::Result<(DateTime<Utc>, DateTime<Utc>)> {
    repo::day_so_far(conn, actor.casino_id, day).await?.ok_or(sqlx::Error::RowNotFound)
}

/// The casino's local clock time (`06:00`) at each of `count` hours from `start`: what hourly figures are
/// labelled with (a day crossing a DST change shows it).
pub async fn hour_labels(
    conn: &mut PgConnection,
    actor: &Actor,
    start: DateTime<Utc>,
    count: usize,
) -> sqlx::Result<Vec<String>> {
    repo::hour_labels(conn, actor.casino_id, start, i32::try_from(count).unwrap_or(i32::MAX)).await
}

/// Creates a casino with its settings (platform operation; run under `db::as_casino_admin` for its new id).
/// Writes a `casino.created` audit row.
pub async fn create_casino(
    conn: &mut PgConnection,
    id: CasinoId,
    name: &str,
    input: &SettingsInput,
) -> Result<Casino, Error> {
    let name = name.trim();
    if !rules::valid_name(name) {
        return Err(Error::InvalidSettings(vec![FieldError::new("name", ErrorCode::CasinoInvalidName)]));
    }
    let valid = validate_settings(conn, input).await?;
    repo::insert_casino(conn, id, name, &valid).await?;
    let entry = AuditEntry::new("casino.created", Entity::Casino, id.0)
        .after(serde_json::json!({ "name": name, "settings": input }));
    audit::record(conn, id, entry).await?;
    Ok(Casino { id, name: name.to_owned() })
}

/// Adds a staff member, with a login unless they are a dealer (platform operation, or an admin's).
///
/// Refuses a login for a dealer, invalid names or email, and an email already in use, each with its field
/// code. Writes a `staff.created` audit row (never the password hash).
pub async fn add_staff(conn: &mut PgConnection, casino_id: CasinoId, new: &NewStaff) -> Result<StaffMember, Error> {
    let problems = rules::validate_new_staff(new);
    if !problems.is_empty() {
        return Err(Error::InvalidStaff(problems));
    }
    let id = StaffId(Uuid::new_v4());
    let (first_name, last_name) = (new.first_name.trim(), new.last_name.trim());
    repo::insert_staff(conn, casino_id, id, first_name, last_name, new.role).await?;
    if let Some(login) = &new.login {
        repo::insert_credential(conn, casino_id, id, login).await.map_err(|e| match &e {
            sqlx::Error::Database(db) if db.constraint() == Some("staff_credential_email_key") => {
                Error::InvalidStaff(vec![FieldError::new("email", ErrorCode::StaffEmailTaken)])
            }
            _ => Error::Db(e),
        })?;
    }
    let member = repo::staff_member(conn, casino_id, id).await?.ok_or(Error::NotFound)?;
    let entry =
        AuditEntry::new("staff.created", Entity::Staff, id.0).after(serde_json::to_value(&member).unwrap_or_default());
    audit::record(conn, casino_id, entry).await?;
    Ok(member)
}

/// The staff row the server's own work (the gaming-day rollover) acts as in this casino.
///
/// A pit boss by role, without a credential, never on the roster; created, and audited as `staff.created`, on
/// first use. Run under `db::as_casino_admin`. Answers its id and whether this call created it.
pub async fn system_staff(conn: &mut PgConnection, casino_id: CasinoId) -> Result<(StaffId, bool), Error> {
    let (id, created) = repo::system_staff(conn, casino_id, StaffId(Uuid::new_v4())).await?;
    if created {
        let entry = AuditEntry::new("staff.created", Entity::Staff, id.0)
            .after(serde_json::json!({ "role": StaffRole::PitBoss, "system": true, "purpose": "gaming-day rollover" }));
        audit::record(conn, casino_id, entry).await?;
    }
    Ok((id, created))
}

/// Asks the database whether it knows the time zone (only if it could be one), then runs the pure rules.
async fn validate_settings(conn: &mut PgConnection, input: &SettingsInput) -> Result<ValidSettings, Error> {
    let zone = input.timezone.trim();
    let zone_known = rules::plausible_zone_name(zone) && repo::is_known_timezone(conn, zone).await?;
    rules::validate_settings(input, zone_known)
}
