//! The identification section of the player page: what a CTR needs about the patron, numbers by their last
//! four, what is still missing, a form for the cage and compliance, and, for compliance officers, the full
//! numbers on demand (each reveal audited). Pit bosses and dealers see nothing of it.

use chrono::NaiveDate;
use leptos::prelude::*;
use pitboss::ErrorCode;
use pitboss::live::Entity;
use pitboss::player::PlayerId;
use pitboss::player::identification::{self, IdType, Identification, IdentificationInput, rules};

use super::{RevealIdentification, UpdateIdentification, identification_of};
use crate::error::AppError;
use crate::live::use_live;
use crate::shell::SessionResource;
use crate::ui::{ErrorBanner, FieldMessage, Intent, TextField, loaded};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";

/// The form's values, kept with the section so a live re-read of the record does not wipe what is typed.
#[derive(Clone, Copy)]
struct Draft {
    /// The patron whose record the form was opened on; the form shows only on that patron's page.
    open: RwSignal<Option<PlayerId>>,
    text: [RwSignal<String>; 7],
    id_type: RwSignal<String>,
    id_expires: RwSignal<String>,
    id_number: RwSignal<String>,
    tin: RwSignal<String>,
}

/// The text fields, in the order of `Draft::text`: label and name.
const TEXT: [(&str, &str); 7] = [
    ("Street address", "address_line"),
    ("City", "city"),
    ("State or region", "region"),
    ("ZIP or postal code", "postal_code"),
    ("Country", "country"),
    ("Occupation", "occupation"),
    ("ID issued by (state or country)", "id_issuer"),
];

impl Draft {
    fn new() -> Self {
        Self {
            open: RwSignal::new(None),
            text: std::array::from_fn(|_| RwSignal::new(String::new())),
            id_type: RwSignal::new(String::new()),
            id_expires: RwSignal::new(String::new()),
            id_number: RwSignal::new(String::new()),
            tin: RwSignal::new(String::new()),
        }
    }

    /// Opens the form with the record's values; numbers start blank (blank keeps the one on file).
    fn fill(self, record: &Identification) {
        let values = [
            &record.address_line,
            &record.city,
            &record.region,
            &record.postal_code,
            &record.country,
            &record.occupation,
            &record.id_issuer,
        ];
        for (signal, value) in self.text.iter().zip(values) {
            signal.set(value.clone());
        }
        self.id_type.set(record.id_type.map(|t| t.key().to_owned()).unwrap_or_default());
        self.id_expires.set(record.id_expires.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
        self.id_number.set(String::new());
        self.tin.set(String::new());
        self.open.set(Some(record.player_id));
    }

    fn input(self) -> IdentificationInput {
        let [address_line, city, region, postal_code, country, occupation, id_issuer] =
            self.text.map(|s| s.get_untracked());
        let number = |s: RwSignal<String>| Some(s.get_untracked()).filter(|n| !n.trim().is_empty());
        IdentificationInput {
            address_line,
            city,
            region,
            postal_code,
            country,
            occupation,
            id_type: IdType::from_key(&self.id_type.get_untracked()),
            id_issuer,
            id_expires: self.id_expires.get_untracked().parse::<NaiveDate>().ok(),
            id_number: number(self.id_number),
            tin: number(self.tin),
        }
    }
}

/// What the section shows: the record and whether the reader may reveal its numbers; `None` for roles that do
/// not keep identification.
pub type IdentificationResource = Resource<Result<Option<(Identification, bool)>, AppError>>;

/// The section's read, created by the page before any boundary (so the server and the browser number it alike):
/// nothing is asked for roles that do not keep identification.
pub fn identification_resource(
    player: impl Fn() -> Option<PlayerId> + Send + Sync + 'static,
) -> IdentificationResource {
    let session = expect_context::<SessionResource>();
    let version = use_live().version_of(&[Entity::PlayerIdentification]);
    Resource::new(
        move || (player(), version.get()),
        move |(player, _)| async move {
            let role = session.await?.staff.role;
            match player {
                Some(id) if rules::may_keep(role) => Ok(Some((identification_of(id).await?, rules::may_reveal(role)))),
                Some(_) => Ok(None),
                None => Err(AppError::new(ErrorCode::NotFound)),
            }
        },
    )
}

/// The section, for cashiers, compliance and admins; nothing for other roles. The form's values live here,
/// outside the record's boundary, so a live re-read of the record keeps what is being typed.
#[component]
pub fn PlayerIdentificationSection(record: IdentificationResource) -> impl IntoView {
    let draft = Draft::new();
    // The reveal's own audit row re-reads the record: its answer must outlive the boundary.
    let reveal = ServerAction::<RevealIdentification>::new();
    let shown = RwSignal::new(false);
    let save = ServerAction::<UpdateIdentification>::new();
    let intent = Intent::new();
    intent.renew_after(move || save.value().get());
    Effect::new(move || {
        if let Some(Ok(_)) = save.value().get() {
            draft.open.set(None);
        }
    });
    loaded(record, move |found| {
        found.map(|(record, reveals)| {
            let player_id = record.player_id;
            view! {
                <section class="bg-white rounded-xl shadow-sm p-5 space-y-3" aria-label="Identification"
                    data-testid="identification">
                    <h2 class="text-lg font-semibold">"Identification"</h2>
                    <Record record=record.clone()/>
                    {reveals.then(|| view! { <Reveal player_id reveal shown/> })}
                    <Show when=move || draft.open.get() != Some(player_id)>
                        <button type="button" class=format!("{BUTTON} border border-slate-300")
                            on:click={let record = record.clone(); move |_| draft.fill(&record)}>"Edit identification"</button>
                    </Show>
                    <Show when=move || draft.open.get() == Some(player_id)>
                        <IdentificationForm player_id draft save intent/>
                    </Show>
                </section>
            }
        })
    })
}

#[component]
fn Record(record: Identification) -> impl IntoView {
    let missing = record.missing();
    let or_none = |text: &str| if text.trim().is_empty() { "—".to_owned() } else { text.to_owned() };
    let place = [record.city.as_str(), record.region.as_str(), record.postal_code.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let id = match record.id_type {
        Some(kind) => format!(
            "{} · {} · expires {}",
            kind.label(),
            or_none(&record.id_issuer),
            record.id_expires.map_or_else(|| "—".to_owned(), |d| d.format("%-d %b %Y").to_string())
        ),
        None => "—".to_owned(),
    };
    let masked =
        |last4: &Option<String>| last4.as_ref().map_or_else(|| "Not on file".to_owned(), |l| format!("•••• {l}"));
    let facts = [
        ("Address", format!("{} {} {}", or_none(&record.address_line), place, record.country).trim().to_owned()),
        ("Occupation", or_none(&record.occupation)),
        ("ID", id),
        ("ID number", masked(&record.id_number_last4)),
        ("SSN / TIN", masked(&record.tin_last4)),
    ];
    view! {
        <dl class="grid grid-cols-1 sm:grid-cols-2 gap-2 text-sm">
            {facts.into_iter().map(|(term, value)| view! {
                <div><dt class="text-slate-500">{term}</dt><dd class="font-medium" data-fact=term>{value}</dd></div>
            }).collect_view()}
        </dl>
        {if missing.is_empty() {
            view! { <p class="text-sm text-emerald-800" data-testid="identification-complete">"Complete for a CTR."</p> }.into_any()
        } else {
            let names = missing.iter().map(|f| identification::field_label(f)).collect::<Vec<_>>().join(", ");
            view! {
                <p class="text-sm text-amber-800" data-testid="identification-missing" data-missing=missing.join(",")>
                    {format!("Missing for a CTR: {names}.")}
                </p>
            }.into_any()
        }}
    }
}

#[component]
fn IdentificationForm(
    player_id: PlayerId,
    draft: Draft,
    save: ServerAction<UpdateIdentification>,
    intent: Intent,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = draft.input();
        save.dispatch(UpdateIdentification { request_id: intent.request_id(&(player_id, &input)), player_id, input });
    };
    view! {
        <form on:submit=submit class="space-y-3" aria-label="Edit identification">
            <ErrorBanner error/>
            <div class="grid grid-cols-1 sm:grid-cols-2 gap-3">
                {TEXT.iter().zip(draft.text).map(|((label, name), value)| view! {
                    <TextField label=*label name=*name value error/>
                }).collect_view()}
                <label class="block">
                    <span class="block text-sm font-medium text-slate-700">"ID type"</span>
                    <select name="id_type" bind:value=draft.id_type
                        class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg bg-white">
                        <option value="">"Not seen"</option>
                        {IdType::ALL.map(|t| view! { <option value=t.key()>{t.label()}</option> }).collect_view()}
                    </select>
                </label>
                <TextField label="ID expires" name="id_expires" value=draft.id_expires error kind="date"/>
                <TextField label="ID number (blank keeps the one on file)" name="id_number" value=draft.id_number error/>
                <TextField label="SSN or TIN (blank keeps the one on file)" name="tin" value=draft.tin error/>
            </div>
            <div class="flex gap-2">
                <button type="submit" disabled=move || save.pending().get()
                    class=format!("{BUTTON} bg-emerald-700 text-white")>"Save identification"</button>
                <button type="button" class=format!("{BUTTON} border border-slate-300")
                    on:click=move |_| draft.open.set(None)>"Cancel"</button>
            </div>
            <FieldMessage error field="id_type"/>
        </form>
    }
}

/// The full numbers for a compliance officer, shown until hidden; every press is audited.
#[component]
fn Reveal(player_id: PlayerId, reveal: ServerAction<RevealIdentification>, shown: RwSignal<bool>) -> impl IntoView {
    let error = Signal::derive(move || reveal.value().get().and_then(Result::err));
    let numbers = move || shown.get().then(|| reveal.value().get().and_then(Result::ok)).flatten();
    view! {
        <ErrorBanner error/>
        {move || match numbers() {
            Some(numbers) => view! {
                <div class="rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="revealed-numbers">
                    <p>"ID number: " <span class="font-mono" data-testid="revealed-id">{numbers.id_number.unwrap_or_else(|| "not on file".into())}</span></p>
                    <p>"SSN / TIN: " <span class="font-mono" data-testid="revealed-tin">{numbers.tin.unwrap_or_else(|| "not on file".into())}</span></p>
                    <button type="button" class=format!("{BUTTON} border border-slate-300 mt-2")
                        on:click=move |_| shown.set(false)>"Hide numbers"</button>
                </div>
            }.into_any(),
            None => view! {
                <button type="button" class=format!("{BUTTON} border border-amber-500") disabled=move || reveal.pending().get()
                    on:click=move |_| { shown.set(true); reveal.dispatch(RevealIdentification { player_id }); }>
                    "Reveal full numbers (audited)"</button>
            }.into_any(),
        }}
    }
}
