//! The service scheduler (ECS-REFERENCE.md §6.2-§6.6): each look at a service compares the
//! tasks it has with the tasks it should have and starts or stops the difference, inside the
//! deployment limits.
//!
//! - Counting: the most tasks of every deployment (RUNNING, PENDING and STOPPING) is
//!   `floor(desired × maximumPercent / 100)`; the fewest healthy RUNNING tasks kept is
//!   `ceil(desired × minimumHealthyPercent / 100)` (rounding in `model::service`). With no
//!   load balancer and no container health check a task counts as healthy 40 s after RUNNING.
//! - Outgoing tasks (of an older deployment, or on a DRAINING instance) that are not healthy
//!   stop at once; healthy ones stop as far as the minimum allows. New tasks of the PRIMARY
//!   deployment start as far as the maximum allows. So one loop does rolling deployments,
//!   scaling, replacement of dead tasks and draining.
//! - When the limits allow neither a start nor a stop and nothing is in flight, ECS says so in
//!   an event and waits (min 100 / max 100 is the classic case): the deployment stays
//!   IN_PROGRESS until the configuration changes. That is ECS's documented behaviour; that the
//!   scheduler says it once and then waits silently (the repeat is suppressed) is how identical
//!   events are suppressed (§6.1).
//! - Scale-in (§1.3): the task to stop is in the AZ with the most tasks of the service, on
//!   the instance with the most of them; ties go to the lowest task ID (seeded, so as good as
//!   ECS's random pick and reproducible).
//! - The throttle (§6.6), our curve where ECS documents only the cap: after the third task
//!   in a row that stops without reaching RUNNING, launches wait 30 s, doubling per further
//!   failure up to 15 minutes; a task reaching RUNNING or an UpdateService resets it.
//! - The circuit breaker (§6.3): a task of the PRIMARY deployment that stops (not by the
//!   scheduler or a user) before it counts as healthy is a failure; at the threshold the
//!   deployment is FAILED and, with rollback, a new deployment of the last completed task
//!   definition starts. (Counting tasks that die after RUNNING but before healthy is our
//!   reading of "failed to start", as crash-looping containers trip the breaker in practice.)
//!
//! Fires from the timed queue (`Timer::ServiceCheck`), asked for by task state changes,
//! container instance changes, API calls, and its own wake-ups (a task turning healthy, the
//! throttle ending, a placement retry).

use std::collections::BTreeMap;

use crate::api::awsvpc::NetworkConfig;
use crate::api::capacity;
use crate::api::ecs_task::{NotPlaced, ServiceLaunch};
use crate::api::ecs_task_def::{resolve, TaskDefRef};
use crate::model::ecs::ContainerInstanceStatus;
use crate::model::elb::health::TargetState;
use crate::model::service::{
    circuit_breaker_threshold, DeploymentStatus, RolloutState, SchedulingStrategy, Service,
    ServiceMessage, ServiceStatus, HEALTHY_AFTER_MS, MAX_THROTTLE_MS,
};
use crate::model::task::{DesiredStatus, LaunchType, StopCode, Task, TaskStatus};
use crate::model::time::{SimTime, SECOND_MS};
use crate::placement::request::parse_constraint;
use crate::placement::Strategy;
use crate::sim::log::What;
use crate::sim::service_targets;
use crate::sim::task as lifecycle;
use crate::sim::Sim;

/// How long the scheduler waits before it tries again to place a task that found no place
/// (our choice; it also looks again whenever an instance registers or changes).
const PLACEMENT_RETRY_MS: SimTime = 60 * SECOND_MS;

/// Failed starts in a row before the throttle begins (our choice, see the module doc).
const THROTTLE_AFTER: u32 = 3;
const THROTTLE_FIRST_MS: SimTime = 30 * SECOND_MS;

/// Looks at one service: the scheduler the API installs in the simulation.
pub fn look(sim: &mut Sim, arn: &str) {
    let Some(strategy) = sim.world.service(arn).map(|s| s.scheduling_strategy) else {
        return;
    };
    if sim
        .world
        .service(arn)
        .is_some_and(|s| s.status == ServiceStatus::Inactive)
    {
        return;
    }
    let mut facts = survey(sim, arn);
    if replace_unhealthy_targets(sim, arn, &facts) | breaker(sim, arn) {
        facts = survey(sim, arn);
    }
    match strategy {
        SchedulingStrategy::Replica => replica(sim, arn, &facts),
        SchedulingStrategy::Daemon => daemon(sim, arn, &facts),
    }
}

/// Stops the tasks their target groups found unhealthy, saying so as ECS does; the service
/// then replaces them. True when any was stopped.
fn replace_unhealthy_targets(sim: &mut Sim, arn: &str, facts: &[Fact]) -> bool {
    let unhealthy: Vec<(String, String, String, u16, String)> = facts
        .iter()
        .filter(|f| f.desired_running)
        .filter_map(|f| match &f.lb {
            Some(LbVerdict::Unhealthy(tg, subject, port, reason)) => Some((
                f.id.clone(),
                tg.clone(),
                subject.clone(),
                *port,
                reason.clone(),
            )),
            _ => None,
        })
        .collect();
    for (id, tg, subject, port, reason) in &unhealthy {
        say(
            sim,
            arn,
            ServiceMessage::TargetUnhealthy {
                subject: subject.clone(),
                port: *port,
                target_group_arn: tg.clone(),
                reason: reason.clone(),
            },
        );
        lifecycle::stop(
            sim,
            id,
            Some(StopCode::ServiceSchedulerInitiated),
            format!("Task failed ELB health checks in (target-group {tg})"),
        );
    }
    !unhealthy.is_empty()
}

/// Adds an event to the service (and to the simulation's log, unless ECS suppresses it).
fn say(sim: &mut Sim, arn: &str, message: ServiceMessage) {
    service_targets::say(sim, arn, message);
}

/// How a stopped task of the service ended, for the breaker and the throttle.
fn failed(t: &Task) -> (bool, bool) {
    let by_us = matches!(
        t.stop_code,
        Some(StopCode::ServiceSchedulerInitiated | StopCode::UserInitiated)
    );
    if by_us {
        return (false, false);
    }
    match (t.started_at, t.stopped_at) {
        (None, _) => (true, true),
        (Some(start), Some(stop)) => (stop < start + HEALTHY_AFTER_MS, false),
        (Some(_), None) => (false, false),
    }
}

/// What the scheduler needs of one live task of the service, read once per look.
struct Fact {
    /// Its deployment's index (0: PRIMARY).
    deployment: usize,
    id: String,
    status: TaskStatus,
    desired_running: bool,
    started_at: Option<SimTime>,
    az: &'static str,
    container_instance_id: String,
    /// On an ACTIVE container instance (always, on Fargate).
    instance_active: bool,
    /// Behind a load balancer: what its target groups say (None without `loadBalancers`).
    lb: Option<LbVerdict>,
}

/// What a service task's target groups say of it, for the scheduler.
enum LbVerdict {
    /// Healthy in every group.
    Healthy,
    /// Not yet judged (initial, or not registered yet).
    Pending,
    /// Failed its health checks in a group: (target group ARN, target subject, port, reason).
    Unhealthy(String, String, u16, String),
}

/// How often the scheduler looks again while a target group has not judged a task yet.
const LB_POLL_MS: SimTime = 5 * SECOND_MS;

fn lb_verdict(sim: &Sim, svc: &Service, t: &Task) -> Option<LbVerdict> {
    let health = service_targets::task_health(&sim.world, svc, t);
    if service_targets::bindings(svc).is_empty() {
        return None;
    }
    if t.last_status != TaskStatus::Running {
        return Some(LbVerdict::Pending);
    }
    let mut verdict = LbVerdict::Healthy;
    for (b, h) in health {
        match h.state {
            TargetState::Healthy => {}
            TargetState::Unhealthy => {
                let (subject, port) = match service_targets::target_of(t, &b) {
                    Some((_, port)) if t.eni.is_some() => (format!("task {}", t.id), port),
                    Some((id, port)) => (format!("instance {id}"), port),
                    None => (format!("task {}", t.id), b.container_port),
                };
                let reason = h
                    .description
                    .clone()
                    .unwrap_or_else(|| "Health checks failed".to_string());
                return Some(LbVerdict::Unhealthy(
                    b.target_group_arn,
                    subject,
                    port,
                    reason,
                ));
            }
            _ => verdict = LbVerdict::Pending,
        }
    }
    Some(verdict)
}

/// Reads the service's tasks once: drops those seen STOPPED from the deployments (counting
/// failures for the breaker and the throttle) and returns the live ones.
fn survey(sim: &mut Sim, arn: &str) -> Vec<Fact> {
    let Some(svc) = sim.world.service(arn) else {
        return Vec::new();
    };
    let mut gone: Vec<(usize, String, bool, bool)> = Vec::new();
    let mut facts = Vec::new();
    // Whether a task reached RUNNING since the last failed start.
    let mut ran = false;
    let last_failure = svc.last_failed_start_at;
    for (i, d) in svc.deployments.iter().enumerate() {
        for id in &d.tasks {
            match sim.world.task(id) {
                Some(t) if t.last_status != TaskStatus::Stopped => {
                    ran |= t.started_at.is_some_and(|at| at > last_failure);
                    facts.push(Fact {
                        deployment: i,
                        id: t.id.clone(),
                        status: t.last_status,
                        desired_running: t.desired_status == DesiredStatus::Running,
                        started_at: t.started_at,
                        az: t.availability_zone,
                        container_instance_id: t.container_instance_id.clone(),
                        instance_active: instance_active(sim, t),
                        lb: lb_verdict(sim, svc, t),
                    });
                }
                Some(t) => {
                    let (failure, never_ran) = failed(t);
                    gone.push((i, id.clone(), failure, never_ran));
                }
                None => gone.push((i, id.clone(), false, false)),
            }
        }
    }
    if gone.is_empty() && !ran {
        return facts;
    }
    let now = sim.now();
    let throttled = sim
        .world
        .change_service(arn, |s| {
            let before = s.start_failures;
            for (i, id, failure, never_ran) in &gone {
                if let Some(d) = s.deployments.get_mut(*i) {
                    d.tasks.remove(id);
                    if *failure {
                        d.failed_tasks += 1;
                        d.updated_at = now;
                    }
                }
                if *never_ran {
                    s.start_failures += 1;
                }
            }
            if s.start_failures > before {
                s.last_failed_start_at = now;
            } else if ran {
                s.start_failures = 0;
            }
            if s.start_failures > before && s.start_failures >= THROTTLE_AFTER {
                let doublings = (s.start_failures - THROTTLE_AFTER).min(10);
                let delay = (THROTTLE_FIRST_MS << doublings).min(MAX_THROTTLE_MS);
                s.throttled_until = now + delay;
                return true;
            }
            false
        })
        .unwrap_or(false);
    if throttled {
        say(sim, arn, ServiceMessage::UnableToConsistentlyStart);
    }
    facts
}

/// The circuit breaker: fails the PRIMARY deployment at the threshold, and rolls back;
/// true when it started a new deployment.
fn breaker(sim: &mut Sim, arn: &str) -> bool {
    let Some(svc) = sim.world.service(arn) else {
        return false;
    };
    let Some(p) = svc.primary() else {
        return false;
    };
    if !svc.config.circuit_breaker_enable
        || p.rollout_state != RolloutState::InProgress
        || p.failed_tasks < circuit_breaker_threshold(svc.desired_count)
    {
        return false;
    }
    let (failed_id, rollback) = (
        p.id.clone(),
        svc.config
            .circuit_breaker_rollback
            .then(|| svc.last_completed.clone())
            .flatten(),
    );
    let desired = svc.desired_count;
    let now = sim.now();
    sim.world.change_service(arn, |s| {
        if let Some(p) = s.deployments.first_mut() {
            p.rollout_state = RolloutState::Failed;
            p.rollout_state_reason =
                "ECS deployment circuit breaker: tasks failed to start.".into();
            p.updated_at = now;
        }
    });
    say(
        sim,
        arn,
        ServiceMessage::DeploymentFailed {
            deployment: failed_id,
        },
    );
    let Some((old_id, td_arn)) = rollback else {
        return false;
    };
    let d = super::new_deployment(sim, &td_arn, desired);
    let new_id = d.id.clone();
    let name = sim.world.change_service(arn, |s| {
        for old in &mut s.deployments {
            old.status = DeploymentStatus::Active;
            old.updated_at = now;
        }
        s.deployments.insert(0, d);
        s.task_definition_arn = td_arn.clone();
        s.steady = false;
        s.start_failures = 0;
        s.throttled_until = 0;
        s.name.clone()
    });
    say(sim, arn, ServiceMessage::RollingBack { deployment: old_id });
    if let Some(name) = name {
        sim.record(What::DeploymentStarted {
            service_arn: arn.into(),
            service: name.into(),
            deployment_id: new_id.into(),
            task_definition_arn: td_arn.into(),
        });
    }
    true
}

/// One live task, as the scheduler weighs it.
struct Seen {
    id: String,
    healthy: bool,
    az: &'static str,
    container_instance_id: String,
}

/// The service's tasks sorted out.
#[derive(Default)]
struct Census {
    /// Tasks not STOPPED, of every deployment (what the maximum bounds).
    total: u32,
    healthy: u32,
    /// PRIMARY tasks that stay (desired RUNNING, not on a DRAINING instance).
    keepers: Vec<Seen>,
    /// Desired RUNNING tasks to be replaced: older deployments', or on DRAINING instances.
    outgoing: Vec<Seen>,
    /// Something will change on its own (a task pending, stopping, or not yet healthy).
    in_flight: bool,
    /// When the next not-yet-healthy task turns healthy.
    next_healthy: Option<SimTime>,
}

fn instance_active(sim: &Sim, t: &Task) -> bool {
    t.launch_type == LaunchType::Fargate
        || sim
            .world
            .container_instances()
            .get(&t.container_instance_id)
            .is_some_and(|ci| ci.status == ContainerInstanceStatus::Active)
}

/// Whether a task counts as healthy for the minimum (ECS-REFERENCE.md §6.2).
enum Health {
    Healthy,
    /// RUNNING, healthy from this time on.
    From(SimTime),
    /// Not RUNNING yet.
    Unknown,
}

/// A task's health for the scheduler: with no load balancer and no container health check,
/// 40 s after RUNNING. (With a load balancer ECS waits for the target group's verdict: this
/// is where the ALB's target health joins, through the service's `loadBalancers`.)
fn health(t: &Fact, now: SimTime) -> Health {
    match &t.lb {
        Some(LbVerdict::Healthy) => return Health::Healthy,
        Some(LbVerdict::Pending) if t.status == TaskStatus::Running => {
            return Health::From(now + LB_POLL_MS)
        }
        Some(_) => return Health::Unknown,
        None => {}
    }
    match (t.status, t.started_at) {
        (TaskStatus::Running, Some(at)) if at + HEALTHY_AFTER_MS <= now => Health::Healthy,
        (TaskStatus::Running, Some(at)) => Health::From(at + HEALTHY_AFTER_MS),
        _ => Health::Unknown,
    }
}

fn census(sim: &Sim, svc: &Service, facts: &[Fact]) -> Census {
    let now = sim.now();
    let mut c = Census::default();
    let leaving = svc.status != ServiceStatus::Active;
    for t in facts {
        c.total += 1;
        if !t.desired_running {
            c.in_flight = true;
            continue;
        }
        let healthy = match health(t, now) {
            Health::Healthy => true,
            Health::From(h) => {
                c.next_healthy = Some(c.next_healthy.map_or(h, |n| n.min(h)));
                false
            }
            Health::Unknown => false,
        };
        if healthy {
            c.healthy += 1;
        } else {
            c.in_flight = true;
        }
        let seen = Seen {
            id: t.id.clone(),
            healthy,
            az: t.az,
            container_instance_id: t.container_instance_id.clone(),
        };
        if t.deployment == 0 && !leaving && t.instance_active {
            c.keepers.push(seen);
        } else {
            c.outgoing.push(seen);
        }
    }
    c
}

/// Picks `k` of `candidates` to stop, as ECS scales in (§1.3): each from the AZ with the most
/// of the service's tasks, on the instance with the most of them. `all` is every desired
/// RUNNING task of the service (what the counts are of). When all of them go, no choice is
/// made: they go in ID order.
fn scale_in_choice(candidates: &[&Seen], all: &[&Seen], k: usize) -> Vec<String> {
    if k >= candidates.len() {
        let mut ids: Vec<String> = candidates.iter().map(|t| t.id.clone()).collect();
        ids.sort_unstable();
        return ids;
    }
    // Counts by AZ and by instance, indexed once so the loop compares integers.
    let mut azs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut instances: BTreeMap<&str, usize> = BTreeMap::new();
    for t in all.iter().chain(candidates) {
        let n = azs.len();
        azs.entry(t.az).or_insert(n);
        let n = instances.len();
        instances.entry(&t.container_instance_id).or_insert(n);
    }
    let mut by_az = vec![0u32; azs.len()];
    let mut by_instance = vec![0u32; instances.len()];
    for t in all {
        by_az[azs[t.az]] += 1;
        by_instance[instances[t.container_instance_id.as_str()]] += 1;
    }
    let mut left: Vec<(usize, usize, &str)> = candidates
        .iter()
        .map(|t| {
            (
                azs[t.az],
                instances[t.container_instance_id.as_str()],
                t.id.as_str(),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(k);
    while out.len() < k && !left.is_empty() {
        let best = (0..left.len())
            .max_by(|&x, &y| {
                let ((a, i, p), (b, j, q)) = (left[x], left[y]);
                (by_az[a], by_instance[i])
                    .cmp(&(by_az[b], by_instance[j]))
                    .then_with(|| q.cmp(p))
            })
            .unwrap_or(0);
        let (a, i, id) = left.swap_remove(best);
        by_az[a] = by_az[a].saturating_sub(1);
        by_instance[i] = by_instance[i].saturating_sub(1);
        out.push(id.to_string());
    }
    out
}

/// Stops tasks for the PRIMARY deployment's sake, with ECS's stop code and reason.
fn stop_tasks(sim: &mut Sim, arn: &str, ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    let deployment = sim
        .world
        .service(arn)
        .and_then(|s| s.primary().map(|d| d.id.clone()))
        .unwrap_or_default();
    for id in ids {
        lifecycle::stop(
            sim,
            id,
            Some(StopCode::ServiceSchedulerInitiated),
            format!("Scaling activity initiated by (deployment {deployment})"),
        );
    }
    let now = sim.now();
    sim.world.change_service(arn, |s| {
        for d in &mut s.deployments {
            if ids.iter().any(|id| d.tasks.contains(id)) {
                d.updated_at = now;
            }
        }
    });
    say(
        sim,
        arn,
        ServiceMessage::StoppedTasks {
            tasks: ids.to_vec(),
        },
    );
}

/// The launch of the PRIMARY deployment's tasks, as the service describes it.
fn launch_of(
    sim: &Sim,
    svc: &Service,
    count: u32,
) -> Option<(crate::model::task_def::TaskDefinition, ServiceLaunchSpec)> {
    let p = svc.primary()?;
    let td = TaskDefRef::parse(&p.task_definition_arn).and_then(|r| resolve(&sim.world, &r))?;
    let mut constraints = Vec::new();
    for c in &td.placement_constraints {
        constraints.push(parse_constraint(&c.constraint_type, c.expression.as_deref()).ok()?);
    }
    for (kind, expression) in &svc.placement_constraints {
        constraints.push(parse_constraint(kind, expression.as_deref()).ok()?);
    }
    let mut strategies = Vec::new();
    for (kind, field) in &svc.placement_strategy {
        strategies.push(Strategy::parse(kind, field.as_deref()).ok()?);
    }
    let fargate_type = svc.launch_type == Some(LaunchType::Fargate);
    let fargate = if fargate_type {
        Some(vec![None; count as usize])
    } else if !svc.capacity_provider_strategy.is_empty() {
        Some(
            capacity::assign(&svc.capacity_provider_strategy, count)
                .into_iter()
                .map(Some)
                .collect(),
        )
    } else {
        None
    };
    if fargate.is_none()
        && strategies.is_empty()
        && svc.scheduling_strategy == SchedulingStrategy::Replica
    {
        // ECS's default for a REPLICA service on EC2 (§1.3): spread over the AZs, then over
        // the instances in each.
        strategies.push(Strategy::parse("spread", Some("attribute:ecs.availability-zone")).ok()?);
        strategies.push(Strategy::parse("spread", Some("instanceId")).ok()?);
    }
    let network = svc.network.as_ref().map(|n| NetworkConfig {
        subnets: n.subnets.clone(),
        security_groups: n.security_groups.clone(),
        assign_public_ip: n.assign_public_ip,
        vpc_id: n.vpc_id.clone(),
    });
    let platform_version = match svc.platform_version.as_deref() {
        Some("1.3.0") => "1.3.0",
        Some(_) => "1.4.0",
        None => "",
    };
    Some((
        td.clone(),
        ServiceLaunchSpec {
            group: svc.group(),
            started_by: p.id.clone(),
            network,
            constraints,
            strategies,
            fargate,
            platform_version: platform_version.to_string(),
            cluster: svc.cluster.clone(),
        },
    ))
}

/// [`ServiceLaunch`] with owned parts, built before the launch borrows the simulation.
struct ServiceLaunchSpec {
    cluster: String,
    group: String,
    started_by: String,
    network: Option<NetworkConfig>,
    constraints: Vec<crate::placement::Constraint>,
    strategies: Vec<Strategy>,
    fargate: Option<Vec<Option<crate::model::ecs::CapacityProvider>>>,
    platform_version: String,
}

impl ServiceLaunchSpec {
    fn launch<'a>(
        self,
        td: &'a crate::model::task_def::TaskDefinition,
        cluster: &'a str,
    ) -> ServiceLaunch<'a> {
        ServiceLaunch {
            cluster,
            td,
            group: self.group,
            started_by: self.started_by,
            network: self.network,
            constraints: self.constraints,
            strategies: self.strategies,
            fargate: self.fargate,
            platform_version: self.platform_version,
        }
    }
}

/// Records the tasks started for the PRIMARY deployment, and says so.
fn started(sim: &mut Sim, arn: &str, ids: Vec<String>) {
    if ids.is_empty() {
        return;
    }
    let now = sim.now();
    sim.world.change_service(arn, |s| {
        if let Some(p) = s.deployments.first_mut() {
            p.tasks.extend(ids.iter().cloned());
            p.updated_at = now;
        }
    });
    say(sim, arn, ServiceMessage::StartedTasks { tasks: ids });
}

fn not_placed(sim: &mut Sim, arn: &str, why: NotPlaced) {
    let message = match why {
        NotPlaced::NoInstances => ServiceMessage::NoContainerInstances,
        NotPlaced::Closest {
            container_instance_id,
            reason,
        } => ServiceMessage::UnableToPlace {
            container_instance: container_instance_id,
            reason,
        },
        // Fargate with no subnet it can use: ECS's text for a subnet it cannot place in
        // (ECS-REFERENCE.md §6.7).
        NotPlaced::NoSubnet => ServiceMessage::UnableToPlaceBecause {
            reason: "Internal error.".into(),
        },
    };
    say(sim, arn, message);
}

/// Whether the PRIMARY deployment may launch now.
fn may_launch(sim: &Sim, svc: &Service) -> bool {
    svc.status == ServiceStatus::Active
        && svc
            .primary()
            .is_some_and(|p| p.rollout_state != RolloutState::Failed)
        && sim.now() >= svc.throttled_until
}

fn replica(sim: &mut Sim, arn: &str, facts: &[Fact]) {
    let Some(svc) = sim.world.service(arn) else {
        return;
    };
    let now = sim.now();
    let desired = if svc.status == ServiceStatus::Active {
        svc.desired_count
    } else {
        0
    };
    let max_total = svc.config.max_tasks(desired);
    let min_healthy = svc.config.min_healthy(desired);
    let c = census(sim, svc, facts);
    let all: Vec<&Seen> = c.keepers.iter().chain(&c.outgoing).collect();
    // Outgoing tasks that are not healthy go at once; so do keepers beyond the desired count
    // (scale-in), the unhealthy first.
    let mut stop: Vec<String> = c
        .outgoing
        .iter()
        .filter(|t| !t.healthy)
        .map(|t| t.id.clone())
        .collect();
    let mut healthy = c.healthy;
    let excess = c.keepers.len().saturating_sub(desired as usize);
    if excess > 0 {
        let unhealthy: Vec<&Seen> = c.keepers.iter().filter(|t| !t.healthy).collect();
        let sound: Vec<&Seen> = c.keepers.iter().filter(|t| t.healthy).collect();
        let mut pick = scale_in_choice(&unhealthy, &all, excess);
        let more = excess - pick.len();
        let extra = scale_in_choice(&sound, &all, more);
        healthy -= extra.len() as u32;
        pick.extend(extra);
        stop.extend(pick);
    }
    // Healthy outgoing tasks go as far as the minimum allows.
    let outgoing_healthy: Vec<&Seen> = c.outgoing.iter().filter(|t| t.healthy).collect();
    let budget = healthy.saturating_sub(min_healthy) as usize;
    let stop_healthy = scale_in_choice(&outgoing_healthy, &all, budget);
    stop.extend(stop_healthy);
    // New tasks start as far as the maximum allows.
    let keepers = (c.keepers.len() - excess) as u32;
    let want = desired.saturating_sub(keepers);
    let room = max_total.saturating_sub(c.total);
    let launch_now = may_launch(sim, svc);
    let start = if launch_now { want.min(room) } else { 0 };
    let stuck = stop.is_empty()
        && start == 0
        && !c.in_flight
        && launch_now
        && (want > 0 || !c.outgoing.is_empty());
    let spec = (start > 0).then(|| launch_of(sim, svc, start)).flatten();
    let throttle_wake = (want > 0 && now < svc.throttled_until).then_some(svc.throttled_until);
    let outgoing_left = c.outgoing.len() > stop.len();
    let steady_now = stop.is_empty() && start == 0 && !c.in_flight && !outgoing_left && want == 0;
    stop_tasks(sim, arn, &stop);
    let mut retry = None;
    if let Some((td, spec)) = spec {
        let cluster = spec.cluster.clone();
        let (ids, why) = spec.launch(&td, &cluster).run(sim, start);
        started(sim, arn, ids);
        if let Some(why) = why {
            not_placed(sim, arn, why);
            retry = Some(now + PLACEMENT_RETRY_MS);
        }
    }
    if stuck {
        say(sim, arn, ServiceMessage::DeploymentConfigurationBlocks);
    }
    finish(
        sim,
        arn,
        facts,
        &stop,
        steady_now,
        [c.next_healthy, throttle_wake, retry],
    );
}

/// After a look: old deployments with no tasks left go, the desired counts of the ACTIVE
/// ones follow their tasks, a drained deleted service is INACTIVE, a finished rollout is
/// COMPLETED and the service steady; then the next wake-up is asked for.
fn finish(
    sim: &mut Sim,
    arn: &str,
    facts: &[Fact],
    stopped: &[String],
    steady_now: bool,
    wakes: [Option<SimTime>; 3],
) {
    let now = sim.now();
    let Some(svc) = sim.world.service(arn) else {
        return;
    };
    // The ACTIVE deployments' desired counts: their tasks still desired RUNNING.
    let stopped: std::collections::BTreeSet<&str> = stopped.iter().map(String::as_str).collect();
    let mut counts = vec![0u32; svc.deployments.len()];
    for f in facts {
        if f.deployment > 0 && f.desired_running && !stopped.contains(f.id.as_str()) {
            if let Some(n) = counts.get_mut(f.deployment) {
                *n += 1;
            }
        }
    }
    let any_left = svc.deployments.iter().any(|d| !d.tasks.is_empty());
    let mut completed = None;
    let mut became_steady = false;
    sim.world.change_service(arn, |s| {
        for (d, n) in s.deployments.iter_mut().zip(&counts).skip(1) {
            d.desired_count = *n;
        }
        let primary = s.deployments.first().map(|d| d.id.clone());
        s.deployments
            .retain(|d| Some(&d.id) == primary.as_ref() || !d.tasks.is_empty());
        if s.status == ServiceStatus::Draining {
            if !any_left {
                s.status = ServiceStatus::Inactive;
            }
            return;
        }
        if !steady_now {
            s.steady = false;
            return;
        }
        let td = s.task_definition_arn.clone();
        if let Some(p) = s.deployments.first_mut() {
            if p.rollout_state == RolloutState::InProgress {
                p.rollout_state = RolloutState::Completed;
                p.rollout_state_reason = format!("ECS deployment {} completed.", p.id);
                p.updated_at = now;
                completed = Some(p.id.clone());
                s.last_completed = Some((p.id.clone(), td));
            }
        }
        if !s.steady {
            s.steady = true;
            became_steady = true;
        }
    });
    if let Some(id) = completed {
        say(
            sim,
            arn,
            ServiceMessage::DeploymentCompleted { deployment: id },
        );
    }
    if became_steady {
        say(sim, arn, ServiceMessage::SteadyState);
    }
    if let Some(at) = wakes.into_iter().flatten().min() {
        sim.request_service_check(arn, at.saturating_sub(now));
    }
}

/// DAEMON (§6.4): one task per ACTIVE container instance. An instance with an older
/// deployment's task has it stopped (within the minimum) before the new one starts there
/// (the maximum is 100%); instances that drain or leave lose theirs.
fn daemon(sim: &mut Sim, arn: &str, facts: &[Fact]) {
    let Some(svc) = sim.world.service(arn) else {
        return;
    };
    let now = sim.now();
    let active: Vec<String> =
        crate::sim::World::by_creation(sim.world.container_instances(), |c| c.created_seq)
            .into_iter()
            .filter(|ci| ci.cluster == svc.cluster && ci.status == ContainerInstanceStatus::Active)
            .map(|ci| ci.id.clone())
            .collect();
    let desired = if svc.status == ServiceStatus::Active {
        active.len() as u32
    } else {
        0
    };
    let min_healthy = svc.config.min_healthy(desired);
    let c = census(sim, svc, facts);
    // Per instance: a keeper, outgoing tasks, and whether anything of the service is there.
    let mut has_keeper: BTreeMap<&str, bool> = BTreeMap::new();
    for t in &c.keepers {
        has_keeper.insert(&t.container_instance_id, true);
    }
    let occupied: std::collections::BTreeSet<&str> = facts
        .iter()
        .map(|f| f.container_instance_id.as_str())
        .collect();
    let mut stop: Vec<String> = Vec::new();
    let mut healthy = c.healthy;
    // Two keepers on one instance (an instance back from DRAINING): the extra goes.
    let mut seen_keeper: BTreeMap<&str, ()> = BTreeMap::new();
    for t in &c.keepers {
        if seen_keeper.insert(&t.container_instance_id, ()).is_some() {
            stop.push(t.id.clone());
            healthy -= u32::from(t.healthy);
        }
    }
    for t in &c.outgoing {
        let on_active = active.contains(&t.container_instance_id);
        let replaced_here = has_keeper.contains_key(t.container_instance_id.as_str());
        if !t.healthy || !on_active || replaced_here {
            stop.push(t.id.clone());
            healthy -= u32::from(t.healthy);
        } else if healthy > min_healthy {
            stop.push(t.id.clone());
            healthy -= 1;
        }
    }
    let launch_now = may_launch(sim, svc);
    let targets: Vec<String> = active
        .iter()
        .filter(|a| !occupied.contains(a.as_str()))
        .cloned()
        .collect();
    let spec = (launch_now && !targets.is_empty())
        .then(|| launch_of(sim, svc, 1))
        .flatten();
    let steady_now = stop.is_empty() && targets.is_empty() && !c.in_flight && c.outgoing.is_empty();
    sim.world.change_service(arn, |s| {
        s.desired_count = desired;
        if let Some(p) = s.deployments.first_mut() {
            p.desired_count = desired;
        }
    });
    stop_tasks(sim, arn, &stop);
    let mut retry = None;
    if let Some((td, spec)) = spec {
        let cluster = spec.cluster.clone();
        let launch = spec.launch(&td, &cluster);
        let mut ids = Vec::new();
        for ci in &targets {
            match launch.run_on(sim, ci) {
                Ok(id) => ids.push(id),
                Err(why) => {
                    not_placed(sim, arn, why);
                    retry = Some(now + PLACEMENT_RETRY_MS);
                }
            }
        }
        started(sim, arn, ids);
    }
    let throttle_wake = sim
        .world
        .service(arn)
        .map(|s| s.throttled_until)
        .filter(|t| *t > now && !targets.is_empty());
    finish(
        sim,
        arn,
        facts,
        &stop,
        steady_now,
        [c.next_healthy, throttle_wake, retry],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(id: &str, az: &'static str, instance: &str) -> Seen {
        Seen {
            id: id.into(),
            healthy: true,
            az,
            container_instance_id: instance.into(),
        }
    }

    #[test]
    fn scale_in_takes_from_the_fullest_az_then_the_fullest_instance() {
        // us-east-1a: 3 tasks (2 on i1, 1 on i2); us-east-1b: 1 task.
        let all = [
            seen("a", "us-east-1a", "i1"),
            seen("b", "us-east-1a", "i1"),
            seen("c", "us-east-1a", "i2"),
            seen("d", "us-east-1b", "i3"),
        ];
        let refs: Vec<&Seen> = all.iter().collect();
        // First from 1a's i1 (lowest ID of the tie), then 1a again (2 vs 1): i1 and i2 tie
        // at one task each, so the lowest ID, then the AZs are even at one each.
        assert_eq!(scale_in_choice(&refs, &refs, 1), ["a"]);
        assert_eq!(scale_in_choice(&refs, &refs, 2), ["a", "b"]);
        assert_eq!(scale_in_choice(&refs, &refs, 3), ["a", "b", "c"]);
        // Everything goes: no choice, ID order.
        assert_eq!(scale_in_choice(&refs, &refs, 9), ["a", "b", "c", "d"]);
        assert!(scale_in_choice(&refs, &refs, 0).is_empty());
    }

    #[test]
    fn a_task_is_healthy_40_seconds_after_running() {
        let fact = |status, started_at| Fact {
            deployment: 0,
            id: "t".into(),
            status,
            desired_running: true,
            started_at,
            az: "us-east-1a",
            container_instance_id: String::new(),
            instance_active: true,
            lb: None,
        };
        assert!(matches!(
            health(&fact(TaskStatus::Pending, None), 0),
            Health::Unknown
        ));
        assert!(matches!(
            health(&fact(TaskStatus::Running, Some(1_000)), 40_999),
            Health::From(41_000)
        ));
        assert!(matches!(
            health(&fact(TaskStatus::Running, Some(1_000)), 41_000),
            Health::Healthy
        ));
    }
}
