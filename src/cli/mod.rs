//! The AWS CLI front end: scripts and console lines in, what the AWS CLI would print out.
//!
//! A [`Session`] owns a simulation and runs command lines against it: `aws ...` through the
//! same argument parsing, shorthand and JSON handling, validation, `--query` and `--output` as
//! the real CLI; `sleep N` and the sandbox's own `sim ...` verbs; shell variables, quoting and
//! `$(...)` from the script dialect.

pub mod argparse;
pub mod aws;
pub mod model;
pub mod output;
pub mod paginate;
pub mod python;
pub mod query;
pub mod script;
pub mod shape;
pub mod shorthand;

pub mod sim_call;
mod sim_fs;
pub mod sim_http;
pub mod sim_verbs;
mod verb;
pub mod wait;

use std::collections::BTreeMap;

use crate::model::time::SimTime;
use crate::sim::Sim;
use script::{Executed, Host, Output};

/// Where `file://` paths are read from: the script's directory natively, nothing (or what the
/// user uploaded) in the browser.
pub trait Files {
    /// The text of a file, or the error text the CLI shows after "Unable to load paramfile".
    fn read(&self, path: &str) -> Result<String, String>;
}

/// No file system: every `file://` fails as a missing file would.
#[derive(Debug, Default)]
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        Err(format!("[Errno 2] No such file or directory: '{path}'"))
    }
}

/// In-memory files, for the browser and for tests.
#[derive(Debug, Default, Clone)]
pub struct MemFiles(pub BTreeMap<String, String>);

impl Files for MemFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| format!("[Errno 2] No such file or directory: '{path}'"))
    }
}

/// A simulation with a shell around it.
pub struct Session {
    pub sim: Sim,
    pub vars: BTreeMap<String, String>,
    pub files: std::rc::Rc<dyn Files>,
    /// Every command run so far, as words after expansion, in order: replaying them on a new
    /// world from the same seed rebuilds this one exactly (`sim explain` does).
    pub history: Vec<Vec<String>>,
    /// The response of the last `aws` operation, until the script runner takes it
    /// ([`script::Outcome`]).
    pub(crate) last_response: Option<serde_json::Value>,
    /// The requests of the last `sim http` line, for the visualizer to draw.
    pub traffic: Option<crate::sim::elb::http::Burst>,
}

impl Session {
    pub fn new(seed: u64) -> Session {
        Session::with_files(seed, Box::new(NoFiles))
    }

    pub fn with_files(seed: u64, files: Box<dyn Files>) -> Session {
        Session {
            sim: Sim::new(seed),
            vars: BTreeMap::new(),
            files: files.into(),
            history: Vec::new(),
            last_response: None,
            traffic: None,
        }
    }

    /// Replays this session's history on a fresh world, recording placement decision
    /// `decision` in full; returns that ledger.
    pub fn replay_decision(&self, decision: u64) -> Option<crate::placement::Ledger> {
        let mut replay = Session {
            sim: Sim::new(self.sim.seed()),
            vars: BTreeMap::new(),
            files: self.files.clone(),
            history: Vec::new(),
            last_response: None,
            traffic: None,
        };
        replay.sim.explain_decision(decision);
        for (i, argv) in self.history.iter().enumerate() {
            if replay.sim.explained().is_some() {
                break;
            }
            replay.exec(argv, i as u32);
        }
        replay.sim.take_explained()
    }

    /// Runs a whole script; one record per executed command.
    pub fn run_script(&mut self, src: &str) -> Vec<Executed> {
        let mut vars = std::mem::take(&mut self.vars);
        let out = script::run(src, self, &mut vars);
        self.vars = vars;
        out
    }

    pub fn now_ms(&self) -> SimTime {
        self.sim.now()
    }

    /// Runs a command that only reads the world (see [`reads_only`]) without recording it in
    /// the history: what a lesson's goal asks after every action must leave no trace, neither
    /// in the world nor in what undo and share-by-URL replay. Anything else is refused.
    pub fn observe(&mut self, argv: &[String]) -> Output {
        if !reads_only(argv) {
            return Output {
                stdout: String::new(),
                stderr: format!(
                    "only commands that read the world can be observed (aws describe-*, list-*, get-*, simulate-*; sim state, events, time, explain, ips, agent-log, call, fs read, fs ls), not '{}'\n",
                    argv.join(" ")
                ),
                exit: 2,
            };
        }
        match argv[0].as_str() {
            "aws" => aws::run(self, &argv[1..]),
            _ => sim_verbs::run(self, &argv[1..]),
        }
    }
}

/// Whether a command only reads the world: an `aws` operation that describes, lists, gets or
/// simulates, or a `sim` verb that inspects. (`aws ... wait` advances time, so it is not one.)
pub fn reads_only(argv: &[String]) -> bool {
    let word = |i: usize| argv.get(i).map(String::as_str);
    match word(0) {
        Some("aws") => {
            // `aws SERVICE OPERATION ...`: global options go after the operation here, so
            // the operation is never mistaken for an option's value.
            word(1).is_some_and(|service| !service.starts_with('-'))
                && word(2).is_some_and(|op| {
                    ["describe-", "list-", "get-", "simulate-"]
                        .iter()
                        .any(|p| op.starts_with(p))
                })
        }
        Some("sim") => match word(1) {
            Some("state" | "events" | "time" | "explain" | "ips" | "agent-log" | "call") => true,
            Some("fs") => matches!(word(2), Some("read" | "ls")),
            _ => false,
        },
        _ => false,
    }
}

impl Host for Session {
    fn exec(&mut self, argv: &[String], line: u32) -> Output {
        let Some(cmd) = argv.first() else {
            return Output::default();
        };
        // Inspection verbs change nothing and are not replayed.
        let inspect = cmd == "sim"
            && argv.get(1).is_some_and(|v| {
                ["explain", "state", "events", "time", "help"].contains(&v.as_str())
            });
        if !inspect {
            self.history.push(argv.to_vec());
        }
        match cmd.as_str() {
            "aws" => aws::run(self, &argv[1..]),
            "sim" => sim_verbs::run(self, &argv[1..]),
            "sleep" => sim_verbs::sleep(self, &argv[1..]),
            "true" | ":" => Output::default(),
            "false" => Output { exit: 1, ..Output::default() },
            // A learner's first guess at a console: say where the help is, as a shell would
            // still say the command is not one it has.
            "help" => Output {
                stdout: String::new(),
                stderr: format!("ecs-sim: line {line}: help: command not found; `sim help` lists the sandbox's own commands, and `aws SERVICE OPERATION ...` lines run as the AWS CLI v2 would\n"),
                exit: 127,
            },
            other => Output {
                stdout: String::new(),
                stderr: format!("ecs-sim: line {line}: {other}: command not found (scripts run aws, sim, sleep and echo)\n"),
                exit: 127,
            },
        }
    }

    fn take_response(&mut self) -> Option<serde_json::Value> {
        self.last_response.take()
    }

    fn event_count(&self) -> usize {
        self.sim.events().len()
    }

    fn now_ms(&self) -> u64 {
        self.sim.now()
    }
}
