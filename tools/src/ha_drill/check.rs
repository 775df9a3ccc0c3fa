//! What the drill checks on the new primary once the failover is over.

use std::collections::BTreeMap;

use sqlx::PgPool;
use uuid::Uuid;

use super::Sent;
use crate::simulation::{FloorPlan, repo};
use pitboss::db::{self, Scope};

/// The audit action each successful call of a function writes exactly once.
const WRITES: [(&str, &str); 8] = [
    ("floor/seat_and_start", "rating_slip.started"),
    ("slip/pause", "rating_slip.paused"),
    ("slip/resume", "rating_slip.resumed"),
    ("slip/update_average_bet", "rating_slip.average_bet_updated"),
    ("slip/close", "rating_slip.closed"),
    ("loyalty/issue_reward", "loyalty_ledger.reward_issued"),
    ("finance/record", "player_financial_transaction.created"),
    ("visit/check_out", "visit.checked_out"),
];

/// Every check; returns what failed (empty: all passed) and prints what passed.
pub(super) async fn everything(
    owner: &PgPool,
    runtime: &PgPool,
    plan: &FloorPlan,
    sent: &[Sent],
) -> anyhow::Result<Vec<String>> {
    let mut problems = Vec::new();
    let casino = plan.casino_id;

    // Every acknowledged write is on the new primary, with the answer the tablet got.
    let acknowledged: Vec<&Sent> = sent.iter().filter(|s| s.status.is_success()).collect();
    let mut lost = 0;
    for s in &acknowledged {
        let key: Uuid = serde_json::from_value(s.key.clone())?;
        let stored: Option<Option<serde_json::Value>> =
            sqlx::query_scalar("select response from idempotent_request where casino_id = $1 and key = $2")
                .bind(casino.0)
                .bind(key)
                .fetch_optional(owner)
                .await?;
        if stored.flatten().as_ref() != Some(&s.answer) {
            lost += 1;
            problems.push(format!("{} {key}: acknowledged, but not stored with its answer", s.function));
        }
    }
    println!("acknowledged writes lost: {lost} of {}", acknowledged.len());
    let given_up = sent.iter().filter(|s| s.answer["code"] == "TRANSPORT").count();
    if given_up > 0 {
        problems.push(format!("{given_up} requests never got an answer"));
    }
    let reused = sent.iter().filter(|s| s.answer["code"] == "IDEMPOTENCY_KEY_REUSED").count();
    if reused > 0 {
        problems.push(format!("{reused} resends were refused as reusing their key"));
    }

    // Exactly once: each function's audit rows equal its acknowledged requests, resends included.
    let scope = Scope { actor: plan.admin, request_id: Uuid::new_v4() };
    let (audit, balances, unaudited, rewards) = db::scoped(runtime, &scope, async |conn| {
        Ok::<_, sqlx::Error>((
            repo::audit_counts(conn, casino).await?,
            repo::balances(conn, casino).await?,
            repo::unaudited(conn, casino).await?,
            repo::reward_rows(conn, casino).await?,
        ))
    })
    .await?;
    let audit: BTreeMap<String, i64> = audit.into_iter().collect();
    let mut applied = Vec::new();
    for (function, action) in WRITES {
        let acked = acknowledged.iter().filter(|s| s.function == function).count() as i64;
        let rows = audit.get(action).copied().unwrap_or(0);
        applied.push(format!("{function} {acked}"));
        if rows != acked {
            problems.push(format!("{function}: {acked} acknowledged, {rows} `{action}` audit rows"));
        }
    }
    println!("applied exactly once (audit rows per action = acknowledged requests): {}", applied.join(", "));

    // The simulator's consistency checks that hold mid-shift: balances equal ledgers, every ledger row and
    // finance entry audited, no reward key used twice, and the audit chain verifies.
    for (player, balance, ledger) in balances.iter().filter(|(_, balance, ledger)| balance != ledger) {
        problems.push(format!("player {player}: balance {balance}, ledger sum {ledger}"));
    }
    // Slips and visits still open at the end of the drill lack their closing rows by design.
    let finished_kinds = ["loyalty ledger rows", "finance entries"];
    for (kind, rows) in unaudited.iter().filter(|(kind, rows)| *rows != 0 && finished_kinds.contains(&kind.as_str())) {
        problems.push(format!("{rows} {kind} without their audit rows"));
    }
    if rewards.1 != 0 {
        problems.push(format!("{} reward keys used twice", rewards.1));
    }
    // Rows the server had not linked yet when the drill stopped it join the chain first, as its next start would.
    let breaks = db::as_operator(owner, async |conn| {
        pitboss::audit::link_all(conn).await?;
        pitboss::audit::verify_chain(conn).await
    })
    .await?;
    for broken in breaks.iter().filter(|b| b.casino_id == casino) {
        problems.push(format!("audit chain link {:?}: {}", broken.seq, broken.problem));
    }
    println!(
        "consistency: {} balances equal their ledgers, ledger and finance rows audited, audit chain of the casino verified",
        balances.len()
    );
    Ok(problems)
}
