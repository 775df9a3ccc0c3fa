//! SQL of the casino's compliance settings (columns of `casino_settings`).

use sqlx::PgConnection;

use super::compliance::ComplianceSettings;
use super::model::{CasinoId, StaffId};

/// The casino's compliance settings; `None` if its settings row is not visible.
pub(super) async fn read(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Option<ComplianceSettings>> {
    // language=PostgreSQL
    sqlx::query_as!(
        ComplianceSettings,
        "select legal_name, ein, address_line, city, region, postal_code, structuring_margin_percent,
                structuring_window_days
         from casino_settings where casino_id = $1",
        casino_id.0,
    )
    .fetch_optional(conn)
    .await
}

/// Replaces them; returns them as stored. `None` if the row is not visible for update.
pub(super) async fn update(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    settings: &ComplianceSettings,
    updated_by: StaffId,
) -> sqlx::Result<Option<ComplianceSettings>> {
    // language=PostgreSQL
    sqlx::query_as!(
        ComplianceSettings,
        "update casino_settings
         set legal_name = $2, ein = $3, address_line = $4, city = $5, region = $6, postal_code = $7,
             structuring_margin_percent = $8, structuring_window_days = $9, updated_by = $10
         where casino_id = $1
         returning legal_name, ein, address_line, city, region, postal_code, structuring_margin_percent,
                   structuring_window_days",
        casino_id.0,
        settings.legal_name,
        settings.ein,
        settings.address_line,
        settings.city,
        settings.region,
        settings.postal_code,
        settings.structuring_margin_percent,
        settings.structuring_window_days,
        updated_by.0,
    )
    .fetch_optional(conn)
    .await
}
