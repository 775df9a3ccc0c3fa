//! Lays out the simulated casino: settings, staff, games, tables and enrolled players.

use sqlx::PgPool;
use uuid::Uuid;

use super::model::{self, Floor, Player, Table};
use super::{Config, Error};
use pitboss::actor::Actor;
use pitboss::casino::{self, CasinoId, NewStaff, SettingsInput, StaffRole};
use pitboss::db::{self, Scope};
use pitboss::player::{self, EnrollInput};
use pitboss::seed;
use pitboss::table_context::{self, GameKey, NewTable};

const FIRST_NAMES: [&str; 16] =
    ["Ada", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo", "Kit", "Lou", "Mo", "Ned", "Oona", "Pru"];
const LAST_NAMES: [&str; 16] = [
    "Abbott", "Baird", "Cole", "Dunn", "Eng", "Ford", "Grau", "Holt", "Ives", "Judd", "Kerr", "Lund", "Mace", "Nash",
    "Orr", "Pike",
];
/// Tables per pit, each pit with its own pit boss.
const TABLES_PER_PIT: usize = 10;

/// Creates the casino and its floor through the services a pilot set-up uses; every table starts inactive and
/// every player enrolled, not checked in.
pub(super) async fn lay_out(owner: &PgPool, runtime: &PgPool, config: &Config, purpose: &str) -> Result<Floor, Error> {
    let casino_id = CasinoId(Uuid::new_v4());
    let casino_name = format!("{purpose} {} (seed {})", &casino_id.0.to_string()[..8], config.seed);
    let tables = usize::from(config.tables);
    let pits = tables.div_ceil(TABLES_PER_PIT);
    let settings = SettingsInput {
        gaming_day_start: model::GAMING_DAY_START.into(),
        timezone: model::TIMEZONE.into(),
        watchlist_floor_cents: model::THRESHOLDS.watchlist_floor.0,
        ctr_threshold_cents: model::THRESHOLDS.ctr_threshold.0,
        reward_cap_points: model::REWARD_CAP_POINTS,
        late_action_minutes: casino::DEFAULT_LATE_ACTION_MINUTES,
    };
    let staff = db::as_casino_admin(owner, casino_id, async |conn| {
        casino::create_casino(conn, casino_id, &casino_name, &settings).await.map_err(refused("create casino"))?;
        let mut add = async |first: &str, last: String, role: StaffRole| {
            let new = NewStaff { first_name: first.into(), last_name: last, role, login: None };
            casino::add_staff(conn, casino_id, &new).await.map(|m| m.id).map_err(refused("add staff"))
        };
        let admin = add("Sim", "Admin".into(), StaffRole::Admin).await?;
        let cashier = add("Sim", "Cashier".into(), StaffRole::Cashier).await?;
        let mut pit_bosses = Vec::with_capacity(pits);
        for pit in 1..=pits {
            pit_bosses.push(add("Pit boss", pit.to_string(), StaffRole::PitBoss).await?);
        }
        // Half again as many dealers as tables, so rotations always find someone on a break.
        let mut dealers = Vec::with_capacity(tables * 3 / 2 + 1);
        for n in 1..=tables * 3 / 2 + 1 {
            dealers.push(add("Dealer", n.to_string(), StaffRole::Dealer).await?);
        }
        seed::standard_games(conn, casino_id).await?;
        let mut floor_tables = Vec::with_capacity(tables);
        for index in 0..tables {
            // Mostly blackjack, as on a real floor; every game appears once the floor has ten tables.
            let (game, prefix, default_min) = match index % 10 {
                0..=4 => ("blackjack", "BL", 1_000),
                5 | 6 => ("baccarat", "BA", 2_500),
                7 | 8 => ("roulette", "RO", 500),
                _ => ("craps", "CR", 1_000),
            };
            let new = NewTable {
                label: format!("{prefix}-{:03}", index + 1),
                pit: format!("Pit {}", index / TABLES_PER_PIT + 1),
                game: GameKey::new(game),
                min_bet_cents: default_min * (1 + (index as i64 % 3)),
                max_bet_cents: 200_000,
                seats: None,
            };
            let card = table_context::add_table(conn, casino_id, &new).await.map_err(refused("add table"))?;
            floor_tables.push(Table {
                id: card.id,
                pit: index / TABLES_PER_PIT,
                min_bet: card.min_bet.0,
                max_bet: card.max_bet.0,
                open: false,
                dealer: None,
                seats: vec![None; usize::try_from(card.seats).unwrap_or(7)],
                epoch: 0,
                tray: super::shift::OPENING_TRAY,
                period: None,
                pending: Vec::new(),
            });
        }
        Ok::<_, Error>((admin, cashier, pit_bosses, dealers, floor_tables))
    })
    .await?;
    let (admin, cashier, pit_bosses, dealers, tables) = staff;
    let actor = |staff_id, role| Actor { staff_id, casino_id, role };
    let admin = actor(admin, StaffRole::Admin);

    let scope = Scope { actor: admin, request_id: Uuid::new_v4() };
    let players = db::scoped(runtime, &scope, async |conn| {
        pitboss::feature::set_flag(conn, &admin, pitboss::feature::Flag::FinanceMinimalEnabled, true)
            .await
            .map_err(refused("turn finance on"))?;
        let mut players = Vec::with_capacity(config.players as usize);
        for index in 0..config.players as usize {
            let input = EnrollInput {
                first_name: FIRST_NAMES[index % FIRST_NAMES.len()].into(),
                last_name: format!("{} {}", LAST_NAMES[(index / FIRST_NAMES.len()) % LAST_NAMES.len()], index + 1),
                birth_date: chrono::NaiveDate::from_ymd_opt(1950 + (index % 50) as i32, 1 + (index % 12) as u32, 1),
            };
            let enrolled = player::enroll(conn, &admin, &input).await.map_err(refused("enroll player"))?;
            players.push(Player {
                id: enrolled.id,
                high_roller: index % 10 == 0,
                visit: None,
                seat: None,
                slip: None,
                leaves_at: 0,
                seat_tries: 0,
                epoch: 0,
                second_visit: false,
                excluded: false,
            });
        }
        Ok::<_, Error>(players)
    })
    .await?;

    Ok(Floor {
        casino_id,
        casino_name,
        admin,
        pit_bosses: pit_bosses.into_iter().map(|id| actor(id, StaffRole::PitBoss)).collect(),
        cashier: actor(cashier, StaffRole::Cashier),
        dealers,
        tables,
        players,
    })
}

/// Maps a service's refusal during set-up to the simulator's error.
fn refused<E: std::fmt::Display>(operation: &'static str) -> impl Fn(E) -> Error {
    move |error| Error::Refused { operation, at: chrono::Utc::now(), reason: error.to_string() }
}
