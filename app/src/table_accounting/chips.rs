//! The chip grid of a count, a fill or a credit: one box per chip of the casino's set, and the value typed.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pitboss::table_accounting::{Chips, rules};
use pitboss::{Cents, ErrorCode, FieldError};

use crate::error::AppError;

/// What is typed in each box, by denomination in cents; kept outside the views that re-read, so a count
/// half-typed survives a live refresh.
pub type ChipText = RwSignal<BTreeMap<i64, String>>;

/// Reads the boxes: a blank box is no chips of it; anything but a whole number from 0 to 100,000 is that
/// chip's field error, as the server would answer it.
pub fn typed_chips(text: &BTreeMap<i64, String>) -> Result<Chips, AppError> {
    let mut chips = Chips::new();
    let mut fields = Vec::new();
    for (&cents, typed) in text {
        let typed = typed.trim();
        if typed.is_empty() {
            continue;
        }
        match typed.parse::<i64>() {
            Ok(count) if (0..=rules::MAX_CHIPS).contains(&count) => {
                chips.insert(cents, count);
            }
            _ => fields.push(FieldError::new(format!("chips.{cents}"), ErrorCode::CountInvalidQuantity)),
        }
    }
    if fields.is_empty() { Ok(chips) } else { Err(AppError::new(ErrorCode::ValidationFailed).with_fields(fields)) }
}

/// "10 × $100, 4 × $25": the chips of a request or count, largest first.
pub fn chips_line(chips: &Chips) -> String {
    let parts: Vec<String> = chips
        .iter()
        .rev()
        .filter(|(_, n)| **n > 0)
        .map(|(cents, n)| format!("{n} × {}", Cents(*cents).short()))
        .collect();
    parts.join(", ")
}

/// A box per chip with its field message, and the total of what is typed so far.
#[component]
pub fn ChipInputs(
    chip_set: Vec<Cents>,
    text: ChipText,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Names the grid and its total for tests (`<testid>` and `<testid>-total`).
    testid: &'static str,
) -> impl IntoView {
    let total = move || text.with(|typed| typed_chips(typed).map(|chips| rules::total(&chips)));
    let boxes = chip_set
        .into_iter()
        .rev()
        .map(|chip| {
            let field = format!("chips.{}", chip.0);
            let message_field = field.clone();
            let message = move || {
                let message = error.get().and_then(|e| e.field_message(&message_field))?;
                Some(
                    view! { <p class="mt-1 text-sm text-red-700" data-field-error=message_field.clone()>{message}</p> },
                )
            };
            // The message sits beside the label, not in it, so the box's name stays "$100 chips".
            view! {
                <div>
                <label class="block">
                    <span class="block text-sm font-medium text-slate-700">{format!("{} chips", chip.short())}</span>
                    <input
                        type="text"
                        inputmode="numeric"
                        name=field
                        placeholder="0"
                        prop:value=move || text.with(|typed| typed.get(&chip.0).cloned().unwrap_or_default())
                        on:input=move |ev| text.update(|typed| {
                            typed.insert(chip.0, event_target_value(&ev));
                        })
                        class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg"
                    />
                </label>
                {message}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="grid grid-cols-3 sm:grid-cols-4 gap-2" data-testid=testid>{boxes}</div>
        <p class="text-slate-700">
            "Total "
            <strong data-testid=format!("{testid}-total")>
                {move || total().map_or_else(|_| "—".to_owned(), |cents| cents.to_string())}
            </strong>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_boxes_are_no_chips_and_bad_ones_are_their_fields_errors() {
        let typed = BTreeMap::from([(100, " ".to_owned()), (2_500, "4".to_owned()), (10_000, "10".to_owned())]);
        assert_eq!(typed_chips(&typed).expect("valid"), Chips::from([(2_500, 4), (10_000, 10)]));
        let typed = BTreeMap::from([(100, "-1".to_owned()), (500, "2.5".to_owned()), (2_500, "100001".to_owned())]);
        let fields: Vec<String> =
            typed_chips(&typed).expect_err("invalid").fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["chips.100", "chips.500", "chips.2500"]);
        assert_eq!(chips_line(&Chips::from([(2_500, 4), (10_000, 10), (500, 0)])), "10 × $100, 4 × $25");
    }
}
