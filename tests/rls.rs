//! Row-level security, proven as the runtime role: casino A's context cannot read, insert, update or delete
//! casino B's rows in any tenant table, and a transaction without context sees nothing.
//!
//! The tenant tables are discovered from the catalog (every table with a `casino_id`, plus `casino`), so a
//! new table is covered the day it is created; the fixture must give it rows of both casinos or this fails.
//! Every probe also runs as the superuser, which bypasses RLS: those controls must reach B's rows, so the
//! test cannot pass vacuously.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::probe::{Outcome, attempt, enter_context, one_row, tenant_key, tenant_tables};
use common::{CASINO_A, CASINO_B, Pools, admin_a};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection};

#[derive(Debug)]
struct Probe {
    without_context: i64,
    own_rows: i64,
    others_visible: i64,
    updated: Outcome,
    deleted: Outcome,
    inserted: Outcome,
}

async fn count(conn: &mut PgConnection, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Probes one table from inside casino A's admin context (the most privileged staff context), in a
/// transaction that is rolled back.
async fn probe(conn: &mut PgConnection, table: &str, b_row: &serde_json::Value) -> Probe {
    let key = tenant_key(table);
    let (a, b) = (CASINO_A.0, CASINO_B.0);
    let mut tx = conn.begin().await.expect("begin");
    let without_context = count(&mut tx, &format!("select count(*) from {table}")).await;
    let actor = admin_a();
    enter_context(&mut tx, actor.casino_id.0, &actor.staff_id.0.to_string(), "admin").await;
    let own_rows = count(&mut tx, &format!("select count(*) from {table} where {key} = '{a}'")).await;
    let others_visible = count(&mut tx, &format!("select count(*) from {table} where {key} <> '{a}'")).await;
    let updated = attempt(&mut tx, &format!("update {table} set {key} = {key} where {key} = '{b}'"), None).await;
    let deleted = attempt(&mut tx, &format!("delete from {table} where {key} = '{b}'"), None).await;
    let inserted = attempt(
        &mut tx,
        &format!("insert into {table} overriding system value select * from jsonb_populate_record(null::{table}, $1)"),
        Some(b_row),
    )
    .await;
    tx.rollback().await.expect("rollback");
    Probe { without_context, own_rows, others_visible, updated, deleted, inserted }
}

/// RLS hides the rows (0 affected) or the role lacks the privilege outright; either way B is untouched.
fn refused(outcome: &Outcome) -> bool {
    match outcome {
        Ok(rows) => *rows == 0,
        Err((code, message)) => code == "42501" && message.starts_with("permission denied"),
    }
}

/// The statement reached B's row: it changed it, or a foreign key or the append-only trigger stopped it
/// only after finding it.
fn reached(outcome: &Outcome) -> bool {
    match outcome {
        Ok(rows) => *rows > 0,
        Err((code, message)) => code == "23503" || message.contains("append-only"),
    }
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn one_casinos_context_never_reaches_another_casinos_rows(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let mut admin = pools.admin.acquire().await.expect("admin connection");
    let mut app = pools.app.acquire().await.expect("app connection");
    let tables = tenant_tables(&mut admin).await;
    assert!(tables.len() >= 12, "expected every tenant table, found {tables:?}");

    for table in &tables {
        let b_row = one_row(&mut admin, table, CASINO_B.0).await;

        let runtime = probe(&mut app, table, &b_row).await;
        assert_eq!(runtime.without_context, 0, "{table}: a transaction without context saw rows");
        assert_eq!(runtime.others_visible, 0, "{table}: casino A saw another casino's rows");
        assert!(refused(&runtime.updated), "{table}: casino A updated B's rows: {:?}", runtime.updated);
        assert!(refused(&runtime.deleted), "{table}: casino A deleted B's rows: {:?}", runtime.deleted);
        match &runtime.inserted {
            // RLS refuses the row, or (mtl_entry) the runtime role may not insert at all.
            Err((code, message)) => assert!(
                code == "42501" && (message.contains("row-level security") || message.starts_with("permission denied")),
                "{table}: insert of a B row failed for another reason: {code} {message}"
            ),
            Ok(_) => panic!("{table}: casino A inserted a row for casino B"),
        }

        // The same probe as the superuser reaches B's rows: the assertions above have teeth.
        let control = probe(&mut admin, table, &b_row).await;
        assert!(control.without_context > 0, "{table}: control saw nothing");
        assert!(control.others_visible > 0, "{table}: control cannot see B's rows");
        assert!(reached(&control.updated), "{table}: control update did not reach B: {:?}", control.updated);
        assert!(reached(&control.deleted), "{table}: control delete did not reach B: {:?}", control.deleted);
        let own_as_superuser = control.own_rows;
        assert_eq!(runtime.own_rows, own_as_superuser, "{table}: casino A's admin should see all of A's rows");
    }
    drop((admin, app));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn players_are_visible_only_where_they_are_enrolled(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let mut tx = pools.app.begin().await.expect("begin");
    let unscoped: i64 = sqlx::query_scalar("select count(*) from player").fetch_one(&mut *tx).await.expect("count");
    sqlx::query("select set_config('app.casino_id', $1, true), set_config('app.staff_role', 'admin', true)")
        .bind(CASINO_A.0.to_string())
        .execute(&mut *tx)
        .await
        .expect("context");
    let mut seen: Vec<String> =
        sqlx::query_scalar("select last_name from player").fetch_all(&mut *tx).await.expect("players");
    seen.sort();
    let renamed = sqlx::query("update player set last_name = 'X' where last_name = 'Bakker'")
        .execute(&mut *tx)
        .await
        .expect("update")
        .rows_affected();
    tx.rollback().await.expect("rollback");

    assert_eq!(unscoped, 0);
    assert_eq!(seen, ["Ayala", "Castro"], "Bakker is enrolled only at casino B");
    assert_eq!(renamed, 0);
    let total: i64 = sqlx::query_scalar("select count(*) from player").fetch_one(&pools.admin).await.expect("count");
    assert_eq!(total, 3, "control: the superuser sees every player");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn sign_in_context_reads_only_the_email_being_tried(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let mut tx = pools.app.begin().await.expect("begin");
    let unscoped: i64 =
        sqlx::query_scalar("select count(*) from login_attempt").fetch_one(&mut *tx).await.expect("count");
    sqlx::query("select set_config('app.login_email', 'admin@a.casino', true)").execute(&mut *tx).await.expect("ctx");
    let emails: Vec<String> =
        sqlx::query_scalar("select email from staff_credential union all select email from login_attempt")
            .fetch_all(&mut *tx)
            .await
            .expect("rows");
    let staff: Vec<String> =
        sqlx::query_scalar("select first_name from staff").fetch_all(&mut *tx).await.expect("staff");
    tx.rollback().await.expect("rollback");

    assert_eq!(unscoped, 0);
    assert_eq!(emails, ["admin@a.casino", "admin@a.casino"]);
    assert_eq!(staff, ["Ada"], "only the staff member behind the credential");
    pools.close().await;
}

/// Which emails' failed sign-ins a staff context sees, and how many it deletes, in a rolled-back transaction.
async fn attempts_reached(pools: &Pools, casino: uuid::Uuid, staff: &str, role: &str) -> (Vec<String>, u64) {
    let mut tx = pools.app.begin().await.expect("begin");
    enter_context(&mut tx, casino, staff, role).await;
    let seen: Vec<String> = sqlx::query_scalar("select distinct email from login_attempt order by email")
        .fetch_all(&mut *tx)
        .await
        .expect("attempts");
    let deleted = sqlx::query("delete from login_attempt").execute(&mut *tx).await.expect("delete").rows_affected();
    tx.rollback().await.expect("rollback");
    (seen, deleted)
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn only_an_admin_of_the_casino_reaches_its_staffs_sign_in_attempts(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    sqlx::query(
        "insert into login_attempt (email, succeeded)
         select email, false from (values ('pitboss@a.casino'), ('ghost@nowhere.casino')) e(email)",
    )
    .execute(&pools.admin)
    .await
    .expect("attempts");
    let admin_a = admin_a();
    let as_admin_a = attempts_reached(&pools, CASINO_A.0, &admin_a.staff_id.0.to_string(), "admin").await;
    let as_pit_boss_a = attempts_reached(&pools, CASINO_A.0, &common::PIT_BOSS_A.0.to_string(), "pit_boss").await;
    let as_admin_b = attempts_reached(&pools, CASINO_B.0, &common::ADMIN_B.0.to_string(), "admin").await;
    let total = count(&mut pools.admin.acquire().await.expect("conn"), "select count(*) from login_attempt").await;

    // The fixture holds one attempt each of admin@a.casino and admin@b.casino.
    let own = vec!["admin@a.casino".to_owned(), "pitboss@a.casino".to_owned()];
    assert_eq!(as_admin_a, (own, 2), "their own casino's staff only, never an unknown email");
    assert_eq!(as_pit_boss_a, (vec![], 0), "admins only");
    assert_eq!(as_admin_b, (vec!["admin@b.casino".to_owned()], 1));
    assert_eq!(total, 4, "control: the superuser sees every attempt");
    pools.close().await;
}

/// How many second-factor secrets and recovery codes of `owner` a context sees: a staff context of `casino`
/// (`staff`, `role`), or the sign-in of `email`; in a rolled-back transaction.
async fn second_factor_rows(
    pools: &Pools,
    staff_context: Option<(&str, &str)>,
    email: Option<&str>,
    owner: &str,
) -> i64 {
    let mut tx = pools.app.begin().await.expect("begin");
    if let Some((staff, role)) = staff_context {
        enter_context(&mut tx, CASINO_A.0, staff, role).await;
    }
    if let Some(email) = email {
        sqlx::query("select set_config('app.login_email', $1, true)").bind(email).execute(&mut *tx).await.expect("ctx");
    }
    let seen: i64 = sqlx::query_scalar(
        "select (select count(*) from staff_second_factor where staff_id = $1::uuid)
              + (select count(*) from staff_recovery_code where staff_id = $1::uuid)",
    )
    .bind(owner)
    .fetch_one(&mut *tx)
    .await
    .expect("count");
    tx.rollback().await.expect("rollback");
    seen
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_second_factor_is_its_owners_and_its_sign_ins_only(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let (admin, compliance) = (common::ADMIN_A.0.to_string(), common::COMPLIANCE_A.0.to_string());
    for sql in [
        "insert into staff_credential (staff_id, casino_id, email, password_hash, second_factor_enrolled_at)
         values ($1::uuid, $2, 'compliance@a.casino', 'x', now())",
        "insert into staff_second_factor (staff_id, casino_id, secret) values ($1::uuid, $2, decode(repeat('a5', 20), 'hex'))",
        "insert into staff_recovery_code (casino_id, staff_id, code_hash) values ($2, $1::uuid, 'c-recovery')",
    ] {
        sqlx::query(sql)
            .bind(&compliance)
            .bind(CASINO_A.0)
            .execute(&pools.admin)
            .await
            .expect("compliance officer's second factor");
    }

    assert_eq!(second_factor_rows(&pools, Some((&compliance, "compliance")), None, &compliance).await, 2, "its owner");
    assert_eq!(second_factor_rows(&pools, None, Some("compliance@a.casino"), &compliance).await, 2, "their sign-in");
    assert_eq!(second_factor_rows(&pools, Some((&admin, "admin")), None, &compliance).await, 0, "not even an admin");
    assert_eq!(second_factor_rows(&pools, None, Some("admin@a.casino"), &compliance).await, 0, "not another sign-in");
    assert_eq!(second_factor_rows(&pools, Some((&admin, "admin")), None, &admin).await, 2, "the admin's own");
    let mut control = pools.admin.acquire().await.expect("conn");
    let all = count(
        &mut control,
        "select (select count(*) from staff_second_factor) + (select count(*) from staff_recovery_code)",
    );
    assert_eq!(all.await, 6, "control: the superuser sees every casino's");

    // Its owner cannot remove it; an admin can, and the secret and codes go with it.
    let clear = "update staff_credential set second_factor_enrolled_at = null where staff_id = $1::uuid";
    let mut tx = pools.app.begin().await.expect("begin");
    enter_context(&mut tx, CASINO_A.0, &compliance, "compliance").await;
    let refused = sqlx::query(clear).bind(&compliance).execute(&mut *tx).await.expect_err("refused");
    assert_eq!(refused.as_database_error().and_then(|e| e.code()).as_deref(), Some("42501"), "{refused}");
    tx.rollback().await.expect("rollback");
    let mut tx = pools.app.begin().await.expect("begin");
    enter_context(&mut tx, CASINO_A.0, &admin, "admin").await;
    let cleared = sqlx::query(clear).bind(&compliance).execute(&mut *tx).await.expect("cleared").rows_affected();
    tx.commit().await.expect("commit");
    assert_eq!(cleared, 1);
    let left = format!(
        "select (select count(*) from staff_second_factor where staff_id = '{compliance}')
              + (select count(*) from staff_recovery_code where staff_id = '{compliance}')"
    );
    assert_eq!(count(&mut control, &left).await, 0, "deleted with the enrolment");
    drop(control);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn forced_rls_binds_the_table_owner_too(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let mut tx = pools.admin.begin().await.expect("begin");
    let as_superuser: i64 = sqlx::query_scalar("select count(*) from staff").fetch_one(&mut *tx).await.expect("count");
    sqlx::query("set local role pitboss_owner").execute(&mut *tx).await.expect("become owner");
    let as_owner: i64 = sqlx::query_scalar("select count(*) from staff").fetch_one(&mut *tx).await.expect("count");
    tx.rollback().await.expect("rollback");
    assert_eq!((as_superuser, as_owner), (9, 0));
    pools.close().await;
}
