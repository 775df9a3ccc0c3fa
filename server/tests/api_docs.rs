//! `docs/api.md` lists exactly the server functions the server registers, each under its real path, so the
//! API reference cannot silently fall behind the code.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

use std::collections::BTreeSet;

// Linking the app registers its server functions with the server_fn registry.
use app as _;

#[test]
fn the_api_reference_lists_every_server_function_and_nothing_else() {
    let registered: BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, method)| format!("{method} {path}")).collect();
    assert!(registered.len() >= 30, "too few server functions registered: {registered:?}");
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api.md")).expect("docs/api.md");
    let documented: BTreeSet<String> = docs
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .filter(|endpoint| endpoint.starts_with("POST /api/"))
        .map(str::to_owned)
        .collect();
    let undocumented: Vec<_> = registered.difference(&documented).collect();
    assert!(undocumented.is_empty(), "server functions missing from docs/api.md: {undocumented:?}");
    let stale: Vec<_> = documented.difference(&registered).collect();
    assert!(stale.is_empty(), "docs/api.md lists endpoints the server does not have: {stale:?}");
}
