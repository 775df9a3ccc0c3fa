//! The authorization matrix over HTTP: every signed-in role and a signed-out browser call every server
//! function with a valid request built fresh for the case. A role the role matrix (`docs/architecture.md#roles`) allows must succeed (200);
//! any other must be refused (401 signed out, 403 `FORBIDDEN` signed in) without writing anything.
//!
//! The matrix is checked both ways: it names exactly the functions the server registers, and it agrees with
//! the "who" column of `docs/api.md`. Dealers cannot sign in at all (`tests/auth.rs`).
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tower::ServiceExt;
use uuid::Uuid;

mod common;
mod fixtures;

use common::{World, call, login, post, session_cookie};
use fixtures::{Fixtures, ROLES, credentials, written_rows};

const FLOOR: &[&str] = &["pit_boss", "admin"];
const FINANCE_WRITE: &[&str] = &["cashier", "pit_boss", "admin"];
const FINANCE_READ: &[&str] = &["cashier", "pit_boss", "compliance", "admin"];
const MTL_READ: &[&str] = &["compliance", "pit_boss", "admin"];
const MTL_NOTES: &[&str] = &["compliance", "admin"];
const EXCLUSIONS: &[&str] = &["compliance", "admin"];
const ADMIN: &[&str] = &["admin"];
const CAGE: &[&str] = &["cashier", "admin"];
const AUDIT: &[&str] = &["compliance", "admin"];
const IDENTIFICATION: &[&str] = &["cashier", "compliance", "admin"];
const COMPLIANCE_ONLY: &[&str] = &["compliance"];

/// Who may call a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Signed in or not.
    Anyone,
    /// Every role that signs in.
    SignedIn,
    /// Only these roles.
    Roles(&'static [&'static str]),
}

impl Who {
    fn allows(self, role: Option<&str>) -> bool {
        match (self, role) {
            (Who::Anyone, _) => true,
            (_, None) => false,
            (Who::SignedIn, Some(_)) => true,
            (Who::Roles(roles), Some(role)) => roles.contains(&role),
        }
    }

    /// The roles allowed, for comparing with the documentation's wording.
    fn role_set(self) -> BTreeSet<&'static str> {
        match self {
            Who::Anyone | Who::SignedIn => ROLES.iter().map(|(role, _, _)| *role).collect(),
            Who::Roles(roles) => roles.iter().copied().collect(),
        }
    }
}

/// `docs/architecture.md#roles` per server function.
const MATRIX: &[(&str, Who)] = &[
    ("/api/auth/login", Who::Anyone),
    ("/api/auth/logout", Who::Anyone),
    ("/api/auth/logout_everywhere", Who::SignedIn),
    ("/api/auth/me", Who::SignedIn),
    ("/api/casino/settings", Who::SignedIn),
    ("/api/casino/update_settings", Who::Roles(ADMIN)),
    ("/api/casino/staff", Who::Roles(FLOOR)),
    ("/api/table/list", Who::SignedIn),
    ("/api/table/detail", Who::SignedIn),
    ("/api/table/open", Who::Roles(FLOOR)),
    ("/api/table/close", Who::Roles(FLOOR)),
    ("/api/table/assign_dealer", Who::Roles(FLOOR)),
    ("/api/game/settings", Who::SignedIn),
    ("/api/game/update_settings", Who::Roles(ADMIN)),
    ("/api/game/add", Who::Roles(ADMIN)),
    ("/api/game/retire", Who::Roles(ADMIN)),
    ("/api/player/search", Who::SignedIn),
    ("/api/player/enroll", Who::Roles(FLOOR)),
    ("/api/player/get", Who::SignedIn),
    ("/api/player/exclude", Who::Roles(EXCLUSIONS)),
    ("/api/player/lift_exclusion", Who::Roles(EXCLUSIONS)),
    ("/api/player/exclusions", Who::SignedIn),
    ("/api/player/history", Who::SignedIn),
    ("/api/player/identification", Who::Roles(IDENTIFICATION)),
    ("/api/player/update_identification", Who::Roles(IDENTIFICATION)),
    ("/api/player/reveal_identification", Who::Roles(COMPLIANCE_ONLY)),
    ("/api/floor/seats", Who::SignedIn),
    ("/api/floor/seat_and_start", Who::Roles(FLOOR)),
    ("/api/floor/move", Who::Roles(FLOOR)),
    ("/api/visit/check_in", Who::Roles(FLOOR)),
    ("/api/visit/seat", Who::Roles(FLOOR)),
    ("/api/visit/active", Who::SignedIn),
    ("/api/visit/check_out", Who::Roles(FLOOR)),
    ("/api/visit/unseat", Who::Roles(FLOOR)),
    ("/api/slip/start", Who::Roles(FLOOR)),
    ("/api/slip/pause", Who::Roles(FLOOR)),
    ("/api/slip/resume", Who::Roles(FLOOR)),
    ("/api/slip/update_average_bet", Who::Roles(FLOOR)),
    ("/api/slip/close", Who::Roles(FLOOR)),
    ("/api/loyalty/issue_reward", Who::Roles(FLOOR)),
    ("/api/loyalty/slip_rewards", Who::SignedIn),
    ("/api/loyalty/player_ledger", Who::SignedIn),
    ("/api/loyalty/redeem", Who::Roles(FINANCE_WRITE)),
    ("/api/loyalty/adjust", Who::Roles(FLOOR)),
    ("/api/loyalty/approve", Who::Roles(FLOOR)),
    ("/api/loyalty/deny", Who::Roles(FLOOR)),
    ("/api/loyalty/approval_queue", Who::Roles(FINANCE_WRITE)),
    ("/api/loyalty/comp_slip", Who::SignedIn),
    ("/api/loyalty/comp_items", Who::SignedIn),
    ("/api/loyalty/save_comp_item", Who::Roles(ADMIN)),
    ("/api/loyalty/settings", Who::SignedIn),
    ("/api/loyalty/update_settings", Who::Roles(ADMIN)),
    ("/api/finance/record", Who::Roles(FINANCE_WRITE)),
    ("/api/finance/reverse", Who::Roles(FINANCE_WRITE)),
    ("/api/finance/player", Who::Roles(FINANCE_READ)),
    ("/api/mtl/compliance", Who::Roles(MTL_READ)),
    ("/api/mtl/player_proximity", Who::Roles(MTL_READ)),
    ("/api/mtl/entries", Who::Roles(MTL_READ)),
    ("/api/mtl/cash_today", Who::Roles(FINANCE_READ)),
    ("/api/mtl/add_note", Who::Roles(MTL_NOTES)),
    ("/api/mtl/acknowledge_alert", Who::Roles(MTL_NOTES)),
    ("/api/mtl/ctr_day", Who::Roles(MTL_NOTES)),
    ("/api/mtl/ctr_worksheet", Who::Roles(MTL_NOTES)),
    ("/api/mtl/unfiled_ctrs", Who::Roles(MTL_NOTES)),
    ("/api/mtl/file_ctr", Who::Roles(MTL_NOTES)),
    ("/api/mtl/structuring", Who::Roles(MTL_NOTES)),
    ("/api/casino/compliance_settings", Who::SignedIn),
    ("/api/casino/update_compliance_settings", Who::Roles(ADMIN)),
    ("/api/casino/chip_set", Who::SignedIn),
    ("/api/casino/update_chip_set", Who::Roles(ADMIN)),
    ("/api/table/count", Who::Roles(FLOOR)),
    ("/api/table/fill_request", Who::Roles(FLOOR)),
    ("/api/table/credit_request", Who::Roles(FLOOR)),
    ("/api/cage/confirm", Who::Roles(CAGE)),
    ("/api/cage/cancel", Who::Roles(FINANCE_WRITE)),
    ("/api/cage/pending", Who::Roles(FINANCE_READ)),
    ("/api/table/inventory", Who::Roles(FINANCE_READ)),
    ("/api/table/drop", Who::Roles(CAGE)),
    ("/api/table/drop_reverse", Who::Roles(CAGE)),
    ("/api/table/drops", Who::Roles(FINANCE_READ)),
    ("/api/report/day", Who::Roles(FINANCE_READ)),
    ("/api/shift/view", Who::Roles(FLOOR)),
    ("/api/feature/flags", Who::SignedIn),
    ("/api/feature/set_flag", Who::Roles(ADMIN)),
    ("/api/auth/change_password", Who::SignedIn),
    ("/api/staff/add", Who::Roles(ADMIN)),
    ("/api/staff/update", Who::Roles(ADMIN)),
    ("/api/staff/deactivate", Who::Roles(ADMIN)),
    ("/api/staff/reactivate", Who::Roles(ADMIN)),
    ("/api/staff/lift_lock", Who::Roles(ADMIN)),
    ("/api/audit/log", Who::Roles(AUDIT)),
    ("/api/player/import_preview", Who::Roles(ADMIN)),
    ("/api/player/import", Who::Roles(ADMIN)),
    ("/api/audit/chain", Who::Roles(AUDIT)),
    ("/api/staff/reset_password", Who::Roles(ADMIN)),
    ("/api/staff/reset_second_factor", Who::Roles(ADMIN)),
    ("/api/auth/second_factor/begin", Who::Roles(AUDIT)),
    ("/api/auth/second_factor/confirm", Who::Roles(AUDIT)),
    // The code step of a sign-in, sent with the pending session a correct password opened (any account
    // with a second factor); the fixture makes one for every case.
    ("/api/auth/verify_code", Who::Anyone),
    ("/api/table/add", Who::Roles(ADMIN)),
    ("/api/table/update", Who::Roles(ADMIN)),
    ("/api/table/retire", Who::Roles(ADMIN)),
];

async fn sign_in(world: &World, email: &str, password: &str) -> String {
    let reply = login(&world.app, email, password).await;
    assert_eq!(reply.status, StatusCode::OK, "{email}: {:?}", reply.body);
    session_cookie(&reply)
}

#[test]
fn the_matrix_names_every_registered_server_function_once() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(_, method)| *method == http::Method::POST)
        .map(|(path, _)| path.to_owned())
        .collect();
    let listed: BTreeSet<String> = MATRIX.iter().map(|(path, _)| (*path).to_owned()).collect();
    assert_eq!(listed.len(), MATRIX.len(), "a function is listed twice");
    assert_eq!(registered, listed);
}

#[test]
fn the_api_reference_documents_the_same_matrix() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api.md")).expect("docs/api.md");
    let mut documented = BTreeMap::new();
    let mut previous = BTreeSet::new();
    for line in docs.lines().filter(|line| line.starts_with("| `POST /api/")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let path = cells[1].trim_matches('`').trim_start_matches("POST ").to_owned();
        let who = cells[4];
        let roles: BTreeSet<&str> = if who.contains("anyone") || who.contains("signed in") {
            Who::SignedIn.role_set()
        } else if who == "as above" {
            previous.clone()
        } else {
            ROLES.iter().map(|(role, _, _)| *role).filter(|role| who.contains(&role.replace('_', " "))).collect()
        };
        previous = roles.clone();
        documented.insert(path, roles);
    }
    for (path, who) in MATRIX {
        assert_eq!(documented.get(*path), Some(&who.role_set()), "docs/api.md's \"who\" for {path}");
    }
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn every_role_reaches_exactly_the_functions_its_role_allows(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let mut fixtures = Fixtures::new(&world, sign_in(&world, "admin@demo.casino", "demo-admin").await).await;
    let mut sessions = BTreeMap::new();
    for (role, email, password) in ROLES {
        sessions.insert(role, sign_in(&world, email, password).await);
    }

    let mut failures = Vec::new();
    let (mut allowed, mut refused) = (0, 0);
    for &(path, who) in MATRIX {
        for role in std::iter::once(None).chain(ROLES.iter().map(|(role, _, _)| Some(*role))) {
            let body = fixtures.body(path, role).await;
            let cookie = match (path, role) {
                // Signing out ends the session it is sent with: use a spare one.
                ("/api/auth/logout" | "/api/auth/logout_everywhere", Some(role)) => {
                    let (email, password) = credentials(Some(role));
                    Some(sign_in(&world, email, password).await)
                }
                // A password is changed by a fresh staff member of the role, so the demo ones keep theirs.
                ("/api/auth/change_password" | "/api/auth/second_factor/confirm", Some(_)) => {
                    fixtures.take_fresh_session()
                }
                ("/api/auth/verify_code", _) => fixtures.take_fresh_session(),
                (_, Some(role)) => sessions.get(role).cloned(),
                (_, None) => None,
            };
            let before = written_rows(&superuser).await;
            let reply = call(&world.app, post(path, body, cookie.as_deref())).await;
            let case = format!("{} → {path}", role.unwrap_or("signed out"));
            if who.allows(role) {
                allowed += 1;
                if reply.status != StatusCode::OK {
                    failures.push(format!("{case}: expected 200, got {} {}", reply.status, reply.body));
                }
                if path == "/api/auth/login"
                    && let Some(role) = role
                {
                    // Signing in rotates the session the browser presented.
                    sessions.insert(role, session_cookie(&reply));
                }
                if path == "/api/auth/logout_everywhere"
                    && let Some(role) = role
                {
                    // Every session of the role's staff member ended, the fixtures' admin one too.
                    let (email, password) = credentials(Some(role));
                    sessions.insert(role, sign_in(&world, email, password).await);
                    if role == "admin" {
                        fixtures.sign_in_again(sign_in(&world, email, password).await);
                    }
                }
            } else {
                refused += 1;
                let expected = if role.is_some() {
                    (StatusCode::FORBIDDEN, "FORBIDDEN")
                } else {
                    (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED")
                };
                if (reply.status, reply.body["code"].as_str().unwrap_or_default()) != expected {
                    failures.push(format!("{case}: expected {expected:?}, got {} {}", reply.status, reply.body));
                }
                if written_rows(&superuser).await != before {
                    failures.push(format!("{case}: refused, yet it wrote rows"));
                }
            }
        }
    }
    println!("authorization matrix: {allowed} allowed and {refused} refused role × function cases");
    assert!(failures.is_empty(), "{} of {} cases wrong:\n{}", failures.len(), allowed + refused, failures.join("\n"));
    assert_eq!(allowed + refused, MATRIX.len() * (ROLES.len() + 1));
    superuser.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_live_stream_is_for_signed_in_staff_only(_admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options).await;
    let open = |cookie: Option<String>| {
        let mut request = Request::get("/api/events");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        world.app.clone().oneshot(request.body(Body::empty()).expect("request"))
    };
    assert_eq!(open(None).await.expect("response").status(), StatusCode::UNAUTHORIZED);
    for (role, email, password) in ROLES {
        let response = open(Some(sign_in(&world, email, password).await)).await.expect("response");
        assert_eq!(response.status(), StatusCode::OK, "{role}");
    }
}

/// A cashier records at the cage and a pit boss at the pit; the other way round is refused, and nothing
/// is written.
#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn finance_sources_follow_the_role(admin: PgPoolOptions, options: PgConnectOptions) {
    let world = common::world(options.clone()).await;
    let superuser = admin.connect_with(options).await.expect("superuser");
    let fixtures = Fixtures::new(&world, sign_in(&world, "admin@demo.casino", "demo-admin").await).await;
    for (role, email, password, source) in [
        ("cashier", "cashier@demo.casino", "demo-cashier", "pit"),
        ("pit_boss", "pitboss@demo.casino", "demo-pitboss", "cage"),
    ] {
        let cookie = sign_in(&world, email, password).await;
        let before = written_rows(&superuser).await;
        let body = json!({ "request_id": Uuid::new_v4(), "entry": fixtures.entry(source) });
        let reply = call(&world.app, post("/api/finance/record", body, Some(&cookie))).await;
        assert_eq!(reply.body["code"], "FINANCE_SOURCE_NOT_ALLOWED", "{role} at the {source}");
        assert_eq!(written_rows(&superuser).await, before);
    }
    superuser.close().await;
}
