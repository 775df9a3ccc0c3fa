//! Pure decisions of table games accounting: who does what, what a count may hold, when a drop may be entered,
//! and the roll-ups of the day's figures.

use chrono::{DateTime, NaiveDate, Utc};

use super::error::Error;
use super::model::{Chips, CountKind, Rollup, TableDay};
use crate::casino::StaffRole;
use crate::error::{ErrorCode, FieldError};
use crate::money::Cents;
use crate::table_context::TableStatus;

/// The most chips of one denomination a count or request may name.
pub const MAX_CHIPS: i64 = 100_000;
/// The largest drop amount, in cents ($10,000,000).
pub const MAX_DROP_CENTS: i64 = 1_000_000_000;

/// Counting trays and asking the cage for fills and credits is the pit's.
pub fn may_count(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// Confirming fills and credits is the cage's.
pub fn may_confirm(role: StaffRole) -> bool {
    matches!(role, StaffRole::Cashier | StaffRole::Admin)
}

/// The pit withdraws its request; the cage may refuse one.
pub fn may_cancel(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Cashier | StaffRole::Admin)
}

/// The drop is counted in the count room, by cashiers.
pub fn may_enter_drop(role: StaffRole) -> bool {
    matches!(role, StaffRole::Cashier | StaffRole::Admin)
}

/// Who reads counts, requests, drops and the day's figures.
pub fn may_read(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Cashier | StaffRole::Compliance | StaffRole::Admin)
}

/// Checks every chip of `chips` against the casino's `chip_set`: a known denomination, a whole count from 0
/// to [`MAX_CHIPS`]. All problems come back together, one field (`chips.<cents>`) per chip.
pub fn check_chips(chips: &Chips, chip_set: &[Cents]) -> Result<(), Error> {
    let fields: Vec<FieldError> = chips
        .iter()
        .filter_map(|(&cents, &count)| {
            let code = if !chip_set.contains(&Cents(cents)) {
                ErrorCode::CountUnknownDenomination
            } else if !(0..=MAX_CHIPS).contains(&count) {
                ErrorCode::CountInvalidQuantity
            } else {
                return None;
            };
            Some(FieldError::new(format!("chips.{cents}"), code))
        })
        .collect();
    if fields.is_empty() { Ok(()) } else { Err(Error::InvalidChips(fields)) }
}

/// A fill or credit moves at least one chip.
pub fn check_not_empty(chips: &Chips) -> Result<(), Error> {
    if chips.values().any(|&count| count > 0) { Ok(()) } else { Err(Error::NoChips) }
}

/// The value of `chips`, as the database sums it (`chips_total`); for forms, before the server answers.
pub fn total(chips: &Chips) -> Cents {
    Cents(chips.iter().map(|(cents, count)| cents.saturating_mul(*count)).fold(0, i64::saturating_add))
}

/// An opening count is taken while the table is not open; shift-change and closing counts while it is.
pub fn check_kind(kind: CountKind, status: TableStatus) -> Result<(), Error> {
    let open = status == TableStatus::Active;
    if (kind == CountKind::Opening) != open { Ok(()) } else { Err(Error::KindNotAllowed) }
}

/// A table opens on a counted tray: its latest count is an opening count, taken since it last closed.
pub fn check_counted_for_opening(latest: Option<CountKind>) -> Result<(), Error> {
    if latest == Some(CountKind::Opening) { Ok(()) } else { Err(Error::OpeningCountRequired) }
}

/// A table closes on a counted tray.
///
/// Its latest count is a closing count, no fill or credit still awaits the cage (it would land in no period),
/// and none was confirmed after the count (the count would miss it).
pub fn check_counted_for_closing(
    latest: Option<(CountKind, DateTime<Utc>)>,
    pending: i64,
    last_confirmed: Option<DateTime<Utc>>,
) -> Result<(), Error> {
    if pending > 0 {
        return Err(Error::RequestsPending);
    }
    match latest {
        Some((CountKind::Closing, counted_at)) if last_confirmed.is_none_or(|at| at <= counted_at) => Ok(()),
        _ => Err(Error::ClosingCountRequired),
    }
}

/// A drop's amounts are from zero to [`MAX_DROP_CENTS`], each reported at its field.
pub fn check_drop_amounts(cash: Cents, markers: Cents) -> Result<(), Error> {
    let fields: Vec<FieldError> = [("cash_cents", cash), ("markers_cents", markers)]
        .into_iter()
        .filter(|(_, amount)| !(0..=MAX_DROP_CENTS).contains(&amount.0))
        .map(|(field, _)| FieldError::new(field, ErrorCode::DropInvalidAmount))
        .collect();
    if fields.is_empty() { Ok(()) } else { Err(Error::InvalidAmount(fields)) }
}

/// The drop box holds a gaming day's play: it is counted for a day that has ended, or for today once the table
/// has closed (its box is pulled at closing).
pub fn check_drop_day(day: NaiveDate, today: NaiveDate, status: TableStatus) -> Result<(), Error> {
    if day < today || (day == today && status != TableStatus::Active) { Ok(()) } else { Err(Error::DayNotEnded) }
}

/// A shift's drop names a count that ended a shift of its table on its gaming day.
///
/// `shift_end` is that count's kind and gaming day, none if the table has no such count. A shift-change or
/// closing count ends a shift; the box was changed then, so it may be counted while the table plays on.
pub fn check_shift_end(shift_end: Option<(CountKind, NaiveDate)>, day: NaiveDate) -> Result<(), Error> {
    match shift_end {
        Some((kind, counted)) if kind != CountKind::Opening && counted == day => Ok(()),
        _ => Err(Error::UnknownShift),
    }
}

/// What a table's tray did over its counted periods: credits − fills + (closing − opening). The win is the
/// drop plus this; before the drop is counted, it is all the shift view can say.
pub fn tray_result(day: &TableDay) -> Cents {
    Cents(day.credits.0 - day.fills.0 + day.closing.0 - day.opening.0)
}

/// Win ÷ drop in basis points, rounded half away from zero; none for a drop of zero.
pub fn hold_bps(win: Cents, drop: Cents) -> Option<i64> {
    if drop.0 == 0 {
        return None;
    }
    let scaled = i128::from(win.0) * 10_000;
    let drop = i128::from(drop.0);
    let rounded = (2 * scaled + scaled.signum() * drop.abs()) / (2 * drop);
    i64::try_from(rounded).ok()
}

/// Rating coverage: the rated players' buy-ins ÷ the drop, in basis points like hold; none until the drop
/// is entered and above zero.
pub fn coverage_bps(rated_drop: Cents, drop: Option<Cents>) -> Option<i64> {
    drop.and_then(|drop| hold_bps(rated_drop, drop))
}

/// The part of a slip's theo earned within a shift: in proportion to the slip's time `[start, end]` that falls
/// in `(from, to]`, rounded down to the cent. A slip of no duration counts where it started.
pub fn theo_within(
    theo: Cents,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Cents {
    let total = (end - start).num_seconds();
    if total <= 0 {
        return if start > from && start <= to { theo } else { Cents(0) };
    }
    let overlap = (end.min(to) - start.max(from)).num_seconds();
    if overlap <= 0 {
        return Cents(0);
    }
    Cents(i64::try_from(i128::from(theo.0) * i128::from(overlap) / i128::from(total)).unwrap_or(theo.0))
}

/// The day's figures per pit (by name) and for the casino.
///
/// Drop and win sum only the tables where they are known, and hold is taken over the tables whose win is known, so a table still waiting for its drop does
/// not pull the hold down.
pub fn rollups(tables: &[TableDay]) -> (Vec<Rollup>, Rollup) {
    let mut pits: Vec<String> = tables.iter().map(|t| t.pit.clone()).collect();
    pits.sort();
    pits.dedup();
    let per_pit = pits
        .into_iter()
        .map(|pit| {
            let rows: Vec<&TableDay> = tables.iter().filter(|t| t.pit == pit).collect();
            Rollup { pit: Some(pit), ..rollup(&rows) }
        })
        .collect();
    (per_pit, rollup(&tables.iter().collect::<Vec<_>>()))
}

fn rollup(tables: &[&TableDay]) -> Rollup {
    let sum = |f: &dyn Fn(&TableDay) -> Option<Cents>| Cents(tables.iter().filter_map(|t| f(t)).map(|c| c.0).sum());
    let won: Vec<&&TableDay> = tables.iter().filter(|t| t.win.is_some()).collect();
    let won_drop = Cents(won.iter().filter_map(|t| t.drop).map(|c| c.0).sum());
    let win = sum(&|t| t.win);
    let dropped: Vec<&&TableDay> = tables.iter().filter(|t| t.drop.is_some()).collect();
    let rated_drop = Cents(dropped.iter().map(|t| t.rated_drop.0).sum());
    Rollup {
        pit: None,
        tables: i64::try_from(tables.len()).unwrap_or(i64::MAX),
        drop: sum(&|t| t.drop),
        win,
        hold_bps: if won.is_empty() { None } else { hold_bps(win, won_drop) },
        theo: sum(&|t| Some(t.theo)),
        fills: sum(&|t| Some(t.fills)),
        credits: sum(&|t| Some(t.credits)),
        rated_drop,
        coverage_bps: if dropped.is_empty() { None } else { coverage_bps(rated_drop, Some(sum(&|t| t.drop))) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::DomainError;
    use crate::table_context::TableId;

    const SET: [Cents; 3] = [Cents(100), Cents(500), Cents(2500)];

    #[test]
    fn only_the_pit_counts_and_only_the_cage_confirms() {
        let counting: Vec<StaffRole> = StaffRole::ALL.into_iter().filter(|r| may_count(*r)).collect();
        assert_eq!(counting, [StaffRole::Admin, StaffRole::PitBoss]);
        let confirming: Vec<StaffRole> = StaffRole::ALL.into_iter().filter(|r| may_confirm(*r)).collect();
        assert_eq!(confirming, [StaffRole::Admin, StaffRole::Cashier]);
        assert!(!may_enter_drop(StaffRole::PitBoss) && may_enter_drop(StaffRole::Cashier));
        assert!(!may_read(StaffRole::Dealer));
    }

    #[test]
    fn a_table_opens_and_closes_on_a_counted_tray() {
        assert!(check_counted_for_opening(Some(CountKind::Opening)).is_ok());
        for latest in [None, Some(CountKind::Closing), Some(CountKind::ShiftChange)] {
            assert!(matches!(check_counted_for_opening(latest), Err(Error::OpeningCountRequired)), "{latest:?}");
        }
        let counted = DateTime::from_timestamp(1_800_000_000, 0).expect("instant");
        let (before, after) = (counted - chrono::Duration::seconds(1), counted + chrono::Duration::seconds(1));
        assert!(check_counted_for_closing(Some((CountKind::Closing, counted)), 0, None).is_ok());
        assert!(check_counted_for_closing(Some((CountKind::Closing, counted)), 0, Some(before)).is_ok());
        let refused = [
            (None, 0, None),
            (Some((CountKind::ShiftChange, counted)), 0, None),
            (Some((CountKind::Opening, counted)), 0, None),
            (Some((CountKind::Closing, counted)), 0, Some(after)),
        ];
        for (latest, pending, confirmed) in refused {
            let result = check_counted_for_closing(latest, pending, confirmed);
            assert!(matches!(result, Err(Error::ClosingCountRequired)), "{latest:?} {confirmed:?}: {result:?}");
        }
        let pending = check_counted_for_closing(Some((CountKind::Closing, counted)), 1, None);
        assert!(matches!(pending, Err(Error::RequestsPending)), "{pending:?}");
    }

    #[test]
    fn chips_are_checked_against_the_chip_set_each_at_its_field() {
        assert!(check_chips(&Chips::from([(100, 0), (2500, MAX_CHIPS)]), &SET).is_ok());
        let error = check_chips(&Chips::from([(100, -1), (200, 3), (500, MAX_CHIPS + 1)]), &SET).unwrap_err();
        let fields: Vec<(String, ErrorCode)> = error.fields().into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            fields,
            [
                ("chips.100".to_owned(), ErrorCode::CountInvalidQuantity),
                ("chips.200".to_owned(), ErrorCode::CountUnknownDenomination),
                ("chips.500".to_owned(), ErrorCode::CountInvalidQuantity),
            ]
        );
        assert_eq!(error.code(), ErrorCode::ValidationFailed);
    }

    #[test]
    fn a_fill_moves_at_least_one_chip() {
        assert!(matches!(check_not_empty(&Chips::from([(100, 0)])), Err(Error::NoChips)));
        assert!(matches!(check_not_empty(&Chips::new()), Err(Error::NoChips)));
        assert!(check_not_empty(&Chips::from([(100, 0), (500, 1)])).is_ok());
        assert_eq!(total(&Chips::from([(100, 3), (2500, 4)])), Cents(10_300));
    }

    #[test]
    fn opening_counts_are_of_closed_tables_and_the_others_of_open_ones() {
        use CountKind::*;
        use TableStatus::*;
        for (kind, status, allowed) in [
            (Opening, Inactive, true),
            (Opening, Closed, true),
            (Opening, Active, false),
            (ShiftChange, Active, true),
            (ShiftChange, Closed, false),
            (Closing, Active, true),
            (Closing, Inactive, false),
        ] {
            assert_eq!(check_kind(kind, status).is_ok(), allowed, "{kind:?} of a {status:?} table");
        }
    }

    #[test]
    fn the_drop_is_for_an_ended_day_or_a_closed_table() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let yesterday = today.pred_opt().unwrap();
        assert!(check_drop_day(yesterday, today, TableStatus::Active).is_ok());
        assert!(check_drop_day(today, today, TableStatus::Closed).is_ok());
        assert!(matches!(check_drop_day(today, today, TableStatus::Active), Err(Error::DayNotEnded)));
        assert!(matches!(
            check_drop_day(today.succ_opt().unwrap(), today, TableStatus::Closed),
            Err(Error::DayNotEnded)
        ));
        let error = check_drop_amounts(Cents(-1), Cents(MAX_DROP_CENTS + 1)).unwrap_err();
        let fields: Vec<String> = error.fields().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["cash_cents", "markers_cents"]);
        assert!(check_drop_amounts(Cents(0), Cents(MAX_DROP_CENTS)).is_ok());
        assert!(check_shift_end(Some((CountKind::ShiftChange, today)), today).is_ok());
        assert!(check_shift_end(Some((CountKind::Closing, yesterday)), yesterday).is_ok());
        for refused in [None, Some((CountKind::Opening, today)), Some((CountKind::ShiftChange, yesterday))] {
            assert!(matches!(check_shift_end(refused, today), Err(Error::UnknownShift)), "{refused:?}");
        }
    }

    #[test]
    fn hold_rounds_half_away_from_zero_like_the_database() {
        assert_eq!(hold_bps(Cents(1_234), Cents(10_000)), Some(1_234));
        assert_eq!(hold_bps(Cents(1), Cents(3)), Some(3_333));
        assert_eq!(hold_bps(Cents(2), Cents(3)), Some(6_667));
        assert_eq!(hold_bps(Cents(-2), Cents(3)), Some(-6_667));
        assert_eq!(hold_bps(Cents(5), Cents(0)), None);
    }

    fn day(pit: &str, drop: Option<i64>, win: Option<i64>, theo: i64) -> TableDay {
        TableDay {
            table_id: TableId(uuid::Uuid::nil()),
            label: String::new(),
            pit: pit.to_owned(),
            periods: 1,
            opening: Cents(0),
            closing: Cents(0),
            fills: Cents(100),
            credits: Cents(0),
            drop_cash: drop.map(Cents),
            drop_markers: drop.map(|_| Cents(0)),
            drop: drop.map(Cents),
            win: win.map(Cents),
            hold_bps: None,
            theo: Cents(theo),
            rated_players: 0,
            points_issued: 0,
            rated_drop: Cents(drop.map_or(0, |d| d / 2)),
            coverage_bps: None,
        }
    }

    #[test]
    fn the_tray_result_is_the_win_without_the_drop() {
        // The hand-computed day of tests/table_accounting.rs: win 1,275,000 on a drop of 1,500,000.
        let mut table = day("Main", Some(1_500_000), Some(1_275_000), 0);
        (table.opening, table.closing, table.fills, table.credits) =
            (Cents(1_070_000), Cents(945_000), Cents(150_000), Cents(50_000));
        assert_eq!(tray_result(&table), Cents(-225_000));
        assert_eq!(table.drop.map(|drop| Cents(drop.0 + tray_result(&table).0)), table.win);
    }

    #[test]
    fn rollups_sum_per_pit_and_take_hold_over_known_wins() {
        let tables = [
            day("Main", Some(10_000), Some(2_000), 500),
            day("Main", None, None, 300),
            day("High Limit", Some(40_000), Some(-4_000), 1_000),
        ];
        let (pits, casino) = rollups(&tables);
        assert_eq!(pits.iter().map(|p| p.pit.as_deref().unwrap()).collect::<Vec<_>>(), ["High Limit", "Main"]);
        assert_eq!(
            (pits[1].tables, pits[1].drop, pits[1].win, pits[1].hold_bps),
            (2, Cents(10_000), Cents(2_000), Some(2_000))
        );
        assert_eq!(pits[1].theo, Cents(800));
        assert_eq!((casino.drop, casino.win, casino.hold_bps), (Cents(50_000), Cents(-2_000), Some(-400)));
        assert_eq!((casino.fills, casino.tables, casino.pit.clone()), (Cents(300), 3, None));
        // Each table's rated drop is half its drop: coverage over the tables whose drop is in is 50 %.
        assert_eq!((casino.rated_drop, casino.coverage_bps), (Cents(25_000), Some(5_000)));
        let waiting = rollups(&[day("Main", None, None, 0)]).1;
        assert_eq!((waiting.rated_drop, waiting.coverage_bps), (Cents(0), None), "no drop, no coverage");
        assert_eq!(coverage_bps(Cents(1_500), Some(Cents(6_000))), Some(2_500));
        assert_eq!(coverage_bps(Cents(1_500), Some(Cents(0))), None);
    }

    #[test]
    fn a_shift_takes_the_theo_of_the_slip_time_inside_it() {
        let at = |text: &str| -> DateTime<Utc> { text.parse().expect("an instant") };
        let shift = (at("2026-06-10T14:00:00Z"), at("2026-06-10T22:00:00Z"));
        // 20:00 → 02:00: two of its six hours in the shift, a third of $10.01, rounded down.
        let slip = (at("2026-06-10T20:00:00Z"), at("2026-06-11T02:00:00Z"));
        assert_eq!(theo_within(Cents(1_001), slip, shift), Cents(333));
        let next = (shift.1, at("2026-06-11T06:00:00Z"));
        assert_eq!(theo_within(Cents(1_001), slip, next), Cents(667));
        let before = (at("2026-06-10T10:00:00Z"), at("2026-06-10T13:00:00Z"));
        assert_eq!(theo_within(Cents(1_001), before, shift), Cents(0), "no overlap");
        // A slip of no time belongs to the shift it started in; the start instant of a shift is the last one's.
        let instant = (at("2026-06-10T15:00:00Z"), at("2026-06-10T15:00:00Z"));
        assert_eq!(theo_within(Cents(7), instant, shift), Cents(7));
        assert_eq!(theo_within(Cents(7), (shift.0, shift.0), shift), Cents(0));
    }
}
