//! Deposits and withdrawals: the accounting page, the buy-in form on the slip panel, and a player's entries.

mod accounting;
mod api;
mod entries;
mod entry_form;

pub use accounting::AccountingPage;
pub use api::*;
pub use entries::PlayerFinanceSection;
pub use entry_form::{EntryForm, EntryMode};
use pitboss::live::Entity;

/// The records whose changes the finance views re-read.
pub(crate) const FINANCE_ENTITIES: &[Entity] = &[Entity::PlayerFinancialTransaction, Entity::FeatureFlag];
