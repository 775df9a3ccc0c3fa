//! The HTTP surface, driven through the real router with `oneshot`: the error envelope and its statuses,
//! the session cookie, request ids, health checks, CSRF refusal and the page guard. Business rules are
//! covered one layer down; this proves the wiring.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

mod common;

use common::{call, count, login, post, session_cookie};

/// The app and its pool; the hub stops listening when the world is dropped here (these tests need no events).
async fn router(options: PgConnectOptions) -> (Router, PgPool) {
    let world = common::world(options).await;
    (world.app, world.pool)
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn signing_in_sets_a_hardened_cookie_that_signing_out_kills(_pool: PgPoolOptions, options: PgConnectOptions) {
    let (app, pool) = router(options).await;
    let reply = login(&app, "pitboss@demo.casino", "demo-pitboss").await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    assert_eq!(reply.body["staff"]["role"], "pit_boss");
    assert_eq!(reply.body["casino"]["name"], "Demo Casino");
    let set_cookie = reply.headers.get(header::SET_COOKIE).expect("cookie").to_str().expect("ascii").to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax") && set_cookie.contains("Path=/"));
    let cookie = session_cookie(&reply);

    let me = call(&app, post("/api/auth/me", json!({}), Some(&cookie))).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["staff"]["first_name"], "Morgan");

    let out = call(&app, post("/api/auth/logout", json!({}), Some(&cookie))).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(out.headers.get(header::SET_COOKIE).expect("cleared").to_str().expect("ascii").contains("Max-Age=0"));
    let after = call(&app, post("/api/auth/me", json!({}), Some(&cookie))).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.body["code"], "UNAUTHENTICATED");
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn signing_in_again_rotates_the_session(_pool: PgPoolOptions, options: PgConnectOptions) {
    let (app, pool) = router(options).await;
    let first = session_cookie(&login(&app, "pitboss@demo.casino", "demo-pitboss").await);
    let request =
        post("/api/auth/login", json!({ "email": "admin@demo.casino", "password": "demo-admin" }), Some(&first));
    let second = call(&app, request).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_ne!(session_cookie(&second), first);
    let old = call(&app, post("/api/auth/me", json!({}), Some(&first))).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED, "the session presented at sign-in is ended");
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn business_errors_carry_their_code_status_and_message(_pool: PgPoolOptions, options: PgConnectOptions) {
    let (app, pool) = router(options).await;
    let wrong = login(&app, "pitboss@demo.casino", "nope").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.body,
        json!({
            "code": "AUTH_INVALID_CREDENTIALS", "message": "Wrong email or password.",
            "fields": [], "request_id": null, "retryable": false
        })
    );
    let dealer_only = login(&app, "nobody@demo.casino", "x").await;
    assert_eq!(dealer_only.body["code"], "AUTH_INVALID_CREDENTIALS");

    let cookie = session_cookie(&login(&app, "pitboss@demo.casino", "demo-pitboss").await);
    let input = json!({ "gaming_day_start": "06:00", "timezone": "UTC", "watchlist_floor_cents": 1,
                        "ctr_threshold_cents": 2, "reward_cap_points": 1 });
    let body = json!({ "request_id": uuid::Uuid::new_v4(), "input": input });
    let forbidden = call(&app, post("/api/casino/update_settings", body, Some(&cookie))).await;
    assert_eq!((forbidden.status, forbidden.body["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")));

    let admin = session_cookie(&login(&app, "admin@demo.casino", "demo-admin").await);
    let bad = json!({ "gaming_day_start": "6am", "timezone": "Nowhere/Land", "watchlist_floor_cents": 1,
                      "ctr_threshold_cents": 2, "reward_cap_points": 1 });
    let body = json!({ "request_id": uuid::Uuid::new_v4(), "input": bad });
    let invalid = call(&app, post("/api/casino/update_settings", body, Some(&admin))).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.body["code"], "VALIDATION_FAILED");
    let fields: Vec<_> =
        invalid.body["fields"].as_array().expect("fields").iter().map(|f| f["field"].clone()).collect();
    assert_eq!(fields, [json!("gaming_day_start"), json!("timezone")]);
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn malformed_requests_are_400_and_unknown_endpoints_404_in_the_same_envelope(
    _pool: PgPoolOptions,
    options: PgConnectOptions,
) {
    let (app, pool) = router(options).await;
    for body in [json!({ "email": 1 }), json!("not an object"), json!({})] {
        let reply = call(&app, post("/api/auth/login", body, None)).await;
        assert_eq!((reply.status, reply.body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("BAD_REQUEST")));
    }
    let unknown = call(&app, post("/api/casino/does_not_exist", json!({}), None)).await;
    assert_eq!((unknown.status, unknown.body["code"].as_str()), (StatusCode::NOT_FOUND, Some("UNKNOWN_ENDPOINT")));
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn cross_site_posts_are_refused_before_any_work(_pool: PgPoolOptions, options: PgConnectOptions) {
    let (app, pool) = router(options).await;
    let mut request =
        post("/api/auth/login", json!({ "email": "pitboss@demo.casino", "password": "demo-pitboss" }), None);
    request.headers_mut().insert(header::ORIGIN, "https://evil.example".parse().expect("header"));
    let reply = call(&app, request).await;
    assert_eq!((reply.status, reply.body["code"].as_str()), (StatusCode::FORBIDDEN, Some("CROSS_SITE_REQUEST")));
    assert!(reply.headers.get(header::SET_COOKIE).is_none());

    let mut same_site =
        post("/api/auth/login", json!({ "email": "pitboss@demo.casino", "password": "demo-pitboss" }), None);
    same_site.headers_mut().insert(header::ORIGIN, "http://127.0.0.1:3000".parse().expect("header"));
    assert_eq!(call(&app, same_site).await.status, StatusCode::OK);
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn pages_need_a_session_and_every_response_has_a_request_id(_pool: PgPoolOptions, options: PgConnectOptions) {
    let (app, pool) = router(options).await;
    let page = call(&app, Request::get("/settings").body(Body::empty()).expect("request")).await;
    assert!(page.status.is_redirection());
    assert_eq!(page.headers.get(header::LOCATION).expect("location"), "/login");
    assert!(page.headers.get("x-request-id").is_some());
    assert_eq!(page.headers.get(header::X_CONTENT_TYPE_OPTIONS).expect("nosniff"), "nosniff");

    let login_page = call(&app, Request::get("/login").body(Body::empty()).expect("request")).await;
    assert_eq!(login_page.status, StatusCode::OK);
    assert!(login_page.body.as_str().is_some_and(|html| html.contains("Sign in to pitboss")));

    let cookie = session_cookie(&login(&app, "pitboss@demo.casino", "demo-pitboss").await);
    let signed_in = Request::get("/login").header(header::COOKIE, &cookie).body(Body::empty()).expect("request");
    let reply = call(&app, signed_in).await;
    assert_eq!(reply.headers.get(header::LOCATION).expect("location"), "/");
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn health_checks_report_the_process_and_the_database(_pool: PgPoolOptions, options: PgConnectOptions) {
    let (app, pool) = router(options).await;
    let live = call(&app, Request::get("/healthz").body(Body::empty()).expect("request")).await;
    assert_eq!(live.status, StatusCode::OK);
    let ready = call(&app, Request::get("/readyz").body(Body::empty()).expect("request")).await;
    assert_eq!((ready.status, ready.body["status"].as_str()), (StatusCode::OK, Some("ready")));
    pool.close().await;
    let down = call(&app, Request::get("/readyz").body(Body::empty()).expect("request")).await;
    assert_eq!((down.status, down.body["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("UNAVAILABLE")));
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn oversized_bodies_are_refused_in_the_envelope_before_they_are_read(
    _pool: PgPoolOptions,
    options: PgConnectOptions,
) {
    let (app, pool) = router(options).await;
    let huge = "x".repeat(100 * 1024);
    let reply = call(&app, post("/api/auth/login", json!({ "email": huge, "password": "x" }), None)).await;
    assert_eq!((reply.status, reply.body["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("PAYLOAD_TOO_LARGE")));
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_replayed_open_table_request_returns_the_first_result_and_audits_once(
    admin: PgPoolOptions,
    options: PgConnectOptions,
) {
    let (app, pool) = router(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let table: uuid::Uuid = sqlx::query_scalar("select id from gaming_table where label = 'RL-02'")
        .fetch_one(&superuser)
        .await
        .expect("table");
    let cookie = session_cookie(&login(&app, "pitboss@demo.casino", "demo-pitboss").await);
    let body = json!({ "request_id": uuid::Uuid::new_v4(), "table_id": table });
    let uncounted = call(&app, post("/api/table/open", body.clone(), Some(&cookie))).await;
    assert_eq!(uncounted.body["code"].as_str(), Some("TABLE_OPENING_COUNT_REQUIRED"), "{:?}", uncounted.body);
    common::count_for_opening(&app, &cookie, json!(table)).await;
    let body = json!({ "request_id": uuid::Uuid::new_v4(), "table_id": table });
    let first = call(&app, post("/api/table/open", body.clone(), Some(&cookie))).await;
    let replay = call(&app, post("/api/table/open", body, Some(&cookie))).await;
    assert_eq!((first.status, replay.status), (StatusCode::OK, StatusCode::OK), "{:?}", replay.body);
    assert_eq!(first.body, replay.body);
    assert_eq!(first.body["status"], "active");
    let opened =
        format!("select count(*) from audit_log where entity_id = '{table}' and action = 'gaming_table.opened'");
    assert_eq!(count(&superuser, &opened).await, 1);

    let fresh = json!({ "request_id": uuid::Uuid::new_v4(), "table_id": table });
    let again = call(&app, post("/api/table/open", fresh, Some(&cookie))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("TABLE_INVALID_STATE")));
    superuser.close().await;
    pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn signing_out_everywhere_ends_every_device_of_that_staff_member_only(
    admin: PgPoolOptions,
    options: PgConnectOptions,
) {
    let (app, pool) = router(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let tablet = session_cookie(&login(&app, "pitboss@demo.casino", "demo-pitboss").await);
    let desktop = session_cookie(&login(&app, "pitboss@demo.casino", "demo-pitboss").await);
    let colleague = session_cookie(&login(&app, "pitboss2@demo.casino", "demo-pitboss").await);

    let reply = call(&app, post("/api/auth/logout_everywhere", json!({}), Some(&desktop))).await;
    assert_eq!((reply.status, reply.body.clone()), (StatusCode::OK, json!(2)));
    assert!(reply.headers.get(header::SET_COOKIE).expect("cleared").to_str().expect("ascii").contains("Max-Age=0"));
    for cookie in [&tablet, &desktop] {
        let me = call(&app, post("/api/auth/me", json!({}), Some(cookie))).await;
        assert_eq!(me.body["code"], "UNAUTHENTICATED");
    }
    let still = call(&app, post("/api/auth/me", json!({}), Some(&colleague))).await;
    assert_eq!(still.status, StatusCode::OK, "another pit boss stays signed in");
    let ended = "select count(*) from audit_log where action = 'staff.signed_out_everywhere'";
    assert_eq!(count(&superuser, ended).await, 1);
    superuser.close().await;
    pool.close().await;
}

/// The nonce of a page's policy, checking every inline script of the page carries it.
fn page_nonce(reply: &common::Reply, path: &str) -> String {
    let policy = reply.headers.get(header::CONTENT_SECURITY_POLICY).expect("policy").to_str().expect("ascii");
    assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "{path}: {policy}");
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a script nonce");
    let html = reply.body.as_str().expect("html");
    let scripts: Vec<&str> =
        html.split("<script").skip(1).map(|tag| tag.split('>').next().unwrap_or_default()).collect();
    assert!(!scripts.is_empty(), "{path}: no scripts");
    for tag in scripts {
        assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{path}: a script without the nonce: <script{tag}>");
    }
    nonce.to_owned()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn every_page_and_answer_carries_the_security_headers(_pool: PgPoolOptions, options: PgConnectOptions) {
    let (app, pool) = router(options).await;
    let cookie = session_cookie(&login(&app, "admin@demo.casino", "demo-admin").await);
    let get = |path: &str, cookie: Option<&str>| {
        let mut request = Request::get(path);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::empty()).expect("request")
    };
    let mut replies = vec![("/login".to_owned(), call(&app, get("/login", None)).await)];
    for path in ["/", "/pit", "/players", "/accounting", "/compliance", "/staff", "/games", "/settings", "/nowhere"] {
        replies.push((path.to_owned(), call(&app, get(path, Some(&cookie))).await));
    }
    let mut nonces = std::collections::BTreeSet::new();
    for (path, reply) in &replies {
        assert!(reply.status == StatusCode::OK || reply.status == StatusCode::NOT_FOUND, "{path}: {}", reply.status);
        nonces.insert(page_nonce(reply, path));
    }
    assert_eq!(nonces.len(), replies.len(), "every response has its own nonce");

    let answers = [
        call(&app, post("/api/auth/me", json!({}), Some(&cookie))).await,
        call(&app, post("/api/auth/me", json!({}), None)).await,
        call(&app, get("/healthz", None)).await,
    ];
    for reply in answers.iter().chain(replies.iter().map(|(_, reply)| reply)) {
        if !reply.headers.get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html")) {
            assert_eq!(reply.headers[header::CONTENT_SECURITY_POLICY], "default-src 'none'; frame-ancestors 'none'");
        }
        assert_eq!(reply.headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(reply.headers[header::REFERRER_POLICY], "same-origin");
        assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    pool.close().await;
}
