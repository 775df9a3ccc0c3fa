//! The admin's chip set form: the chip values the pit counts trays and asks the cage for.

use leptos::prelude::*;
use pitboss::money::format_hundredths;
use pitboss::{Cents, ErrorCode, FieldError};

use super::{UpdateChipSet, chip_set};
use crate::error::AppError;
use crate::ui::{ErrorBanner, Intent, TextField, loaded, use_hydrated};

/// The form's state, created with the page: switching a flag re-reads the session and re-renders the page,
/// which must not wipe what the admin is typing.
#[derive(Clone, Copy)]
pub struct ChipSetDesk {
    current: Resource<Result<Vec<Cents>, AppError>>,
    /// The line of values.
    text: RwSignal<String>,
    /// Whether `text` was filled from the current set yet.
    filled: RwSignal<bool>,
    save: ServerAction<UpdateChipSet>,
    typed: RwSignal<Option<AppError>>,
    intent: Intent,
}

impl ChipSetDesk {
    /// The current set, read once.
    pub fn new() -> Self {
        let desk = Self {
            current: Resource::new(|| (), |()| chip_set()),
            text: RwSignal::new(String::new()),
            filled: RwSignal::new(false),
            save: ServerAction::new(),
            typed: RwSignal::new(None),
            intent: Intent::new(),
        };
        let save = desk.save;
        desk.intent.renew_after(move || save.value().get());
        Effect::new(move || {
            if let Some(Ok(saved)) = save.value().get() {
                desk.text.set(line(&saved));
            }
        });
        desk
    }
}

impl Default for ChipSetDesk {
    fn default() -> Self {
        Self::new()
    }
}

/// The chip set as one line of dollar values, prefilled with the current set; saved as a whole.
#[component]
pub fn ChipSetSection(desk: ChipSetDesk) -> impl IntoView {
    view! { {loaded(desk.current, move |current| view! { <ChipSetForm current desk/> })} }
}

#[component]
fn ChipSetForm(current: Vec<Cents>, desk: ChipSetDesk) -> impl IntoView {
    let ChipSetDesk { save, typed, intent, text, filled, .. } = desk;
    let hydrated = use_hydrated();
    if !filled.get_untracked() {
        text.set(line(&current));
        filled.set(true);
    }
    let error = Signal::derive(move || typed.get().or_else(|| save.value().get().and_then(Result::err)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_chip_set(&text.get_untracked()) {
            Ok(denominations) => {
                typed.set(None);
                save.dispatch(UpdateChipSet { request_id: intent.request_id(&denominations), denominations });
            }
            Err(problem) => typed.set(Some(AppError::new(ErrorCode::ValidationFailed).with_fields(vec![problem]))),
        }
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_))) && typed.get().is_none();
    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-4" data-testid="chip-set-form">
            <h2 class="text-xl font-semibold">"Chip set"</h2>
            <p class="text-slate-600">
                "The chip values trays are counted in and fills and credits are asked for. Counts already taken keep
                their chips."
            </p>
            <ErrorBanner error/>
            <Show when=saved>
                <p role="status" class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3 text-emerald-800">
                    "Chip set saved."
                </p>
            </Show>
            <TextField label="Chip values ($, separated by commas)" name="denominations" value=text error/>
            <button type="submit" disabled=move || !hydrated.get() || save.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">
                "Save chip set"
            </button>
        </form>
    }
}

/// `1, 5, 25, 100`: whole dollars without cents, a chip's cents where it has them.
fn line(set: &[Cents]) -> String {
    set.iter()
        .map(|c| if c.0 % 100 == 0 { (c.0 / 100).to_string() } else { format_hundredths(c.0) })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the line of dollar values; the server checks the set itself (range, repeats, size).
fn read_chip_set(text: &str) -> Result<Vec<Cents>, FieldError> {
    text.split(',')
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(|value| {
            Cents::parse_dollars(value).map_err(|_| FieldError::new("denominations", ErrorCode::ChipSetInvalid))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_round_trips_the_chip_set() {
        let set = [Cents(50), Cents(100), Cents(2_500), Cents(500_000)];
        assert_eq!(line(&set), "0.50, 1, 25, 5000");
        assert_eq!(read_chip_set(&line(&set)), Ok(set.to_vec()));
        assert_eq!(read_chip_set("1, 5,, 25 ,"), Ok(vec![Cents(100), Cents(500), Cents(2_500)]));
        assert_eq!(read_chip_set("1, five").unwrap_err().code, ErrorCode::ChipSetInvalid);
    }
}
