//! Threshold events against PostgreSQL as the runtime role: the first time a gaming day a patron's cash in a
//! direction reaches the watchlist floor or passes the CTR threshold, one alert and one audit row, in the
//! entry's transaction, however many entries arrive at once; officers acknowledge them, once, and no one else.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;
#[allow(dead_code, reason = "the finance tests' helpers; these tests use some")]
#[path = "finance/support.rs"]
mod support;

use common::{CASINO_A, COMPLIANCE_A, CRUZ, Pools, actor, admin_a, audited, count, pit_boss_a, run};
use pitboss::casino::StaffRole;
use pitboss::finance::{self, Direction, Tender};
use pitboss::mtl::{self, MtlAlertId, Proximity, ThresholdAlert};
use pitboss::{Actor, Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use support::{cash_in, cash_out, cashier_a, record, reverse};
use uuid::{Uuid, uuid};

const ALMA_ALERT: MtlAlertId = MtlAlertId(uuid!("aaaaaaaa-eeee-4000-8000-000000000001"));
const BRAM_ALERT: MtlAlertId = MtlAlertId(uuid!("bbbbbbbb-eeee-4000-8000-000000000002"));

fn compliance() -> Actor {
    actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)
}

async fn alerts(pools: &Pools) -> Vec<ThresholdAlert> {
    run(pools, compliance(), async |conn, a| mtl::compliance_view(conn, a).await).await.expect("page").alerts
}

/// Cruz's alerts as (direction, level, day total in cents), oldest first.
async fn of_cruz(pools: &Pools) -> Vec<(Direction, Proximity, i64)> {
    let mut mine: Vec<_> = alerts(pools).await.into_iter().filter(|a| a.player_id == CRUZ).collect();
    mine.reverse();
    mine.iter().map(|a| (a.direction, a.level, a.day_total.0)).collect()
}

async fn acknowledge(pools: &Pools, who: Actor, alert: MtlAlertId) -> Result<ThresholdAlert, mtl::Error> {
    run(pools, who, async |conn, a| mtl::acknowledge_alert(conn, a, alert).await).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn each_level_is_reached_once_per_patron_day_and_direction(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let cashier = cashier_a();
    record(&pools, cashier, &cash_in(CRUZ, 200_000)).await.expect("$2,000");
    let chips = finance::NewEntry { tender: Tender::Chips, ..cash_in(CRUZ, 900_000) };
    record(&pools, cashier, &chips).await.expect("$9,000 in chips, which Title 31 does not count");
    assert!(of_cruz(&pools).await.is_empty(), "below the floor in cash");
    let crossing = record(&pools, cashier, &cash_in(CRUZ, 100_000)).await.expect("$1,000");
    record(&pools, cashier, &cash_in(CRUZ, 50_000)).await.expect("$500 more on the watchlist");
    assert_eq!(of_cruz(&pools).await, [(Direction::In, Proximity::Watchlist, 300_000)]);
    let first = alerts(&pools).await.into_iter().find(|a| a.player_id == CRUZ).expect("alert");
    assert_eq!(
        (first.financial_txn_id, first.reached_at, first.acknowledged),
        (crossing.id, crossing.created_at, None)
    );

    // One withdrawal past both: two events of its own direction. Then in past the CTR threshold.
    record(&pools, cashier, &cash_out(CRUZ, 1_200_000)).await.expect("$12,000 out");
    let past = record(&pools, cashier, &cash_in(CRUZ, 650_100)).await.expect("$6,501 in: $10,001");
    // Taken back under, and past again: the same crossing, not a second one.
    reverse(&pools, cashier, &past, "Keyed in twice").await.expect("reversal");
    record(&pools, cashier, &cash_in(CRUZ, 700_000)).await.expect("$7,000 in: $10,500");
    let expected = [
        (Direction::In, Proximity::Watchlist, 300_000),
        (Direction::Out, Proximity::Watchlist, 1_200_000),
        (Direction::Out, Proximity::Ctr, 1_200_000),
        (Direction::In, Proximity::Ctr, 1_000_100),
    ];
    assert_eq!(of_cruz(&pools).await, expected);
    assert_eq!(audited(&pools, "mtl.threshold_reached").await, 4);
    let levels = count(
        &pools,
        "select count(*) from audit_log where action = 'mtl.threshold_reached'
        and entity = 'mtl_threshold_alert' and after ->> 'level' in ('watchlist', 'ctr')
        and actor_staff_id = 'aaaaaaaa-0000-4000-8000-0000000000a3'",
    )
    .await;
    assert_eq!(levels, 4, "audited with the level, as the cashier whose entry crossed");
    assert!(alerts(&pools).await.iter().all(|a| a.player_id != common::ALMA), "acknowledged on an earlier day");
    let pit = run(&pools, pit_boss_a(), async |conn, a| mtl::compliance_view(conn, a).await).await.expect("pit");
    assert_eq!(pit.alerts.len(), 4, "pit bosses see them");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn entries_arriving_together_raise_each_level_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let pool = pools.wide_runtime_pool(16).await;
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(16));
    // Sixteen $1,000 entries each way at once: $16,000 in and out, past both levels in both directions.
    let calls = (0..16).map(|i| {
        let (pool, start) = (pool.clone(), start.clone());
        tokio::spawn(async move {
            let who = cashier_a();
            let entry = if i % 2 == 0 { cash_in(CRUZ, 100_000) } else { cash_out(CRUZ, 100_000) };
            start.wait().await;
            let scope = common::scope(who);
            let first = pitboss::db::scoped(&pool, &scope, async |conn| {
                finance::record(conn, &who, &entry, Uuid::new_v4()).await
            })
            .await;
            let second = pitboss::db::scoped(&pool, &scope, async |conn| {
                finance::record(conn, &who, &entry, Uuid::new_v4()).await
            })
            .await;
            first.and(second)
        })
    });
    for done in futures::future::join_all(calls).await {
        done.expect("task").expect("every entry recorded");
    }
    pool.close().await;
    let mut found = of_cruz(&pools).await;
    found.sort();
    let expected = [
        (Direction::In, Proximity::Watchlist, 300_000),
        (Direction::In, Proximity::Ctr, 1_100_000),
        (Direction::Out, Proximity::Watchlist, 300_000),
        (Direction::Out, Proximity::Ctr, 1_100_000),
    ];
    assert_eq!(found, expected, "each at the entry that crossed");
    assert_eq!(audited(&pools, "mtl.threshold_reached").await, 4);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn officers_acknowledge_once_and_no_one_else_does(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    record(&pools, cashier_a(), &cash_in(CRUZ, 1_050_000)).await.expect("$10,500");
    let waiting: Vec<MtlAlertId> = alerts(&pools).await.iter().map(|a| a.id).collect();
    assert_eq!(waiting.len(), 2, "watchlist and CTR at once");
    for who in [pit_boss_a(), cashier_a()] {
        let refused = acknowledge(&pools, who, waiting[0]).await.expect_err("not theirs to acknowledge");
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{:?}", who.role);
    }
    for theirs in [BRAM_ALERT, MtlAlertId(Uuid::new_v4())] {
        let refused = acknowledge(&pools, compliance(), theirs).await.expect_err("another casino's, or none");
        assert_eq!(refused.code(), ErrorCode::NotFound);
    }

    // The officer and an admin press at once: one acknowledgement, the officer's or the admin's, seen by both.
    let (a, b) =
        tokio::join!(acknowledge(&pools, compliance(), waiting[0]), acknowledge(&pools, admin_a(), waiting[0]));
    let (a, b) = (a.expect("officer"), b.expect("admin"));
    assert_eq!(a.acknowledged, b.acknowledged);
    let seen = a.acknowledged.expect("acknowledged");
    assert!(["Cory Compliance", "Ada Admin"].contains(&seen.staff_name.as_str()), "{seen:?}");
    assert_eq!(audited(&pools, "mtl_threshold_alert.acknowledged").await, 1);
    let again = acknowledge(&pools, compliance(), waiting[0]).await.expect("pressed again");
    assert_eq!(again.acknowledged, Some(seen), "the first acknowledgement stands");
    assert_eq!(audited(&pools, "mtl_threshold_alert.acknowledged").await, 1);

    // Today's acknowledged alert stays listed beside the one waiting.
    let listed: Vec<_> = alerts(&pools).await.into_iter().map(|a| (a.id, a.acknowledged.is_some())).collect();
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&(waiting[0], true)) && listed.contains(&(waiting[1], false)), "{listed:?}");
    let fixture = acknowledge(&pools, compliance(), ALMA_ALERT).await.expect("yesterday's, already seen");
    assert_eq!(fixture.acknowledged.map(|k| k.staff_name), Some("Cory Compliance".to_owned()));
    assert_eq!(fixture.day_total, Cents(300_000));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn alerts_and_acknowledgements_are_never_changed(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    for sql in [
        "update mtl_threshold_alert set day_total_cents = 1",
        "delete from mtl_threshold_alert",
        "update mtl_alert_acknowledgement set acknowledged_at = now()",
        "delete from mtl_alert_acknowledgement",
    ] {
        let refused = sqlx::query(sql).execute(&pools.admin).await.expect_err("append-only, even for the superuser");
        assert!(refused.to_string().contains("append-only"), "{sql}: {refused}");
    }
    pools.close().await;
}
