//! The physical limit beside the server: a slip's pause or resume as the bare SQL transaction the service
//! runs (request context, idempotency claim, locked read, status update, pause row, audit row — whose
//! trigger sends the NOTIFY — a read for the answer, stored response: the service's locked read and its read
//! of the clock and pauses become a lock and a read-back here), straight on PostgreSQL as the runtime role,
//! without HTTP or the app. Also the propagation probe, which commits the same transaction and times its
//! event at a subscriber.

use std::time::{Duration, Instant};

use serde_json::Value;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};
use tokio::sync::mpsc;
use uuid::Uuid;

use super::client::Received;

/// Who the raw transactions act as.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    /// The casino.
    pub casino: Uuid,
    /// A pit boss of it.
    pub staff: Uuid,
}

/// A running slip the raw side may pause and resume, and whether it is paused now.
#[derive(Debug, Clone, Copy)]
pub struct Slip {
    /// Its id.
    pub id: Uuid,
    /// Paused now.
    pub paused: bool,
}

/// Pauses (or resumes) `slip` in one transaction, statement for statement what `slip/pause` does.
pub async fn toggle(conn: &mut PgConnection, actor: Actor, slip: &mut Slip) -> sqlx::Result<()> {
    let key = Uuid::new_v4();
    let (action, status) = if slip.paused { ("slip.resume", "open") } else { ("slip.pause", "paused") };
    let mut tx = conn.begin().await?;
    sqlx::query(
        "select set_config('app.casino_id', $1, true), set_config('app.staff_id', $2, true),
                set_config('app.staff_role', 'pit_boss', true), set_config('app.request_id', $3, true)",
    )
    .bind(actor.casino.to_string())
    .bind(actor.staff.to_string())
    .bind(Uuid::new_v4().to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into idempotent_request (casino_id, key, action, staff_id) values ($1, $2, $3, $4)
         on conflict (casino_id, key) do nothing returning true",
    )
    .bind(actor.casino)
    .bind(key)
    .bind(action)
    .bind(actor.staff)
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("select status from rating_slip where casino_id = $1 and id = $2 for update")
        .bind(actor.casino)
        .bind(slip.id)
        .fetch_one(&mut *tx)
        .await?;
    // It keeps no tally, so it clears the slip's (the app's next command on the slip writes one from the history).
    sqlx::query(
        "update rating_slip
         set status = $3::slip_status, tally_at = null, tally_rated_us = null, tally_bet_seconds = null,
             tally_bet_from_seconds = null
         where casino_id = $1 and id = $2",
    )
    .bind(actor.casino)
    .bind(slip.id)
    .bind(status)
    .execute(&mut *tx)
    .await?;
    let pause = if slip.paused {
        "update rating_slip_pause set ended_at = app_now() where casino_id = $1 and slip_id = $2 and ended_at is null"
    } else {
        "insert into rating_slip_pause (id, casino_id, slip_id) values (gen_random_uuid(), $1, $2)"
    };
    sqlx::query(pause).bind(actor.casino).bind(slip.id).execute(&mut *tx).await?;
    let kind = if slip.paused { "rating_slip.resumed" } else { "rating_slip.paused" };
    sqlx::query("insert into audit_log (casino_id, action, entity, entity_id) values ($1, $2, 'rating_slip', $3)")
        .bind(actor.casino)
        .bind(kind)
        .bind(slip.id)
        .execute(&mut *tx)
        .await?;
    let response: Value = sqlx::query_scalar("select to_jsonb(s) from rating_slip s where casino_id = $1 and id = $2")
        .bind(actor.casino)
        .bind(slip.id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("update idempotent_request set response = $3 where casino_id = $1 and key = $2")
        .bind(actor.casino)
        .bind(key)
        .bind(response)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    slip.paused = !slip.paused;
    Ok(())
}

/// Toggles each slip flat out on its own connection until `seconds` pass, then leaves it as it found it;
/// transactions per second.
pub async fn limit(options: &PgConnectOptions, actor: Actor, slips: Vec<Slip>, seconds: u64) -> anyhow::Result<f64> {
    let started = Instant::now();
    let end = started + Duration::from_secs(seconds);
    let workers: Vec<_> = slips
        .into_iter()
        .map(|mut slip| {
            let options = options.clone();
            tokio::spawn(async move {
                let mut conn = PgConnection::connect_with(&options).await?;
                let (mut done, was_paused) = (0u64, slip.paused);
                while Instant::now() < end {
                    toggle(&mut conn, actor, &mut slip).await?;
                    done += 1;
                }
                // Leave the slip as the tablets last saw it.
                if slip.paused != was_paused {
                    toggle(&mut conn, actor, &mut slip).await?;
                }
                Ok::<_, sqlx::Error>(done)
            })
        })
        .collect();
    let mut total = 0;
    for worker in workers {
        total += worker.await??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

/// Commits a pause or resume of `slip` every `interval` until `end` and times each commit's event at the
/// subscriber behind `events`: milliseconds from the commit returning to the event arriving.
pub async fn propagation(
    options: &PgConnectOptions,
    actor: Actor,
    mut slip: Slip,
    interval: Duration,
    end: Instant,
    mut events: mpsc::UnboundedReceiver<Received>,
) -> anyhow::Result<Vec<f64>> {
    let mut conn = PgConnection::connect_with(options).await?;
    let mut commits = Vec::new();
    while Instant::now() < end {
        toggle(&mut conn, actor, &mut slip).await?;
        commits.push(Instant::now());
        tokio::time::sleep(interval).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let id = slip.id.to_string();
    let mut arrivals = Vec::new();
    while let Ok(event) = events.try_recv() {
        if event.event == "change" && event.data["id"].as_str() == Some(id.as_str()) {
            arrivals.push(event.at);
        }
    }
    if arrivals.len() != commits.len() {
        anyhow::bail!("{} commits but {} events reached the subscriber", commits.len(), arrivals.len());
    }
    Ok(commits
        .iter()
        .zip(&arrivals)
        .map(|(commit, arrival)| arrival.duration_since(*commit).as_secs_f64() * 1e3)
        .collect())
}
