//! The Content Security Policy of every server-rendered page.
//!
//! Scripts only from this origin or carrying this response's nonce (Leptos puts it on the hydration and
//! streaming scripts), WebAssembly compiled from this origin, nothing framed, nothing posted elsewhere.
//! Stored markup that slipped past escaping still could not run.

use http::HeaderValue;
use http::header::CONTENT_SECURITY_POLICY;
use leptos::nonce::use_nonce;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The policy for a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Sets the page policy on the response being rendered; called by the shell, before anything streams.
pub fn set_page_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce.to_string())) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
