//! The page's state behind the views: a session and the scenario that built it. Every action
//! runs its command lines through the session (the same CLI path as `ecs-sim`) and is recorded
//! in the scenario; undo, redo and loading a link replay the scenario from its seed on a fresh
//! session, so what the page shows is always what the script reproduces.
//!
//! A scenario comes from links and files anyone can write, so replaying one is bounded: its
//! size by [`crate::viz::scenario::MAX_BYTES`] and [`MAX_LINES`], each
//! line's work by [`LINE_STEP_BUDGET`], and the work of `sleep` by the events in it, not by
//! its length. [`Replay`] runs a scenario a line at a time, so the page can show its progress
//! and stay responsive between lines.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::cli::script::{self, Executed, Host, Output};
use crate::cli::sim_verbs::duration_args_ms;
use crate::cli::Session;
use crate::model::time::{SimTime, MAX_DURATION_MS};
use crate::viz::charts::{sample, Sample};
use crate::viz::scenario::{size_in_words, sleep_line, Scenario, MAX_BYTES, MAX_LINES};
use crate::viz::thousands;

/// The charts sample the world at most this often (simulated milliseconds)...
const SAMPLE_EVERY_MS: u64 = 1_000;
/// ...and keep at most this many samples (older ones are thinned out).
const MAX_SAMPLES: usize = 2_000;

/// The most simulation steps (timers fired, and work charged by `sim explain`) one line may
/// take: 25,000. Our choice, measured (`a_line_at_its_budget_takes_well_under_a_second` in
/// tests/robustness.rs): with 60,000 Fargate tasks provisioning in a /16, the first 25,000
/// timers (the heaviest: ENIs and addresses) took 0.29 s natively (release), so about twice
/// that in the browser is the longest the page may stop answering for one line. No lesson
/// comes near it: a line's timers come from the tasks and instances earlier lines started (at
/// most ten tasks or a hundred instances a call, a handful of lifecycle steps each), so it
/// takes some 5,000 tasks starting within one `sleep`.
/// A line that needs more is stopped and the world is rebuilt as it was before the line. A
/// count of steps rather than a wall-clock limit, so the same line is stopped on every
/// machine, natively and in the browser, and the page never depends on how fast it is.
pub const LINE_STEP_BUDGET: u64 = 25_000;

/// The console keeps the newest this-many entries (it shows 200)...
const TRANSCRIPT_KEPT: usize = 500;
/// ...each with at most this much of its output; a longer output keeps its start and says
/// how much was left out. (`sim state` of a big world is megabytes; thousands of them would
/// otherwise fill the tab's memory.)
const OUTPUT_KEPT_BYTES: usize = 256 * 1024;

/// Revision numbers, unique across workspaces, so one that replaces another (undo, a link)
/// never repeats a revision the views have already drawn.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// The message of a line stopped by [`LINE_STEP_BUDGET`].
pub fn stopped_message(budget: u64) -> String {
    format!(
        "This line was stopped: it needed more than {} simulation steps, the most one line may take. The world is as it was before it.",
        thousands(budget)
    )
}

pub struct Workspace {
    pub session: Session,
    pub scenario: Scenario,
    /// What the console shows: the newest lines run since the page (re)built the session.
    pub transcript: Vec<Executed>,
    /// The world over time, for the charts.
    pub samples: Vec<Sample>,
    /// Changes whenever the world changes (a command ran, a timer fired): what a drawing of
    /// the world depends on. Time passing without an event leaves it alone.
    world_revision: u64,
    /// Changes whenever anything the page shows changes: the world, the charts' samples,
    /// the console transcript, the scenario.
    revision: u64,
    /// Timers one line may fire: [`LINE_STEP_BUDGET`] (tests use less).
    budget: u64,
    /// Timers fired in the time the scenario's last `sleep` line records (see `advance`).
    sleep_fired: u64,
    /// Whether commands changed the world since the last sample: a replay samples before
    /// time moves and at its end, not after every line (a sample visits every task, and a
    /// scenario of thousands of lines at one instant would pay for a sample each).
    unsampled: bool,
}

/// Adds a sample of the session's world to `samples` unless the last is younger than
/// [`SAMPLE_EVERY_MS`] (`force`: in any case); returns whether it did.
fn take_sample(samples: &mut Vec<Sample>, session: &Session, force: bool) -> bool {
    let now = session.sim.now();
    let recent = samples
        .last()
        .is_some_and(|s| now.saturating_sub(s.time_ms) < SAMPLE_EVERY_MS);
    if recent && !force {
        return false;
    }
    if samples.last().is_some_and(|s| s.time_ms == now) {
        samples.pop();
    }
    samples.push(sample(&session.sim.world, now));
    if samples.len() > MAX_SAMPLES {
        // Keep every other sample (and the newest).
        let last = samples.pop();
        let kept: Vec<Sample> = samples.iter().step_by(2).cloned().collect();
        *samples = kept;
        samples.extend(last);
    }
    true
}

/// The words of a `sleep` that lets `ms` pass: one argument, or several of at most 366 days
/// each (what one argument may say), which `sleep` adds up.
fn sleep_argv(ms: SimTime) -> Vec<String> {
    let mut argv = vec!["sleep".to_string()];
    let mut left = ms;
    loop {
        let part = left.min(MAX_DURATION_MS);
        argv.push(sleep_line(part).trim_start_matches("sleep ").to_string());
        left -= part;
        if left == 0 {
            return argv;
        }
    }
}

/// The session as the script runner's host, with `sleep` cut at the events in it so the
/// charts get a sample where the world changed. Everything else, and every piece of a sleep,
/// goes to the session as `ecs-sim` runs it, so the world is the same as `ecs-sim`'s.
struct Sampling<'a> {
    session: &'a mut Session,
    samples: &'a mut Vec<Sample>,
    /// See [`Workspace::unsampled`].
    unsampled: &'a mut bool,
}

impl Sampling<'_> {
    /// Lets `total` pass in pieces that end at events (at most one a simulated second), a
    /// sample after each: the work is proportional to the events in the sleep, not to its
    /// length, and at most [`MAX_SAMPLES`] pieces.
    fn sleep(&mut self, total: SimTime, line: u32) -> Output {
        // The world as the lines before left it, before time moves on.
        if std::mem::take(self.unsampled) {
            take_sample(self.samples, self.session, true);
        }
        let until = self.session.sim.now().saturating_add(total);
        for _ in 0..MAX_SAMPLES {
            let last = self.samples.last().map_or(0, |s| s.time_ms);
            let Some(at) = self.session.sim.next_timer_at() else {
                break;
            };
            let to = at.max(last.saturating_add(SAMPLE_EVERY_MS));
            if to >= until || self.session.sim.fire_limit_hit() {
                break;
            }
            let now = self.session.sim.now();
            let out = self.session.exec(&sleep_argv(to - now), line);
            if out.exit != 0 {
                return out;
            }
            take_sample(self.samples, self.session, false);
        }
        let now = self.session.sim.now();
        let out = self
            .session
            .exec(&sleep_argv(until.saturating_sub(now)), line);
        take_sample(self.samples, self.session, false);
        out
    }
}

impl Host for Sampling<'_> {
    fn exec(&mut self, argv: &[String], line: u32) -> Output {
        if argv.first().is_some_and(|c| c == "sleep") {
            // Read by the CLI's own parser; a sleep it refuses goes to the CLI for its message.
            if let Ok(total) = duration_args_ms(&argv[1..], "sleep") {
                return self.sleep(total, line);
            }
        }
        self.session.exec(argv, line)
    }

    fn now_ms(&self) -> u64 {
        self.session.sim.now()
    }

    fn take_response(&mut self) -> Option<serde_json::Value> {
        self.session.take_response()
    }

    fn event_count(&self) -> usize {
        self.session.event_count()
    }
}

/// Cuts an output the console keeps to [`OUTPUT_KEPT_BYTES`].
fn trim_output(text: &mut String) {
    if text.len() <= OUTPUT_KEPT_BYTES {
        return;
    }
    let mut cut = OUTPUT_KEPT_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let left_out = text.len() - cut;
    text.truncate(cut);
    text.push_str(&format!(
        "\n... ({} more bytes not kept by the page)\n",
        thousands(left_out as u64)
    ));
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
            budget: LINE_STEP_BUDGET,
            sleep_fired: 0,
            unsampled: false,
        };
        take_sample(&mut w.samples, &w.session, true);
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

    /// Runs a script through the session with `sleep` sampled at its events, within
    /// [`LINE_STEP_BUDGET`]; returns its output and whether the budget stopped it (the world
    /// is then partway through the script and must be rebuilt).
    fn run_budgeted(&mut self, src: &str) -> (Vec<Executed>, bool) {
        self.session.sim.limit_firing(Some(self.budget));
        let mut vars = std::mem::take(&mut self.session.vars);
        let out = {
            let mut host = Sampling {
                session: &mut self.session,
                samples: &mut self.samples,
                unsampled: &mut self.unsampled,
            };
            script::run(src, &mut host, &mut vars)
        };
        self.session.vars = vars;
        let stopped = self.session.sim.fire_limit_hit();
        self.session.sim.limit_firing(None);
        (out, stopped)
    }

    /// Keeps outputs for the console (the newest [`TRANSCRIPT_KEPT`], each cut to
    /// [`OUTPUT_KEPT_BYTES`]).
    fn keep(&mut self, out: impl IntoIterator<Item = Executed>) {
        for mut e in out {
            trim_output(&mut e.output.stdout);
            trim_output(&mut e.output.stderr);
            self.transcript.push(e);
        }
        if self.transcript.len() > 2 * TRANSCRIPT_KEPT {
            let extra = self.transcript.len() - TRANSCRIPT_KEPT;
            self.transcript.drain(..extra);
        }
    }

    /// Rebuilds the world from a scenario (undo/redo, and tests), all at once. The page
    /// loads links and files through [`Replay`], a line at a time.
    pub fn from_scenario(scenario: Scenario) -> Workspace {
        let mut replay = Replay::new(scenario);
        while !replay.step() {}
        replay.finish().0
    }

    /// Runs an action's lines (one command per line) and records them; returns their output.
    /// An action that would take the scenario past its limits is refused, and one stopped by
    /// [`LINE_STEP_BUDGET`] leaves the world as it was: each with a message, in the output
    /// and the console.
    pub fn run(&mut self, lines: &[String]) -> Vec<Executed> {
        let command = lines.join("\n");
        let refusal = |w: &Workspace, message: String| Executed {
            line: 1,
            command: command.clone(),
            output: Output {
                stdout: String::new(),
                stderr: format!("{message}\n"),
                exit: 1,
            },
            sim_time_ms: w.session.sim.now(),
            outcome: Default::default(),
        };
        if !self.scenario.has_room_for(lines) {
            let note = refusal(
                self,
                format!(
                    "The scenario is full: it may hold {} command lines and {}. Export it, then start empty or undo to make room.",
                    thousands(MAX_LINES as u64),
                    size_in_words(MAX_BYTES)
                ),
            );
            self.keep([note.clone()]);
            self.revision = fresh_revision();
            return vec![note];
        }
        let script: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let (out, stopped) = self.run_budgeted(&script);
        if stopped {
            // Rebuilt from the scenario without the action: the same world as before it,
            // and the same console (its earlier lines replayed).
            let undone = self.scenario.undone.clone();
            let mut replay = Replay::with_budget(self.scenario.clone(), self.budget);
            while !replay.step() {}
            *self = replay.finish().0;
            self.scenario.undone = undone;
            let note = refusal(self, stopped_message(self.budget));
            self.keep([note.clone()]);
            return vec![note];
        }
        self.scenario.record(lines.to_vec());
        self.sleep_fired = 0;
        self.keep(out.iter().cloned());
        self.world_changed();
        take_sample(&mut self.samples, &self.session, true);
        out
    }

    /// Lets simulated time pass (the play loop and the step button), recorded as `sleep`.
    pub fn advance(&mut self, ms: u64) {
        self.advance_at_most(ms, self.budget);
    }

    /// [`Workspace::advance`], firing at most `steps` timers (and never more than a line's
    /// budget): the play loop's tick. When thousands of tasks change state at once (2,000
    /// starting at 60x fire some 2,000 timers in one tick, 150-270 ms of work in the browser),
    /// the work is spread over the following ticks: simulated time lags behind, then catches
    /// up. Counted, not timed, so the world at every instant is the same on every machine.
    pub fn advance_at_most(&mut self, ms: u64, steps: u64) {
        if ms == 0 {
            return;
        }
        let (t0, fired) = (self.session.sim.now(), self.session.sim.timers_fired());
        let line = self.budget;
        self.budget = steps.min(line);
        self.pass(ms);
        self.budget = line;
        // What passed: all of `ms`, unless the line budget stopped time at a timer (the
        // rest comes with the next tick, and the scenario says what the world saw).
        let passed = self.session.sim.now() - t0;
        let fired = self.session.sim.timers_fired() - fired;
        // Recorded merged with the sleep before it (the scenario's text changes, but nothing
        // a panel draws: the clock is drawn apart), as long as the merged `sleep` stays
        // within a line's budget when the scenario is replayed.
        let merge = self.sleep_fired + fired <= self.budget;
        self.sleep_fired = if merge {
            self.sleep_fired + fired
        } else {
            fired
        };
        self.scenario.record_time(passed, merge);
    }

    /// Runs `ms` of simulated time as a `sleep` through the session, so its history (which
    /// `sim explain` replays) has the time too, and samples the world.
    fn pass(&mut self, ms: u64) {
        let seen = self.session.sim.timers_seen();
        let before = self.samples.last().map(|s| s.time_ms);
        self.run_budgeted(&sleep_line(ms));
        // Timers that changed nothing a view shows (most health checks) redraw nothing.
        if self.session.sim.timers_seen() != seen {
            self.world_changed();
        }
        if self.samples.last().map(|s| s.time_ms) != before {
            self.revision = fresh_revision();
        }
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

/// A scenario being replayed a line at a time ([`Replay::step`]), so the page can draw its
/// progress between lines and cancel it. A line stopped by [`LINE_STEP_BUDGET`] ends the
/// scenario there: the replay starts again on the actions before it (the world as it was
/// before the line), and [`Replay::finish`] says what was left out.
pub struct Replay {
    scenario: Scenario,
    /// Every line, with the index of the action it belongs to.
    lines: Vec<(usize, String)>,
    next: usize,
    ws: Workspace,
    /// Why the scenario was cut short, once it was.
    note: Option<String>,
}

impl Replay {
    pub fn new(scenario: Scenario) -> Replay {
        Replay::with_budget(scenario, LINE_STEP_BUDGET)
    }

    /// A replay whose lines may each fire `budget` timers (tests use small ones).
    pub fn with_budget(scenario: Scenario, budget: u64) -> Replay {
        let mut ws = Workspace::new(scenario.seed);
        ws.budget = budget;
        let lines = scenario
            .actions
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.iter().map(move |l| (i, l.clone())))
            .collect();
        Replay {
            ws,
            scenario,
            lines,
            next: 0,
            note: None,
        }
    }

    /// Lines replayed and lines in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.lines.len())
    }

    /// Replays the next line; returns true when none is left.
    pub fn step(&mut self) -> bool {
        let Some((action, line)) = self.lines.get(self.next).cloned() else {
            return true;
        };
        let fired = self.ws.session.sim.timers_fired();
        let (out, stopped) = self.ws.run_budgeted(&line);
        // Time played after the replay may merge into its last line if that is a sleep.
        self.ws.sleep_fired = self.ws.session.sim.timers_fired() - fired;
        if stopped {
            // Deterministic: the actions before this one ran within budget and will again.
            let mut kept = self.scenario.clone();
            kept.actions.truncate(action);
            kept.undone.clear();
            let shown: String = line.chars().take(80).collect();
            let ellipsis = if shown.len() < line.len() { "..." } else { "" };
            self.note = Some(format!(
                "Line {} of the scenario ({shown}{ellipsis}) was stopped: it needed more than {} simulation steps, the most one line may take. The scenario was loaded up to the action before it.",
                self.next + 1,
                thousands(self.ws.budget)
            ));
            let note = self.note.take();
            *self = Replay::with_budget(kept, self.ws.budget);
            self.note = note;
            return false;
        }
        self.ws.keep(out);
        self.ws.world_changed();
        self.ws.unsampled = true;
        self.next += 1;
        self.next >= self.lines.len()
    }

    /// The rebuilt workspace, and why the scenario was cut short if it was.
    pub fn finish(self) -> (Workspace, Option<String>) {
        let mut ws = self.ws;
        if std::mem::take(&mut ws.unsampled) {
            take_sample(&mut ws.samples, &ws.session, true);
        }
        ws.scenario = self.scenario;
        (ws, self.note)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ticks that may fire only a few timers each lag behind, then reach the same world as
    /// one unbounded advance, and the scenario they record replays to it.
    #[test]
    fn bounded_ticks_spread_the_work_and_reach_the_same_world() {
        let lines: Vec<String> = [
            "aws ecs create-cluster --cluster-name c",
            "aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'",
            "S=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)",
            "aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$S]}",
        ]
        .map(String::from)
        .to_vec();
        let mut one = Workspace::new(2);
        one.run(&lines);
        let mut spread = Workspace::new(2);
        spread.run(&lines);
        one.advance(60_000);
        let mut ticks = 0;
        while spread.session.sim.now() < one.session.sim.now() {
            let before = spread.session.sim.timers_fired();
            let left = one.session.sim.now() - spread.session.sim.now();
            spread.advance_at_most(left, 3);
            assert!(spread.session.sim.timers_fired() - before <= 3);
            ticks += 1;
            assert!(ticks < 1_000);
        }
        assert!(ticks > 1, "the work was spread");
        let state =
            |w: &Workspace| serde_json::to_string(&w.session.sim.state_json()).expect("state");
        assert!(
            state(&spread) == state(&one),
            "the spread ticks reach the same world"
        );
        let replayed = Workspace::from_scenario(spread.scenario.clone());
        assert!(
            state(&replayed) == state(&one),
            "the recorded scenario replays to it"
        );
    }

    /// Health checks that leave every target as it was redraw nothing; one that turns a
    /// target healthy does.
    #[test]
    fn health_checks_that_change_nothing_leave_the_world_revision() {
        let lines: Vec<String> = [
            "SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)",
            "SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)",
            "VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)",
            "LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)",
            "TG=$(aws elbv2 create-target-group --name web --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)",
            "aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG",
            "aws ecs create-cluster --cluster-name c",
            "aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\",\"portMappings\":[{\"containerPort\":80}]}]'",
            "aws ecs create-service --cluster c --service-name s --task-definition f --desired-count 2 --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SA,$SB]} --load-balancers targetGroupArn=$TG,containerName=a,containerPort=80",
        ]
        .map(String::from)
        .to_vec();
        let mut w = Workspace::new(2);
        for r in w.run(&lines) {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        // Past provisioning, the first checks (healthy) and the service's steady state.
        w.advance(600_000);
        let (revision, fired) = (w.world_revision(), w.session.sim.timers_fired());
        w.advance(120_000);
        assert!(w.session.sim.timers_fired() >= fired + 8, "checks fired");
        assert_eq!(w.world_revision(), revision, "and changed nothing drawn");
        let t = w
            .session
            .sim
            .world
            .tasks()
            .values()
            .next()
            .expect("a task")
            .id
            .clone();
        w.run(&[format!("sim fail-health --task {t}")]);
        let revision = w.world_revision();
        w.advance(70_000);
        assert_ne!(w.world_revision(), revision, "a target turned unhealthy");
    }

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

    fn state(w: &Workspace) -> String {
        serde_json::to_string(&w.session.sim.state_json()).expect("state")
    }

    fn replay(script: &str) -> Workspace {
        Workspace::from_scenario(Scenario::from_script(script).expect("script"))
    }

    /// The link: the CLI refuses the line (at most 366 days), and so does the replay,
    /// at once, with the CLI's message.
    #[test]
    fn a_sleep_the_cli_refuses_is_refused_by_the_replay_too() {
        let w = replay("# seed: 1\nsleep 100000000\n");
        assert_eq!(w.session.sim.now(), 0);
        let last = w.transcript.last().expect("the line ran");
        assert_eq!(last.output.exit, 1);
        assert_eq!(
            last.output.stderr,
            "sleep: invalid time interval '100000000'\n"
        );
        let mut s = Session::new(1);
        let cli = s.run_script("sleep 100000000\n");
        assert_eq!(cli[0].output, last.output, "one parser, one message");
    }

    /// A year of sleeping, a day a line, costs the events in it (a few tasks starting), not
    /// 31 million seconds: the session's history holds a few pieces per sleep at most.
    #[test]
    fn a_year_of_sleeps_costs_its_events_not_its_seconds() {
        let mut script = String::from("# seed: 3\naws ecs create-cluster --cluster-name y\naws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'\nSUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)\n");
        for day in 0..366 {
            if day % 60 == 0 {
                script.push_str("aws ecs run-task --cluster y --task-definition f --launch-type FARGATE --count 2 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}\n");
            }
            script.push_str("sleep 1d\n");
        }
        script.push_str("sleep 366d 366d\n");
        let w = replay(&script);
        assert_eq!(w.session.sim.now(), (366 + 732) * 86_400_000);
        assert_eq!(w.session.sim.world.tasks().len(), 14);
        let fired = w.session.sim.timers_fired() as usize;
        assert!(
            w.session.history.len() < 400 + 2 * fired,
            "{} commands run for {fired} timers",
            w.session.history.len()
        );
        assert!(w.samples.len() <= 400 + fired, "{}", w.samples.len());
        // The world is the one ecs-sim builds from the same lines.
        let mut cli = Session::new(3);
        cli.run_script(&script);
        assert_eq!(
            state(&w),
            serde_json::to_string(&cli.sim.state_json()).expect("state")
        );
    }

    /// Every form of `sleep` the CLI takes gives the same world, clock and event log through
    /// the page's replay as through `ecs-sim`.
    #[test]
    fn the_same_sleep_lines_give_the_same_world_as_ecs_sim() {
        let script = "# seed: 11
aws ecs create-cluster --cluster-name s
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\",\"command\":[\"sleep\",\"90\"]}]'
SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
aws ecs run-task --cluster s --task-definition f --launch-type FARGATE --count 3 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}
sleep 2.5
sleep 1 2 0.125
T=7; sleep $T
sleep 1m && aws ecs list-tasks --cluster s --desired-status STOPPED
sleep 3h
sleep 1.0005
sleep 366d
sleep 367d
sleep x
sleep
aws ecs run-task --cluster s --task-definition f --launch-type FARGATE --count 2 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}
sleep 0
sleep 5s; sleep 4
";
        let w = replay(script);
        let mut cli = Session::new(11);
        let out = cli.run_script(script);
        assert_eq!(
            state(&w),
            serde_json::to_string(&cli.sim.state_json()).expect("state")
        );
        assert_eq!(w.session.sim.now(), cli.sim.now());
        assert_eq!(w.session.sim.events(), cli.sim.events());
        let outputs = |e: &[Executed]| e.iter().map(|r| r.output.clone()).collect::<Vec<_>>();
        assert_eq!(outputs(&w.transcript), outputs(&out));
        assert!(w.samples.len() > 3, "samples at the tasks' events");
    }

    /// A line that would fire more timers than a line may is stopped, and the world is the
    /// one before it (replayed), whether typed or in a link.
    #[test]
    fn a_line_over_its_budget_is_stopped_and_leaves_the_world_as_before() {
        let start = "# seed: 2
aws ecs create-cluster --cluster-name b
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'
SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
aws ecs run-task --cluster b --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}
sleep 0.001
";
        let budget = 5;
        let mut r = Replay::with_budget(Scenario::from_script(start).expect("script"), budget);
        while !r.step() {}
        let (mut w, note) = r.finish();
        assert_eq!(note, None);
        let before = state(&w);
        let t = w.session.sim.now();
        let out = w.run(&["sleep 60".into()]);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].output.stderr,
            format!("{}\n", stopped_message(budget))
        );
        assert_eq!(state(&w), before);
        assert_eq!(w.session.sim.now(), t);
        assert_eq!(w.scenario.lines().count(), 5, "the line is not recorded");
        // The same line in a link: the scenario is loaded up to the action before it.
        let mut r = Replay::with_budget(
            Scenario::from_script(&format!("{start}sleep 60\naws ecs list-clusters\n"))
                .expect("script"),
            budget,
        );
        let mut steps = 0;
        while !r.step() {
            steps += 1;
        }
        assert!(steps < 20);
        let (again, note) = r.finish();
        let note = note.expect("a note");
        assert!(note.starts_with("Line 6 of the scenario (sleep 60) was stopped: it needed more than 5 simulation steps"), "{note}");
        assert_eq!(state(&again), before);
        assert_eq!(again.scenario.lines().count(), 5);
    }

    #[test]
    fn the_console_keeps_the_newest_entries_and_cuts_long_outputs() {
        let mut w = Workspace::new(1);
        for _ in 0..(2 * TRANSCRIPT_KEPT + 5) {
            w.run(&["echo hi".into()]);
        }
        assert!(w.transcript.len() <= 2 * TRANSCRIPT_KEPT);
        let big = "x".repeat(OUTPUT_KEPT_BYTES + 10);
        w.run(&[format!("echo {big}")]);
        let kept = &w.transcript.last().expect("entry").output.stdout;
        assert!(kept.len() < OUTPUT_KEPT_BYTES + 100);
        assert!(
            kept.ends_with("(11 more bytes not kept by the page)\n"),
            "{}",
            &kept[kept.len() - 60..]
        );
    }

    /// Time played on the page is merged into one `sleep` only while that line stays within
    /// a line's budget, so the saved scenario replays to the same world without a stop.
    #[test]
    fn played_time_is_recorded_in_sleeps_a_replay_can_run() {
        let start = "# seed: 2
aws ecs create-cluster --cluster-name b
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'
SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
aws ecs run-task --cluster b --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}
";
        let budget = 4;
        let mut r = Replay::with_budget(Scenario::from_script(start).expect("script"), budget);
        while !r.step() {}
        let mut w = r.finish().0;
        for _ in 0..600 {
            w.advance(100);
        }
        let sleeps = w
            .scenario
            .lines()
            .filter(|l| l.starts_with("sleep "))
            .count();
        assert!(sleeps > 1, "{}", w.scenario.to_script());
        let mut again = Replay::with_budget(
            Scenario::from_script(&w.scenario.to_script()).expect("script"),
            budget,
        );
        while !again.step() {}
        let (again, note) = again.finish();
        assert_eq!(note, None);
        assert_eq!(state(&again), state(&w));
        assert_eq!(again.session.sim.now(), 60_000);
    }

    /// `sim explain` on a large cluster replays the whole history: that work counts against
    /// the line's budget too, and a line over it is stopped before the replay starts.
    #[test]
    fn an_explain_replay_counts_against_the_line_budget() {
        let mut script = String::from("# seed: 4\naws ecs create-cluster --cluster-name big\n");
        script.push_str(crate::viz::scenario::INSTANCE_ROLE_SCRIPT);
        script.push_str("AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --count 70 --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=big
sleep 120
aws ecs register-task-definition --family web --container-definitions '[{\"name\":\"web\",\"image\":\"nginx\",\"cpu\":256,\"memory\":512}]'
TASK=$(aws ecs run-task --cluster big --task-definition web --placement-strategy type=binpack,field=memory --query 'tasks[0].taskArn' --output text)
");
        let w = replay(&script);
        assert_eq!(w.session.sim.world.container_instances().len(), 70);
        let cost = w.session.history.len() as u64 + w.session.sim.timers_fired();
        // Within the budget, the explanation is there.
        let mut fine = w;
        let out = fine.run(&["sim explain --task $TASK".into()]);
        assert_eq!(out[0].output.exit, 0, "{}", out[0].output.stderr);
        // Over it (each earlier line fits), the line is stopped.
        let mut r = Replay::with_budget(
            Scenario::from_script(&format!("{script}sim explain --task $TASK\n")).expect("script"),
            cost - 1,
        );
        while !r.step() {}
        let (w, note) = r.finish();
        let note = note.expect("stopped");
        assert!(
            note.contains("(sim explain --task $TASK) was stopped"),
            "{note}"
        );
        assert_eq!(
            w.scenario.lines().count(),
            Scenario::from_script(&script).expect("s").lines().count()
        );
    }
}
