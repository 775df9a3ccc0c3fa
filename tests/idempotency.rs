//! The idempotent-request store behind every mutating server function: a replayed request id returns the
//! first response and writes nothing, also when the duplicates arrive at the same moment; the same id with
//! other arguments is refused.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{CASINO_A, Pools, admin_a, audited, scope};
use pitboss::casino::{self, SettingsInput};
use pitboss::db::{self, IdempotentError};
use pitboss::{DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

fn input(cap: i32) -> SettingsInput {
    SettingsInput {
        gaming_day_start: "06:00".into(),
        timezone: "America/Los_Angeles".into(),
        watchlist_floor_cents: 300_000,
        ctr_threshold_cents: 1_000_000,
        reward_cap_points: cap,
        late_action_minutes: 30,
    }
}

async fn save(
    pool: &sqlx::PgPool,
    key: Uuid,
    action: &str,
    cap: i32,
) -> Result<casino::CasinoSettings, IdempotentError<casino::Error>> {
    let actor = admin_a();
    let input = input(cap);
    db::scoped_idempotent(pool, &scope(actor), key, action, &input, async |conn| {
        casino::update_settings(conn, &actor, &input).await
    })
    .await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_replayed_request_returns_the_first_response_and_writes_nothing(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let key = Uuid::new_v4();
    let first = save(&pools.app, key, "casino.update_settings", 1_000).await.expect("first");
    let replay = save(&pools.app, key, "casino.update_settings", 1_000).await.expect("replay");
    assert_eq!(first, replay);
    assert_eq!(audited(&pools, "casino_settings.updated").await, 1);
    pools.close().await;
}

/// The cap the casino's settings hold now.
async fn cap_now(pools: &Pools) -> i64 {
    let sql = format!("select reward_cap_points::bigint from casino_settings where casino_id = '{}'", CASINO_A.0);
    common::count(pools, &sql).await
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_request_id_resent_with_other_arguments_is_refused_and_changes_nothing(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let key = Uuid::new_v4();
    save(&pools.app, key, "casino.update_settings", 1_000).await.expect("first");
    // An edit made after the first answer was lost must not be answered with the first result as if saved.
    let error = save(&pools.app, key, "casino.update_settings", 9_999).await.expect_err("other arguments");
    assert!(matches!(error, IdempotentError::KeyReused(k) if k == key), "{error:?}");
    assert_eq!(error.code(), ErrorCode::IdempotencyKeyReused);
    assert_eq!(cap_now(&pools).await, 1_000);
    assert_eq!(audited(&pools, "casino_settings.updated").await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_response_stored_before_digests_were_kept_still_replays(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let key = Uuid::new_v4();
    let first = save(&pools.app, key, "casino.update_settings", 1_000).await.expect("first");
    sqlx::query("update idempotent_request set request_digest = null where key = $1")
        .bind(key)
        .execute(&pools.admin)
        .await
        .expect("forget the digest");
    let replay = save(&pools.app, key, "casino.update_settings", 9_999).await.expect("replayed by action");
    assert_eq!(first, replay);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_request_id_cannot_be_reused_for_another_action(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let key = Uuid::new_v4();
    save(&pools.app, key, "casino.update_settings", 1_000).await.expect("first");
    let error = save(&pools.app, key, "something.else", 1_000).await.expect_err("reused");
    assert_eq!(error.code(), ErrorCode::IdempotencyKeyReused);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_failed_request_stores_nothing_and_can_be_retried(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let key = Uuid::new_v4();
    let error = save(&pools.app, key, "casino.update_settings", 0).await.expect_err("invalid cap");
    assert_eq!(error.code(), ErrorCode::ValidationFailed);
    let saved = save(&pools.app, key, "casino.update_settings", 2_000).await.expect("corrected retry");
    assert_eq!(saved.reward_cap_points, 2_000);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn twenty_simultaneous_duplicates_have_one_effect(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let pool = pools.wide_runtime_pool(20).await;
    let key = Uuid::new_v4();
    let calls = (0..20).map(|_| {
        let pool = pool.clone();
        tokio::spawn(async move { save(&pool, key, "casino.update_settings", 1_000).await })
    });
    let results: Vec<_> = futures::future::join_all(calls).await.into_iter().map(|r| r.expect("task")).collect();
    let responses: Vec<_> = results.into_iter().map(|r| r.expect("every duplicate succeeds")).collect();
    assert!(responses.windows(2).all(|w| w[0] == w[1]), "every caller gets the same response");
    assert_eq!(audited(&pools, "casino_settings.updated").await, 1, "exactly one effect");
    pool.close().await;
    pools.close().await;
}
