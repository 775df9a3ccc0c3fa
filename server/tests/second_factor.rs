//! The second factor over HTTP: enrolment, the code step of signing in (a pending session that can do
//! nothing else), replayed and recovery codes, throttling of the code step, and an admin's reset.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

mod common;

use common::{World, authenticator_code, call, count, enrol_second_factor, login, post, session_cookie};

async fn signed_in(world: &World, email: &str, password: &str) -> String {
    let reply = login(&world.app, email, password).await;
    assert_eq!(reply.status, StatusCode::OK, "{email}: {}", reply.body);
    session_cookie(&reply)
}

async fn send(world: &World, cookie: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let reply = call(&world.app, post(path, body, Some(cookie))).await;
    (reply.status, reply.body)
}

fn code_of(body: &Value) -> &str {
    body["code"].as_str().unwrap_or_default()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn an_enrolled_admin_signs_in_with_the_code_only_once(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let cookie = signed_in(&world, "admin@demo.casino", "demo-admin").await;

    let (status, body) = send(&world, &cookie, "/api/auth/second_factor/confirm", json!({ "code": "123456" })).await;
    assert_eq!((status, code_of(&body)), (StatusCode::CONFLICT, "SECOND_FACTOR_NOT_STARTED"), "{body}");
    let (status, setup) = send(&world, &cookie, "/api/auth/second_factor/begin", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{setup}");
    assert!(setup["uri"].as_str().expect("uri").starts_with("otpauth://totp/pitboss:admin%40demo.casino?"));
    assert!(setup["qr_svg"].as_str().expect("qr").contains("<svg"));
    let wrong = call(&world.app, post("/api/auth/second_factor/confirm", json!({ "code": "000000" }), Some(&cookie)));
    let wrong = wrong.await;
    assert_eq!(wrong.body["fields"][0]["field"], "code", "{}", wrong.body);
    let secret = setup["secret_base32"].as_str().expect("secret");
    let (status, codes) =
        send(&world, &cookie, "/api/auth/second_factor/confirm", json!({ "code": authenticator_code(secret, 0) }))
            .await;
    assert_eq!(status, StatusCode::OK, "{codes}");
    assert_eq!(codes.as_array().map(Vec::len), Some(10));
    let stored: Vec<String> =
        sqlx::query_scalar("select code_hash from staff_recovery_code").fetch_all(&superuser).await.expect("hashes");
    assert_eq!(stored.len(), 10);
    assert!(
        codes.as_array().expect("codes").iter().all(|c| !stored.iter().any(|h| h.contains(c.as_str().expect("code"))))
    );
    let (status, body) = send(&world, &cookie, "/api/auth/second_factor/begin", json!({})).await;
    assert_eq!((status, code_of(&body)), (StatusCode::CONFLICT, "SECOND_FACTOR_ALREADY_ENROLLED"));

    // The password alone now opens a pending session that can do nothing but send the code.
    let reply = login(&world.app, "admin@demo.casino", "demo-admin").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["second_factor_required"], true);
    let pending = session_cookie(&reply);
    for path in ["/api/table/list", "/api/auth/me", "/api/auth/second_factor/begin"] {
        let (status, body) = send(&world, &pending, path, json!({})).await;
        assert_eq!((status, code_of(&body)), (StatusCode::UNAUTHORIZED, "SECOND_FACTOR_REQUIRED"), "{path}");
    }
    assert_eq!(page(&world, "/pit", &pending).await, (StatusCode::SEE_OTHER, Some("/verify".to_owned())));
    let signed_in_before = count(&superuser, "select count(*) from audit_log where action = 'staff.signed_in'").await;
    assert_eq!(signed_in_before, 1, "the pending session is not a sign-in yet");

    // The code confirmed at enrolment is spent; the next step's is accepted, once.
    let (status, body) =
        send(&world, &pending, "/api/auth/verify_code", json!({ "code": authenticator_code(secret, 0) })).await;
    assert_eq!((status, code_of(&body)), (StatusCode::UNAUTHORIZED, "AUTH_CODE_WRONG"), "a replay");
    let next = authenticator_code(secret, 1);
    let reply = call(&world.app, post("/api/auth/verify_code", json!({ "code": next }), Some(&pending))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["second_factor_required"], false);
    let full = session_cookie(&reply);
    assert_ne!(full, pending, "a new session, not the pending one promoted");
    assert_eq!(send(&world, &full, "/api/table/list", json!({})).await.0, StatusCode::OK);
    let (status, body) = send(&world, &pending, "/api/table/list", json!({})).await;
    assert_eq!((status, code_of(&body)), (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"), "the pending one ended");
    let method: Value = sqlx::query_scalar(
        "select after from audit_log where action = 'staff.signed_in' order by occurred_at desc limit 1",
    )
    .fetch_one(&superuser)
    .await
    .expect("audit");
    assert_eq!(method["second_factor"]["method"], "totp", "{method}");

    // The same code cannot open a second session.
    let again = session_cookie(&login(&world.app, "admin@demo.casino", "demo-admin").await);
    let (status, body) = send(&world, &again, "/api/auth/verify_code", json!({ "code": next })).await;
    assert_eq!((status, code_of(&body)), (StatusCode::UNAUTHORIZED, "AUTH_CODE_WRONG"));
    superuser.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_recovery_code_signs_in_once(_admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options).await;
    let cookie = signed_in(&world, "compliance@demo.casino", "demo-compliance").await;
    let (_, codes) = enrol_second_factor(&world.app, &cookie).await;
    let typed = format!(" {} ", codes[3].to_uppercase());
    let pending = session_cookie(&login(&world.app, "compliance@demo.casino", "demo-compliance").await);
    let (status, body) = send(&world, &pending, "/api/auth/verify_code", json!({ "code": typed })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let pending = session_cookie(&login(&world.app, "compliance@demo.casino", "demo-compliance").await);
    let (status, body) = send(&world, &pending, "/api/auth/verify_code", json!({ "code": codes[3] })).await;
    assert_eq!((status, code_of(&body)), (StatusCode::UNAUTHORIZED, "AUTH_CODE_WRONG"), "used already");
    let (status, body) = send(&world, &pending, "/api/auth/verify_code", json!({ "code": codes[4] })).await;
    assert_eq!(status, StatusCode::OK, "another one still works: {body}");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn wrong_codes_lock_the_account_like_wrong_passwords(_admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options).await;
    let cookie = signed_in(&world, "admin@demo.casino", "demo-admin").await;
    let (secret, _) = enrol_second_factor(&world.app, &cookie).await;
    let pending = session_cookie(&login(&world.app, "admin@demo.casino", "demo-admin").await);
    let mut details = Vec::new();
    for _ in 0..5 {
        let (status, body) = send(&world, &pending, "/api/auth/verify_code", json!({ "code": "000000" })).await;
        assert_eq!((status, code_of(&body)), (StatusCode::UNAUTHORIZED, "AUTH_CODE_WRONG"), "{body}");
        details.push(body["message"].as_str().unwrap_or_default().to_owned());
    }
    assert!(!details[0].contains("left") && !details[1].contains("left"), "{details:?}");
    assert!(details[2].contains("2 attempts left"), "{details:?}");
    assert!(details[4].contains("now locked"), "{details:?}");
    // Locked: even the right code is not checked, nor the password.
    let (status, body) =
        send(&world, &pending, "/api/auth/verify_code", json!({ "code": authenticator_code(&secret, 1) })).await;
    assert_eq!((status, code_of(&body)), (StatusCode::TOO_MANY_REQUESTS, "AUTH_THROTTLED"), "{body}");
    let reply = login(&world.app, "admin@demo.casino", "demo-admin").await;
    assert_eq!(reply.body["code"], "AUTH_THROTTLED");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_pending_session_lasts_five_minutes(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let cookie = signed_in(&world, "admin@demo.casino", "demo-admin").await;
    let (secret, _) = enrol_second_factor(&world.app, &cookie).await;
    let reply = login(&world.app, "admin@demo.casino", "demo-admin").await;
    let pending = session_cookie(&reply);
    let minutes: f64 = sqlx::query_scalar(
        "select (extract(epoch from expires_at - created_at) / 60)::float8 from staff_session where second_factor_pending",
    )
    .fetch_one(&superuser)
    .await
    .expect("pending session");
    assert!((minutes - 5.0).abs() < 0.1, "{minutes}");
    sqlx::query("update staff_session set expires_at = now() - interval '1 second' where second_factor_pending")
        .execute(&superuser)
        .await
        .expect("age it");
    let (status, body) =
        send(&world, &pending, "/api/auth/verify_code", json!({ "code": authenticator_code(&secret, 1) })).await;
    assert_eq!((status, code_of(&body)), (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"), "{body}");
    superuser.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn an_admin_resets_anothers_second_factor_only(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let boss = signed_in(&world, "pitboss@demo.casino", "demo-pitboss").await;
    let (status, body) = send(&world, &boss, "/api/auth/second_factor/begin", json!({})).await;
    assert_eq!((status, code_of(&body)), (StatusCode::FORBIDDEN, "FORBIDDEN"), "a pit boss has none");

    let compliance = signed_in(&world, "compliance@demo.casino", "demo-compliance").await;
    enrol_second_factor(&world.app, &compliance).await;
    let admin_cookie = signed_in(&world, "admin@demo.casino", "demo-admin").await;
    let roster = send(&world, &admin_cookie, "/api/casino/staff", json!({})).await.1;
    let member =
        |email: &str| roster.as_array().and_then(|r| r.iter().find(|m| m["email"] == email)).expect("member").clone();
    assert_eq!(member("compliance@demo.casino")["second_factor"], true);
    assert_eq!(member("admin@demo.casino")["second_factor"], false);
    let id = member("compliance@demo.casino")["id"].clone();
    let me = member("admin@demo.casino")["id"].clone();

    let reset = |staff_id: Value| json!({ "request_id": Uuid::new_v4(), "staff_id": staff_id });
    let (status, body) = send(&world, &admin_cookie, "/api/staff/reset_second_factor", reset(me.clone())).await;
    assert_eq!((status, code_of(&body)), (StatusCode::CONFLICT, "STAFF_OWN_SECOND_FACTOR"));
    let (status, body) = send(&world, &admin_cookie, "/api/staff/reset_second_factor", reset(id.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["second_factor"], false);
    assert_eq!(count(&superuser, "select count(*) from staff_second_factor").await, 0, "the secret is gone");
    assert_eq!(count(&superuser, "select count(*) from staff_recovery_code").await, 0, "and the codes");
    let (status, _) = send(&world, &compliance, "/api/table/list", json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "their sessions ended");
    let reply = login(&world.app, "compliance@demo.casino", "demo-compliance").await;
    assert_eq!(reply.body["second_factor_required"], false, "the password alone again");
    let (status, body) = send(&world, &admin_cookie, "/api/staff/reset_second_factor", reset(id)).await;
    assert_eq!((status, code_of(&body)), (StatusCode::CONFLICT, "STAFF_NO_SECOND_FACTOR"));
    let audit: Value = sqlx::query_scalar("select before from audit_log where action = 'staff.second_factor_reset'")
        .fetch_one(&superuser)
        .await
        .expect("audited");
    assert_eq!(audit["second_factor"], "totp");

    superuser.close().await;
}

/// A page load's status and where it redirects to.
async fn page(world: &World, path: &str, cookie: &str) -> (StatusCode, Option<String>) {
    use tower::ServiceExt;
    let request = Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).expect("request");
    let response = world.app.clone().oneshot(request).await.expect("response");
    let location = response.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).map(str::to_owned);
    (response.status(), location)
}
