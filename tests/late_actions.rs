//! Actions a tablet queued offline, sent later with the instant they were tapped, against PostgreSQL as the
//! runtime role: the slip's clock stops and starts at the taps, not at their arrival; both instants are kept; the
//! audit says the action was recorded late; taps in the future, too old or before the slip's last change are
//! refused with nothing written.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{CRUZ, Pools, TABLE_A_ACTIVE, TABLE_A_INACTIVE, count, pit_boss_a, run};
use pitboss::floor::{self, PlayerChoice};
use pitboss::rating_slip::late::{Tapped, act_at};
use pitboss::rating_slip::{self as slips, Slip, SlipId, SlipStatus};
use pitboss::visit::{self, Seat};
use pitboss::{Actor, Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// Runs `work` as casino A's pit boss in a transaction that reaches the server `received` seconds after `t0`;
/// when `tapped` is given, the action was queued and tapped that many seconds after `t0`.
async fn send<T>(
    pools: &Pools,
    t0: DateTime<Utc>,
    (received, tapped): (i64, Option<(i64, Tapped)>),
    work: impl AsyncFnOnce(&mut sqlx::PgConnection, &Actor) -> Result<T, floor::Error>,
) -> Result<T, floor::Error> {
    common::run_at(pools, pit_boss_a(), t0 + Duration::seconds(received), async |conn, boss| {
        if let Some((seconds, on)) = tapped {
            act_at(conn, boss, Some(t0 + Duration::seconds(seconds)), on).await?;
        }
        work(conn, boss).await
    })
    .await
}

/// Seats Cruz at BJ-01 seat 4 and starts his slip at `t0`.
async fn seat_cruz(pools: &Pools, t0: DateTime<Utc>) -> Slip {
    send(pools, t0, (0, None), async |c, a| {
        floor::seat_and_start(c, a, TABLE_A_ACTIVE, 4, &PlayerChoice::Existing(CRUZ), Cents(2_500)).await
    })
    .await
    .expect("Cruz rated")
}

/// The slip's pauses as stored: (started, ended, start written, end written).
type PauseRow = (DateTime<Utc>, Option<DateTime<Utc>>, DateTime<Utc>, Option<DateTime<Utc>>);

async fn pauses(pools: &Pools, slip: SlipId) -> Vec<PauseRow> {
    sqlx::query_as(
        "select started_at, ended_at, started_recorded_at, ended_recorded_at from rating_slip_pause
         where slip_id = $1 order by started_at",
    )
    .bind(slip.0)
    .fetch_all(&pools.admin)
    .await
    .expect("pauses")
}

/// The audit rows of one entity as (action, tapped at, recorded late).
async fn audit_of(pools: &Pools, entity: uuid::Uuid) -> Vec<(String, Option<DateTime<Utc>>, Option<bool>)> {
    sqlx::query_as(
        "select action, (after->>'tapped_at')::timestamptz, (after->>'recorded_late')::boolean from audit_log
         where entity_id = $1 order by occurred_at, action",
    )
    .bind(entity)
    .fetch_all(&pools.admin)
    .await
    .expect("audit rows")
}

fn written_now(instant: Option<DateTime<Utc>>) -> bool {
    instant.is_some_and(|at| (Utc::now() - at).abs() < Duration::minutes(5))
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn queued_pause_resume_and_close_rate_from_the_taps_not_their_arrival(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let t0 = common::clear_of_day_start(&pools, 2_400).await;
    let slip = seat_cruz(&pools, t0).await;
    let on = Tapped::Slip(slip.id);
    // The tablet was out from 550 s to 1,900 s: each action arrived minutes after its tap.
    let paused = send(&pools, t0, (900, Some((600, on))), async |c, a| Ok(slips::pause(c, a, slip.id).await?)).await;
    assert_eq!(paused.expect("paused").accrued_seconds, 600, "rated up to the tap");
    send(&pools, t0, (1_300, Some((1_000, on))), async |c, a| Ok(slips::resume(c, a, slip.id).await?))
        .await
        .expect("resumed");
    let closed =
        send(&pools, t0, (2_000, Some((1_800, on))), async |c, a| Ok(slips::close(c, a, slip.id, None, None).await?))
            .await
            .expect("closed");

    // 1,800 s with 400 s paused; counted from the arrivals it would have been 2,000 with 400 paused.
    assert_eq!((closed.accrued_seconds, closed.ended_at), (1_400, Some(t0 + Duration::seconds(1_800))));
    let stored: (i32, Option<DateTime<Utc>>) =
        sqlx::query_as("select final_duration_seconds, ended_recorded_at from rating_slip where id = $1")
            .bind(slip.id.0)
            .fetch_one(&pools.admin)
            .await
            .expect("slip row");
    assert_eq!(stored.0, 1_400);
    assert!(written_now(stored.1), "the close keeps when it was written beside when it took effect");
    let rows = pauses(&pools, slip.id).await;
    assert_eq!(rows.len(), 1);
    let (started, ended, started_written, ended_written) = rows[0];
    assert_eq!((started, ended), (t0 + Duration::seconds(600), Some(t0 + Duration::seconds(1_000))));
    assert!(written_now(Some(started_written)) && written_now(ended_written), "both instants kept: {:?}", rows[0]);

    let audit = audit_of(&pools, slip.id.0).await;
    let late: Vec<_> = audit.iter().map(|(action, at, late)| (action.as_str(), *at, *late)).collect();
    assert_eq!(
        late,
        [
            ("rating_slip.started", None, None),
            ("rating_slip.paused", Some(t0 + Duration::seconds(600)), Some(true)),
            ("rating_slip.resumed", Some(t0 + Duration::seconds(1_000)), Some(true)),
            ("rating_slip.closed", Some(t0 + Duration::seconds(1_800)), Some(true)),
        ],
        "the audit says which actions were recorded late, and when they were tapped"
    );
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn taps_outside_the_bounds_are_refused_and_write_nothing(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let t0 = common::clear_of_day_start(&pools, 6_000).await;
    let slip = seat_cruz(&pools, t0).await;
    let on = Tapped::Slip(slip.id);
    send(&pools, t0, (600, None), async |c, a| Ok(slips::pause(c, a, slip.id).await?)).await.expect("paused");
    let resume = async |received: i64, tapped: i64| {
        send(&pools, t0, (received, Some((tapped, on))), async |c, a| Ok(slips::resume(c, a, slip.id).await?))
            .await
            .map_err(|e| e.code())
    };

    let cases = [
        ((700, 500), ErrorCode::ActionTappedBeforeLastChange, "tapped before the pause it would end"),
        ((700, 711), ErrorCode::ActionTappedInFuture, "the tablet's clock 11 s ahead"),
        ((2_500, 699), ErrorCode::ActionTappedTooLongAgo, "tapped 30 min 1 s before it arrived"),
    ];
    for ((received, tapped), code, why) in cases {
        assert_eq!(resume(received, tapped).await.map(|s| s.status), Err(code), "{why}");
    }
    assert_eq!(pauses(&pools, slip.id).await[0].1, None, "still paused");
    assert_eq!(count(&pools, "select count(*) from audit_log where action = 'rating_slip.resumed'").await, 0);

    // A tablet clock a few seconds ahead acts at the server's instant.
    assert_eq!(resume(700, 705).await.map(|s| s.status), Ok(SlipStatus::Open));
    assert_eq!(pauses(&pools, slip.id).await[0].1, Some(t0 + Duration::seconds(700)));

    // The window is the casino's: widened to an hour, a tap 31 minutes old is accepted.
    sqlx::query("update casino_settings set late_action_minutes = 60 where casino_id = $1")
        .bind(common::CASINO_A.0)
        .execute(&pools.admin)
        .await
        .expect("window widened");
    let pause = send(&pools, t0, (3_000, Some((1_140, on))), async |c, a| Ok(slips::pause(c, a, slip.id).await?));
    assert_eq!(pause.await.expect("paused late").accrued_seconds, 600 + 440);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_queued_move_and_check_out_take_effect_at_their_taps(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    run(&pools, common::admin_a(), async |conn, actor| {
        pitboss::table_context::open_table(conn, actor, TABLE_A_INACTIVE).await
    })
    .await
    .expect("BJ-02 open");
    let t0 = common::clear_of_day_start(&pools, 2_400).await;
    let first = seat_cruz(&pools, t0).await;
    let to = Seat { table_id: TABLE_A_INACTIVE, number: 2 };
    let moved = send(&pools, t0, (900, Some((600, Tapped::Slip(first.id)))), async |c, a| {
        floor::move_player(c, a, first.id, to, None).await
    })
    .await
    .expect("moved");
    assert_eq!((moved.started_at, moved.chain_prior_seconds), (t0 + Duration::seconds(600), 600));

    let visit = moved.visit_id;
    send(&pools, t0, (1_500, Some((1_200, Tapped::Visit(visit)))), async |c, a| floor::check_out(c, a, visit).await)
        .await
        .expect("checked out");
    let last = run(&pools, pit_boss_a(), async |c, a| slips::slip(c, a, moved.id).await).await.expect("slip");
    assert_eq!((last.ended_at, last.accrued_seconds), (Some(t0 + Duration::seconds(1_200)), 600));
    let ended = run(&pools, pit_boss_a(), async |c, a| visit::visit(c, a, visit).await).await.expect("visit");
    assert_eq!(ended.ended_at, Some(t0 + Duration::seconds(1_200)), "the visit ends at the tap too");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_queued_pause_of_a_slip_closed_meanwhile_is_a_conflict(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let t0 = common::clear_of_day_start(&pools, 1_200).await;
    let slip = seat_cruz(&pools, t0).await;
    // Tablet A paused at 600 s while offline; B closed the slip at 800 s.
    send(&pools, t0, (800, None), async |c, a| Ok(slips::close(c, a, slip.id, None, None).await?))
        .await
        .expect("closed");
    let pause =
        send(
            &pools,
            t0,
            (900, Some((600, Tapped::Slip(slip.id)))),
            async |c, a| Ok(slips::pause(c, a, slip.id).await?),
        )
        .await;
    assert_eq!(pause.map_err(|e| e.code()).map(|s| s.status), Err(ErrorCode::RatingSlipInvalidState));
    assert!(pauses(&pools, slip.id).await.is_empty(), "nothing half-applied");
    let dealer = common::actor(common::CASINO_A, common::DEALER_A, pitboss::casino::StaffRole::Dealer);
    let refused =
        run(&pools, dealer, async |conn, dealer| act_at(conn, dealer, Some(Utc::now()), Tapped::Slip(slip.id)).await)
            .await;
    assert_eq!(refused.map_err(|e| e.code()), Err(ErrorCode::Forbidden), "only the pit acts on slips");
    pools.close().await;
}
