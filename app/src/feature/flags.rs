//! The flags section of the settings page: each flag, what it does, who last changed it, and its switch.

use leptos::prelude::*;
use pitboss::feature::FlagState;
use pitboss::live::Entity;

use super::{SetFeatureFlag, feature_flags};
use crate::live::use_live;
use crate::ui::{ErrorBanner, LocalTime, loaded, new_request_id};

/// Lists the flags with an on/off switch each (the server refuses anyone but an admin).
#[component]
pub fn FlagsSection() -> impl IntoView {
    let version = use_live().version_of(&[Entity::FeatureFlag]);
    let action = ServerAction::<SetFeatureFlag>::new();
    let flags = Resource::new(move || (version.get(), action.version().get()), |_| feature_flags());
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3" aria-label="Feature flags">
            <h2 class="text-lg font-semibold">"Feature flags"</h2>
            <ErrorBanner error=Signal::derive(move || action.value().get().and_then(Result::err))/>
            {loaded(flags, move |flags| {
                flags.into_iter().map(|state| view! { <FlagRow state action/> }).collect_view()
            })}
        </section>
    }
}

#[component]
fn FlagRow(state: FlagState, action: ServerAction<SetFeatureFlag>) -> impl IntoView {
    let (flag, enabled) = (state.flag, state.enabled);
    let changed = state.updated_at.map(|at| {
        let by = state.updated_by.clone().unwrap_or_default();
        view! { <span class="text-xs text-slate-500">"Changed " <LocalTime at/> {format!(" by {by}")}</span> }
    });
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-3"
            data-testid="feature-flag" data-key=flag.key() data-enabled=enabled.to_string()>
            <div class="flex flex-col">
                <code class="font-semibold">{flag.key()}</code>
                <span class="text-sm text-slate-600">{flag.description()}</span>
                {changed}
            </div>
            <button type="button" role="switch" aria-checked=enabled.to_string() aria-label=flag.key()
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action.dispatch(SetFeatureFlag { request_id: new_request_id(), flag, enabled: !enabled });
                }
                class="h-12 px-5 rounded-full font-semibold border border-slate-300 aria-checked:bg-emerald-700 aria-checked:text-white disabled:opacity-50">
                {if enabled { "On" } else { "Off" }}
            </button>
        </div>
    }
}
