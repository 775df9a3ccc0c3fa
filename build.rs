// `sqlx::migrate!` embeds the migration files but does not notice a new one without this (docs/architecture.md#toolchain-and-its-pitfalls).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
