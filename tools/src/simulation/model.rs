//! The simulator's own account of the floor: who sits where, and the ground truth the database must match.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use pitboss::actor::Actor;
use pitboss::casino::StaffId;
use pitboss::finance::{Direction, FinanceTxnId};
use pitboss::mtl::{Proximity, Thresholds};
use pitboss::player::PlayerId;
use pitboss::rating_slip::SlipId;
use pitboss::table_accounting::{CageRequestId, CageRequestKind, CountId};
use pitboss::table_context::TableId;
use pitboss::visit::VisitId;

/// The zone the simulated casino runs in: fixed UTC−8 (no daylight saving), so the simulator can compute
/// gaming days itself, independently of the database.
pub(super) const TIMEZONE: &str = "Etc/GMT+8";
/// Hours the zone is behind UTC.
pub(super) const UTC_OFFSET_HOURS: i64 = -8;
/// The gaming day starts at 06:00 local.
pub(super) const GAMING_DAY_START: &str = "06:00";
pub(super) const GAMING_DAY_START_HOUR: i64 = 6;
/// Title 31 thresholds of the simulated casino, in cents.
pub(super) const THRESHOLDS: Thresholds =
    Thresholds { watchlist_floor: pitboss::Cents(300_000), ctr_threshold: pitboss::Cents(1_000_000) };
pub(super) const REWARD_CAP_POINTS: i32 = 5_000;

/// The gaming day of `at`: local time (UTC−8) minus the 06:00 start, as a date. The simulator's own rule,
/// compared with what the database stored.
pub(super) fn gaming_day(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(UTC_OFFSET_HOURS - GAMING_DAY_START_HOUR)).date_naive()
}

/// Where a direction's cash total stands, by the rule written out again: CTR above the threshold, near
/// CTR above 90 % of it, watchlist at or above the floor.
pub(super) fn expected_level(total_cents: i64) -> Proximity {
    let (floor, ctr) = (THRESHOLDS.watchlist_floor.0, THRESHOLDS.ctr_threshold.0);
    if total_cents > ctr {
        Proximity::Ctr
    } else if total_cents * 10 > ctr * 9 {
        Proximity::NearCtr
    } else if total_cents >= floor {
        Proximity::Watchlist
    } else {
        Proximity::None
    }
}

/// The casino as laid out before the shift.
pub(super) struct Floor {
    pub casino_id: pitboss::casino::CasinoId,
    pub casino_name: String,
    pub admin: Actor,
    /// One pit boss per pit, indexed like `Table::pit`.
    pub pit_bosses: Vec<Actor>,
    pub cashier: Actor,
    pub dealers: Vec<StaffId>,
    pub tables: Vec<Table>,
    pub players: Vec<Player>,
}

pub(super) struct Table {
    pub id: TableId,
    pub pit: usize,
    pub min_bet: i64,
    pub max_bet: i64,
    pub open: bool,
    /// Index into `Floor::dealers`.
    pub dealer: Option<usize>,
    /// Who sits in each seat (index into `Floor::players`); seat numbers are index + 1.
    pub seats: Vec<Option<usize>>,
    /// Bumped when the table closes, so events scheduled for its earlier opening are dropped.
    pub epoch: u32,
    /// What the chip tray holds, in cents.
    pub tray: i64,
    /// The period since the table's last count while it is open.
    pub period: Option<Period>,
    /// Fills and credits asked for and not yet resolved: (request, kind, cents).
    pub pending: Vec<(CageRequestId, CageRequestKind, i64)>,
}

/// What happened at a table since its last count: the cash its box took and what its players lost (negative:
/// won). The players' losses are the table's true win; the count room's drop is the cash.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Period {
    pub cash: i64,
    pub players_lost: i64,
}

pub(super) struct Player {
    pub id: PlayerId,
    /// Bets ten times bigger and buys in with thousands: crosses the MTL thresholds.
    pub high_roller: bool,
    pub visit: Option<VisitId>,
    /// (table index, seat number).
    pub seat: Option<(usize, i16)>,
    pub slip: Option<SlipTruth>,
    /// When this visit ends (seconds into the shift).
    pub leaves_at: i64,
    /// Seating attempts left before giving up on a full floor.
    pub seat_tries: u8,
    /// Bumped whenever the player's situation changes, so stale events are dropped.
    pub epoch: u32,
    pub second_visit: bool,
    /// Barred or self-excluded by compliance: turned away at the door from then on.
    pub excluded: bool,
}

/// A running slip as the simulator sees it, in seconds into the shift.
pub(super) struct SlipTruth {
    pub id: SlipId,
    pub started: i64,
    pub paused_since: Option<i64>,
    pub paused_total: i64,
    /// Its last start, pause, resume or bet change: a late tap cannot precede it.
    pub last_change: i64,
}

impl SlipTruth {
    /// Seconds rated if the slip closes at `now`.
    pub fn seconds_at(&self, now: i64) -> i64 {
        now - self.started - self.paused_total - self.paused_since.map_or(0, |since| now - since)
    }
}

/// One cash-relevant finance entry and the MTL row it must (or must not) have.
pub(super) struct MtlTruth {
    pub day_total_cents: i64,
    pub is_reversal: bool,
    pub gaming_day: NaiveDate,
}

/// A threshold event the shift's cash must have raised: the entry that crossed, and the day's total with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AlertTruth {
    pub financial_txn_id: FinanceTxnId,
    pub day_total_cents: i64,
}

/// A threshold event's once-only key: the patron, gaming day, direction and level.
pub(super) type AlertKey = (PlayerId, NaiveDate, Direction, Proximity);

/// One shift of one table: from a count to the next.
#[derive(Debug, Clone, Copy)]
pub(super) struct ShiftTruth {
    pub table: TableId,
    pub gaming_day: NaiveDate,
    /// Cash its box took.
    pub cash: i64,
    /// What its players lost: its true win.
    pub players_lost: i64,
}

/// What the database must show at the end.
#[derive(Default)]
pub(super) struct Truth {
    /// Rated seconds of every slip, closed or not.
    pub slip_seconds: BTreeMap<SlipId, i64>,
    /// The gaming day each slip began on, by the simulator's own rule: every second it rates must be on it.
    pub slip_days: BTreeMap<SlipId, NaiveDate>,
    /// Audit rows every successful operation owes, by action.
    pub audit: BTreeMap<&'static str, u64>,
    /// Cash totals by player, gaming day and direction (reversals subtract).
    pub cash: HashMap<(PlayerId, NaiveDate, Direction), i64>,
    /// Entries that must have an MTL row.
    pub mtl: HashMap<FinanceTxnId, MtlTruth>,
    /// Threshold events the cash must have raised, each once.
    pub alerts: HashMap<AlertKey, AlertTruth>,
    /// Mid-session rewards issued (first answers), by idempotency key.
    pub rewards: usize,
    /// Comps that moved a balance: written within authority, or approved.
    pub comps_redeemed: i64,
    /// Answers that differed from the first answer to the same key.
    pub replay_mismatches: Vec<String>,
    /// Entries whose gaming day differs from the simulator's.
    pub day_mismatches: Vec<String>,
    /// What each table's players lost (its true win), by table and gaming day of the periods' closing counts.
    pub table_wins: BTreeMap<(TableId, NaiveDate), i64>,
    /// The cash each table's box took, by table and gaming day: what the count room enters.
    pub table_drops: BTreeMap<(TableId, NaiveDate), i64>,
    /// Each shift (counted period) by the count that ended it.
    pub shifts: BTreeMap<CountId, ShiftTruth>,
    /// The shifts whose box the count room entered on its own rather than with the day's.
    pub shift_drops: BTreeSet<CountId>,
    /// Counts whose total differs from the tray the simulator kept.
    pub tray_mismatches: Vec<String>,
}

impl Truth {
    pub fn audit(&mut self, action: &'static str, rows: u64) {
        *self.audit.entry(action).or_default() += rows;
    }

    /// Rated seconds by gaming day, closed slips and running ones alike.
    pub fn seconds_by_day(&self) -> BTreeMap<NaiveDate, i64> {
        let mut days = BTreeMap::new();
        for (slip, seconds) in &self.slip_seconds {
            if let Some(day) = self.slip_days.get(slip) {
                *days.entry(*day).or_default() += seconds;
            }
        }
        days
    }
}

/// What the shift did, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Transactions committed (each one operator action).
    pub transactions: u64,
    /// Tables opened.
    pub tables_opened: u64,
    /// Tables closed (end of shift included).
    pub tables_closed: u64,
    /// Of those, closed with players still rated (forced).
    pub forced_closes: u64,
    /// Dealers put on tables.
    pub dealer_rotations: u64,
    /// Visits begun.
    pub check_ins: u64,
    /// Visits ended.
    pub check_outs: u64,
    /// Rating slips started.
    pub slips: u64,
    /// Slips paused.
    pub pauses: u64,
    /// Slips resumed.
    pub resumes: u64,
    /// Average-bet changes.
    pub bet_changes: u64,
    /// Of the pauses and resumes, those a tablet queued offline and sent minutes later, at their tap.
    pub late_taps: u64,
    /// Players moved to another table (`floor::move_player`: slip closed, continuing slip started).
    pub moves: u64,
    /// Players seated without being rated (rating started later, or never).
    pub unrated_seats: u64,
    /// Visits open when the gaming day ended, continued on the new day.
    pub rolled_visits: u64,
    /// Of their slips, those split at the day's end and continued.
    pub rolled_slips: u64,
    /// Flags set by compliance (barred, self-excluded, watch).
    pub exclusions: u64,
    /// Check-ins refused because the player is barred or self-excluded.
    pub turned_away: u64,
    /// Mid-session rewards issued.
    pub rewards: u64,
    /// Duplicate reward requests sent (sequential resends and concurrent copies).
    pub reward_duplicates: u64,
    /// Comps written.
    pub comps: u64,
    /// Of those beyond the writer's authority, approved by the admin.
    pub comp_approvals: u64,
    /// And denied.
    pub comp_denials: u64,
    /// Deposits and withdrawals recorded.
    pub finance_entries: u64,
    /// Duplicate finance requests sent.
    pub finance_duplicates: u64,
    /// Entries reversed.
    pub reversals: u64,
    /// Seating attempts that found the floor full.
    pub floor_full: u64,
    /// Tray counts (opening, shift changes, closing).
    pub tray_counts: u64,
    /// Fills confirmed at the cage.
    pub fills: u64,
    /// Credits confirmed at the cage.
    pub credits: u64,
    /// Fill and credit requests cancelled (by the pit, at closing, or refused by the cage).
    pub cage_cancels: u64,
    /// Drop entries (per table and gaming day), and of them those entered wrong, reversed and entered again.
    pub drops: u64,
    /// Drop entries reversed.
    pub drop_reversals: u64,
    /// Of the drop entries, those of one shift's box.
    pub shift_drops: u64,
    /// MTL rows the shift's cash must have produced (by the simulator's own totals).
    pub mtl_rows: u64,
    /// Threshold events, and of them CTR crossings.
    pub alerts: u64,
    pub ctr_alerts: u64,
    /// Audit rows the casino must have (set-up included), one per state change.
    pub audit_rows: u64,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  transactions      {}", self.transactions)?;
        writeln!(
            f,
            "  tables            {} opened, {} closed ({} forced with players rated)",
            self.tables_opened, self.tables_closed, self.forced_closes
        )?;
        writeln!(f, "  dealer rotations  {}", self.dealer_rotations)?;
        writeln!(
            f,
            "  visits            {} check-ins, {} check-outs, {} seated unrated, {} turned away ({} flags set)",
            self.check_ins, self.check_outs, self.unrated_seats, self.turned_away, self.exclusions
        )?;
        writeln!(
            f,
            "  rating slips      {} started, {} moves, {} pauses, {} resumes, {} average-bet changes",
            self.slips, self.moves, self.pauses, self.resumes, self.bet_changes
        )?;
        writeln!(f, "  sent late         {} pauses and resumes, at the instant they were tapped", self.late_taps)?;
        writeln!(
            f,
            "  gaming-day end    {} visits and {} slips split and continued",
            self.rolled_visits, self.rolled_slips
        )?;
        writeln!(f, "  rewards           {} issued, {} duplicate requests", self.rewards, self.reward_duplicates)?;
        writeln!(
            f,
            "  comps             {} written, {} beyond authority approved, {} denied",
            self.comps, self.comp_approvals, self.comp_denials
        )?;
        writeln!(
            f,
            "  finance           {} entries, {} reversals, {} duplicate requests",
            self.finance_entries, self.reversals, self.finance_duplicates
        )?;
        writeln!(
            f,
            "  table accounting  {} tray counts, {} fills and {} credits confirmed, {} requests cancelled, {} drops ({} of a shift's box, {} reversed)",
            self.tray_counts,
            self.fills,
            self.credits,
            self.cage_cancels,
            self.drops,
            self.shift_drops,
            self.drop_reversals
        )?;
        writeln!(
            f,
            "  MTL rows          {} ({} threshold events, {} of them CTR)",
            self.mtl_rows, self.alerts, self.ctr_alerts
        )?;
        writeln!(f, "  audit rows        {}", self.audit_rows)?;
        write!(f, "  floor full        {} seating attempts", self.floor_full)
    }
}
