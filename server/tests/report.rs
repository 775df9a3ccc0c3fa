//! `GET /api/report/shift.csv`: the shift report a spreadsheet opens, for signed-in staff of the casino only.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

mod common;

use common::{Reply, call, login, post, session_cookie};

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::HOST, "127.0.0.1:3000");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).expect("request")
}

async fn sign_in(app: &axum::Router, email: &str, password: &str) -> String {
    session_cookie(&login(app, email, password).await)
}

fn text(reply: &Reply) -> String {
    reply.body.as_str().map(str::to_owned).unwrap_or_else(|| reply.body.to_string())
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_shift_report_is_a_csv_of_the_casinos_tables(_pool: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options).await;
    let cashier = sign_in(&world.app, "cashier@demo.casino", "demo-cashier").await;
    let tables = call(&world.app, post("/api/table/list", json!({}), Some(&cashier))).await;
    let table =
        tables.body.as_array().and_then(|t| t.iter().find(|t| t["label"] == "BJ-01")).expect("BJ-01")["id"].clone();
    let drop = json!({ "request_id": Uuid::new_v4(), "table_id": table, "gaming_day": "2026-01-02",
                       "cash_cents": 1_234_500, "markers_cents": 50_000 });
    assert_eq!(call(&world.app, post("/api/table/drop", drop, Some(&cashier))).await.status, StatusCode::OK);

    let path = "/api/report/shift.csv?gaming_day=2026-01-02";
    for (email, password) in [("pitboss@demo.casino", "demo-pitboss"), ("compliance@demo.casino", "demo-compliance")] {
        let reply = call(&world.app, get(path, Some(&sign_in(&world.app, email, password).await))).await;
        assert_eq!(reply.status, StatusCode::OK, "{email}: {:?}", reply.body);
        assert_eq!(reply.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(reply.headers[header::CONTENT_DISPOSITION].to_str().expect("ascii").contains("shift-2026-01-02.csv"));
        let csv = text(&reply);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], pitboss::table_accounting::report::CSV_HEADER);
        assert!(
            lines[1].starts_with("2026-01-02,\"Main\",\"BJ-01\",0.00,0.00,0.00,12845.00,0.00,,"),
            "a drop without counts has no win yet: {}",
            lines[1]
        );
        assert_eq!(lines.last().map(|l| l.starts_with("2026-01-02,\"All pits\"")), Some(true), "{csv}");
    }

    let other = sign_in(&world.app, "pitboss@other.casino", "other-pitboss").await;
    let theirs = text(&call(&world.app, get(path, Some(&other))).await);
    assert!(!theirs.contains("BJ-01\",0.00,0.00,0.00,12845.00"), "another casino's report shows none of it: {theirs}");

    let signed_out = call(&world.app, get(path, None)).await;
    assert_eq!(
        (signed_out.status, signed_out.body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("UNAUTHENTICATED"))
    );
    for bad in
        ["/api/report/shift.csv", "/api/report/shift.csv?gaming_day=2026-02-30", "/api/report/shift.csv?gaming_day=x"]
    {
        let reply = call(&world.app, get(bad, Some(&cashier))).await;
        assert_eq!(
            (reply.status, reply.body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("BAD_REQUEST")),
            "{bad}"
        );
    }
}
