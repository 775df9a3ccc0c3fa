//! SQL of feature flags.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::{Flag, FlagState};
use crate::casino::{CasinoId, StaffId};

/// Whether `flag` is on for the casino; a flag without a row is off.
pub async fn is_enabled(conn: &mut PgConnection, casino_id: CasinoId, flag: Flag) -> sqlx::Result<bool> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select coalesce((select enabled from feature_flag where casino_id = $1 and key = $2), false) as "enabled!""#,
        casino_id.0,
        flag.key(),
    )
    .fetch_one(conn)
    .await
}

/// Every flag's state at the casino, in [`Flag::ALL`] order (off, never changed, for a flag without a row).
pub(super) async fn states(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<FlagState>> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select f.key, f.enabled, s.first_name || ' ' || s.last_name as "updated_by?", f.updated_at as "updated_at?: DateTime<Utc>"
           from feature_flag f left join staff s on s.casino_id = f.casino_id and s.id = f.updated_by
           where f.casino_id = $1"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await?;
    Ok(Flag::ALL
        .into_iter()
        .map(|flag| match rows.iter().find(|row| row.key == flag.key()) {
            Some(row) => {
                FlagState { flag, enabled: row.enabled, updated_by: row.updated_by.clone(), updated_at: row.updated_at }
            }
            None => FlagState { flag, enabled: false, updated_by: None, updated_at: None },
        })
        .collect())
}

/// Turns `flag` on or off, creating its row on first use.
pub(super) async fn set(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    flag: Flag,
    enabled: bool,
    by: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into feature_flag (casino_id, key, enabled, updated_by) values ($1, $2, $3, $4)
         on conflict (casino_id, key) do update set enabled = excluded.enabled, updated_by = excluded.updated_by",
        casino_id.0,
        flag.key(),
        enabled,
        by.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}
