//! Idempotency over HTTP. For every mutating server function (every one that takes a `request_id`), a burst
//! of identical requests sent at once — a tablet retrying on flaky Wi-Fi — has the effect of one request and
//! gets one answer, the same for every copy; and a request id means one request: sent again with other
//! arguments, or to another function (whichever store keeps its key), it is refused and changes nothing.
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
const MUTATIONS: [&str; 55] = [
    "/api/cage/cancel",
    "/api/cage/confirm",
    "/api/casino/update_chip_set",
    "/api/casino/update_compliance_settings",
    "/api/casino/update_settings",
    "/api/feature/set_flag",
    "/api/finance/record",
    "/api/finance/reverse",
    "/api/floor/move",
    "/api/floor/seat_and_start",
    "/api/game/add",
    "/api/game/retire",
    "/api/game/update_settings",
    "/api/loyalty/adjust",
    "/api/loyalty/approve",
    "/api/loyalty/deny",
    "/api/loyalty/issue_reward",
    "/api/loyalty/redeem",
    "/api/loyalty/save_comp_item",
    "/api/loyalty/update_settings",
    "/api/mtl/acknowledge_alert",
    "/api/mtl/add_note",
    "/api/mtl/file_ctr",
    "/api/player/enroll",
    "/api/player/exclude",
    "/api/player/import",
    "/api/player/lift_exclusion",
    "/api/player/update_identification",
    "/api/slip/close",
    "/api/slip/pause",
    "/api/slip/resume",
    "/api/slip/start",
    "/api/slip/update_average_bet",
    "/api/staff/add",
    "/api/staff/deactivate",
    "/api/staff/lift_lock",
    "/api/staff/reactivate",
    "/api/staff/reset_password",
    "/api/staff/reset_second_factor",
    "/api/staff/update",
    "/api/table/add",
    "/api/table/assign_dealer",
    "/api/table/close",
    "/api/table/count",
    "/api/table/credit_request",
    "/api/table/drop",
    "/api/table/drop_reverse",
    "/api/table/fill_request",
    "/api/table/open",
    "/api/table/retire",
    "/api/table/update",
    "/api/visit/check_in",
    "/api/visit/check_out",
    "/api/visit/seat",
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

/// The body without its request id: what the key is bound to.
fn arguments(body: &serde_json::Value) -> serde_json::Value {
    let mut args = body.clone();
    args.as_object_mut().map(|map| map.remove("request_id"));
    args
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_request_id_is_bound_to_one_request_across_every_store(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let cookie = session_cookie(&login(&world.app, "admin@demo.casino", "demo-admin").await);
    let mut fixtures = Fixtures::new(&world, cookie.clone()).await;

    let mut failures = Vec::new();
    for (i, path) in MUTATIONS.iter().enumerate() {
        let first = fixtures.body(path, Some("admin")).await;
        let key = first["request_id"].clone();
        let (_, answer) = send(&world, &superuser, &cookie, path, &first, 1).await;
        if answer[0].0 != StatusCode::OK {
            failures.push(format!("{path}: the first request failed: {answer:?}"));
            continue;
        }
        // The same function with fresh arguments, and the next function in the list (its key in another
        // store for rewards and finance entries), both carrying the first request's id.
        let next = MUTATIONS[(i + 1) % MUTATIONS.len()];
        for other in [*path, next] {
            let mut reused = fixtures.body(other, Some("admin")).await;
            reused["request_id"] = key.clone();
            let (written, reply) = send(&world, &superuser, &cookie, other, &reused, 1).await;
            let (status, body) = &reply[0];
            if other == *path && arguments(&reused) == arguments(&first) {
                // Nothing differs but the key (the settings forms send constant values): a plain replay.
                if (status, written) != (&StatusCode::OK, 0) || *body != answer[0].1 {
                    failures.push(format!("{other} replayed with {path}'s key: {status} {body}, {written} rows"));
                }
            } else if (*status, body["code"].as_str(), written)
                != (StatusCode::CONFLICT, Some("IDEMPOTENCY_KEY_REUSED"), 0)
            {
                failures.push(format!("{other} with {path}'s key: {status} {body}, {written} rows written"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    superuser.close().await;
}

/// Sessions of the demo pit boss (who acts) and admin (who sets up the fixtures).
async fn pit_boss_and_admin(world: &World) -> (String, String) {
    let pit_boss = session_cookie(&login(&world.app, "pitboss@demo.casino", "demo-pitboss").await);
    (pit_boss, session_cookie(&login(&world.app, "admin@demo.casino", "demo-admin").await))
}

/// The figures of one slip as the floor reads them.
async fn slip_now(world: &World, cookie: &str, slip: &serde_json::Value) -> serde_json::Value {
    let reply =
        call(&world.app, post("/api/floor/seats", serde_json::json!({ "table_id": slip["table_id"] }), Some(cookie)))
            .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body[0]["seats"]
        .as_array()
        .and_then(|seats| {
            seats.iter().find_map(|seat| seat["occupant"]["slip"].as_object().filter(|s| s["id"] == slip["id"]))
        })
        .map(|s| serde_json::Value::Object(s.clone()))
        .expect("the slip on its seat")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_resent_bet_change_with_another_amount_is_refused_not_answered_with_the_first(
    _admin: PgPoolOptions,
    options: PgConnectOptions,
) {
    let world = common::world(options).await;
    let (cookie, admin) = pit_boss_and_admin(&world).await;
    let mut fixtures = Fixtures::new(&world, admin).await;
    let slip = fixtures.slip().await;
    let key = uuid::Uuid::new_v4();
    let change =
        |cents: i64| serde_json::json!({ "request_id": key, "slip_id": slip["id"], "average_bet_cents": cents });
    let first = call(&world.app, post("/api/slip/update_average_bet", change(3_000), Some(&cookie))).await;
    assert_eq!(
        (first.status, &first.body["current_bet"]),
        (StatusCode::OK, &serde_json::json!(3_000)),
        "{}",
        first.body
    );
    let same = call(&world.app, post("/api/slip/update_average_bet", change(3_000), Some(&cookie))).await;
    assert_eq!((same.status, &same.body), (StatusCode::OK, &first.body));
    let other = call(&world.app, post("/api/slip/update_average_bet", change(9_000), Some(&cookie))).await;
    assert_eq!(other.status, StatusCode::CONFLICT, "{}", other.body);
    assert_eq!(other.body["code"], "IDEMPOTENCY_KEY_REUSED");
    assert!(other.body["message"].as_str().is_some_and(|m| m.contains("different request")), "{}", other.body);
    assert_eq!(slip_now(&world, &cookie, &slip).await["current_bet"], 3_000);
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn after_a_lost_answer_the_same_key_cannot_pause_another_slip(_admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options).await;
    let (cookie, admin) = pit_boss_and_admin(&world).await;
    let mut fixtures = Fixtures::new(&world, admin).await;
    let (first, second) = (fixtures.slip().await, fixtures.slip().await);
    let key = uuid::Uuid::new_v4();
    // The pause of the first slip commits; its answer never reaches the tablet.
    let pause = |slip: &serde_json::Value| serde_json::json!({ "request_id": key, "slip_id": slip["id"] });
    let lost = call(&world.app, post("/api/slip/pause", pause(&first), Some(&cookie))).await;
    assert_eq!(lost.status, StatusCode::OK, "{}", lost.body);
    // The same key on another slip must not be answered with the first slip's pause.
    let reused = call(&world.app, post("/api/slip/pause", pause(&second), Some(&cookie))).await;
    assert_eq!((reused.status, reused.body["code"].as_str()), (StatusCode::CONFLICT, Some("IDEMPOTENCY_KEY_REUSED")));
    assert_eq!(slip_now(&world, &cookie, &first).await["status"], "paused");
    assert_eq!(slip_now(&world, &cookie, &second).await["status"], "open");
}

/// A tap sent at once whose answer was lost is resent by the tablet's queue with the instant of the tap: the
/// same request, answered as its first arrival was, neither applied twice nor refused (`occurred_at` says when,
/// not what). A close first sent with its instant and resent without it is one close too.
#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_lost_tap_resent_with_its_instant_is_one_request(_admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options).await;
    let (cookie, admin) = pit_boss_and_admin(&world).await;
    let mut fixtures = Fixtures::new(&world, admin).await;
    let slip = fixtures.slip().await;
    let key = uuid::Uuid::new_v4();
    let tapped = chrono::Utc::now();
    let pause = serde_json::json!({ "request_id": key, "slip_id": slip["id"] });
    let lost = call(&world.app, post("/api/slip/pause", pause.clone(), Some(&cookie))).await;
    assert_eq!(lost.status, StatusCode::OK, "{}", lost.body);
    let mut resent = pause;
    resent["occurred_at"] = serde_json::json!(tapped);
    let replay = call(&world.app, post("/api/slip/pause", resent, Some(&cookie))).await;
    assert_eq!((replay.status, &replay.body), (StatusCode::OK, &lost.body), "answered as the first time");

    let key = uuid::Uuid::new_v4();
    let close = serde_json::json!({ "request_id": key, "slip_id": slip["id"], "average_bet_cents": null });
    let mut first = close.clone();
    first["occurred_at"] = serde_json::json!(chrono::Utc::now());
    let closed = call(&world.app, post("/api/slip/close", first, Some(&cookie))).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    let again = call(&world.app, post("/api/slip/close", close, Some(&cookie))).await;
    assert_eq!((again.status, &again.body), (StatusCode::OK, &closed.body));
    // Still bound to what was tapped: the same key on another slip is refused.
    let other = fixtures.slip().await;
    let reused = serde_json::json!({ "request_id": key, "slip_id": other["id"], "average_bet_cents": null });
    let refused = call(&world.app, post("/api/slip/close", reused, Some(&cookie))).await;
    assert_eq!(refused.body["code"], "IDEMPOTENCY_KEY_REUSED", "{}", refused.body);
    assert_eq!(slip_now(&world, &cookie, &other).await["status"], "open");
}
