//! The pit's side of a table's chip tray, in the table detail panel: count it (a dealer watching), ask the
//! cage for a fill or a credit, and follow the answers live.

use std::collections::BTreeMap;

use leptos::prelude::*;
use pitboss::casino::StaffId;
use pitboss::live::Entity;
use pitboss::table_accounting::{CageRequestKind, CountKind, InventoryCount, TableInventory, rules};
use pitboss::table_context::{DealerOption, TableId, TableStatus};

use super::chips::{ChipInputs, ChipText, typed_chips};
use super::requests::RequestList;
use super::{CancelCageRequest, RecordCount, RequestCredit, RequestFill, table_inventory};
use crate::error::AppError;
use crate::live::use_live;
use crate::ui::{Intent, clock_time};

const BUTTON: &str = "h-12 px-4 rounded-lg font-semibold disabled:opacity-50";
const TOGGLE: &str =
    "h-12 px-4 rounded-lg font-semibold border border-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white";

/// The tray's data and forms, created with the panel so typed chips and answers survive every re-read.
#[derive(Clone, Copy)]
pub struct Tray {
    /// The chip set, the latest count, today's counts and requests; re-read when a count or request commits.
    pub inventory: Resource<Result<TableInventory, AppError>>,
    count_text: ChipText,
    request_text: ChipText,
    witness: RwSignal<String>,
    kind: RwSignal<Option<CountKind>>,
    count: ServerAction<RecordCount>,
    fill: ServerAction<RequestFill>,
    credit: ServerAction<RequestCredit>,
    pub(super) cancel: ServerAction<CancelCageRequest>,
    intents: [Intent; 4],
    /// A count or a request typed wrong, caught before sending.
    typed: (RwSignal<Option<AppError>>, RwSignal<Option<AppError>>),
}

impl Tray {
    /// `refresh` re-reads after a success when the live stream is down (else its event does).
    pub fn new(table_id: TableId, refresh: RwSignal<u64>) -> Self {
        let live = use_live();
        let version = live.version_of(&[Entity::TableInventoryCount, Entity::TableCageRequest]);
        let inventory =
            Resource::new(move || (table_id, version.get(), refresh.get()), |(id, _, _)| table_inventory(id));
        let tray = Self {
            inventory,
            count_text: RwSignal::new(BTreeMap::new()),
            request_text: RwSignal::new(BTreeMap::new()),
            witness: RwSignal::new(String::new()),
            kind: RwSignal::new(None),
            count: ServerAction::new(),
            fill: ServerAction::new(),
            credit: ServerAction::new(),
            cancel: ServerAction::new(),
            intents: [Intent::new(), Intent::new(), Intent::new(), Intent::new()],
            typed: (RwSignal::new(None), RwSignal::new(None)),
        };
        let (count, fill, credit, cancel) = (tray.count, tray.fill, tray.credit, tray.cancel);
        tray.intents[0].renew_after(move || count.value().get());
        tray.intents[1].renew_after(move || fill.value().get());
        tray.intents[2].renew_after(move || credit.value().get());
        tray.intents[3].renew_after(move || cancel.value().get());
        Effect::new(move || {
            if let Some(Ok(_)) = count.value().get() {
                tray.count_text.set(BTreeMap::new());
                tray.kind.set(None);
            }
        });
        Effect::new(move || {
            if matches!(fill.value().get(), Some(Ok(_))) || matches!(credit.value().get(), Some(Ok(_))) {
                tray.request_text.set(BTreeMap::new());
            }
        });
        Effect::new(move || {
            let succeeded =
                [count.version().get(), fill.version().get(), credit.version().get(), cancel.version().get()];
            if succeeded.iter().any(|v| *v > 0) && !live.is_live() {
                refresh.update(|n| *n += 1);
            }
        });
        tray
    }

    /// The kind of the tray's latest count, once read: what opening or closing the table waits for.
    pub fn latest_kind(self) -> Option<CountKind> {
        self.inventory.get().and_then(Result::ok).and_then(|inventory| inventory.latest).map(|count| count.kind)
    }

    fn busy(self) -> bool {
        self.count.pending().get() || self.fill.pending().get() || self.credit.pending().get()
    }

    /// What went wrong with the last count: a box typed wrong, else the server's answer.
    fn count_error(self) -> Option<AppError> {
        self.typed.0.get().or_else(|| self.count.value().get().and_then(Result::err))
    }

    /// What went wrong with the last fill or credit asked for.
    fn request_error(self) -> Option<AppError> {
        self.typed.1.get().or_else(|| {
            [self.fill.value().get(), self.credit.value().get()]
                .into_iter()
                .find_map(|answer| answer.and_then(Result::err))
        })
    }

    fn cancel_error(self) -> Option<AppError> {
        self.cancel.value().get().and_then(Result::err)
    }

    fn record_count(self, table_id: TableId, kind: CountKind) {
        let witness = self.witness.get_untracked().parse::<uuid::Uuid>().map(StaffId);
        match (self.count_text.with_untracked(typed_chips), witness) {
            (Err(error), _) => self.typed.0.set(Some(error)),
            (Ok(_), Err(_)) => {
                self.typed.0.set(Some(AppError::new(pitboss::ErrorCode::ValidationFailed).with_fields(vec![
                    pitboss::FieldError::new("witness_id", pitboss::ErrorCode::CountInvalidWitness),
                ])))
            }
            (Ok(chips), Ok(witness_id)) => {
                self.typed.0.set(None);
                let request_id = self.intents[0].request_id(&(table_id, kind, witness_id, &chips));
                self.count.dispatch(RecordCount { request_id, table_id, kind, witness_id, chips });
            }
        }
    }

    fn ask(self, table_id: TableId, kind: CageRequestKind) {
        match self.request_text.with_untracked(typed_chips) {
            Err(error) => self.typed.1.set(Some(error)),
            Ok(chips) => {
                self.typed.1.set(None);
                match kind {
                    CageRequestKind::Fill => {
                        let request_id = self.intents[1].request_id(&(table_id, &chips));
                        self.fill.dispatch(RequestFill { request_id, table_id, chips });
                    }
                    CageRequestKind::Credit => {
                        let request_id = self.intents[2].request_id(&(table_id, &chips));
                        self.credit.dispatch(RequestCredit { request_id, table_id, chips });
                    }
                }
            }
        }
    }
}

/// The counts a table in `status` may take, as the server's rule has it (opening while it is not open).
fn kinds_for(status: TableStatus) -> Vec<CountKind> {
    CountKind::ALL.into_iter().filter(|kind| rules::check_kind(*kind, status).is_ok()).collect()
}

/// The tray section of the panel for a table in `status`.
#[component]
pub fn TraySection(tray: Tray, table_id: TableId, status: TableStatus, dealers: Vec<DealerOption>) -> impl IntoView {
    let kinds = kinds_for(status);
    let allowed = kinds.clone();
    let kind = Signal::derive(move || {
        let fallback = allowed.last().copied().unwrap_or(CountKind::Closing);
        tray.kind.get().filter(|k| allowed.contains(k)).unwrap_or(fallback)
    });
    let error = Signal::derive(move || tray.count_error());
    let body = move || {
        tray.inventory.get().and_then(Result::ok).map(|inventory| {
            let chip_set = inventory.chip_set.clone();
            let asks = (status == TableStatus::Active).then(|| view! { <AskCage tray table_id chip_set=chip_set.clone()/> });
            view! {
                <LatestCount latest=inventory.latest.clone()/>
                <crate::ui::ErrorBanner error/>
                <form class="space-y-3" data-testid="count-form" on:submit=move |ev| {
                    ev.prevent_default();
                    tray.record_count(table_id, kind.get_untracked());
                }>
                    <div class="flex flex-wrap gap-2" role="group" aria-label="Kind of count">
                        {kinds.iter().map(|&k| view! {
                            <button type="button" class=TOGGLE aria-pressed=move || (kind.get() == k).to_string()
                                on:click=move |_| tray.kind.set(Some(k))>{k.label()}</button>
                        }).collect_view()}
                    </div>
                    <ChipInputs chip_set=chip_set.clone() text=tray.count_text error testid="count-chips"/>
                    <WitnessField dealers=dealers.clone() witness=tray.witness error/>
                    <button type="submit" class=format!("{BUTTON} bg-slate-900 text-white") disabled=move || tray.busy()>
                        {move || format!("Record {} count", kind.get().label().to_lowercase())}
                    </button>
                </form>
                {asks}
                <RequestList tray requests=inventory.requests.clone() error=Signal::derive(move || tray.cancel_error())/>
            }
        })
    };
    view! {
        <section class="space-y-3" data-testid="tray">
            <h3 class="text-lg font-semibold">"Chip tray"</h3>
            {body}
        </section>
    }
}

#[component]
fn LatestCount(latest: Option<InventoryCount>) -> impl IntoView {
    let text = latest.map_or_else(
        || "Not counted yet.".to_owned(),
        |c| {
            format!(
                "{} count {} at {}, by {}, witnessed by {}.",
                c.kind.label(),
                c.total,
                clock_time(c.counted_at),
                c.counted_by_name,
                c.witness_name
            )
        },
    );
    view! { <p class="text-slate-700" data-testid="latest-count">{text}</p> }
}

#[component]
fn WitnessField(
    dealers: Vec<DealerOption>,
    witness: RwSignal<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <label class="block">
            <span class="block text-sm font-medium text-slate-700">"Witness (dealer)"</span>
            <select name="witness_id" class="mt-1 w-full h-12 rounded-lg border border-slate-300 px-3 text-lg bg-white"
                prop:value=move || witness.get()
                on:change=move |ev| witness.set(event_target_value(&ev))>
                <option value="">"Choose the dealer watching"</option>
                {dealers.into_iter().map(|d| view! { <option value=d.id.0.to_string()>{d.name}</option> }).collect_view()}
            </select>
            <crate::ui::FieldMessage error field="witness_id"/>
        </label>
    }
}

/// Chips to ask the cage for: a fill brings them to the table, a credit takes them back.
#[component]
fn AskCage(tray: Tray, table_id: TableId, chip_set: Vec<pitboss::Cents>) -> impl IntoView {
    let error = Signal::derive(move || tray.request_error());
    view! {
        <div class="space-y-3 border-t border-slate-200 pt-3" data-testid="ask-cage">
            <h4 class="font-semibold">"Ask the cage"</h4>
            <crate::ui::ErrorBanner error/>
            <ChipInputs chip_set text=tray.request_text error testid="request-chips"/>
            <div class="flex flex-wrap gap-2">
                <button type="button" class=format!("{BUTTON} bg-emerald-700 text-white") disabled=move || tray.busy()
                    on:click=move |_| tray.ask(table_id, CageRequestKind::Fill)>"Request fill"</button>
                <button type="button" class=format!("{BUTTON} bg-slate-700 text-white") disabled=move || tray.busy()
                    on:click=move |_| tray.ask(table_id, CageRequestKind::Credit)>"Request credit"</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_offers_the_counts_the_server_takes() {
        assert_eq!(kinds_for(TableStatus::Closed), [CountKind::Opening]);
        assert_eq!(kinds_for(TableStatus::Inactive), [CountKind::Opening]);
        assert_eq!(kinds_for(TableStatus::Active), [CountKind::ShiftChange, CountKind::Closing]);
    }
}
