//! The form that records one deposit or withdrawal: the cage's full form, or the pit's buy-in at a slip.

use leptos::prelude::*;
use pitboss::casino::StaffRole;
use pitboss::finance::{Direction, NewEntry, Source, Tender, rules};
use pitboss::player::PlayerId;
use pitboss::rating_slip::SlipId;
use pitboss::visit::VisitId;
use pitboss::{Cents, ErrorCode, FieldError};

use super::RecordEntry;
use crate::error::AppError;
use crate::mtl::CashCue;
use crate::ui::{ErrorBanner, Intent, TextField};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";
const TOGGLE: &str =
    "h-12 px-4 rounded-lg font-semibold border border-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white";

/// What the form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryMode {
    /// Either direction, every tender; the source follows the role (admins choose).
    Full,
    /// A buy-in at a rating slip: in, at the pit, cash or chips.
    BuyIn {
        /// The player's visit.
        visit_id: VisitId,
        /// The slip it is taken at.
        slip_id: SlipId,
    },
}

/// Reads the amount box, or the field error the user sees.
fn typed_amount(text: &str) -> Result<Cents, AppError> {
    match Cents::parse_dollars(text) {
        Ok(amount) if rules::valid_amount(amount) => Ok(amount),
        _ => Err(AppError::new(ErrorCode::ValidationFailed)
            .with_fields(vec![FieldError::new("amount", ErrorCode::FinanceInvalidAmount)])),
    }
}

/// Records an entry for `player_id`; `on_recorded` runs after each success (to re-read totals).
#[component]
pub fn EntryForm(
    player_id: PlayerId,
    mode: EntryMode,
    /// The signed-in role: it decides the source (admins choose theirs).
    role: StaffRole,
    #[prop(optional)] on_recorded: Option<Callback<()>>,
) -> impl IntoView {
    let direction = RwSignal::new(Direction::In);
    let tender = RwSignal::new(Tender::Cash);
    let source = RwSignal::new(None::<Source>);
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let action = ServerAction::<RecordEntry>::new();
    // One request id per entry: a double tap or a resend after a lost answer records it once.
    let intent = Intent::new();
    intent.renew_after(move || action.value().get());
    let field_error = RwSignal::new(None::<AppError>);
    Effect::new(move || {
        if let Some(Ok(_)) = action.value().get() {
            amount.set(String::new());
            note.set(String::new());
            if let Some(done) = on_recorded {
                done.run(());
            }
        }
    });
    let error = Signal::derive(move || field_error.get().or_else(|| action.value().get().and_then(Result::err)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match typed_amount(&amount.get_untracked()) {
            Ok(cents) => {
                field_error.set(None);
                let (visit_id, rating_slip_id) = match mode {
                    EntryMode::BuyIn { visit_id, slip_id } => (Some(visit_id), Some(slip_id)),
                    EntryMode::Full => (None, None),
                };
                let typed_note = note.get_untracked().trim().to_owned();
                let entry = NewEntry {
                    player_id,
                    direction: if mode == EntryMode::Full { direction.get_untracked() } else { Direction::In },
                    amount: cents,
                    tender: tender.get_untracked(),
                    source: match mode {
                        EntryMode::BuyIn { .. } => Source::Pit,
                        EntryMode::Full => source.get_untracked().unwrap_or_else(|| rules::default_source(role)),
                    },
                    visit_id,
                    rating_slip_id,
                    note: (!typed_note.is_empty()).then_some(typed_note),
                };
                action.dispatch(RecordEntry { request_id: intent.request_id(&entry), entry });
            }
            Err(problem) => field_error.set(Some(problem)),
        }
    };
    let tenders: Vec<Tender> = match mode {
        EntryMode::Full => Tender::ALL.to_vec(),
        EntryMode::BuyIn { .. } => vec![Tender::Cash, Tender::Chips],
    };
    let (label, submit_label) = match mode {
        EntryMode::Full => ("Record a deposit or withdrawal", "Record entry"),
        EntryMode::BuyIn { .. } => ("Record buy-in", "Record buy-in"),
    };
    let full = mode == EntryMode::Full;
    view! {
        <form on:submit=submit class="space-y-3" aria-label=label data-testid="finance-form">
            <Show when=move || full>
                <div class="flex flex-wrap gap-2" role="group" aria-label="Direction">
                    {Direction::ALL.into_iter().map(|choice| view! {
                        <button type="button" class=TOGGLE aria-pressed=move || (direction.get() == choice).to_string()
                            on:click=move |_| direction.set(choice)>{choice.label()}</button>
                    }).collect_view()}
                </div>
            </Show>
            <div class="flex flex-wrap gap-2" role="group" aria-label="Tender">
                {tenders.into_iter().map(|choice| view! {
                    <button type="button" class=TOGGLE aria-pressed=move || (tender.get() == choice).to_string()
                        on:click=move |_| tender.set(choice)>{choice.label()}</button>
                }).collect_view()}
            </div>
            <Show when=move || full && role == StaffRole::Admin>
                <div class="flex flex-wrap gap-2" role="group" aria-label="Source">
                    {Source::ALL.into_iter().map(|choice| view! {
                        <button type="button" class=TOGGLE
                            aria-pressed=move || (source.get().unwrap_or(Source::Pit) == choice).to_string()
                            on:click=move |_| source.set(Some(choice))>{choice.label()}</button>
                    }).collect_view()}
                </div>
            </Show>
            <div class="flex flex-wrap gap-2 items-end">
                <div class="grow"><TextField label="Amount ($)" name="amount" value=amount error/></div>
                <Show when=move || full>
                    <div class="grow"><TextField label="Note (optional)" name="note" value=note error/></div>
                </Show>
                <button type="submit" disabled=move || action.pending().get() class=format!("{BUTTON} bg-emerald-700 text-white")>
                    {submit_label}
                </button>
            </div>
            <CashCue player_id tender=tender.into() recorded=Signal::derive(move || action.version().get())
                direction=Signal::derive(move || if full { direction.get() } else { Direction::In })
                amount=Signal::derive(move || typed_amount(&amount.get()).ok())/>
            <ErrorBanner error=Signal::derive(move || action.value().get().and_then(Result::err))/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_dollars_above_zero() {
        assert_eq!(typed_amount("2,000").expect("valid"), Cents(200_000));
        assert_eq!(typed_amount("1500.50").expect("valid"), Cents(150_050));
        for bad in ["", "0", "-5", "lots"] {
            let error = typed_amount(bad).expect_err(bad);
            assert_eq!(error.fields[0].code, ErrorCode::FinanceInvalidAmount, "{bad}");
        }
    }
}
