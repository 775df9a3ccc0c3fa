//! The exclusions section of the player page, and the badge a flag shows elsewhere.

use leptos::prelude::*;
use pitboss::exclusion::{Exclusion, ExclusionId, ExclusionInput, ExclusionKind, rules};
use pitboss::player::PlayerId;

use super::{EXCLUSION_ENTITIES, ExcludePlayer, LiftExclusion, exclusions};
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{ConfirmButton, ErrorBanner, Intent, TextField, loaded, loaded2};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";
const TOGGLE: &str =
    "h-12 px-4 rounded-lg font-semibold border border-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white";

/// A flag's badge: red for barred and self-excluded, amber for watch; nothing without a flag.
#[component]
pub fn ExclusionBadge(kind: Option<ExclusionKind>) -> impl IntoView {
    kind.map(|kind| {
        let tone = if kind.blocks_play() { "bg-red-700 text-white" } else { "bg-amber-300 text-slate-900" };
        view! {
            <span class=format!("rounded px-2 py-0.5 text-xs font-semibold {tone}") data-testid="exclusion-badge"
                data-kind=kind.key()>
                {kind.label()}
            </span>
        }
    })
}

/// The player's flags, newest first; compliance and admins set and lift them here.
///
/// The list and the form sit in boundaries of their own, with both resources created before either: a flag
/// set or lifted anywhere re-reads the list only, so a reason being typed in the form is never reset (a
/// resource created inside the session's boundary remounted the form after hydration).
#[component]
pub fn PlayerExclusionsSection(player_id: PlayerId) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let version = use_live().version_of(EXCLUSION_ENTITIES);
    let flags = Resource::new(move || (player_id, version.get()), |(id, _)| exclusions(id));
    view! {
        <section class="bg-white rounded-xl shadow-sm p-5 space-y-3" data-testid="exclusions" aria-label="Exclusions">
            <h2 class="text-lg font-semibold">"Exclusions"</h2>
            {loaded2(session, flags, move |s, flags| {
                view! { <FlagList flags manager=rules::may_manage(s.staff.role)/> }
            })}
            {loaded(session, move |s| rules::may_manage(s.staff.role).then(|| view! { <ExcludeForm player_id/> }))}
        </section>
    }
}

#[component]
fn FlagList(flags: Vec<Exclusion>, manager: bool) -> impl IntoView {
    if flags.is_empty() {
        return view! { <p class="text-slate-600">"No flags."</p> }.into_any();
    }
    view! {
        <ul class="divide-y divide-slate-200 border border-slate-200 rounded-lg">
            {flags.into_iter().map(|flag| view! { <FlagRow flag manager/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn FlagRow(flag: Exclusion, manager: bool) -> impl IntoView {
    let lifted = flag.lifted_at.is_some();
    let until = flag.ends_at.map_or_else(|| "no end".to_owned(), |end| format!("until {}", end.format("%-d %b %Y")));
    let by = flag.set_by.clone().map(|name| format!(" by {name}")).unwrap_or_default();
    let set = format!("From {}{by}, {until}.", flag.starts_at.format("%-d %b %Y %H:%M"));
    let lift_note = flag.lifted_at.map(|at| {
        let who = flag.lifted_by.clone().map(|name| format!(" by {name}")).unwrap_or_default();
        let why = flag.lift_reason.clone().unwrap_or_default();
        view! { <p class="text-sm text-slate-600">{format!("Lifted {}{who}: {why}", at.format("%-d %b %Y %H:%M"))}</p> }
    });
    let id = flag.id;
    view! {
        <li class="p-3 space-y-1" data-testid="exclusion" data-kind=flag.kind.key() data-lifted=lifted.to_string()>
            <p class="flex gap-2 items-center">
                <ExclusionBadge kind=Some(flag.kind)/>
                <span class=if lifted { "line-through" } else { "" }>{flag.reason}</span>
            </p>
            <p class="text-sm text-slate-600">{set}</p>
            {lift_note}
            {(manager && !lifted).then(|| view! { <LiftForm id/> })}
        </li>
    }
}

/// Reads the optional end date: the start of that day (UTC), or `None` when left empty.
fn typed_until(text: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|start| Some(start.and_utc()))
        .ok_or_else(|| {
            AppError::new(pitboss::ErrorCode::ValidationFailed)
                .with_fields(vec![pitboss::FieldError::new("until", pitboss::ErrorCode::ExclusionInvalidUntil)])
        })
}

#[component]
fn ExcludeForm(player_id: PlayerId) -> impl IntoView {
    let kind = RwSignal::new(ExclusionKind::Watch);
    let reason = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let action = ServerAction::<ExcludePlayer>::new();
    let intent = Intent::new();
    intent.renew_after(move || action.value().get());
    let typed_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || typed_error.get().or_else(|| action.value().get().and_then(Result::err)));
    Effect::new(move || {
        if let Some(Ok(_)) = action.value().get() {
            reason.set(String::new());
            until.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let until = match typed_until(&until.get_untracked()) {
            Ok(until) => until,
            Err(problem) => return typed_error.set(Some(problem)),
        };
        typed_error.set(None);
        let input = ExclusionInput { player_id, kind: kind.get_untracked(), reason: reason.get_untracked(), until };
        action.dispatch(ExcludePlayer { request_id: intent.request_id(&input), input });
    };
    view! {
        <form on:submit=submit class="space-y-3 border-t border-slate-200 pt-3" aria-label="Flag the player">
            <div class="flex flex-wrap gap-2" role="group" aria-label="Flag">
                {ExclusionKind::ALL.into_iter().map(|k| view! {
                    <button type="button" class=TOGGLE aria-pressed=move || (kind.get() == k).to_string()
                        on:click=move |_| kind.set(k)>{k.label()}</button>
                }).collect_view()}
            </div>
            <TextField label="Reason" name="reason" value=reason error/>
            <TextField label="Until (optional, ends at the start of that day, UTC)" name="until" value=until error kind="date"/>
            <ErrorBanner error/>
            <button type="submit" class=format!("{BUTTON} bg-red-700 text-white") disabled=move || action.pending().get()>
                "Set flag"
            </button>
        </form>
    }
}

#[component]
fn LiftForm(id: ExclusionId) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let action = ServerAction::<LiftExclusion>::new();
    let intent = Intent::new();
    intent.renew_after(move || action.value().get());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let lift = Callback::new(move |()| {
        let reason = reason.get_untracked();
        let request_id = intent.request_id(&(id, &reason));
        action.dispatch(LiftExclusion { request_id, exclusion_id: id, reason });
    });
    view! {
        <div class="flex flex-wrap gap-2 items-end">
            <TextField label="Why lift it" name="reason" value=reason error/>
            <ConfirmButton label="Lift" confirm="Confirm: lift the flag".to_owned()
                disabled=Signal::derive(move || action.pending().get()) on_confirm=lift/>
        </div>
        <ErrorBanner error/>
    }
}
