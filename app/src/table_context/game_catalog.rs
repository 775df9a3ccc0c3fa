//! What the games page holds across re-reads: the casino's games, following every change live, the add and
//! retire actions, the new game's boxes, and each game's form with what the admin typed in it.

use std::collections::HashMap;

use leptos::prelude::*;
use pitboss::live::Entity;
use pitboss::table_context::{GameKey, GameSettings};

use super::game_fields::Fields;
use super::{AddGame, RetireGame, UpdateGameSettings, list_game_settings};
use crate::error::AppError;
use crate::live::use_live;
use crate::ui::Intent;

/// The games page's state, created with the page before any boundary (so the server and the browser number
/// its resource alike).
#[derive(Clone, Copy)]
pub struct GameCatalog {
    /// Every game of the casino, retired ones too.
    pub games: Resource<Result<Vec<GameSettings>, AppError>>,
    pub(super) add: ServerAction<AddGame>,
    pub(super) retire: ServerAction<RetireGame>,
    pub(super) intent: Intent,
    pub(super) new_name: RwSignal<String>,
    pub(super) new_fields: Fields,
    /// Each game's form, kept here: the list re-reads on every change of any game, here or in another
    /// browser, and that must not wipe what the admin is typing into another game's form.
    forms: StoredValue<HashMap<GameKey, GameForm>>,
    owner: StoredValue<Owner>,
}

/// One game's boxes and its save action.
#[derive(Clone, Copy)]
pub(super) struct GameForm {
    pub fields: Fields,
    pub save: ServerAction<UpdateGameSettings>,
    pub intent: Intent,
    /// The settings the boxes were filled from.
    base: StoredValue<GameSettings>,
}

impl GameCatalog {
    /// The page's games and actions.
    pub fn new() -> Self {
        let version = use_live().version_of(&[Entity::GameSettings]);
        let (add, retire) = (ServerAction::<AddGame>::new(), ServerAction::<RetireGame>::new());
        let games = Resource::new(
            move || (version.get(), add.version().get(), retire.version().get()),
            |_| list_game_settings(),
        );
        let catalog = Self {
            games,
            add,
            retire,
            intent: Intent::new(),
            new_name: RwSignal::new(String::new()),
            new_fields: Fields::blank(),
            forms: StoredValue::new(HashMap::new()),
            // A component always runs under an owner; a detached one would only keep the forms alive longer.
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        catalog.intent.renew_after(move || add.value().get());
        catalog.intent.renew_after(move || retire.value().get());
        Effect::new(move || {
            if let Some(Ok(_)) = add.value().get() {
                catalog.new_name.set(String::new());
                catalog.new_fields.clear();
            }
        });
        catalog
    }

    /// The form of `game`. The one kept from before stays while nothing changed for its game, while it holds
    /// what the server has (just saved), or while the admin has typed into it (their text wins over another
    /// admin's change until they save); otherwise a form filled from `game` replaces it.
    pub(super) fn form(self, game: &GameSettings) -> GameForm {
        if let Some(form) = self.forms.with_value(|forms| forms.get(&game.game).copied()) {
            if form.fields.hold(game) {
                // Just saved (or changed elsewhere to what is typed): the boxes now stand for this version.
                form.base.set_value(game.clone());
                return form;
            }
            let (unchanged, typed) =
                form.base.with_value(|base| (base.policy_version == game.policy_version, !form.fields.hold(base)));
            if unchanged || typed {
                return form;
            }
        }
        // Owned by the page, not by the list's render, which the next re-read drops.
        let form = self.owner.with_value(|owner| {
            owner.with(|| {
                let form = GameForm {
                    fields: Fields::from(game),
                    save: ServerAction::new(),
                    intent: Intent::new(),
                    base: StoredValue::new(game.clone()),
                };
                form.intent.renew_after(move || form.save.value().get());
                form
            })
        });
        self.forms.update_value(|forms| {
            forms.insert(game.game.clone(), form);
        });
        form
    }
}

impl Default for GameCatalog {
    fn default() -> Self {
        Self::new()
    }
}
