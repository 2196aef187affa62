//! The page's state behind the views: a session and the scenario that built it. Every action
//! runs its command lines through the session (the same CLI path as `ecs-sim`) and is recorded
//! in the scenario; undo, redo and loading a link replay the scenario from its seed on a fresh
//! session, so what the page shows is always what the script reproduces.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::cli::script::Executed;
use crate::cli::Session;
use crate::viz::charts::{sample, Sample};
use crate::viz::scenario::{sleep_line, Scenario};

/// The charts sample the world at most this often (simulated milliseconds)...
const SAMPLE_EVERY_MS: u64 = 1_000;
/// ...and keep at most this many samples (older ones are thinned out).
const MAX_SAMPLES: usize = 2_000;

/// Revision numbers, unique across workspaces, so one that replaces another (undo, a link)
/// never repeats a revision the views have already drawn.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

pub struct Workspace {
    pub session: Session,
    pub scenario: Scenario,
    /// What the console shows: every line run since the page (re)built the session.
    pub transcript: Vec<Executed>,
    /// The world over time, for the charts.
    pub samples: Vec<Sample>,
    /// Changes whenever the world changes (a command ran, a timer fired): what a drawing of
    /// the world depends on. Time passing without an event leaves it alone.
    world_revision: u64,
    /// Changes whenever anything the page shows changes: the world, the charts' samples,
    /// the console transcript, the scenario.
    revision: u64,
}

impl Workspace {
    pub fn new(seed: u64) -> Workspace {
        let mut w = Workspace {
            session: Session::new(seed),
            scenario: Scenario::new(seed),
            transcript: Vec::new(),
            samples: Vec::new(),
            world_revision: fresh_revision(),
            revision: fresh_revision(),
        };
        w.take_sample(true);
        w
    }

    /// See the field: what a view of the world can be cached by.
    pub fn world_revision(&self) -> u64 {
        self.world_revision
    }

    /// See the field: what a panel can skip re-rendering by.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn world_changed(&mut self) {
        self.world_revision = fresh_revision();
        self.revision = fresh_revision();
    }

    /// Samples the world for the charts (`force`: even if the last sample is recent).
    fn take_sample(&mut self, force: bool) {
        let now = self.session.sim.now();
        let recent = self
            .samples
            .last()
            .is_some_and(|s| now.saturating_sub(s.time_ms) < SAMPLE_EVERY_MS);
        if recent && !force {
            return;
        }
        if self.samples.last().is_some_and(|s| s.time_ms == now) {
            self.samples.pop();
        }
        self.samples.push(sample(&self.session.sim.world, now));
        self.revision = fresh_revision();
        if self.samples.len() > MAX_SAMPLES {
            // Keep every other sample (and the newest).
            let last = self.samples.pop();
            let kept: Vec<Sample> = self.samples.iter().step_by(2).cloned().collect();
            self.samples = kept;
            self.samples.extend(last);
        }
    }

    /// Rebuilds the world from a scenario (a link, a file, undo/redo).
    pub fn from_scenario(scenario: Scenario) -> Workspace {
        let mut w = Workspace::new(scenario.seed);
        for line in scenario.lines() {
            // Time is replayed a second at a time, so the charts get their samples.
            match crate::viz::scenario::sleep_ms(line) {
                Some(ms) => {
                    let mut left = ms;
                    while left > 0 {
                        let d = left.min(SAMPLE_EVERY_MS);
                        w.pass(d);
                        left -= d;
                    }
                }
                None => {
                    let out = w.session.run_script(line);
                    w.transcript.extend(out);
                    w.world_changed();
                    w.take_sample(true);
                }
            }
        }
        w.scenario = scenario;
        w
    }

    /// Runs an action's lines (one command per line) and records them; returns their output.
    pub fn run(&mut self, lines: &[String]) -> Vec<Executed> {
        let script: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let out = self.session.run_script(&script);
        self.scenario.record(lines.to_vec());
        self.transcript.extend(out.iter().cloned());
        self.world_changed();
        self.take_sample(true);
        out
    }

    /// Lets simulated time pass (the play loop and the step button), recorded as `sleep`.
    pub fn advance(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        self.pass(ms);
        // Recorded merged with the sleep before it (the scenario's text changes, but nothing
        // a panel draws: the clock is drawn apart).
        self.scenario.record_time(ms);
    }

    /// Runs `ms` of simulated time as a `sleep` through the session, so its history (which
    /// `sim explain` replays) has the time too, and samples the world.
    fn pass(&mut self, ms: u64) {
        let fired = self.session.sim.timers_fired();
        self.session.run_script(&sleep_line(ms));
        if self.session.sim.timers_fired() != fired {
            self.world_changed();
        }
        self.take_sample(false);
    }

    /// Runs time to the next scheduled event, if any, and returns how far that was.
    pub fn step(&mut self) -> Option<u64> {
        let now = self.session.sim.now();
        let next = self.session.sim.next_timer_at()?;
        let ms = next.saturating_sub(now);
        self.advance(ms.max(1));
        Some(ms)
    }

    pub fn undo(&mut self) -> bool {
        self.replay_edited(Scenario::undo)
    }

    pub fn redo(&mut self) -> bool {
        self.replay_edited(Scenario::redo)
    }

    /// Edits a copy of the scenario and, if the edit did something, rebuilds the world from
    /// it (keeping what can be redone).
    fn replay_edited(&mut self, edit: fn(&mut Scenario) -> bool) -> bool {
        let mut scenario = self.scenario.clone();
        if !edit(&mut scenario) {
            return false;
        }
        let undone = scenario.undone.clone();
        *self = Workspace::from_scenario(scenario);
        self.scenario.undone = undone;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_replays_to_the_same_world_and_redo_comes_back() {
        let mut w = Workspace::new(5);
        w.run(&["aws ecs create-cluster --cluster-name a".into()]);
        w.advance(1_500);
        let before = serde_json::to_string(&w.session.sim.state_json()).expect("state");
        let t_before = w.session.sim.now();
        w.run(&["aws ec2 create-vpc --cidr-block 10.0.0.0/16".into()]);
        assert!(w.undo());
        assert_eq!(
            serde_json::to_string(&w.session.sim.state_json()).expect("state"),
            before
        );
        assert_eq!(w.session.sim.now(), t_before);
        assert!(w.redo());
        assert_eq!(w.session.sim.world.vpcs.len(), 2);
        assert_eq!(
            w.scenario.to_script(),
            "# seed: 5\naws ecs create-cluster --cluster-name a\nsleep 1.5\naws ec2 create-vpc --cidr-block 10.0.0.0/16\n"
        );
    }

    #[test]
    fn a_scenario_script_rebuilds_the_same_world() {
        let mut w = Workspace::new(9);
        w.run(&["aws ecs create-cluster --cluster-name a".into()]);
        for _ in 0..7 {
            w.advance(100);
        }
        w.run(&["aws ec2 create-vpc --cidr-block 10.0.0.0/16".into()]);
        let again = Workspace::from_scenario(
            Scenario::from_script(&w.scenario.to_script()).expect("script"),
        );
        assert_eq!(
            serde_json::to_string(&again.session.sim.state_json()).expect("state"),
            serde_json::to_string(&w.session.sim.state_json()).expect("state")
        );
    }
}
