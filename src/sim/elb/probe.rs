//! What a health check (or a request) sent to a target reaches, and what it gets back.
//!
//! An `ip` target is whatever holds that address in the VPC: a task's ENI (awsvpc, Fargate)
//! or an instance's primary ENI. An `instance` target is the instance, and on it the task
//! whose container binds the target's port as its host port (bridge tasks register that way).
//! A running task answers 200 unless `sim fail-health` says otherwise; a stopped task's port
//! refuses; an address nobody holds, or an instance that is not running, never answers.

use crate::model::ec2::InstanceState;
use crate::model::elb::{CheckOutcome, Matcher, Target, TargetGroup, TargetType};
use crate::model::net::EniKind;
use crate::model::task::{Task, TaskStatus};
use crate::sim::World;

/// What answers at a target's address and port.
#[derive(Debug, Clone, Copy)]
pub enum Reach<'a> {
    /// A task's application.
    Task(&'a Task),
    /// Something is there, but nothing listens on the port.
    Refused,
    /// Nothing answers.
    Unreachable,
}

/// Whether a task's containers still serve: from RUNNING until they are told to stop.
fn serves(task: &Task) -> bool {
    matches!(
        task.last_status,
        TaskStatus::Running | TaskStatus::Deactivating
    )
}

/// What a target of a group of `target_type` in `vpc_id` reaches.
pub fn reach<'a>(
    world: &'a World,
    target_type: TargetType,
    vpc_id: &str,
    id: &str,
    port: u16,
) -> Reach<'a> {
    match target_type {
        TargetType::Instance => reach_instance(world, id, port),
        TargetType::Ip => match id.parse::<std::net::Ipv4Addr>() {
            Ok(ip) => reach_ip(world, vpc_id, ip, port),
            Err(_) => Reach::Unreachable,
        },
    }
}

/// What an address of a VPC reaches on a port.
fn reach_ip<'a>(world: &'a World, vpc_id: &str, ip: std::net::Ipv4Addr, port: u16) -> Reach<'a> {
    let holder = world
        .subnets
        .values()
        .filter(|s| s.vpc_id == vpc_id && s.cidr().contains(&ip))
        .find_map(|s| s.pool.holder(ip));
    let Some(eni) = holder.and_then(|h| world.enis().get(h)) else {
        return Reach::Unreachable;
    };
    match eni.kind {
        EniKind::Task => {
            let task_id = eni.owner.rsplit('/').next().unwrap_or("");
            match world.task(task_id) {
                Some(t) if serves(t) => Reach::Task(t),
                _ => Reach::Refused,
            }
        }
        EniKind::InstancePrimary => reach_instance(world, &eni.owner, port),
        _ => Reach::Refused,
    }
}

fn reach_instance<'a>(world: &'a World, instance_id: &str, port: u16) -> Reach<'a> {
    match world.instances.get(instance_id) {
        Some(i) if i.state == InstanceState::Running => {}
        _ => return Reach::Unreachable,
    }
    let bound = world.tasks().values().find(|t| {
        t.ec2_instance_id == instance_id
            && serves(t)
            && t.containers
                .iter()
                .any(|c| c.network_bindings.iter().any(|b| b.1 == port))
    });
    match bound {
        Some(t) => Reach::Task(t),
        None => Reach::Refused,
    }
}

/// The status code a task's application answers with; None when it hangs.
pub fn app_status(world: &World, task: &Task) -> Option<u16> {
    match world.elb().fault(&task.id) {
        Some(f) if f.hang => None,
        Some(f) => Some(f.status.unwrap_or(200)),
        None => Some(200),
    }
}

/// What a registered target reaches on `port`: the task that answered last time when it
/// still does (one lookup), otherwise the walk of [`reach`].
pub fn reach_target<'a>(world: &'a World, tg: &TargetGroup, t: &Target, port: u16) -> Reach<'a> {
    if let Some(task) = t.task_hint.as_deref().and_then(|id| world.task(id)) {
        let fits = serves(task)
            && match tg.target_type {
                TargetType::Ip => {
                    t.ip.is_some() && task.eni.as_ref().and_then(|e| e.private_ip) == t.ip
                }
                TargetType::Instance => {
                    task.ec2_instance_id == t.key.id
                        && world
                            .instances
                            .get(&t.key.id)
                            .is_some_and(|i| i.state == InstanceState::Running)
                        && task
                            .containers
                            .iter()
                            .any(|c| c.network_bindings.iter().any(|b| b.1 == port))
                }
            };
        if fits {
            return Reach::Task(task);
        }
    }
    match (tg.target_type, t.ip) {
        (TargetType::Ip, Some(ip)) => reach_ip(world, &tg.vpc_id, ip, port),
        _ => reach(world, tg.target_type, &tg.vpc_id, &t.key.id, port),
    }
}

/// What one health check finds at what it reached.
pub fn outcome(world: &World, reached: Reach<'_>, matcher: &Matcher) -> CheckOutcome {
    match reached {
        Reach::Unreachable => CheckOutcome::TimedOut,
        Reach::Refused => CheckOutcome::Refused,
        Reach::Task(task) => match app_status(world, task) {
            None => CheckOutcome::TimedOut,
            Some(code) if matcher.accepts(code) => CheckOutcome::Passed,
            Some(code) => CheckOutcome::CodeMismatch(code),
        },
    }
}
