//! Invariants of the schema itself: tenancy is enforced on every table, the runtime role is powerless
//! beyond it, foreign keys are indexed, and migrating an up-to-date database changes nothing.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::Pools;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn every_tenant_table_has_forced_rls_and_a_policy(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let rows: Vec<(String, bool, bool, i64)> = sqlx::query_as(
        "select c.relname::text, c.relrowsecurity, c.relforcerowsecurity,
                (select count(*) from pg_policy p where p.polrelid = c.oid)
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r' and c.relname <> '_sqlx_migrations'
         order by 1",
    )
    .fetch_all(&pools.admin)
    .await
    .expect("catalog");
    let tenant_tables: Vec<String> = sqlx::query_scalar(
        "select distinct table_name::text from information_schema.columns
         where table_schema = 'public' and column_name = 'casino_id'",
    )
    .fetch_all(&pools.admin)
    .await
    .expect("catalog");
    assert!(tenant_tables.len() >= 11, "{tenant_tables:?}");

    // Stricter than tenancy needs: every application table, tenant or not (player, login_attempt), is covered.
    let unprotected: Vec<_> =
        rows.iter().filter(|(_, enabled, forced, policies)| !(*enabled && *forced && *policies > 0)).collect();
    assert!(unprotected.is_empty(), "tables without enabled+forced RLS and a policy: {unprotected:?}");
    for table in &tenant_tables {
        assert!(rows.iter().any(|(name, ..)| name == table), "{table} is not a plain table in public");
    }
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_runtime_role_owns_nothing_and_cannot_bypass_rls(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let (superuser, bypass, create_role, create_db): (bool, bool, bool, bool) = sqlx::query_as(
        "select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = 'pitboss_app'",
    )
    .fetch_one(&pools.admin)
    .await
    .expect("role");
    assert_eq!((superuser, bypass, create_role, create_db), (false, false, false, false));
    let owned: i64 = sqlx::query_scalar(
        "select (select count(*) from pg_class where relowner = 'pitboss_app'::regrole)
              + (select count(*) from pg_proc where proowner = 'pitboss_app'::regrole)
              + (select count(*) from pg_type where typowner = 'pitboss_app'::regrole)
              + (select count(*) from pg_namespace where nspowner = 'pitboss_app'::regrole)",
    )
    .fetch_one(&pools.admin)
    .await
    .expect("ownership");
    assert_eq!(owned, 0, "pitboss_app must own no object");
    let owners: Vec<String> = sqlx::query_scalar(
        "select distinct pg_get_userbyid(relowner)::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r' and c.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&pools.admin)
    .await
    .expect("owners");
    assert_eq!(owners, ["pitboss_owner"]);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn every_foreign_key_has_a_supporting_index(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let unindexed: Vec<String> = sqlx::query_scalar(
        "select c.conname::text from pg_constraint c
         where c.contype = 'f' and c.connamespace = 'public'::regnamespace
           and not exists (
               select 1 from pg_index i
               where i.indrelid = c.conrelid
                 and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                 and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
         order by 1",
    )
    .fetch_all(&pools.admin)
    .await
    .expect("catalog");
    assert!(unindexed.is_empty(), "foreign keys without a leading index: {unindexed:?}");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn migrating_an_up_to_date_database_applies_nothing(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let before = pitboss::db::applied_migrations(&pools.admin).await.expect("count");
    assert_eq!(before, pitboss::MIGRATOR.iter().count());
    pitboss::MIGRATOR.run(&pools.admin).await.expect("re-run");
    assert_eq!(pitboss::db::applied_migrations(&pools.admin).await.expect("count"), before);
    pools.close().await;
}
