//! The generated documentation is up to date: docs/controls.md and the README's controls
//! table come from the catalogue. `UPDATE_DOCS=1 cargo test --test cli_docs` rewrites them.

use cis_monitor::catalogue;
use std::path::PathBuf;

const BEGIN: &str = "<!-- controls-table:begin -->\n";
const END: &str = "<!-- controls-table:end -->";

fn path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn updating() -> bool {
    std::env::var_os("UPDATE_DOCS").is_some()
}

#[test]
fn docs_controls_md_is_generated_from_the_catalogue() {
    let file = path("docs/controls.md");
    let expected = catalogue::markdown_reference();
    if updating() {
        std::fs::write(&file, &expected).expect("write docs/controls.md");
    }
    let actual = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/controls.md is stale: run `UPDATE_DOCS=1 cargo test --test cli_docs`"
    );
}

#[test]
fn the_readme_embeds_the_generated_controls_table() {
    let file = path("README.md");
    let readme = std::fs::read_to_string(&file).expect("README.md");
    let start = readme.find(BEGIN).expect("README has the begin marker") + BEGIN.len();
    let end = readme.find(END).expect("README has the end marker");
    let expected = catalogue::markdown_table();
    if updating() && readme[start..end] != expected {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(&file, updated).expect("write README.md");
        return;
    }
    assert!(
        readme[start..end] == expected,
        "the README's controls table is stale: run `UPDATE_DOCS=1 cargo test --test cli_docs`"
    );
}
