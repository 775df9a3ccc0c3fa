//! Shared presentational pieces: error display, hydration state, request ids.

mod intent;
mod save_form;
mod time;
mod timer;

use leptos::prelude::*;

use crate::error::AppError;
pub use intent::{Intent, new_request_id, settles};
pub use save_form::SaveForm;
pub use time::{LocalTime, clock_time};
pub use timer::{SlipTimer, clock};

/// Goes to `path` with a full page load, so no page state of the session just ended or replaced survives in
/// memory. Nothing on the server, where there is no page to leave.
pub fn load_page(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

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
    settled(move || {
        let render = render.clone();
        async move { resource.await.map(|value| render(value).into_any()) }
    })
}

/// Like [`loaded`] for two resources at once, in one boundary.
///
/// Create both resources before any boundary, so the server and the browser number them alike (a resource
/// created inside another's boundary can be numbered differently on the server, which breaks hydration).
pub fn loaded2<A, B, V>(
    first: Resource<Result<A, AppError>>,
    second: Resource<Result<B, AppError>>,
    render: impl Fn(A, B) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    A: Clone + Send + Sync + 'static,
    B: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    settled(move || {
        let render = render.clone();
        async move {
            let (a, b) = (first.await, second.await);
            Ok(render(a?, b?).into_any())
        }
    })
}

/// The boundary behind [`loaded`] and [`loaded2`]: "Loading…" until `view` settles, then its view or its
/// error's banner.
fn settled<F>(view: impl Fn() -> F + Send + Sync + 'static) -> impl IntoView
where
    F: Future<Output = Result<AnyView, AppError>> + Send + 'static,
{
    view! {
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || {
                let settling = view();
                Suspend::new(async move {
                    match settling.await {
                        Ok(view) => view,
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Facts as cards: a term and its value each, in a responsive grid.
#[component]
pub fn Facts(facts: Vec<(&'static str, String)>, #[prop(optional)] testid: &'static str) -> impl IntoView {
    view! {
        <dl class="grid grid-cols-1 sm:grid-cols-2 lg:grid-cols-3 gap-3" data-testid=testid>
            {facts
                .into_iter()
                .map(|(term, value)| {
                    view! {
                        <div class="bg-white rounded-xl shadow-sm p-4">
                            <dt class="text-sm text-slate-500">{term}</dt>
                            <dd class="text-xl font-semibold text-slate-900">{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// What the last submission of a settings form came to: its error, or `saved` once it succeeded.
#[component]
pub fn FormOutcome(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into)] saved: Signal<bool>,
    saved_text: &'static str,
) -> impl IntoView {
    view! {
        <ErrorBanner error/>
        <Show when=move || saved.get()>
            <p role="status" class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3 text-emerald-800">
                {saved_text}
            </p>
        </Show>
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

/// A button that asks once more before it acts: the first tap shows "Confirm" and "Cancel".
#[component]
pub fn ConfirmButton(
    /// What the button says before the confirmation.
    label: &'static str,
    /// What the confirming button says.
    confirm: String,
    /// Disable both buttons (e.g. while a request is in flight).
    #[prop(into)]
    disabled: Signal<bool>,
    /// Runs on confirmation.
    on_confirm: Callback<()>,
    /// Tailwind classes of the first button.
    #[prop(default = "bg-slate-700 text-white")]
    tone: &'static str,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let button = "h-12 px-5 rounded-lg font-semibold disabled:opacity-50";
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button type="button" class=format!("{button} {tone}") disabled=move || disabled.get()
                        on:click=move |_| asking.set(true)>
                        {label}
                    </button>
                }
            }
        >
            <div class="flex flex-wrap gap-2">
                <button type="button" class=format!("{button} bg-red-700 text-white") disabled=move || disabled.get()
                    on:click=move |_| {
                        asking.set(false);
                        on_confirm.run(());
                    }>
                    {confirm.clone()}
                </button>
                <button type="button" class=format!("{button} bg-slate-200 text-slate-900")
                    on:click=move |_| asking.set(false)>
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}

/// "Print": the browser's print dialog, for a page laid out for paper (a worksheet, a comp slip).
#[component]
pub fn PrintButton() -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <button type="button" on:click=print class="h-12 px-5 rounded-lg border border-slate-300 font-semibold">"Print"</button>
    }
}
