//! Pure decisions about visits: who runs them, where a player may sit.

use super::error::Error;
use crate::casino::StaffRole;
use crate::table_context::{TableCard, TableStatus};

/// Check-in, seating and check-out are the pit's (`docs/architecture.md#roles`).
pub fn may_manage(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// Whether a player may take `seat` at `table` (its occupancy is the database's to decide).
pub fn check_seat(table: &TableCard, seat: i16) -> Result<(), Error> {
    if table.status != TableStatus::Active {
        return Err(Error::TableNotActive(table.status));
    }
    if !(1..=table.seats).contains(&seat) {
        return Err(Error::SeatOutOfRange { seat, seats: table.seats });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DomainError, ErrorCode};
    use crate::money::Cents;
    use crate::table_context::{GameKey, TableId};
    use rstest::rstest;

    fn table(status: TableStatus, seats: i16) -> TableCard {
        TableCard {
            id: TableId(uuid::Uuid::nil()),
            label: "BJ-01".into(),
            pit: "Main".into(),
            game: GameKey::new("blackjack"),
            game_name: "Blackjack".into(),
            status,
            min_bet: Cents(1_000),
            max_bet: Cents(100_000),
            seats,
            dealer: None,
            retired_at: None,
        }
    }

    #[rstest]
    #[case(TableStatus::Active, 1, Ok(()))]
    #[case(TableStatus::Active, 7, Ok(()))]
    #[case(TableStatus::Active, 0, Err(ErrorCode::SeatOutOfRange))]
    #[case(TableStatus::Active, 8, Err(ErrorCode::SeatOutOfRange))]
    #[case(TableStatus::Inactive, 1, Err(ErrorCode::TableNotActive))]
    #[case(TableStatus::Closed, 1, Err(ErrorCode::TableNotActive))]
    fn players_sit_at_open_tables_within_their_seats(
        #[case] status: TableStatus,
        #[case] seat: i16,
        #[case] expected: Result<(), ErrorCode>,
    ) {
        assert_eq!(check_seat(&table(status, 7), seat).map_err(|e| e.code()), expected);
    }
}
