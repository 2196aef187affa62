//! `ecs-sim lesson check`: proves a lesson can be solved, and is not solved by doing nothing.
//!
//! On a fresh world from the lesson's seed the setup runs (every line must succeed). Then step
//! by step: every goal of the step must be unmet (neither the setup nor an earlier step did
//! this one's work: a step solved by doing nothing is a defect), its prediction offers its
//! choices, its action runs and the world's answer must be one of them; then its solution runs
//! (every line must succeed) and every one of its goals must be met. (A goal may hold after
//! the setup and be undone by an earlier step, as a drill breaks what the setup built: what
//! counts is that it is unmet when its step begins.) Reading goals must leave the world as
//! it was: the world's state, its event log and the session's history are compared around each
//! round of goal checks.

use super::format::Lesson;
use super::goal::{self, Read};
use super::predict;
use crate::cli::Session;

/// What a check found wrong, as lines for the terminal; empty when the lesson holds.
pub fn check(lesson: &Lesson, files: Box<dyn crate::cli::Files>) -> Vec<String> {
    let mut session = Session::with_files(lesson.seed, files);
    let mut faults = Vec::new();
    if let Some(fault) = run_lines(&mut session, &lesson.setup, "setup") {
        faults.push(fault);
        return faults;
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        let at = format!("step {} ({})", i + 1, step.title);
        for g in &step.goals {
            if goal_met(&mut session, g, &mut faults) == Some(true) {
                faults.push(format!(
                    "{at}: the goal '{}' is already met before the step's solution runs: the step would be solved by doing nothing",
                    g.says
                ));
            }
        }
        if let Some(p) = &step.predict {
            match predict::choices(&mut session, p) {
                Err(why) => faults.push(format!("{at}: the prediction's choices: {why}")),
                Ok(offered) => {
                    // The action's lines may fail: "will this placement succeed?" can be no.
                    let mut vars = std::mem::take(&mut session.vars);
                    crate::cli::script::run(&p.act, &mut session, &mut vars);
                    session.vars = vars;
                    match predict::answer(&mut session, p) {
                        Err(why) => faults.push(format!("{at}: the prediction's answer: {why}")),
                        Ok(answer) => {
                            if predict::right_choice(&offered, &answer).is_none() {
                                let labels: Vec<&str> =
                                    offered.iter().map(|o| o.label.as_str()).collect();
                                faults.push(format!(
                                    "{at}: the world answered {} after the action, which is none of the choices ({})",
                                    goal::shown(&answer),
                                    labels.join(", ")
                                ));
                            }
                        }
                    }
                }
            }
        }
        if let Some(fault) = run_lines(&mut session, &step.solution, &format!("{at}: solution")) {
            faults.push(fault);
        }
        for g in &step.goals {
            let state = goal::check(&mut session, g);
            if !state.met {
                let found = match &state.found {
                    Read::Value(v) => format!("the query gives {}", goal::shown(v)),
                    Read::Failed(why) => format!("the command failed: {why}"),
                };
                faults.push(format!(
                    "{at}: after the solution the goal '{}' is not met: {found}, expected {}",
                    g.says,
                    goal::shown(&g.expect)
                ));
            }
        }
        if !faults.is_empty() {
            // Later steps build on this one; what they report would only echo this.
            break;
        }
    }
    faults
}

/// Checks a goal, and that checking it changed nothing; `None` when the check itself broke
/// the world (a fault is recorded).
fn goal_met(
    session: &mut Session,
    g: &super::format::Goal,
    faults: &mut Vec<String>,
) -> Option<bool> {
    let before = (
        session.sim.state_json(),
        session.sim.events().len(),
        session.history.len(),
        session.sim.now(),
    );
    let met = goal::check(session, g).met;
    let after = (
        session.sim.state_json(),
        session.sim.events().len(),
        session.history.len(),
        session.sim.now(),
    );
    if before != after {
        faults.push(format!("reading the goal '{}' changed the world", g.says));
        return None;
    }
    Some(met)
}

/// Runs lines that must all succeed; the first failure, described.
fn run_lines(session: &mut Session, lines: &str, what: &str) -> Option<String> {
    let records = session.run_script(lines);
    records.iter().find(|r| r.output.exit != 0).map(|r| {
        format!(
            "{what}: line {} failed (exit {}): {}\n    {}",
            r.line,
            r.output.exit,
            r.command,
            r.output.stderr.trim().replace('\n', "\n    ")
        )
    })
}
