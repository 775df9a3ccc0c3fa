//! What a simulated tablet does: it owns a few seats of the floor and, call by call, seats a player and
//! rates them (start, pause, resume, bet changes, rewards, buy-ins, close, check-out), with pit-dashboard
//! reads in between — the mix of a busy pit, sent open loop (at a fixed rate) or closed loop (flat out).

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use tokio::time::Instant;
use uuid::Uuid;

use super::client::Client;
use super::stats::Samples;

/// How the figures name a call of `path` with `body`: the whole floor's read apart from one table's.
fn label(path: &'static str, body: &Value) -> &'static str {
    if path == "floor/seats" && body["table_id"].is_null() { WHOLE_FLOOR } else { path }
}

/// The name of a read of every table's seats in the figures.
pub const WHOLE_FLOOR: &str = "floor/seats (whole floor)";

/// A seat a tablet looks after, and who sits there.
#[derive(Debug, Clone)]
pub struct Seat {
    /// The table's id, as JSON.
    pub table: Value,
    /// Its number.
    pub number: i64,
    state: State,
}

impl Seat {
    /// An empty seat.
    pub fn new(table: Value, number: i64) -> Self {
        Self { table, number, state: State::Empty }
    }
}

#[derive(Debug, Clone)]
enum State {
    Empty,
    Rated {
        slip: Value,
        visit: Value,
        player: Value,
        paused: bool,
    },
    /// The slip closed; the player is still seated.
    Seated {
        visit: Value,
        player: Value,
    },
}

/// Which calls a tablet makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// The whole pit's work, with dashboard reads.
    Realistic,
    /// Only pause and resume of running slips: the operation the raw-SQL limit repeats.
    PauseResume,
}

/// One tablet: a signed-in connection, its seats, the players it seats, its own random choices.
pub struct Tablet {
    client: Client,
    seats: Vec<Seat>,
    players: Vec<Value>,
    next_player: usize,
    rng: StdRng,
}

impl Tablet {
    /// A tablet for `seats`, seating `players` in turn; `seed` fixes its choices.
    pub fn new(client: Client, seats: Vec<Seat>, players: Vec<Value>, seed: u64) -> Self {
        Self { client, seats, players, next_player: 0, rng: StdRng::seed_from_u64(seed) }
    }

    /// Makes one call of `mix`; its function, latency from `since`, and whether it succeeded go to `samples`.
    pub async fn step(&mut self, mix: Mix, since: Instant, samples: &mut Samples) {
        let (path, seat, body) = self.choose(mix);
        let outcome = self.client.post(&format!("/api/{path}"), &body).await;
        let latency = since.elapsed();
        let function = label(path, &body);
        match outcome {
            Ok((status, answer)) if status.is_success() => {
                samples.record(function, latency, true, String::new);
                if let Some(seat) = seat {
                    self.advance(seat, path, answer);
                }
            }
            Ok((status, answer)) => {
                let code = answer["code"].as_str().unwrap_or_default().to_owned();
                samples.record(function, latency, false, || format!("{} {code}", status.as_u16()));
            }
            Err(error) => samples.record(function, latency, false, || format!("transport: {error}")),
        }
    }

    /// Steps flat out until `end` (closed loop): each call's latency is its own round trip.
    pub async fn closed_loop(&mut self, mix: Mix, end: Instant) -> Samples {
        let mut samples = Samples::default();
        while Instant::now() < end {
            self.step(mix, Instant::now(), &mut samples).await;
        }
        samples
    }

    /// Steps every `interval` from `start` until `end` (open loop). A call is timed from when it was due,
    /// not from when it went out, so a slow server cannot hide its queue (coordinated omission).
    pub async fn open_loop(&mut self, mix: Mix, start: Instant, interval: Duration, end: Instant) -> Samples {
        let mut samples = Samples::default();
        let mut due = start;
        while due < end {
            tokio::time::sleep_until(due).await;
            self.step(mix, due, &mut samples).await;
            due += interval;
        }
        samples
    }

    /// Seats a player at every empty seat, so the floor is full (for the dashboard's page-load figure).
    pub async fn fill(&mut self) -> usize {
        let mut seated = 0;
        for index in 0..self.seats.len() {
            if matches!(self.seats[index].state, State::Empty)
                && let Some(player) = self.free_player()
            {
                let seat = &self.seats[index];
                let body = json!({ "request_id": Uuid::new_v4(), "table_id": seat.table, "seat": seat.number,
                                   "player": { "existing": player }, "average_bet_cents": 2_500 });
                if let Ok((status, answer)) = self.client.post("/api/floor/seat_and_start", &body).await
                    && status.is_success()
                {
                    self.advance(index, "floor/seat_and_start", answer);
                    seated += 1;
                }
            }
        }
        seated
    }

    /// Its connection, for calls of its own.
    pub(crate) fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// Seats with someone in them, and seats in all.
    pub fn taken(&self) -> (usize, usize) {
        (self.seats.iter().filter(|seat| !matches!(seat.state, State::Empty)).count(), self.seats.len())
    }

    /// The next call of `mix`: its function, the seat it is about (none for reads), and its body, with a new
    /// request id for a mutation.
    pub(crate) fn choose(&mut self, mix: Mix) -> (&'static str, Option<usize>, Value) {
        if mix == Mix::Realistic {
            // The dashboard reads the whole floor when it loads or resynchronises, and one table when a seat at
            // it changes (a slip's own change comes with its event and needs no read).
            let roll = self.rng.gen_range(0..100);
            if roll < 1 {
                return ("floor/seats", None, json!({ "table_id": null }));
            }
            if roll < 10 {
                let table = self.seats[self.rng.gen_range(0..self.seats.len())].table.clone();
                return ("floor/seats", None, json!({ "table_id": table }));
            }
            if roll < 15 {
                return ("table/list", None, json!({}));
            }
        }
        let index = self.rng.gen_range(0..self.seats.len());
        let key = Uuid::new_v4();
        let seat = self.seats[index].clone();
        let (function, body) = match (&seat.state, mix) {
            (State::Empty, _) => {
                let Some(player) = self.free_player() else {
                    return ("floor/seats", None, json!({ "table_id": seat.table }));
                };
                let body = json!({ "request_id": key, "table_id": seat.table, "seat": seat.number,
                                   "player": { "existing": player }, "average_bet_cents": 2_500 });
                ("floor/seat_and_start", body)
            }
            (State::Seated { visit, .. }, _) => ("visit/check_out", json!({ "request_id": key, "visit_id": visit })),
            (State::Rated { slip, paused: true, .. }, Mix::PauseResume) => {
                ("slip/resume", json!({ "request_id": key, "slip_id": slip }))
            }
            (State::Rated { slip, .. }, Mix::PauseResume) => {
                ("slip/pause", json!({ "request_id": key, "slip_id": slip }))
            }
            (State::Rated { slip, paused: true, .. }, Mix::Realistic) => match self.rng.gen_range(0..10) {
                0..=7 => ("slip/resume", json!({ "request_id": key, "slip_id": slip })),
                _ => ("slip/close", json!({ "request_id": key, "slip_id": slip, "average_bet_cents": null })),
            },
            (State::Rated { slip, player, .. }, Mix::Realistic) => match self.rng.gen_range(0..100) {
                0..=24 => ("slip/pause", json!({ "request_id": key, "slip_id": slip })),
                25..=49 => {
                    let bet = self.rng.gen_range(1..=40) * 500;
                    ("slip/update_average_bet", json!({ "request_id": key, "slip_id": slip, "average_bet_cents": bet }))
                }
                50..=64 => (
                    "loyalty/issue_reward",
                    json!({ "request_id": key, "player_id": player, "slip_id": slip,
                                                             "points": 5, "reason": "promotion" }),
                ),
                65..=79 => {
                    let entry = json!({ "player_id": player, "direction": "in", "amount": self.rng.gen_range(1..=20) * 2_500,
                                        "tender": "cash", "source": "pit", "visit_id": null, "rating_slip_id": slip,
                                        "note": null });
                    ("finance/record", json!({ "request_id": key, "entry": entry }))
                }
                _ => ("slip/close", json!({ "request_id": key, "slip_id": slip, "average_bet_cents": null })),
            },
        };
        (function, Some(index), body)
    }

    /// The next of this tablet's players who is not sitting at one of its seats, if any.
    fn free_player(&mut self) -> Option<Value> {
        for _ in 0..self.players.len() {
            let player = self.players[self.next_player % self.players.len()].clone();
            self.next_player += 1;
            let seated = self.seats.iter().any(|seat| match &seat.state {
                State::Rated { player: p, .. } | State::Seated { player: p, .. } => *p == player,
                State::Empty => false,
            });
            if !seated {
                return Some(player);
            }
        }
        None
    }

    /// Moves seat `index` on after `function` succeeded with `answer`.
    pub(crate) fn advance(&mut self, index: usize, function: &str, answer: Value) {
        let state = &mut self.seats[index].state;
        *state = match (std::mem::replace(state, State::Empty), function) {
            (_, "floor/seat_and_start") => State::Rated {
                slip: answer["id"].clone(),
                visit: answer["visit_id"].clone(),
                player: answer["player_id"].clone(),
                paused: false,
            },
            (State::Rated { slip, visit, player, .. }, "slip/pause") => {
                State::Rated { slip, visit, player, paused: true }
            }
            (State::Rated { slip, visit, player, .. }, "slip/resume") => {
                State::Rated { slip, visit, player, paused: false }
            }
            (State::Rated { visit, player, .. }, "slip/close") => State::Seated { visit, player },
            (_, "visit/check_out") => State::Empty,
            (unchanged, _) => unchanged,
        };
    }
}
