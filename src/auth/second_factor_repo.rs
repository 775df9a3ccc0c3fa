//! SQL of the second factor: enrolment under the owner's own context, the code step under the sign-in's.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::casino::{CasinoId, StaffId};

/// The owner's email and when their second factor was confirmed (none yet: `None`).
pub(super) async fn own_enrolment(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<Option<(String, Option<DateTime<Utc>>)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        "select email, second_factor_enrolled_at from staff_credential where casino_id = $1 and staff_id = $2",
        casino_id.0,
        staff_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.email, r.second_factor_enrolled_at)))
}

/// Starts (or restarts) an enrolment with a new secret; nothing is required at sign-in until it is confirmed.
pub(super) async fn store_secret(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
    secret: &[u8],
) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!(
        "insert into staff_second_factor (staff_id, casino_id, secret) values ($1, $2, $3)
         on conflict (staff_id) do update set secret = excluded.secret, last_used_step = null, created_at = now()",
        staff_id.0,
        casino_id.0,
        secret,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The owner's secret and the last step a code was accepted for.
pub(super) async fn own_secret(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<Option<(Vec<u8>, Option<i64>)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        "select secret, last_used_step from staff_second_factor where casino_id = $1 and staff_id = $2",
        casino_id.0,
        staff_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.secret, r.last_used_step)))
}

/// Confirms the owner's enrolment at `step` and replaces their recovery codes with `code_hashes`.
pub(super) async fn confirm(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
    step: i64,
    code_hashes: &[String],
) -> sqlx::Result<DateTime<Utc>> {
    // language=PostgreSQL
    sqlx::query!(
        "update staff_second_factor set last_used_step = $3 where casino_id = $1 and staff_id = $2",
        casino_id.0,
        staff_id.0,
        step,
    )
    .execute(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query!("delete from staff_recovery_code where casino_id = $1 and staff_id = $2", casino_id.0, staff_id.0)
        .execute(&mut *conn)
        .await?;
    // language=PostgreSQL
    sqlx::query!(
        "insert into staff_recovery_code (casino_id, staff_id, code_hash) select $1, $2, unnest($3::text[])",
        casino_id.0,
        staff_id.0,
        code_hashes,
    )
    .execute(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query_scalar!(
        r#"update staff_credential set second_factor_enrolled_at = now() where casino_id = $1 and staff_id = $2
           returning second_factor_enrolled_at as "enrolled_at!""#,
        casino_id.0,
        staff_id.0,
    )
    .fetch_one(conn)
    .await
}

/// The secret of the staff member signing in, and the last step a code was accepted for.
pub(super) async fn login_secret(
    conn: &mut PgConnection,
    staff_id: StaffId,
) -> sqlx::Result<Option<(Vec<u8>, Option<i64>)>> {
    // language=PostgreSQL
    let row = sqlx::query!("select secret, last_used_step from staff_second_factor where staff_id = $1", staff_id.0)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|r| (r.secret, r.last_used_step)))
}

/// Spends the code of `step`: false if that step, or a later one, was already spent (a concurrent sign-in).
pub(super) async fn spend_step(conn: &mut PgConnection, staff_id: StaffId, step: i64) -> sqlx::Result<bool> {
    // language=PostgreSQL
    let done = sqlx::query!(
        "update staff_second_factor set last_used_step = $2
         where staff_id = $1 and (last_used_step is null or last_used_step < $2)",
        staff_id.0,
        step,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Spends an unused recovery code by its hash; returns how many unused ones remain, or `None` if it was
/// none of them (or already used).
pub(super) async fn spend_recovery_code(
    conn: &mut PgConnection,
    staff_id: StaffId,
    code_hash: &str,
) -> sqlx::Result<Option<i64>> {
    // language=PostgreSQL
    let done = sqlx::query!(
        "update staff_recovery_code set used_at = now() where staff_id = $1 and code_hash = $2 and used_at is null",
        staff_id.0,
        code_hash,
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(None);
    }
    // language=PostgreSQL
    let left = sqlx::query_scalar!(
        r#"select count(*) as "left!" from staff_recovery_code where staff_id = $1 and used_at is null"#,
        staff_id.0,
    )
    .fetch_one(conn)
    .await?;
    Ok(Some(left))
}

/// Ends a pending session (its code was accepted); returns whether its password must still be changed, or
/// `None` if it was not pending any more (a concurrent step took it).
pub(super) async fn take_pending_session(conn: &mut PgConnection, token_hash: &str) -> sqlx::Result<Option<bool>> {
    // language=PostgreSQL
    sqlx::query_scalar!(
        "delete from staff_session where token_hash = $1 and second_factor_pending and expires_at > now()
         returning password_change_required",
        token_hash,
    )
    .fetch_optional(conn)
    .await
}

/// Removes a staff member's second factor (an admin's reset).
///
/// The secret and recovery codes go with it (trigger `staff_second_factor_cleared`). Returns when it had been
/// enrolled; `None` if there was none.
pub async fn clear(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        r#"update staff_credential c set second_factor_enrolled_at = null
           from staff_credential prior
           where c.casino_id = $1 and c.staff_id = $2 and prior.staff_id = c.staff_id
             and c.second_factor_enrolled_at is not null
           returning prior.second_factor_enrolled_at as "enrolled_at!""#,
        casino_id.0,
        staff_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.enrolled_at))
}
