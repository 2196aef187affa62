//! What a lesson file says (static/lessons/README.md documents it for teachers), read from
//! TOML and checked for the mistakes a writer makes: an unknown key (a typo), a step with
//! nothing to do, a goal whose command would change the world, a query that does not compile.

use serde::Deserialize;
use serde_json::Value;

use crate::cli::query::Query;
use crate::cli::reads_only;
use crate::cli::script::{self, Host, Output};

/// The longest lesson file the sandbox reads (a lesson is a page of prose and a few scripts).
pub const MAX_LESSON_BYTES: usize = 256 * 1024;

/// One lesson: a world to start from, and steps that each ask for something.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub title: String,
    /// One or two sentences: what the learner will know at the end.
    pub teaches: String,
    /// The seed of the lesson's world (the same seed, the same world, for every learner).
    #[serde(default)]
    pub seed: u64,
    /// Lines run before the first step (every one must succeed).
    #[serde(default)]
    pub setup: String,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

/// One step: prose, then a goal to reach or a prediction to make (or both).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    /// Prose: paragraphs separated by blank lines; `code` in backticks.
    pub text: String,
    #[serde(default)]
    pub hints: Vec<String>,
    #[serde(default, rename = "goal")]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub predict: Option<Predict>,
    /// The reference solution: the lines that reach every goal of the step.
    #[serde(default)]
    pub solution: String,
}

/// A fact about the world: a command that reads it, a JMESPath over what it prints, and the
/// value that query must give.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// What the checklist says ("Three tasks are RUNNING").
    pub says: String,
    pub command: String,
    #[serde(default)]
    pub query: Option<String>,
    pub expect: Value,
}

/// A question asked before an action: the learner picks a choice, the action runs, the world
/// answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    pub question: String,
    /// Fixed choices ...
    #[serde(default)]
    pub options: Vec<Choice>,
    /// ... or choices read from the live world: a command and the query giving a list.
    #[serde(default)]
    pub choices: Option<Reading>,
    /// The lines that run once the learner has committed an answer.
    pub act: String,
    /// What the world says the answer was, read after `act`: one of the choices' values.
    pub answer: Reading,
    /// Where the learner sees why: `ledger` (the last placement's), `ipmap`, `events`, `none`.
    #[serde(default = "default_reveal")]
    pub reveal: Reveal,
    /// The plain sentence shown with the answer.
    pub explain: String,
}

fn default_reveal() -> Reveal {
    Reveal::None
}

/// A fixed choice: what the learner reads, and the value the answer is compared with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: String,
    pub value: Value,
}

/// A command that reads the world and the query over what it prints.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub command: String,
    #[serde(default)]
    pub query: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reveal {
    Ledger,
    Ipmap,
    Events,
    None,
}

/// The file that lists the course's lessons in order (static/lessons/course.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub title: String,
    #[serde(rename = "lesson")]
    pub lessons: Vec<CourseEntry>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseEntry {
    /// The lesson file, relative to the course file.
    pub file: String,
    pub title: String,
}

/// How deep arrays and inline tables may nest in a lesson file. The TOML reader recurses once
/// per level, and a browser's stack is small: a file of a thousand `[` overflows it (a crash of
/// the page, not an error), so deeper files are refused before they are read. Lessons nest
/// three deep at most.
const MAX_NESTING: usize = 32;

/// Refuses text whose arrays and inline tables nest deeper than `max` (brackets inside
/// strings and comments do not count).
fn nesting_within(text: &str, max: usize) -> Result<(), String> {
    let (mut depth, mut line) = (0usize, 1usize);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let mut skip = c.len_utf8();
        match c {
            '\n' => line += 1,
            '#' => skip = rest.find('\n').unwrap_or(rest.len()),
            '"' | '\'' => {
                // A string: to its closing quote (three quotes for a multi-line one), past
                // escapes in basic strings.
                let triple: String = std::iter::repeat_n(c, 3).collect();
                let (open, close) = if rest.starts_with(&triple) {
                    (3, triple.as_str())
                } else {
                    (1, &rest[..1])
                };
                let body = &rest[open..];
                let mut end = None;
                let mut i = 0;
                while i < body.len() {
                    if c == '"' && body[i..].starts_with('\\') {
                        i += 2;
                        continue;
                    }
                    if body[i..].starts_with(close) {
                        end = Some(i);
                        break;
                    }
                    i += body[i..].chars().next().map_or(1, char::len_utf8);
                }
                let end = end.unwrap_or(body.len());
                line += body[..end.min(body.len())].matches('\n').count();
                skip = (open + end + close.len()).min(rest.len());
            }
            '[' | '{' => {
                depth += 1;
                if depth > max {
                    return Err(format!(
                        "line {line}: arrays and inline tables nest more than {max} deep"
                    ));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        rest = rest.get(skip..).unwrap_or("");
    }
    Ok(())
}

/// Reads TOML into one of the lesson structs in two steps: TOML to a JSON value, then the value
/// to the struct. One instantiation of the TOML reader (for `serde_json::Value`) instead of one
/// per struct keeps the wasm smaller (measured in the note of the commit that made it so); the
/// price is that a misnamed key is reported by name without its line.
fn from_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    nesting_within(text, MAX_NESTING)?;
    let value: Value = basic_toml::from_str(text).map_err(|e| e.to_string())?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

impl Course {
    pub fn parse(text: &str) -> Result<Course, String> {
        let course: Course = from_toml(text).map_err(|e| format!("course: {e}"))?;
        if course.lessons.is_empty() {
            return Err("course: it lists no [[lesson]]".into());
        }
        Ok(course)
    }
}

impl Lesson {
    /// Reads a lesson file; the error says what is wrong and where, in words a teacher can act
    /// on.
    pub fn parse(text: &str) -> Result<Lesson, String> {
        if text.len() > MAX_LESSON_BYTES {
            return Err(format!(
                "the lesson is {} bytes; a lesson file may hold at most {MAX_LESSON_BYTES}",
                text.len()
            ));
        }
        let lesson: Lesson = from_toml(text)?;
        lesson.validate()?;
        Ok(lesson)
    }

    fn validate(&self) -> Result<(), String> {
        if self.title.trim().is_empty() {
            return Err("the lesson needs a title".into());
        }
        if self.steps.is_empty() {
            return Err("the lesson needs at least one [[step]]".into());
        }
        for (i, step) in self.steps.iter().enumerate() {
            let at = format!("step {} ({})", i + 1, step.title);
            if step.goals.is_empty() && step.predict.is_none() {
                return Err(format!(
                    "{at}: a step needs a [[step.goal]] to reach or a [step.predict] to answer"
                ));
            }
            if !step.goals.is_empty() && step.solution.trim().is_empty() {
                return Err(format!(
                    "{at}: a step with goals needs a solution that reaches them"
                ));
            }
            for goal in &step.goals {
                check_reading(&goal.command, goal.query.as_deref())
                    .map_err(|e| format!("{at}, goal '{}': {e}", goal.says))?;
            }
            if let Some(p) = &step.predict {
                let choices = usize::from(p.choices.is_some()) + usize::from(!p.options.is_empty());
                if choices != 1 {
                    return Err(format!(
                        "{at}: a prediction takes either options or choices (read from the world), not {}",
                        if choices == 0 { "neither" } else { "both" }
                    ));
                }
                if !p.options.is_empty() && p.options.len() < 2 {
                    return Err(format!("{at}: a prediction needs at least two options"));
                }
                if let Some(c) = &p.choices {
                    check_reading(&c.command, c.query.as_deref())
                        .map_err(|e| format!("{at}, prediction's choices: {e}"))?;
                }
                check_reading(&p.answer.command, p.answer.query.as_deref())
                    .map_err(|e| format!("{at}, prediction's answer: {e}"))?;
            }
        }
        Ok(())
    }
}

/// A goal's (or a prediction's) command must only read the world, and its query compile.
fn check_reading(command: &str, query: Option<&str>) -> Result<(), String> {
    // Run the line against a host that only notes the commands it is given: every command of
    // it, `$(...)` ones too, is seen as it would run (variables not yet set expand to nothing).
    let mut probe = Probe::default();
    let mut vars = Default::default();
    let records = script::run(command, &mut probe, &mut vars);
    if let Some(bad) = records
        .iter()
        .find(|r| r.output.exit == script::SYNTAX_ERROR_EXIT)
    {
        return Err(format!("command: {}", bad.output.stderr.trim_end()));
    }
    if probe.seen.is_empty() {
        return Err("the command is empty".into());
    }
    if let Some(argv) = probe.seen.iter().find(|argv| !reads_only(argv)) {
        return Err(format!(
            "'{}' would change the world; a goal may only read it (aws SERVICE describe-*, list-*, get-*, simulate-*; sim state, events, time, explain, ips, agent-log, call, fs read, fs ls)",
            argv.join(" ")
        ));
    }
    if let Some(q) = query {
        // Variables are known only in the learner's world; any value stands in for them here.
        Query::compile(&super::vars::expand(q, &|_| Some("x".into())))?;
    }
    Ok(())
}

/// A host that runs nothing and remembers what it was asked to run.
#[derive(Default)]
struct Probe {
    seen: Vec<Vec<String>>,
}

impl Host for Probe {
    fn exec(&mut self, argv: &[String], _line: u32) -> Output {
        self.seen.push(argv.to_vec());
        Output::default()
    }
    fn now_ms(&self) -> u64 {
        0
    }
    fn take_response(&mut self) -> Option<Value> {
        None
    }
    fn event_count(&self) -> usize {
        0
    }
}
