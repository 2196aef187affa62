//! What the sandbox's own `sim` verbs print, and how they read their arguments: shared by
//! every verb module (sim_verbs, sim_http, sim_call, sim_fs).

use super::script::Output;

/// Success: `stdout` printed, exit 0.
pub(super) fn ok(stdout: String) -> Output {
    Output {
        stdout,
        stderr: String::new(),
        exit: 0,
    }
}

/// Failure: `stderr` printed, exit `exit` (1 refused, 2 usage).
pub(super) fn fail(stderr: String, exit: i32) -> Output {
    Output {
        stdout: String::new(),
        stderr,
        exit,
    }
}

/// The value after `--name` in a verb's arguments.
pub(super) fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}
