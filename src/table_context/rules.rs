//! Pure decisions of the table context: the table state machine, who may run the pit, valid game settings.

use super::error::Error;
use super::model::{GameKey, GameSettingsInput, NewGame, NewTable, TableChange, TableCommand, TableStatus};
use crate::casino::StaffRole;
use crate::error::{ErrorCode, FieldError};

/// Opening, closing and dealer rotation are the pit's: pit bosses and admins (`docs/architecture.md#roles`).
pub fn may_run_tables(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// Rating parameters are the admin's.
pub fn may_manage_games(role: StaffRole) -> bool {
    role == StaffRole::Admin
}

/// The table's status after `command`, or why the command does not apply in `status`:
/// open from inactive or closed; close from active; dealers go only to an active table.
pub fn next_status(status: TableStatus, command: TableCommand) -> Result<TableStatus, Error> {
    use TableCommand::*;
    use TableStatus::*;
    match (status, command) {
        (Inactive | Closed, Open) => Ok(Active),
        (Active, Close) => Ok(Closed),
        (Active, AssignDealer) => Ok(Active),
        (_, AssignDealer) => Err(Error::NotActive(status)),
        (_, Open | Close) => Err(Error::InvalidState { status, command }),
    }
}

/// Checks every field of a new table and reports all problems at once.
pub fn validate_new_table(table: &NewTable) -> Result<(), Error> {
    let mut problems = Vec::new();
    if !name_fits(&table.label, 20) {
        problems.push(FieldError::new("label", ErrorCode::TableInvalidLabel));
    }
    let (limits, seats) = ((table.min_bet_cents, table.max_bet_cents), table.seats);
    problems.extend(placement_problems(&table.pit, limits, seats));
    if problems.is_empty() { Ok(()) } else { Err(Error::InvalidTable(problems)) }
}

/// Checks every field of an admin's change of a table and reports all problems at once.
pub fn validate_table_change(change: &TableChange) -> Result<(), Error> {
    let problems = placement_problems(&change.pit, (change.min_bet_cents, change.max_bet_cents), change.seats);
    if problems.is_empty() { Ok(()) } else { Err(Error::InvalidTable(problems)) }
}

/// A label or pit name: 1 to `max` characters once trimmed, none of them a control character.
fn name_fits(name: &str, max: usize) -> bool {
    (1..=max).contains(&name.trim().chars().count()) && !name.chars().any(char::is_control)
}

/// What is wrong with a table's pit, limits (minimum, maximum) and own seat count.
fn placement_problems(pit: &str, (min, max): (i64, i64), seats: Option<i16>) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if !name_fits(pit, 50) {
        problems.push(FieldError::new("pit", ErrorCode::TableInvalidPit));
    }
    if min <= 0 {
        problems.push(FieldError::new("min_bet_cents", ErrorCode::GameInvalidLimits));
    }
    if max < min || max <= 0 {
        problems.push(FieldError::new("max_bet_cents", ErrorCode::GameInvalidLimits));
    }
    if seats.is_some_and(|seats| !(1..=20).contains(&seats)) {
        problems.push(FieldError::new("seats", ErrorCode::GameInvalidSeats));
    }
    problems
}

/// Checks a new game's name and every one of its parameters, reporting all problems at once; the key its
/// name makes.
pub fn validate_new_game(game: &NewGame) -> Result<GameKey, Error> {
    let key = GameKey::from_name(&game.name).filter(|_| name_fits(&game.name, 40));
    let mut problems = settings_problems(&game.settings);
    if key.is_none() {
        problems.insert(0, FieldError::new("name", ErrorCode::GameInvalidName));
    }
    match key {
        Some(key) if problems.is_empty() => Ok(key),
        _ => Err(Error::InvalidGameSettings(problems)),
    }
}

/// Checks every field of a game's rating parameters and reports all problems at once.
pub fn validate_game_settings(input: &GameSettingsInput) -> Result<(), Error> {
    let problems = settings_problems(input);
    if problems.is_empty() { Ok(()) } else { Err(Error::InvalidGameSettings(problems)) }
}

fn settings_problems(input: &GameSettingsInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    let mut check = |ok: bool, field: &str, code: ErrorCode| {
        if !ok {
            problems.push(FieldError::new(field, code));
        }
    };
    check(input.min_bet_cents > 0, "min_bet_cents", ErrorCode::GameInvalidLimits);
    check(
        input.max_bet_cents >= input.min_bet_cents && input.max_bet_cents > 0,
        "max_bet_cents",
        ErrorCode::GameInvalidLimits,
    );
    check((1..=20).contains(&input.seats), "seats", ErrorCode::GameInvalidSeats);
    check((1..=10_000).contains(&input.house_edge_bps), "house_edge_bps", ErrorCode::GameInvalidHouseEdge);
    check((1..=1_000).contains(&input.decisions_per_hour), "decisions_per_hour", ErrorCode::GameInvalidDecisions);
    check((0..=1_000).contains(&input.points_per_theo_dollar), "points_per_theo_dollar", ErrorCode::GameInvalidPoints);
    check((0..=10_000).contains(&input.point_multiplier_pct), "point_multiplier_pct", ErrorCode::GameInvalidPoints);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::DomainError;
    use TableCommand::*;
    use TableStatus::*;
    use rstest::rstest;

    /// Every (state, command) pair: the next state, or the code the pit sees.
    #[rstest]
    #[case(Inactive, Open, Ok(Active))]
    #[case(Inactive, Close, Err(ErrorCode::TableInvalidState))]
    #[case(Inactive, AssignDealer, Err(ErrorCode::TableNotActive))]
    #[case(Active, Open, Err(ErrorCode::TableInvalidState))]
    #[case(Active, Close, Ok(Closed))]
    #[case(Active, AssignDealer, Ok(Active))]
    #[case(Closed, Open, Ok(Active))]
    #[case(Closed, Close, Err(ErrorCode::TableInvalidState))]
    #[case(Closed, AssignDealer, Err(ErrorCode::TableNotActive))]
    fn the_table_state_machine(
        #[case] status: TableStatus,
        #[case] command: TableCommand,
        #[case] expected: Result<TableStatus, ErrorCode>,
    ) {
        assert_eq!(next_status(status, command).map_err(|e| e.code()), expected);
    }

    #[rstest]
    #[case(StaffRole::PitBoss, true, false)]
    #[case(StaffRole::Admin, true, true)]
    #[case(StaffRole::Cashier, false, false)]
    #[case(StaffRole::Compliance, false, false)]
    #[case(StaffRole::Dealer, false, false)]
    fn roles_that_run_tables_and_games(#[case] role: StaffRole, #[case] tables: bool, #[case] games: bool) {
        assert_eq!((may_run_tables(role), may_manage_games(role)), (tables, games));
    }

    fn blackjack() -> GameSettingsInput {
        GameSettingsInput {
            min_bet_cents: 1_000,
            max_bet_cents: 500_000,
            seats: 7,
            house_edge_bps: 75,
            decisions_per_hour: 70,
            points_per_theo_dollar: 10,
            point_multiplier_pct: 100,
        }
    }

    #[test]
    fn realistic_settings_pass() {
        assert!(validate_game_settings(&blackjack()).is_ok());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = GameSettingsInput {
            min_bet_cents: 0,
            max_bet_cents: -5,
            seats: 0,
            house_edge_bps: 0,
            decisions_per_hour: 5_000,
            points_per_theo_dollar: -1,
            point_multiplier_pct: 20_000,
        };
        let Err(error) = validate_game_settings(&bad) else { panic!("invalid") };
        let fields: Vec<_> = error.fields().into_iter().map(|f| f.field).collect();
        assert_eq!(
            fields,
            [
                "min_bet_cents",
                "max_bet_cents",
                "seats",
                "house_edge_bps",
                "decisions_per_hour",
                "points_per_theo_dollar",
                "point_multiplier_pct"
            ]
        );
    }

    #[test]
    fn the_maximum_may_not_be_below_the_minimum() {
        let inverted = GameSettingsInput { max_bet_cents: 500, ..blackjack() };
        let Err(error) = validate_game_settings(&inverted) else { panic!("invalid") };
        assert_eq!(error.fields(), vec![FieldError::new("max_bet_cents", ErrorCode::GameInvalidLimits)]);
    }

    #[test]
    fn a_table_change_reports_its_pit_limits_and_seats_together() {
        let change = TableChange { pit: "Main\u{7}".into(), min_bet_cents: 0, max_bet_cents: 100, seats: Some(21) };
        let Err(error) = validate_table_change(&change) else { panic!("invalid") };
        let fields: Vec<_> = error.fields().into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            fields,
            [
                ("pit".to_owned(), ErrorCode::TableInvalidPit),
                ("min_bet_cents".to_owned(), ErrorCode::GameInvalidLimits),
                ("seats".to_owned(), ErrorCode::GameInvalidSeats),
            ]
        );
        let fine = TableChange { pit: " Salon ".into(), min_bet_cents: 2_500, max_bet_cents: 500_000, seats: None };
        assert!(validate_table_change(&fine).is_ok());
    }

    #[rstest]
    #[case("Mini-Baccarat", Some("mini_baccarat"))]
    #[case("  Ultimate Texas Hold'em  ", Some("ultimate_texas_hold_em"))]
    #[case("3 Card Poker", Some("game_3_card_poker"))]
    #[case("Pai Gow (Tiles)", Some("pai_gow_tiles"))]
    #[case("Café Roulette", Some("caf_roulette"))]
    #[case("百家乐", None)]
    #[case(" - ", None)]
    fn a_games_key_comes_from_its_name(#[case] name: &str, #[case] key: Option<&str>) {
        assert_eq!(GameKey::from_name(name), key.map(GameKey::new));
    }

    #[test]
    fn a_long_name_makes_a_key_of_at_most_forty_characters() {
        let key = GameKey::from_name("Very Long Progressive Side Bet Blackjack Deluxe").expect("a key");
        assert_eq!(key.as_str(), "very_long_progressive_side_bet_blackjack");
        assert_eq!(GameKey::from_name(&"a ".repeat(30)).expect("a key").as_str().len(), 39);
    }

    #[test]
    fn a_new_game_reports_its_name_and_settings_together() {
        let good = NewGame { name: " Three Card Poker ".into(), settings: blackjack() };
        assert_eq!(validate_new_game(&good).ok(), Some(GameKey::new("three_card_poker")));
        for name in ["", "   ", "百家乐", "Poker\u{7}", &"x".repeat(41)] {
            let bad = NewGame { name: name.into(), settings: GameSettingsInput { seats: 0, ..blackjack() } };
            let Err(error) = validate_new_game(&bad) else { panic!("{name:?} is not a name") };
            let fields: Vec<_> = error.fields().into_iter().map(|f| (f.field, f.code)).collect();
            let expected =
                [("name".to_owned(), ErrorCode::GameInvalidName), ("seats".to_owned(), ErrorCode::GameInvalidSeats)];
            assert_eq!(fields, expected, "{name:?}");
        }
    }
}
