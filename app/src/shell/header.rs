//! The header: casino, gaming day, staff name and role, navigation and sign-out.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{SessionResource, nav_for};
use crate::auth::{Logout, LogoutEverywhere, SessionView};
use crate::live::LiveIndicator;
use crate::offline::ConnectionIndicator;
use crate::ui::{ErrorBanner, load_page, use_hydrated};

/// The top bar of every signed-in page.
#[component]
pub fn Header(session: SessionResource) -> impl IntoView {
    view! {
        <header class="bg-slate-900 text-white print:hidden">
            <Transition fallback=|| view! { <div class="h-16"></div> }>
                {move || Suspend::new(async move {
                    match session.await {
                        Ok(session) => view! { <HeaderBar session/> }.into_any(),
                        Err(error) => {
                            view! {
                                <div class="p-4 space-y-2">
                                    <ErrorBanner error=Some(error)/>
                                    <a href="/login" class="inline-flex items-center min-h-12 underline">"Sign in again"</a>
                                </div>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </header>
    }
}

#[component]
fn HeaderBar(session: SessionView) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let everywhere = ServerAction::<LogoutEverywhere>::new();
    let hydrated = use_hydrated();
    Effect::new(move || {
        let signed_out =
            matches!(logout.value().get(), Some(Ok(()))) || matches!(everywhere.value().get(), Some(Ok(_)));
        if signed_out {
            load_page("/login");
        }
    });
    let role = session.staff.role;
    view! {
        <div class="mx-auto max-w-6xl px-4 py-3 flex flex-wrap items-center gap-x-6 gap-y-2">
            <div class="flex flex-col">
                <span class="font-bold text-lg" data-testid="casino-name">{session.casino.name.clone()}</span>
                <span class="text-sm text-slate-300" data-testid="gaming-day">
                    "Gaming day " {session.gaming_day.to_string()}
                </span>
            </div>
            <nav aria-label="Main" class="flex flex-wrap gap-1 grow">
                {nav_for(role, session.finance_enabled)
                    .into_iter()
                    .map(|item| {
                        view! {
                            <A href=item.href attr:class="px-4 py-3 rounded-lg hover:bg-slate-700 aria-[current=page]:bg-slate-700">
                                {item.label}
                            </A>
                        }
                    })
                    .collect_view()}
            </nav>
            <div class="flex items-center gap-3">
                <LiveIndicator/>
                <ConnectionIndicator/>
                <div class="text-right">
                    <div class="font-medium" data-testid="staff-name">{session.staff.full_name()}</div>
                    <div class="text-sm text-slate-300" data-testid="staff-role">{role.label()}</div>
                    {role.uses_second_factor().then(|| view! {
                        <A href="/second-factor" attr:class="inline-flex items-center min-h-11 text-sm text-slate-300 underline">
                            {if session.staff.second_factor { "Two-step sign-in: on" } else { "Set up two-step sign-in" }}
                        </A>
                    })}
                </div>
                <button
                    type="button"
                    on:click=move |_| {
                        logout.dispatch(Logout {});
                    }
                    disabled=move || !hydrated.get() || logout.pending().get()
                    class="h-12 px-4 rounded-lg bg-slate-700 hover:bg-slate-600 disabled:opacity-50"
                >
                    "Sign out"
                </button>
                <button
                    type="button"
                    title="End this account's sessions on every device"
                    on:click=move |_| {
                        everywhere.dispatch(LogoutEverywhere {});
                    }
                    disabled=move || !hydrated.get() || everywhere.pending().get()
                    class="h-12 px-3 rounded-lg text-sm text-slate-300 underline hover:bg-slate-700 disabled:opacity-50"
                >
                    "Sign out everywhere"
                </button>
            </div>
        </div>
    }
}
