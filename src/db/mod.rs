//! The unit of work: every database call runs in one transaction whose first statement sets the row-level
//! security context, and which commits only when the work succeeds.
//!
//! This is the only place that begins transactions (`docs/architecture.md#the-request-path`). Domain functions take `&mut PgConnection`
//! and never begin, commit or roll back. The context is transaction-local (`set_config(…, true)`): a
//! session-level setting would leak to the next user of a pooled connection.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::actor::Actor;
use crate::casino::CasinoId;

/// The request a transaction serves: who acts, and the request id that ties logs and audit rows together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The signed-in staff member.
    pub actor: Actor,
    /// The HTTP request id (or a fresh one for CLI work), stored on audit rows.
    pub request_id: Uuid,
}

/// Runs `work` in one transaction scoped to the actor's casino, staff id and role.
///
/// Commits when `work` returns `Ok`, rolls back otherwise, so a failed call leaves nothing half-written.
pub async fn scoped<T, E>(
    pool: &PgPool,
    scope: &Scope,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<sqlx::Error>,
{
    run(pool, &Context::of_staff(scope, None), work).await
}

/// Like [`scoped`], with the transaction's clock (`app_now()` in SQL) set to `at` instead of the database's.
///
/// For the shift simulator and tests that must act at a chosen instant (a gaming-day boundary, a DST change);
/// requests from a browser always run on the database clock.
pub async fn scoped_at<T, E>(
    pool: &PgPool,
    scope: &Scope,
    at: DateTime<Utc>,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<sqlx::Error>,
{
    run(pool, &Context::of_staff(scope, Some(at)), work).await
}

/// Runs platform work for one casino as its administrator, with no staff member behind it.
///
/// For creating a casino and its first staff from the command line or the demo seed. Audit rows written here have no actor.
pub async fn as_casino_admin<T, E>(
    pool: &PgPool,
    casino_id: CasinoId,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<sqlx::Error>,
{
    let context = Context {
        casino_id: Some(casino_id),
        staff_role: Some("admin"),
        request_id: Some(Uuid::new_v4()),
        ..Context::default()
    };
    run(pool, &context, work).await
}

/// Runs operator work with no request context: a superuser or owner connection (the command line) sees
/// every casino; the runtime role sees nothing, by design.
pub async fn as_operator<T, E>(pool: &PgPool, work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>) -> Result<T, E>
where
    E: From<sqlx::Error>,
{
    run(pool, &Context { request_id: Some(Uuid::new_v4()), ..Context::default() }, work).await
}

/// Runs a sign-in step that may read only the credential and throttle records of `email`.
pub(crate) async fn for_login<T, E>(
    pool: &PgPool,
    email: &str,
    request_id: Uuid,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<sqlx::Error>,
{
    let context = Context { login_email: Some(email), request_id: Some(request_id), ..Context::default() };
    run(pool, &context, work).await
}

/// Runs session resolution or sign-out, which may read only the session whose keyed token hash is given.
pub(crate) async fn for_session<T, E>(
    pool: &PgPool,
    token_hash: &str,
    request_id: Uuid,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<sqlx::Error>,
{
    let context = Context { session_token: Some(token_hash), request_id: Some(request_id), ..Context::default() };
    run(pool, &context, work).await
}

/// Narrows a sign-in or session transaction to the casino and staff member it has just identified, so the
/// rest of that transaction reads and writes under that casino's policies (and audit rows name the actor).
pub(crate) async fn enter_casino(conn: &mut PgConnection, actor: &Actor) -> Result<(), sqlx::Error> {
    // language=PostgreSQL
    sqlx::query!(
        r#"select set_config('app.casino_id', $1, true) as "casino", set_config('app.staff_id', $2, true) as "staff",
                  set_config('app.staff_role', $3, true) as "role""#,
        actor.casino_id.0.to_string(),
        actor.staff_id.0.to_string(),
        actor.role.as_str(),
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// The transaction-local settings one unit of work runs under; `None` leaves a setting unset (fails closed).
#[derive(Default)]
struct Context<'a> {
    casino_id: Option<CasinoId>,
    staff_id: Option<Uuid>,
    staff_role: Option<&'a str>,
    request_id: Option<Uuid>,
    login_email: Option<&'a str>,
    session_token: Option<&'a str>,
    clock: Option<DateTime<Utc>>,
}

impl Context<'_> {
    fn of_staff(scope: &Scope, clock: Option<DateTime<Utc>>) -> Self {
        let actor = scope.actor;
        Context {
            casino_id: Some(actor.casino_id),
            staff_id: Some(actor.staff_id.0),
            staff_role: Some(actor.role.as_str()),
            request_id: Some(scope.request_id),
            clock,
            ..Context::default()
        }
    }
}

async fn run<T, E>(
    pool: &PgPool,
    context: &Context<'_>,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<sqlx::Error>,
{
    let mut tx = pool.begin().await?;
    // One round trip sets everything; an empty string is what policies treat as "not set".
    // language=PostgreSQL
    sqlx::query!(
        r#"select set_config('app.casino_id', $1, true) as "casino", set_config('app.staff_id', $2, true) as "staff",
                  set_config('app.staff_role', $3, true) as "role", set_config('app.request_id', $4, true) as "request",
                  set_config('app.login_email', $5, true) as "login", set_config('app.session_token', $6, true) as "session",
                  set_config('app.clock', $7, true) as "clock""#,
        context.casino_id.map(|id| id.0.to_string()).unwrap_or_default(),
        context.staff_id.map(|id| id.to_string()).unwrap_or_default(),
        context.staff_role.unwrap_or_default(),
        context.request_id.map(|id| id.to_string()).unwrap_or_default(),
        context.login_email.unwrap_or_default(),
        context.session_token.unwrap_or_default(),
        context.clock.map(|at| at.to_rfc3339()).unwrap_or_default(),
    )
    .fetch_one(&mut *tx)
    .await?;
    let outcome = work(&mut tx).await;
    if outcome.is_ok() {
        tx.commit().await?;
    }
    // On `Err` the transaction is dropped, which rolls it back.
    outcome
}

mod idempotent;
mod platform;

pub use idempotent::{IdempotentError, idempotent_in, scoped_idempotent};
pub use platform::{
    RUNTIME_ROLE, applied_migrations, assume_runtime_role, create_database_if_missing, ping, repair_reworded_migrations,
};
