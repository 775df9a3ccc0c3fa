//! VisitService against PostgreSQL as the runtime role: check-in rules, seating rules, the seat guard.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{
    ALMA, ALMA_VISIT, CASHIER_A, CASINO_A, CRUZ, Pools, TABLE_A_ACTIVE, TABLE_A_INACTIVE, actor, pit_boss_a, run,
};
use pitboss::casino::StaffRole;
use pitboss::player::PlayerId;
use pitboss::visit::{self, Seat};
use pitboss::{DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::uuid;

const BRAM: PlayerId = PlayerId(uuid!("bbbbbbbb-3333-4000-8000-0000000000b1"));

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn check_in_needs_an_enrolled_player_without_an_active_visit(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let visit =
        run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await.expect("checked in");
    assert!(visit.is_active() && visit.seat.is_none());
    let today: chrono::NaiveDate = sqlx::query_scalar("select compute_gaming_day($1)")
        .bind(CASINO_A.0)
        .fetch_one(&pools.admin)
        .await
        .expect("day");
    assert_eq!(visit.gaming_day, today, "the visit stores its gaming day");

    let again = run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await;
    assert_eq!(again.expect_err("one at a time").code(), ErrorCode::VisitAlreadyActive);
    let foreign = run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, BRAM).await).await;
    assert_eq!(foreign.expect_err("enrolled at B only").code(), ErrorCode::PlayerNotEnrolled);
    let cashier = run(&pools, actor(CASINO_A, CASHIER_A, StaffRole::Cashier), async |conn, actor| {
        visit::check_in(conn, actor, CRUZ).await
    })
    .await;
    assert_eq!(cashier.expect_err("the pit's job").code(), ErrorCode::Forbidden);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn seating_needs_an_open_table_a_real_seat_and_a_free_one(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let cruz = run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await.expect("in");
    let attempt = async |table, number| {
        run(&pools, boss, async |conn, actor| visit::seat(conn, actor, cruz.id, Seat { table_id: table, number }).await)
            .await
            .map_err(|e| e.code())
    };
    assert_eq!(attempt(TABLE_A_INACTIVE, 1).await.map(|_| ()), Err(ErrorCode::TableNotActive));
    assert_eq!(attempt(TABLE_A_ACTIVE, 0).await.map(|_| ()), Err(ErrorCode::SeatOutOfRange));
    assert_eq!(attempt(TABLE_A_ACTIVE, 8).await.map(|_| ()), Err(ErrorCode::SeatOutOfRange));
    assert_eq!(attempt(TABLE_A_ACTIVE, 1).await.map(|_| ()), Err(ErrorCode::SeatOccupied), "Alma sits there");
    let seated = attempt(TABLE_A_ACTIVE, 7).await.expect("seat 7 is free");
    assert_eq!(seated.seat, Some(Seat { table_id: TABLE_A_ACTIVE, number: 7 }));
    let moved = attempt(TABLE_A_ACTIVE, 6).await.expect("a player who is not rated may move");
    assert_eq!(moved.seat.map(|s| s.number), Some(6));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_rated_player_keeps_their_seat_until_the_slip_closes(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let moved = run(&pools, boss, async |conn, actor| {
        visit::seat(conn, actor, ALMA_VISIT, Seat { table_id: TABLE_A_ACTIVE, number: 5 }).await
    })
    .await;
    assert_eq!(moved.expect_err("rated").code(), ErrorCode::VisitHasActiveSlip);
    let unseated = run(&pools, boss, async |conn, actor| visit::unseat(conn, actor, ALMA_VISIT).await).await;
    assert_eq!(unseated.expect_err("rated").code(), ErrorCode::VisitHasActiveSlip);
    let out = run(&pools, boss, async |conn, actor| visit::check_out(conn, actor, ALMA_VISIT).await).await;
    assert_eq!(out.expect_err("rated").code(), ErrorCode::VisitHasActiveSlip, "use floor::check_out to close slips");
    let still = run(&pools, boss, async |conn, actor| visit::active_visit(conn, actor, ALMA).await).await.expect("ok");
    assert_eq!(still.and_then(|v| v.seat).map(|s| s.number), Some(1));
    pools.close().await;
}
