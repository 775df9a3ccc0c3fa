//! `GET /api/report/shift.csv` and `GET /api/mtl/ctr.csv`: the spreadsheets, for the staff who may read them, of
//! their casino only.
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

/// Records `cents` of cash for `player` in `direction`, as the cashier at the cage.
async fn cash(app: &axum::Router, cashier: &str, player: &serde_json::Value, direction: &str, cents: i64) {
    let entry = json!({ "player_id": player, "direction": direction, "amount": cents, "tender": "cash",
                        "source": "cage", "visit_id": null, "rating_slip_id": null, "note": null });
    let reply =
        call(app, post("/api/finance/record", json!({ "request_id": Uuid::new_v4(), "entry": entry }), Some(cashier)))
            .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_ctr_csv_has_one_row_per_patron_past_the_threshold_with_the_days_totals(
    _pool: PgPoolOptions,
    options: PgConnectOptions,
) {
    let world = common::world(options).await;
    let admin = sign_in(&world.app, "admin@demo.casino", "demo-admin").await;
    let cashier = sign_in(&world.app, "cashier@demo.casino", "demo-cashier").await;
    let compliance = sign_in(&world.app, "compliance@demo.casino", "demo-compliance").await;
    let mut enrolled = Vec::new();
    for (first, last) in [("Ines", "Quast"), ("Ugo", "Abara"), ("Tal", "Zimmer")] {
        let input = json!({ "first_name": first, "last_name": last, "birth_date": "1970-03-04" });
        let body = json!({ "request_id": Uuid::new_v4(), "input": input });
        enrolled.push(call(&world.app, post("/api/player/enroll", body, Some(&admin))).await.body["id"].clone());
    }
    let [quast, abara, zimmer] = [&enrolled[0], &enrolled[1], &enrolled[2]];
    // Quast: $6,000 + $4,500 in, $2,000 out. Abara: $10,000.01 out. Zimmer: $10,000 out exactly, $9,000 in.
    cash(&world.app, &cashier, quast, "in", 600_000).await;
    cash(&world.app, &cashier, quast, "in", 450_000).await;
    cash(&world.app, &cashier, quast, "out", 200_000).await;
    cash(&world.app, &cashier, abara, "out", 1_000_001).await;
    cash(&world.app, &cashier, zimmer, "out", 1_000_000).await;
    cash(&world.app, &cashier, zimmer, "in", 900_000).await;
    let day = call(&world.app, post("/api/mtl/compliance", json!({}), Some(&compliance))).await.body["gaming_day"]
        .as_str()
        .expect("today")
        .to_owned();

    let path = format!("/api/mtl/ctr.csv?gaming_day={day}");
    let reply = call(&world.app, get(&path, Some(&compliance))).await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    assert!(reply.headers[header::CONTENT_DISPOSITION].to_str().expect("ascii").contains(&format!("ctr-{day}.csv")));
    let csv = text(&reply);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "Abara and Quast, by last name: {csv}");
    assert_eq!(lines[0], pitboss::mtl::ctr_csv::CSV_HEADER);
    let filer = "\"Demo Casino Operating Company LLC\",\"88-1234567\",\"3700 Las Vegas Blvd S, Las Vegas NV 89109\"";
    assert!(lines[1].starts_with(&format!("{day},")) && lines[1].contains(filer), "{}", lines[1]);
    assert!(lines[1].contains("\"Abara\",\"Ugo\",1970-03-04,"), "{}", lines[1]);
    assert!(lines[1].contains(",0.00,10000.01,0,1,"), "{}", lines[1]);
    assert!(lines[2].contains("\"Quast\",\"Ines\""), "{}", lines[2]);
    assert!(lines[2].contains(",10500.00,2000.00,2,1,\"address_line city region postal_code country occupation id_issuer id_type id_number\",,\"\""), "{}", lines[2]);

    for (email, password) in [("pitboss@demo.casino", "demo-pitboss"), ("cashier@demo.casino", "demo-cashier")] {
        let reply = call(&world.app, get(&path, Some(&sign_in(&world.app, email, password).await))).await;
        assert_eq!((reply.status, reply.body["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{email}");
    }
    let other = sign_in(&world.app, "admin@other.casino", "other-admin").await;
    let theirs = text(&call(&world.app, get(&path, Some(&other))).await);
    assert_eq!(theirs.lines().count(), 1, "another casino's worksheets are its own: {theirs}");
    assert_eq!(call(&world.app, get(&path, None)).await.status, StatusCode::UNAUTHORIZED);
    let later = call(&world.app, get("/api/mtl/ctr.csv?gaming_day=2999-01-01", Some(&compliance))).await;
    assert_eq!(later.body["code"], "VALIDATION_FAILED");
}
