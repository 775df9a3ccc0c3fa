//! The floor workflows against PostgreSQL as the runtime role: one-tap seating and rating (of a new or a
//! checked-in player), check-out, closing a table with players rated, races for one seat, the seat map.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{
    ALMA_SLIP, ALMA_VISIT, CRUZ, Pools, TABLE_A_ACTIVE, TABLE_A_INACTIVE, audit_actions, count, count_for_closing,
    pit_boss_a, run, scope,
};
use pitboss::floor::{self, PlayerChoice};
use pitboss::player::EnrollInput;
use pitboss::rating_slip::{self as slips, SlipStatus};
use pitboss::table_context::TableStatus;
use pitboss::visit;
use pitboss::{Cents, DomainError, ErrorCode, db};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

fn newcomer(last: &str) -> PlayerChoice {
    PlayerChoice::New(EnrollInput { first_name: "Nova".into(), last_name: last.into(), birth_date: None })
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn one_tap_seats_and_rates_an_existing_or_a_new_player(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let cruz = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 2, &PlayerChoice::Existing(CRUZ), Cents(2_500)).await
    })
    .await
    .expect("Cruz rated from an empty seat");
    assert_eq!((cruz.seat, cruz.status, cruz.average_bet), (2, SlipStatus::Open, Cents(2_500)));

    let nova = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 4, &newcomer("Quill"), Cents(10_000)).await
    })
    .await
    .expect("a new player enrolled, checked in, seated and rated");
    let visit = run(&pools, boss, async |conn, actor| visit::active_visit(conn, actor, nova.player_id).await)
        .await
        .expect("visit")
        .expect("checked in");
    assert_eq!(visit.seat.map(|s| s.number), Some(4));

    let map = run(&pools, boss, async |conn, actor| floor::seat_maps(conn, actor, Some(TABLE_A_ACTIVE)).await)
        .await
        .expect("map");
    let taken: Vec<_> = map[0]
        .seats
        .iter()
        .filter_map(|s| s.occupant.as_ref().map(|o| (s.number, o.name.clone(), o.slip.is_some())))
        .collect();
    assert_eq!(
        taken,
        [(1, "Alma Ayala".into(), true), (2, "Cruz Castro".into(), true), (4, "Nova Quill".into(), true)]
    );
    assert_eq!(map[0].seats.len(), 7);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_refusal_midway_leaves_no_half_seated_player(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let before = count(&pools, "select count(*) from player").await;
    let taken = run(&pools, pit_boss_a(), async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 1, &newcomer("Late"), Cents(2_500)).await
    })
    .await;
    assert_eq!(taken.expect_err("Alma sits in seat 1").code(), ErrorCode::SeatOccupied);
    assert_eq!(count(&pools, "select count(*) from player").await, before, "no enrollment survives");
    assert_eq!(count(&pools, "select count(*) from visit where ended_at is null").await, 2, "no visit survives");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_checked_in_player_is_seated_and_rated_on_the_visit_they_have(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let checked_in =
        run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await.expect("checked in");
    let cruz = PlayerChoice::Existing(CRUZ);
    let closed_table = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_INACTIVE, 3, &cruz, Cents(2_500)).await
    })
    .await;
    assert_eq!(closed_table.expect_err("not open").code(), ErrorCode::TableNotActive);
    let too_big = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 3, &cruz, Cents(900_000_000)).await
    })
    .await;
    assert_eq!(too_big.expect_err("$10 to $1,000").code(), ErrorCode::RatingSlipBetOutsideLimits);
    assert_eq!(audit_actions(&pools, checked_in.id.0).await, ["visit.checked_in"], "neither refusal seated them");

    let slip = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 3, &cruz, Cents(2_500)).await
    })
    .await
    .expect("seated and rated");
    assert_eq!((slip.visit_id, slip.seat, slip.status), (checked_in.id, 3, SlipStatus::Open));
    assert_eq!(audit_actions(&pools, checked_in.id.0).await, ["visit.checked_in", "visit.seated"]);
    let visit =
        run(&pools, boss, async |conn, actor| visit::visit(conn, actor, checked_in.id).await).await.expect("visit");
    assert_eq!(visit.seat.map(|s| (s.table_id, s.number)), Some((TABLE_A_ACTIVE, 3)));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn two_pit_bosses_racing_for_one_seat_get_one_slip(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let attempt = |choice: PlayerChoice| {
        let pool = pools.app.clone();
        tokio::spawn(async move {
            let boss = pit_boss_a();
            db::scoped(&pool, &scope(boss), async |conn| {
                floor::seat_and_start(conn, &boss, TABLE_A_ACTIVE, 5, &choice, Cents(2_500)).await
            })
            .await
        })
    };
    let (a, b) = (attempt(PlayerChoice::Existing(CRUZ)), attempt(newcomer("Racer")));
    let outcomes = [a.await.expect("task"), b.await.expect("task")];
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    let codes: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().err().map(|e| e.code())).collect();
    assert_eq!(won, 1, "exactly one start succeeds: {codes:?}");
    assert_eq!(codes, [ErrorCode::SeatOccupied], "the other hears the seat is taken");
    assert_eq!(count(&pools, "select count(*) from rating_slip where seat_number = 5 and status <> 'closed'").await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn checking_out_closes_the_players_slips_first(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    run(&pools, boss, async |conn, actor| floor::check_out(conn, actor, ALMA_VISIT).await).await.expect("checked out");
    let slip = run(&pools, boss, async |conn, actor| slips::slip(conn, actor, ALMA_SLIP).await).await.expect("slip");
    assert_eq!(slip.status, SlipStatus::Closed);
    let visit =
        run(&pools, boss, async |conn, actor| visit::visit(conn, actor, ALMA_VISIT).await).await.expect("visit");
    assert!(!visit.is_active() && visit.seat.is_none());
    assert_eq!(audit_actions(&pools, ALMA_VISIT.0).await, ["visit.checked_out"]);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_table_with_players_rated_closes_only_when_forced_with_a_reason(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    count_for_closing(&pools, TABLE_A_ACTIVE).await;
    let refused =
        run(&pools, boss, async |conn, actor| floor::close_table(conn, actor, TABLE_A_ACTIVE, None).await).await;
    assert_eq!(refused.expect_err("slips open").code(), ErrorCode::TableHasOpenSlips);
    let blank =
        run(&pools, boss, async |conn, actor| floor::close_table(conn, actor, TABLE_A_ACTIVE, Some("  ")).await).await;
    assert_eq!(blank.expect_err("no reason").code(), ErrorCode::TableCloseReasonInvalid);
    assert_eq!(count(&pools, "select count(*) from rating_slip where status <> 'closed' and seat_number = 1").await, 1);

    let closed = run(&pools, boss, async |conn, actor| {
        floor::close_table(conn, actor, TABLE_A_ACTIVE, Some("Power failure at the table")).await
    })
    .await
    .expect("forced");
    assert_eq!(closed.status, TableStatus::Closed);
    let slip = run(&pools, boss, async |conn, actor| slips::slip(conn, actor, ALMA_SLIP).await).await.expect("slip");
    assert_eq!((slip.status, slip.close_reason.as_deref()), (SlipStatus::Closed, Some("Power failure at the table")));
    let visit =
        run(&pools, boss, async |conn, actor| visit::visit(conn, actor, ALMA_VISIT).await).await.expect("visit");
    assert!(visit.is_active() && visit.seat.is_none(), "Alma stays checked in, without a seat");
    let closing = audit_actions(&pools, ALMA_SLIP.0).await;
    assert_eq!(closing, ["rating_slip.closed"]);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_players_history_lists_visits_newest_first_with_their_slips_a_page_at_a_time(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    // Cruz visits 21 times: rated for a moment on each; the last visit is still going.
    for _ in 0..21 {
        run(&pools, boss, async |conn, actor| {
            let slip =
                floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 4, &PlayerChoice::Existing(CRUZ), Cents(2_500))
                    .await?;
            slips::close(conn, actor, slip.id, None, None).await?;
            floor::check_out(conn, actor, slip.visit_id).await
        })
        .await
        .expect("a visit");
    }
    let last = run(&pools, boss, async |conn, actor| {
        floor::seat_and_start(conn, actor, TABLE_A_ACTIVE, 4, &PlayerChoice::Existing(CRUZ), Cents(5_000)).await
    })
    .await
    .expect("playing now");

    let first = run(&pools, boss, async |conn, actor| floor::player_history(conn, actor, CRUZ, None).await)
        .await
        .expect("history");
    assert_eq!(first.visits.len(), 20);
    assert_eq!(first.visits[0].visit.id, last.visit_id, "newest first");
    let now = &first.visits[0].slips;
    assert_eq!((now.len(), now[0].table.as_str(), now[0].slip.seat), (1, "BJ-01", 4));
    assert_eq!((now[0].slip.status, now[0].slip.average_bet), (SlipStatus::Open, Cents(5_000)));
    let closed = &first.visits[1].slips[0];
    assert_eq!((closed.slip.status, closed.points), (SlipStatus::Closed, 0), "a moment earns no point");
    assert!(first.visits.windows(2).all(|w| w[0].visit.started_at > w[1].visit.started_at));

    let second = run(&pools, boss, async |conn, actor| floor::player_history(conn, actor, CRUZ, first.before).await)
        .await
        .expect("older page");
    assert_eq!((second.visits.len(), second.before), (2, None), "22 visits: 20, then 2, then no more");
    let seen: std::collections::HashSet<_> = first.visits.iter().chain(&second.visits).map(|v| v.visit.id).collect();
    assert_eq!(seen.len(), 22, "no visit twice, none skipped");
    let stranger = pitboss::player::PlayerId(uuid::Uuid::new_v4());
    let unknown = run(&pools, boss, async |conn, actor| floor::player_history(conn, actor, stranger, None).await).await;
    assert_eq!(unknown.expect_err("not enrolled").code(), ErrorCode::NotFound);
    pools.close().await;
}
