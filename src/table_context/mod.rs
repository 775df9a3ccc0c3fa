//! TableContextService: gaming tables, their open/close state machine, dealer rotations, and the rating
//! parameters of each game.
//!
//! A table opens from inactive or closed and closes from active; dealers go only to an
//! active table, and assigning one ends the previous rotation. Only pit bosses and admins change tables;
//! only admins change game settings.

mod error;
mod model;
pub mod rules;

#[cfg(feature = "db")]
mod admin;
#[cfg(feature = "db")]
mod repo;
#[cfg(feature = "db")]
mod service;

#[cfg(feature = "db")]
pub use admin::{add_table_as_admin, retire_table, update_table};
pub use error::Error;
pub use model::{
    DealerOnTable, DealerOption, GameSettings, GameSettingsInput, GameType, NewTable, Rotation, RotationId, TableCard,
    TableChange, TableCommand, TableDetail, TableId, TableStatus,
};
#[cfg(feature = "db")]
pub use service::{
    add_table, assign_dealer, close_table, floor_tables, game_settings, is_active_dealer, locked_status, open_table,
    table, table_detail, table_with_game, tables, update_game_settings,
};
