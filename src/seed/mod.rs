//! The demo data set: "Demo Casino" with a full floor, and "Other Casino" beside it so isolation can be seen.
//!
//! Seeding is idempotent: a casino that already exists is left alone. Each casino is seeded in one
//! transaction acting as that casino's administrator, so it passes the same row-level security as the app.

mod data;
mod repo;

use sqlx::PgPool;

use crate::auth::hash_password;
use crate::casino::{self, CasinoId, NewLogin, NewStaff, SettingsInput, StaffRole};
use crate::db;

/// What seeding did for each casino.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedReport {
    /// Casinos created by this run.
    pub created: Vec<String>,
    /// Casinos that were already there and left alone.
    pub existing: Vec<String>,
}

/// Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A casino-service rule refused a seed row.
    #[error(transparent)]
    Casino(#[from] casino::Error),
    /// A password could not be hashed.
    #[error(transparent)]
    Auth(#[from] crate::auth::Error),
    /// Infrastructure failure.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Seeds the demo casino and the other casino, skipping any that exists.
pub async fn demo(pool: &PgPool) -> Result<SeedReport, Error> {
    let mut report = SeedReport { created: Vec::new(), existing: Vec::new() };
    for casino in [&data::DEMO, &data::OTHER] {
        if seed_casino(pool, casino).await? {
            report.created.push(casino.name.to_owned());
        } else {
            report.existing.push(casino.name.to_owned());
        }
    }
    Ok(report)
}

/// The demo casino's id, for callers that want to show or check it.
pub const DEMO_CASINO_ID: CasinoId = CasinoId(data::DEMO.id);

async fn seed_casino(pool: &PgPool, demo: &data::DemoCasino) -> Result<bool, Error> {
    let casino_id = CasinoId(demo.id);
    let mut staff = Vec::with_capacity(demo.staff.len());
    for (first_name, last_name, role, login) in demo.staff {
        let login = match login {
            Some((email, password)) => {
                let password = (*password).to_owned();
                let hash = tokio::task::spawn_blocking(move || hash_password(&password))
                    .await
                    .map_err(|e| crate::auth::Error::Hashing(e.to_string()))??;
                Some(NewLogin { email: (*email).to_owned(), password_hash: hash })
            }
            None => None,
        };
        staff.push(NewStaff { first_name: (*first_name).into(), last_name: (*last_name).into(), role: *role, login });
    }
    let settings = SettingsInput {
        gaming_day_start: demo.gaming_day_start.into(),
        timezone: demo.timezone.into(),
        watchlist_floor_cents: 300_000,
        ctr_threshold_cents: 1_000_000,
        reward_cap_points: 5_000,
    };

    db::as_casino_admin(pool, casino_id, async |conn| {
        if casino::casino_by_name(conn, demo.name).await.is_ok() {
            return Ok::<_, Error>(false);
        }
        casino::create_casino(conn, casino_id, demo.name, &settings).await?;
        let mut dealers = Vec::new();
        for member in &staff {
            let added = casino::add_staff(conn, casino_id, member).await?;
            if added.role == StaffRole::Dealer {
                dealers.push(added.id);
            }
        }
        for game in demo.games {
            repo::insert_game(conn, casino_id, game).await?;
        }
        let mut dealers = dealers.into_iter();
        for table in demo.tables {
            let table_id = repo::insert_table(conn, casino_id, table).await?;
            if table.5 == "active"
                && let Some(dealer) = dealers.next()
            {
                repo::insert_rotation(conn, casino_id, table_id, dealer).await?;
            }
        }
        for (index, (first_name, last_name)) in demo.players.iter().enumerate() {
            repo::insert_enrolled_player(conn, casino_id, first_name, last_name, data::birth_date(index)).await?;
        }
        Ok(true)
    })
    .await
}
