//! Scenario tests: every `tests/scenarios/*.sh` is a script in AWS CLI syntax, run through the
//! real `ecs-sim` binary; its transcript must equal the `.expected` file beside it.
//!
//! Each script opens with comments saying what it covers; a `# seed: N` line picks the seed
//! (default 0). Setup that many scripts share lives in `tests/scenarios/preambles/NAME.sh`, and
//! a script pulls it in with a `# use: NAME` line: `ecs-sim` runs the preamble's lines there, as
//! if written in the script, and the transcript shows them and numbers its lines as if they were
//! (so moving setup into a preamble leaves the `.expected` file unchanged). To accept new output
//! after a deliberate change, run
//! `BLESS=1 cargo test --test scenarios` (or `BLESS=name` for the scripts whose file name
//! contains `name`) and review the diff of the `.expected` files.
// Native only: proptest and the ecs-sim binary are native.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios")
}

fn seed_of(script: &str) -> u64 {
    script
        .lines()
        .find_map(|l| l.trim().strip_prefix("# seed:"))
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// Runs a script through ecs-sim --jsonl and renders a readable transcript.
fn transcript(path: &Path) -> String {
    let script = std::fs::read_to_string(path).expect("read scenario");
    let out = Command::new(env!("CARGO_BIN_EXE_ecs-sim"))
        .args([
            "run",
            path.to_str().expect("utf-8 path"),
            "--jsonl",
            "--seed",
        ])
        .arg(seed_of(&script).to_string())
        .output()
        .expect("run ecs-sim");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    let mut t = String::new();
    for line in stdout.lines() {
        let rec: serde_json::Value = serde_json::from_str(line).expect("jsonl record");
        t.push_str(&format!(
            "### line {} (t={}ms, exit {}): {}\n",
            rec["line"],
            rec["sim_time_ms"],
            rec["exit"],
            rec["command"].as_str().unwrap_or("")
        ));
        t.push_str(rec["stdout"].as_str().unwrap_or(""));
        let err = rec["stderr"].as_str().unwrap_or("");
        if !err.is_empty() {
            t.push_str("### stderr\n");
            t.push_str(err);
            if !err.ends_with('\n') {
                t.push('\n');
            }
        }
    }
    t
}

#[test]
fn scenarios_match_their_expected_transcripts() {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(scenario_dir())
        .expect("tests/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty(), "no scenarios found");
    // BLESS=1 rewrites every .expected file; BLESS=word only those of scripts whose name
    // contains the word.
    let bless = std::env::var("BLESS").ok();
    let mut failures = Vec::new();
    for script in &scripts {
        let got = transcript(script);
        let expected_path = script.with_extension("expected");
        if let Some(filter) = &bless {
            let name = script.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if filter == "1" || name.contains(filter.as_str()) {
                std::fs::write(&expected_path, &got).expect("write expected");
            }
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            let first = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            failures.push(format!(
                "{}: transcript differs from {} at line {}:\n  got:  {:?}\n  want: {:?}",
                script.display(),
                expected_path.display(),
                first + 1,
                got.lines().nth(first).unwrap_or("<end>"),
                want.lines().nth(first).unwrap_or("<end>")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} scenario(s) failed (BLESS=1 to accept):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every preamble is used by some script, and every `# use:` line names a preamble.
#[test]
fn preambles_are_used_and_exist() {
    let dir = scenario_dir();
    let mut preambles: Vec<String> = std::fs::read_dir(dir.join("preambles"))
        .expect("tests/scenarios/preambles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    preambles.sort();
    let mut used = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/scenarios").flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "sh") {
            continue;
        }
        let script = std::fs::read_to_string(&path).expect("read scenario");
        for name in script
            .lines()
            .filter_map(|l| l.trim().strip_prefix("# use:"))
        {
            let name = name.trim().to_string();
            assert!(
                preambles.contains(&name),
                "{} uses a preamble that does not exist: {name}",
                path.display()
            );
            used.push(name);
        }
    }
    for name in &preambles {
        assert!(used.contains(name), "no scenario uses preambles/{name}.sh");
    }
}

#[test]
fn the_same_seed_and_script_give_the_same_bytes() {
    for name in ["done_when_three_azs.sh", "default_world.sh"] {
        let path = scenario_dir().join(name);
        assert_eq!(
            transcript(&path),
            transcript(&path),
            "{name} is not deterministic"
        );
    }
}
