//! RatingSlipService against PostgreSQL as the runtime role: start rules, the state machine, durations
//! derived from timestamps, the frozen policy, tenancy.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{
    ALMA_SLIP, BRAM_SLIP, CRUZ, Pools, TABLE_A_ACTIVE, TABLE_A_INACTIVE, admin_a, audit_actions, count, pit_boss_a, run,
};
use pitboss::rating_slip::{self as slips, SlipStatus};
use pitboss::table_context::{self as tables, GameKey, GameSettingsInput};
use pitboss::visit::{self, Seat};
use pitboss::{Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// Checks Cruz in and seats him at casino A's BJ-01, seat 3.
async fn seat_cruz(pools: &Pools) -> pitboss::visit::VisitId {
    run(pools, pit_boss_a(), async |conn, actor| seat_cruz_now(conn, actor).await).await.expect("seated").id
}

/// As [`seat_cruz`], with the clock at `instant`.
async fn seat_cruz_at(pools: &Pools, instant: chrono::DateTime<chrono::Utc>) -> pitboss::visit::VisitId {
    common::run_at(pools, pit_boss_a(), instant, seat_cruz_now).await.expect("seated").id
}

async fn seat_cruz_now(conn: &mut sqlx::PgConnection, actor: &pitboss::Actor) -> Result<visit::Visit, visit::Error> {
    let visit = visit::check_in(conn, actor, CRUZ).await?;
    visit::seat(conn, actor, visit.id, Seat { table_id: TABLE_A_ACTIVE, number: 3 }).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_slip_starts_only_for_a_player_seated_at_that_table(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let cruz = run(&pools, boss, async |conn, actor| visit::check_in(conn, actor, CRUZ).await).await.expect("in").id;
    let unseated =
        run(&pools, boss, async |conn, actor| slips::start(conn, actor, cruz, TABLE_A_ACTIVE, Cents(2_500)).await)
            .await;
    assert_eq!(unseated.expect_err("not seated").code(), ErrorCode::RatingSlipNotSeated);

    run(&pools, boss, async |conn, actor| {
        visit::seat(conn, actor, cruz, Seat { table_id: TABLE_A_ACTIVE, number: 3 }).await
    })
    .await
    .expect("seated");
    let elsewhere =
        run(&pools, boss, async |conn, actor| slips::start(conn, actor, cruz, TABLE_A_INACTIVE, Cents(2_500)).await)
            .await;
    assert_eq!(elsewhere.expect_err("seated at BJ-01, not BJ-02").code(), ErrorCode::RatingSlipNotSeated);
    let negative =
        run(&pools, boss, async |conn, actor| slips::start(conn, actor, cruz, TABLE_A_ACTIVE, Cents(-1)).await).await;
    assert_eq!(negative.expect_err("negative bet").code(), ErrorCode::RatingSlipInvalidAverageBet);

    let slip =
        run(&pools, boss, async |conn, actor| slips::start(conn, actor, cruz, TABLE_A_ACTIVE, Cents(2_500)).await)
            .await
            .expect("started");
    assert_eq!((slip.status, slip.seat, slip.accrued_seconds), (SlipStatus::Open, 3, 0));
    assert_eq!(slip.policy.house_edge_bps, 75);
    assert_eq!(audit_actions(&pools, slip.id.0).await, ["rating_slip.started"]);

    let twice =
        run(&pools, boss, async |conn, actor| slips::start(conn, actor, cruz, TABLE_A_ACTIVE, Cents(2_500)).await)
            .await;
    assert_eq!(twice.expect_err("one slip per player and table").code(), ErrorCode::RatingSlipAlreadyActive);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn every_slip_state_and_command_through_the_database(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let visit = seat_cruz(&pools).await;
    let id =
        run(&pools, boss, async |conn, actor| slips::start(conn, actor, visit, TABLE_A_ACTIVE, Cents(1_000)).await)
            .await
            .expect("started")
            .id;
    // Commands derive their answer from the slip they locked; it must be the slip as now stored.
    let step = async |name: &str| {
        run(&pools, boss, async |conn, actor| {
            let answer = match name {
                "pause" => slips::pause(conn, actor, id).await,
                "resume" => slips::resume(conn, actor, id).await,
                "bet" => slips::update_average_bet(conn, actor, id, Cents(5_000)).await,
                _ => slips::close(conn, actor, id, Some(Cents(7_500)), Some("end of shift")).await,
            }?;
            assert_eq!(answer, slips::slip(conn, actor, id).await?, "{name}: the answer is the slip as stored");
            Ok::<_, slips::Error>(answer)
        })
        .await
        .map(|s| s.status)
        .map_err(|e| e.code())
    };
    let invalid = Err(ErrorCode::RatingSlipInvalidState);
    assert_eq!(step("resume").await, invalid, "open: resume");
    assert_eq!(step("bet").await, Ok(SlipStatus::Open));
    assert_eq!(step("pause").await, Ok(SlipStatus::Paused));
    assert_eq!(step("pause").await, invalid, "paused: pause");
    assert_eq!(step("bet").await, Ok(SlipStatus::Paused));
    assert_eq!(step("resume").await, Ok(SlipStatus::Open));
    assert_eq!(step("pause").await, Ok(SlipStatus::Paused));
    assert_eq!(step("close").await, Ok(SlipStatus::Closed), "paused: close");
    for name in ["pause", "resume", "bet", "close"] {
        assert_eq!(step(name).await, invalid, "closed: {name}");
    }
    let actions = audit_actions(&pools, id.0).await;
    assert_eq!(actions.first().map(String::as_str), Some("rating_slip.started"));
    assert_eq!(actions.last().map(String::as_str), Some("rating_slip.closed"));
    assert_eq!(actions.len(), 7, "{actions:?}");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn rated_time_comes_from_timestamps_and_excludes_pauses(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    // Alma's slip started 90 minutes ago and was paused for 10 of them.
    let running = run(&pools, boss, async |conn, actor| slips::slip(conn, actor, ALMA_SLIP).await).await.expect("slip");
    assert!((80 * 60..80 * 60 + 3).contains(&running.accrued_seconds), "{}", running.accrued_seconds);

    // Pause now, then pretend the pause began 5 minutes ago: resuming must exclude those 5 minutes too. Edited
    // history is priced from the history, so the edit clears the slip's tally.
    run(&pools, boss, async |conn, actor| slips::pause(conn, actor, ALMA_SLIP).await).await.expect("paused");
    sqlx::query(
        "with edited as (update rating_slip_pause set started_at = now() - interval '5 minutes'
                         where slip_id = $1 and ended_at is null returning slip_id)
         update rating_slip
         set tally_at = null, tally_rated_us = null, tally_bet_seconds = null, tally_bet_from_seconds = null
         where id in (select slip_id from edited)",
    )
    .bind(ALMA_SLIP.0)
    .execute(&pools.admin)
    .await
    .expect("backdate");
    let closed = run(&pools, boss, async |conn, actor| {
        let closed = slips::close(conn, actor, ALMA_SLIP, Some(Cents(3_000)), None).await?;
        assert_eq!(closed, slips::slip(conn, actor, ALMA_SLIP).await?, "the answer is the slip as stored");
        Ok::<_, slips::Error>(closed)
    })
    .await
    .expect("closed while paused");
    assert_eq!(closed.status, SlipStatus::Closed);
    assert!((75 * 60..75 * 60 + 3).contains(&closed.accrued_seconds), "{}", closed.accrued_seconds);
    assert_eq!(closed.average_bet, Cents(3_000));
    // Theo from the frozen policy: $30 × 0.75% × 70/h × 1.25 h = $19.69 (rounded down, to the cent).
    assert_eq!(closed.theo, slips::rules::theo(Cents(3_000), 75, 70, closed.accrued_seconds));

    let (stored, open_pauses): (i32, i64) = sqlx::query_as(
        "select final_duration_seconds, (select count(*) from rating_slip_pause where slip_id = s.id and ended_at is null)
         from rating_slip s where id = $1",
    )
    .bind(ALMA_SLIP.0)
    .fetch_one(&pools.admin)
    .await
    .expect("stored");
    assert_eq!(i64::from(stored), closed.accrued_seconds, "the final duration is stored once, at close");
    assert_eq!(open_pauses, 0, "closing ends the pause in progress");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn changing_game_settings_leaves_running_slips_alone(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let visit = seat_cruz(&pools).await;
    let before = run(&pools, pit_boss_a(), async |conn, actor| {
        slips::start(conn, actor, visit, TABLE_A_ACTIVE, Cents(1_000)).await
    })
    .await
    .expect("started");
    let input = GameSettingsInput {
        min_bet_cents: 1_000,
        max_bet_cents: 500_000,
        seats: 7,
        house_edge_bps: 200,
        decisions_per_hour: 90,
        points_per_theo_dollar: 20,
        point_multiplier_pct: 200,
    };
    let updated = run(&pools, admin_a(), async |conn, actor| {
        tables::update_game_settings(conn, actor, &GameKey::new("blackjack"), &input).await
    })
    .await
    .expect("updated");
    assert_eq!(updated.policy_version, before.policy.policy_version + 1);

    let after =
        run(&pools, pit_boss_a(), async |conn, actor| slips::slip(conn, actor, before.id).await).await.expect("slip");
    assert_eq!(after.policy, before.policy, "the snapshot is frozen at start");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn another_casinos_slip_cannot_be_read_or_changed(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let read = run(&pools, boss, async |conn, actor| slips::slip(conn, actor, BRAM_SLIP).await).await;
    assert_eq!(read.expect_err("invisible").code(), ErrorCode::NotFound);
    let resumed = run(&pools, boss, async |conn, actor| slips::resume(conn, actor, BRAM_SLIP).await).await;
    assert_eq!(resumed.expect_err("untouchable").code(), ErrorCode::NotFound);
    let status: String = sqlx::query_scalar("select status::text from rating_slip where id = $1")
        .bind(BRAM_SLIP.0)
        .fetch_one(&pools.admin)
        .await
        .expect("status");
    assert_eq!(status, "paused");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn slips_from_an_earlier_gaming_day_are_flagged_stale(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let fresh =
        run(&pools, pit_boss_a(), async |conn, actor| slips::slip(conn, actor, ALMA_SLIP).await).await.expect("slip");
    assert!(!fresh.stale);
    sqlx::query("update rating_slip set gaming_day = gaming_day - 1 where id = $1")
        .bind(ALMA_SLIP.0)
        .execute(&pools.admin)
        .await
        .expect("yesterday");
    let old =
        run(&pools, pit_boss_a(), async |conn, actor| slips::active_slips_at(conn, actor, Some(TABLE_A_ACTIVE)).await)
            .await
            .expect("slips");
    assert_eq!(old.len(), 1);
    assert!(old[0].stale);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_bet_outside_the_tables_limits_is_refused_on_start_change_and_close(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let visit = seat_cruz(&pools).await;
    // BJ-01 takes $10 to $1,000; the $9,000,000 bet a new user once rated there is the first try.
    for bet in [Cents(900_000_000), Cents(100_001), Cents(999)] {
        let start =
            run(&pools, boss, async |conn, actor| slips::start(conn, actor, visit, TABLE_A_ACTIVE, bet).await).await;
        let refused = start.expect_err("outside the limits");
        assert_eq!(refused.code(), ErrorCode::RatingSlipBetOutsideLimits, "{bet:?}");
        let field = refused.fields().pop().expect("the bet field");
        assert_eq!((field.field.as_str(), field.text()), ("average_bet", refused.detail().expect("detail").as_str()));
        assert!(field.text().contains("$10 to $1,000"), "{}", field.text());
    }
    let slip =
        run(&pools, boss, async |conn, actor| slips::start(conn, actor, visit, TABLE_A_ACTIVE, Cents(100_000)).await)
            .await
            .expect("the maximum is a bet the table takes");
    let change =
        run(&pools, boss, async |conn, actor| slips::update_average_bet(conn, actor, slip.id, Cents(100_100)).await)
            .await;
    assert_eq!(change.expect_err("above the maximum").code(), ErrorCode::RatingSlipBetOutsideLimits);
    let close =
        run(&pools, boss, async |conn, actor| slips::close(conn, actor, slip.id, Some(Cents(500)), None).await).await;
    assert_eq!(close.expect_err("below the minimum").code(), ErrorCode::RatingSlipBetOutsideLimits);

    let unchanged = run(&pools, boss, async |conn, actor| slips::slip(conn, actor, slip.id).await).await.expect("slip");
    assert_eq!((unchanged.status, unchanged.current_bet), (SlipStatus::Open, Cents(100_000)), "nothing half-written");
    let segments =
        count(&pools, &format!("select count(*) from rating_slip_bet_segment where slip_id = '{}'", slip.id.0)).await;
    assert_eq!(segments, 1);
    assert_eq!(audit_actions(&pools, slip.id.0).await, ["rating_slip.started"]);
    pools.close().await;
}

/// Runs one domain call as casino A's pit boss with the clock at `seconds` after `t0`.
async fn at<T>(
    pools: &Pools,
    t0: chrono::DateTime<chrono::Utc>,
    seconds: i64,
    work: impl AsyncFnOnce(&mut sqlx::PgConnection, &pitboss::Actor) -> Result<T, slips::Error>,
) -> T {
    let instant = t0 + chrono::Duration::seconds(seconds);
    common::run_at(pools, pit_boss_a(), instant, work).await.expect("acted")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_bet_change_prices_only_the_time_after_it(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // A whole second, so every instant after it is exact; the slip's 3,660 s all on one gaming day.
    let t0 = common::clear_of_day_start(&pools, 3_660).await;
    let visit = seat_cruz_at(&pools, t0).await;
    let slip = at(&pools, t0, 0, async |c, a| slips::start(c, a, visit, TABLE_A_ACTIVE, Cents(2_500)).await).await;
    // $25 for 30 minutes, a 10-minute break, $25 for 20 minutes more, then $40 for the last minute.
    at(&pools, t0, 1_800, async |c, a| slips::pause(c, a, slip.id).await).await;
    at(&pools, t0, 2_400, async |c, a| slips::resume(c, a, slip.id).await).await;
    let changed =
        at(&pools, t0, 3_600, async |c, a| slips::update_average_bet(c, a, slip.id, Cents(4_000)).await).await;
    // 3,000 s at $25: the average is still $25, and the answer is what a read says.
    assert_eq!(
        (changed.accrued_seconds, changed.average_bet, changed.current_bet),
        (3_000, Cents(2_500), Cents(4_000))
    );
    assert_eq!(changed, at(&pools, t0, 3_600, async |c, a| slips::slip(c, a, slip.id).await).await);
    let closed = at(&pools, t0, 3_660, async |c, a| slips::close(c, a, slip.id, None, None).await).await;

    // 2,500 × 3,000 + 4,000 × 60 = 7,740,000 bet-seconds over 3,060 s: $25.29 on average (rounded down);
    // theo at the frozen 0.75% and 70 decisions an hour: 7,740,000 × 75 × 70 / 36,000,000 = 1,128.75 cents.
    assert_eq!(closed.accrued_seconds, 3_060);
    assert_eq!((closed.average_bet, closed.current_bet, closed.theo), (Cents(2_529), Cents(4_000), Cents(1_128)));
    assert_ne!(closed.theo, slips::rules::theo(Cents(4_000), 75, 70, 3_060), "one bet no longer prices the whole slip");
    let accrued: (Option<i64>, i64, i32) = sqlx::query_as(
        "select average_bet_cents, theo_cents, seconds_played from loyalty_ledger
         where rating_slip_id = $1 and reason = 'session_end'",
    )
    .bind(slip.id.0)
    .fetch_one(&pools.admin)
    .await
    .expect("accrual");
    assert_eq!(accrued, (Some(2_529), 1_128, 3_060), "the accrual records the slip's figures");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_final_bet_at_close_corrects_only_the_last_stretch(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let t0 = common::clear_of_day_start(&pools, 7_300).await;
    let visit = seat_cruz_at(&pools, t0).await;
    let slip = at(&pools, t0, 0, async |c, a| slips::start(c, a, visit, TABLE_A_ACTIVE, Cents(1_000)).await).await;
    at(&pools, t0, 3_600, async |c, a| slips::update_average_bet(c, a, slip.id, Cents(2_000)).await).await;
    // The pit boss reads $30 for the hour since the change, not the $20 recorded: $10 × 3,600 + $30 × 3,600.
    let closed = at(&pools, t0, 7_200, async |c, a| slips::close(c, a, slip.id, Some(Cents(3_000)), None).await).await;
    assert_eq!((closed.accrued_seconds, closed.average_bet, closed.current_bet), (7_200, Cents(2_000), Cents(3_000)));
    assert_eq!(closed.theo, slips::rules::theo(Cents(2_000), 75, 70, 7_200));
    let stored = at(&pools, t0, 7_300, async |c, a| slips::slip(c, a, slip.id).await).await;
    assert_eq!(
        stored,
        pitboss::rating_slip::Slip { as_of: stored.as_of, ..closed },
        "the answer is the slip as stored"
    );
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_closed_slip_is_read_from_the_figures_closing_kept(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let t0 = common::clear_of_day_start(&pools, 4_000).await;
    let visit = seat_cruz_at(&pools, t0).await;
    let slip = at(&pools, t0, 0, async |c, a| slips::start(c, a, visit, TABLE_A_ACTIVE, Cents(2_500)).await).await;
    at(&pools, t0, 600, async |c, a| slips::pause(c, a, slip.id).await).await;
    at(&pools, t0, 900, async |c, a| slips::resume(c, a, slip.id).await).await;
    at(&pools, t0, 1_800, async |c, a| slips::update_average_bet(c, a, slip.id, Cents(4_000)).await).await;
    at(&pools, t0, 2_400, async |c, a| slips::pause(c, a, slip.id).await).await;
    // Closed while paused, with the last stretch's bet corrected: the dearest path to the final figures.
    let closed = at(&pools, t0, 3_000, async |c, a| slips::close(c, a, slip.id, Some(Cents(5_000)), None).await).await;
    // 1,500 s at $25 and 600 s at $50: 6,750,000 bet-seconds over 2,100 s is $32.14,
    // and theo at 0.75% and 70 decisions an hour is 6,750,000 × 75 × 70 / 36,000,000 = 984.37 cents.
    assert_eq!((closed.accrued_seconds, closed.average_bet, closed.theo), (2_100, Cents(3_214), Cents(984)));
    let kept: (Option<i32>, Option<i64>, Option<i64>) = sqlx::query_as(
        "select final_duration_seconds, final_average_bet_cents, final_theo_cents from rating_slip where id = $1",
    )
    .bind(slip.id.0)
    .fetch_one(&pools.admin)
    .await
    .expect("the kept figures");
    assert_eq!(kept, (Some(2_100), Some(3_214), Some(984)), "closing keeps the figures it answered with");

    let read = async || at(&pools, t0, 3_600, async |c, a| slips::slip(c, a, slip.id).await).await;
    let from_kept = read().await;
    assert_eq!(from_kept, pitboss::rating_slip::Slip { as_of: from_kept.as_of, ..closed });
    // A slip closed before figures were kept derives them from its history, and gets the same ones.
    common::tamper(
        &pools,
        "update rating_slip set final_average_bet_cents = null, final_theo_cents = null where id = $1",
        slip.id.0,
    )
    .await;
    assert_eq!(read().await, from_kept, "derived from the history");
    // And the kept figures are what a read answers with: its history is not read again.
    common::tamper(
        &pools,
        "update rating_slip set final_average_bet_cents = 1, final_theo_cents = 2 where id = $1",
        slip.id.0,
    )
    .await;
    let tampered = read().await;
    assert_eq!((tampered.accrued_seconds, tampered.average_bet, tampered.theo), (2_100, Cents(1), Cents(2)));
    pools.close().await;
}
