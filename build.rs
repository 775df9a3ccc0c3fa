// `sqlx::migrate!` embeds the migration files but does not notice a new one without this (TOOLCHAIN.md §14.3).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
