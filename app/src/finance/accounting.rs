//! `/accounting`: find a player, record a deposit or withdrawal, see their gaming-day totals. Cashiers, pit
//! bosses and admins, while `finance_minimal_enabled` is on.

use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::finance::rules;
use pitboss::player::PlayerId;

use super::{EntryForm, EntryMode, PlayerFinanceSection};
use crate::auth::SessionView;
use crate::error::AppError;
use crate::player::PlayerPicker;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, loaded};

/// The page; what it shows follows the role and the flag.
#[component]
pub fn AccountingPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Accounting"</h1>
            {loaded(session, |session| accounting_for(&session))}
        </section>
    }
}

fn accounting_for(session: &SessionView) -> AnyView {
    if !rules::may_record(session.staff.role) {
        return view! { <ErrorBanner error=Some(AppError::new(ErrorCode::Forbidden))/> }.into_any();
    }
    if !session.finance_enabled {
        return view! {
            <p class="rounded-lg bg-amber-50 border border-amber-300 px-4 py-3 text-amber-900" data-testid="finance-disabled">
                {ErrorCode::FinanceFeatureDisabled.message()}
            </p>
        }
        .into_any();
    }
    let role = session.staff.role;
    view! { <Desk role/> }.into_any()
}

/// Search, pick, record.
#[component]
fn Desk(role: pitboss::casino::StaffRole) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<(PlayerId, String)>);
    view! {
        <PlayerPicker query chosen/>
        {move || chosen.get().map(|(player_id, name)| {
            let refresh = RwSignal::new(0_u64);
            let on_recorded = Callback::new(move |()| refresh.update(|n| *n += 1));
            view! {
                <section class="bg-white rounded-xl shadow-sm p-5 space-y-3">
                    <h2 class="text-xl font-semibold" data-testid="finance-player">{name}</h2>
                    <EntryForm player_id mode=EntryMode::Full role on_recorded/>
                </section>
                <PlayerFinanceSection player_id refresh/>
            }
        })}
    }
}
