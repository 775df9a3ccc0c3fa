//! `compute_gaming_day`, the one authority on gaming days, called the way the app calls it: as the runtime
//! role inside a casino's scoped transaction.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::{CASINO_A, Pools, admin_a, scope};
use pitboss::casino::{self, GamingDay};
use pitboss::db;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// (gaming day start, time zone, instant, expected gaming day, why)
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    // The start instant belongs to the new day; one second earlier is still the old one.
    ("06:00", "America/Los_Angeles", "2026-11-28T14:00:00Z", "2026-11-28", "06:00 PST exactly"),
    ("06:00", "America/Los_Angeles", "2026-11-28T13:59:59Z", "2026-11-27", "05:59:59 PST"),
    ("06:00", "America/Los_Angeles", "2026-11-28T14:00:01Z", "2026-11-28", "06:00:01 PST"),
    ("06:00", "America/Los_Angeles", "2026-11-29T07:59:59Z", "2026-11-28", "23:59:59 PST, same gaming day"),
    ("06:00", "America/Los_Angeles", "2026-11-29T08:00:00Z", "2026-11-28", "midnight is not the boundary"),
    // A start other than 06:00.
    ("04:30", "America/Los_Angeles", "2026-07-04T11:30:00Z", "2026-07-04", "04:30 PDT exactly"),
    ("04:30", "America/Los_Angeles", "2026-07-04T11:29:59Z", "2026-07-03", "04:29:59 PDT"),
    ("00:00", "UTC", "2026-07-04T00:00:00Z", "2026-07-04", "midnight start in UTC is the calendar day"),
    ("00:00", "UTC", "2026-07-03T23:59:59Z", "2026-07-03", "one second before midnight UTC"),
    // Spring forward in Los Angeles (2026-03-08 02:00 PST -> 03:00 PDT): gaming day 03-07 lasts 23 hours.
    ("06:00", "America/Los_Angeles", "2026-03-07T14:00:00Z", "2026-03-07", "03-07 starts 06:00 PST"),
    ("06:00", "America/Los_Angeles", "2026-03-08T12:59:59Z", "2026-03-07", "23 h minus 1 s later"),
    ("06:00", "America/Los_Angeles", "2026-03-08T13:00:00Z", "2026-03-08", "03-08 starts 06:00 PDT, 23 h later"),
    // A start inside the skipped hour: the new day begins when the clock jumps to 03:00.
    ("02:30", "America/Los_Angeles", "2026-03-08T09:59:59Z", "2026-03-07", "01:59:59 PST, before the jump"),
    ("02:30", "America/Los_Angeles", "2026-03-08T10:00:00Z", "2026-03-08", "03:00 PDT, right after the jump"),
    // Fall back in Los Angeles (2026-11-01 02:00 PDT -> 01:00 PST): gaming day 10-31 lasts 25 hours.
    ("06:00", "America/Los_Angeles", "2026-10-31T13:00:00Z", "2026-10-31", "10-31 starts 06:00 PDT"),
    ("06:00", "America/Los_Angeles", "2026-11-01T13:59:59Z", "2026-10-31", "25 h minus 1 s later"),
    ("06:00", "America/Los_Angeles", "2026-11-01T14:00:00Z", "2026-11-01", "11-01 starts 06:00 PST, 25 h later"),
    ("06:00", "America/Los_Angeles", "2026-11-01T08:30:00Z", "2026-10-31", "01:30 PDT, first pass"),
    ("06:00", "America/Los_Angeles", "2026-11-01T09:30:00Z", "2026-10-31", "01:30 PST, second pass"),
    // Southern hemisphere: Sydney springs forward 2026-10-04 02:00 AEST -> 03:00 AEDT (10-03 lasts 23 h)…
    ("06:00", "Australia/Sydney", "2026-10-02T20:00:00Z", "2026-10-03", "10-03 starts 06:00 AEST"),
    ("06:00", "Australia/Sydney", "2026-10-03T18:59:59Z", "2026-10-03", "23 h minus 1 s later"),
    ("06:00", "Australia/Sydney", "2026-10-03T19:00:00Z", "2026-10-04", "10-04 starts 06:00 AEDT"),
    // …and falls back 2026-04-05 03:00 AEDT -> 02:00 AEST (04-04 lasts 25 h).
    ("06:00", "Australia/Sydney", "2026-04-03T19:00:00Z", "2026-04-04", "04-04 starts 06:00 AEDT"),
    ("06:00", "Australia/Sydney", "2026-04-04T19:59:59Z", "2026-04-04", "25 h minus 1 s later"),
    ("06:00", "Australia/Sydney", "2026-04-04T20:00:00Z", "2026-04-05", "04-05 starts 06:00 AEST"),
    // Year boundary.
    ("06:00", "America/Los_Angeles", "2027-01-01T13:59:59Z", "2026-12-31", "05:59:59 on New Year's Day"),
    ("06:00", "America/Los_Angeles", "2027-01-01T14:00:00Z", "2027-01-01", "06:00 on New Year's Day"),
    ("06:00", "Pacific/Auckland", "2026-12-31T17:00:00Z", "2027-01-01", "06:00 NZDT, first casino into 2027"),
];

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn gaming_days_follow_the_casinos_start_time_and_zone(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let actor = admin_a();
    for (start, zone, instant, expected, why) in CASES {
        sqlx::query("update casino_settings set gaming_day_start = $1::time, timezone = $2 where casino_id = $3")
            .bind(start)
            .bind(zone)
            .bind(CASINO_A.0)
            .execute(&pools.admin)
            .await
            .expect("settings");
        let at: DateTime<Utc> = instant.parse().expect("instant");
        let day = db::scoped(&pools.app, &scope(actor), async |conn| {
            casino::compute_gaming_day(conn, &actor, Some(at)).await
        })
        .await
        .expect("gaming day");
        let expected = GamingDay(expected.parse::<NaiveDate>().expect("date"));
        assert_eq!(day, expected, "{start} {zone} at {instant}: {why}");
    }
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn another_casinos_gaming_day_is_not_computed(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let mut tx = pools.app.begin().await.expect("begin");
    sqlx::query("select set_config('app.casino_id', $1, true)")
        .bind(CASINO_A.0.to_string())
        .execute(&mut *tx)
        .await
        .expect("context");
    let own: Option<NaiveDate> =
        sqlx::query_scalar("select compute_gaming_day($1)").bind(CASINO_A.0).fetch_one(&mut *tx).await.expect("own");
    let other: Option<NaiveDate> = sqlx::query_scalar("select compute_gaming_day($1)")
        .bind(common::CASINO_B.0)
        .fetch_one(&mut *tx)
        .await
        .expect("other");
    tx.rollback().await.expect("rollback");
    assert!(own.is_some());
    assert_eq!(other, None, "casino B's settings are invisible from casino A");
    pools.close().await;
}
