//! SQL of the comp catalog, the casino's loyalty settings and each staff member's authority used today.

use sqlx::PgConnection;
use uuid::Uuid;

use super::authority::LoyaltySettings;
use super::comp::{CompCategory, CompItem, CompItemId, CompItemInput};
use crate::casino::{CasinoId, StaffId};

/// The casino's loyalty settings; `None` if its settings row is not visible.
pub(super) async fn settings(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Option<LoyaltySettings>> {
    // language=PostgreSQL
    sqlx::query_as!(
        LoyaltySettings,
        "select comp_points_per_dollar, pit_boss_comp_limit_points, pit_boss_day_limit_points,
                cashier_comp_limit_points, cashier_day_limit_points
         from casino_settings where casino_id = $1",
        casino_id.0,
    )
    .fetch_optional(conn)
    .await
}

/// Replaces them; returns them as stored. `None` if the row is not visible for update.
pub(super) async fn update_settings(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    s: &LoyaltySettings,
    updated_by: StaffId,
) -> sqlx::Result<Option<LoyaltySettings>> {
    // language=PostgreSQL
    sqlx::query_as!(
        LoyaltySettings,
        "update casino_settings
         set comp_points_per_dollar = $2, pit_boss_comp_limit_points = $3, pit_boss_day_limit_points = $4,
             cashier_comp_limit_points = $5, cashier_day_limit_points = $6, updated_by = $7
         where casino_id = $1
         returning comp_points_per_dollar, pit_boss_comp_limit_points, pit_boss_day_limit_points,
                   cashier_comp_limit_points, cashier_day_limit_points",
        casino_id.0,
        s.comp_points_per_dollar,
        s.pit_boss_comp_limit_points,
        s.pit_boss_day_limit_points,
        s.cashier_comp_limit_points,
        s.cashier_day_limit_points,
        updated_by.0,
    )
    .fetch_optional(conn)
    .await
}

/// Holds `staff_id`'s authority until the transaction ends, so two of their writes cannot both spend what is
/// left of it.
pub(super) async fn lock_authority(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1::uuid::text || $2::uuid::text || ':authority', 0))",
        casino_id.0,
        staff_id.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The discretionary points `staff_id` has authorized this gaming day.
pub(super) async fn used_today(conn: &mut PgConnection, casino_id: CasinoId, staff_id: StaffId) -> sqlx::Result<i64> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select coalesce(sum(discretionary_points), 0)::bigint as "used!" from loyalty_ledger
           where casino_id = $1 and authorized_by = $2 and gaming_day = compute_gaming_day($1)"#,
        casino_id.0,
        staff_id.0,
    )
    .fetch_one(conn)
    .await
}

/// The catalog, offered items first, then by name; or one item.
pub(super) async fn items(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    only: Option<CompItemId>,
) -> sqlx::Result<Vec<CompItem>> {
    // language=PostgreSQL
    sqlx::query_as!(
        CompItem,
        r#"select id as "id: CompItemId", name, category as "category: CompCategory", point_cost, active, updated_at
           from comp_item
           where casino_id = $1 and ($2::uuid is null or id = $2)
           order by active desc, lower(name)"#,
        casino_id.0,
        only.map(|id| id.0) as Option<Uuid>,
    )
    .fetch_all(conn)
    .await
}

/// Adds an item with id `id`. A name another item has violates `comp_item_name_key`.
pub(super) async fn insert_item(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: Uuid,
    item: &CompItemInput,
    staff_id: StaffId,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into comp_item (id, casino_id, name, category, point_cost, active, staff_id)
         values ($1, $2, $3, $4, $5, $6, $7)",
        id,
        casino_id.0,
        item.name,
        item.category as CompCategory,
        item.point_cost,
        item.active,
        staff_id.0,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Changes item `id`; whether there was one to change. A name another item has violates `comp_item_name_key`.
pub(super) async fn update_item(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: CompItemId,
    item: &CompItemInput,
    staff_id: StaffId,
) -> sqlx::Result<bool> {
    // language=PostgreSQL
    let changed = sqlx::query!(
        "update comp_item set name = $3, category = $4, point_cost = $5, active = $6, staff_id = $7
         where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        item.name,
        item.category as CompCategory,
        item.point_cost,
        item.active,
        staff_id.0,
    )
    .execute(conn)
    .await?;
    Ok(changed.rows_affected() == 1)
}
