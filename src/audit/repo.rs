//! SQL of the audit log.

use sqlx::PgConnection;

use super::AuditEntry;
use crate::casino::CasinoId;

/// Appends an audit row for `casino_id`; actor and request id come from the transaction context.
pub async fn record(conn: &mut PgConnection, casino_id: CasinoId, entry: AuditEntry) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into audit_log (casino_id, action, entity, entity_id, before, after)
         values ($1, $2, $3, $4, $5, $6)",
        casino_id.0,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.before,
        entry.after,
    )
    .execute(conn)
    .await?;
    Ok(())
}
