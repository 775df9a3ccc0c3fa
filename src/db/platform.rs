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

/// Applied migrations whose files were later edited in their comments only, each with the checksum (SHA-384,
/// hex) its file had before. sqlx refuses to migrate a database whose applied migrations no longer match their
/// files; these edits changed no statement, so [`repair_reworded_migrations`] records the new checksums.
const REWORDED: [(i64, &str); 6] = [
    (
        20261128000100,
        "4b5396d3d69876403f604d0ba6899906a52c76ca873bc00ae0f1b000fcc005eaf3f54df8e50104d060f01ee59d2676ce",
    ),
    (
        20261128000200,
        "4b356baa5f6fe259ac1cd13ac460359c3b59aa8454450277f954e65d5d94fb91a2aaa7c2ad6f3b085ef5ff4d77a76bae",
    ),
    (
        20261128000300,
        "bc7d8eef10160d23588f7a2a2abd6f0e267901c0a91b4bbfd610ef61247130994cf077627cb2727285ba8ab914715301",
    ),
    (
        20261128000400,
        "6198242230265a2dcdce57a19a2da3567162f02b5f7c7f0ec5523164459b90998d8a8e4779d9a875cd94e4914171b65c",
    ),
    (
        20261128000500,
        "31edb701de5ce290a5f564d7ecf0d2f62d2d79ac18768dfe29ba57102a1651fca4bc7881c9052194f300f221d9c29282",
    ),
    (
        20261128001000,
        "2f01796754ee799e1dbb34a09635c49bf30e2f2e3c9a84158c9e4d3325832f5eff7dc5f6382918229a88029fc4f76cd7",
    ),
];

/// Records the current checksums of applied migrations that were since reworded in comments only.
///
/// Run before migrating a database made by an older pitboss: where a recorded checksum is exactly the one a
/// file had before its comment-only edit ([`REWORDED`]), the file's checksum now replaces it. Any other
/// mismatch is left alone, so sqlx still refuses it. Returns how many rows it updated.
pub async fn repair_reworded_migrations(owner: &PgPool) -> Result<u64, sqlx::Error> {
    if applied_migrations(owner).await? == 0 {
        return Ok(0);
    }
    let mut repaired = 0;
    for (version, before) in REWORDED {
        let Some(migration) = crate::MIGRATOR.iter().find(|m| m.version == version) else { continue };
        // The bookkeeping table is sqlx's, absent from the schema the query cache is checked against.
        let done = sqlx::query(
            "update _sqlx_migrations set checksum = $1 where version = $2 and checksum = decode($3, 'hex')",
        )
        .bind(migration.checksum.as_ref())
        .bind(version)
        .bind(before)
        .execute(owner)
        .await?;
        repaired += done.rows_affected();
    }
    Ok(repaired)
}
