//! The enrollment form: names and an optional birth date, checked field by field by the server.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use pitboss::player::EnrollInput;

use super::EnrollPlayer;
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
