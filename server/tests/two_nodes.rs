//! Two `pitboss serve` processes on one database behave as one system: a session signed in on one node is
//! valid on the other, a change made through node A reaches a live stream held on node B (the delay is
//! printed), and the background work runs once across both (each audit row is linked into the chain exactly
//! once, by whichever node's linker got there first).
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use uuid::Uuid;

mod process;

use process::{Events, Server, post};

/// Pauses and resumes timed from node A to node B's stream.
const CHANGES: usize = 20;

async fn sign_in(addr: SocketAddr) -> String {
    let body = json!({ "email": "pitboss@demo.casino", "password": "demo-pitboss" });
    let reply = post(addr, "/api/auth/login", &body, None).await.expect("sign in");
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.cookie().expect("cookie")
}

async fn send(addr: SocketAddr, cookie: &str, path: &str, mut body: Value) -> Value {
    body["request_id"] = json!(Uuid::new_v4());
    let reply = post(addr, path, &body, Some(cookie)).await.expect(path);
    assert_eq!(reply.status, 200, "{path} {body}: {}", reply.body);
    reply.body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_share_sessions_live_events_and_background_work() {
    let a = Server::start("two-nodes").await;
    let b = a.another_node().await;

    // Signed in on A, known on B; signed out on B, unknown on A.
    let cookie = sign_in(a.addr).await;
    let me = post(b.addr, "/api/auth/me", &json!({}), Some(&cookie)).await.expect("me on B");
    assert_eq!((me.status, me.body["staff"]["email"].as_str()), (200, Some("pitboss@demo.casino")), "{}", me.body);

    // A live stream on B hears what is done through A.
    let mut events = Events::open(b.addr, &cookie).await;
    assert!(events.wait_for("event: resync", Duration::from_secs(5)).await, "the stream opens with a resync");
    let tables = post(a.addr, "/api/table/list", &json!({}), Some(&cookie)).await.expect("tables").body;
    let table = tables.as_array().and_then(|all| all.iter().find(|t| t["label"] == "BJ-02")).expect("a demo table");
    let player = json!({ "new": { "first_name": "Two", "last_name": "Nodes", "birth_date": null } });
    let start = json!({ "table_id": table["id"], "seat": 6, "player": player, "average_bet_cents": 2_500 });
    let slip = send(a.addr, &cookie, "/api/floor/seat_and_start", start).await;
    let mut delays = Vec::with_capacity(CHANGES);
    for n in 0..CHANGES {
        let (path, kind) = if n % 2 == 0 {
            ("/api/slip/pause", "rating_slip.paused")
        } else {
            ("/api/slip/resume", "rating_slip.resumed")
        };
        let sent = Instant::now();
        send(a.addr, &cookie, path, json!({ "slip_id": slip["id"] })).await;
        assert!(events.wait_for(kind, Duration::from_secs(5)).await, "{kind} reached node B");
        delays.push(sent.elapsed());
    }
    delays.sort();
    println!(
        "node A's answer sent → node B's stream: p50 {} ms, p95 {} ms, max {} ms ({CHANGES} changes, debug build)",
        delays[CHANGES / 2].as_millis(),
        delays[CHANGES * 95 / 100].as_millis(),
        delays[CHANGES - 1].as_millis()
    );

    // Both linkers ran on the same chain: every audit row linked once, and the chain verifies.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (code, text) = a.command(&["audit", "verify"]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("pending"), "both linkers left rows unlinked: {text}");
    let signed_out = post(b.addr, "/api/auth/logout", &json!({}), Some(&cookie)).await.expect("sign out on B");
    assert_eq!(signed_out.status, 200, "{}", signed_out.body);
    let me = post(a.addr, "/api/auth/me", &json!({}), Some(&cookie)).await.expect("me on A");
    assert_eq!(me.status, 401, "{}", me.body);
    drop(b);
}
