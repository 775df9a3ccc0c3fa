//! Idempotency under concurrency, over HTTP: for every mutating server function (every one that takes a
//! `request_id`), a burst of identical requests sent at once — a tablet retrying on flaky Wi-Fi — has the
//! effect of one request and gets one answer, the same for every copy.
//!
//! "Effect" is counted in the rows any mutation leaves: audit rows, stored responses, ledger rows, finance
//! entries, MTL rows. A single request of the same function, on fixtures of its own, gives the expected
//! count.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use axum::http::StatusCode;
use futures::future::join_all;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

mod common;
mod fixtures;

use common::{World, call, login, post, session_cookie};
use fixtures::{Fixtures, written_rows};

/// Copies sent at once.
const COPIES: usize = 12;

/// Every server function that changes something other than the session (docs/api.md): each must take a
/// `request_id`, and the fixtures must build a request for it.
const MUTATIONS: [&str; 18] = [
    "/api/casino/update_settings",
    "/api/feature/set_flag",
    "/api/finance/record",
    "/api/finance/reverse",
    "/api/floor/seat_and_start",
    "/api/game/update_settings",
    "/api/loyalty/issue_reward",
    "/api/player/enroll",
    "/api/slip/close",
    "/api/slip/pause",
    "/api/slip/resume",
    "/api/slip/start",
    "/api/slip/update_average_bet",
    "/api/table/assign_dealer",
    "/api/table/close",
    "/api/table/open",
    "/api/visit/check_out",
    "/api/visit/unseat",
];

/// The rows `copies` identical requests to `path` add, and their answers.
async fn send(
    world: &World,
    superuser: &PgPool,
    cookie: &str,
    path: &str,
    body: &serde_json::Value,
    copies: usize,
) -> (i64, Vec<(StatusCode, serde_json::Value)>) {
    let before = written_rows(superuser).await;
    let replies = join_all((0..copies).map(|_| call(&world.app, post(path, body.clone(), Some(cookie))))).await;
    let after = written_rows(superuser).await;
    (after - before, replies.into_iter().map(|reply| (reply.status, reply.body)).collect())
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn identical_requests_sent_at_once_take_effect_once(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let cookie = session_cookie(&login(&world.app, "admin@demo.casino", "demo-admin").await);
    let mut fixtures = Fixtures::new(&world, cookie.clone()).await;
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect();
    paths.sort_unstable();

    let (mut functions, mut failures) = (Vec::new(), Vec::new());
    for path in paths {
        let single = fixtures.body(path, Some("admin")).await;
        if single.get("request_id").is_none() {
            continue;
        }
        functions.push(path);
        let (expected, first) = send(&world, &superuser, &cookie, path, &single, 1).await;
        let burst = fixtures.body(path, Some("admin")).await;
        let (effect, replies) = send(&world, &superuser, &cookie, path, &burst, COPIES).await;
        if first[0].0 != StatusCode::OK || expected == 0 {
            failures.push(format!("{path}: the single request did not take effect: {first:?}"));
        }
        if effect != expected {
            failures.push(format!("{path}: {COPIES} copies wrote {effect} rows, one request writes {expected}"));
        }
        if replies.iter().any(|reply| *reply != replies[0]) || replies[0].0 != StatusCode::OK {
            let distinct: std::collections::BTreeSet<String> =
                replies.iter().map(|(status, body)| format!("{status} {body}")).collect();
            failures.push(format!("{path}: the copies got different or failed answers: {distinct:?}"));
        }
    }
    println!("concurrent duplicates: {} mutating functions × {COPIES} copies", functions.len());
    assert_eq!(functions, MUTATIONS, "the functions taking a request id");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    superuser.close().await;
}
