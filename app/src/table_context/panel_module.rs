//! The table panel's code (seat map, slip, tray, dealer controls), in a WebAssembly module of its own
//! (`cargo leptos build --split`): it is most of the dashboard's code, and the first paint needs none of it.
//!
//! The page fetches the module a second after it is interactive: by then its live stream has opened and the
//! reads the stream's first resync asks for have gone out, rather than queueing behind the module's files on
//! the six connections a browser gives a site. A table opened sooner fetches it at once. A failed fetch (a
//! Wi-Fi drop) is retried, never a panic: the split loader's default would abort the whole page. The panel
//! is built only once the module is in, synchronously in the page's own render effect, as the inline panel
//! was: built inside a pending `Suspend` instead (a first attempt), it sometimes opened without its table
//! detail.

use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::detail::{TableDetailPanel, TableDetailPanelProps, TableDrawer};

/// How long after the page is interactive to fetch the module, unless a table is opened first.
const FETCH_AFTER: Duration = Duration::from_secs(1);
/// How long to wait before fetching the module again after a failure.
const RETRY_AFTER: Duration = Duration::from_secs(2);

/// Whether the panel's module is in this page yet.
#[derive(Clone, Copy)]
pub struct PanelModule {
    started: StoredValue<bool>,
    loaded: RwSignal<bool>,
}

impl PanelModule {
    /// Fetches the module a moment after `hydrated`, or when a table opens before that.
    pub fn fetch_after(hydrated: ReadSignal<bool>) -> Self {
        let module = Self { started: StoredValue::new(false), loaded: RwSignal::new(false) };
        Effect::new(move || {
            if hydrated.get() {
                set_timeout(move || module.fetch(), FETCH_AFTER);
            }
        });
        module
    }

    /// Whether the module is in, for the page's `data-panel-module`: the benchmark measures a dashboard that has
    /// settled, not one still fetching and compiling the module's files.
    pub fn state(self) -> &'static str {
        if self.loaded.get() { "loaded" } else { "fetching" }
    }

    /// The panel, or its drawer saying "Loading…" while the module is still on its way.
    pub fn panel(self, props: TableDetailPanelProps) -> AnyView {
        let on_close = props.on_close;
        let waiting = move || {
            view! { <TableDrawer on_close busy=true><p class="text-slate-500">"Loading…"</p></TableDrawer> }.into_any()
        };
        if !self.loaded.get() {
            self.fetch();
            return waiting();
        }
        // Loaded, the split function's future is ready on its first poll. The panel's body reads signals
        // untracked, as a component's body does, so the page's effect does not rebuild it when they change.
        untrack(|| ready_now(table_panel(props))).and_then(Result::ok).unwrap_or_else(waiting)
    }

    /// Starts fetching the module, unless that has started already (or the page is gone).
    fn fetch(self) {
        if self.started.try_update_value(|started| !std::mem::replace(started, true)) == Some(true) {
            self.load();
        }
    }

    /// Fetches the module, again after a failure for as long as the page is open.
    fn load(self) {
        leptos::task::spawn_local(async move {
            match preload_table_panel().await {
                Ok(()) => _ = self.loaded.try_set(true),
                Err(_) if self.loaded.try_get_untracked().is_some() => {
                    set_timeout(move || self.load(), RETRY_AFTER);
                }
                Err(_) => {}
            }
        });
    }
}

/// The panel's module is not in this page (its fetch failed).
struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        Self
    }
}

#[leptos::wasm_split::wasm_split(table_panel, wasm_split_path = ::leptos::wasm_split, preload(preload_table_panel), fallible)]
fn table_panel(props: TableDetailPanelProps) -> Result<AnyView, NotLoaded> {
    Ok(TableDetailPanel(props).into_any())
}

/// The future's output if it is ready without waiting.
fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}
