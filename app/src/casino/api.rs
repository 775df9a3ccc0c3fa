//! Server functions of the casino service: `/api/casino/*`.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pitboss::Cents;
use pitboss::casino::{CasinoSettings, ComplianceSettings, SettingsInput, StaffMember};
use uuid::Uuid;

use crate::error::AppError;

/// The casino's settings: gaming day start and time zone, compliance thresholds, reward cap. Every role.
#[server(name = CasinoSettingsFn, prefix = "/api", endpoint = "casino/settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn casino_settings() -> Result<CasinoSettings, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::casino::settings(conn, actor).await).await
}

/// Replaces the casino's settings; admins only (`FORBIDDEN`). Invalid fields come back together as
/// `VALIDATION_FAILED` with a code per field. Idempotent by `request_id`. Writes a `casino_settings.updated`
/// audit row.
#[server(prefix = "/api", endpoint = "casino/update_settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(request.key = %request_id)))]
pub async fn update_settings(request_id: Uuid, input: SettingsInput) -> Result<CasinoSettings, AppError> {
    crate::ssr::scoped_idempotent(request_id, "casino.update_settings", &input, async |conn, actor| {
        pitboss::casino::update_settings(conn, actor, &input).await
    })
    .await
}

/// The casino's roster, dealers included; pit bosses and admins (`FORBIDDEN` otherwise).
#[server(prefix = "/api", endpoint = "casino/staff", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_of_casino() -> Result<Vec<StaffMember>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::casino::staff_of_casino(conn, actor).await).await
}

/// The filer a CTR names (legal name, EIN, address) and the structuring watch's parameters. Every role.
#[server(name = ComplianceSettingsFn, prefix = "/api", endpoint = "casino/compliance_settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn compliance_settings() -> Result<ComplianceSettings, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::casino::compliance_settings(conn, actor).await).await
}

/// Replaces them; admins only. `CASINO_INVALID_FILER`, `CASINO_INVALID_EIN` and `CASINO_INVALID_STRUCTURING`
/// at their fields, together. Idempotent. Audit `casino_settings.compliance_updated`.
#[server(prefix = "/api", endpoint = "casino/update_compliance_settings", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(request.key = %request_id)))]
pub async fn update_compliance_settings(
    request_id: Uuid,
    input: ComplianceSettings,
) -> Result<ComplianceSettings, AppError> {
    crate::ssr::scoped_idempotent(request_id, "casino.update_compliance_settings", &input, async |conn, actor| {
        pitboss::casino::update_compliance_settings(conn, actor, &input).await
    })
    .await
}

/// The casino's chip set: denominations in cents, smallest first. Every role.
#[server(prefix = "/api", endpoint = "casino/chip_set", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn chip_set() -> Result<Vec<Cents>, AppError> {
    crate::ssr::scoped(async |conn, actor| pitboss::casino::chip_set(conn, actor).await).await
}

/// Replaces the chip set; admins only. 1 to 20 different denominations from 1 cent to $100,000
/// (`CHIP_SET_INVALID` at `denominations`). Idempotent by `request_id`. Audit `casino_settings.chip_set_updated`.
#[server(prefix = "/api", endpoint = "casino/update_chip_set", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, fields(request.key = %request_id)))]
pub async fn update_chip_set(request_id: Uuid, denominations: Vec<Cents>) -> Result<Vec<Cents>, AppError> {
    crate::ssr::scoped_idempotent(request_id, "casino.update_chip_set", &denominations, async |conn, actor| {
        pitboss::casino::update_chip_set(conn, actor, &denominations).await
    })
    .await
}
