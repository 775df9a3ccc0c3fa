//! A server function's call is one transaction: its session is resolved (and refreshed) in the same
//! transaction as the work it authorises, which the rows it writes show (one `xmin` for all of them); an
//! ended session or one that may not act yet writes nothing, and answers as it always has.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

mod common;

use common::{call, login, post, session_cookie};

/// A new player seated and rated at the demo floor's table `BJ-02`; the slip's id.
async fn a_running_slip(app: &axum::Router, cookie: &str) -> Value {
    let tables = call(app, post("/api/table/list", json!({}), Some(cookie))).await.body;
    let table = tables.as_array().and_then(|all| all.iter().find(|t| t["label"] == "BJ-02")).expect("a demo table");
    let player = json!({ "new": { "first_name": "One", "last_name": "Transaction", "birth_date": null } });
    let start = json!({ "request_id": Uuid::new_v4(), "table_id": table["id"], "seat": 5, "player": player,
                        "average_bet_cents": 2_500 });
    let started = call(app, post("/api/floor/seat_and_start", start, Some(cookie))).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    started.body["id"].clone()
}

/// Moves the pit boss's session's last-seen time back, so the next call refreshes it.
async fn idle_for_two_minutes(superuser: &PgPool) {
    sqlx::query(
        "update staff_session set last_seen_at = now() - interval '2 minutes'
         where staff_id = (select staff_id from staff_credential where email = 'pitboss@demo.casino')",
    )
    .execute(superuser)
    .await
    .expect("age the session");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_call_resolves_its_session_in_its_own_transaction(_pool: PgPoolOptions, options: PgConnectOptions) {
    let superuser = PgPool::connect_with(options.clone()).await.expect("superuser");
    let world = common::world(options).await;
    let cookie = session_cookie(&login(&world.app, "pitboss@demo.casino", "demo-pitboss").await);
    let slip = a_running_slip(&world.app, &cookie).await;
    idle_for_two_minutes(&superuser).await;

    let key = Uuid::new_v4();
    let paused =
        call(&world.app, post("/api/slip/pause", json!({ "request_id": key, "slip_id": slip }), Some(&cookie))).await;
    assert_eq!(paused.status, StatusCode::OK, "{}", paused.body);
    // The session's refresh, the slip's change and the stored response were written by one transaction.
    let writers: Vec<String> = sqlx::query_scalar(
        "select xmin::text from staff_session
         where staff_id = (select staff_id from staff_credential where email = 'pitboss@demo.casino')
         union all select xmin::text from rating_slip where id = $1
         union all select xmin::text from idempotent_request where key = $2",
    )
    .bind(Uuid::parse_str(slip.as_str().expect("id")).expect("uuid"))
    .bind(key)
    .fetch_all(&superuser)
    .await
    .expect("writers");
    assert_eq!(writers.len(), 3, "{writers:?}");
    assert!(writers.iter().all(|xid| *xid == writers[0]), "written by more than one transaction: {writers:?}");

    // An ended session changes nothing, answers 401 and is deleted, as at a page load.
    sqlx::query("update staff_session set expires_at = now() - interval '1 second'")
        .execute(&superuser)
        .await
        .expect("end the sessions");
    let body = json!({ "request_id": Uuid::new_v4(), "slip_id": slip });
    let refused = call(&world.app, post("/api/slip/resume", body, Some(&cookie))).await;
    assert_eq!((refused.status, refused.body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("UNAUTHENTICATED")));
    let (status, sessions): (String, i64) = sqlx::query_as(
        "select (select status::text from rating_slip where id = $1),
                (select count(*) from staff_session
                 where staff_id = (select staff_id from staff_credential where email = 'pitboss@demo.casino'))",
    )
    .bind(Uuid::parse_str(slip.as_str().expect("id")).expect("uuid"))
    .fetch_one(&superuser)
    .await
    .expect("state");
    assert_eq!((status.as_str(), sessions), ("paused", 0));
    world.pool.close().await;
    superuser.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_session_that_must_change_its_password_writes_nothing(_pool: PgPoolOptions, options: PgConnectOptions) {
    let superuser = PgPool::connect_with(options.clone()).await.expect("superuser");
    let world = common::world(options).await;
    let cookie = session_cookie(&login(&world.app, "pitboss@demo.casino", "demo-pitboss").await);
    let slip = a_running_slip(&world.app, &cookie).await;
    // As an admin's password reset would (its trigger wants an admin's context; the test has none).
    let mut tx = superuser.begin().await.expect("begin");
    sqlx::query("set local session_replication_role = replica").execute(&mut *tx).await.expect("replica");
    sqlx::query("update staff_credential set must_change_password = true where email = 'pitboss@demo.casino'")
        .execute(&mut *tx)
        .await
        .expect("a temporary password");
    tx.commit().await.expect("commit");
    let cookie = session_cookie(&login(&world.app, "pitboss@demo.casino", "demo-pitboss").await);
    idle_for_two_minutes(&superuser).await;
    let body = json!({ "request_id": Uuid::new_v4(), "slip_id": slip });
    let refused = call(&world.app, post("/api/slip/pause", body, Some(&cookie))).await;
    assert_eq!(
        (refused.status, refused.body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("PASSWORD_CHANGE_REQUIRED")),
        "{}",
        refused.body
    );
    let (status, refreshed): (String, bool) = sqlx::query_as(
        "select (select status::text from rating_slip where id = $1),
                (select bool_or(last_seen_at > now() - interval '1 minute') from staff_session
                 where staff_id = (select staff_id from staff_credential where email = 'pitboss@demo.casino'))",
    )
    .bind(Uuid::parse_str(slip.as_str().expect("id")).expect("uuid"))
    .fetch_one(&superuser)
    .await
    .expect("state");
    assert_eq!((status.as_str(), refreshed), ("open", false), "the refusal rolled everything back");
    // `auth/me` is still allowed, and answers who must change their password.
    let me = call(&world.app, post("/api/auth/me", json!({}), Some(&cookie))).await;
    assert_eq!((me.status, me.body["password_change_required"].as_bool()), (StatusCode::OK, Some(true)));
    world.pool.close().await;
    superuser.close().await;
}
