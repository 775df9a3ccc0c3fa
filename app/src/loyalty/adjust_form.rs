//! "Adjust points" on a player's page, for pit bosses and admins: a manual adjustment, or a correction of the
//! ledger row picked with its "Correct" button, always with a reason. Beyond the writer's authority it waits
//! for a supervisor, like a comp.

use leptos::prelude::*;
use pitboss::casino::StaffRole;
use pitboss::loyalty::request::{Adjustment, LoyaltyRequest, RequestStatus};
use pitboss::loyalty::{LedgerEntry, LedgerId, LoyaltyReason};
use pitboss::player::PlayerId;
use pitboss::{ErrorCode, FieldError};

use super::comp_form::CompDeskResource;
use super::{AdjustFn, points_text};
use crate::ui::{ErrorBanner, SaveForm, TextField, loaded, use_hydrated};

/// Whether `role` adjusts points: pit bosses and admins.
pub fn adjusts(role: StaffRole) -> bool {
    matches!(role, StaffRole::PitBoss | StaffRole::Admin)
}

/// The adjustment being written, shared by the form and the ledger's "Correct" buttons. Created by the page.
#[derive(Clone, Copy)]
pub struct AdjustDraft {
    corrects: RwSignal<Option<(LedgerId, String)>>,
    points: RwSignal<String>,
    note: RwSignal<String>,
}

impl Default for AdjustDraft {
    fn default() -> Self {
        Self::new()
    }
}

impl AdjustDraft {
    /// An empty draft.
    pub fn new() -> Self {
        Self { corrects: RwSignal::new(None), points: RwSignal::new(String::new()), note: RwSignal::new(String::new()) }
    }

    /// Starts a correction of `entry`, prefilled to take it back in full.
    pub fn correct(self, entry: &LedgerEntry) {
        let summary = format!("{} of {} points", entry.reason.label(), points_text(entry.points));
        self.corrects.set(Some((entry.id, summary)));
        self.points.set((-entry.points).to_string());
    }
}

/// The section, for pit bosses and admins.
#[component]
pub fn PlayerAdjustSection(player_id: PlayerId, draft: AdjustDraft, desk: CompDeskResource) -> impl IntoView {
    let form = SaveForm::<AdjustFn>::new();
    let hydrated = use_hydrated();
    let (error, save) = (form.error(), form.action);
    Effect::new(move || {
        if let Some(Ok(_)) = save.value().get() {
            draft.corrects.set(None);
            draft.points.set(String::new());
            draft.note.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(points) = draft.points.get_untracked().trim().replace(',', "").parse::<i32>() else {
            form.refuse(vec![FieldError::new("points", ErrorCode::LoyaltyInvalidPoints)]);
            return;
        };
        let corrects_id = draft.corrects.get_untracked().map(|(id, _)| id);
        let reason = if corrects_id.is_some() { LoyaltyReason::Correction } else { LoyaltyReason::ManualAdjustment };
        let input = Adjustment { player_id, reason, points, note: draft.note.get_untracked(), corrects_id };
        form.send(input, |request_id, input| AdjustFn { request_id, input });
    };
    loaded(desk, move |desk| {
        adjusts(desk.role).then(|| view! {
            <form on:submit=submit id="adjust" class="bg-white rounded-xl shadow-sm p-5 space-y-3" aria-label="Adjust points">
                <h2 class="text-lg font-semibold">"Adjust points"</h2>
                <p class="text-sm text-slate-700" data-testid="adjust-kind">
                    {move || match draft.corrects.get() {
                        Some((_, summary)) => format!("Correction of the ledger's {summary}."),
                        None => "Manual adjustment. To correct a ledger entry, tap its \"Correct\" button.".to_owned(),
                    }}
                </p>
                <TextField label="Points (negative to take away)" name="points" value=draft.points error/>
                <TextField label="Reason" name="note" value=draft.note error/>
                <div class="flex flex-wrap gap-2">
                    <button type="submit" disabled=move || !hydrated.get() || save.pending().get()
                        class="h-12 px-6 rounded-lg bg-indigo-700 text-white font-semibold disabled:opacity-50">"Save adjustment"</button>
                    <Show when=move || draft.corrects.get().is_some()>
                        <button type="button" class="h-12 px-4 rounded-lg border border-slate-300 font-semibold"
                            on:click=move |_| draft.corrects.set(None)>"Not a correction"</button>
                    </Show>
                </div>
                <ErrorBanner error/>
                {move || save.value().get().and_then(Result::ok).map(|done| outcome(&done))}
            </form>
        })
    })
}

fn outcome(done: &LoyaltyRequest) -> impl IntoView + use<> {
    let text = match (done.status, done.balance_after) {
        (RequestStatus::Approved, Some(balance)) => {
            format!("{} #{} saved. Balance now {} points.", done.reason.label(), done.number, points_text(balance))
        }
        _ => format!(
            "{} #{} is beyond your authority: it waits for a supervisor's approval.",
            done.reason.label(),
            done.number
        ),
    };
    view! { <p role="status" data-testid="adjust-outcome" class="rounded-lg bg-emerald-50 border border-emerald-300 px-4 py-3">{text}</p> }
}
