//! Platform helpers outside any tenant: the runtime role, readiness, database creation, migration count.

use sqlx::{PgConnection, PgPool};

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
