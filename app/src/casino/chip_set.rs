//! The admin's chip set form: the chip values the pit counts trays and asks the cage for.

use leptos::prelude::*;
use pitboss::money::format_hundredths;
use pitboss::{Cents, ErrorCode, FieldError};

use super::{UpdateChipSet, chip_set};
use crate::error::AppError;
use crate::ui::{ErrorBanner, Intent, TextField, loaded, use_hydrated};

/// The chip set as one line of dollar values, prefilled with the current set; saved as a whole.
#[component]
pub fn ChipSetSection() -> impl IntoView {
    let current = Resource::new(|| (), |()| chip_set());
    view! { {loaded(current, |current| view! { <ChipSetForm current/> })} }
}

#[component]
fn ChipSetForm(current: Vec<Cents>) -> impl IntoView {
    let save = ServerAction::<UpdateChipSet>::new();
    let hydrated = use_hydrated();
    let text = RwSignal::new(line(&current));
    let typed = RwSignal::new(None::<AppError>);
    let intent = Intent::new();
    intent.renew_after(move || save.value().get());
    let error = Signal::derive(move || typed.get().or_else(|| save.value().get().and_then(Result::err)));
    Effect::new(move || {
        if let Some(Ok(saved)) = save.value().get() {
            text.set(line(&saved));
        }
    });
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
