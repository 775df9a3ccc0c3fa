//! A running slip's tally against PostgreSQL as the runtime role: the commands keep it, reads price the slip from
//! it without its history, and what it prices is what the history prices.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{CRUZ, Pools, TABLE_A_ACTIVE, pit_boss_a};
use pitboss::Cents;
use pitboss::floor::{self, PlayerChoice};
use pitboss::rating_slip::{self as slips, Slip, SlipId};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// Runs one domain call as casino A's pit boss with the clock at `millis` after `t0`.
async fn at<T>(
    pools: &Pools,
    t0: DateTime<Utc>,
    millis: i64,
    work: impl AsyncFnOnce(&mut sqlx::PgConnection, &pitboss::Actor) -> Result<T, slips::Error>,
) -> T {
    common::run_at(pools, pit_boss_a(), t0 + Duration::milliseconds(millis), work).await.expect("acted")
}

/// The slip read as of `millis` after `t0`.
async fn read(pools: &Pools, t0: DateTime<Utc>, millis: i64, id: SlipId) -> Slip {
    at(pools, t0, millis, async |c, a| slips::slip(c, a, id).await).await
}

/// The slip's tally columns: instant, rated microseconds, earlier bet-seconds, seconds when the bet was recorded.
async fn tally(pools: &Pools, id: SlipId) -> (Option<DateTime<Utc>>, Option<i64>, Option<i64>, Option<i64>) {
    sqlx::query_as(
        "select tally_at, tally_rated_us, tally_bet_seconds, tally_bet_from_seconds from rating_slip where id = $1",
    )
    .bind(id.0)
    .fetch_one(&pools.admin)
    .await
    .expect("the tally")
}

const CLEAR: &str = "update rating_slip
                     set tally_at = null, tally_rated_us = null, tally_bet_seconds = null, tally_bet_from_seconds = null
                     where id = $1";

/// Seats Cruz at BJ-01 seat 3 and starts his slip at `t0`, at $25.
async fn start(pools: &Pools, t0: DateTime<Utc>) -> Slip {
    let cruz = PlayerChoice::Existing(CRUZ);
    common::run_at(pools, pit_boss_a(), t0, async |c, a| {
        floor::seat_and_start(c, a, TABLE_A_ACTIVE, 3, &cruz, Cents(2_500)).await
    })
    .await
    .expect("rated")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_running_slip_is_priced_from_its_tally_as_its_history_prices_it(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let t0 = common::clear_of_day_start(&pools, 4_000).await;
    let slip = start(&pools, t0).await;
    assert_eq!(tally(&pools, slip.id).await, (Some(t0), Some(0), Some(0), Some(0)), "a new slip has rated nothing");
    // Changes a fraction of a second apart, where whole seconds taken stretch by stretch would drift.
    at(&pools, t0, 600_400, async |c, a| slips::pause(c, a, slip.id).await).await;
    at(&pools, t0, 900_900, async |c, a| slips::resume(c, a, slip.id).await).await;
    at(&pools, t0, 1_500_700, async |c, a| slips::update_average_bet(c, a, slip.id, Cents(4_000)).await).await;
    at(&pools, t0, 1_800_300, async |c, a| slips::pause(c, a, slip.id).await).await;
    at(&pools, t0, 1_800_800, async |c, a| slips::resume(c, a, slip.id).await).await;
    let changed =
        at(&pools, t0, 2_100_600, async |c, a| slips::update_average_bet(c, a, slip.id, Cents(5_000)).await).await;
    // 600.4 + 599.8 + 299.6 + 299.8 s rated by the last change: 1,200.2 at $25, then 599.4 at $40.
    let kept = tally(&pools, slip.id).await;
    assert_eq!(kept.0, Some(t0 + Duration::milliseconds(2_100_600)));
    assert_eq!(kept.1, Some(1_799_600_000));
    assert_eq!((kept.2, kept.3), (Some(2_500 * 1_200 + 4_000 * 599), Some(1_799)));

    let from_tally = read(&pools, t0, 3_000_250, slip.id).await;
    assert_eq!(from_tally.accrued_seconds, 2_699, "1,799.6 s, then 899.65 s more");
    common::tamper(&pools, CLEAR, slip.id.0).await;
    assert_eq!(read(&pools, t0, 3_000_250, slip.id).await, from_tally, "the history prices it the same");
    // The answer to a command on the slip was priced the same way.
    assert_eq!(changed.accrued_seconds, 1_799);

    // A command on a slip without a tally writes one from its history, and later reads take it from there.
    at(&pools, t0, 3_100_000, async |c, a| slips::pause(c, a, slip.id).await).await;
    assert_eq!(tally(&pools, slip.id).await.1, Some(1_799_600_000 + 999_400_000));
    common::tamper(&pools, "update rating_slip set tally_rated_us = 0 where id = $1", slip.id.0).await;
    let tampered = read(&pools, t0, 3_500_000, slip.id).await;
    assert_eq!(tampered.accrued_seconds, 0, "a read prices a running slip from its tally, not its history");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_tally_kept_after_a_transactions_clock_prices_nothing_in_it(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let t0 = common::clear_of_day_start(&pools, 4_000).await;
    let slip = start(&pools, t0).await;
    at(&pools, t0, 1_000_000, async |c, a| slips::pause(c, a, slip.id).await).await;
    // A transaction whose clock began before the pause committed: its history prices the slip, not the tally.
    common::tamper(&pools, "update rating_slip set tally_rated_us = 0 where id = $1", slip.id.0).await;
    let earlier = read(&pools, t0, 400_000, slip.id).await;
    assert_eq!(earlier.accrued_seconds, 400);
    // A command from such a transaction cannot carry the tally back: it leaves the slip to its history.
    let resumed = at(&pools, t0, 500_000, async |c, a| slips::resume(c, a, slip.id).await).await;
    assert_eq!(resumed.accrued_seconds, 500);
    assert_eq!(tally(&pools, slip.id).await, (None, None, None, None));
    let closed = at(&pools, t0, 2_000_000, async |c, a| slips::close(c, a, slip.id, None, None).await).await;
    assert_eq!(closed.accrued_seconds, 2_000, "the pause ended where it began");
    assert_eq!(tally(&pools, slip.id).await, (None, None, None, None), "a closed slip keeps its final figures");
    pools.close().await;
}
