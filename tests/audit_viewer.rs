//! The audit log viewer as the runtime role: admins and compliance officers page through their casino's log
//! newest first, each row once; the filters (gaming day, kind of record, one record, action, staff member)
//! narrow it; the chain's status says how far it verifies and where it breaks.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use std::collections::BTreeSet;

use common::{
    ADMIN_A, ADMIN_B, CASHIER_A, CASINO_A, CASINO_B, COMPLIANCE_A, PIT_BOSS_A, Pools, actor, admin_a, pit_boss_a, run,
    tamper,
};
use pitboss::audit::view::PAGE_SIZE;
use pitboss::audit::{self, AuditCursor, AuditEntry, AuditFilter, AuditPage};
use pitboss::casino::StaffRole;
use pitboss::live::Entity;
use pitboss::{Actor, DomainError, ErrorCode, FieldError};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

fn compliance_a() -> Actor {
    actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)
}

/// Writes `entry` as `by`, in a transaction of its own.
async fn write(pools: &Pools, by: Actor, entry: AuditEntry) {
    run(pools, by, async |conn, actor| audit::record(conn, actor.casino_id, entry).await).await.expect("audit row");
}

async fn page(pools: &Pools, filter: &AuditFilter, after: Option<AuditCursor>) -> Result<AuditPage, audit::Error> {
    run(pools, compliance_a(), async |conn, actor| audit::log_page(conn, actor, filter, after).await).await
}

/// The actions of the first page matching `filter`, newest first.
async fn actions(pools: &Pools, filter: AuditFilter) -> Vec<String> {
    page(pools, &filter, None).await.expect("page").rows.into_iter().map(|row| row.action).collect()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_log_pages_newest_first_each_row_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // Many rows of one transaction share its instant: the row id orders them across page boundaries.
    run(&pools, admin_a(), async |conn, actor| {
        for n in 0..120_u128 {
            let entry = AuditEntry::new("player.updated", Entity::Player, Uuid::from_u128(n)).after(json!({ "n": n }));
            audit::record(conn, actor.casino_id, entry).await?;
        }
        Ok::<_, sqlx::Error>(())
    })
    .await
    .expect("rows");
    write(&pools, admin_a(), AuditEntry::new("staff.updated", Entity::Staff, PIT_BOSS_A.0)).await;
    let total =
        common::count(&pools, &format!("select count(*) from audit_log where casino_id = '{}'", CASINO_A.0)).await;

    let (mut seen, mut after, mut pages) = (Vec::new(), None, 0);
    loop {
        let page = page(&pools, &AuditFilter::default(), after).await.expect("a page");
        assert!(page.rows.len() <= PAGE_SIZE);
        seen.extend(page.rows.iter().map(|row| (row.occurred_at, row.id)));
        pages += 1;
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let mut newest_first = seen.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, newest_first, "newest first");
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), seen.len(), "each row once");
    assert_eq!(i64::try_from(seen.len()).expect("fits"), total, "every row of the casino");
    assert_eq!(pages, seen.len().div_ceil(PAGE_SIZE));

    // The diff of the newest row of the batch, read by an admin too.
    let admin_page = run(&pools, admin_a(), async |conn, actor| {
        let filter = AuditFilter { action: Some("player.".into()), ..AuditFilter::default() };
        audit::log_page(conn, actor, &filter, None).await
    })
    .await
    .expect("admins read it");
    let changes = admin_page.rows[0].changes();
    assert_eq!(changes.len(), 1);
    assert_eq!((changes[0].field.as_str(), changes[0].before.as_deref()), ("n", None));
    for (role, staff) in [(StaffRole::PitBoss, PIT_BOSS_A), (StaffRole::Cashier, CASHIER_A)] {
        let refused = run(&pools, actor(CASINO_A, staff, role), async |conn, actor| {
            audit::log_page(conn, actor, &AuditFilter::default(), None).await
        })
        .await
        .expect_err("not theirs to read");
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{role:?}");
    }
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn filters_narrow_the_log(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let table = Uuid::new_v4();
    write(&pools, admin_a(), AuditEntry::new("staff.updated", Entity::Staff, PIT_BOSS_A.0)).await;
    write(&pools, admin_a(), AuditEntry::new("staff.deactivated", Entity::Staff, CASHIER_A.0)).await;
    write(&pools, pit_boss_a(), AuditEntry::new("gaming_table.opened", Entity::GamingTable, table)).await;
    write(&pools, pit_boss_a(), AuditEntry::new("gaming_table.closed", Entity::GamingTable, table)).await;
    write(
        &pools,
        actor(CASINO_B, ADMIN_B, StaffRole::Admin),
        AuditEntry::new("staff.updated", Entity::Staff, ADMIN_B.0),
    )
    .await;
    // Either side of casino A's gaming day start on 10 March 2026 (06:00 in Los Angeles, 13:00 UTC).
    sqlx::query(
        "insert into audit_log (casino_id, occurred_at, action, entity)
         values ($1, '2026-03-10 12:59:59Z', 'casino_settings.updated', 'casino_settings'),
                ($1, '2026-03-10 13:00:00Z', 'casino_settings.chip_set_updated', 'casino_settings')",
    )
    .bind(CASINO_A.0)
    .execute(&pools.admin)
    .await
    .expect("rows at set instants");

    let by = |filter: AuditFilter| actions(&pools, filter);
    let action = |text: &str| AuditFilter { action: Some(text.into()), ..AuditFilter::default() };
    assert_eq!(by(action("staff.")).await, ["staff.deactivated", "staff.updated"], "this casino's only");
    assert_eq!(by(action(" staff.updated ")).await, ["staff.updated"]);
    let of_table = AuditFilter { entity_id: Some(table), ..AuditFilter::default() };
    assert_eq!(by(of_table).await, ["gaming_table.closed", "gaming_table.opened"]);
    let tables = AuditFilter { entity: Some(Entity::GamingTable), ..AuditFilter::default() };
    assert_eq!(by(tables).await, ["gaming_table.closed", "gaming_table.opened"]);
    let pit_boss = AuditFilter { staff_id: Some(PIT_BOSS_A), ..AuditFilter::default() };
    assert_eq!(by(pit_boss).await, ["gaming_table.closed", "gaming_table.opened"]);
    let admin_staff = AuditFilter { staff_id: Some(ADMIN_A), ..action("staff.") };
    assert_eq!(by(admin_staff).await, ["staff.deactivated", "staff.updated"]);
    let day = |date: &str| AuditFilter { gaming_day: date.parse().ok(), ..AuditFilter::default() };
    assert_eq!(by(day("2026-03-10")).await, ["casino_settings.chip_set_updated"]);
    assert_eq!(by(day("2026-03-09")).await, ["casino_settings.updated"]);

    let refused = page(&pools, &action("staff; drop table"), None).await.expect_err("not an action");
    assert_eq!(refused.code(), ErrorCode::ValidationFailed);
    assert_eq!(refused.fields(), [FieldError::new("action", ErrorCode::AuditInvalidAction)]);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_chain_status_says_how_far_the_log_verifies(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    for n in 0..3 {
        write(
            &pools,
            admin_a(),
            AuditEntry::new("staff.updated", Entity::Staff, PIT_BOSS_A.0).after(json!({ "n": n })),
        )
        .await;
    }
    let status = |by: Actor| run(&pools, by, async |conn, actor| audit::chain_status(conn, actor).await);
    // Written but not linked yet: pending, not broken.
    let waiting = status(compliance_a()).await.expect("status");
    assert!(waiting.pending >= 3 && waiting.pending_since.is_some(), "{waiting:?}");
    assert_eq!(waiting.broken, None);
    let mut tx = pools.app.begin().await.expect("begin");
    audit::link_all(&mut tx).await.expect("link");
    tx.commit().await.expect("commit");
    let intact = status(compliance_a()).await.expect("status");
    assert_eq!((intact.pending, intact.pending_since), (0, None));
    assert!(intact.links >= 3);
    assert_eq!((intact.verified_through, intact.broken.clone()), (intact.links, None));

    let (victim, link): (Uuid, i64) = sqlx::query_as(
        "select a.id, c.seq from audit_log a join audit_chain c on c.audit_id = a.id
         where a.casino_id = $1 and a.after ->> 'n' = '1'",
    )
    .bind(CASINO_A.0)
    .fetch_one(&pools.admin)
    .await
    .expect("the middle row");
    tamper(&pools, "update audit_log set after = '{\"n\": 7}' where id = $1", victim).await;
    let broken = status(admin_a()).await.expect("status");
    let fault = broken.broken.expect("the break is found");
    assert_eq!((fault.link, fault.audit_id), (Some(link), Some(victim)));
    assert_eq!(broken.verified_through, link - 1);
    assert!(fault.problem.contains("altered"), "{}", fault.problem);
    // Casino B's chain is its own, and still whole.
    let other = status(actor(CASINO_B, ADMIN_B, StaffRole::Admin)).await.expect("status");
    assert_eq!(other.broken, None);
    assert_eq!(status(pit_boss_a()).await.expect_err("not theirs").code(), ErrorCode::Forbidden);
    pools.close().await;
}
