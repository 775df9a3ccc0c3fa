//! `pitboss-tools bench`: the benchmark harness.
//!
//! Starts the `pitboss` server as its own process on a private cluster, lays out a realistic floor, and
//! drives it over HTTP with many signed-in tablets — open loop at a fixed rate, then closed loop flat out —
//! beside the same slip transaction run as bare SQL; prints latency percentiles per server function, throughput,
//! errors, commit-to-subscriber propagation, start-up time and the server's peak memory.
//! `docs/performance.md` has the figures and `scripts/bench.sh` the browser-side ones.

mod anchor;
pub(crate) mod client;
mod cpu;
pub(crate) mod floor;
mod history;
mod raw;
mod server;
mod stats;
pub(crate) mod workload;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use sqlx::postgres::PgPoolOptions;
use tokio::time::Instant;

use self::client::Client;
use self::cpu::CpuMeter;
use self::server::ServerProcess;
use self::stats::{DASHBOARD, SLIP_OPERATIONS, Samples, Summary};
use self::workload::{Mix, Seat, Tablet};
use database::EmbeddedCluster;

/// What to run: the command line of `pitboss-tools bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// Signed-in tablets working at once.
    #[arg(long, default_value_t = 50)]
    pub clients: usize,
    /// Calls per second offered in the open-loop phase, all tablets together.
    #[arg(long, default_value_t = 200)]
    pub rate: u32,
    /// Length of each measured phase, in seconds.
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
    /// Tables on the floor (7 seats each; the simulator's game mix).
    #[arg(long, default_value_t = 40)]
    pub tables: u16,
    /// Enrolled players.
    #[arg(long, default_value_t = 300)]
    pub players: u32,
    /// Connections for the bare-SQL limit (the server's pool has 10).
    #[arg(long, default_value_t = 10)]
    pub raw_connections: usize,
    /// Closed slips of history (with five ledger rows each) to load before a last open-loop phase; 0 for none.
    /// A year of a 40-table floor is about 200000.
    #[arg(long, default_value_t = 0)]
    pub history_slips: i64,
    /// Where the benchmark's cluster lives; wiped first.
    #[arg(long, default_value = "/tmp/pitboss-bench")]
    pub data_dir: PathBuf,
    /// The server binary to measure (default: `pitboss` beside this program).
    #[arg(long)]
    pub pitboss_bin: Option<PathBuf>,
}

impl Settings {
    /// What is wrong with these numbers, if anything.
    pub fn problem(&self) -> Option<&'static str> {
        let seats = usize::from(self.tables) * 7;
        if self.clients == 0 || self.clients > seats / 2 {
            Some("--clients must be 1 to half the seats (--tables × 7 / 2)")
        } else if (self.players as usize) < seats + 1 {
            Some("--players must be more than the seats (--tables × 7)")
        } else if self.history_slips < 0 {
            Some("--history-slips must be 0 or more")
        } else if self.rate == 0 || self.seconds == 0 || self.raw_connections == 0 {
            Some("--rate, --seconds and --raw-connections must be above zero")
        } else {
            None
        }
    }
}

/// Runs the whole benchmark and prints its figures.
pub async fn run(settings: &Settings) -> anyhow::Result<()> {
    if let Some(problem) = settings.problem() {
        bail!("{problem}");
    }
    let pitboss_bin = match &settings.pitboss_bin {
        Some(path) => path.clone(),
        None => std::env::current_exe().context("finding this program")?.with_file_name("pitboss"),
    };
    if !pitboss_bin.is_file() {
        bail!("--pitboss-bin: {} is not a file; build it with cargo build --release -p server", pitboss_bin.display());
    }
    let data_dir = server::fresh_data_dir(&settings.data_dir)?;
    let addr = SocketAddr::from(([127, 0, 0, 1], TcpListener::bind("127.0.0.1:0")?.local_addr()?.port()));
    let (first, first_start) = ServerProcess::start(&pitboss_bin, &data_dir, addr).await?;

    let cluster = EmbeddedCluster::ensure_running(&data_dir)?;
    let owner =
        PgPoolOptions::new().max_connections(2).connect_with(cluster.connect_options("postgres", "pitboss")).await?;
    let runtime_options = cluster.connect_options(pitboss::db::RUNTIME_ROLE, "pitboss");
    let runtime = PgPoolOptions::new().max_connections(2).connect_with(runtime_options.clone()).await?;
    let floor = floor::prepare(&owner, &runtime, settings.tables, settings.players, settings.clients + 1).await?;
    first.kill()?;
    let (server, cold_start) = ServerProcess::start(&pitboss_bin, &data_dir, addr).await?;
    let meter = CpuMeter::new(&data_dir.join("pg"), server.pid())?;

    let version: String = sqlx::query_scalar("select version()").fetch_one(&owner).await?;
    println!(
        "pitboss-tools bench: {} tables of 7 seats, {} players, {} tablets; server on {addr}; {} CPUs; {}",
        settings.tables,
        settings.players,
        settings.clients,
        std::thread::available_parallelism().map_or(0, usize::from),
        version.split(" on ").next().unwrap_or(&version)
    );
    println!(
        "start to /readyz: {:.2} s for the first start (cluster created, migrated, seeded), {:.2} s for a restart \
         of the server with its database running",
        first_start.as_secs_f64(),
        cold_start.as_secs_f64()
    );

    // The probe's seat is the first table's first; the tablets share the rest, and the players after the first.
    let (probe_email, tablet_emails) = floor.logins.split_first().context("logins")?;
    let mut probe = Client::connect(addr).await?;
    probe.sign_in(&probe_email.1, floor::PASSWORD).await?;
    let mut seats: Vec<Seat> = Vec::new();
    // Seven seats a table (`floor::prepare` sets every game to seven; the plan predates that).
    for (table, count) in &floor.plan.tables {
        for number in 1..=(*count).min(7) as i64 {
            seats.push(Seat::new(json!(table), number));
        }
    }
    let probe_seat = seats.remove(0);
    let players: Vec<Value> = floor.plan.players.iter().map(|p| json!(p)).collect();
    let (probe_player, players) = players.split_first().context("players")?;
    let mut tablets = Vec::with_capacity(settings.clients);
    for (index, (_, email)) in tablet_emails.iter().enumerate() {
        let mut client = Client::connect(addr).await?;
        client.sign_in(email, floor::PASSWORD).await?;
        let (my_seats, my_players) = (share(&seats, index, settings.clients), share(players, index, settings.clients));
        tablets.push(Tablet::new(client, my_seats, my_players, index as u64));
    }
    let start = json!({ "request_id": uuid::Uuid::new_v4(), "table_id": probe_seat.table, "seat": probe_seat.number,
                        "player": { "existing": probe_player }, "average_bet_cents": 2_500 });
    let (status, slip) = probe.post("/api/floor/seat_and_start", &start).await?;
    if !status.is_success() {
        bail!("seating the probe's player: {status} {slip}");
    }
    let probe_slip = raw::Slip { id: serde_json::from_value(slip["id"].clone())?, paused: false };
    let actor = raw::Actor { casino: floor.plan.casino_id.0, staff: probe_email.0.0 };

    // Warm-up: fill the floor and the caches; not measured.
    let (tablets_back, _) = phase(tablets, Mix::Realistic, None, Duration::from_secs(5)).await?;
    let tablets = tablets_back;

    let measured = Duration::from_secs(settings.seconds);
    let events = client::subscribe(addr, probe.cookie().context("probe cookie")?).await?;
    let propagation_end = Instant::now() + measured;
    let probe_task = {
        let options = runtime_options.clone();
        tokio::spawn(async move {
            raw::propagation(
                &options,
                actor,
                probe_slip,
                Duration::from_millis(100),
                propagation_end.into_std(),
                events,
            )
            .await
        })
    };
    let cpu = meter.read();
    let (tablets, open) = phase(tablets, Mix::Realistic, Some(settings.rate), measured).await?;
    let open_cpu = meter.read() - cpu;
    let mut delays = probe_task.await??;
    report_phase(
        &format!(
            "open loop: {} calls/s offered by {} tablets for {} s",
            settings.rate, settings.clients, settings.seconds
        ),
        &open,
        measured,
    );
    println!("  {}", open_cpu.per_call(open.calls() as f64));
    let delay = Summary::of(&mut delays, 0);
    println!(
        "propagation, commit to a subscribed client (under the load above): p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms ({} events)",
        delay.p50, delay.p95, delay.p99, delay.count
    );

    let cpu = meter.read();
    let (tablets, closed) = phase(tablets, Mix::Realistic, None, measured).await?;
    let closed_cpu = meter.read() - cpu;
    report_phase(
        &format!("closed loop: {} tablets flat out for {} s", settings.clients, settings.seconds),
        &closed,
        measured,
    );
    println!("  {}", closed_cpu.per_call(closed.calls() as f64));
    let cpu = meter.read();
    let (tablets, toggles) = phase(tablets, Mix::PauseResume, None, measured).await?;
    let toggles_cpu = meter.read() - cpu;
    report_phase(&format!("closed loop, pause and resume only, {} tablets", settings.clients), &toggles, measured);
    println!("  {}", toggles_cpu.per_call(toggles.calls() as f64));

    let running: Vec<raw::Slip> = sqlx::query_as::<_, (uuid::Uuid, bool)>(
        "select id, status = 'paused' from rating_slip where casino_id = $1 and status <> 'closed' and id <> $2 limit $3",
    )
    .bind(floor.plan.casino_id.0)
    .bind(probe_slip.id)
    .bind(settings.raw_connections as i64)
    .fetch_all(&owner)
    .await?
    .into_iter()
    .map(|(id, paused)| raw::Slip { id, paused })
    .collect();
    let cpu = meter.read();
    let raw_rate = raw::limit(&runtime_options, actor, running, settings.seconds).await?;
    let raw_cpu = meter.read() - cpu;
    let http_rate = toggles.calls() as f64 / measured.as_secs_f64();
    println!(
        "raw SQL limit: the pause/resume transaction on {} connections, no HTTP, no app: {raw_rate:.0} tx/s; \
         pitboss flat out: {http_rate:.0} calls/s = {:.0} % of it",
        settings.raw_connections,
        100.0 * http_rate / raw_rate
    );
    println!("  {} (the server idle)", raw_cpu.per_call(raw_rate * settings.seconds as f64));
    let cpu = meter.read();
    let anchor_rate = anchor::rate(&cluster, settings.raw_connections, settings.seconds).await?;
    let anchor_cpu = meter.read() - cpu;
    println!(
        "anchor: the minimal slip operation (tools/bench-anchor, pgbench) on {} connections: {anchor_rate:.0} tx/s; \
         pitboss pause/resume flat out = {:.0} % of it",
        settings.raw_connections,
        100.0 * http_rate / anchor_rate
    );
    println!("  {} (the server idle; pgbench not counted)", anchor_cpu.per_call(anchor_rate * settings.seconds as f64));
    let mut tablets = if settings.history_slips > 0 {
        let tables: Vec<uuid::Uuid> = floor.plan.tables.iter().map(|(t, _)| t.0).collect();
        let players: Vec<uuid::Uuid> = floor.plan.players.iter().map(|p| p.0).collect();
        let took = history::load(&owner, actor.casino, actor.staff, &tables, &players, settings.history_slips).await?;
        let settled = history::settle(&owner).await?;
        let (slips, ledger, audit) = history::counts(&owner, actor.casino).await?;
        println!(
            "\nhistory: loaded and linked in {:.1} s, vacuumed and checkpointed in {:.1} s; the casino now has \
             {slips} closed slips, {ledger} ledger rows and {audit} audit rows",
            took.as_secs_f64(),
            settled.as_secs_f64()
        );
        let (tablets, loaded) = phase(tablets, Mix::Realistic, Some(settings.rate), measured).await?;
        report_phase(&format!("open loop again on the year of history, {} calls/s", settings.rate), &loaded, measured);
        for (label, functions) in [("slip operations", &SLIP_OPERATIONS[..]), ("dashboard reads", &DASHBOARD[..])] {
            let (before, after) = (open.summary_of(functions), loaded.summary_of(functions));
            // The p50 ratio shows the cost of history per call; near saturation the p95 ratio mostly shows queues.
            println!(
                "  {label}: p95 {:.2} ms empty, {:.2} ms with history = {:.2}×; p50 {:.2} ms, {:.2} ms = {:.2}×",
                before.p95,
                after.p95,
                after.p95 / before.p95,
                before.p50,
                after.p50,
                after.p50 / before.p50
            );
        }
        tablets
    } else {
        tablets
    };
    let (mut filled, mut taken, mut seats) = (0, 1, 1); // the probe's seat is taken
    for tablet in &mut tablets {
        filled += tablet.fill().await;
        let (mine, all) = tablet.taken();
        (taken, seats) = (taken + mine, seats + all);
    }
    print_read_sizes(&mut tablets[0], &floor.plan.tables[0].0).await?;
    let login = data_dir.join("bench-login");
    std::fs::write(&login, format!("{}\n{}\n", tablet_emails[0].1, floor::PASSWORD))?;
    println!(
        "\nseated {filled} more players: {taken} of {seats} seats taken, left for the page-load figure (sign-in in {})",
        login.display()
    );
    match server.peak_rss_mib() {
        Some(mib) => println!("server peak RSS: {mib:.1} MiB"),
        None => println!("server peak RSS: unavailable (no /proc)"),
    }
    owner.close().await;
    runtime.close().await;
    server.stop()?;
    Ok(())
}

/// The size of the dashboard's two reads on the full floor: why it re-reads one table on a change.
async fn print_read_sizes(tablet: &mut Tablet, table: &pitboss::table_context::TableId) -> anyhow::Result<()> {
    let mut size = async |table_id: Value| -> anyhow::Result<usize> {
        let (_, answer) = tablet.client().post("/api/floor/seats", &json!({ "table_id": table_id })).await?;
        Ok(answer.to_string().len())
    };
    let whole = size(Value::Null).await?;
    let one = size(json!(table)).await?;
    println!("dashboard reads on the full floor: the whole floor {whole} B of JSON, one table {one} B");
    Ok(())
}

/// The `index`th of `clients` equal shares of `all`, dealt round robin.
pub(crate) fn share<T: Clone>(all: &[T], index: usize, clients: usize) -> Vec<T> {
    all.iter().skip(index).step_by(clients).cloned().collect()
}

/// Runs every tablet for `length`: at `rate` calls per second in all (open loop), or flat out.
async fn phase(
    tablets: Vec<Tablet>,
    mix: Mix,
    rate: Option<u32>,
    length: Duration,
) -> anyhow::Result<(Vec<Tablet>, Samples)> {
    let count = tablets.len();
    let start = Instant::now() + Duration::from_millis(50);
    let end = start + length;
    let tasks: Vec<_> = tablets
        .into_iter()
        .enumerate()
        .map(|(index, mut tablet)| {
            tokio::spawn(async move {
                let samples = match rate {
                    Some(rate) => {
                        let interval = Duration::from_secs_f64(count as f64 / f64::from(rate));
                        // Spread the tablets' first calls over one interval.
                        let first = start + interval.mul_f64(index as f64 / count as f64);
                        tablet.open_loop(mix, first, interval, end).await
                    }
                    None => {
                        tokio::time::sleep_until(start).await;
                        tablet.closed_loop(mix, end).await
                    }
                };
                (tablet, samples)
            })
        })
        .collect();
    let mut tablets = Vec::with_capacity(count);
    let mut all = Samples::default();
    for task in tasks {
        let (tablet, samples) = task.await?;
        tablets.push(tablet);
        all.merge(samples);
    }
    Ok((tablets, all))
}

fn report_phase(title: &str, samples: &Samples, length: Duration) {
    let seconds = length.as_secs_f64();
    println!(
        "\n{title}: {:.0} calls/s ({:.0} slip operations/s), {} errors",
        samples.calls() as f64 / seconds,
        samples.calls_of(&SLIP_OPERATIONS) as f64 / seconds,
        samples.errors()
    );
    samples.print_table();
    for (failure, count) in &samples.failures {
        println!("  failed {count}× {failure}");
    }
}
