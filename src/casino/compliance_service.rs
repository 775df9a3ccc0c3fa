//! Reading and changing the casino's compliance settings.

use sqlx::PgConnection;

use super::compliance::{self, ComplianceSettings};
use super::{Error, compliance_repo, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;

/// The filer's details and the structuring watch's parameters. Every role may read them (they hold nothing
/// private), as they may read the other settings.
pub async fn compliance_settings(conn: &mut PgConnection, actor: &Actor) -> Result<ComplianceSettings, Error> {
    compliance_repo::read(conn, actor.casino_id).await?.ok_or(Error::NotFound)
}

/// Replaces them.
///
/// Admins only (`FORBIDDEN`); every invalid field at once (`VALIDATION_FAILED` with `CASINO_INVALID_FILER`,
/// `CASINO_INVALID_EIN` or `CASINO_INVALID_STRUCTURING`). Writes `casino_settings.compliance_updated` with the
/// settings before and after.
pub async fn update_compliance_settings(
    conn: &mut PgConnection,
    actor: &Actor,
    input: &ComplianceSettings,
) -> Result<ComplianceSettings, Error> {
    if !rules::may_manage_settings(actor.role) {
        return Err(Error::Forbidden);
    }
    let valid = compliance::validate(input).map_err(Error::InvalidSettings)?;
    let before = compliance_repo::read(conn, actor.casino_id).await?.ok_or(Error::NotFound)?;
    let after = compliance_repo::update(conn, actor.casino_id, &valid, actor.staff_id).await?.ok_or(Error::NotFound)?;
    let entry = AuditEntry::new("casino_settings.compliance_updated", Entity::CasinoSettings, actor.casino_id.0)
        .before(serde_json::to_value(&before).unwrap_or_default())
        .after(serde_json::to_value(&after).unwrap_or_default());
    audit::record(conn, actor.casino_id, entry).await?;
    Ok(after)
}
