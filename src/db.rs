//! The unit of work: every database call runs in one transaction whose first statement sets the row-level
//! security context, and which commits only when the work succeeds.
//!
//! This is the only place that begins transactions (DESIGN.md §3). Domain functions take `&mut PgConnection`
//! and never begin, commit or roll back. The context is transaction-local (`set_config(…, true)`): a
//! session-level setting would leak to the next user of a pooled connection.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::actor::Actor;
use crate::casino::CasinoId;
use crate::error::{DomainError, ErrorCode, FieldError};

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
    let actor = scope.actor;
    let context = Context {
        casino_id: Some(actor.casino_id),
        staff_id: Some(actor.staff_id.0),
        staff_role: Some(actor.role.as_str()),
        request_id: Some(scope.request_id),
        ..Context::default()
    };
    run(pool, &context, work).await
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
                  set_config('app.login_email', $5, true) as "login", set_config('app.session_token', $6, true) as "session""#,
        context.casino_id.map(|id| id.0.to_string()).unwrap_or_default(),
        context.staff_id.map(|id| id.to_string()).unwrap_or_default(),
        context.staff_role.unwrap_or_default(),
        context.request_id.map(|id| id.to_string()).unwrap_or_default(),
        context.login_email.unwrap_or_default(),
        context.session_token.unwrap_or_default(),
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

/// Why an idempotent call failed: its own domain error, a key reused for something else, or the store.
#[derive(Debug, thiserror::Error)]
pub enum IdempotentError<E> {
    /// The work itself refused or failed.
    #[error(transparent)]
    Domain(E),
    /// The request id was already used, by this staff member for another action or by someone else.
    #[error("request id {0} was already used for a different action")]
    KeyReused(Uuid),
    /// The stored response could not be read back (a schema change between attempts).
    #[error("stored response for request id {0} is unreadable: {1}")]
    Unreadable(Uuid, serde_json::Error),
    /// Infrastructure failure.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl<E: DomainError> DomainError for IdempotentError<E> {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Domain(error) => error.code(),
            Self::KeyReused(_) => ErrorCode::IdempotencyKeyReused,
            Self::Unreadable(..) => ErrorCode::Internal,
            Self::Db(error) => crate::error::db_error_code(error),
        }
    }

    fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::Domain(error) => error.fields(),
            _ => Vec::new(),
        }
    }
}

/// Like [`scoped`], for a mutation that carries a request id (`key`).
///
/// The first call with a key does the work and stores its response in the same transaction; any later or concurrent call with that key returns the
/// stored response and writes nothing (DESIGN.md §1.6).
///
/// A concurrent duplicate blocks on the key's row until the first commits, then replays its response; if the
/// first rolls back, the duplicate does the work itself. Failed calls store nothing, so they can be retried.
pub async fn scoped_idempotent<T, E>(
    pool: &PgPool,
    scope: &Scope,
    key: Uuid,
    action: &str,
    work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, IdempotentError<E>>
where
    T: Serialize + DeserializeOwned,
    E: From<sqlx::Error>,
{
    scoped(pool, scope, async |conn: &mut PgConnection| {
        let casino_id = scope.actor.casino_id.0;
        let staff_id = scope.actor.staff_id.0;
        // language=PostgreSQL
        let claimed = sqlx::query_scalar!(
            "insert into idempotent_request (casino_id, key, action, staff_id) values ($1, $2, $3, $4)
             on conflict (casino_id, key) do nothing
             returning true as \"claimed!\"",
            casino_id,
            key,
            action,
            staff_id,
        )
        .fetch_optional(&mut *conn)
        .await?
        .is_some();
        if !claimed {
            // language=PostgreSQL
            let stored = sqlx::query!(
                "select action, response from idempotent_request where casino_id = $1 and key = $2",
                casino_id,
                key,
            )
            .fetch_optional(&mut *conn)
            .await?;
            return match stored {
                Some(row) if row.action == action => match row.response {
                    Some(response) => serde_json::from_value(response).map_err(|e| IdempotentError::Unreadable(key, e)),
                    None => Err(IdempotentError::KeyReused(key)),
                },
                _ => Err(IdempotentError::KeyReused(key)),
            };
        }
        let value = work(conn).await.map_err(IdempotentError::Domain)?;
        let response = serde_json::to_value(&value).map_err(|e| IdempotentError::Unreadable(key, e))?;
        // language=PostgreSQL
        sqlx::query!(
            "update idempotent_request set response = $3 where casino_id = $1 and key = $2",
            casino_id,
            key,
            response,
        )
        .execute(&mut *conn)
        .await?;
        Ok(value)
    })
    .await
}

/// The login role the application runs as; it owns nothing and cannot bypass row-level security.
pub const RUNTIME_ROLE: &str = "pitboss_app";

/// Makes a fresh connection act as [`RUNTIME_ROLE`] if it logged in as another role (a development URL with
/// a superuser, say), so row-level security applies to every query the app sends.
pub async fn assume_runtime_role(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    // language=PostgreSQL
    let current = sqlx::query_scalar!(r#"select current_user::text as "role!""#).fetch_one(&mut *conn).await?;
    if current != RUNTIME_ROLE {
        // language=PostgreSQL
        sqlx::query!("set role pitboss_app").execute(conn).await?;
    }
    Ok(())
}

/// Whether the database answers a trivial query: what `/readyz` reports.
pub async fn ping(pool: &PgPool) -> Result<(), sqlx::Error> {
    // language=PostgreSQL
    sqlx::query_scalar!(r#"select 1 as "one!""#).fetch_one(pool).await.map(|_| ())
}

/// Creates database `name` on the server `admin` is connected to, unless it exists; returns whether it did.
/// Tolerates a concurrent creator.
pub async fn create_database_if_missing(admin: &PgPool, name: &str) -> Result<bool, sqlx::Error> {
    // language=PostgreSQL
    let exists =
        sqlx::query_scalar!(r#"select exists (select 1 from pg_database where datname = $1) as "exists!""#, name)
            .fetch_one(admin)
            .await?;
    if exists {
        return Ok(false);
    }
    // CREATE DATABASE takes no bind parameters; the name is quoted as an identifier.
    let statement = format!("create database \"{}\"", name.replace('"', "\"\""));
    match sqlx::query(&statement).execute(admin).await {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P04") => Ok(false),
        Err(e) => Err(e),
    }
}

/// How many migrations the database has applied (0 before the first `migrate`).
pub async fn applied_migrations(owner: &PgPool) -> Result<usize, sqlx::Error> {
    // sqlx creates its bookkeeping table on first run, so it may not exist yet; checked by name.
    // language=PostgreSQL
    let exists = sqlx::query_scalar!(r#"select to_regclass('_sqlx_migrations') is not null as "exists!""#)
        .fetch_one(owner)
        .await?;
    if !exists {
        return Ok(0);
    }
    // language=PostgreSQL
    let count = sqlx::query_scalar("select count(*) from _sqlx_migrations where success").fetch_one(owner).await;
    count.map(|n: i64| usize::try_from(n).unwrap_or_default())
}
