//! `/players/import`: an admin chooses a CSV of members (or pastes one), sees what importing it would do,
//! line by line, and imports it once nothing is wrong.

use leptos::prelude::*;
use pitboss::player::import::{Duplicate, ImportPreview, RowProblem};

use super::{ImportPlayers, PreviewPlayerImport};
use crate::ui::{ErrorBanner, Intent};

const BUTTON: &str = "h-12 px-4 rounded-lg bg-slate-900 text-white font-semibold disabled:opacity-50";

/// The page.
#[component]
pub fn ImportPage() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let preview = ServerAction::<PreviewPlayerImport>::new();
    let import = ServerAction::<ImportPlayers>::new();
    let intent = Intent::new();
    intent.renew_after(move || import.value().get());
    // The file the shown preview is of: importing needs a clean preview of exactly what is in the box.
    let previewed = RwSignal::new(None::<String>);
    let error = Signal::derive(move || {
        import.value().get().and_then(Result::err).or_else(|| preview.value().get().and_then(Result::err))
    });
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let csv = text.get_untracked();
        previewed.set(Some(csv.clone()));
        import.value().set(None);
        preview.dispatch(PreviewPlayerImport { csv });
    };
    let current = move || match (preview.value().get(), previewed.get()) {
        (Some(Ok(shown)), Some(of)) if text.with(|t| *t == of) => Some(shown),
        _ => None,
    };
    let may_import = move || current().is_some_and(|p| p.problems.is_empty() && p.ready > 0) && !import.pending().get();
    let run_import = move |_| {
        let csv = text.get_untracked();
        import.dispatch(ImportPlayers { request_id: intent.request_id(&csv), csv });
    };
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">"Import members"</h1>
            <p class="text-slate-700">
                "A CSV whose first line names its columns: first_name, last_name, birth_date (YYYY-MM-DD) and, \
                 optionally, member_number. Nothing is written until the file has no problems; members already \
                 enrolled, and rows repeating another, are skipped."
            </p>
            <ErrorBanner error/>
            <form class="bg-white rounded-xl shadow-sm p-4 space-y-3" data-testid="import-form" on:submit=check>
                <label class="block">
                    <span class="block text-sm font-medium text-slate-700">"CSV file"</span>
                    <input type="file" name="file" accept=".csv,text/csv" class="mt-1 block min-h-12"
                        on:change=move |ev| read_file(ev, text)/>
                </label>
                <label class="block">
                    <span class="block text-sm font-medium text-slate-700">"Members (CSV)"</span>
                    <textarea name="csv" rows="8" class="mt-1 w-full rounded-lg border border-slate-300 p-3 font-mono text-sm"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </label>
                <button type="submit" class=BUTTON disabled=move || preview.pending().get()>"Check the file"</button>
            </form>
            {move || current().map(|shown| view! { <Preview shown/> })}
            <button type="button" class=BUTTON disabled=move || !may_import() on:click=run_import>
                {move || format!("Import {} members", current().map_or(0, |p| p.ready))}
            </button>
            {move || import.value().get().and_then(Result::ok).map(|done| view! {
                <p role="status" class="text-emerald-800 font-semibold" data-testid="import-done">
                    {format!("Imported {} members; skipped {} duplicates.", done.imported, done.duplicates.len())}
                </p>
            })}
        </section>
    }
}

/// Reads the chosen file into the text box (in the browser; on the server there is no file).
fn read_file(ev: leptos::ev::Event, text: RwSignal<String>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let file = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            leptos::task::spawn_local(async move {
                if let Ok(read) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    text.set(read.as_string().unwrap_or_default());
                }
            });
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, text);
}

#[component]
fn Preview(shown: ImportPreview) -> impl IntoView {
    let summary = format!(
        "{} ready to import, {} duplicates to skip, {} problems.",
        shown.ready,
        shown.duplicates.len(),
        shown.problems.len()
    );
    let (problems, duplicates) = (shown.problems, shown.duplicates);
    view! {
        <section class="bg-white rounded-xl shadow-sm p-4 space-y-3" data-testid="import-preview">
            <p class="font-semibold">{summary}</p>
            {(!problems.is_empty()).then(|| view! { <Problems problems/> })}
            {(!duplicates.is_empty()).then(|| view! { <Duplicates duplicates/> })}
        </section>
    }
}

#[component]
fn Problems(problems: Vec<RowProblem>) -> impl IntoView {
    view! {
        <table class="w-full text-sm" data-testid="import-problems">
            <thead class="text-left text-slate-500"><tr><th class="py-1">"Line"</th><th>"Column"</th><th>"Problem"</th></tr></thead>
            <tbody>
                {problems.into_iter().map(|problem| view! {
                    <tr class="border-t border-slate-100 text-red-800" data-line=problem.line>
                        <td class="py-1">{problem.line}</td>
                        <td>{problem.field}</td>
                        <td>{problem.code.message()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Duplicates(duplicates: Vec<Duplicate>) -> impl IntoView {
    view! {
        <table class="w-full text-sm" data-testid="import-duplicates">
            <thead class="text-left text-slate-500"><tr><th class="py-1">"Line"</th><th>"Member"</th><th>"Skipped because"</th></tr></thead>
            <tbody>
                {duplicates.into_iter().map(|duplicate| {
                    let why = match (duplicate.repeats_line, duplicate.by_member_number) {
                        (Some(line), true) => format!("same member number as line {line}"),
                        (Some(line), false) => format!("same person as line {line}"),
                        (None, true) => "member number already enrolled".to_owned(),
                        (None, false) => "already enrolled".to_owned(),
                    };
                    view! {
                        <tr class="border-t border-slate-100" data-line=duplicate.line>
                            <td class="py-1">{duplicate.line}</td>
                            <td>{duplicate.name}</td>
                            <td>{why}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
