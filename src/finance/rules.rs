//! Who may record and read finance entries, and how a day's entries add up. Pure; the database enforces the
//! same rules (`rpc_create_financial_txn`, the MTL trigger) and tests check they agree.

use chrono::NaiveDate;

use super::model::{DayTotals, Direction, FinanceEntry, Source, Tender};
use crate::casino::StaffRole;
use crate::money::Cents;

/// Cashiers, pit bosses and admins record entries (`docs/architecture.md#roles`).
pub fn may_record(role: StaffRole) -> bool {
    matches!(role, StaffRole::Cashier | StaffRole::PitBoss | StaffRole::Admin)
}

/// Those who record entries, and compliance, read them.
pub fn may_read(role: StaffRole) -> bool {
    may_record(role) || role == StaffRole::Compliance
}

/// Pit bosses record at the pit and cashiers at the cage; admins anywhere.
pub fn source_allowed(role: StaffRole, source: Source) -> bool {
    match role {
        StaffRole::PitBoss => source == Source::Pit,
        StaffRole::Cashier => source == Source::Cage,
        StaffRole::Admin => true,
        StaffRole::Dealer | StaffRole::Compliance => false,
    }
}

/// Where a role's entries are taken unless it says otherwise.
pub fn default_source(role: StaffRole) -> Source {
    if role == StaffRole::Cashier { Source::Cage } else { Source::Pit }
}

/// The totals of `day` over `entries`: a reversal subtracts what its original added, in the same direction.
pub fn day_totals(entries: &[FinanceEntry], day: NaiveDate) -> DayTotals {
    let mut totals = DayTotals::default();
    for entry in entries.iter().filter(|e| e.gaming_day == day) {
        let signed = if entry.reverses_id.is_some() { -entry.amount.0 } else { entry.amount.0 };
        let (all, cash) = match entry.direction {
            Direction::In => (&mut totals.total_in, &mut totals.cash_in),
            Direction::Out => (&mut totals.total_out, &mut totals.cash_out),
        };
        all.0 += signed;
        if entry.tender == Tender::Cash {
            cash.0 += signed;
        }
    }
    totals
}

/// Whether an entry may be reversed: it is not a reversal and has not been reversed.
pub fn may_reverse(entry: &FinanceEntry) -> bool {
    entry.reverses_id.is_none() && entry.reversed_by.is_none()
}

/// The largest single entry: $100,000,000. Far above any real buy-in, and low enough that no day's total
/// of such entries can overflow.
pub const MAX_AMOUNT: Cents = Cents(10_000_000_000);

/// An amount is positive and at most [`MAX_AMOUNT`].
pub fn valid_amount(amount: Cents) -> bool {
    amount.is_positive() && amount <= MAX_AMOUNT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casino::StaffId;
    use crate::finance::FinanceTxnId;
    use crate::player::PlayerId;
    use chrono::Utc;
    use rstest::rstest;
    use uuid::Uuid;

    fn entry(direction: Direction, cents: i64, tender: Tender, day: NaiveDate) -> FinanceEntry {
        FinanceEntry {
            id: FinanceTxnId(Uuid::new_v4()),
            player_id: PlayerId(Uuid::nil()),
            visit_id: None,
            rating_slip_id: None,
            direction,
            amount: Cents(cents),
            tender,
            source: Source::Cage,
            note: None,
            reverses_id: None,
            reversed_by: None,
            gaming_day: day,
            staff_id: StaffId(Uuid::nil()),
            staff_name: String::new(),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn in_and_out_add_up_separately_and_reversals_cancel_their_original() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let other = day.pred_opt().expect("date");
        let deposit = entry(Direction::In, 200_000, Tender::Cash, day);
        let mut reversal = entry(Direction::In, 200_000, Tender::Cash, day);
        reversal.reverses_id = Some(deposit.id);
        let entries = [
            deposit,
            entry(Direction::In, 150_000, Tender::Cash, day),
            entry(Direction::In, 50_000, Tender::Chips, day),
            entry(Direction::Out, 300_000, Tender::Cash, day),
            entry(Direction::Out, 10_000, Tender::Check, day),
            entry(Direction::In, 999_999, Tender::Cash, other),
            reversal,
        ];
        let totals = day_totals(&entries, day);
        assert_eq!(
            totals,
            DayTotals {
                cash_in: Cents(150_000),
                cash_out: Cents(300_000),
                total_in: Cents(200_000),
                total_out: Cents(310_000),
            }
        );
    }

    #[rstest]
    #[case(StaffRole::Cashier, true, true, Source::Cage)]
    #[case(StaffRole::PitBoss, true, true, Source::Pit)]
    #[case(StaffRole::Admin, true, true, Source::Pit)]
    #[case(StaffRole::Compliance, false, true, Source::Pit)]
    #[case(StaffRole::Dealer, false, false, Source::Pit)]
    fn roles(#[case] role: StaffRole, #[case] record: bool, #[case] read: bool, #[case] default: Source) {
        assert_eq!((may_record(role), may_read(role), default_source(role)), (record, read, default));
        assert_eq!(source_allowed(role, default), record);
    }

    #[test]
    fn pit_bosses_stay_at_the_pit_and_cashiers_at_the_cage() {
        assert!(!source_allowed(StaffRole::PitBoss, Source::Cage));
        assert!(!source_allowed(StaffRole::Cashier, Source::Pit));
        assert!(Source::ALL.iter().all(|s| source_allowed(StaffRole::Admin, *s)));
    }

    #[test]
    fn reversals_and_reversed_entries_cannot_be_reversed() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let mut e = entry(Direction::In, 1, Tender::Cash, day);
        assert!(may_reverse(&e));
        e.reversed_by = Some(FinanceTxnId(Uuid::new_v4()));
        assert!(!may_reverse(&e));
        e.reversed_by = None;
        e.reverses_id = Some(FinanceTxnId(Uuid::new_v4()));
        assert!(!may_reverse(&e));
        assert!(!valid_amount(Cents(0)) && valid_amount(Cents(1)));
        assert!(valid_amount(MAX_AMOUNT) && !valid_amount(Cents(MAX_AMOUNT.0 + 1)));
    }
}
