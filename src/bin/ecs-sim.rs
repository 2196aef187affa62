//! `ecs-sim`: runs scripts written in AWS CLI syntax against the simulator.
//!
//! ```text
//! ecs-sim run SCRIPT|- [--seed N] [--jsonl]
//! ecs-sim lesson check FILE...
//! ```
//! stdout and stderr carry what the AWS CLI would print; the exit status is 0 only if every
//! command line succeeded.
//!
//! A line `# use: NAME` stands for the lines of `preambles/NAME.sh` beside the script (see
//! [`ecs_sandbox::preamble`]): shared setup, such as the instance role and the AMI lookup,
//! written once.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ecs_sandbox::cli::{Files, Session};

const USAGE: &str = "usage: ecs-sim run SCRIPT|- [--seed N] [--jsonl]\n\
       ecs-sim lesson check [--answers] FILE...\n\
  SCRIPT   a file of aws/sim/sleep/echo lines (- reads standard input)\n\
  --seed N the seed of the world's random choices (default: the script's\n           '# seed: N' line, else 0)\n\
  --jsonl  one JSON object per executed line instead of plain output\n\
  A line '# use: NAME' runs preambles/NAME.sh (beside the script) in its place.\n\
  lesson check: for each lesson file, runs its setup, asserts no goal is met yet, then\n\
  runs each step's prediction and solution and asserts its goals are met;\n\
  --answers prints the answer the world gave to each prediction.\n";

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

/// `ecs-sim lesson check FILE...`: every lesson must hold (see `ecs_sandbox::lesson::check`).
fn lesson_check(args: &[String]) -> ExitCode {
    let answers = args.iter().any(|a| a == "--answers");
    let files: Vec<&String> = args.iter().filter(|a| *a != "--answers").collect();
    if files.is_empty() {
        eprint!("ecs-sim: lesson check needs lesson files\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = 0;
    for file in &files {
        let faults = match std::fs::read_to_string(file) {
            Err(e) => vec![format!("cannot read it: {e}")],
            Ok(text) => match ecs_sandbox::lesson::Lesson::parse(&text) {
                Err(e) => vec![e],
                Ok(lesson) => {
                    let dir = Path::new(file)
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    ecs_sandbox::lesson::check::check_answering(
                        &lesson,
                        Box::new(DirFiles(dir)),
                        &mut |line| {
                            if answers {
                                println!("      {line}");
                            }
                        },
                    )
                }
            },
        };
        if faults.is_empty() {
            println!("ok    {file}");
        } else {
            failed += 1;
            println!("FAIL  {file}");
            for f in faults {
                println!("      {}", f.replace('\n', "\n      "));
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        println!("{failed} of {} lessons failed", files.len());
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("lesson") {
        return match argv.get(1).map(String::as_str) {
            Some("check") => lesson_check(&argv[2..]),
            _ => {
                eprint!("ecs-sim: lesson takes 'check FILE...'\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
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
    let files = DirFiles(dir);
    let text = match ecs_sandbox::preamble::expand(&text, &|path| files.read(path)) {
        Ok(expanded) => expanded,
        Err(msg) => {
            eprintln!("ecs-sim: {msg}");
            return ExitCode::from(2);
        }
    };
    let mut session = Session::with_files(seed, Box::new(files));
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
