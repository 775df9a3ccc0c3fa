//! SQL of sign-in and sessions. Each query runs under the narrow context `db::for_login`/`for_session` set.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::casino::{CasinoId, StaffId, StaffRole, StaffStatus};

/// The credential and staff record behind an email.
pub(super) struct Credential {
    pub staff_id: StaffId,
    pub casino_id: CasinoId,
    pub password_hash: String,
    pub role: StaffRole,
    pub status: StaffStatus,
    pub must_change_password: bool,
    pub second_factor: bool,
}

/// A session found by its token hash, with the staff member behind it and the database's clock.
pub(super) struct SessionRow {
    pub casino_id: CasinoId,
    pub staff_id: StaffId,
    pub role: StaffRole,
    pub status: StaffStatus,
    pub expires_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub password_change_required: bool,
    pub second_factor_pending: bool,
}

/// Failed attempts for the email since its last success within the last day, and the database's now.
pub(super) async fn recent_failures(
    conn: &mut PgConnection,
    email: &str,
) -> sqlx::Result<(Vec<DateTime<Utc>>, DateTime<Utc>)> {
    // language=PostgreSQL
    let failures = sqlx::query_scalar!(
        "select attempted_at from login_attempt
         where email = $1 and not succeeded and attempted_at > now() - interval '1 day'
           and attempted_at > coalesce((select max(attempted_at) from login_attempt
                                        where email = $1 and succeeded), '-infinity')",
        email,
    )
    .fetch_all(&mut *conn)
    .await?;
    // language=PostgreSQL
    let now = sqlx::query_scalar!(r#"select now() as "now!""#).fetch_one(&mut *conn).await?;
    Ok((failures, now))
}

/// Failed attempts within the last `window_seconds` since each login's last success, for the casino's staff
/// (visible to its admins only), and the database's now.
pub(super) async fn casino_failures(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    window_seconds: i64,
) -> sqlx::Result<(Vec<(StaffId, DateTime<Utc>)>, DateTime<Utc>)> {
    // language=PostgreSQL
    let rows = sqlx::query!(
        r#"select c.staff_id as "staff_id: StaffId", a.attempted_at
           from staff_credential c
           join login_attempt a on a.email = c.email
           where c.casino_id = $1 and not a.succeeded and a.attempted_at > now() - make_interval(secs => $2)
             and a.attempted_at > coalesce((select max(s.attempted_at) from login_attempt s
                                            where s.email = c.email and s.succeeded), '-infinity')"#,
        casino_id.0,
        window_seconds as f64,
    )
    .fetch_all(&mut *conn)
    .await?;
    // language=PostgreSQL
    let now = sqlx::query_scalar!(r#"select now() as "now!""#).fetch_one(&mut *conn).await?;
    Ok((rows.into_iter().map(|row| (row.staff_id, row.attempted_at)).collect(), now))
}

/// Forgets an email's failed attempts (an admin lifting its lock); returns how many.
pub(super) async fn forget_failures(conn: &mut PgConnection, email: &str) -> sqlx::Result<u64> {
    // language=PostgreSQL
    let deleted =
        sqlx::query!("delete from login_attempt where email = $1 and not succeeded", email).execute(conn).await?;
    Ok(deleted.rows_affected())
}

pub(super) async fn credential(conn: &mut PgConnection, email: &str) -> sqlx::Result<Option<Credential>> {
    // language=PostgreSQL
    sqlx::query_as!(
        Credential,
        r#"select c.staff_id as "staff_id: StaffId", c.casino_id as "casino_id: CasinoId", c.password_hash,
                  s.role as "role: StaffRole", s.status as "status: StaffStatus", c.must_change_password,
                  c.second_factor_enrolled_at is not null as "second_factor!"
           from staff_credential c
           join staff s on s.id = c.staff_id and s.casino_id = c.casino_id
           where c.email = $1"#,
        email,
    )
    .fetch_optional(conn)
    .await
}

/// Records an attempt and forgets the email's attempts older than a day (throttling looks back 15 minutes).
pub(super) async fn record_attempt(conn: &mut PgConnection, email: &str, succeeded: bool) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!("delete from login_attempt where email = $1 and attempted_at < now() - interval '1 day'", email,)
        .execute(&mut *conn)
        .await?;
    // language=PostgreSQL
    sqlx::query!("insert into login_attempt (email, succeeded) values ($1, $2)", email, succeeded)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What a new session may do at first.
#[derive(Debug, Clone, Copy)]
pub(super) struct NewSession {
    pub lifetime_seconds: i64,
    pub password_change_required: bool,
    pub second_factor_pending: bool,
}

/// Starts a session and clears this staff member's expired ones; returns when it expires.
pub(super) async fn insert_session(
    conn: &mut PgConnection,
    token_hash: &str,
    casino_id: CasinoId,
    staff_id: StaffId,
    new: NewSession,
) -> sqlx::Result<DateTime<Utc>> {
    // language=PostgreSQL
    sqlx::query!(
        "delete from staff_session where casino_id = $1 and staff_id = $2 and expires_at <= now()",
        casino_id.0,
        staff_id.0,
    )
    .execute(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query_scalar!(
        "insert into staff_session (token_hash, casino_id, staff_id, expires_at, password_change_required,
                                    second_factor_pending)
         values ($1, $2, $3, now() + make_interval(secs => $4), $5, $6)
         returning expires_at",
        token_hash,
        casino_id.0,
        staff_id.0,
        new.lifetime_seconds as f64,
        new.password_change_required,
        new.second_factor_pending,
    )
    .fetch_one(conn)
    .await
}

pub(super) async fn session(conn: &mut PgConnection, token_hash: &str) -> sqlx::Result<Option<SessionRow>> {
    // language=PostgreSQL
    sqlx::query_as!(
        SessionRow,
        r#"select s.casino_id as "casino_id: CasinoId", s.staff_id as "staff_id: StaffId",
                  st.role as "role: StaffRole", st.status as "status: StaffStatus",
                  s.expires_at, s.last_seen_at, now() as "now!", s.password_change_required,
                  s.second_factor_pending
           from staff_session s
           join staff st on st.id = s.staff_id and st.casino_id = s.casino_id
           where s.token_hash = $1"#,
        token_hash,
    )
    .fetch_optional(conn)
    .await
}

pub(super) async fn touch_session(conn: &mut PgConnection, token_hash: &str) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!("update staff_session set last_seen_at = now() where token_hash = $1", token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn delete_session(conn: &mut PgConnection, token_hash: &str) -> sqlx::Result<()> {
    // language=PostgreSQL
    sqlx::query!("delete from staff_session where token_hash = $1", token_hash).execute(conn).await?;
    Ok(())
}

/// Ends every session of one staff member; returns how many there were.
pub(super) async fn delete_sessions_of(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<u64> {
    // language=PostgreSQL
    let done =
        sqlx::query!("delete from staff_session where casino_id = $1 and staff_id = $2", casino_id.0, staff_id.0,)
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}

/// The signed-in staff member's own email and password hash.
pub(super) async fn own_credential(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
) -> sqlx::Result<Option<(String, String)>> {
    // language=PostgreSQL
    let row = sqlx::query!(
        "select email, password_hash from staff_credential where casino_id = $1 and staff_id = $2",
        casino_id.0,
        staff_id.0,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.email, r.password_hash)))
}

/// Replaces one's own password, no longer temporary: the session `keep` is free to act again (cleared
/// under its own token, `staff_session_touch_own`), and the others, signed in with the old password, end.
pub(super) async fn replace_own_password(
    conn: &mut PgConnection,
    casino_id: CasinoId,
    staff_id: StaffId,
    password_hash: &str,
    keep: &str,
) -> sqlx::Result<u64> {
    // language=PostgreSQL
    sqlx::query!(
        "update staff_credential set password_hash = $3, must_change_password = false
         where casino_id = $1 and staff_id = $2",
        casino_id.0,
        staff_id.0,
        password_hash,
    )
    .execute(&mut *conn)
    .await?;
    // language=PostgreSQL
    sqlx::query_scalar!("select set_config('app.session_token', $1, true)", keep).fetch_one(&mut *conn).await?;
    // language=PostgreSQL
    sqlx::query!("update staff_session set password_change_required = false where token_hash = $1", keep)
        .execute(&mut *conn)
        .await?;
    // language=PostgreSQL
    let ended = sqlx::query!(
        "delete from staff_session where casino_id = $1 and staff_id = $2 and token_hash <> $3",
        casino_id.0,
        staff_id.0,
        keep,
    )
    .execute(conn)
    .await?;
    Ok(ended.rows_affected())
}
