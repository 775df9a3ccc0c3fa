//! Shared presentational pieces: error display, hydration state, request ids.

use leptos::prelude::*;
use uuid::Uuid;

use crate::error::AppError;

/// Shows an error's message prominently, with its code for support and tests; nothing when there is none.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let reference = e.request_id.map(|id| format!(" Reference: {id}."));
            view! {
                <div
                    role="alert"
                    data-code=e.code.as_str()
                    class="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-800"
                >
                    {e.message.clone()}
                    {reference}
                </div>
            }
        })
    }
}

/// Renders what a resource loads: a placeholder while it loads, the error banner if it fails, `render` of
/// the value once it is there.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// A labelled text box with large touch targets and, when given the last error, its field's message.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Option<Signal<Option<AppError>>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="block">
            <span class="block text-sm font-medium text-slate-700">{label}</span>
            <input
                type=kind
                name=name
                autocomplete=autocomplete
                bind:value=value
                class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg"
            />
            {error.map(|error| view! { <FieldMessage error field=name/> })}
        </label>
    }
}

/// The message under one form field, when the last attempt found it invalid.
#[component]
pub fn FieldMessage(#[prop(into)] error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    move || {
        error.get().and_then(|e| e.field_message(field)).map(|message| {
            view! { <p class="mt-1 text-sm text-red-700" data-field-error=field>{message}</p> }
        })
    }
}

/// `false` on the server and during hydration, `true` once the page is interactive. Controls that need the
/// browser start disabled from this, so server and client render the same markup.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move || set_hydrated.set(true));
    hydrated
}

/// A fresh request id for one user intent; a retry of the same intent must reuse it.
///
/// In the browser it comes from `crypto.getRandomValues`, which, unlike `randomUUID`, also works on plain-HTTP floor networks.
pub fn new_request_id() -> Uuid {
    #[cfg(feature = "hydrate")]
    {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
        if !filled {
            // Uniqueness per staff member is all a request id needs; Math.random suffices for that.
            bytes.iter_mut().for_each(|b| *b = (js_sys::Math::random() * 256.0) as u8);
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Uuid::new_v4()
    }
}
