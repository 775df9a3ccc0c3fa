//! The MTL of any gaming day, a page at a time, against PostgreSQL as the runtime role: pages newest first
//! that together hold every row of the day once (rows taken at the same instant included), the request
//! checked field by field, and only the casino's own rows, for the roles that read the MTL.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;
#[allow(dead_code, reason = "the finance tests' helpers; these tests use some")]
#[path = "finance/support.rs"]
mod support;

use common::{ALMA, CASINO_A, COMPLIANCE_A, CRUZ, Pools, actor, pit_boss_a, run};
use pitboss::casino::StaffRole;
use pitboss::mtl::{self, MtlEntryId, MtlPage, MtlQuery};
use pitboss::{Actor, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use support::{at, cash_in, cash_out, cashier_a, day, record_at};

fn compliance() -> Actor {
    actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)
}

async fn page(pools: &Pools, who: Actor, query: &MtlQuery) -> Result<MtlPage, mtl::Error> {
    run(pools, who, async |conn, a| mtl::entries(conn, a, query).await).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_days_pages_hold_each_row_once_newest_first(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // Casino A's gaming day of 10 April 2026 (from 06:00 in Los Angeles): five logged rows, three taken at one
    // instant and one a second before the day ends; and one row of the day after.
    let mut written = Vec::new();
    for (instant, entry) in [
        ("2026-04-10T07:00:00-07:00", cash_in(ALMA, 300_000)),
        ("2026-04-10T09:30:00-07:00", cash_in(CRUZ, 400_000)),
        ("2026-04-10T09:30:00-07:00", cash_out(CRUZ, 350_000)),
        ("2026-04-10T09:30:00-07:00", cash_in(ALMA, 20_000)),
        ("2026-04-11T05:59:59-07:00", cash_in(CRUZ, 10_000)),
        ("2026-04-11T06:00:00-07:00", cash_in(ALMA, 500_000)),
    ] {
        written.push(record_at(&pools, at(instant), &entry).await.id);
    }
    let mut query = MtlQuery { gaming_day: Some(day("2026-04-10")), limit: 2, cursor: None };
    let mut seen: Vec<(chrono::DateTime<chrono::Utc>, MtlEntryId)> = Vec::new();
    let mut sizes = Vec::new();
    loop {
        let found = page(&pools, compliance(), &query).await.expect("a page");
        assert_eq!(found.gaming_day, day("2026-04-10"));
        sizes.push(found.entries.len());
        seen.extend(found.entries.iter().map(|e| (e.created_at, e.id)));
        let Some(cursor) = found.next_cursor else { break };
        query.cursor = Some(cursor);
    }
    assert_eq!(sizes, [2, 2, 1], "five rows, two a page");
    let mut ordered = seen.clone();
    ordered.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, ordered, "newest first, ties by id");
    ordered.dedup();
    assert_eq!(ordered.len(), 5, "each row once");

    // Today's by default; the whole day in one page when it fits; the fixture's row of the day before.
    let today = page(&pools, pit_boss_a(), &MtlQuery { gaming_day: None, limit: 1_000, cursor: None }).await;
    let today = today.expect("today's page");
    assert!(today.entries.iter().all(|e| e.gaming_day == today.gaming_day) && today.next_cursor.is_none());
    let yesterday = MtlQuery { gaming_day: today.gaming_day.pred_opt(), limit: 1_000, cursor: None };
    let yesterday = page(&pools, compliance(), &yesterday).await.expect("yesterday");
    let names: Vec<_> = yesterday.entries.iter().map(|e| e.player_name.as_str()).collect();
    assert_eq!(names, ["Alma Ayala"], "casino A's row only, not B's");
    assert_eq!(yesterday.notes.len(), 1, "with the note on it");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_page_is_checked_field_by_field_and_read_by_mtl_readers_only(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let today = run(&pools, compliance(), async |conn, a| pitboss::casino::today(conn, a).await).await.expect("day");
    let bad = MtlQuery { gaming_day: today.succ_opt(), limit: 1_001, cursor: Some("9~not-a-row".to_owned()) };
    let refused = page(&pools, compliance(), &bad).await.expect_err("three wrong fields");
    assert_eq!(refused.code(), ErrorCode::ValidationFailed);
    let fields: Vec<_> = refused.fields().into_iter().map(|f| (f.field, f.code)).collect();
    assert_eq!(
        fields,
        [
            ("limit".to_owned(), ErrorCode::MtlInvalidPage),
            ("cursor".to_owned(), ErrorCode::MtlInvalidPage),
            ("gaming_day".to_owned(), ErrorCode::MtlInvalidDay),
        ]
    );
    let empty = MtlQuery { gaming_day: None, limit: 0, cursor: None };
    let refused = page(&pools, compliance(), &empty).await.expect_err("no rows a page");
    assert_eq!(refused.fields()[0].field, "limit");
    for who in [cashier_a(), actor(CASINO_A, common::DEALER_A, StaffRole::Dealer)] {
        let ok = MtlQuery { gaming_day: None, limit: 10, cursor: None };
        let refused = page(&pools, who, &ok).await.expect_err("not an MTL reader");
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{:?}", who.role);
    }
    pools.close().await;
}
