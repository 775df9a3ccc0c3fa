//! The documentation that other people rely on stays true to the database: every row-level security policy is
//! in `docs/rls-matrix.md`, every name the matrix uses exists, and the policy names the original MVP's
//! security gates list are real.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use std::collections::BTreeSet;

use common::Pools;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// The policy names the original MVP's security gates list, kept so the matrix traces back to them.
const GATE_POLICIES: [&str; 13] = [
    "staff_read_same_casino",
    "casino_settings_read_same_casino",
    "player_read_same_casino",
    "gaming_table_read_same_casino",
    "gaming_table_write_pit_boss_admin",
    "visit_read_same_casino",
    "visit_write_pit_boss_admin",
    "rating_slip_read_same_casino",
    "rating_slip_write_telemetry_role",
    "player_loyalty_read_same_casino",
    "loyalty_ledger_append_only",
    "player_financial_transaction_append_only",
    "mtl_entry_read_compliance_roles",
];

/// The backticked names in the read and write columns of the matrix's policy table (the "## Policies"
/// section).
fn names_in_matrix(matrix: &str) -> BTreeSet<String> {
    let section = matrix.split("\n## Policies").nth(1).expect("a Policies section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut names = BTreeSet::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').collect();
        for cell in cells.iter().skip(3).take(2) {
            for (i, part) in cell.split('`').enumerate() {
                if i % 2 == 1 && part.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    names.insert(part.to_owned());
                }
            }
        }
    }
    names
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_rls_matrix_names_exactly_the_policies_in_the_database(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let policies: BTreeSet<String> =
        sqlx::query_scalar("select policyname::text from pg_policies where schemaname = 'public'")
            .fetch_all(&pools.admin)
            .await
            .expect("policies")
            .into_iter()
            .collect();
    // Triggers, functions and roles the matrix names beside policies.
    let others: BTreeSet<String> = sqlx::query_scalar(
        "select tgname::text from pg_trigger where not tgisinternal
         union select proname::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
         union select rolname::text from pg_roles",
    )
    .fetch_all(&pools.admin)
    .await
    .expect("triggers and functions")
    .into_iter()
    .collect();
    let matrix = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rls-matrix.md")).expect("matrix");
    let named = names_in_matrix(&matrix);

    let undocumented: Vec<_> = policies.iter().filter(|p| !named.contains(*p)).collect();
    assert!(undocumented.is_empty(), "policies missing from docs/rls-matrix.md: {undocumented:?}");
    let unknown: Vec<_> = named.iter().filter(|n| !policies.contains(*n) && !others.contains(*n)).collect();
    assert!(unknown.is_empty(), "docs/rls-matrix.md names what the database does not have: {unknown:?}");
    let missing: Vec<_> = GATE_POLICIES.iter().filter(|p| !policies.contains(**p)).collect();
    assert!(missing.is_empty(), "gate policies missing: {missing:?}");
    pools.close().await;
}
