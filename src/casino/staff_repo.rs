//! SQL of staff administration: the rows an admin locks and changes.

use sqlx::PgConnection;

use super::model::{CasinoId, StaffId, StaffRole, StaffStatus};

/// A staff member locked for a change: their names, role, status and whether they have a login.
pub(super) struct LockedStaff {
    pub first_name: String,
    pub last_name: String,
    pub role: StaffRole,
    pub status: StaffStatus,
    pub has_login: bool,
}

/// Locks the casino's active admins (in id order, so two admins changing each other wait rather than both
/// seeing the other still active) and answers their ids.
pub(super) async fn lock_active_admins(conn: &mut PgConnection, casino_id: CasinoId) -> sqlx::Result<Vec<StaffId>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select id as "id: StaffId" from staff
           where casino_id = $1 and role = 'admin' and status = 'active' and not system
           order by id for update"#,
        casino_id.0,
    )
    .fetch_all(conn)
    .await
}

/// Locks one staff member of the casino (never the system row).
pub(super) async fn lock_staff(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
) -> sqlx::Result<Option<LockedStaff>> {
    // language=PostgreSQL
    sqlx::query_as!(
        LockedStaff,
        r#"select s.first_name, s.last_name, s.role as "role: StaffRole", s.status as "status: StaffStatus",
                  exists (select 1 from staff_credential c where c.casino_id = s.casino_id and c.staff_id = s.id)
                      as "has_login!"
           from staff s where s.casino_id = $1 and s.id = $2 and not s.system
           for update of s"#,
        casino_id.0,
        id.0,
    )
    .fetch_optional(conn)
    .await
}

/// Replaces a staff member's names and role.
pub(super) async fn update(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
    (first_name, last_name, role): (&str, &str, StaffRole),
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update staff set first_name = $3, last_name = $4, role = $5 where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        first_name,
        last_name,
        role as StaffRole,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets a staff member's status.
pub(super) async fn set_status(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
    status: StaffStatus,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update staff set status = $3 where casino_id = $1 and id = $2",
        casino_id.0,
        id.0,
        status as StaffStatus,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces a staff member's password hash and whether it must be changed at the next sign-in.
pub(super) async fn set_password(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    id: StaffId,
    password_hash: &str,
    must_change: bool,
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "update staff_credential set password_hash = $3, must_change_password = $4
         where casino_id = $1 and staff_id = $2",
        casino_id.0,
        id.0,
        password_hash,
        must_change,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The staff member of the casino who signs in with `email` (stored form).
pub(super) async fn id_by_email(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    email: &str,
) -> sqlx::Result<Option<StaffId>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"select staff_id as "id: StaffId" from staff_credential where casino_id = $1 and email = $2"#,
        casino_id.0,
        email,
    )
    .fetch_optional(conn)
    .await
}
