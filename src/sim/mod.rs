//! The deterministic simulation: the world's state, its clock, its one RNG, the timed queue and
//! the event log.
//!
//! `api` validates a request completely and only then mutates the world through the methods
//! here, so a refused call changes nothing. Time moves only through [`Sim::advance`], which
//! fires due timers in (time, sequence) order.

pub mod agent;
pub mod autoscaling;
pub mod credentials;
pub mod ec2;
pub mod efs;
pub mod efs_files;
pub mod efs_mount;
pub mod elb;
pub mod execution;
pub mod ip_map;
pub mod log;
pub mod outage;
pub mod queue;
pub mod rng;
pub mod service_targets;
pub mod task;
pub mod world;

use serde_json::Value;

use crate::json::json;

use crate::model::elb::health::TargetState;
use crate::model::time::SimTime;
use log::{Event, What};
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
    /// Of those, how many changed nothing a view shows (a health check that left its target's
    /// report as it was): with 2,000 targets checked every 30 s, most of a 60x play's timers.
    quiet: u64,
    /// During a `sim explain` replay: the decision to record in full, and then its ledger.
    explain: Option<(u64, Option<crate::placement::Ledger>)>,
    /// Steps of work done: timers fired, and work charged by [`Sim::charge`].
    work: u64,
    /// While set, timers stop firing once `work` reaches it (see [`Sim::limit_firing`]).
    fire_limit: Option<u64>,
    /// Whether work was held back by `fire_limit`.
    fire_limit_hit: bool,
    /// The service scheduler, installed by the API when the first service is created. (Its
    /// decisions launch tasks as RunTask does, which is the API's work, one layer up: the
    /// pointer lets the timed queue call up without `sim` depending on `api`.)
    service_scheduler: Option<ServiceScheduler>,
}

/// Looks at one service (by ARN) and starts or stops its tasks.
pub type ServiceScheduler = fn(&mut Sim, &str);

/// How soon the service scheduler reacts to a change in a service's tasks or its cluster's
/// instances (our choice; ECS reacts within seconds and documents no figure). Changes inside
/// this window are looked at together.
pub const SERVICE_REACTION_MS: SimTime = 1_000;

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
            quiet: 0,
            explain: None,
            work: 0,
            fire_limit: None,
            fire_limit_hit: false,
            service_scheduler: None,
        };
        world::create_default_network(&mut sim);
        sim
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Asks for the complete ledger of placement decision `decision` when it is made again
    /// (a replay for `sim explain`: the world is deterministic, so the replayed decision is the
    /// original one).
    pub fn explain_decision(&mut self, decision: u64) {
        self.explain = Some((decision, None));
    }

    /// The ledger asked for with [`Sim::explain_decision`], once its decision was made.
    pub fn explained(&self) -> Option<&crate::placement::Ledger> {
        self.explain.as_ref().and_then(|(_, l)| l.as_ref())
    }

    pub fn take_explained(&mut self) -> Option<crate::placement::Ledger> {
        self.explain.take().and_then(|(_, l)| l)
    }

    /// Places one task in a cluster; during a replay for `sim explain`, also records the
    /// complete ledger of the decision asked for (the winner stays what the fast paths chose,
    /// which is the reference path's choice, so the replay stays identical to the original).
    pub fn place(
        &mut self,
        cluster: &str,
        req: &crate::placement::PlacementRequest,
        draw: u64,
        decision: u64,
    ) -> crate::placement::Placement {
        let placement = self.world.place(cluster, req, draw, decision);
        if matches!(self.explain, Some((d, None)) if d == decision) {
            let ledger = if placement.ledger.complete {
                placement.ledger.clone()
            } else {
                self.world.place_linear(cluster, req, draw, decision).ledger
            };
            self.explain = Some((decision, Some(ledger)));
        }
        placement
    }

    /// Simulated milliseconds since the world began.
    /// When an EC2 instance's next boot step is due: it finishes booting (`pending`) or its
    /// ECS agent starts (`running`, not registered yet). The views count down to it; a scan
    /// of the queue, asked only for instances that are on their way.
    pub fn instance_step_due(&self, instance_id: &str) -> Option<SimTime> {
        self.timers
            .iter()
            .filter(|(_, t)| match t {
                Timer::InstanceRunning { instance_id: i }
                | Timer::AgentStarted { instance_id: i } => i == instance_id,
                _ => false,
            })
            .map(|(at, _)| at)
            .min()
    }

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

    /// Appends what happened, at the current time. A change the service scheduler must see (a
    /// service task changed state, a container instance came, went or changed) asks it for a
    /// look at the services concerned.
    pub(crate) fn record(&mut self, what: What) {
        if !self.world.services().is_empty() {
            self.services_notice(&what);
        }
        self.log.push(Event {
            time_ms: self.now,
            what,
        });
    }

    /// Installs the service scheduler (see the field's doc).
    pub fn set_service_scheduler(&mut self, scheduler: ServiceScheduler) {
        self.service_scheduler = Some(scheduler);
    }

    /// Asks for a look at a service `delay_ms` from now, unless one is already due by then.
    /// Looks fall on whole seconds (the scheduler works in rounds, as ECS's does; ours are a
    /// second apart), so what changes within a second is looked at together.
    pub fn request_service_check(&mut self, service_arn: &str, delay_ms: SimTime) {
        let at = self
            .now
            .saturating_add(delay_ms)
            .div_ceil(SERVICE_REACTION_MS)
            .saturating_mul(SERVICE_REACTION_MS);
        let due = self
            .world
            .change_service(service_arn, |s| {
                if s.check_at.is_some_and(|t| t <= at) {
                    return false;
                }
                s.check_at = Some(at);
                true
            })
            .unwrap_or(false);
        if due {
            self.timers.schedule(
                at,
                Timer::ServiceCheck {
                    service_arn: service_arn.to_string(),
                },
            );
        }
    }

    fn services_notice(&mut self, what: &What) {
        let cluster_of_instance = |arn: &str| -> Option<String> {
            let rest = arn.split_once(":container-instance/")?.1;
            Some(rest.split('/').next()?.to_string())
        };
        let cluster = match what {
            // A task that stopped may need replacing; one that runs counts as healthy 40 s
            // later (ECS-REFERENCE.md §6.2), when the scheduler may stop what it replaces.
            // Other steps change nothing the scheduler decides on.
            What::TaskStateChanged {
                task_arn, status, ..
            } => {
                let delay = match status {
                    crate::model::task::TaskStatus::Stopped => SERVICE_REACTION_MS,
                    crate::model::task::TaskStatus::Running => {
                        crate::model::service::HEALTHY_AFTER_MS
                    }
                    _ => return,
                };
                let id = task_arn.rsplit('/').next().unwrap_or(task_arn);
                let Some(t) = self.world.task(id) else {
                    return;
                };
                let Some(name) = t.group.strip_prefix("service:") else {
                    return;
                };
                let arn = world::ecs_arn_of(&["service/", &t.cluster, "/", name]);
                self.request_service_check(&arn, delay);
                return;
            }
            What::ContainerInstanceRegistered { cluster, .. }
            | What::ContainerInstanceDeregistered { cluster, .. } => cluster.to_string(),
            What::ContainerInstanceStateChanged {
                container_instance_arn,
                ..
            }
            | What::AgentConnectionChanged {
                container_instance_arn,
                ..
            } => match cluster_of_instance(container_instance_arn) {
                Some(c) => c,
                None => return,
            },
            // A target group's verdict on a service's task: the scheduler counts it healthy,
            // or replaces it.
            What::Elb(e) => {
                if let elb::ElbEvent::TargetHealthChanged {
                    target_group_arn,
                    to: TargetState::Healthy | TargetState::Unhealthy,
                    ..
                } = e.as_ref()
                {
                    let arns: Vec<String> = self
                        .world
                        .services()
                        .values()
                        .filter(|s| {
                            service_targets::bindings(s)
                                .iter()
                                .any(|b| *b.target_group_arn == **target_group_arn)
                        })
                        .map(|s| s.arn.clone())
                        .collect();
                    for arn in arns {
                        self.request_service_check(&arn, SERVICE_REACTION_MS);
                    }
                }
                return;
            }
            _ => return,
        };
        let arns: Vec<String> = self
            .world
            .services()
            .values()
            .filter(|s| s.cluster == cluster)
            .map(|s| s.arn.clone())
            .collect();
        for arn in arns {
            self.request_service_check(&arn, SERVICE_REACTION_MS);
        }
    }

    pub(crate) fn schedule_in(&mut self, delay_ms: SimTime, timer: Timer) {
        self.timers.schedule(self.now + delay_ms, timer);
    }

    /// Moves time forward by `dt_ms`, firing every timer that falls due on the way, each at its
    /// own instant.
    pub fn advance(&mut self, dt_ms: SimTime) {
        let until = self.now.saturating_add(dt_ms);
        loop {
            if self.fire_limit.is_some_and(|limit| self.work >= limit) {
                // Out of budget: what is due stays queued, and the clock stops where the
                // last timer fired (the caller throws this world away, see `limit_firing`).
                self.fire_limit_hit |= self.timers.next_due().is_some_and(|at| at <= until);
                if self.fire_limit_hit {
                    return;
                }
            }
            let Some((at, timer)) = self.timers.pop_due(until) else {
                break;
            };
            self.now = self.now.max(at);
            self.fire(timer);
        }
        self.now = until;
    }

    /// Allows at most `steps` more timers to fire (`None`: no limit) and clears
    /// [`Sim::fire_limit_hit`]. A deterministic budget of work: the browser gives each line of
    /// a scenario one, so a line that would fire a flood of timers is stopped after the same
    /// number of them on every machine, instead of after some wall-clock time.
    pub fn limit_firing(&mut self, steps: Option<u64>) {
        self.fire_limit = steps.map(|s| self.work.saturating_add(s));
        self.fire_limit_hit = false;
    }

    /// Counts `steps` of work other than timers against the limit of [`Sim::limit_firing`]
    /// (`sim explain` replays the whole history); false, and [`Sim::fire_limit_hit`], if they
    /// do not fit, in which case the caller does not do the work.
    pub fn charge(&mut self, steps: u64) -> bool {
        if self
            .fire_limit
            .is_some_and(|limit| self.work.saturating_add(steps) > limit)
        {
            self.fire_limit_hit = true;
            return false;
        }
        self.work = self.work.saturating_add(steps);
        true
    }

    /// Whether time stopped short because the limit of [`Sim::limit_firing`] was reached:
    /// the world is then partway through a command and must not be kept.
    pub fn fire_limit_hit(&self) -> bool {
        self.fire_limit_hit
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

    /// How many timers have fired that may have changed what a view shows: the views redraw
    /// when this moves, not on every timer.
    pub fn timers_seen(&self) -> u64 {
        self.fired - self.quiet
    }

    /// The timer firing now changed nothing a view shows (see [`Sim::timers_seen`]).
    pub(crate) fn fired_quietly(&mut self) {
        self.quiet += 1;
    }

    fn fire(&mut self, timer: Timer) {
        self.fired += 1;
        self.work += 1;
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
            Timer::EfsAvailable { id } => efs::available(self, &id),
            Timer::ScalingTick { resource_id } => autoscaling::tick(self, &resource_id),
            Timer::EfsGone { id } => efs::gone(self, &id),
            Timer::ServiceCheck { service_arn } => {
                let now = self.now;
                let due = self
                    .world
                    .change_service(&service_arn, |s| {
                        let due = s.check_at == Some(now);
                        if due {
                            s.check_at = None;
                        }
                        due
                    })
                    .unwrap_or(false);
                if let (true, Some(scheduler)) = (due, self.service_scheduler) {
                    // A look that starts, stops and records nothing, and leaves the service
                    // as it was (its next look aside), is quiet: while a load balancer
                    // provisions, every service behind it looks again every few seconds.
                    let before = (self.log.len(), self.world.service(&service_arn).cloned());
                    scheduler(self, &service_arn);
                    let same = self.log.len() == before.0
                        && match (before.1, self.world.service(&service_arn)) {
                            (Some(mut b), Some(s)) => {
                                b.check_at = s.check_at;
                                b == *s
                            }
                            _ => false,
                        };
                    if same {
                        self.fired_quietly();
                    }
                }
            }
            Timer::Elb(t) => elb::fire(self, t),
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
