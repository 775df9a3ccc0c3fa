//! The server under test: the real router on a fresh database seeded with the demo casinos, with the live
//! event hub listening.
#![allow(dead_code)]

use std::time::Duration;

use app::ssr::AppState;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use pitboss::auth::SessionKey;
use serde_json::{Value, json};
use server::events::EventHub;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::sync::watch;
use tower::ServiceExt;

/// A running application and the pool behind it.
pub struct World {
    /// The router, as `pitboss serve` builds it.
    pub app: Router,
    /// The live event hub.
    pub hub: EventHub,
    /// The runtime-role pool the app uses.
    pub pool: PgPool,
    /// Dropping this stops the hub's listener.
    _stop: watch::Sender<bool>,
}

/// Builds the app on the test database as `pitboss_app`, seeded with the demo data.
pub async fn world(options: PgConnectOptions) -> World {
    let pool = PgPoolOptions::new()
        .max_connections(6)
        .connect_with(options.username(pitboss::db::RUNTIME_ROLE))
        .await
        .expect("runtime pool");
    pitboss::seed::demo(&pool).await.expect("seed");
    let state = AppState {
        leptos_options: LeptosOptions::builder().output_name("pitboss").build(),
        pool: pool.clone(),
        session_key: SessionKey::new(&[9; 32]).expect("key"),
        data_keys: pitboss::sealing::DataKeys::new(&"7e".repeat(32), &[]).expect("data key"),
        secure_cookies: false,
    };
    let (stop, stopped) = watch::channel(false);
    let hub = EventHub::start(pool.clone(), stopped);
    tokio::time::timeout(Duration::from_secs(10), hub.listening()).await.expect("the listener connects");
    World { app: server::router::app(state, hub.clone()), hub, pool, _stop: stop }
}

/// A response, its body parsed as JSON when it is JSON (else a JSON string of the text).
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
}

/// Sends one request through the router.
pub async fn call(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    Reply { status, headers, body }
}

/// A same-origin JSON POST, with the session cookie if given.
pub fn post(path: &str, body: Value, cookie: Option<&str>) -> Request<Body> {
    let mut request =
        Request::post(path).header(header::CONTENT_TYPE, "application/json").header(header::HOST, "127.0.0.1:3000");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let body = body.to_string();
    request.header(header::CONTENT_LENGTH, body.len()).body(Body::from(body)).expect("request")
}

/// The `name=value` of the session cookie a reply set.
pub fn session_cookie(reply: &Reply) -> String {
    let set_cookie = reply.headers.get(header::SET_COOKIE).expect("set-cookie").to_str().expect("ascii");
    set_cookie.split(';').next().expect("name=value").to_owned()
}

/// Signs in through the API.
pub async fn login(app: &Router, email: &str, password: &str) -> Reply {
    call(app, post("/api/auth/login", json!({ "email": email, "password": password }), None)).await
}

/// The one number `sql` selects on `pool` (a superuser pool sees every casino).
pub async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Counts a closed table's tray for opening as the signed-in pit boss does before opening it, witnessed by one
/// of the casino's dealers (`/api/table/open` refuses an uncounted tray).
pub async fn count_for_opening(app: &Router, cookie: &str, table: Value) {
    let detail = call(app, post("/api/table/detail", json!({ "table_id": table }), Some(cookie))).await;
    let witness = detail.body["dealers"][0]["id"].clone();
    let body = json!({ "request_id": uuid::Uuid::new_v4(), "table_id": table, "kind": "opening",
                       "witness_id": witness, "chips": { "10000": 20 } });
    let reply = call(app, post("/api/table/count", body, Some(cookie))).await;
    assert_eq!(reply.status, StatusCode::OK, "opening count: {}", reply.body);
}

/// Sets up an authenticator for the signed-in admin or compliance officer behind `cookie`, as the set-up page
/// does: begin, then confirm with the current code (a sign-in right after sends the next step's code, which
/// the server still accepts and which is not a replay). Answers the secret in base32 and the recovery codes.
pub async fn enrol_second_factor(app: &Router, cookie: &str) -> (String, Vec<String>) {
    let setup = call(app, post("/api/auth/second_factor/begin", json!({}), Some(cookie))).await;
    assert_eq!(setup.status, StatusCode::OK, "begin: {}", setup.body);
    let secret = setup.body["secret_base32"].as_str().expect("secret").to_owned();
    let code = authenticator_code(&secret, 0);
    let confirmed = call(app, post("/api/auth/second_factor/confirm", json!({ "code": code }), Some(cookie))).await;
    assert_eq!(confirmed.status, StatusCode::OK, "confirm: {}", confirmed.body);
    let codes =
        confirmed.body.as_array().expect("codes").iter().map(|c| c.as_str().expect("code").to_owned()).collect();
    (secret, codes)
}

/// What an authenticator app set up with `secret` shows `steps` 30-second steps from now.
pub fn authenticator_code(secret: &str, steps: i64) -> String {
    let now = chrono::Utc::now().timestamp();
    pitboss::auth::code_for(secret, now + steps * 30).expect("a code")
}
