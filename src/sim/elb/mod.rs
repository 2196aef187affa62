//! Application Load Balancers in simulated time: nodes that take addresses from their
//! subnets, a load balancer going from `provisioning` to `active`, targets checked at their
//! group's interval, and deregistered targets draining for the deregistration delay.
//!
//! # For ECS services
//!
//! The service scheduler registers and deregisters its tasks through the same functions the
//! `elbv2` API uses, so a target ECS registers behaves exactly as one registered by hand:
//!
//! - [`target_type`] of the service's target group (awsvpc tasks need `ip`, bridge tasks
//!   `instance`), and [`resolve_target`] to check a target before registering it;
//! - [`register_target`] as a task starts (`{Id: task IP, Port: containerPort}` or
//!   `{Id: instance ID, Port: hostPort}`); the target starts `initial`;
//! - [`deregister_target`] as a task is stopped: the target drains for
//!   [`deregistration_delay_ms`], then is gone (ECS waits that long in DEACTIVATING);
//! - [`target_health`] to read a target's state (a service replaces a task whose target went
//!   `unhealthy`).
//!
//! Each check is a timer of its own (the target's registration serial and its group's
//! number: no strings), so a target's checks fall every interval from its registration, as
//! each target's do on AWS, and a target is never judged before its first interval passes.

pub mod events;
pub mod http;
pub mod probe;
pub mod resources;

use crate::model::elb::{
    Health, LoadBalancerState, Target, TargetHealth, TargetKey, TargetState, TargetType,
};
use crate::model::time::{SimTime, SECOND_MS};
use crate::sim::log::What;
use crate::sim::queue::Timer;
use crate::sim::{Sim, World};
pub use events::ElbEvent;

/// How long a new load balancer stays `provisioning` (AWS takes a few minutes; the sandbox
/// takes two).
pub const PROVISIONING_MS: SimTime = 120 * SECOND_MS;

/// Scheduled ELB work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ElbTimer {
    /// A target's next health check (stale when the target's epoch moved on).
    Check { group: u32, serial: u64, epoch: u32 },
    /// A draining target's deregistration delay is over.
    DrainDone { group: u32, serial: u64 },
    /// A load balancer finishes provisioning.
    Active { load_balancer_arn: String },
}

/// Why a target cannot be registered or deregistered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ElbError {
    /// No target group has that ARN.
    TargetGroupNotFound,
    /// The target is not one the group can take; the message is elbv2's `InvalidTarget` text.
    InvalidTarget(String),
}

/// A target to register: its ID and port, and its Availability Zone when known (ECS knows
/// its task's; otherwise it is read from the subnet or instance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetSpec {
    pub id: String,
    pub port: u16,
}

pub(crate) fn fire(sim: &mut Sim, timer: ElbTimer) {
    match timer {
        ElbTimer::Check {
            group,
            serial,
            epoch,
        } => check(sim, group, serial, epoch),
        ElbTimer::DrainDone { group, serial } => drain_done(sim, group, serial),
        ElbTimer::Active { load_balancer_arn } => {
            let Some(lb) = sim.world.elb_mut().load_balancer_mut(&load_balancer_arn) else {
                return;
            };
            lb.state = LoadBalancerState::Active;
            let name = lb.name.clone().into();
            sim.record(What::Elb(Box::new(ElbEvent::LoadBalancerActive {
                load_balancer_arn: load_balancer_arn.into(),
                name,
            })));
        }
    }
}

pub(crate) fn schedule_active(sim: &mut Sim, load_balancer_arn: &str) {
    sim.schedule_in(
        PROVISIONING_MS,
        Timer::Elb(ElbTimer::Active {
            load_balancer_arn: load_balancer_arn.to_string(),
        }),
    );
}

/// The target type of a target group.
pub fn target_type(world: &World, target_group_arn: &str) -> Option<TargetType> {
    Some(world.elb().target_group(target_group_arn)?.target_type)
}

/// A target group's deregistration delay (`deregistration_delay.timeout_seconds`), in ms.
pub fn deregistration_delay_ms(world: &World, target_group_arn: &str) -> Option<SimTime> {
    let tg = world.elb().target_group(target_group_arn)?;
    Some(SimTime::from(tg.attributes.deregistration_delay_s) * SECOND_MS)
}

/// Checks that a target may join a group, and finds its Availability Zone: an `instance`
/// target must be a running instance in the group's VPC; an `ip` target an address of one of
/// the VPC's subnets (the sandbox has no peered networks to reach outside it).
pub fn resolve_target(
    world: &World,
    target_group_arn: &str,
    id: &str,
) -> Result<&'static str, ElbError> {
    let tg = world
        .elb()
        .target_group(target_group_arn)
        .ok_or(ElbError::TargetGroupNotFound)?;
    match tg.target_type {
        TargetType::Instance => {
            let Some(instance) = world.instances.get(id) else {
                return Err(ElbError::InvalidTarget(format!(
                    "The following targets are not valid instances: '{id}'"
                )));
            };
            if instance.vpc_id != tg.vpc_id {
                return Err(ElbError::InvalidTarget(format!(
                    "The following targets are not in the target group VPC '{}': '{id}'",
                    tg.vpc_id
                )));
            }
            if instance.state != crate::model::ec2::InstanceState::Running {
                return Err(ElbError::InvalidTarget(format!(
                    "The following targets are not in a running state and cannot be registered: '{id}'"
                )));
            }
            Ok(instance.az)
        }
        TargetType::Ip => {
            let ip = id.parse::<std::net::Ipv4Addr>().map_err(|_| {
                ElbError::InvalidTarget(format!(
                    "The IP address '{id}' is not a valid IPv4 address"
                ))
            })?;
            let subnet = world
                .subnets
                .values()
                .filter(|s| s.vpc_id == tg.vpc_id)
                .find(|s| s.cidr().contains(&ip));
            match subnet {
                Some(s) => Ok(s.az),
                None => Err(ElbError::InvalidTarget(format!(
                    "The IP address '{id}' is not within the CIDR of a subnet of the target group's VPC '{}'",
                    tg.vpc_id
                ))),
            }
        }
    }
}

/// Registers a target (see [`resolve_target`] for what is refused). A target already
/// registered stays as it is; one draining is registered afresh and starts `initial`.
pub fn register_target(
    sim: &mut Sim,
    target_group_arn: &str,
    target: TargetSpec,
) -> Result<(), ElbError> {
    let az = resolve_target(&sim.world, target_group_arn, &target.id)?;
    let key = TargetKey {
        id: target.id,
        port: target.port,
    };
    let tg = sim
        .world
        .elb()
        .target_group(target_group_arn)
        .ok_or(ElbError::TargetGroupNotFound)?;
    if tg.target(&key).is_some_and(|t| t.draining_since.is_none()) {
        return Ok(());
    }
    let (group, name) = (tg.number, tg.name.clone());
    let serial = sim.world.elb_mut().next_serial();
    let now = sim.now();
    if let Some(tg) = sim.world.elb_mut().target_group_mut(target_group_arn) {
        tg.insert_target(Target {
            key: key.clone(),
            az,
            serial,
            registered_at: now,
            health: Health::new(),
            epoch: 0,
            draining_since: None,
            ip: key.id.parse().ok(),
            task_hint: None,
        });
    }
    sim.record(What::Elb(Box::new(ElbEvent::TargetRegistered {
        target_group_arn: target_group_arn.into(),
        target_group: name.into(),
        id: key.id.into(),
        port: key.port,
        az,
    })));
    start_checks(sim, group, serial);
    Ok(())
}

/// Deregisters a target: it drains for the deregistration delay while its group serves a
/// load balancer, and goes at once otherwise. Deregistering a target that is not registered
/// does nothing, as on AWS.
pub fn deregister_target(
    sim: &mut Sim,
    target_group_arn: &str,
    id: &str,
    port: u16,
) -> Result<(), ElbError> {
    let key = TargetKey {
        id: id.to_string(),
        port,
    };
    let now = sim.now();
    let tg = sim
        .world
        .elb_mut()
        .target_group_mut(target_group_arn)
        .ok_or(ElbError::TargetGroupNotFound)?;
    let (in_use, delay_s, group, name) = (
        tg.load_balancer_arn.is_some(),
        tg.attributes.deregistration_delay_s,
        tg.number,
        tg.name.clone(),
    );
    let Some(t) = tg.target_mut(&key) else {
        return Ok(());
    };
    if t.draining_since.is_some() {
        return Ok(());
    }
    let serial = t.serial;
    if !in_use {
        tg.remove_target(&key);
        sim.record(What::Elb(Box::new(ElbEvent::TargetDeregistered {
            target_group_arn: target_group_arn.into(),
            target_group: name.into(),
            id: key.id.into(),
            port,
        })));
        return Ok(());
    }
    t.draining_since = Some(now);
    t.epoch = t.epoch.wrapping_add(1);
    sim.record(What::Elb(Box::new(ElbEvent::TargetDraining {
        target_group_arn: target_group_arn.into(),
        target_group: name.into(),
        id: key.id.into(),
        port,
        delay_s,
    })));
    sim.schedule_in(
        SimTime::from(delay_s) * SECOND_MS,
        Timer::Elb(ElbTimer::DrainDone { group, serial }),
    );
    Ok(())
}

fn drain_done(sim: &mut Sim, group: u32, serial: u64) {
    let Some(tg) = sim.world.elb_mut().target_group_by_number_mut(group) else {
        return;
    };
    let Some(t) = tg.target_by_serial(serial) else {
        return;
    };
    if t.draining_since.is_none() {
        return;
    }
    let key = t.key.clone();
    tg.remove_target(&key);
    let (arn, name) = (tg.arn.clone(), tg.name.clone());
    sim.record(What::Elb(Box::new(ElbEvent::TargetDeregistered {
        target_group_arn: arn.into(),
        target_group: name.into(),
        id: key.id.into(),
        port: key.port,
    })));
}

/// What `describe-target-health` says of a target; None when there is no such group.
pub fn target_health(
    world: &World,
    target_group_arn: &str,
    id: &str,
    port: u16,
) -> Option<TargetHealth> {
    let tg = world.elb().target_group(target_group_arn)?;
    let key = TargetKey {
        id: id.to_string(),
        port,
    };
    Some(match tg.target(&key) {
        Some(t) => health_of(world, tg, t),
        None => TargetHealth::not_registered(),
    })
}

/// The health of a registered target: draining first, then whether anything sends it
/// traffic (a group no listener uses, an AZ the load balancer does not cover), then its
/// checked state.
pub fn health_of(world: &World, tg: &crate::model::elb::TargetGroup, t: &Target) -> TargetHealth {
    if t.draining_since.is_some() {
        return TargetHealth::draining();
    }
    let Some(lb) = tg
        .load_balancer_arn
        .as_deref()
        .and_then(|a| world.elb().load_balancer(a))
    else {
        return TargetHealth::group_not_in_use();
    };
    if !lb.covers(t.az) {
        return TargetHealth::zone_not_enabled();
    }
    if !tg.health_check.enabled {
        return TargetHealth::checks_disabled();
    }
    t.health.report()
}

/// Starts a fresh chain of checks for a target whose group serves a load balancer: it is
/// `initial` again, and its first check falls one interval from now.
fn start_checks(sim: &mut Sim, group: u32, serial: u64) {
    let Some(tg) = sim.world.elb_mut().target_group_by_number_mut(group) else {
        return;
    };
    if tg.load_balancer_arn.is_none() {
        return;
    }
    let interval = SimTime::from(tg.health_check.interval_s) * SECOND_MS;
    let Some(t) = tg.target_by_serial_mut(serial) else {
        return;
    };
    t.epoch = t.epoch.wrapping_add(1);
    t.health = Health::new();
    let epoch = t.epoch;
    sim.schedule_in(
        interval,
        Timer::Elb(ElbTimer::Check {
            group,
            serial,
            epoch,
        }),
    );
}

/// A group's listeners changed: targets of a group that now serves a load balancer start
/// being checked; those of a group that no longer does stop, and start afresh next time.
pub(crate) fn group_use_changed(sim: &mut Sim, target_group_arn: &str) {
    let Some(tg) = sim.world.elb_mut().target_group_mut(target_group_arn) else {
        return;
    };
    let (group, in_use, serials) = (tg.number, tg.load_balancer_arn.is_some(), tg.serials());
    for serial in serials {
        if in_use {
            let draining = sim
                .world
                .elb()
                .target_group_by_number(group)
                .and_then(|g| g.target_by_serial(serial))
                .is_some_and(|t| t.draining_since.is_some());
            if !draining {
                start_checks(sim, group, serial);
            }
        } else if let Some(t) = sim
            .world
            .elb_mut()
            .target_group_by_number_mut(group)
            .and_then(|g| g.target_by_serial_mut(serial))
        {
            t.epoch = t.epoch.wrapping_add(1);
            t.health = Health::new();
        }
    }
}

/// One health check of one target, and the next one scheduled.
fn check(sim: &mut Sim, group: u32, serial: u64, epoch: u32) {
    let world = &sim.world;
    let Some(tg) = world.elb().target_group_by_number(group) else {
        return;
    };
    let Some(t) = tg.target_by_serial(serial) else {
        return;
    };
    if t.epoch != epoch || t.draining_since.is_some() {
        return;
    }
    let Some(lb) = tg
        .load_balancer_arn
        .as_deref()
        .and_then(|a| world.elb().load_balancer(a))
    else {
        return;
    };
    let hc = &tg.health_check;
    let interval = SimTime::from(hc.interval_s) * SECOND_MS;
    // Nothing checks while the load balancer provisions, a target in an AZ it does not cover,
    // or a group whose checks are disabled; the chain goes on, for when that changes.
    let judged = lb.state == LoadBalancerState::Active && lb.covers(t.az) && hc.enabled;
    let mut hint = None;
    let outcome = judged.then(|| {
        let reached = probe::reach_target(world, tg, t, hc.port.unwrap_or(t.key.port));
        if let probe::Reach::Task(task) = reached {
            if t.task_hint.as_deref() != Some(task.id.as_str()) {
                hint = Some(Box::<str>::from(task.id.as_str()));
            }
        }
        probe::outcome(world, reached, &hc.matcher)
    });
    let thresholds = (hc.healthy_threshold, hc.unhealthy_threshold);
    sim.schedule_in(
        interval,
        Timer::Elb(ElbTimer::Check {
            group,
            serial,
            epoch,
        }),
    );
    let Some(outcome) = outcome else {
        sim.fired_quietly();
        return;
    };
    let Some(tg) = sim.world.elb_mut().target_group_by_number_mut(group) else {
        return;
    };
    let Some(t) = tg.target_by_serial_mut(serial) else {
        return;
    };
    let new_hint = hint.is_some();
    if new_hint {
        t.task_hint = hint;
    }
    let before = t.health.report();
    let Some(from) = t.health.observe(outcome, thresholds.0, thresholds.1) else {
        // The target's state, reason and description as they were: nothing to redraw.
        if !new_hint && t.health.report() == before {
            sim.fired_quietly();
        }
        return;
    };
    let report = t.health.report();
    let (id, port): (Box<str>, u16) = (t.key.id.as_str().into(), t.key.port);
    let (arn, name): (Box<str>, Box<str>) = (tg.arn.as_str().into(), tg.name.as_str().into());
    sim.record(What::Elb(Box::new(ElbEvent::TargetHealthChanged {
        target_group_arn: arn,
        target_group: name,
        id,
        port,
        from,
        to: report.state,
        reason: report.reason,
    })));
}

/// Whether a target counts as `healthy` for routing.
pub fn is_healthy(world: &World, tg: &crate::model::elb::TargetGroup, t: &Target) -> bool {
    health_of(world, tg, t).state == TargetState::Healthy
}
