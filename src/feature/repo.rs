//! SQL of feature flags.

use sqlx::PgConnection;

use super::Flag;
use crate::casino::CasinoId;

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
