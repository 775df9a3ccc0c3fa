//! Moving a rated player against PostgreSQL as the runtime role: the slip closes and a slip continuing it
//! starts at the destination in one transaction, every rated second on exactly one of them; refusals change
//! nothing; races for one slip or one seat end in one move.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{
    ALMA_SLIP, ALMA_VISIT, CRUZ, Pools, TABLE_A_ACTIVE, TABLE_A_INACTIVE, admin_a, audit_actions, count, pit_boss_a,
    run, scope,
};
use pitboss::floor::{self, PlayerChoice};
use pitboss::rating_slip::{self as slips, Slip, SlipStatus};
use pitboss::table_context::TableId;
use pitboss::visit::{self, Seat};
use pitboss::{Actor, Cents, DomainError, ErrorCode, db};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// Opens casino A's BJ-02 ($10 to $1,000), the destination of the moves below.
async fn open_bj02(pools: &Pools) {
    run(pools, admin_a(), async |conn, actor| pitboss::table_context::open_table(conn, actor, TABLE_A_INACTIVE).await)
        .await
        .expect("opened");
}

fn to(table_id: TableId, number: i16) -> Seat {
    Seat { table_id, number }
}

/// Runs one domain call as casino A's pit boss with the clock `seconds` after `t0`.
async fn at<T>(
    pools: &Pools,
    t0: DateTime<Utc>,
    seconds: i64,
    work: impl AsyncFnOnce(&mut sqlx::PgConnection, &Actor) -> Result<T, floor::Error>,
) -> T {
    let instant = t0 + chrono::Duration::seconds(seconds);
    common::run_at(pools, pit_boss_a(), instant, work).await.expect("acted")
}

async fn move_alma(pools: &Pools, seat: Seat, bet: Option<Cents>) -> Result<Slip, floor::Error> {
    run(pools, pit_boss_a(), async |conn, actor| floor::move_player(conn, actor, ALMA_SLIP, seat, bet).await).await
}

async fn alma_slip(pools: &Pools) -> Slip {
    run(pools, pit_boss_a(), async |conn, actor| slips::slip(conn, actor, ALMA_SLIP).await).await.expect("slip")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_move_continues_the_slip_at_the_destination_and_rates_every_second_once(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    open_bj02(&pools).await;
    let t0 = common::clear_of_day_start(&pools, 2_400).await;
    let first = at(&pools, t0, 0, async |c, a| {
        floor::seat_and_start(c, a, TABLE_A_ACTIVE, 4, &PlayerChoice::Existing(CRUZ), Cents(2_500)).await
    })
    .await;
    at(&pools, t0, 600, async |c, a| Ok(slips::pause(c, a, first.id).await?)).await;
    at(&pools, t0, 900, async |c, a| Ok(slips::resume(c, a, first.id).await?)).await;
    let moved =
        at(&pools, t0, 1_800, async |c, a| floor::move_player(c, a, first.id, to(TABLE_A_INACTIVE, 2), None).await)
            .await;
    assert_eq!(
        (moved.previous_slip_id, moved.visit_id, moved.table_id, moved.seat),
        (Some(first.id), first.visit_id, TABLE_A_INACTIVE, 2)
    );
    assert_eq!((moved.current_bet, moved.chain_prior_seconds, moved.accrued_seconds), (Cents(2_500), 1_500, 0));
    let last = at(&pools, t0, 2_400, async |c, a| Ok(slips::close(c, a, moved.id, None, None).await?)).await;

    let source = at(&pools, t0, 2_400, async |c, a| Ok(slips::slip(c, a, first.id).await?)).await;
    assert_eq!(source.status, SlipStatus::Closed);
    assert_eq!(source.close_reason.as_deref(), Some("Moved to BJ-02 seat 2"));
    assert_eq!(source.ended_at, Some(t0 + chrono::Duration::seconds(1_800)), "closed at the move's instant");
    assert_eq!(last.started_at, t0 + chrono::Duration::seconds(1_800), "continued at the same instant");
    // 2,400 s with 300 s paused: 1,500 before the move, 600 after, none lost or counted twice.
    assert_eq!((source.accrued_seconds, last.accrued_seconds, last.chain_seconds()), (1_500, 600, 2_100));
    let visit = run(&pools, pit_boss_a(), async |c, a| visit::visit(c, a, first.visit_id).await).await.expect("visit");
    assert_eq!(visit.seat, Some(to(TABLE_A_INACTIVE, 2)));
    let accruals = count(
        &pools,
        &format!(
            "select count(*) from loyalty_ledger where reason = 'session_end' and rating_slip_id in ('{}', '{}')",
            first.id.0, moved.id.0
        ),
    )
    .await;
    assert_eq!(accruals, 2, "each slip of the chain accrues once");
    assert_eq!(audit_actions(&pools, moved.id.0).await, ["rating_slip.started", "rating_slip.closed"]);
    let history =
        run(&pools, pit_boss_a(), async |c, a| floor::player_history(c, a, CRUZ, None).await).await.expect("history");
    let chain: Vec<_> = history.visits[0].slips.iter().map(|s| (s.table.as_str(), s.slip.previous_slip_id)).collect();
    assert_eq!(chain, [("BJ-01", None), ("BJ-02", Some(first.id))], "the history shows the chain link");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_refused_move_changes_nothing(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let inactive = move_alma(&pools, to(TABLE_A_INACTIVE, 2), None).await;
    assert_eq!(inactive.expect_err("BJ-02 is not open").code(), ErrorCode::TableNotActive);
    run(&pools, pit_boss_a(), async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 5, &PlayerChoice::Existing(CRUZ), Cents(2_500)).await
    })
    .await
    .expect("Cruz in seat 5");
    let taken = move_alma(&pools, to(TABLE_A_ACTIVE, 5), None).await;
    assert_eq!(taken.expect_err("Cruz sits there").code(), ErrorCode::SeatOccupied);
    let own = move_alma(&pools, to(TABLE_A_ACTIVE, 1), None).await;
    assert_eq!(own.expect_err("her own seat").code(), ErrorCode::SeatOccupied);
    open_bj02(&pools).await;
    let nine_million = move_alma(&pools, to(TABLE_A_INACTIVE, 2), Some(Cents(900_000_000))).await;
    assert_eq!(nine_million.expect_err("over BJ-02's limit").code(), ErrorCode::RatingSlipBetOutsideLimits);
    let nowhere = move_alma(&pools, to(TABLE_A_INACTIVE, 9), None).await;
    assert_eq!(nowhere.expect_err("seven seats").code(), ErrorCode::SeatOutOfRange);

    let slip = alma_slip(&pools).await;
    assert_eq!((slip.status, slip.table_id, slip.seat), (SlipStatus::Open, TABLE_A_ACTIVE, 1), "still rated there");
    let visit = run(&pools, pit_boss_a(), async |c, a| visit::visit(c, a, ALMA_VISIT).await).await.expect("visit");
    assert_eq!(visit.seat, Some(to(TABLE_A_ACTIVE, 1)));
    assert_eq!(count(&pools, "select count(*) from rating_slip where previous_slip_id is not null").await, 0);

    run(&pools, pit_boss_a(), async |c, a| slips::close(c, a, ALMA_SLIP, None, None).await).await.expect("closed");
    let closed = move_alma(&pools, to(TABLE_A_INACTIVE, 2), None).await;
    assert_eq!(closed.expect_err("closed slip").code(), ErrorCode::RatingSlipInvalidState);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn two_moves_of_one_slip_at_once_make_one_move(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    open_bj02(&pools).await;
    let attempt = |seat: i16| {
        let pool = pools.app.clone();
        tokio::spawn(async move {
            let boss = pit_boss_a();
            db::scoped(&pool, &scope(boss), async |conn| {
                floor::move_player(conn, &boss, ALMA_SLIP, to(TABLE_A_INACTIVE, seat), None).await
            })
            .await
        })
    };
    let (a, b) = (attempt(3), attempt(4));
    let outcomes = [a.await.expect("task"), b.await.expect("task")];
    let codes: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().err().map(|e| e.code())).collect();
    assert_eq!(codes, [ErrorCode::RatingSlipInvalidState], "one moves, the other finds the slip closed");
    assert_eq!(count(&pools, "select count(*) from rating_slip where previous_slip_id is not null").await, 1);
    assert_eq!(count(&pools, "select count(*) from rating_slip where status <> 'closed' and casino_id = 'aaaaaaaa-0000-4000-8000-000000000001'").await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_move_into_a_seat_taken_meanwhile_fails_and_leaves_the_slip_running(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    open_bj02(&pools).await;
    // Cruz is being seated at BJ-02 seat 3 by another pit boss whose transaction is still open when the move
    // reaches the seat: the move waits for it, then finds the seat taken.
    let pool = pools.app.clone();
    let seating = tokio::spawn(async move {
        let boss = pit_boss_a();
        db::scoped(&pool, &scope(boss), async |conn| {
            let slip =
                floor::seat_and_start(conn, &boss, TABLE_A_INACTIVE, 3, &PlayerChoice::Existing(CRUZ), Cents(2_500))
                    .await?;
            tokio::time::sleep(Duration::from_millis(700)).await;
            Ok::<_, floor::Error>(slip)
        })
        .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let moved = move_alma(&pools, to(TABLE_A_INACTIVE, 3), None).await;
    seating.await.expect("task").expect("Cruz seated");
    assert_eq!(moved.expect_err("taken meanwhile").code(), ErrorCode::SeatOccupied);
    let slip = alma_slip(&pools).await;
    assert_eq!((slip.status, slip.ended_at), (SlipStatus::Open, None), "the source slip was not closed");
    pools.close().await;
}
