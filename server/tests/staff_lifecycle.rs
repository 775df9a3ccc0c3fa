//! Staff lifecycle with the real binary: a deactivated staff member's open live stream is told within a second
//! and ends, and their next request is refused; a temporary password allows nothing but choosing a new one;
//! the break-glass commands `pitboss staff deactivate`, `reset-password` and `reset-second-factor` work while
//! the server runs, and still keep the casino's last admin.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use uuid::Uuid;

mod process;

use process::{Events, Server, post};

async fn sign_in(addr: SocketAddr, email: &str, password: &str) -> (String, Value) {
    let reply =
        post(addr, "/api/auth/login", &json!({ "email": email, "password": password }), None).await.expect("sign in");
    assert_eq!(reply.status, 200, "{email}: {}", reply.body);
    (reply.cookie().expect("cookie"), reply.body)
}

async fn call(addr: SocketAddr, cookie: &str, path: &str, body: Value) -> process::Reply {
    post(addr, path, &body, Some(cookie)).await.expect("an answer")
}

#[tokio::test]
async fn deactivation_ends_the_stream_at_once_and_break_glass_works_beside_the_server() {
    let server = Server::start("staff-lifecycle").await;
    let addr = server.addr;
    let (admin, _) = sign_in(addr, "admin@demo.casino", "demo-admin").await;
    let roster = call(addr, &admin, "/api/casino/staff", json!({})).await.body;
    let boss = roster.as_array().and_then(|r| r.iter().find(|m| m["email"] == "pitboss2@demo.casino")).expect("Riley")
        ["id"]
        .clone();

    // Riley's open page: a live stream and a session.
    let (riley, _) = sign_in(addr, "pitboss2@demo.casino", "demo-pitboss").await;
    let mut stream = Events::open(addr, &riley).await;
    assert!(stream.wait_for("event: resync", Duration::from_secs(5)).await);
    let deactivated = Instant::now();
    let reply =
        call(addr, &admin, "/api/staff/deactivate", json!({ "request_id": Uuid::new_v4(), "staff_id": boss })).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(stream.wait_for("event: signed_out", Duration::from_secs(1)).await, "told within a second");
    let told = deactivated.elapsed();
    println!("deactivation reached the open stream in {} ms", told.as_millis());
    assert!(stream.wait_for("\r\n0\r\n\r\n", Duration::from_secs(2)).await, "and the stream ended (its last chunk)");
    let next = call(addr, &riley, "/api/table/list", json!({})).await;
    assert_eq!((next.status, next.body["code"].as_str()), (401, Some("UNAUTHENTICATED")));

    // Break glass: the cashier's password reset from the command line while the server runs.
    let (code, output) = server.command_with_input(
        &["staff", "reset-password", "--casino", "Demo Casino", "--email", "cashier@demo.casino", "--password-stdin"],
        "break-glass-passphrase\n",
    );
    assert_eq!(code, 0, "{output}");
    let (cashier, view) = sign_in(addr, "cashier@demo.casino", "break-glass-passphrase").await;
    assert_eq!(view["password_change_required"], true);
    let blocked = call(addr, &cashier, "/api/table/list", json!({})).await;
    assert_eq!((blocked.status, blocked.body["code"].as_str()), (403, Some("PASSWORD_CHANGE_REQUIRED")));
    assert_eq!(call(addr, &cashier, "/api/auth/me", json!({})).await.status, 200, "who they are, they may ask");
    let changed = call(
        addr,
        &cashier,
        "/api/auth/change_password",
        json!({ "current_password": "break-glass-passphrase", "new_password": "counted-at-the-cage-9" }),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(call(addr, &cashier, "/api/table/list", json!({})).await.status, 200, "free to act");

    let (code, output) = server.command_with_input(
        &["staff", "reset-password", "--casino", "Demo Casino", "--email", "cashier@demo.casino", "--password-stdin"],
        "short\n",
    );
    assert!(code != 0 && output.contains("12 characters"), "{code}: {output}");
    let (code, output) =
        server.command(&["staff", "deactivate", "--casino", "Demo Casino", "--email", "admin@demo.casino"]);
    assert!(code != 0 && output.contains("last active admin"), "the casino keeps its admin: {code}: {output}");
    let (code, output) =
        server.command(&["staff", "deactivate", "--casino", "Demo Casino", "--email", "compliance@demo.casino"]);
    assert_eq!(code, 0, "{output}");
    let refused = post(
        addr,
        "/api/auth/login",
        &json!({ "email": "compliance@demo.casino", "password": "demo-compliance" }),
        None,
    )
    .await
    .expect("an answer");
    assert_eq!(refused.status, 401);

    // The last admin lost their phone and their recovery codes: the command line removes their second factor.
    let setup = call(addr, &admin, "/api/auth/second_factor/begin", json!({})).await;
    assert_eq!(setup.status, 200, "{}", setup.body);
    let secret = setup.body["secret_base32"].as_str().expect("secret");
    let code = pitboss::auth::code_for(secret, chrono::Utc::now().timestamp()).expect("code");
    let confirmed = call(addr, &admin, "/api/auth/second_factor/confirm", json!({ "code": code })).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let (_, view) = sign_in(addr, "admin@demo.casino", "demo-admin").await;
    assert_eq!(view["second_factor_required"], true);
    let (code, output) =
        server.command(&["staff", "reset-second-factor", "--casino", "Demo Casino", "--email", "admin@demo.casino"]);
    assert_eq!(code, 0, "{output}");
    assert_eq!(call(addr, &admin, "/api/table/list", json!({})).await.status, 401, "their sessions ended");
    let (_, view) = sign_in(addr, "admin@demo.casino", "demo-admin").await;
    assert_eq!(view["second_factor_required"], false, "the password alone again");
    let (code, output) =
        server.command(&["staff", "reset-second-factor", "--casino", "Demo Casino", "--email", "admin@demo.casino"]);
    assert!(code != 0 && output.contains("no second factor"), "{code}: {output}");
}
