//! The demo data set: "Demo Casino" with a full floor, and "Other Casino" beside it so isolation can be seen.
//!
//! Seeding is idempotent: a casino that already exists is left alone. Each casino is seeded in one
//! transaction acting as that casino's administrator, so it passes the same row-level security as the app.

mod data;
mod repo;

use sqlx::PgPool;

use std::collections::HashMap;

use crate::actor::Actor;
use crate::auth::hash_password;
use crate::casino::{self, CasinoId, NewLogin, NewStaff, SettingsInput, StaffRole};
use crate::db::{self, Scope};
use crate::floor::{self, PlayerChoice};
use crate::loyalty::comp::CompItemInput;
use crate::money::Cents;
use crate::player::PlayerId;
use crate::rating_slip;
use crate::table_context::TableId;

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
    /// A floor rule refused the demo's seating.
    #[error(transparent)]
    Floor(#[from] floor::Error),
    /// The demo's feature flags could not be set.
    #[error(transparent)]
    Feature(#[from] crate::feature::Error),
    /// The demo's comp catalog was refused.
    #[error(transparent)]
    Loyalty(#[from] crate::loyalty::Error),
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

/// Gives a new casino the standard rating parameters of the four games.
///
/// Blackjack, baccarat, roulette and craps, as the demo has them; the admin can change them on /games. Run as
/// the casino's admin (`db::as_casino_admin`).
pub async fn standard_games(conn: &mut sqlx::PgConnection, casino_id: CasinoId) -> sqlx::Result<()> {
    for game in data::GAMES {
        repo::insert_game(conn, casino_id, game).await?;
    }
    Ok(())
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
                Some(NewLogin { email: (*email).to_owned(), password_hash: hash, must_change_password: false })
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
        late_action_minutes: casino::DEFAULT_LATE_ACTION_MINUTES,
    };

    let floor = db::as_casino_admin(pool, casino_id, async |conn| {
        if casino::casino_by_name(conn, demo.name).await.is_ok() {
            return Ok::<_, Error>(None);
        }
        casino::create_casino(conn, casino_id, demo.name, &settings).await?;
        let mut dealers = Vec::new();
        let mut admin = None;
        for member in &staff {
            let added = casino::add_staff(conn, casino_id, member).await?;
            match added.role {
                StaffRole::Dealer => dealers.push(added.id),
                StaffRole::Admin => admin = admin.or(Some(added.id)),
                _ => {}
            }
        }
        if let Some(admin) = admin {
            let actor = Actor { staff_id: admin, casino_id, role: StaffRole::Admin };
            casino::update_compliance_settings(conn, &actor, &filer(demo)).await?;
        }
        standard_games(conn, casino_id).await?;
        let first_dealer = dealers.first().copied();
        let mut dealers = dealers.into_iter();
        let mut tables = HashMap::new();
        for table in demo.tables {
            let table_id = repo::insert_table(conn, casino_id, table).await?;
            tables.insert(table.0, TableId(table_id));
            if table.5 != "active" {
                continue;
            }
            let dealer = dealers.next();
            if let Some(dealer) = dealer {
                repo::insert_rotation(conn, casino_id, table_id, dealer).await?;
            }
            // Open tables stand on a counted tray, as opening one requires; a table without a dealer of its own
            // was counted with the first dealer watching.
            if let (Some(admin), Some(witness)) = (admin, dealer.or(first_dealer)) {
                repo::insert_opening_count(conn, casino_id, table_id, admin, witness).await?;
            }
        }
        let mut players = Vec::new();
        for (index, (first_name, last_name)) in demo.players.iter().enumerate() {
            let id =
                repo::insert_enrolled_player(conn, casino_id, first_name, last_name, data::birth_date(index)).await?;
            players.push(PlayerId(id));
        }
        Ok(Some((admin, tables, players)))
    })
    .await?;
    let Some((admin, tables, players)) = floor else { return Ok(false) };
    if let Some(admin) = admin {
        start_play(pool, Actor { staff_id: admin, casino_id, role: StaffRole::Admin }, demo, &tables, &players).await?;
    }
    Ok(true)
}

/// Turns deposits and withdrawals on, fills the comp catalog, then seats and rates the demo's players as the casino's admin, through
/// the same services the pit uses.
async fn start_play(
    pool: &PgPool,
    admin: Actor,
    demo: &data::DemoCasino,
    tables: &HashMap<&str, TableId>,
    players: &[PlayerId],
) -> Result<(), Error> {
    let scope = Scope { actor: admin, request_id: uuid::Uuid::new_v4() };
    db::scoped(pool, &scope, async |conn| {
        crate::feature::set_flag(conn, &admin, crate::feature::Flag::FinanceMinimalEnabled, true).await?;
        // The catalog names who last changed each item, so it is written with the admin's own request context.
        for (name, category, point_cost) in data::COMP_CATALOG {
            let item = CompItemInput { id: None, name: name.into(), category, point_cost, active: true };
            crate::loyalty::save_comp_item(conn, &admin, uuid::Uuid::new_v4(), &item).await?;
        }
        for (label, seat, player, bet, paused) in demo.play {
            let (Some(table), Some(player)) = (tables.get(label), players.get(*player)) else { continue };
            let choice = PlayerChoice::Existing(*player);
            let slip = floor::seat_and_start(conn, &admin, *table, *seat, &choice, Cents(*bet)).await?;
            if *paused {
                rating_slip::pause(conn, &admin, slip.id).await.map_err(floor::Error::from)?;
            }
        }
        Ok::<_, Error>(())
    })
    .await
}

fn filer(demo: &data::DemoCasino) -> casino::ComplianceSettings {
    let [legal_name, ein, address_line, city, region, postal_code] = demo.filer.map(str::to_owned);
    casino::ComplianceSettings {
        legal_name,
        ein,
        address_line,
        city,
        region,
        postal_code,
        structuring_margin_percent: 10,
        structuring_window_days: 3,
    }
}
