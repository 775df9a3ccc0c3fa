//! Probing the database as a role: which tenant tables exist, and what one statement did when tried inside
//! a savepoint (so a refusal does not abort the surrounding transaction).

use sqlx::{Connection, PgConnection};

/// What one statement did: rows it touched, or the SQLSTATE and message it failed with.
pub type Outcome = Result<u64, (String, String)>;

/// Every table with a `casino_id`, plus `casino`, from the catalog: a new table is covered the day it is
/// created.
pub async fn tenant_tables(conn: &mut PgConnection) -> Vec<String> {
    sqlx::query_scalar(
        "select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r'
           and (c.relname = 'casino'
                or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'casino_id'
                           and not a.attisdropped))
         order by 1",
    )
    .fetch_all(conn)
    .await
    .expect("catalog")
}

/// The column naming a row's casino.
pub fn tenant_key(table: &str) -> &'static str {
    if table == "casino" { "id" } else { "casino_id" }
}

/// Runs `sql` (with `json` bound as `$1` when given) inside a savepoint that is rolled back.
pub async fn attempt(conn: &mut PgConnection, sql: &str, json: Option<&serde_json::Value>) -> Outcome {
    let mut savepoint = conn.begin().await.expect("savepoint");
    let mut query = sqlx::query(sql);
    if let Some(json) = json {
        query = query.bind(json);
    }
    let outcome = match query.execute(&mut *savepoint).await {
        Ok(done) => Ok(done.rows_affected()),
        Err(sqlx::Error::Database(e)) => Err((e.code().unwrap_or_default().into_owned(), e.message().to_owned())),
        Err(e) => panic!("{sql}: {e}"),
    };
    savepoint.rollback().await.expect("rollback savepoint");
    outcome
}

/// One row of `casino` in `table`, as JSON; the fixture must have one.
pub async fn one_row(conn: &mut PgConnection, table: &str, casino: uuid::Uuid) -> serde_json::Value {
    let key = tenant_key(table);
    sqlx::query_scalar(&format!("select to_jsonb(t) from {table} t where {key} = '{casino}' limit 1"))
        .fetch_optional(conn)
        .await
        .expect("fixture row")
        .unwrap_or_else(|| panic!("the fixture has no row of casino {casino} in {table}"))
}

/// Sets a staff request context for the rest of the transaction, the way `pitboss::db` does.
pub async fn enter_context(conn: &mut PgConnection, casino: uuid::Uuid, staff: &str, role: &str) {
    sqlx::query(
        "select set_config('app.casino_id', $1, true), set_config('app.staff_id', $2, true),
                set_config('app.staff_role', $3, true)",
    )
    .bind(casino.to_string())
    .bind(staff)
    .bind(role)
    .execute(conn)
    .await
    .expect("context");
}
