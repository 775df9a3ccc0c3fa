//! Counts, fills and credits, drops and the figures derived from them; shared by the server and the browser.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::casino::StaffId;
use crate::define_id;
use crate::money::Cents;
use crate::table_context::TableId;

define_id!(
    /// One row of `table_inventory_count`.
    CountId
);
define_id!(
    /// One row of `table_cage_request`.
    CageRequestId
);
define_id!(
    /// One row of `table_drop`.
    DropId
);

/// Chips by denomination: value in cents → how many. On the wire `{"2500": 40, "10000": 12}`.
pub type Chips = BTreeMap<i64, i64>;

/// Why a tray was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "inventory_count_kind", rename_all = "snake_case"))]
pub enum CountKind {
    /// Before the table opens.
    Opening,
    /// Between two shifts, while the table is open.
    ShiftChange,
    /// When the table closes.
    Closing,
}

impl CountKind {
    /// Every kind, in the order of a table's day.
    pub const ALL: [Self; 3] = [Self::Opening, Self::ShiftChange, Self::Closing];

    /// As shown on forms and reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Opening => "Opening",
            Self::ShiftChange => "Shift change",
            Self::Closing => "Closing",
        }
    }
}

/// Which way chips move between a table and the cage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "cage_request_kind", rename_all = "snake_case"))]
pub enum CageRequestKind {
    /// Chips from the cage to the table.
    Fill,
    /// Chips from the table back to the cage.
    Credit,
}

impl CageRequestKind {
    /// As shown on lists.
    pub fn label(self) -> &'static str {
        match self {
            Self::Fill => "Fill",
            Self::Credit => "Credit",
        }
    }
}

/// Where a fill or credit request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "cage_request_status", rename_all = "snake_case"))]
pub enum CageRequestStatus {
    /// Asked for by the pit, waiting for the cage.
    Requested,
    /// Confirmed by a cashier: the chips moved, and count.
    Confirmed,
    /// Withdrawn before confirmation: counts for nothing.
    Cancelled,
}

impl CageRequestStatus {
    /// As shown on badges.
    pub fn label(self) -> &'static str {
        match self {
            Self::Requested => "Pending",
            Self::Confirmed => "Confirmed",
            Self::Cancelled => "Cancelled",
        }
    }
}

/// A count of a table's chip tray, as the pit boss enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCount {
    /// The table counted.
    pub table_id: TableId,
    /// Opening, shift change or closing.
    pub kind: CountKind,
    /// The dealer who watched the count.
    pub witness_id: StaffId,
    /// What was in the tray.
    pub chips: Chips,
}

/// A recorded count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryCount {
    /// Its id.
    pub id: CountId,
    /// The table counted.
    pub table_id: TableId,
    /// Opening, shift change or closing.
    pub kind: CountKind,
    /// What was in the tray.
    pub chips: Chips,
    /// Their value, summed by the database.
    pub total: Cents,
    /// Who counted.
    pub counted_by: StaffId,
    /// Their name.
    pub counted_by_name: String,
    /// The dealer who watched.
    pub witness_id: StaffId,
    /// Their name.
    pub witness_name: String,
    /// The gaming day it counts toward, derived by the server.
    pub gaming_day: NaiveDate,
    /// When.
    pub counted_at: DateTime<Utc>,
}

/// A fill or credit asked for by the pit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CageRequest {
    /// Its id: what the cage confirms.
    pub id: CageRequestId,
    /// The table.
    pub table_id: TableId,
    /// The table's label.
    pub table_label: String,
    /// Fill or credit.
    pub kind: CageRequestKind,
    /// The chips asked for (fill) or sent back (credit).
    pub chips: Chips,
    /// Their value.
    pub total: Cents,
    /// Pending, confirmed or cancelled.
    pub status: CageRequestStatus,
    /// Who asked.
    pub requested_by: StaffId,
    /// Their name.
    pub requested_by_name: String,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// Who confirmed or cancelled it.
    pub resolved_by: Option<StaffId>,
    /// Their name.
    pub resolved_by_name: Option<String>,
    /// When.
    pub resolved_at: Option<DateTime<Utc>>,
    /// The gaming day of the confirmation.
    pub gaming_day: Option<NaiveDate>,
}

/// A table's drop for a gaming day, as the count room enters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDrop {
    /// The table whose drop box was counted.
    pub table_id: TableId,
    /// The gaming day the box holds.
    pub gaming_day: NaiveDate,
    /// Currency in the box.
    pub cash_cents: Cents,
    /// Markers (credit instruments) in the box.
    pub markers_cents: Cents,
    /// For a box changed at a shift change: the shift-change or closing count that ended its shift.
    #[serde(default)]
    pub shift_end_id: Option<CountId>,
}

/// A drop entry, or the reversal of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropEntry {
    /// Its id.
    pub id: DropId,
    /// The table.
    pub table_id: TableId,
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// Currency.
    pub cash: Cents,
    /// Markers.
    pub markers: Cents,
    /// The entry this one cancels, for a reversal.
    pub reverses_id: Option<DropId>,
    /// The entry that cancels this one, once reversed.
    pub reversed_by: Option<DropId>,
    /// The reason, for a reversal.
    pub note: Option<String>,
    /// The count that ended the shift whose box this is, when the box was counted per shift.
    pub shift_end_id: Option<CountId>,
    /// Who entered it.
    pub entered_by: StaffId,
    /// Their name.
    pub entered_by_name: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// One table's accounting for one gaming day: what `table_day_results` derives, beside the rated play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableDay {
    /// The table.
    pub table_id: TableId,
    /// Its label.
    pub label: String,
    /// Its pit.
    pub pit: String,
    /// Counted periods ending that day (an opening or shift change to the next count).
    pub periods: i32,
    /// The inventory at the start of those periods.
    pub opening: Cents,
    /// The inventory at their end.
    pub closing: Cents,
    /// Confirmed fills.
    pub fills: Cents,
    /// Confirmed credits.
    pub credits: Cents,
    /// Currency dropped, once entered.
    pub drop_cash: Option<Cents>,
    /// Markers dropped, once entered.
    pub drop_markers: Option<Cents>,
    /// Cash and markers, once entered.
    pub drop: Option<Cents>,
    /// Drop + credits − fills + (closing − opening), once both a period and a drop exist.
    pub win: Option<Cents>,
    /// Win ÷ drop in basis points, for a drop above zero.
    pub hold_bps: Option<i64>,
    /// The rated theoretical win of the table's slips that day.
    pub theo: Cents,
    /// How many players were rated there.
    pub rated_players: i64,
    /// Loyalty points issued on those slips.
    pub points_issued: i64,
    /// The rated players' buy-ins at the table (cash and markers taken at the pit on their slips, net of
    /// corrections): the part of the drop that was rated.
    pub rated_drop: Cents,
    /// Rating coverage: rated drop ÷ drop in basis points, once the drop is entered and above zero.
    pub coverage_bps: Option<i64>,
}

/// One shift of one table: from an opening or shift-change count to the next count, with the drop the count
/// room entered for it where the box was changed at the shift change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableShift {
    /// The table.
    pub table_id: TableId,
    /// Its label.
    pub label: String,
    /// Its pit.
    pub pit: String,
    /// The count that ended the shift: its identity, named by a shift's drop.
    pub end_id: CountId,
    /// The count that started it.
    pub start_kind: CountKind,
    /// The count that ended it.
    pub end_kind: CountKind,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended.
    pub ended_at: DateTime<Utc>,
    /// The tray at its start.
    pub opening: Cents,
    /// The tray at its end.
    pub closing: Cents,
    /// Confirmed fills.
    pub fills: Cents,
    /// Confirmed credits.
    pub credits: Cents,
    /// The drop entered for this shift.
    pub drop: Option<Cents>,
    /// Drop + credits − fills + (closing − opening), once its drop is entered.
    pub win: Option<Cents>,
    /// Win ÷ drop in basis points.
    pub hold_bps: Option<i64>,
    /// The rated theo of the shift's time: each slip's theo in proportion to its time within the shift.
    pub theo: Cents,
    /// Players rated during the shift.
    pub rated_players: i64,
}

/// Sums over a pit or the casino.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rollup {
    /// The pit, or `None` for the whole casino.
    pub pit: Option<String>,
    /// Tables with any figure that day.
    pub tables: i64,
    /// Sum of the tables' drops (those entered).
    pub drop: Cents,
    /// Sum of the tables' wins (those known).
    pub win: Cents,
    /// Win ÷ drop over the tables whose win is known, in basis points.
    pub hold_bps: Option<i64>,
    /// Rated theo.
    pub theo: Cents,
    /// Fills.
    pub fills: Cents,
    /// Credits.
    pub credits: Cents,
    /// Rated drop over the tables whose drop is entered.
    pub rated_drop: Cents,
    /// Rated drop ÷ drop over those tables, in basis points.
    pub coverage_bps: Option<i64>,
}

/// A gaming day's accounting: per table, per pit and for the casino.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayAccounting {
    /// The gaming day.
    pub gaming_day: NaiveDate,
    /// Per table, by pit and label.
    pub tables: Vec<TableDay>,
    /// Per pit, by name.
    pub pits: Vec<Rollup>,
    /// The casino.
    pub casino: Rollup,
    /// Per table, its shifts ending that day, for tables counted at a shift change or opened more than once (a
    /// table counted only at one opening and closing has one shift: the day's row says it all).
    pub shifts: Vec<TableShift>,
}

/// What the pit and the cage see of one table: its counts and requests of the gaming day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableInventory {
    /// The table.
    pub table_id: TableId,
    /// The gaming day shown.
    pub gaming_day: NaiveDate,
    /// The casino's chip set, smallest first.
    pub chip_set: Vec<Cents>,
    /// The table's latest count, whatever its day.
    pub latest: Option<InventoryCount>,
    /// The day's counts, newest first.
    pub counts: Vec<InventoryCount>,
    /// The day's fills and credits with pending ones of any day, newest first.
    pub requests: Vec<CageRequest>,
}
