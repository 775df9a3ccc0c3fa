//! `/metrics` after a few real operations: latency per server function and outcome, refusals by code,
//! committed domain events, floor gauges and stream state; and the shipped Grafana dashboard and alert rules
//! parse and only query metrics the server exposes.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use std::collections::BTreeSet;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

mod common;

use common::{call, login, post, session_cookie, world};

async fn scrape(app: &axum::Router) -> String {
    let reply = call(app, Request::get("/metrics").body(Body::empty()).expect("request")).await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.body.as_str().expect("text").to_owned()
}

/// The value of the sample `line_start` (metric name with its labels), if exposed.
fn sample(text: &str, line_start: &str) -> Option<f64> {
    text.lines().find(|l| l.starts_with(line_start)).and_then(|l| l.rsplit(' ').next()).and_then(|v| v.parse().ok())
}

/// Every `pitboss_*` metric family named in a `PromQL` expression (histogram suffixes removed).
fn families(expr: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (start, _) in expr.match_indices("pitboss_") {
        let name: String = expr[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let family =
            ["_bucket", "_count", "_sum"].iter().fold(name.clone(), |n, s| n.strip_suffix(s).unwrap_or(&n).to_owned());
        names.insert(family);
    }
    names
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn metrics_follow_real_operations_and_the_ops_files_query_only_real_metrics(
    pool_options: PgPoolOptions,
    options: PgConnectOptions,
) {
    let superuser = pool_options.connect_with(options.clone()).await.expect("superuser pool");
    let world = world(options).await;
    let app = &world.app;
    let refused = login(app, "pitboss@demo.casino", "wrong password").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let cookie = session_cookie(&login(app, "pitboss@demo.casino", "demo-pitboss").await);
    let tables = call(app, post("/api/table/list", json!({}), Some(&cookie))).await;
    let closed =
        tables.body.as_array().expect("tables").iter().find(|t| t["status"] == "closed").expect("a closed table");
    common::count_for_opening(app, &cookie, closed["id"].clone()).await;
    let request = json!({ "request_id": uuid::Uuid::new_v4(), "table_id": closed["id"] });
    assert_eq!(call(app, post("/api/table/open", request, Some(&cookie))).await.status, StatusCode::OK);
    let seats = call(app, post("/api/floor/seats", json!({ "table_id": null }), Some(&cookie))).await;
    let slip = seats
        .body
        .as_array()
        .expect("tables")
        .iter()
        .flat_map(|t| t["seats"].as_array().expect("seats").iter())
        .find_map(|s| s["occupant"]["slip"]["id"].as_str())
        .expect("the demo has a rated player")
        .to_owned();
    let close = json!({ "request_id": uuid::Uuid::new_v4(), "slip_id": slip, "average_bet_cents": null });
    assert_eq!(call(app, post("/api/slip/close", close, Some(&cookie))).await.status, StatusCode::OK);

    // The opening reaches the counters through the event listener, after commit.
    let mut text = scrape(app).await;
    for _ in 0..50 {
        if sample(&text, "pitboss_slips_closed_total") == Some(1.0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        text = scrape(app).await;
    }
    assert_eq!(sample(&text, "pitboss_events_total{kind=\"gaming_table.opened\"}"), Some(1.0), "{text}");
    // Counted since this server started (the seed ran before): one slip closed, none opened.
    assert_eq!(sample(&text, "pitboss_events_total{kind=\"rating_slip.closed\"}"), Some(1.0));
    assert_eq!(sample(&text, "pitboss_slips_closed_total"), Some(1.0));
    assert_eq!(sample(&text, "pitboss_slips_opened_total"), Some(0.0));
    assert_eq!(sample(&text, "pitboss_rewards_issued_total"), Some(0.0));
    assert_eq!(sample(&text, "pitboss_errors_total{code=\"AUTH_INVALID_CREDENTIALS\"}"), Some(1.0));
    assert_eq!(sample(&text, "pitboss_errors_total{code=\"TABLE_INVALID_STATE\"}"), Some(0.0));
    assert!(
        sample(&text, "pitboss_request_duration_seconds_count{endpoint=\"/api/auth/login\",outcome=\"4xx\"}")
            == Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "pitboss_request_duration_seconds_count{endpoint=\"/api/table/open\",outcome=\"ok\"}"),
        Some(1.0)
    );
    assert_eq!(sample(&text, "pitboss_event_listener_up"), Some(1.0));
    assert_eq!(sample(&text, "pitboss_stream_subscribers"), Some(0.0));
    let demo = pitboss::seed::DEMO_CASINO_ID.0;
    let active = sample(&text, &format!("pitboss_active_tables{{casino=\"{demo}\"}}")).expect("active tables");
    let open_slips = sample(&text, &format!("pitboss_open_slips{{casino=\"{demo}\"}}")).expect("open slips");
    let (active_db, open_db): (i64, i64) = sqlx::query_as(
        "select (select count(*) from gaming_table where casino_id = $1 and status = 'active'),
                (select count(*) from rating_slip where casino_id = $1 and status <> 'closed')",
    )
    .bind(demo)
    .fetch_one(&superuser)
    .await
    .expect("counts");
    assert_eq!((active, open_slips), (active_db as f64, open_db as f64));
    assert!(active >= 1.0 && open_slips >= 1.0, "active {active}, open {open_slips}");

    // The ops files parse, and every metric they query is exposed.
    let exposed: BTreeSet<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.split(' ').next())
        .map(str::to_owned)
        .collect();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/ops");
    let dashboard: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/grafana-dashboard.json")).expect("dashboard"))
            .expect("JSON");
    let rules: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/alerts.rules.yml")).expect("rules"))
            .expect("the rule file is YAML written as JSON");
    let mut exprs: Vec<String> = Vec::new();
    for panel in dashboard["panels"].as_array().expect("panels") {
        for target in panel["targets"].as_array().expect("targets") {
            exprs.push(target["expr"].as_str().expect("expr").to_owned());
        }
    }
    let alerts = rules["groups"][0]["rules"].as_array().expect("rules");
    for rule in alerts {
        assert!(
            rule["alert"].is_string() && rule["for"].is_string() && rule["annotations"]["summary"].is_string(),
            "{rule}"
        );
        exprs.push(rule["expr"].as_str().expect("expr").to_owned());
    }
    let names: Vec<&str> = alerts.iter().filter_map(|r| r["alert"].as_str()).collect();
    assert_eq!(
        names,
        [
            "PitbossErrorBudgetBurn",
            "PitbossRewardOrFinanceFailures",
            "PitbossSlipsOpenOver8h",
            "PitbossEventStreamDown",
            "PitbossAuditChainLagging"
        ]
    );
    let titles: Vec<&str> =
        dashboard["panels"].as_array().expect("panels").iter().filter_map(|p| p["title"].as_str()).collect();
    for wanted in ["Active tables", "Open slips", "Rewards per hour", "Error rate", "p95 latency"] {
        assert!(titles.iter().any(|t| t.starts_with(wanted)), "dashboard lacks {wanted}: {titles:?}");
    }
    for expr in &exprs {
        for family in families(expr) {
            assert!(exposed.contains(&family), "{family} (in `{expr}`) is not exposed at /metrics");
        }
    }
}
