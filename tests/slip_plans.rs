//! How slip commands use PostgreSQL, which no answer shows: they rewrite the slip's row in place, and read only
//! their own slip's history whatever plan a connection made before the tables had statistics.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{ALMA_SLIP, CRUZ, Pools, TABLE_A_ACTIVE, pit_boss_a, run};
use pitboss::Cents;
use pitboss::rating_slip as slips;
use pitboss::visit::{self, Seat};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn pause_resume_and_bet_change_rewrite_the_slip_in_place(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    // Heap-only updates write no index entries; an index covering `status` (in its keys or its predicate) or
    // `average_bet_cents` would make every one of these a full update.
    let (updates, in_place) = run(&pools, pit_boss_a(), async |conn, actor| {
        slips::pause(conn, actor, ALMA_SLIP).await?;
        slips::resume(conn, actor, ALMA_SLIP).await?;
        slips::update_average_bet(conn, actor, ALMA_SLIP, Cents(3_000)).await?;
        let counts: (i64, i64) = sqlx::query_as(
            "select n_tup_upd, n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'rating_slip'",
        )
        .fetch_one(&mut *conn)
        .await?;
        Ok::<_, slips::Error>(counts)
    })
    .await
    .expect("paused, resumed and re-rated");
    assert!(updates >= 3, "the slip was updated {updates} times");
    assert_eq!(in_place, updates, "every update of the slip is heap-only");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_command_reads_only_its_slips_history_under_a_plan_made_without_statistics(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    // Fifteen more pauses of Alma's slip: a plan that found the commanded slip's among the casino's would read
    // them all.
    for _ in 0..15 {
        run(&pools, pit_boss_a(), async |conn, actor| {
            slips::pause(conn, actor, ALMA_SLIP).await?;
            slips::resume(conn, actor, ALMA_SLIP).await
        })
        .await
        .expect("paused and resumed");
    }
    let visit = run(&pools, pit_boss_a(), async |conn, actor| {
        let visit = visit::check_in(conn, actor, CRUZ).await?;
        visit::seat(conn, actor, visit.id, Seat { table_id: TABLE_A_ACTIVE, number: 3 }).await
    })
    .await
    .expect("seated");
    let cruz = run(&pools, pit_boss_a(), async |conn, actor| {
        slips::start(conn, actor, visit.id, TABLE_A_ACTIVE, Cents(2_500)).await
    })
    .await
    .expect("rated");
    // This test's database was never analyzed, as a new casino's is until autovacuum's first pass; a generic
    // plan is what a pooled connection keeps after its first calls.
    let fetched = run(&pools, pit_boss_a(), async |conn, actor| {
        sqlx::query("set local plan_cache_mode = force_generic_plan").execute(&mut *conn).await?;
        let before = pause_rows_fetched(conn).await?;
        slips::pause(conn, actor, cruz.id).await?;
        slips::resume(conn, actor, cruz.id).await?;
        Ok::<_, slips::Error>(pause_rows_fetched(conn).await? - before)
    })
    .await
    .expect("paused and resumed");
    // The resume reads the one pause of Cruz's slip, and ends it.
    assert!(fetched <= 2, "pausing and resuming one slip fetched {fetched} pause rows");
    pools.close().await;
}

/// Pause rows this connection has fetched through indexes, including counts not yet reported.
async fn pause_rows_fetched(conn: &mut sqlx::PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("select idx_tup_fetch from pg_stat_xact_user_tables where relname = 'rating_slip_pause'")
        .fetch_one(conn)
        .await
}
