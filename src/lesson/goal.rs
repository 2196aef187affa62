//! Goals checked on the world: a reading (a command that only reads, and a JMESPath over what
//! it prints) run against a session without leaving a trace, and its value compared with the
//! one expected.

use std::collections::BTreeMap;

use serde_json::Value;

use super::format::{Goal, Reading};
use crate::cli::query::Query;
use crate::cli::script::{self, Host, Output};
use crate::cli::Session;

/// What a reading gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// The query's value (or the whole output when there is no query).
    Value(Value),
    /// The command failed or the query could not be applied: the message.
    Failed(String),
}

/// Where a goal stands.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalState {
    pub met: bool,
    /// What the world says now: the value found, or why it could not be read.
    pub found: Read,
}

/// Runs a reading against the session: its commands run through [`Session::observe`], so
/// nothing is recorded and a command that would change the world is refused. Variables the
/// session's lines have set (`TASK=$(aws ...)`) expand as in the console.
pub fn read(session: &mut Session, reading: &Reading) -> Read {
    let vars = session.vars.clone();
    read_with(session, &reading.command, reading.query.as_deref(), vars)
}

fn read_with(
    session: &mut Session,
    command: &str,
    query: Option<&str>,
    mut vars: BTreeMap<String, String>,
) -> Read {
    let mut observer = Observer(session);
    let records = script::run(command, &mut observer, &mut vars);
    let Some(last) = records.last() else {
        return Read::Failed("the command ran nothing".into());
    };
    if let Some(failed) = records.iter().find(|r| r.output.exit != 0) {
        let why = failed.output.stderr.trim();
        return Read::Failed(if why.is_empty() {
            format!("'{}' failed (exit {})", failed.command, failed.output.exit)
        } else {
            why.to_string()
        });
    }
    let printed = last.output.stdout.trim();
    // JSON (the CLI's default output) is read as JSON; anything else (`--output text`, a sim
    // verb's sentence) as one string.
    let value = serde_json::from_str(printed).unwrap_or_else(|_| Value::String(printed.into()));
    match query {
        None => Read::Value(value),
        Some(q) => match Query::compile(&super::vars::expand(q, &|name| vars.get(name).cloned()))
            .and_then(|q| q.search(&value))
        {
            Ok(v) => Read::Value(v),
            Err(e) => Read::Failed(e),
        },
    }
}

/// Where a goal stands now.
pub fn check(session: &mut Session, goal: &Goal) -> GoalState {
    let vars = session.vars.clone();
    let found = read_with(session, &goal.command, goal.query.as_deref(), vars);
    let met = matches!(&found, Read::Value(v) if same(v, &goal.expect));
    GoalState { met, found }
}

/// JSON equality where numbers compare by value: JMESPath gives `3.0` where TOML wrote `3`.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// A value as a learner reads it in a choice or a checklist: strings bare, the rest as JSON.
pub fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        // JMESPath's numbers are floats: 4087.0 reads as 4087.
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// Runs every command through [`Session::observe`].
struct Observer<'a>(&'a mut Session);

impl Host for Observer<'_> {
    fn exec(&mut self, argv: &[String], _line: u32) -> Output {
        self.0.observe(argv)
    }
    fn now_ms(&self) -> u64 {
        self.0.sim.now()
    }
    fn take_response(&mut self) -> Option<Value> {
        self.0.last_response.take()
    }
    fn event_count(&self) -> usize {
        self.0.sim.events().len()
    }
}
