//! The deterministic simulation: the world's state, its clock, its one RNG, the timed queue and
//! the event log.
//!
//! `api` validates a request completely and only then mutates the world through the methods
//! here, so a refused call changes nothing. Time moves only through [`Sim::advance`], which
//! fires due timers in (time, sequence) order.

pub mod agent;
pub mod ec2;
pub mod log;
pub mod queue;
pub mod rng;
pub mod task;
pub mod world;

use serde_json::Value;

use crate::json::json;

use crate::model::time::SimTime;
use log::Event;
use queue::{Timer, TimerQueue};
use rng::SimRng;
pub use world::World;

/// The whole simulation.
#[derive(Debug, Clone)]
pub struct Sim {
    seed: u64,
    now: SimTime,
    pub(crate) rng: SimRng,
    pub(crate) timers: TimerQueue,
    pub world: World,
    log: Vec<Event>,
    /// Monotonic counter giving every created object its creation order.
    next_seq: u64,
    /// How many timers have fired: time that passes without firing one changes nothing but
    /// the clock, which the views use to skip work.
    fired: u64,
}

impl Sim {
    /// A new account in us-east-1 as AWS hands it out: six AZs, the default VPC with a default
    /// subnet in every AZ and its default security group. IDs are drawn from `seed`.
    pub fn new(seed: u64) -> Sim {
        let mut sim = Sim {
            seed,
            now: 0,
            rng: SimRng::new(seed),
            timers: TimerQueue::default(),
            world: World::default(),
            log: Vec::new(),
            next_seq: 0,
            fired: 0,
        };
        world::create_default_network(&mut sim);
        sim
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Simulated milliseconds since the world began.
    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn events(&self) -> &[Event] {
        &self.log
    }

    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub(crate) fn record(&mut self, kind: &'static str, message: String, refs: Vec<String>) {
        self.log.push(Event {
            time_ms: self.now,
            kind,
            message,
            refs,
        });
    }

    pub(crate) fn schedule_in(&mut self, delay_ms: SimTime, timer: Timer) {
        self.timers.schedule(self.now + delay_ms, timer);
    }

    /// Moves time forward by `dt_ms`, firing every timer that falls due on the way, each at its
    /// own instant.
    pub fn advance(&mut self, dt_ms: SimTime) {
        let until = self.now.saturating_add(dt_ms);
        while let Some((at, timer)) = self.timers.pop_due(until) {
            self.now = self.now.max(at);
            self.fire(timer);
        }
        self.now = until;
    }

    /// Moves time to the next timer and fires everything due then; returns false when nothing
    /// is scheduled (the UI's "step" button).
    pub fn step(&mut self) -> bool {
        match self.timers.next_due() {
            Some(at) => {
                self.advance(at.saturating_sub(self.now));
                true
            }
            None => false,
        }
    }

    /// When the next timer falls due, if any.
    pub fn next_timer_at(&self) -> Option<SimTime> {
        self.timers.next_due()
    }

    /// How many timers have fired since the account was created.
    pub fn timers_fired(&self) -> u64 {
        self.fired
    }

    fn fire(&mut self, timer: Timer) {
        self.fired += 1;
        match timer {
            Timer::InstanceRunning { instance_id } => ec2::instance_running(self, &instance_id),
            Timer::AgentStarted { instance_id } => agent::agent_started(self, &instance_id),
            Timer::InstanceTerminated { instance_id } => {
                ec2::instance_terminated(self, &instance_id)
            }
            Timer::InstanceForgotten { instance_id } => ec2::instance_forgotten(self, &instance_id),
            Timer::TaskStep { task_id, from } => task::step(self, &task_id, from),
            Timer::ContainerExit {
                task_id,
                index,
                exit_code,
            } => task::container_exit(self, &task_id, index, exit_code),
            Timer::TaskForgotten { task_id } => task::forget(self, &task_id),
        }
    }

    /// A fingerprint of the RNG's position: equal fingerprints mean the next random draws are
    /// the same. Tests use it to prove a refused call consumed no randomness.
    pub fn rng_fingerprint(&self) -> u64 {
        self.rng.clone().next_u64()
    }

    /// The whole world as JSON (`sim state`): stable, ordered, and byte-identical for the same
    /// seed and script.
    pub fn state_json(&self) -> Value {
        json!({
            "seed": self.seed,
            "timeMs": self.now,
            "world": serde_json::to_value(&self.world).unwrap_or_default(),
            "pendingTimers": self.timers.len(),
        })
    }
}
