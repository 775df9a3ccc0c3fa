//! The floor the benchmark plays on: a new casino laid out like the shift simulator's (40 tables of 7
//! seats, 300 players by default), every table open, and one pit-boss login per simulated tablet.

use crate::simulation::{FloorPlan, lay_out_floor};
use anyhow::Context;
use pitboss::casino::{self, NewLogin, NewStaff, StaffId, StaffRole};
use pitboss::db::{self, Scope};
use sqlx::PgPool;
use uuid::Uuid;

/// The password of every benchmark login.
pub const PASSWORD: &str = "bench-pit-boss";

/// A laid-out floor and its logins.
pub struct BenchFloor {
    /// The casino, tables and players.
    pub plan: FloorPlan,
    /// Emails of the pit bosses who sign in, one per client (and one for the probe).
    pub logins: Vec<(StaffId, String)>,
}

/// Lays out the floor, adds `logins` pit bosses who can sign in, and opens every table.
pub async fn prepare(
    owner: &PgPool,
    runtime: &PgPool,
    tables: u16,
    players: u32,
    logins: usize,
) -> anyhow::Result<BenchFloor> {
    let plan = lay_out_floor(owner, runtime, tables, players, "Benchmark").await?;
    let casino_id = plan.casino_id;
    let hash = tokio::task::spawn_blocking(|| pitboss::auth::hash_password(PASSWORD)).await??;
    let tag = &casino_id.0.to_string()[..8];
    let members = db::as_casino_admin(owner, casino_id, async |conn| {
        let mut members = Vec::with_capacity(logins);
        for n in 1..=logins {
            let email = format!("bench-{n}@{tag}.bench");
            let login = NewLogin { email: email.clone(), password_hash: hash.clone(), must_change_password: false };
            let new = NewStaff {
                first_name: "Bench".into(),
                last_name: format!("Pit boss {n}"),
                role: StaffRole::PitBoss,
                login: Some(login),
            };
            members.push((casino::add_staff(conn, casino_id, &new).await?.id, email));
        }
        Ok::<_, casino::Error>(members)
    })
    .await
    .context("adding the benchmark's pit bosses")?;
    // Seven seats at every table, craps and baccarat too, so "every seat taken" means 7 × tables players.
    sqlx::query("update game_settings set seats = 7 where casino_id = $1").bind(casino_id.0).execute(owner).await?;
    // One set of limits for every table, $5 to $2,000, so every bet the mix sends ($5 to $200) is one the table
    // takes: a refused bet would measure the refusal, not the rating.
    sqlx::query("update gaming_table set min_bet_cents = 500, max_bet_cents = 200000 where casino_id = $1")
        .bind(casino_id.0)
        .execute(owner)
        .await?;
    let scope = Scope { actor: plan.admin, request_id: Uuid::new_v4() };
    db::scoped(runtime, &scope, async |conn| {
        for (table, _) in &plan.tables {
            pitboss::table_context::open_table(conn, &plan.admin, *table).await?;
        }
        Ok::<_, pitboss::table_context::Error>(())
    })
    .await
    .context("opening the tables")?;
    Ok(BenchFloor { plan, logins: members })
}
