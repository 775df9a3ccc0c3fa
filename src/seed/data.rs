//! The demo floor: who works where, which tables stand in which pit, and who plays. Fixture data.

use crate::casino::StaffRole;

/// First name, last name, role, and (email, password) for those who sign in.
pub(super) type DemoStaff = (&'static str, &'static str, StaffRole, Option<(&'static str, &'static str)>);
/// Label, pit, game, minimum and maximum bet in cents, and its status at seeding.
pub(super) type DemoTable = (&'static str, &'static str, &'static str, i64, i64, &'static str);

/// Table label, seat, index into the players, average bet in cents, and whether the slip is paused.
pub(super) type DemoPlay = (&'static str, i16, usize, i64, bool);

/// A casino to seed.
pub(super) struct DemoCasino {
    pub id: uuid::Uuid,
    pub name: &'static str,
    pub gaming_day_start: &'static str,
    pub timezone: &'static str,
    /// The filer a CTR names: legal name, EIN, street, city, state, ZIP.
    pub filer: [&'static str; 6],
    pub staff: &'static [DemoStaff],
    pub tables: &'static [DemoTable],
    pub players: &'static [(&'static str, &'static str)],
    /// Players already rated when the demo starts, so the pit is alive on first sight.
    pub play: &'static [DemoPlay],
}

/// Rating parameters of one game (Wizard of Odds comp-purpose values, `reference/pit-operations.md` §2.2).
pub(super) struct DemoGame {
    pub game: &'static str,
    pub name: &'static str,
    pub min_bet_cents: i64,
    pub max_bet_cents: i64,
    pub seats: i16,
    pub house_edge_bps: i32,
    pub decisions_per_hour: i32,
}

pub(super) const GAMES: &[DemoGame] = &[
    DemoGame {
        game: "blackjack",
        name: "Blackjack",
        min_bet_cents: 1_000,
        max_bet_cents: 500_000,
        seats: 7,
        house_edge_bps: 75,
        decisions_per_hour: 70,
    },
    DemoGame {
        game: "baccarat",
        name: "Baccarat",
        min_bet_cents: 2_500,
        max_bet_cents: 2_500_000,
        seats: 7,
        house_edge_bps: 120,
        decisions_per_hour: 72,
    },
    DemoGame {
        game: "roulette",
        name: "Roulette",
        min_bet_cents: 500,
        max_bet_cents: 200_000,
        seats: 8,
        house_edge_bps: 526,
        decisions_per_hour: 38,
    },
    DemoGame {
        game: "craps",
        name: "Craps",
        min_bet_cents: 1_000,
        max_bet_cents: 300_000,
        seats: 14,
        house_edge_bps: 158,
        decisions_per_hour: 48,
    },
];

/// Loyalty points per dollar of theoretical win, for every demo game.
pub(super) const POINTS_PER_THEO_DOLLAR: i32 = 10;

pub(super) const DEMO: DemoCasino = DemoCasino {
    id: uuid::uuid!("d3000000-0000-4000-8000-000000000001"),
    name: "Demo Casino",
    gaming_day_start: "06:00",
    timezone: "America/Los_Angeles",
    filer: ["Demo Casino Operating Company LLC", "88-1234567", "3700 Las Vegas Blvd S", "Las Vegas", "NV", "89109"],
    staff: &[
        ("Avery", "Quinn", StaffRole::Admin, Some(("admin@demo.casino", "demo-admin"))),
        ("Morgan", "Hale", StaffRole::PitBoss, Some(("pitboss@demo.casino", "demo-pitboss"))),
        ("Riley", "Chen", StaffRole::PitBoss, Some(("pitboss2@demo.casino", "demo-pitboss"))),
        ("Jordan", "Blake", StaffRole::Cashier, Some(("cashier@demo.casino", "demo-cashier"))),
        ("Casey", "Ortiz", StaffRole::Compliance, Some(("compliance@demo.casino", "demo-compliance"))),
        ("Sam", "Park", StaffRole::Dealer, None),
        ("Lee", "Nakamura", StaffRole::Dealer, None),
        ("Alex", "Romero", StaffRole::Dealer, None),
        ("Taylor", "Brooks", StaffRole::Dealer, None),
        ("Jamie", "Patel", StaffRole::Dealer, None),
        ("Drew", "Kim", StaffRole::Dealer, None),
    ],
    // label, pit, game, min bet, max bet (cents), status; the first active tables get the dealers, in order
    tables: &[
        ("BJ-01", "Main", "blackjack", 1_000, 100_000, "active"),
        ("BJ-02", "Main", "blackjack", 1_500, 150_000, "active"),
        ("BJ-03", "Main", "blackjack", 2_500, 250_000, "active"),
        ("BJ-04", "Main", "blackjack", 2_500, 250_000, "inactive"),
        ("BJ-05", "Main", "blackjack", 5_000, 500_000, "inactive"),
        ("BAC-01", "Main", "baccarat", 2_500, 500_000, "active"),
        ("RL-01", "Main", "roulette", 500, 100_000, "active"),
        ("RL-02", "Main", "roulette", 1_000, 200_000, "closed"),
        ("CR-01", "Main", "craps", 1_000, 300_000, "active"),
        ("HL-BJ-01", "High Limit", "blackjack", 10_000, 1_000_000, "active"),
        ("HL-BJ-02", "High Limit", "blackjack", 20_000, 2_000_000, "inactive"),
        ("HL-BAC-01", "High Limit", "baccarat", 10_000, 2_500_000, "active"),
    ],
    players: &[
        ("Maria", "Gonzalez"),
        ("James", "Whitfield"),
        ("Linda", "Okafor"),
        ("Robert", "Sato"),
        ("Patricia", "Lindqvist"),
        ("Michael", "Brennan"),
        ("Jennifer", "Abara"),
        ("William", "Castellanos"),
        ("Elizabeth", "Moreau"),
        ("David", "Nguyen"),
        ("Barbara", "Kowalski"),
        ("Richard", "Haddad"),
        ("Susan", "Fitzgerald"),
        ("Joseph", "Tanaka"),
        ("Jessica", "Oyelaran"),
        ("Thomas", "Delgado"),
        ("Sarah", "Whitaker"),
        ("Charles", "Ivanova"),
        ("Karen", "Bergstrom"),
        ("Daniel", "Mahmoud"),
        ("Nancy", "Caruso"),
        ("Matthew", "Okonkwo"),
        ("Lisa", "Rasmussen"),
        ("Anthony", "Yamamoto"),
        ("Betty", "Sorensen"),
        ("Mark", "Achebe"),
        ("Sandra", "Lombardi"),
        ("Steven", "Cho"),
        ("Ashley", "Navarro"),
        ("Paul", "Fischer"),
        ("Kimberly", "Adeyemi"),
        ("Andrew", "Kaplan"),
        ("Emily", "Vasquez"),
        ("Joshua", "Holmberg"),
        ("Donna", "Petrov"),
        ("Kenneth", "Mbeki"),
        ("Michelle", "Duarte"),
        ("Kevin", "Lachance"),
        ("Carol", "Ishikawa"),
        ("Brian", "O'Sullivan"),
    ],
    play: &[
        ("BJ-01", 1, 0, 2_500, false),
        ("BJ-01", 3, 1, 5_000, false),
        ("BJ-02", 2, 2, 1_500, true),
        ("BAC-01", 5, 3, 20_000, false),
        ("RL-01", 4, 4, 1_000, false),
    ],
};

pub(super) const OTHER: DemoCasino = DemoCasino {
    id: uuid::uuid!("07000000-0000-4000-8000-000000000002"),
    name: "Other Casino",
    gaming_day_start: "04:00",
    timezone: "America/New_York",
    filer: ["Other Casino Resorts Inc.", "22-7654321", "1 Boardwalk", "Atlantic City", "NJ", "08401"],
    staff: &[
        ("Blair", "Sutton", StaffRole::Admin, Some(("admin@other.casino", "other-admin"))),
        ("Reese", "Donovan", StaffRole::PitBoss, Some(("pitboss@other.casino", "other-pitboss"))),
        ("Kai", "Larsen", StaffRole::Dealer, None),
        ("Noor", "Haddad", StaffRole::Dealer, None),
    ],
    tables: &[
        ("OT-BJ-01", "Main", "blackjack", 1_000, 100_000, "active"),
        ("OT-RL-01", "Main", "roulette", 500, 100_000, "inactive"),
    ],
    players: &[("Gianni", "Russo"), ("Helena", "Marsh"), ("Tobias", "Wren"), ("Imani", "Cole"), ("Viktor", "Ansel")],
    play: &[],
};

/// A plausible, reproducible birth date for the `index`th player: adults born 1950–1999.
pub(super) fn birth_date(index: usize) -> chrono::NaiveDate {
    let i = index as i32;
    let year = 1950 + (i * 7) % 50;
    let month = (i as u32 * 5) % 12 + 1;
    let day = (i as u32 * 11) % 28 + 1;
    chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// The demo's comp catalog: name, category, and point cost (`None`: priced at value).
pub const COMP_CATALOG: [(&str, crate::loyalty::comp::CompCategory, Option<i32>); 5] = {
    use crate::loyalty::comp::CompCategory::{Beverage, Food, FreePlay, Room};
    [
        ("Buffet for one", Food, Some(250)),
        ("Steakhouse dinner", Food, None),
        ("Bar tab", Beverage, Some(150)),
        ("Free play $25", FreePlay, Some(500)),
        ("Hotel room, one night", Room, Some(2_000)),
    ]
};
