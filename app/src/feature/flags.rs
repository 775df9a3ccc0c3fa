//! The flags section of the settings page: each flag by its plain name, what it does now, who last changed
//! it, and its switch, which asks first: a flag changes what everyone at the casino may do.

use leptos::prelude::*;
use pitboss::feature::{Flag, FlagState};
use pitboss::live::Entity;

use super::{SetFeatureFlag, feature_flags};
use crate::live::use_live;
use crate::ui::{ErrorBanner, LocalTime, loaded, new_request_id};

/// Lists the flags with an on/off switch each (the server refuses anyone but an admin).
#[component]
pub fn FlagsSection() -> impl IntoView {
    let version = use_live().version_of(&[Entity::FeatureFlag]);
    let action = ServerAction::<SetFeatureFlag>::new();
    // The switch being confirmed, and to which state; kept here so a re-read of the flags does not drop it.
    let asking = RwSignal::new(None::<(Flag, bool)>);
    Effect::new(move || {
        if matches!(action.value().get(), Some(Ok(_))) {
            asking.set(None);
        }
    });
    let flags = Resource::new(move || (version.get(), action.version().get()), |_| feature_flags());
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3" aria-label="Feature flags">
            <h2 class="text-lg font-semibold">"Feature flags"</h2>
            <ErrorBanner error=Signal::derive(move || action.value().get().and_then(Result::err))/>
            {loaded(flags, move |flags| {
                flags.into_iter().map(|state| view! { <FlagRow state action asking/> }).collect_view()
            })}
        </section>
    }
}

fn on_off(enabled: bool) -> &'static str {
    if enabled { "on" } else { "off" }
}

#[component]
fn FlagRow(
    state: FlagState,
    action: ServerAction<SetFeatureFlag>,
    asking: RwSignal<Option<(Flag, bool)>>,
) -> impl IntoView {
    let (flag, enabled) = (state.flag, state.enabled);
    let changed = state.updated_at.map(|at| {
        let by = state.updated_by.clone().unwrap_or_default();
        view! { <span class="text-xs text-slate-500">"Changed " <LocalTime at/> {format!(" by {by}")}</span> }
    });
    // Shown while its switch waits for confirmation, unless someone else has already switched it.
    let confirming = move || asking.get() == Some((flag, !enabled));
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-3"
            data-testid="feature-flag" data-key=flag.key() data-enabled=enabled.to_string()>
            <div class="flex flex-col">
                <span class="font-semibold">{flag.name()}</span>
                <span class="text-sm text-slate-600" data-testid="flag-effect">
                    {format!("Now {}: {}", on_off(enabled), flag.effect(enabled))}
                </span>
                <code class="text-xs text-slate-500">{flag.key()}</code>
                {changed}
            </div>
            <button type="button" role="switch" aria-checked=enabled.to_string() aria-label=flag.name()
                disabled=move || action.pending().get() || confirming()
                on:click=move |_| asking.set(Some((flag, !enabled)))
                class="h-12 px-5 rounded-full font-semibold border border-slate-300 aria-checked:bg-emerald-700 aria-checked:text-white disabled:opacity-50">
                {if enabled { "On" } else { "Off" }}
            </button>
            {move || confirming().then(|| view! {
                <div class="w-full rounded-lg border border-amber-300 bg-amber-50 p-3 space-y-2" role="group"
                    aria-label="Confirm the switch" data-testid="flag-confirm">
                    <p class="font-semibold">
                        {format!("Turn {} {} for the whole casino?", flag.name(), on_off(!enabled))}
                    </p>
                    <p class="text-sm text-slate-700">{flag.effect(!enabled)}</p>
                    <div class="flex flex-wrap gap-2">
                        <button type="button" disabled=move || action.pending().get()
                            class="h-12 px-4 rounded-lg bg-slate-900 text-white font-semibold disabled:opacity-50"
                            on:click=move |_| {
                                action.dispatch(SetFeatureFlag { request_id: new_request_id(), flag, enabled: !enabled });
                            }>
                            {format!("Turn {}", on_off(!enabled))}
                        </button>
                        <button type="button" class="h-12 px-4 rounded-lg font-semibold border border-slate-300"
                            on:click=move |_| asking.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
        </div>
    }
}
