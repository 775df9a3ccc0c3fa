//! Threshold events: the MTL trigger raises one the first time a gaming day a patron's cash in a direction
//! reaches a level; a compliance officer acknowledges it.

use serde_json::json;
use sqlx::PgConnection;

use super::alerts_repo;
use super::model::{MtlAlertId, ThresholdAlert};
use super::{Error, rules};
use crate::actor::Actor;
use crate::audit::{self, AuditEntry};
use crate::live::Entity;

/// Acknowledges a threshold event of the casino: who saw it, and when.
///
/// Compliance and admins (`FORBIDDEN`); an alert of another casino is `NOT_FOUND`. An alert already
/// acknowledged keeps its first acknowledgement, which is returned unchanged (two officers pressing at once
/// see who was first). Writes `mtl_threshold_alert.acknowledged`, which the compliance page follows.
pub async fn acknowledge_alert(
    conn: &mut PgConnection,
    actor: &Actor,
    alert: MtlAlertId,
) -> Result<ThresholdAlert, Error> {
    if !rules::may_annotate(actor.role) {
        return Err(Error::Forbidden);
    }
    // The foreign key on (casino, alert) refuses another casino's alert or none at all, whoever may read it.
    let first = alerts_repo::acknowledge(conn, actor.casino_id, alert, actor.staff_id).await.map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("mtl_alert_acknowledgement_alert_fkey") => Error::NotFound,
        _ => Error::Db(e),
    })?;
    let acknowledged =
        alerts_repo::alerts(conn, actor.casino_id, None, Some(alert)).await?.pop().ok_or(Error::NotFound)?;
    if first {
        let entry = AuditEntry::new("mtl_threshold_alert.acknowledged", Entity::MtlThresholdAlert, alert.0)
            .after(json!(acknowledged));
        audit::record(conn, actor.casino_id, entry).await?;
    }
    Ok(acknowledged)
}
