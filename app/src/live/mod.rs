//! The browser's end of the live stream: one `EventSource` on `/api/events` per tab, a visible state, and a
//! version counter per kind of record that pages key their data on, so they re-read what changed.
//!
//! The stream closes while the tab is hidden and reopens (with a resync) when it is shown again: a browser
//! gives a site six HTTP/1.1 connections, and a supervisor's pile of background tabs must not use them up
//! (`docs/architecture.md#the-live-stream`).

#[cfg(feature = "hydrate")]
mod source;

use leptos::prelude::*;
use pitboss::live::{Entity, LiveEvent};

/// How the live stream is doing, as the header shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamState {
    /// Opening (also what the server renders).
    Connecting,
    /// Connected: changes arrive as they commit.
    Live,
    /// Lost; the browser is reconnecting by itself.
    Reconnecting,
    /// Closed (the tab is hidden, or the server refused); it reopens on its own.
    Offline,
}

impl StreamState {
    /// Machine-readable, for `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Live => "live",
            Self::Reconnecting => "reconnecting",
            Self::Offline => "offline",
        }
    }

    /// What the indicator says.
    pub fn label(self) -> &'static str {
        match self {
            Self::Connecting => "Connecting…",
            Self::Live => "Live",
            Self::Reconnecting => "Reconnecting…",
            Self::Offline => "Offline",
        }
    }
}

/// The live stream as pages use it.
#[derive(Debug, Clone, Copy)]
pub struct Live {
    /// The stream's state.
    pub state: RwSignal<StreamState>,
    /// The latest message: its sequence number, and the change (`None` for a resync: re-read everything).
    latest: RwSignal<(u64, Option<LiveEvent>)>,
}

impl Live {
    /// A counter that moves whenever a change to one of `entities` commits, or after a resync. Key a
    /// resource on it to re-read that data; it does not move for unrelated changes.
    pub fn version_of(self, entities: &'static [Entity]) -> Memo<u64> {
        self.counter(entities, true)
    }

    /// Like [`Live::version_of`], but moving at most once per `every`: the first change after a quiet spell at
    /// once, the rest of a burst together when the spell ends. For reads too costly to repeat for every change
    /// on a busy floor: the shift view reads the whole gaming day (some 300 ms on the benchmark's floor), and
    /// fifty tablets pause and resume several slips a second.
    pub fn paced_version_of(self, entities: &'static [Entity], every: std::time::Duration) -> ReadSignal<u64> {
        let version = self.version_of(entities);
        let paced = RwSignal::new(version.get_untracked());
        // Whether a spell is running: changes meanwhile wait for its end.
        let spell = StoredValue::new(false);
        Effect::new(move || {
            let latest = version.get();
            if !spell.get_value() && paced.get_untracked() != latest {
                paced.set(latest);
                pace(version, paced, spell, every);
            }
        });
        paced.read_only()
    }

    /// Like [`Live::version_of`], but moves only for a committed change to one of `entities`, never on a
    /// resync. For what rarely changes and is expensive to re-read (the session re-renders the whole shell,
    /// and with it any half-filled form): a change missed while disconnected shows on the next page load, and
    /// the server enforces it regardless.
    pub fn changes_of(self, entities: &'static [Entity]) -> Memo<u64> {
        self.counter(entities, false)
    }

    /// The latest change to one of `entities`, or resync (`None`), with its sequence number.
    pub fn latest_about(self, entities: &'static [Entity]) -> Memo<(u64, Option<LiveEvent>)> {
        Memo::new(move |previous: Option<&(u64, Option<LiveEvent>)>| {
            let (sequence, event) = self.latest.get();
            if event.as_ref().is_none_or(|event| event.is_about(entities)) {
                (sequence, event)
            } else {
                previous.cloned().unwrap_or_default()
            }
        })
    }

    /// Whether the stream is connected now (not tracked): a change this tab makes will then be announced to
    /// it like any other.
    pub fn is_live(self) -> bool {
        self.state.get_untracked() == StreamState::Live
    }

    /// How many messages the stream has delivered so far (not tracked): taken when a page starts reading, it
    /// tells which later changes the read may have missed.
    pub fn sequence(self) -> u64 {
        self.latest.with_untracked(|(sequence, _)| *sequence)
    }

    /// The stream's sequence number, taken only for changes to `entities` (and resyncs, if `on_resync`).
    fn counter(self, entities: &'static [Entity], on_resync: bool) -> Memo<u64> {
        Memo::new(move |previous: Option<&u64>| {
            let (sequence, event) = self.latest.get();
            let moves = event.map_or(on_resync, |event| event.is_about(entities));
            if moves { sequence } else { previous.copied().unwrap_or(0) }
        })
    }

    #[cfg(feature = "hydrate")]
    fn receive(self, event: Option<LiveEvent>) {
        self.latest.update(|(sequence, latest)| {
            *sequence += 1;
            *latest = event;
        });
    }
}

/// Holds `paced` still for `every`, then catches it up with `version` and holds it again if that moved it; a
/// page gone meanwhile ends the spell.
fn pace(version: Memo<u64>, paced: RwSignal<u64>, spell: StoredValue<bool>, every: std::time::Duration) {
    spell.set_value(true);
    set_timeout(
        move || {
            let Some(latest) = version.try_get_untracked() else { return };
            if paced.try_get_untracked().is_some_and(|shown| shown != latest) {
                paced.set(latest);
                pace(version, paced, spell, every);
            } else {
                spell.try_set_value(false);
            }
        },
        every,
    );
}

/// Opens the tab's stream (in the browser) and shares it with every page below through context.
pub fn provide_live() -> Live {
    let live = Live { state: RwSignal::new(StreamState::Connecting), latest: RwSignal::new((0, None)) };
    provide_context(live);
    #[cfg(feature = "hydrate")]
    source::connect(live);
    live
}

/// The live stream provided by the app shell.
pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// The header's indicator: a dot and a word, with `data-state` for tests.
#[component]
pub fn LiveIndicator() -> impl IntoView {
    let live = use_live();
    let state = move || live.state.get();
    let dot = move || match state() {
        StreamState::Live => "bg-emerald-400",
        StreamState::Connecting | StreamState::Reconnecting => "bg-amber-400",
        StreamState::Offline => "bg-red-400",
    };
    view! {
        <span
            data-testid="live-status"
            data-state=move || state().as_str()
            role="status"
            class="inline-flex items-center gap-2 text-sm text-slate-200"
        >
            <span class=move || format!("inline-block h-3 w-3 rounded-full {}", dot())></span>
            {move || state().label()}
        </span>
    }
}
