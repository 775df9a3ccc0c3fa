//! The live stream end to end inside one process: a change committed through the API reaches the
//! subscribers of its casino as a server-sent event, and never another casino's.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::PgPool;
use tower::ServiceExt;

mod common;

use common::world;

fn post(path: &str, body: Value, cookie: &str) -> Request<Body> {
    let body = body.to_string();
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .expect("request")
}

async fn sign_in(app: &Router, email: &str, password: &str) -> String {
    let body = json!({ "email": email, "password": password }).to_string();
    let request = Request::post("/api/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers().get(header::SET_COOKIE).expect("cookie").to_str().expect("ascii");
    cookie.split(';').next().expect("name=value").to_owned()
}

/// A subscriber: the body of an open `GET /api/events`, read event by event.
struct Subscriber {
    body: Body,
    buffer: String,
}

impl Subscriber {
    async fn open(app: &Router, cookie: &str) -> Self {
        let request = Request::get("/api/events").header(header::COOKIE, cookie).body(Body::empty()).expect("request");
        let response = app.clone().oneshot(request).await.expect("response");
        assert_eq!(response.status(), StatusCode::OK);
        let content_type = response.headers().get(header::CONTENT_TYPE).expect("type").to_str().expect("ascii");
        assert!(content_type.starts_with("text/event-stream"), "{content_type}");
        Self { body: response.into_body(), buffer: String::new() }
    }

    /// The next named event (`(name, data)`) within `wait`, skipping keep-alive comments.
    async fn next(&mut self, wait: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    block.lines().find_map(|line| line.strip_prefix(name)).map(|v| v.trim_start().to_owned())
                };
                match field("event:") {
                    Some(event) => return Some((event, field("data:").unwrap_or_default())),
                    None => continue,
                }
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            let frame = tokio::time::timeout(left, self.body.frame()).await.ok()??.ok()?;
            if let Ok(data) = frame.into_data() {
                self.buffer.push_str(&String::from_utf8_lossy(&data));
            }
        }
    }

    /// The data of the next event called `name` within `wait`, skipping any other.
    async fn next_named(&mut self, name: &str, wait: Duration) -> Option<String> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let (event, data) = self.next(left).await?;
            if event == name {
                return Some(data);
            }
        }
    }

    /// The next `change` event's payload, skipping resyncs.
    async fn next_change(&mut self, wait: Duration) -> Option<Value> {
        serde_json::from_str(&self.next_named("change", wait).await?).ok()
    }
}

async fn table_id(pool: &PgPool, label: &str) -> String {
    sqlx::query_scalar::<_, uuid::Uuid>("select id from gaming_table where label = $1")
        .bind(label)
        .fetch_one(pool)
        .await
        .map(|id| id.to_string())
        .unwrap_or_else(|e| panic!("{label}: {e}"))
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_change_reaches_its_own_casino_and_no_other(admin: PgPool) {
    let world = world(admin.connect_options().as_ref().clone()).await;
    // Table ids are read as the superuser: the runtime role sees no table without a casino context.
    let (demo_table, other_table) = (table_id(&admin, "RL-02").await, table_id(&admin, "OT-RL-01").await);
    let demo = sign_in(&world.app, "pitboss@demo.casino", "demo-pitboss").await;
    let other = sign_in(&world.app, "pitboss@other.casino", "other-pitboss").await;
    common::count_for_opening(&world.app, &demo, json!(demo_table)).await;
    common::count_for_opening(&world.app, &other, json!(other_table)).await;
    let mut demo_stream = Subscriber::open(&world.app, &demo).await;
    let mut other_stream = Subscriber::open(&world.app, &other).await;
    for stream in [&mut demo_stream, &mut other_stream] {
        let (event, _) = stream.next(Duration::from_secs(2)).await.expect("opening event");
        assert_eq!(event, "resync", "a new stream starts by resynchronising");
    }
    assert_eq!(world.hub.subscribers(), 2);

    let started = Instant::now();
    let request = post("/api/table/open", json!({ "request_id": uuid::Uuid::new_v4(), "table_id": demo_table }), &demo);
    let opened = world.app.clone().oneshot(request).await.expect("response");
    assert_eq!(opened.status(), StatusCode::OK);
    let change = demo_stream.next_change(Duration::from_secs(2)).await.expect("the demo casino hears of it");
    println!("commit to event at the subscriber: {} ms", started.elapsed().as_millis());
    assert_eq!(
        (change["entity"].as_str(), change["kind"].as_str()),
        (Some("gaming_table"), Some("gaming_table.opened"))
    );
    assert_eq!(change["id"].as_str(), Some(demo_table.as_str()));
    assert!(other_stream.next_change(Duration::from_millis(1500)).await.is_none(), "no event leaks to Other Casino");

    let request =
        post("/api/table/open", json!({ "request_id": uuid::Uuid::new_v4(), "table_id": other_table }), &other);
    assert_eq!(world.app.clone().oneshot(request).await.expect("response").status(), StatusCode::OK);
    let theirs = other_stream.next_change(Duration::from_secs(2)).await.expect("Other Casino hears of its own");
    assert_eq!(theirs["id"].as_str(), Some(other_table.as_str()));
    assert!(demo_stream.next_change(Duration::from_millis(1000)).await.is_none(), "and the demo casino does not");

    drop((demo_stream, other_stream));
    assert_eq!(world.hub.subscribers(), 0, "closed streams are counted out");
    world.pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_stream_needs_a_session(admin: PgPool) {
    let world = world(admin.connect_options().as_ref().clone()).await;
    let request = Request::get("/api/events").body(Body::empty()).expect("request");
    let response = world.app.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    world.pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_lost_listener_reconnects_and_tells_every_stream_to_resync(admin: PgPool) {
    let world = world(admin.connect_options().as_ref().clone()).await;
    let table = table_id(&admin, "RL-02").await;
    let demo = sign_in(&world.app, "pitboss@demo.casino", "demo-pitboss").await;
    common::count_for_opening(&world.app, &demo, json!(table)).await;
    let mut stream = Subscriber::open(&world.app, &demo).await;
    assert_eq!(stream.next(Duration::from_secs(2)).await.map(|(event, _)| event).as_deref(), Some("resync"));

    // Kill the server's LISTEN connection from the database side, as a failover or restart would.
    let killed: i64 = sqlx::query_scalar(
        "select count(pg_terminate_backend(pid)) from pg_stat_activity
         where datname = current_database() and query ilike 'listen%'",
    )
    .fetch_one(&admin)
    .await
    .expect("terminate");
    assert_eq!(killed, 1, "exactly one listener per server");
    // The count's own change may still be on its way: what matters is that a resync follows the loss.
    let resync = stream.next_named("resync", Duration::from_secs(5)).await;
    assert!(resync.is_some(), "notifications may have been missed, so the page must re-read");

    tokio::time::timeout(Duration::from_secs(10), world.hub.listening()).await.expect("listening again");
    let request = post("/api/table/open", json!({ "request_id": uuid::Uuid::new_v4(), "table_id": table }), &demo);
    assert_eq!(world.app.clone().oneshot(request).await.expect("response").status(), StatusCode::OK);
    let change = stream.next_change(Duration::from_secs(3)).await.expect("changes flow again");
    assert_eq!(change["kind"].as_str(), Some("gaming_table.opened"));
    world.pool.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn a_slip_event_names_the_table_it_is_at(admin: PgPool) {
    let world = world(admin.connect_options().as_ref().clone()).await;
    let table = table_id(&admin, "BJ-01").await;
    let slip: uuid::Uuid = sqlx::query_scalar(
        "select s.id from rating_slip s join gaming_table t on t.id = s.table_id
         where t.label = 'BJ-01' and s.ended_at is null and s.status = 'open' limit 1",
    )
    .fetch_one(&admin)
    .await
    .expect("the demo rates a player at BJ-01");
    let demo = sign_in(&world.app, "pitboss@demo.casino", "demo-pitboss").await;
    let mut stream = Subscriber::open(&world.app, &demo).await;
    stream.next(Duration::from_secs(2)).await.expect("opening event");

    let request = post("/api/slip/pause", json!({ "request_id": uuid::Uuid::new_v4(), "slip_id": slip }), &demo);
    assert_eq!(world.app.clone().oneshot(request).await.expect("response").status(), StatusCode::OK);
    let change = stream.next_change(Duration::from_secs(2)).await.expect("the pause is announced");
    assert_eq!((change["entity"].as_str(), change["kind"].as_str()), (Some("rating_slip"), Some("rating_slip.paused")));
    // The dashboards re-read this one table from it, even those that do not show the slip yet.
    assert_eq!(change["table_id"].as_str(), Some(table.as_str()));
    world.pool.close().await;
}
