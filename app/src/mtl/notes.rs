//! Compliance notes on the MTL page: under each row and each of today's patrons, the notes written on it,
//! and for compliance officers and admins a form to add one. Notes are never changed once written.

use leptos::prelude::*;
use pitboss::mtl::{MtlNote, NewMtlNote, NoteTarget};

use super::AddMtlNote;
use crate::ui::{ErrorBanner, FieldMessage, Intent, LocalTime};

/// The note being written, kept with the page: the log re-reads on every cash entry anywhere, and that must not
/// wipe what the officer is typing.
#[derive(Clone, Copy)]
pub struct NoteDraft {
    /// Whether the signed-in role may write notes.
    pub may_write: RwSignal<bool>,
    target: RwSignal<Option<NoteTarget>>,
    text: RwSignal<String>,
    add: ServerAction<AddMtlNote>,
    intent: Intent,
}

impl NoteDraft {
    /// No note open.
    pub fn new() -> Self {
        let draft = Self {
            may_write: RwSignal::new(false),
            target: RwSignal::new(None),
            text: RwSignal::new(String::new()),
            add: ServerAction::new(),
            intent: Intent::new(),
        };
        let add = draft.add;
        draft.intent.renew_after(move || add.value().get());
        Effect::new(move || {
            if let Some(Ok(_)) = add.value().get() {
                draft.target.set(None);
                draft.text.set(String::new());
            }
        });
        draft
    }
}

impl Default for NoteDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The notes on `target` (those of `notes` about it), then the button or the form to add one.
#[component]
pub fn Notes(target: NoteTarget, notes: Vec<MtlNote>, draft: NoteDraft) -> impl IntoView {
    let mine: Vec<MtlNote> = notes.into_iter().filter(|note| about(note, target)).collect();
    let open = move || draft.target.get() == Some(target);
    view! {
        <div class="space-y-1" data-testid="mtl-notes">
            {mine.into_iter().map(|note| view! {
                <p class="text-sm text-slate-700 whitespace-pre-line" data-testid="mtl-note">
                    <span class="font-medium">{note.staff_name}</span> " · " <LocalTime at=note.created_at/> ": "
                    {note.note}
                </p>
            }).collect_view()}
            {move || (draft.may_write.get() && !open()).then(|| view! {
                <button type="button" class="min-h-12 px-3 text-sm font-semibold underline"
                    on:click=move |_| draft.target.set(Some(target))>"Add a note"</button>
            })}
            {move || open().then(|| view! { <NoteForm target draft/> })}
        </div>
    }
}

#[component]
fn NoteForm(target: NoteTarget, draft: NoteDraft) -> impl IntoView {
    let NoteDraft { text, add, intent, .. } = draft;
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = NewMtlNote { target, note: text.get_untracked() };
        add.dispatch(AddMtlNote { request_id: intent.request_id(&input), input });
    };
    view! {
        <form on:submit=submit class="space-y-2" aria-label="Add a note">
            <ErrorBanner error/>
            <label class="block">
                <span class="block text-sm font-medium text-slate-700">"Note"</span>
                <textarea name="note" rows="3" class="mt-1 w-full rounded-lg border border-slate-300 p-3"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <FieldMessage error field="note"/>
                <FieldMessage error field="gaming_day"/>
            </label>
            <div class="flex gap-2">
                <button type="submit" disabled=move || add.pending().get()
                    class="h-12 px-4 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">"Save note"</button>
                <button type="button" class="h-12 px-4 rounded-lg font-semibold border border-slate-300"
                    on:click=move |_| draft.target.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}

/// Whether `note` is about `target`: the row's own notes, or a patron's notes on the day (not on its rows).
fn about(note: &MtlNote, target: NoteTarget) -> bool {
    match target {
        NoteTarget::Entry { mtl_entry_id } => note.mtl_entry_id == Some(mtl_entry_id),
        NoteTarget::PatronDay { player_id, gaming_day } => {
            note.mtl_entry_id.is_none() && note.player_id == player_id && note.gaming_day == gaming_day
        }
    }
}
