//! The queue in `IndexedDB` (`store.js`), and the browser's own idea of whether it is online (browser only).

use leptos::prelude::*;
use pitboss::casino::StaffId;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::Queued;

#[wasm_bindgen(module = "/src/offline/store.js")]
extern "C" {
    #[wasm_bindgen(js_name = outboxLoad, catch)]
    async fn outbox_load(staff: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = outboxPut, catch)]
    async fn outbox_put(seq: f64, staff: &str, json: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = outboxDelete, catch)]
    async fn outbox_delete(seq: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = registerWorker)]
    pub(super) fn register_worker();
    #[wasm_bindgen(js_name = keepPage, catch)]
    async fn keep_page_js(path: &str) -> Result<JsValue, JsValue>;
}

/// Keeps `path` and the floor for a reload while offline (`store.js`); a failure only means no copy.
pub(super) fn keep_page(path: &'static str) {
    leptos::task::spawn_local(async move {
        let _ = keep_page_js(path).await;
    });
}

// A queue key is microseconds since 1970 (plus a few): well inside the integers a JavaScript number holds.
#[allow(clippy::cast_precision_loss)]
fn key(seq: u64) -> f64 {
    seq as f64
}

/// `staff`'s stored queue, oldest first; empty if the browser keeps no `IndexedDB` (a private window, say).
pub(super) async fn load(staff: StaffId) -> Vec<Queued> {
    let Ok(rows) = outbox_load(&staff.0.to_string()).await else { return Vec::new() };
    js_sys::Array::from(&rows)
        .iter()
        .filter_map(|row| row.as_string())
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect()
}

/// Stores one queued action. A failure leaves it queued in this tab only.
pub(super) fn save(staff: StaffId, queued: &Queued) {
    let Ok(json) = serde_json::to_string(queued) else { return };
    let seq = key(queued.seq);
    leptos::task::spawn_local(async move {
        if let Err(error) = outbox_put(seq, &staff.0.to_string(), &json).await {
            web_sys::console::warn_2(&"pitboss: the queued action could not be stored".into(), &error);
        }
    });
}

/// Forgets one queued action, once answered.
pub(super) fn remove(seq: u64) {
    leptos::task::spawn_local(async move {
        let _ = outbox_delete(key(seq)).await;
    });
}

/// Mirrors `navigator.onLine` into `online`, as the browser's `online` and `offline` events move it.
pub(super) fn watch_connection(online: RwSignal<bool>) {
    let Some(window) = web_sys::window() else { return };
    online.set(window.navigator().on_line());
    for (event, value) in [("online", true), ("offline", false)] {
        let handler = Closure::<dyn FnMut(web_sys::Event)>::wrap(Box::new(move |_| online.set(value)));
        let _ = window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        handler.forget();
    }
}
