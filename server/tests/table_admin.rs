//! The admin's floor plan over HTTP: a table added with its own seats appears on the floor; its pit, limits
//! and seats change (seats only while it is closed); it retires only when not open, leaves the floor and
//! the table list, stays in the day's accounting, and frees its label.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

mod common;

use common::{World, call, count, count_for_opening, login, post, session_cookie};

async fn send(world: &World, cookie: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let reply = call(&world.app, post(path, body, Some(cookie))).await;
    (reply.status, reply.body)
}

fn new_table(label: &str, seats: Value) -> Value {
    json!({ "request_id": Uuid::new_v4(), "input": { "label": label, "pit": "Salon", "game": "baccarat",
            "min_bet_cents": 2_500, "max_bet_cents": 500_000, "seats": seats } })
}

fn change(table: &Value, seats: i64, min: i64) -> Value {
    json!({ "request_id": Uuid::new_v4(), "table_id": table,
            "change": { "pit": "Main", "min_bet_cents": min, "max_bet_cents": 500_000, "seats": seats } })
}

fn labels(tables: &Value) -> Vec<String> {
    tables.as_array().expect("tables").iter().map(|t| t["label"].as_str().unwrap_or_default().to_owned()).collect()
}

fn field_codes(body: &Value) -> Vec<(String, String)> {
    let fields = body["fields"].as_array().cloned().unwrap_or_default();
    fields
        .iter()
        .map(|f| (f["field"].as_str().unwrap_or_default().into(), f["code"].as_str().unwrap_or_default().into()))
        .collect()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn an_admin_adds_changes_and_retires_a_table(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let admin = session_cookie(&login(&world.app, "admin@demo.casino", "demo-admin").await);
    let boss = session_cookie(&login(&world.app, "pitboss@demo.casino", "demo-pitboss").await);

    let (status, table) = send(&world, &admin, "/api/table/add", new_table("MB-01", json!(7))).await;
    assert_eq!(status, StatusCode::OK, "{table}");
    assert_eq!(
        (table["seats"].as_i64(), table["status"].as_str(), table["game"].as_str()),
        (Some(7), Some("inactive"), Some("baccarat"))
    );
    let id = table["id"].clone();
    let (status, body) = send(&world, &admin, "/api/table/add", new_table("MB-01", json!(null))).await;
    assert_eq!(
        (status, field_codes(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("label".into(), "TABLE_LABEL_TAKEN".into())])
    );
    let (status, body) = send(&world, &admin, "/api/table/add", new_table("MB-02", json!(0))).await;
    assert_eq!(
        (status, field_codes(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("seats".into(), "GAME_INVALID_SEATS".into())])
    );
    let (status, body) = send(&world, &boss, "/api/table/add", new_table("MB-03", json!(null))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")));
    let (_, seats) = send(&world, &boss, "/api/floor/seats", json!({ "table_id": id })).await;
    assert_eq!(seats[0]["seats"].as_array().map(Vec::len), Some(7), "its own seats on the floor: {seats}");

    // Changed while closed: pit, limits and seats.
    let (status, changed) = send(&world, &admin, "/api/table/update", change(&id, 6, 5_000)).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(
        (changed["pit"].as_str(), changed["seats"].as_i64(), changed["min_bet"].as_i64()),
        (Some("Main"), Some(6), Some(5_000))
    );
    let audited: Value = sqlx::query_scalar("select before from audit_log where action = 'gaming_table.updated'")
        .fetch_one(&superuser)
        .await
        .expect("audited");
    assert_eq!(audited["seats"], 7);

    // Open: limits change, seats and retirement wait.
    count_for_opening(&world.app, &boss, id.clone()).await;
    let (status, body) =
        send(&world, &boss, "/api/table/open", json!({ "request_id": Uuid::new_v4(), "table_id": id })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = send(&world, &admin, "/api/table/update", change(&id, 5, 5_000)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("TABLE_IS_OPEN")));
    let (status, body) = send(&world, &admin, "/api/table/update", change(&id, 6, 10_000)).await;
    assert_eq!(status, StatusCode::OK, "limits change while open: {body}");
    let retire = || json!({ "request_id": Uuid::new_v4(), "table_id": id });
    let (status, body) = send(&world, &admin, "/api/table/retire", retire()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("TABLE_IS_OPEN")));

    // Closed, then retired: off the floor, still in the day's accounting, its label free.
    let detail = send(&world, &boss, "/api/table/detail", json!({ "table_id": id })).await.1;
    let closing = json!({ "request_id": Uuid::new_v4(), "table_id": id, "kind": "closing",
                          "witness_id": detail["dealers"][0]["id"], "chips": { "10000": 20 } });
    assert_eq!(send(&world, &boss, "/api/table/count", closing).await.0, StatusCode::OK);
    let close = json!({ "request_id": Uuid::new_v4(), "table_id": id, "force_reason": null });
    let (status, body) = send(&world, &boss, "/api/table/close", close).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, retired) = send(&world, &admin, "/api/table/retire", retire()).await;
    assert_eq!(status, StatusCode::OK, "{retired}");
    assert!(retired["retired_at"].is_string(), "{retired}");
    let (_, tables) = send(&world, &boss, "/api/table/list", json!({})).await;
    assert!(!labels(&tables).contains(&"MB-01".to_owned()), "off the table list");
    let (_, floor) = send(&world, &boss, "/api/floor/seats", json!({ "table_id": null })).await;
    let on_floor = floor.as_array().expect("floor").iter().any(|t| t["table_id"] == id);
    assert!(!on_floor, "off the floor");
    let (status, body) =
        send(&world, &boss, "/api/table/open", json!({ "request_id": Uuid::new_v4(), "table_id": id })).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("NOT_FOUND")), "never opened again");
    let (status, _) = send(&world, &admin, "/api/table/retire", retire()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let today = send(&world, &boss, "/api/auth/me", json!({})).await.1["gaming_day"].clone();
    let (_, day) = send(&world, &boss, "/api/report/day", json!({ "gaming_day": today })).await;
    assert!(day.to_string().contains("\"MB-01\""), "still in the day's accounting: {day}");
    let (status, body) = send(&world, &admin, "/api/table/add", new_table("MB-01", json!(null))).await;
    assert_eq!(status, StatusCode::OK, "the label is free again: {body}");
    assert_eq!(count(&superuser, "select count(*) from gaming_table where label = 'MB-01'").await, 2);
    superuser.close().await;
}
