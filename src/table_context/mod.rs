//! TableContextService: gaming tables, their open/close state machine, dealer rotations, and the rating
//! parameters of each game.
//!
//! A table opens from inactive or closed and closes from active; dealers go only to an
//! active table, and assigning one ends the previous rotation. Only pit bosses and admins change tables;
//! only admins change game settings, add game variants and retire them.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod admin;
#[cfg(feature = "db")]
mod games;
#[cfg(feature = "db")]
mod games_repo;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

#[cfg(feature = "db")]
pub use admin::{add_table_as_admin, retire_table, update_table};
pub use error::Error;
#[cfg(feature = "db")]
pub use games::{add_game, game_settings, retire_game, update_game_settings};
pub use model::{
    DealerOnTable, DealerOption, GameKey, GameSettings, GameSettingsInput, NewGame, NewTable, Rotation, RotationId,
    TableCard, TableChange, TableCommand, TableDetail, TableId, TableStatus,
};
#[cfg(feature = "db")]
pub use service::{
    add_table, assign_dealer, close_table, floor_tables, is_active_dealer, locked_status, open_table, table,
    table_detail, table_with_game, tables,
};
