//! The templates, catalogs, static files, chat box and flow templates are embedded with
//! `include_dir!`, which Cargo does not watch: telling it here rebuilds the crate whenever one
//! of them changes, so a build never serves stale pages.

fn main() {
    for dir in [
        "templates",
        "locales",
        "static",
        "../../widget",
        "../../flows/templates",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
