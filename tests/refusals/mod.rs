//! What the native atomicity tests share: run a setup, then check that each refused line exits
//! as it should, says why, and leaves the world exactly as it was (the same `sim state`, event
//! log, clock and RNG position, so later IDs are unaffected).

use ecs_sandbox::cli::{MemFiles, Session};

fn fingerprint(s: &Session) -> (String, usize, u64, u64) {
    (
        serde_json::to_string(&s.sim.state_json()).expect("state"),
        s.sim.events().len(),
        s.sim.now(),
        s.sim.rng_fingerprint(),
    )
}

/// Runs `setup` (every line must succeed), then each `(line, exit)` of `bad`.
pub fn assert_refusals_change_nothing(seed: u64, setup: &str, bad: &[(&str, i32)]) {
    let mut session = Session::with_files(seed, Box::new(MemFiles::default()));
    for r in session.run_script(setup) {
        assert_eq!(
            r.output.exit, 0,
            "setup line {} failed: {}\n{}",
            r.line, r.command, r.output.stderr
        );
    }
    let mut problems = Vec::new();
    for (line, want_exit) in bad {
        let before = fingerprint(&session);
        let records = session.run_script(line);
        let exit = records.last().map_or(0, |r| r.output.exit);
        let stderr = records
            .last()
            .map(|r| r.output.stderr.clone())
            .unwrap_or_default();
        if exit != *want_exit {
            problems.push(format!(
                "{line}\n   exit {exit}, wanted {want_exit}; stderr: {stderr}"
            ));
        }
        if stderr.is_empty() {
            problems.push(format!("{line}\n   refused without saying why"));
        }
        if fingerprint(&session) != before {
            problems.push(format!(
                "{line}\n   changed the world although it was refused"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
