//! `ecs-sim`: runs scripts written in AWS CLI syntax against the simulator.
//!
//! ```text
//! ecs-sim run SCRIPT|- [--seed N] [--jsonl]
//! ```
//! stdout and stderr carry what the AWS CLI would print; the exit status is 0 only if every
//! command line succeeded.
//!
//! A line `# use: NAME` stands for the lines of `preambles/NAME.sh` beside the script (see
//! [`expand_preambles`]): shared setup, such as the instance role and the AMI lookup, written once.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ecs_sandbox::cli::{Files, Session};

const USAGE: &str = "usage: ecs-sim run SCRIPT|- [--seed N] [--jsonl]\n\
  SCRIPT   a file of aws/sim/sleep/echo lines (- reads standard input)\n\
  --seed N the seed of the world's random choices (default: the script's\n           '# seed: N' line, else 0)\n\
  --jsonl  one JSON object per executed line instead of plain output\n\
  A line '# use: NAME' runs preambles/NAME.sh (beside the script) in its place.\n";

/// `file://` paths are relative to the script's directory (standard input: the working one).
struct DirFiles(PathBuf);

impl Files for DirFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        let p = Path::new(path);
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.0.join(p)
        };
        std::fs::read_to_string(&full).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("[Errno 2] No such file or directory: '{path}'")
            }
            _ => format!("{e}: '{path}'"),
        })
    }
}

/// The line that pulls in a preamble: `# use: NAME`.
const USE_PREFIX: &str = "# use:";

/// Replaces every `# use: NAME` line of `script` with the lines of `DIR/preambles/NAME.sh`, as if
/// they were written there: they run at that place, `file://` paths in them are relative to the
/// script, and `--jsonl` line numbers count the script with its preambles in place (so a script
/// that moved its setup into a preamble prints the same transcript as before). A preamble's
/// opening `#` comment lines describe it and are left out, as are blank lines at its end; a
/// preamble does not itself `# use:` another. `read` reads a preamble's path.
fn expand_preambles(
    script: &str,
    dir: &Path,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(script.len());
    for (index, line) in script.split_inclusive('\n').enumerate() {
        let Some(name) = line.trim().strip_prefix(USE_PREFIX).map(str::trim) else {
            out.push_str(line);
            continue;
        };
        let number = index + 1;
        let valid = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if name.is_empty() || !name.chars().all(valid) {
            return Err(format!(
                "ecs-sim: line {number}: '# use:' needs a preamble name (letters, digits, - and _), not '{name}'\n"
            ));
        }
        let path = dir.join("preambles").join(format!("{name}.sh"));
        let text = read(&path).map_err(|e| {
            format!(
                "ecs-sim: line {number}: cannot read {}: {e}\n",
                path.display()
            )
        })?;
        let body: Vec<&str> = text
            .lines()
            .skip_while(|l| l.trim_start().starts_with('#'))
            .collect();
        let end = body
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .map_or(0, |i| i + 1);
        for l in &body[..end] {
            if l.trim().starts_with(USE_PREFIX) {
                return Err(format!(
                    "ecs-sim: {}: a preamble cannot '# use:' another\n",
                    path.display()
                ));
            }
            out.push_str(l);
            out.push('\n');
        }
    }
    Ok(out)
}

struct Args {
    script: String,
    seed: Option<u64>,
    jsonl: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("run") => {}
        Some("-h" | "--help" | "help") => return Err(String::new()),
        Some(other) => return Err(format!("ecs-sim: unknown command '{other}'\n")),
        None => return Err(String::new()),
    }
    let mut script = None;
    let mut seed = None;
    let mut jsonl = false;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--jsonl" => jsonl = true,
            "--seed" => {
                let v = it.next().ok_or("ecs-sim: --seed needs a number\n")?;
                seed = Some(
                    v.parse()
                        .map_err(|_| format!("ecs-sim: --seed needs a number, not '{v}'\n"))?,
                );
            }
            s if s.starts_with("--seed=") => {
                let v = &s["--seed=".len()..];
                seed = Some(
                    v.parse()
                        .map_err(|_| format!("ecs-sim: --seed needs a number, not '{v}'\n"))?,
                );
            }
            s if script.is_none() && (s == "-" || !s.starts_with('-')) => {
                script = Some(s.to_string())
            }
            s => return Err(format!("ecs-sim: unexpected argument '{s}'\n")),
        }
    }
    let script = script.ok_or("ecs-sim: name a script file, or - for standard input\n")?;
    Ok(Args {
        script,
        seed,
        jsonl,
    })
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(msg) => {
            eprint!("{msg}{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (text, dir) = if args.script == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("ecs-sim: cannot read standard input: {e}");
            return ExitCode::from(2);
        }
        (s, PathBuf::from("."))
    } else {
        match std::fs::read_to_string(&args.script) {
            Ok(s) => {
                let dir = Path::new(&args.script)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                (
                    s,
                    if dir.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        dir
                    },
                )
            }
            Err(e) => {
                eprintln!("ecs-sim: cannot read {}: {e}", args.script);
                return ExitCode::from(2);
            }
        }
    };
    let seed = args
        .seed
        .or_else(|| ecs_sandbox::viz::scenario::declared_seed(&text))
        .unwrap_or(0);
    let text = match expand_preambles(&text, &dir, &|p| std::fs::read_to_string(p)) {
        Ok(expanded) => expanded,
        Err(msg) => {
            eprint!("{msg}");
            return ExitCode::from(2);
        }
    };
    let mut session = Session::with_files(seed, Box::new(DirFiles(dir)));
    let records = session.run_script(&text);
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let (mut out, mut err) = (stdout.lock(), stderr.lock());
    let mut all_ok = true;
    for r in &records {
        all_ok &= r.output.exit == 0;
        let written = if args.jsonl {
            let line = serde_json::json!({
                "line": r.line,
                "command": r.command,
                "exit": r.output.exit,
                "stdout": r.output.stdout,
                "stderr": r.output.stderr,
                "sim_time_ms": r.sim_time_ms,
            });
            writeln!(out, "{line}")
        } else {
            out.write_all(r.output.stdout.as_bytes())
                .and_then(|_| out.flush())
                .and_then(|_| err.write_all(r.output.stderr.as_bytes()))
        };
        if written.is_err() {
            // A closed pipe (`ecs-sim run x | head`) ends the run quietly.
            return ExitCode::from(if all_ok { 0 } else { 1 });
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expands `script` with preambles served from `files` (name, text) under `dir/preambles/`.
    fn expand(script: &str, files: &[(&str, &str)]) -> Result<String, String> {
        let dir = Path::new("scripts");
        let read = |path: &Path| {
            files
                .iter()
                .find(|(name, _)| dir.join("preambles").join(name) == path)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
        };
        expand_preambles(script, dir, &read)
    }

    #[test]
    fn a_use_line_is_replaced_by_the_preamble_without_its_header() {
        let preamble = "# Sets things up.\n# seed: 9\necho one\n\necho two\n\n\n";
        let got = expand(
            "# seed: 3\necho start\n  # use: setup  \necho end",
            &[("setup.sh", preamble)],
        );
        assert_eq!(
            got.as_deref(),
            Ok("# seed: 3\necho start\necho one\n\necho two\necho end")
        );
        // A script without `# use:` lines is returned unchanged, byte for byte.
        let plain = "echo a\r\n# a comment\n\necho b";
        assert_eq!(expand(plain, &[]).as_deref(), Ok(plain));
        // The same preamble may be used twice; `# used:` or `#use:` are plain comments.
        assert_eq!(
            expand("# use: p\n# use: p\n# used: p\n", &[("p.sh", "echo p")]).as_deref(),
            Ok("echo p\necho p\n# used: p\n")
        );
    }

    #[test]
    fn bad_names_missing_files_and_nesting_are_errors() {
        let err = |script: &str, files: &[(&str, &str)]| expand(script, files).err();
        assert!(err("echo\n# use: ../x", &[])
            .is_some_and(|e| e.contains("line 2") && e.contains("'../x'")));
        assert!(err("# use:", &[]).is_some_and(|e| e.contains("needs a preamble name")));
        assert!(err("# use: gone", &[])
            .is_some_and(|e| e.contains("line 1: cannot read") && e.contains("gone.sh")));
        assert!(err("# use: a", &[("a.sh", "echo a\n# use: b")])
            .is_some_and(|e| e.contains("cannot '# use:' another")));
    }
}
