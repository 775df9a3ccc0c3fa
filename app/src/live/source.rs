//! The `EventSource` itself (browser only).

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventSource, MessageEvent};

use super::{Live, StreamState};

/// How long to wait before reopening a stream the browser gave up on.
const REOPEN_AFTER_MS: i32 = 2_000;

/// Keeps the stream open while the tab is visible, reopening it after failures.
pub(super) fn connect(live: Live) {
    let attempt = RwSignal::new(0u32);
    let visible = RwSignal::new(true);
    watch_visibility(visible);
    Effect::new(move || {
        attempt.track();
        if !visible.get() {
            live.state.set(StreamState::Offline);
            return;
        }
        if let Some(open) = Stream::open(live, attempt) {
            let open = SendWrapper::new(open);
            on_cleanup(move || drop(open));
        }
    });
}

/// An open `EventSource` and the handlers it calls; dropping it closes the stream.
struct Stream {
    source: EventSource,
    _handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Stream {
    fn open(live: Live, attempt: RwSignal<u32>) -> Option<Self> {
        let source = EventSource::new("/api/events").ok()?;
        let mut handlers = Vec::new();
        let mut on = |name: &str, handler: Box<dyn FnMut(web_sys::Event)>| {
            let closure = Closure::wrap(handler);
            let _ = source.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
            handlers.push(closure);
        };
        on("open", Box::new(move |_| live.state.set(StreamState::Live)));
        on("resync", Box::new(move |_| live.receive(None)));
        // The staff member was deactivated or their password reset: their sessions have ended.
        on(
            "signed_out",
            Box::new(move |_| {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign("/login");
                }
            }),
        );
        on(
            "change",
            Box::new(move |event| {
                let data = event.dyn_ref::<MessageEvent>().and_then(|m| m.data().as_string());
                if let Some(change) = data.and_then(|text| serde_json::from_str(&text).ok()) {
                    live.receive(Some(change));
                }
            }),
        );
        let watched = source.clone();
        on(
            "error",
            Box::new(move |_| {
                if watched.ready_state() == EventSource::CLOSED {
                    // The browser gave up (an error status from a proxy, say): reopen ourselves, later.
                    live.state.set(StreamState::Offline);
                    reopen_later(attempt);
                } else {
                    live.state.set(StreamState::Reconnecting);
                }
            }),
        );
        Some(Self { source, _handlers: handlers })
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.source.close();
    }
}

fn reopen_later(attempt: RwSignal<u32>) {
    set_timeout(
        move || attempt.update(|n| *n += 1),
        std::time::Duration::from_millis(REOPEN_AFTER_MS.unsigned_abs().into()),
    );
}

/// Mirrors `document.visibilityState` into `visible`.
fn watch_visibility(visible: RwSignal<bool>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let read = document.clone();
    let handler = Closure::<dyn FnMut(web_sys::Event)>::wrap(Box::new(move |_| {
        visible.set(read.visibility_state() == web_sys::VisibilityState::Visible);
    }));
    let _ = document.add_event_listener_with_callback("visibilitychange", handler.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    handler.forget();
}
