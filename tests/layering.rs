//! The layers of `src/` only reach down (DESIGN.md §1, STYLE.md "Layers that only reach
//! down"): `model` <- `placement` <- `sim` <- `api` <- `cli` <- `lesson` <- `viz` <-
//! `ui`. A module may name its own layer and the ones below it, never one above. `float`, `json` and `sort` are
//! shared helpers beneath every layer; `bench` and `preamble` serve the binaries and tests
//! and no layer names them. Test modules are read too: a test that needs a world built
//! through the CLI belongs in `tests/`, above every layer.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const LAYERS: [&str; 8] = [
    "model",
    "placement",
    "sim",
    "api",
    "cli",
    "lesson",
    "viz",
    "ui",
];
const BENEATH: [&str; 3] = ["float", "json", "sort"];
const ABOVE: [&str; 2] = ["bench", "preamble"];

/// The rank of a top-level module: helpers beneath every layer are -1, the layers count up,
/// the harness modules sit above them all.
fn rank(module: &str) -> Option<i32> {
    if BENEATH.contains(&module) {
        return Some(-1);
    }
    if ABOVE.contains(&module) {
        return Some(LAYERS.len() as i32);
    }
    LAYERS.iter().position(|l| *l == module).map(|i| i as i32)
}

/// The top-level modules a source text names through `crate::`.
fn named(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        // `$crate::` in a macro names the crate's root the same way.
        let rest = &code[i + "crate::".len()..];
        let heads: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::X, b}`: every head in the group.
            let group = &group[..group.find('}').unwrap_or(group.len())];
            group.split(',').map(str::trim).collect()
        } else {
            vec![rest]
        };
        for head in heads {
            let name: String = head
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Every way a file of module `own` reaches upwards.
fn violations(own: &str, source: &str) -> Vec<String> {
    let Some(mine) = rank(own) else {
        return Vec::new();
    };
    named(source)
        .into_iter()
        .filter(|m| rank(m).is_some_and(|theirs| theirs > mine && m != own))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_reaches_upwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut found = Vec::new();
    let mut checked = 0;
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap_or(f);
        // The top-level module the file belongs to: its folder, or its own name.
        let own = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .unwrap_or_default();
        if rank(&own).is_none() {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for v in violations(&own, &text) {
            found.push(format!("{} ({own}) names crate::{v}", rel.display()));
        }
    }
    assert!(checked > 50, "only {checked} files were read");
    assert!(
        found.is_empty(),
        "modules reaching upwards:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_import_in_every_form() {
    assert_eq!(
        violations("model", "use crate::sim::world::World;"),
        ["sim"]
    );
    assert_eq!(
        violations("placement", "use crate::{model::ecs::X, api::call};"),
        ["api"]
    );
    assert_eq!(
        violations("sim", "let x = crate::viz::ip_map::f();"),
        ["viz"]
    );
    assert_eq!(violations("json", "crate::model::Tag"), ["model"]);
    assert_eq!(
        violations("cli", "crate::bench::placement_cluster"),
        ["bench"]
    );
    assert!(violations("viz", "use crate::cli::Session; use crate::model::X;").is_empty());
    // Test modules are read like the rest.
    assert_eq!(
        violations(
            "sim",
            "#[cfg(test)]\nmod tests { use crate::cli::Session; }"
        ),
        ["cli"]
    );
}
