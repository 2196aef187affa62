//! The lesson a learner is taking, as the Lessons tab shows it: which step, which hints are
//! out, where each goal of the step stands (re-read after every action), the question asked
//! before the step's action and how it was answered; the learner's progress and score as
//! the browser keeps them; the step's prose cut into paragraphs, `code` and commands; and
//! which lesson addresses the page may fetch.
//!
//! Pure: the UI (src/ui/lessons.rs) owns a [`Taking`] beside the workspace and calls in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cli::script::Executed;
use crate::lesson::goal::{self, GoalState};
use crate::lesson::predict::{self, Offered};
use crate::lesson::{Lesson, Step};
use crate::sim::world::World;
use crate::viz::workspace::Workspace;

/// A lesson being taken.
pub struct Taking {
    /// Where the lesson came from (its address): the key of its progress and score.
    pub key: String,
    pub lesson: Lesson,
    /// The step shown (0-based).
    pub step: usize,
    /// How many of the step's hints are shown.
    pub hints: usize,
    pub solution_shown: bool,
    /// The step's goals, as last read.
    pub goals: Vec<GoalState>,
    /// The step's question, if it asks one.
    pub question: Option<Question>,
    /// The setup's failure, if a line of it failed (the lesson is then not what it says).
    pub setup_failed: Option<String>,
    /// How many actions the lesson's world starts with (the setup): undo stops there.
    pub base_actions: usize,
    /// The world revision the goals were read at.
    read_at: Option<u64>,
}

/// A question asked before the step's action runs.
pub struct Question {
    /// The choices offered (read from the live world until answered), or why there are none.
    pub offered: Result<Vec<Offered>, String>,
    pub answered: Option<Answered>,
}

/// How a question was answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The choice the learner committed.
    pub chose: usize,
    /// The choice the world's answer is (none when the world answered something else).
    pub right: Option<usize>,
    /// What the world answered, or why it could not be read.
    pub answer: Result<Value, String>,
    /// The task the action placed, if it placed one: its ledger tells why.
    pub placed_task: Option<String>,
}

impl Answered {
    pub fn correct(&self) -> bool {
        self.right == Some(self.chose)
    }
}

/// A lesson's script as the lines of one action (surrounding blank lines dropped).
pub fn script_lines(script: &str) -> Vec<String> {
    script.trim().lines().map(str::to_string).collect()
}

impl Taking {
    /// The lesson's world: a fresh workspace from its seed, its setup run as the first action
    /// (so undo, the console and a shared link all start from it), and the first step entered.
    pub fn start(key: &str, lesson: Lesson) -> (Taking, Workspace) {
        let mut ws = Workspace::new(lesson.seed);
        let setup = script_lines(&lesson.setup);
        let mut setup_failed = None;
        if !setup.is_empty() {
            let out = ws.run(&setup);
            setup_failed = out.iter().find(|r| r.output.exit != 0).map(|r| {
                format!(
                    "The lesson's setup failed at `{}`: {}",
                    r.command,
                    r.output.stderr.trim()
                )
            });
        }
        let mut t = Taking {
            key: key.to_string(),
            lesson,
            step: 0,
            hints: 0,
            solution_shown: false,
            goals: Vec::new(),
            question: None,
            setup_failed,
            base_actions: ws.scenario.actions.len(),
            read_at: None,
        };
        t.enter(&mut ws);
        (t, ws)
    }

    pub fn current(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    fn enter(&mut self, ws: &mut Workspace) {
        self.hints = 0;
        self.solution_shown = false;
        self.goals.clear();
        self.read_at = None;
        self.question = self
            .current()
            .and_then(|s| s.predict.clone())
            .map(|p| Question {
                offered: predict::choices(&mut ws.session, &p),
                answered: None,
            });
        self.refresh(ws);
    }

    /// Reads the step's goals again if the world changed since they were read (a line run,
    /// a form, time that fired a timer, undo); a question not yet answered offers the choices
    /// the world has now. Returns what the checklist says of each goal met by this change.
    pub fn refresh(&mut self, ws: &mut Workspace) -> Vec<String> {
        let revision = ws.world_revision();
        if self.read_at == Some(revision) {
            return Vec::new();
        }
        self.read_at = Some(revision);
        let Some(step) = self.lesson.steps.get(self.step) else {
            return Vec::new();
        };
        let before: Vec<bool> = self.goals.iter().map(|g| g.met).collect();
        let now: Vec<GoalState> = step
            .goals
            .iter()
            .map(|g| goal::check(&mut ws.session, g))
            .collect();
        let newly = step
            .goals
            .iter()
            .zip(&now)
            .enumerate()
            .filter(|(i, (_, s))| s.met && !before.get(*i).copied().unwrap_or(false))
            .map(|(_, (g, _))| g.says.clone())
            .collect();
        // The first reading of a step is where it starts, not progress.
        let first = before.is_empty();
        self.goals = now;
        if let (Some(q), Some(p)) = (self.question.as_mut(), step.predict.as_ref()) {
            if q.answered.is_none() {
                q.offered = predict::choices(&mut ws.session, p);
            }
        }
        if first {
            Vec::new()
        } else {
            newly
        }
    }

    /// Commits the learner's choice: the step's action runs in the workspace (recorded like a
    /// console line, so undo takes it back), then the world's answer is read. Nothing happens
    /// for a question already answered or a choice not offered.
    pub fn commit(
        &mut self,
        ws: &mut Workspace,
        chose: usize,
    ) -> Option<(&Answered, Vec<Executed>)> {
        let p = self.current()?.predict.clone()?;
        let q = self.question.as_mut()?;
        let offered = q.offered.as_ref().ok()?;
        if q.answered.is_some() || chose >= offered.len() {
            return None;
        }
        let out = ws.run(&script_lines(&p.act));
        let answer = predict::answer(&mut ws.session, &p);
        let right = answer
            .as_ref()
            .ok()
            .and_then(|a| predict::right_choice(offered, a));
        q.answered = Some(Answered {
            chose,
            right,
            answer,
            placed_task: placed_task(&out),
        });
        self.read_at = None;
        self.refresh(ws);
        let answered = self.question.as_ref()?.answered.as_ref()?;
        Some((answered, out))
    }

    /// Whether the step is done: every goal met, its question answered.
    pub fn step_done(&self) -> bool {
        let goals = self.current().map_or(0, |s| s.goals.len());
        self.goals.len() == goals
            && self.goals.iter().all(|g| g.met)
            && self.question.as_ref().is_none_or(|q| q.answered.is_some())
    }

    /// How many steps are done: those before this one, and this one if it is.
    pub fn steps_done(&self) -> usize {
        self.step + usize::from(self.step_done())
    }

    pub fn finished(&self) -> bool {
        self.steps_done() >= self.lesson.steps.len()
    }

    /// Moves to the next step once this one is done; false if it is not, or was the last.
    pub fn next(&mut self, ws: &mut Workspace) -> bool {
        if !self.step_done() || self.step + 1 >= self.lesson.steps.len() {
            return false;
        }
        self.step += 1;
        self.enter(ws);
        true
    }

    /// Shows one more hint, if there is one.
    pub fn hint(&mut self) {
        let n = self.current().map_or(0, |s| s.hints.len());
        self.hints = (self.hints + 1).min(n);
    }

    /// The step's reference solution, as the lines of one action.
    pub fn solution(&self) -> Vec<String> {
        self.current()
            .map(|s| script_lines(&s.solution))
            .unwrap_or_default()
    }
}

/// The first task a RunTask or StartTask among `out` placed.
pub fn placed_task(out: &[Executed]) -> Option<String> {
    out.iter().find_map(|r| {
        r.outcome
            .response
            .as_ref()?
            .get("tasks")?
            .as_array()?
            .iter()
            .find_map(|t| t.get("taskArn")?.as_str().map(str::to_string))
    })
}

/// The subnet whose IP map shows why: the placed task's, else the one with the fewest free
/// addresses (a subnet run dry; the first created of equals).
pub fn reveal_subnet(world: &World, task: Option<&str>) -> Option<String> {
    if let Some(eni) = task
        .and_then(|t| world.task(t))
        .and_then(|t| t.eni.as_ref())
    {
        return Some(eni.subnet_id.clone());
    }
    World::by_creation(&world.subnets, |s| s.created_seq)
        .into_iter()
        .min_by_key(|s| s.pool.free_count())
        .map(|s| s.id.clone())
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    Code(String),
}

/// A block of a step's prose.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Span>),
    /// A line indented by four spaces: a command the learner can put in the console.
    Command(String),
}

/// A step's prose as blocks: paragraphs separated by blank lines (their lines joined),
/// `code` in backticks, and lines indented by four spaces as commands.
pub fn prose(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(spans(para)));
            para.clear();
        }
    };
    for line in text.lines() {
        if let Some(cmd) = line.strip_prefix("    ").filter(|c| !c.trim().is_empty()) {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Command(cmd.trim().to_string()));
        } else if line.trim().is_empty() {
            flush(&mut para, &mut blocks);
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(line.trim());
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// Text and `code`: the odd pieces between backticks are code; an unclosed backtick is text.
fn spans(text: &str) -> Vec<Span> {
    let pieces: Vec<&str> = text.split('`').collect();
    let closed = pieces.len() % 2 == 1;
    let mut out = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let last_unclosed = !closed && i == pieces.len() - 1;
        if i % 2 == 1 && !last_unclosed {
            out.push(Span::Code((*p).to_string()));
        } else if last_unclosed {
            out.push(Span::Text(format!("`{p}")));
        } else if !p.is_empty() {
            out.push(Span::Text((*p).to_string()));
        }
    }
    out
}

/// What the browser keeps of one lesson: steps done (the most reached) and its score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub steps_done: usize,
    pub steps: usize,
    pub right: u32,
    pub asked: u32,
}

/// Every lesson's record, by the lesson's address (kept in localStorage as JSON).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress(pub BTreeMap<String, Record>);

impl Progress {
    /// Reads what was stored; anything unreadable is a fresh start, never an error.
    pub fn parse(text: &str) -> Progress {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn get(&self, key: &str) -> Record {
        self.0.get(key).copied().unwrap_or_default()
    }

    /// Notes the steps a lesson has done (the most ever reached is kept).
    pub fn steps(&mut self, key: &str, done: usize, of: usize) {
        let r = self.0.entry(key.to_string()).or_default();
        r.steps_done = r.steps_done.max(done).min(of);
        r.steps = of;
    }

    /// Scores an answer.
    pub fn answer(&mut self, key: &str, correct: bool) {
        let r = self.0.entry(key.to_string()).or_default();
        r.asked += 1;
        r.right += u32::from(correct);
    }

    /// Right answers and questions asked, over every lesson.
    pub fn total(&self) -> (u32, u32) {
        self.0
            .values()
            .fold((0, 0), |(r, a), x| (r + x.right, a + x.asked))
    }
}

/// A lesson's progress in words, for the course list.
pub fn record_words(r: &Record) -> String {
    let steps = if r.steps == 0 {
        "not started".to_string()
    } else if r.steps_done >= r.steps {
        "done".to_string()
    } else {
        format!("{} of {} steps", r.steps_done, r.steps)
    };
    if r.asked == 0 {
        steps
    } else {
        format!("{steps}, {} of {} predictions right", r.right, r.asked)
    }
}

/// The address of a lesson the page may fetch, from `?lesson=` or the course: a path on this
/// site (relative, resolved against the page, so a site served under a sub-path works), or an
/// absolute URL on `origin` (`https://host:port`). Other sites and other schemes are refused
/// with a sentence that says why.
pub fn lesson_address(asked: &str, origin: &str) -> Result<String, String> {
    let a = asked.trim();
    if a.is_empty() {
        return Err("No lesson address was given.".into());
    }
    let absolute = a.starts_with("//") || a.split('/').next().is_some_and(|s| s.contains(':'));
    if !absolute {
        return Ok(a.to_string());
    }
    let same = !origin.is_empty()
        && a.strip_prefix(origin)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    if same {
        Ok(a.to_string())
    } else {
        Err(format!(
            "The lesson at {a} was not opened: lessons open only from this site ({origin})."
        ))
    }
}

/// The address of a course entry's file: relative to the course file's.
pub fn entry_address(course: &str, file: &str) -> String {
    match course.rfind('/') {
        Some(i) => format!("{}/{file}", &course[..i]),
        None => file.to_string(),
    }
}

#[cfg(test)]
mod tests;
