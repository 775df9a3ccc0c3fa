//! The enrollment form: names and an optional birth date, checked field by field by the server.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use pitboss::player::{EnrollInput, PlayerMatch, rules};

use super::{EnrollPlayer, search_players};
use crate::ui::{ErrorBanner, Intent, TextField, use_hydrated};

/// Enrolls a player and opens their record.
#[component]
pub fn EnrollForm() -> impl IntoView {
    let enroll = ServerAction::<EnrollPlayer>::new();
    let intent = Intent::new();
    intent.renew_after(move || enroll.value().get());
    let hydrated = use_hydrated();
    let navigate = use_navigate();
    let (first_name, last_name, birth_date) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = Signal::derive(move || enroll.value().get().and_then(Result::err));
    // Someone enrolled already under this name (and birth date, if typed): offered before a second record is made.
    let duplicates = RwSignal::new(Vec::<PlayerMatch>::new());
    Effect::new(move || {
        let (first, last, born) = (first_name.get(), last_name.get(), birth_date.get());
        if first.trim().is_empty() || last.trim().is_empty() {
            duplicates.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = search_players(format!("{} {}", first.trim(), last.trim())).await {
                duplicates.set(rules::possible_duplicates(found, &first, &last, born.parse().ok()));
            }
        });
    });
    Effect::new(move || {
        if let Some(Ok(player)) = enroll.value().get() {
            navigate(&format!("/players/{}", player.id), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = EnrollInput {
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            // The date box yields YYYY-MM-DD or nothing.
            birth_date: birth_date.get_untracked().parse().ok(),
        };
        enroll.dispatch(EnrollPlayer { request_id: intent.request_id(&input), input });
    };
    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-3 max-w-xl" aria-labelledby="enroll-title">
            <h2 id="enroll-title" class="text-xl font-semibold">"Enroll a player"</h2>
            <ErrorBanner error/>
            <div class="grid sm:grid-cols-2 gap-3">
                <TextField label="First name" name="first_name" value=first_name error/>
                <TextField label="Last name" name="last_name" value=last_name error/>
            </div>
            <TextField label="Birth date (optional)" name="birth_date" kind="date" value=birth_date error/>
            {move || (!duplicates.get().is_empty()).then(|| view! {
                <div role="status" class="rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 space-y-1" data-testid="possible-duplicates">
                    <p class="font-semibold">"Already enrolled under this name: open their record instead of enrolling them twice."</p>
                    <ul>
                        {duplicates.get().into_iter().map(|found| {
                            let born = found.player.birth_date.map(|d| d.format(" (born %-d %b %Y)").to_string()).unwrap_or_default();
                            view! {
                                <li><A href=format!("/players/{}", found.player.id) attr:class="inline-flex items-center min-h-12 underline">
                                    {format!("{}{born}", found.player.full_name())}
                                </A></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <button
                type="submit"
                disabled=move || !hydrated.get() || enroll.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50"
            >
                {move || if enroll.pending().get() { "Enrolling…" } else { "Enroll player" }}
            </button>
        </form>
    }
}
