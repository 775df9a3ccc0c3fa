//! The role matrix at the database: for every tenant table, every staff role and every operation (read,
//! insert, update, delete of its own casino's rows), the runtime role under that role's request context
//! may do exactly what `docs/rls-matrix.md` says — so a server function that forgot a role check still
//! could not write what the role may not.
//!
//! Each operation is tried on a real row of casino A inside a rolled-back savepoint: an update that sets a
//! column to itself, a delete, and an insert of a copy of the row (which passes row-level security only to
//! hit the primary key). The same probes as the superuser must reach the row, so a refusal cannot come
//! from a probe that could never succeed. Tables are discovered from the catalog; one missing from the
//! expected matrix fails the test.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use std::fmt;

use common::probe::{Outcome, attempt, enter_context, one_row, tenant_key, tenant_tables};
use common::{ADMIN_A, CASHIER_A, CASINO_A, COMPLIANCE_A, DEALER_A, PIT_BOSS_A, Pools};
use pitboss::casino::StaffId;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection};

const ROLES: [(&str, StaffId); 5] = [
    ("dealer", DEALER_A),
    ("pit_boss", PIT_BOSS_A),
    ("cashier", CASHIER_A),
    ("compliance", COMPLIANCE_A),
    ("admin", ADMIN_A),
];
const OPERATIONS: [&str; 4] = ["read", "insert", "update", "delete"];

const ALL: &[&str] = &["dealer", "pit_boss", "cashier", "compliance", "admin"];
const NONE: &[&str] = &[];
const ADMIN: &[&str] = &["admin"];
const FLOOR: &[&str] = &["pit_boss", "admin"];
const FINANCE_READ: &[&str] = &["pit_boss", "cashier", "compliance", "admin"];
const FINANCE_WRITE: &[&str] = &["pit_boss", "cashier", "admin"];
const MTL_READ: &[&str] = &["pit_boss", "compliance", "admin"];
const COMPLIANCE: &[&str] = &["compliance", "admin"];
const COUNT_ROOM: &[&str] = &["cashier", "admin"];
const CAGE_COMPLIANCE: &[&str] = &["cashier", "compliance", "admin"];

/// Per table, the roles that may read, insert, update and delete their casino's rows (`docs/rls-matrix.md`).
/// Rows owned by a staff member (sessions, stored responses) are probed as their owner.
const EXPECTED: &[(&str, [&[&str]; 4])] = &[
    ("audit_chain", [ALL, NONE, NONE, NONE]),
    ("audit_chain_pending", [ALL, NONE, NONE, NONE]),
    ("audit_log", [ALL, ALL, NONE, NONE]),
    ("casino", [ALL, ADMIN, ADMIN, NONE]),
    ("casino_settings", [ALL, ADMIN, ADMIN, NONE]),
    ("comp_item", [ALL, ADMIN, ADMIN, NONE]),
    ("ctr_filing", [COMPLIANCE, COMPLIANCE, NONE, NONE]),
    ("dealer_rotation", [ALL, FLOOR, FLOOR, NONE]),
    ("feature_flag", [ALL, ADMIN, ADMIN, NONE]),
    ("game_settings", [ALL, ADMIN, ADMIN, NONE]),
    ("gaming_table", [ALL, FLOOR, FLOOR, NONE]),
    ("idempotent_request", [ALL, ALL, ALL, NONE]),
    ("loyalty_ledger", [ALL, FLOOR, NONE, NONE]),
    // Cashiers ask for comps (redemptions) only; deciding is the floor's.
    ("loyalty_request", [ALL, FINANCE_WRITE, FLOOR, NONE]),
    ("mtl_alert_acknowledgement", [MTL_READ, COMPLIANCE, NONE, NONE]),
    ("mtl_audit_note", [MTL_READ, COMPLIANCE, NONE, NONE]),
    ("mtl_entry", [MTL_READ, NONE, NONE, NONE]),
    ("mtl_threshold_alert", [MTL_READ, NONE, NONE, NONE]),
    ("player_casino", [ALL, FLOOR, FLOOR, NONE]),
    ("player_exclusion", [ALL, COMPLIANCE, COMPLIANCE, NONE]),
    ("player_financial_transaction", [FINANCE_READ, FINANCE_WRITE, NONE, NONE]),
    ("player_identification", [CAGE_COMPLIANCE, CAGE_COMPLIANCE, CAGE_COMPLIANCE, NONE]),
    // Cashiers move a balance when they redeem, and never open one.
    ("player_loyalty", [ALL, FLOOR, FINANCE_WRITE, NONE]),
    ("player_search_token", [ALL, FLOOR, NONE, FLOOR]),
    ("rating_slip", [ALL, FLOOR, FLOOR, NONE]),
    ("rating_slip_bet_segment", [ALL, FLOOR, FLOOR, NONE]),
    ("rating_slip_pause", [ALL, FLOOR, FLOOR, NONE]),
    ("staff", [ALL, ADMIN, ADMIN, NONE]),
    // Everyone reads and replaces their own credential (the probe acts as its owner); only admins add them.
    ("staff_credential", [ALL, ADMIN, ALL, NONE]),
    // A second factor is its owner's alone, whatever their role (the probe acts as the owner; the service lets
    // only admins and compliance staff set one up). No one else reads it: `tests/rls.rs`.
    ("staff_recovery_code", [ALL, ALL, ALL, ALL]),
    ("staff_second_factor", [ALL, ALL, ALL, ALL]),
    ("staff_session", [ALL, NONE, NONE, ALL]),
    ("table_cage_request", [FINANCE_READ, FLOOR, FINANCE_WRITE, NONE]),
    ("table_drop", [FINANCE_READ, COUNT_ROOM, NONE, NONE]),
    ("table_inventory_count", [FINANCE_READ, FLOOR, NONE, NONE]),
    ("visit", [ALL, FLOOR, FLOOR, NONE]),
];

/// What a probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Access {
    /// The operation reached the row (or, for an insert, passed row-level security).
    Reached,
    /// Hidden by row-level security, refused by a policy or a missing grant, or by the append-only trigger.
    Refused,
    /// Failed for a reason that says nothing about access: the probe is broken.
    Broken(String),
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Access::Reached => f.write_str("reached"),
            Access::Refused => f.write_str("refused"),
            Access::Broken(why) => write!(f, "broken ({why})"),
        }
    }
}

fn classify(outcome: &Outcome) -> Access {
    match outcome {
        Ok(rows) if *rows > 0 => Access::Reached,
        Ok(_) => Access::Refused,
        // Past row-level security: stopped by the copy's primary key, or a delete by a row referring to it.
        Err((code, _)) if code == "23505" || code == "23503" => Access::Reached,
        Err((code, _)) if code == "42501" => Access::Refused,
        Err((_, message)) if message.contains("append-only") => Access::Refused,
        Err((code, message)) => Access::Broken(format!("{code} {message}")),
    }
}

/// A probe's row: one of casino A's, as JSON, and the `where` clause naming it by primary key.
struct Target {
    row: serde_json::Value,
    matches: String,
    owner: Option<String>,
}

async fn target(admin: &mut PgConnection, table: &str) -> Target {
    let row = one_row(admin, table, CASINO_A.0).await;
    let primary_key: Vec<String> = sqlx::query_scalar(
        "select a.attname::text from pg_index i
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
         where i.indrelid = $1::regclass and i.indisprimary order by a.attnum",
    )
    .bind(table)
    .fetch_all(&mut *admin)
    .await
    .expect("primary key");
    assert!(!primary_key.is_empty(), "{table} has no primary key");
    let columns = primary_key.join(", ");
    let matches = format!("({columns}) = (select {columns} from jsonb_populate_record(null::{table}, $1))");
    let owner = row.get("staff_id").and_then(|id| id.as_str()).map(str::to_owned);
    Target { row, matches, owner }
}

/// Read, insert, update and delete of the target as whoever `conn` is, with the request context of
/// `role` when given; everything rolled back.
async fn probe(conn: &mut PgConnection, table: &str, target: &Target, role: Option<(&str, StaffId)>) -> [Access; 4] {
    let mut tx = conn.begin().await.expect("begin");
    if let Some((role, staff)) = role {
        let staff = target.owner.clone().unwrap_or_else(|| staff.0.to_string());
        enter_context(&mut tx, CASINO_A.0, &staff, role).await;
    }
    let key = tenant_key(table);
    let row = Some(&target.row);
    let read = attempt(&mut tx, &format!("select 1 from {table} where {key} = '{}' limit 1", CASINO_A.0), None).await;
    let insert =
        format!("insert into {table} overriding system value select * from jsonb_populate_record(null::{table}, $1)");
    let inserted = attempt(&mut tx, &insert, row).await;
    let updated = attempt(&mut tx, &format!("update {table} set {key} = {key} where {}", target.matches), row).await;
    let deleted = attempt(&mut tx, &format!("delete from {table} where {}", target.matches), row).await;
    tx.rollback().await.expect("rollback");
    [classify(&read), classify(&inserted), classify(&updated), classify(&deleted)]
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn each_role_reads_and_writes_exactly_what_the_matrix_allows(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let mut admin = pools.admin.acquire().await.expect("superuser connection");
    let mut app = pools.app.acquire().await.expect("runtime connection");
    let tables = tenant_tables(&mut admin).await;
    let listed: Vec<&str> = EXPECTED.iter().map(|(table, _)| *table).collect();
    assert_eq!(tables, listed, "every tenant table needs its row in EXPECTED");

    let mut failures = Vec::new();
    let mut cases = 0;
    for (table, allowed) in EXPECTED {
        let target = target(&mut admin, table).await;
        let control = probe(&mut admin, table, &target, None).await;
        for (operation, access) in OPERATIONS.iter().zip(&control) {
            // The append-only trigger stops even the superuser; that refusal is the trigger's, not RLS's.
            let append_only = matches!(access, Access::Refused) && matches!(*operation, "update" | "delete");
            if *access != Access::Reached && !append_only {
                failures.push(format!("{table} {operation}: the superuser control got {access}"));
            }
        }
        for (role, staff) in ROLES {
            let found = probe(&mut app, table, &target, Some((role, staff))).await;
            for ((operation, roles), access) in OPERATIONS.iter().zip(allowed).zip(&found) {
                cases += 1;
                let expected = if roles.contains(&role) { Access::Reached } else { Access::Refused };
                if *access != expected {
                    failures.push(format!("{table} {operation} as {role}: expected {expected}, got {access}"));
                }
            }
        }
    }
    println!("row-level security: {cases} role × table × operation cases");
    assert!(failures.is_empty(), "{} wrong:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(cases, EXPECTED.len() * ROLES.len() * OPERATIONS.len());
    drop((admin, app));
    pools.close().await;
}
