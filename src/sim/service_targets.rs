//! A service's tasks as load balancer targets (ECS-REFERENCE.md §7.2): each entry of the
//! service's `loadBalancers` names a target group, a container and its port. An awsvpc task
//! registers its private IP and the container port (target type `ip`); a bridge or host task
//! its instance and the host port bound to that container port (target type `instance`,
//! dynamic ports letting several tasks share an instance). A task registers when it runs and
//! is deregistered (draining for the group's deregistration delay) as soon as it is asked to
//! stop; ECS keeps it DEACTIVATING until every one of its targets has drained, and only then
//! stops its containers (§7.2; see `sim::task`).

use super::elb::{self, TargetSpec};
use super::log::What;
use super::Sim;
use super::World;
use crate::model::elb::health::{TargetHealth, TargetState};
use crate::model::elb::TargetKey;
use crate::model::service::{Service, ServiceMessage};
use crate::model::task::Task;
use crate::model::time::{SimTime, SECOND_MS};

/// One entry of a service's `loadBalancers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub target_group_arn: String,
    pub container_name: String,
    pub container_port: u16,
}

/// The service's `loadBalancers`, read.
pub fn bindings(svc: &Service) -> Vec<Binding> {
    svc.load_balancers
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|lb| {
            Some(Binding {
                target_group_arn: lb.get("targetGroupArn")?.as_str()?.to_string(),
                container_name: lb.get("containerName")?.as_str()?.to_string(),
                container_port: u16::try_from(lb.get("containerPort")?.as_u64()?).ok()?,
            })
        })
        .collect()
}

/// The service a task belongs to.
pub fn service_of<'a>(world: &'a World, task: &Task) -> Option<&'a Service> {
    let name = task.group.strip_prefix("service:")?;
    let arn = super::world::ecs_arn_of(&["service/", &task.cluster, "/", name]);
    world.service(&arn)
}

/// The target a task is in a group: (ID, port).
pub fn target_of(task: &Task, b: &Binding) -> Option<(String, u16)> {
    if let Some(n) = &task.eni {
        return Some((n.private_ip?.to_string(), b.container_port));
    }
    let container = task
        .containers
        .iter()
        .find(|c| c.name == b.container_name)?;
    let host_port = container
        .network_bindings
        .iter()
        .find(|(c, _, _)| *c == b.container_port)
        .map(|(_, h, _)| *h)?;
    Some((task.ec2_instance_id.clone(), host_port))
}

/// A service task reached RUNNING: it joins each of its service's target groups.
pub fn task_running(sim: &mut Sim, task_id: &str) {
    let Some(task) = sim.world.task(task_id) else {
        return;
    };
    let Some(svc) = service_of(&sim.world, task) else {
        return;
    };
    let (service_arn, bindings) = (svc.arn.clone(), bindings(svc));
    let targets: Vec<(Binding, String, u16)> = bindings
        .into_iter()
        .filter_map(|b| {
            let (id, port) = target_of(task, &b)?;
            Some((b, id, port))
        })
        .collect();
    for (b, id, port) in targets {
        if elb::register_target(sim, &b.target_group_arn, TargetSpec { id, port }).is_ok() {
            say(
                sim,
                &service_arn,
                ServiceMessage::RegisteredTargets {
                    count: 1,
                    target_group_arn: b.target_group_arn.clone(),
                },
            );
        }
    }
}

/// A service task was asked to stop: it leaves its target groups (draining).
pub fn task_stopping(sim: &mut Sim, task_id: &str) {
    let Some(task) = sim.world.task(task_id) else {
        return;
    };
    let Some(svc) = service_of(&sim.world, task) else {
        return;
    };
    let service_arn = svc.arn.clone();
    let targets: Vec<(Binding, String, u16)> = bindings(svc)
        .into_iter()
        .filter_map(|b| {
            let (id, port) = target_of(task, &b)?;
            Some((b, id, port))
        })
        .collect();
    for (b, id, port) in targets {
        let registered = elb::target_health(&sim.world, &b.target_group_arn, &id, port)
            .is_some_and(|h| !matches!(h.state, TargetState::Unavailable | TargetState::Draining));
        if registered && elb::deregister_target(sim, &b.target_group_arn, &id, port).is_ok() {
            say(
                sim,
                &service_arn,
                ServiceMessage::DeregisteredTargets {
                    count: 1,
                    target_group_arn: b.target_group_arn.clone(),
                },
            );
        }
    }
}

/// How long a DEACTIVATING task still waits: None when none of its targets drains any more
/// (drained, or gone with its group), else the time until the last one is due to finish (a
/// second when that is now or past, should a delay have been changed under a target already
/// draining: the drain ends when its own timer says).
pub fn still_draining(world: &World, task: &Task, now: SimTime) -> Option<SimTime> {
    let svc = service_of(world, task)?;
    bindings(svc)
        .into_iter()
        .filter_map(|b| {
            let (id, port) = target_of(task, &b)?;
            let tg = world.elb().target_group(&b.target_group_arn)?;
            let t = tg.target(&TargetKey { id, port })?;
            let since = t.draining_since?;
            let delay = SimTime::from(tg.attributes.deregistration_delay_s) * SECOND_MS;
            let left = (since + delay).saturating_sub(now);
            Some(if left == 0 { SECOND_MS } else { left })
        })
        .max()
}

/// What the target groups say of a service task: its health in each group it is bound to.
pub fn task_health(world: &World, svc: &Service, task: &Task) -> Vec<(Binding, TargetHealth)> {
    bindings(svc)
        .into_iter()
        .filter_map(|b| {
            let (id, port) = target_of(task, &b)?;
            let h = elb::target_health(world, &b.target_group_arn, &id, port)?;
            Some((b, h))
        })
        .collect()
}

/// Adds an event to a service (and to the simulation's log, unless ECS suppresses it).
pub fn say(sim: &mut Sim, arn: &str, message: ServiceMessage) {
    let id = sim.rng.uuid_v4();
    let now = sim.now();
    let added = sim
        .world
        .change_service(arn, |s| {
            s.add_event(id, now, message.clone())
                .then(|| s.name.clone())
        })
        .flatten();
    if let Some(name) = added {
        sim.record(What::ServiceEventAdded {
            service_arn: arn.into(),
            service: name.into(),
            message,
        });
    }
}
