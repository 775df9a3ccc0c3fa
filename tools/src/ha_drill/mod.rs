//! `pitboss-tools ha-drill`: the failover drill.
//!
//! Tablets rate play over HTTP on a pitboss server whose database is replicated; the primary is killed
//! mid-burst; the drill measures how long writes stop and proves that nothing acknowledged was lost and nothing
//! resent was applied twice.
//!
//! Each tablet behaves as the browser does through a drop: a mutation whose outcome is unknown (a transport
//! failure, a 5xx while the database fails over) is resent with the same request id until it gets an answer.
//! `scripts/ha-drill.sh` builds the cluster, starts the server and runs this; the runbook is
//! `docs/runbooks/high-availability.md`.

mod check;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use http::StatusCode;
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::bench::client::Client;
use crate::bench::workload::{Mix, Seat, Tablet};
use crate::bench::{floor, share};
use database::{Database, DatabaseConfig};

/// How long a tablet waits before resending a request whose outcome it does not know.
const RESEND_AFTER: Duration = Duration::from_millis(200);
/// Resends before a tablet gives a request up (two minutes of them); a given-up request fails the drill.
const MAX_RESENDS: u32 = 600;

/// The command line of `pitboss-tools ha-drill`.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// The pitboss server under test, already serving on the replicated database `DATABASE_URL` lists.
    #[arg(long, default_value = "127.0.0.1:3400")]
    pub server: SocketAddr,
    /// Tablets working at once.
    #[arg(long, default_value_t = 20)]
    pub tablets: usize,
    /// Seconds of load before the kill.
    #[arg(long, default_value_t = 10)]
    pub kill_after: u64,
    /// Seconds of load after writes succeed again.
    #[arg(long, default_value_t = 10)]
    pub after_recovery: u64,
    /// Seconds after the kill by which writes must succeed again, or the drill fails.
    #[arg(long, default_value_t = 120)]
    pub give_up_after: u64,
    /// The shell command that kills the primary (run with `sh -c`).
    #[arg(long)]
    pub kill_command: String,
}

/// One mutation as a tablet saw it: sent, perhaps resent, and answered.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    pub function: &'static str,
    pub key: Value,
    /// From the first send to the answer: how long the tap waited.
    pub waited: Duration,
    pub resends: u32,
    pub status: StatusCode,
    pub answer: Value,
}

/// When the primary was killed, and when a write first succeeded that was first sent after it.
#[derive(Debug, Default)]
struct Timeline {
    killed: Option<Instant>,
    recovered: Option<Instant>,
}

/// Runs the drill and prints its figures; fails if an acknowledged write was lost or any check fails.
pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let config = DatabaseConfig::from_lookup(env)?;
    let DatabaseConfig::External { runtime: hosts, .. } = &config else {
        bail!("DATABASE_URL must name the replicated database the server uses");
    };
    let host_list: Vec<String> = hosts.all().iter().map(|h| format!("{}:{}", h.get_host(), h.get_port())).collect();
    let db = Database::open(&config, &database::data_dir(env)).await?;
    let runtime = db.runtime_pool(2);
    let seats_per_tablet = 3;
    let tables = u16::try_from((settings.tablets * seats_per_tablet).div_ceil(7)).context("--tablets")?;
    let players = u32::from(tables) * 7 + 40;
    let floor = floor::prepare(&db.owner, &runtime, tables, players, settings.tablets).await?;
    runtime.close().await;
    db.close(false).await?;

    let mut seats = Vec::new();
    for (table, count) in &floor.plan.tables {
        for number in 1..=(*count).min(7) as i64 {
            seats.push(Seat::new(json!(table), number));
        }
    }
    let players: Vec<Value> = floor.plan.players.iter().map(|p| json!(p)).collect();
    let mut tablets = Vec::new();
    for (index, (_, email)) in floor.logins.iter().enumerate() {
        let mut client = Client::connect(settings.server).await?;
        client.sign_in(email, floor::PASSWORD).await?;
        let (my_seats, my_players) = (share(&seats, index, settings.tablets), share(&players, index, settings.tablets));
        tablets.push(Tablet::new(client, my_seats, my_players, 1_000 + index as u64));
    }
    println!(
        "ha-drill: {} tablets on {} tables of \"{}\", server {}, database hosts {host_list:?}",
        settings.tablets, tables, floor.plan.casino_name, settings.server
    );

    let timeline = Arc::new(Mutex::new(Timeline::default()));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let workers: Vec<_> =
        tablets.into_iter().map(|tablet| tokio::spawn(work(tablet, stopped.clone(), timeline.clone()))).collect();

    tokio::time::sleep(Duration::from_secs(settings.kill_after)).await;
    let killed = Instant::now();
    timeline.lock().unwrap_or_else(std::sync::PoisonError::into_inner).killed = Some(killed);
    let kill = tokio::process::Command::new("sh").arg("-c").arg(&settings.kill_command).status().await?;
    if !kill.success() {
        bail!("--kill-command failed: {kill}");
    }
    println!("primary killed after {} s of load", settings.kill_after);
    let recovered = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if let Some(at) = timeline.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recovered {
            break Some(at);
        }
        if killed.elapsed() > Duration::from_secs(settings.give_up_after) {
            break None;
        }
    };
    if recovered.is_some() {
        tokio::time::sleep(Duration::from_secs(settings.after_recovery)).await;
    }
    stop.send(true)?;
    let mut sent = Vec::new();
    for worker in workers {
        sent.extend(worker.await?);
    }
    let Some(recovered) = recovered else {
        bail!("no write succeeded within {} s of the kill", settings.give_up_after);
    };

    report(&sent, killed, recovered);
    // A fresh connection finds the new primary: that is where every acknowledged write must be.
    let db = Database::open(&config, &database::data_dir(env)).await?;
    let runtime = db.runtime_pool(2);
    let outcome = check::everything(&db.owner, &runtime, &floor.plan, &sent).await;
    runtime.close().await;
    db.close(false).await?;
    let problems = outcome?;
    if !problems.is_empty() {
        for problem in &problems {
            println!("FAILED {problem}");
        }
        bail!("{} check(s) failed", problems.len());
    }
    Ok(())
}

/// One tablet until `stopped`: each mutation resent with its request id until it gets an answer; reads sent
/// once. Returns every mutation it sent.
async fn work(
    mut tablet: Tablet,
    stopped: tokio::sync::watch::Receiver<bool>,
    timeline: Arc<Mutex<Timeline>>,
) -> Vec<Sent> {
    let mut sent = Vec::new();
    while !*stopped.borrow() {
        let (function, seat, body) = tablet.choose(Mix::Realistic);
        let path = format!("/api/{function}");
        let Some(key) = body.get("request_id").cloned() else {
            let _ = tablet.client().post(&path, &body).await;
            continue;
        };
        let first_sent = Instant::now();
        let mut resends = 0;
        let (status, answer) = loop {
            match tablet.client().post(&path, &body).await {
                Ok((status, answer)) if !status.is_server_error() => break (status, answer),
                // The outcome is unknown (the server could not reach the database, or the answer was lost):
                // resend the same request, as the browser does, until something answers it.
                Ok((status, answer)) if resends >= MAX_RESENDS => break (status, answer),
                Err(error) if resends >= MAX_RESENDS => {
                    break (
                        StatusCode::SERVICE_UNAVAILABLE,
                        json!({ "code": "TRANSPORT", "message": error.to_string() }),
                    );
                }
                Ok(_) | Err(_) => {
                    resends += 1;
                    tokio::time::sleep(RESEND_AFTER).await;
                }
            }
        };
        if status.is_success() {
            if let Some(seat) = seat {
                tablet.advance(seat, function, answer.clone());
            }
            let mut timeline = timeline.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if timeline.recovered.is_none() && timeline.killed.is_some_and(|killed| first_sent > killed) {
                timeline.recovered = Some(Instant::now());
            }
        }
        sent.push(Sent { function, key, waited: first_sent.elapsed(), resends, status, answer });
    }
    sent
}

/// Prints the recovery time and what the tablets sent.
fn report(sent: &[Sent], killed: Instant, recovered: Instant) {
    let acknowledged = sent.iter().filter(|s| s.status.is_success()).count();
    let resent: Vec<&Sent> = sent.iter().filter(|s| s.resends > 0).collect();
    let refused: BTreeMap<String, usize> =
        sent.iter().filter(|s| !s.status.is_success()).fold(BTreeMap::new(), |mut map, s| {
            let code = s.answer["code"].as_str().unwrap_or("?");
            *map.entry(format!("{} {code}", s.status.as_u16())).or_default() += 1;
            map
        });
    println!(
        "kill to first successful write (a request first sent after the kill): {:.1} s",
        (recovered - killed).as_secs_f64()
    );
    println!(
        "mutations: {} sent, {acknowledged} acknowledged, {} resent until answered ({} resends in all, the longest \
         wait {:.1} s), refused: {refused:?}",
        sent.len(),
        resent.len(),
        resent.iter().map(|s| u64::from(s.resends)).sum::<u64>(),
        sent.iter().map(|s| s.waited).max().unwrap_or_default().as_secs_f64()
    );
}
