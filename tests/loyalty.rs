//! LoyaltyService against PostgreSQL as the runtime role: who may issue what on which slip, the ledger and
//! balance moving together, replays, the append-only ledger, and accrual once per slip on every close path.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{
    ADMIN_B, ALMA, ALMA_SLIP, ALMA_VISIT, BRAM_SLIP, CASHIER_A, CASINO_A, CASINO_B, COMPLIANCE_A, CRUZ, DEALER_A,
    Pools, TABLE_A_ACTIVE, actor, admin_a, audit_actions, audited, count, count_for_closing, pit_boss_a, run,
};
use pitboss::casino::StaffRole;
use pitboss::loyalty::{self, LoyaltyReason, RewardRequest};
use pitboss::player::PlayerId;
use pitboss::rating_slip::{self as slips, SlipId};
use pitboss::{Actor, Cents, DomainError, ErrorCode, floor};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

fn reward(player_id: PlayerId, rating_slip_id: SlipId, points: i32) -> RewardRequest {
    RewardRequest {
        player_id,
        rating_slip_id,
        points,
        reason: LoyaltyReason::MidSession,
        idempotency_key: Uuid::new_v4(),
    }
}

async fn issue(pools: &Pools, who: Actor, request: RewardRequest) -> Result<loyalty::LedgerEntry, loyalty::Error> {
    run(pools, who, async |conn, actor| loyalty::issue_mid_session_reward(conn, actor, &request).await).await
}

async fn balance(pools: &Pools, casino: pitboss::casino::CasinoId, player: PlayerId) -> i64 {
    sqlx::query_scalar("select balance_points from player_loyalty where casino_id = $1 and player_id = $2")
        .bind(casino.0)
        .bind(player.0)
        .fetch_one(&pools.admin)
        .await
        .expect("balance")
}

/// Every balance, in every casino, equals the sum of that player's ledger there (seen as the superuser).
async fn assert_balances_match_ledgers(pools: &Pools) {
    let mismatched: Vec<(Uuid, Uuid, i64, i64)> = sqlx::query_as(
        "select b.casino_id, b.player_id, b.balance_points, coalesce(sum(l.points), 0)::bigint
         from player_loyalty b
         left join loyalty_ledger l on l.casino_id = b.casino_id and l.player_id = b.player_id
         group by b.casino_id, b.player_id, b.balance_points
         having b.balance_points <> coalesce(sum(l.points), 0)",
    )
    .fetch_all(&pools.admin)
    .await
    .expect("balances");
    assert_eq!(mismatched, [], "balance differs from the ledger sum");
    let orphans = count(
        pools,
        "select count(*) from loyalty_ledger l where not exists
           (select 1 from player_loyalty b where b.casino_id = l.casino_id and b.player_id = l.player_id)",
    )
    .await;
    assert_eq!(orphans, 0, "ledger rows without a balance");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_reward_appends_a_row_and_moves_the_balance_together(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let (slip, entry) = run(&pools, pit_boss_a(), async |conn, actor| {
        let slip = slips::slip(conn, actor, ALMA_SLIP).await.map_err(|_| loyalty::Error::NotFound)?;
        let entry = loyalty::issue_mid_session_reward(conn, actor, &reward(ALMA, ALMA_SLIP, 50)).await?;
        Ok::<_, loyalty::Error>((slip, entry))
    })
    .await
    .expect("issued");
    assert_eq!((entry.points, entry.reason, entry.balance_after), (50, LoyaltyReason::MidSession, 150));
    assert_eq!((entry.rating_slip_id, entry.visit_id, entry.player_id), (Some(ALMA_SLIP), Some(ALMA_VISIT), ALMA));
    assert_eq!(entry.staff_name.as_deref(), Some("Pat Pitboss"));
    // The figures recorded with the reward are the slip's at the same instant, from the one rule.
    assert_eq!(entry.average_bet, Some(Cents(2_500)));
    assert_eq!(entry.seconds_played.map(i64::from), Some(slip.accrued_seconds));
    assert_eq!(entry.theo, Some(slip.theo));
    assert!(slip.accrued_seconds >= 80 * 60, "90 minutes less a 10-minute pause");
    assert_eq!(balance(&pools, CASINO_A, ALMA).await, 150);
    assert_eq!(audit_actions(&pools, entry.id.0).await, ["loyalty_ledger.reward_issued"]);

    let promotion = RewardRequest { reason: LoyaltyReason::Promotion, ..reward(ALMA, ALMA_SLIP, 25) };
    let promoted = issue(&pools, admin_a(), promotion).await.expect("admins issue too");
    assert_eq!((promoted.reason, promoted.balance_after), (LoyaltyReason::Promotion, 175));
    assert_balances_match_ledgers(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn rewards_are_refused_unless_every_rule_holds(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let refusals = [
        (boss, reward(CRUZ, ALMA_SLIP, 50), ErrorCode::LoyaltyWrongPlayer),
        (boss, reward(ALMA, BRAM_SLIP, 50), ErrorCode::NotFound),
        (actor(CASINO_B, ADMIN_B, StaffRole::Admin), reward(ALMA, ALMA_SLIP, 50), ErrorCode::NotFound),
        (boss, reward(ALMA, SlipId(Uuid::new_v4()), 50), ErrorCode::NotFound),
        (boss, reward(ALMA, ALMA_SLIP, 0), ErrorCode::LoyaltyInvalidPoints),
        (boss, reward(ALMA, ALMA_SLIP, -5), ErrorCode::LoyaltyInvalidPoints),
        (boss, reward(ALMA, ALMA_SLIP, 5_001), ErrorCode::LoyaltyOverCap),
        (
            boss,
            RewardRequest { reason: LoyaltyReason::SessionEnd, ..reward(ALMA, ALMA_SLIP, 50) },
            ErrorCode::LoyaltyInvalidReason,
        ),
        (
            boss,
            RewardRequest { reason: LoyaltyReason::Correction, ..reward(ALMA, ALMA_SLIP, 50) },
            ErrorCode::LoyaltyInvalidReason,
        ),
        (actor(CASINO_A, DEALER_A, StaffRole::Dealer), reward(ALMA, ALMA_SLIP, 50), ErrorCode::Forbidden),
        (actor(CASINO_A, CASHIER_A, StaffRole::Cashier), reward(ALMA, ALMA_SLIP, 50), ErrorCode::Forbidden),
        (actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance), reward(ALMA, ALMA_SLIP, 50), ErrorCode::Forbidden),
    ];
    for (who, request, code) in refusals {
        let refused = issue(&pools, who, request).await.expect_err("refused");
        assert_eq!(refused.code(), code, "{request:?} as {:?}", who.role);
    }
    // The cap is the casino's setting: 5 000 by default, here lowered to 40.
    sqlx::query("update casino_settings set reward_cap_points = 40 where casino_id = $1")
        .bind(CASINO_A.0)
        .execute(&pools.admin)
        .await
        .expect("cap");
    assert_eq!(
        issue(&pools, boss, reward(ALMA, ALMA_SLIP, 41)).await.expect_err("cap").code(),
        ErrorCode::LoyaltyOverCap
    );
    issue(&pools, boss, reward(ALMA, ALMA_SLIP, 40)).await.expect("at the cap");

    run(&pools, boss, async |conn, actor| slips::close(conn, actor, ALMA_SLIP, None, None).await)
        .await
        .expect("closed");
    let closed = issue(&pools, boss, reward(ALMA, ALMA_SLIP, 10)).await.expect_err("closed slip");
    assert_eq!(closed.code(), ErrorCode::LoyaltySlipClosed);

    // Nothing refused left a trace: the fixture's two rows, the reward at the cap and the accrual at close.
    assert_eq!(count(&pools, "select count(*) from loyalty_ledger").await, 4);
    assert_eq!(audited(&pools, "loyalty_ledger.reward_issued").await, 1);
    assert_balances_match_ledgers(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_retried_key_returns_the_first_entry_even_after_the_slip_closed(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let first_request = reward(ALMA, ALMA_SLIP, 60);
    let first = issue(&pools, boss, first_request).await.expect("first");
    let again = issue(&pools, boss, first_request).await.expect("replay");
    assert_eq!(again, first);

    run(&pools, boss, async |conn, actor| slips::close(conn, actor, ALMA_SLIP, None, None).await)
        .await
        .expect("closed");
    let balance_after_close = balance(&pools, CASINO_A, ALMA).await;
    let late = issue(&pools, boss, first_request).await.expect("late replay");
    assert_eq!((late.id, late.points, late.balance_after), (first.id, 60, 160));
    // The key is bound to its request: other points, another slip or reason under it are refused, not
    // answered with the first entry, for every writer of the ledger (the rule is the database function's).
    for other in [
        RewardRequest { points: 999, ..first_request },
        RewardRequest { player_id: CRUZ, ..first_request },
        RewardRequest { reason: LoyaltyReason::Promotion, ..first_request },
    ] {
        let refused = issue(&pools, boss, other).await.expect_err("key bound to the first request");
        assert_eq!(refused.code(), ErrorCode::IdempotencyKeyReused, "{other:?}");
    }
    assert_eq!(balance(&pools, CASINO_A, ALMA).await, balance_after_close, "a replay writes nothing");
    let rows = sqlx::query_scalar::<_, i64>("select count(*) from loyalty_ledger where idempotency_key = $1")
        .bind(first_request.idempotency_key)
        .fetch_one(&pools.admin)
        .await
        .expect("count");
    assert_eq!(rows, 1);
    assert_eq!(audit_actions(&pools, first.id.0).await, ["loyalty_ledger.reward_issued"]);
    assert_balances_match_ledgers(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn twenty_simultaneous_calls_with_one_key_issue_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let pool = pools.wide_runtime_pool(20).await;
    let request = reward(ALMA, ALMA_SLIP, 30);
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(20));
    let calls = (0..20).map(|_| {
        let (pool, start) = (pool.clone(), start.clone());
        tokio::spawn(async move {
            let boss = pit_boss_a();
            start.wait().await;
            pitboss::db::scoped(&pool, &common::scope(boss), async |conn| {
                loyalty::issue_mid_session_reward(conn, &boss, &request).await
            })
            .await
        })
    });
    let results: Vec<_> = futures::future::join_all(calls).await.into_iter().map(|r| r.expect("task")).collect();
    let entries: Vec<_> = results.into_iter().map(|r| r.expect("every duplicate succeeds")).collect();
    assert!(entries.iter().all(|e| e.id == entries[0].id && e.balance_after == 130), "{entries:?}");
    let rows = sqlx::query_scalar::<_, i64>("select count(*) from loyalty_ledger where idempotency_key = $1")
        .bind(request.idempotency_key)
        .fetch_one(&pools.admin)
        .await
        .expect("count");
    assert_eq!(rows, 1);
    assert_eq!(balance(&pools, CASINO_A, ALMA).await, 130);
    assert_balances_match_ledgers(&pools).await;
    pool.close().await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_ledger_refuses_updates_and_deletes_from_everyone(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    for sql in ["update loyalty_ledger set points = 1000000", "delete from loyalty_ledger", "truncate loyalty_ledger"] {
        let as_app = run(&pools, admin_a(), async |conn, _| sqlx::query(sql).execute(conn).await.map(|_| ())).await;
        assert!(as_app.is_err(), "runtime role: {sql}");
        let as_superuser = sqlx::query(sql).execute(&pools.admin).await;
        assert!(as_superuser.is_err(), "superuser: {sql}");
    }
    assert_eq!(count(&pools, "select count(*) from loyalty_ledger").await, 2);
    assert_eq!(count(&pools, "select sum(points) from loyalty_ledger").await, 300);
    pools.close().await;
}

/// The `session_end` rows of a slip, as (points, balance after).
async fn accruals(pools: &Pools, slip: SlipId) -> Vec<(i32, i64)> {
    sqlx::query_as(
        "select points, balance_after from loyalty_ledger where rating_slip_id = $1 and reason = 'session_end'",
    )
    .bind(slip.0)
    .fetch_all(&pools.admin)
    .await
    .expect("accruals")
}

/// Seats and rates Cruz at casino A's BJ-01 seat 3, backdated an hour so the slip has earned something.
async fn rate_cruz_for_an_hour(pools: &Pools) -> slips::Slip {
    let slip = run(pools, pit_boss_a(), async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 3, &floor::PlayerChoice::Existing(CRUZ), Cents(10_000)).await
    })
    .await
    .expect("rated");
    for sql in [
        "update visit set started_at = now() - interval '1 hour' where id = $1",
        // Its tally goes with it: edited history is priced from the history.
        "update rating_slip
         set started_at = now() - interval '1 hour', tally_at = null, tally_rated_us = null, tally_bet_seconds = null,
             tally_bet_from_seconds = null
         where visit_id = $1",
    ] {
        sqlx::query(sql).bind(slip.visit_id.0).execute(&pools.admin).await.expect("backdate");
    }
    slip
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn closing_a_slip_accrues_its_points_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let closed = run(&pools, boss, async |conn, actor| slips::close(conn, actor, ALMA_SLIP, None, None).await)
        .await
        .expect("closed");
    // Alma's theo at 10 points per theo dollar, less the 100 points already advanced during play.
    let earned = loyalty::rules::earned_points(closed.theo, &closed.policy);
    assert!(earned > 100, "80 minutes at $25 earn more than the advance: {earned}");
    let owed = i32::try_from(earned - 100).expect("small");
    assert_eq!(accruals(&pools, ALMA_SLIP).await, [(owed, 100 + i64::from(owed))]);
    assert_eq!(balance(&pools, CASINO_A, ALMA).await, 100 + i64::from(owed));

    let twice = run(&pools, boss, async |conn, actor| slips::close(conn, actor, ALMA_SLIP, None, None).await).await;
    assert_eq!(twice.expect_err("already closed").code(), ErrorCode::RatingSlipInvalidState);
    let direct = run(&pools, boss, async |conn, actor| loyalty::accrue_session_end(conn, actor, &closed).await).await;
    let violated = direct.expect_err("a second accrual of one slip");
    assert!(
        matches!(&violated, sqlx::Error::Database(db) if db.constraint() == Some("loyalty_ledger_one_accrual_per_slip_key")),
        "{violated}"
    );
    assert_eq!(accruals(&pools, ALMA_SLIP).await.len(), 1);

    // Check-out closes Cruz's slip through its own path; the hour at $100 accrues in full.
    let cruz = rate_cruz_for_an_hour(&pools).await;
    run(&pools, boss, async |conn, actor| floor::check_out(conn, actor, cruz.visit_id).await).await.expect("out");
    let cruz_closed =
        run(&pools, boss, async |conn, actor| slips::slip(conn, actor, cruz.id).await).await.expect("read");
    let cruz_points =
        i32::try_from(loyalty::rules::earned_points(cruz_closed.theo, &cruz_closed.policy)).expect("small");
    assert!(cruz_points > 0);
    assert_eq!(accruals(&pools, cruz.id).await, [(cruz_points, i64::from(cruz_points))]);
    assert_balances_match_ledgers(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_forced_table_close_accrues_every_slip_it_ends(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let cruz = rate_cruz_for_an_hour(&pools).await;
    count_for_closing(&pools, TABLE_A_ACTIVE).await;
    run(&pools, boss, async |conn, actor| floor::close_table(conn, actor, TABLE_A_ACTIVE, Some("Game closed")).await)
        .await
        .expect("forced close");
    for slip in [ALMA_SLIP, cruz.id] {
        let rows = accruals(&pools, slip).await;
        assert_eq!(rows.len(), 1, "{slip:?}: {rows:?}");
        assert!(rows[0].0 > 0, "{slip:?} earned points");
    }
    let audited = audited(&pools, "loyalty_ledger.accrued").await;
    assert_eq!(audited, 2);
    assert_balances_match_ledgers(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_slip_with_nothing_earned_still_records_its_accrual(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let slip = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 4, &floor::PlayerChoice::Existing(CRUZ), Cents(1_000)).await
    })
    .await
    .expect("rated at the table minimum");
    // Closed at once: the theo of a few seconds at $10 is under a cent, so nothing is earned.
    run(&pools, boss, async |conn, actor| slips::close(conn, actor, slip.id, None, None).await).await.expect("closed");
    assert_eq!(accruals(&pools, slip.id).await, [(0, 0)]);
    assert_balances_match_ledgers(&pools).await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_slip_panel_and_the_player_page_read_the_ledger(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let before = run(&pools, boss, async |conn, actor| loyalty::slip_rewards(conn, actor, ALMA_SLIP).await)
        .await
        .expect("slip rewards");
    assert_eq!((before.entries.len(), before.balance), (1, 100));
    let slip = run(&pools, boss, async |conn, actor| slips::slip(conn, actor, ALMA_SLIP).await).await.expect("slip");
    let earned = loyalty::rules::earned_points(slip.theo, &slip.policy);
    // The prefill is what the slip earned less the advance; the clock moved a little between the reads.
    assert!((before.suggested_points - (earned - 100)).abs() <= 1, "{} vs {}", before.suggested_points, earned - 100);

    issue(&pools, boss, reward(ALMA, ALMA_SLIP, 20)).await.expect("issued");
    let seats = run(&pools, boss, async |conn, actor| floor::seat_maps(conn, actor, Some(TABLE_A_ACTIVE)).await)
        .await
        .expect("seat map");
    let alma = seats[0].seats[0].occupant.as_ref().expect("Alma sits in seat 1");
    assert_eq!(alma.rewarded_points, 120, "the fixture's 100 and these 20");

    let ledger =
        run(&pools, boss, async |conn, actor| loyalty::player_ledger(conn, actor, ALMA).await).await.expect("ledger");
    assert_eq!(ledger.balance, 120);
    assert_eq!(ledger.entries.iter().map(|e| e.points).collect::<Vec<_>>(), [20, 100], "newest first");
    let elsewhere = run(&pools, actor(CASINO_B, ADMIN_B, StaffRole::Admin), async |conn, actor| {
        loyalty::player_ledger(conn, actor, ALMA).await
    })
    .await;
    assert_eq!(elsewhere.expect_err("not enrolled at B").code(), ErrorCode::NotFound);
    let other_slip = run(&pools, boss, async |conn, actor| loyalty::slip_rewards(conn, actor, BRAM_SLIP).await).await;
    assert_eq!(other_slip.expect_err("casino B's slip").code(), ErrorCode::NotFound);
    pools.close().await;
}
