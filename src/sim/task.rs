//! The task lifecycle over simulated time (ECS-REFERENCE.md §5.1), as EC2 tasks in bridge or
//! host mode go through it: PENDING (the image pull) then RUNNING; on a stop, STOPPING (the
//! agent sends SIGTERM, then SIGKILL after the stop timeout) then STOPPED. (PROVISIONING,
//! ACTIVATING, DEACTIVATING and DEPROVISIONING are the extra steps of awsvpc and load-balanced
//! tasks; plain EC2 tasks skip them, as real describe-tasks outputs show.) Resources are
//! reserved on the instance at placement and come back at STOPPED; stopped tasks stay
//! describable for an hour.
//!
//! Only the agent starts and stops containers: a stop asked while the instance's agent is
//! disconnected sets desiredStatus STOPPED and waits for the agent to come back.
//!
//! Durations are drawn from the seed. Our choices where ECS documents none: the pull starts
//! 0.2-0.8 s after placement and takes 2-12 s; RUNNING 0.2-0.6 s after the pull; the agent
//! acts on a stop within 0.1-0.3 s; a container that handles SIGTERM exits 0 within 0.5-2 s,
//! while a container whose command is `sleep N` (PID 1 ignores SIGTERM) is killed after the
//! stop timeout (30 s) with exit code 137; STOPPED follows the last exit by 0.2-0.8 s.

use super::log::What;
use super::queue::Timer;
use super::world::EniSpec;
use super::Sim;
use crate::model::net::EniKind;
use crate::model::task::{
    AttachmentStatus, ContainerStatus, DesiredStatus, StopCode, Task, TaskStatus,
};
use crate::model::time::{HOUR_MS, SECOND_MS};

/// How long ECS takes to create and attach a task ENI, or to detach and delete it (our
/// choice: ECS documents none).
const ENI_MIN_MS: u64 = SECOND_MS;
const ENI_MAX_MS: u64 = 4 * SECOND_MS;

/// How long a container that ignores SIGTERM has before SIGKILL (ECS's default stopTimeout).
const STOP_TIMEOUT_MS: u64 = 30 * SECOND_MS;

fn next(id: &str, from: TaskStatus) -> Timer {
    Timer::TaskStep {
        task_id: id.to_string(),
        from,
    }
}

/// Reserves the task's resources on its instance and starts its lifecycle: PROVISIONING for
/// an awsvpc task (its ENI comes first), else straight to PENDING.
pub fn start(sim: &mut Sim, mut task: Task) {
    let id = task.id.clone();
    let now = sim.now();
    task.connectivity_at = Some(now);
    sim.world.change_container_instance_for_task(
        &task.container_instance_id,
        &task.group,
        1,
        |ci| {
            ci.reserved_cpu_units += task.cpu_units;
            ci.reserved_memory_mib += task.memory_mib;
            ci.task_tcp_ports.extend(&task.tcp_ports);
            ci.task_udp_ports.extend(&task.udp_ports);
            ci.running_tasks_count += 1;
            ci.pending_tasks_count += 1;
            if task.eni.is_some() {
                ci.task_enis += 1;
            }
            match ci.task_groups.get_mut(&task.group) {
                Some(n) => *n += 1,
                None => _ = ci.task_groups.insert(task.group.clone(), 1),
            }
            ci.version += 1;
        },
    );
    sim.record(What::TaskPlaced {
        task_arn: task.arn.clone(),
        container_instance_arn: task.container_instance_arn.as_str().into(),
        ec2_instance_id: (!task.launch_type.is_fargate())
            .then(|| task.ec2_instance_id.as_str().into()),
        family: task.family.as_str().into(),
        az: task.availability_zone,
    });
    if task.launch_type.is_fargate() {
        sim.world.fargate_changed(&task, 1);
    }
    let awsvpc = task.eni.is_some();
    task.last_status = if awsvpc {
        TaskStatus::Provisioning
    } else {
        TaskStatus::Pending
    };
    sim.world.tasks.insert(id.clone(), Box::new(task));
    if awsvpc {
        let d = sim.rng.range_u64(ENI_MIN_MS, ENI_MAX_MS);
        sim.schedule_in(d, next(&id, TaskStatus::Provisioning));
    } else {
        begin_pending(sim, &id);
    }
}

/// PENDING: the image pull, then RUNNING.
fn begin_pending(sim: &mut Sim, id: &str) {
    let now = sim.now();
    let pull_start = sim.rng.range_u64(200, 800);
    let pull = sim.rng.range_u64(2 * SECOND_MS, 12 * SECOND_MS);
    let settle = sim.rng.range_u64(200, 600);
    let Some(task) = sim.world.tasks.get_mut(id) else {
        return;
    };
    task.pull_started_at = Some(now + pull_start);
    task.pull_stopped_at = Some(now + pull_start + pull);
    sim.schedule_in(pull_start + pull + settle, next(id, TaskStatus::Pending));
}

/// The end of PROVISIONING: ECS creates the task's ENI in one of its subnets, with the
/// subnet's lowest free address, and attaches it; the task moves on to PENDING. With no free
/// address the task cannot start: it stops with `TaskFailedToStart` and EC2's error code
/// (where that surfaces is our choice: ECS documents no text; tasks are observed to stop
/// while provisioning, so RunTask itself succeeds).
fn provision_eni(sim: &mut Sim, id: &str) {
    let Some(task) = sim.world.tasks.get(id) else {
        return;
    };
    let Some(net) = task.eni.clone() else {
        return;
    };
    let instance = (!task.ec2_instance_id.is_empty()).then(|| task.ec2_instance_id.clone());
    let trunked = sim
        .world
        .container_instances()
        .get(&task.container_instance_id)
        .is_some_and(|ci| ci.trunk_eni.is_some());
    // Fargate chose its subnet at launch; on EC2 the first of the task's subnets (all in the
    // instance's AZ) with a free address.
    let subnet = if instance.is_none() {
        Some(net.subnet_id.clone())
    } else {
        net.subnets
            .iter()
            .find(|s| {
                sim.world
                    .subnets
                    .get(*s)
                    .is_some_and(|x| x.pool.peek_lowest().is_some())
            })
            .cloned()
    };
    let description = format!(
        "arn:aws:ecs:{}:{}:attachment/{}",
        crate::model::catalog::REGION,
        crate::model::catalog::ACCOUNT_ID,
        net.attachment_id
    );
    let created = subnet.as_ref().ok_or(()).and_then(|subnet_id| {
        sim.create_eni(EniSpec {
            kind: EniKind::Task,
            subnet_id: subnet_id.clone(),
            private_ip: None,
            description,
            groups: net.security_groups.clone(),
            // A branch interface rides on the trunk, not on a device slot of the instance.
            attached_to: if trunked { None } else { instance.clone() },
            requester_id: Some(crate::model::catalog::ECS_REQUESTER_ID.to_string()),
            requester_managed: true,
            interface_type: if trunked { "branch" } else { "interface" },
            owner: task_arn(sim, id).to_string(),
        })
        .map_err(|_| ())
    });
    let Ok(eni_id) = created else {
        let subnet_id = subnet.unwrap_or_else(|| net.subnets.first().cloned().unwrap_or_default());
        let reason = format!(
            "ResourceInitializationError: unable to create the task's network interface in \
             {subnet_id}: InsufficientFreeAddressesInSubnet: The specified subnet does not \
             contain enough free private IP addresses to fulfill your request."
        );
        fail_to_start(sim, id, reason);
        return;
    };
    let public_ip = if net.assign_public_ip && instance.is_none() {
        sim.assign_public_ip(&eni_id)
    } else {
        None
    };
    let (ip, mac, subnet_id) = match sim.world.enis().get(&eni_id) {
        Some(eni) => (eni.private_ip, eni.mac.clone(), eni.subnet_id.clone()),
        None => return,
    };
    if let Some(t) = sim.world.tasks.get_mut(id) {
        if let Some(n) = t.eni.as_mut() {
            n.status = AttachmentStatus::Attached;
            n.subnet_id = subnet_id.clone();
            n.eni_id = Some(eni_id.clone());
            n.private_ip = Some(ip);
            n.mac = Some(mac);
            n.public_ip = public_ip;
        }
        t.version += 1;
        let (arn, family) = (t.arn.clone(), t.family.clone());
        sim.record(What::TaskEniAttached {
            task_arn: arn,
            family: family.into(),
            eni_id: eni_id.into(),
            subnet_id: subnet_id.into(),
            private_ip: ip,
            public_ip,
        });
    }
    set_status(sim, id, TaskStatus::Pending);
    begin_pending(sim, id);
}

/// A task that could not start: desiredStatus STOPPED at once, and lastStatus too unless an
/// ENI it already has must be deprovisioned first.
fn fail_to_start(sim: &mut Sim, id: &str, reason: String) {
    let now = sim.now();
    let Some(t) = sim.world.tasks.get_mut(id) else {
        return;
    };
    if let Some(n) = t.eni.as_mut().filter(|n| n.eni_id.is_none()) {
        n.status = AttachmentStatus::Failed;
    }
    let ci_id = t.container_instance_id.clone();
    let was_running = t.desired_status == DesiredStatus::Running;
    if was_running {
        t.desired_status = DesiredStatus::Stopped;
        t.stopping_at = Some(now);
        t.stop_code = Some(StopCode::TaskFailedToStart);
        t.stopped_reason = Some(reason.clone());
        t.tags.clear();
    }
    for c in &mut t.containers {
        c.last_status = ContainerStatus::Stopped;
    }
    let (arn, family) = (t.arn.clone(), t.family.clone());
    if was_running {
        sim.world.change_container_instance(&ci_id, |ci| {
            ci.running_tasks_count = ci.running_tasks_count.saturating_sub(1);
        });
    }
    sim.record(What::TaskFailedToStart {
        task_arn: arn,
        family: family.into(),
        reason: reason.into(),
    });
    left_pending(sim, id);
    after_containers(sim, id);
}

fn task_arn(sim: &Sim, id: &str) -> std::sync::Arc<str> {
    sim.world
        .tasks
        .get(id)
        .map(|t| t.arn.clone())
        .unwrap_or_default()
}

/// After the containers stopped: an awsvpc task detaches and deletes its ENI
/// (DEPROVISIONING), then is STOPPED.
fn after_containers(sim: &mut Sim, id: &str) {
    let has_eni = sim
        .world
        .tasks
        .get(id)
        .and_then(|t| t.eni.as_ref())
        .is_some_and(|n| n.eni_id.is_some());
    if !has_eni {
        return finish(sim, id);
    }
    if let Some(n) = sim.world.tasks.get_mut(id).and_then(|t| t.eni.as_mut()) {
        n.status = AttachmentStatus::Detaching;
    }
    set_status(sim, id, TaskStatus::Deprovisioning);
    let d = sim.rng.range_u64(ENI_MIN_MS, ENI_MAX_MS);
    sim.schedule_in(d, next(id, TaskStatus::Deprovisioning));
}

/// Deletes an awsvpc task's ENI: its address goes back to the subnet.
fn delete_task_eni(sim: &mut Sim, id: &str) {
    let Some(n) = sim.world.tasks.get_mut(id).and_then(|t| t.eni.as_mut()) else {
        return;
    };
    if n.status == AttachmentStatus::Deleted {
        return;
    }
    let Some(eni_id) = n.eni_id.clone() else {
        return;
    };
    n.status = AttachmentStatus::Deleted;
    sim.delete_eni(&eni_id);
}

/// Whether the agent of the task's instance can act now.
fn agent_connected(sim: &Sim, id: &str) -> bool {
    let Some(t) = sim.world.tasks.get(id) else {
        return false;
    };
    // Fargate has no agent of yours to lose.
    t.container_instance_id.is_empty()
        || sim
            .world
            .container_instances()
            .get(&t.container_instance_id)
            .is_some_and(|ci| ci.agent_connected)
}

/// Moves a task on from `from` (the TaskStep timer; a task no longer in `from` ignores it).
pub(crate) fn step(sim: &mut Sim, id: &str, from: TaskStatus) {
    let Some(task) = sim.world.tasks.get(id) else {
        return;
    };
    if task.last_status != from {
        return;
    }
    let desired_running = task.desired_status == DesiredStatus::Running;
    match from {
        TaskStatus::Provisioning if desired_running => provision_eni(sim, id),
        // Stopped before its ENI was made: nothing to undo.
        TaskStatus::Provisioning => {
            left_pending(sim, id);
            stop_containers_unstarted(sim, id);
            finish(sim, id);
        }
        TaskStatus::Pending if desired_running => {
            // The agent fetches registry credentials, log streams and secrets before the
            // containers start; a denied fetch stops the task here.
            // Then its EFS volumes are mounted.
            let denied = super::execution::denied(&sim.world, task)
                .or_else(|| super::efs_mount::denied(&sim.world, task));
            match denied {
                Some(reason) => fail_to_start(sim, id, reason),
                None => become_running(sim, id),
            }
        }
        // Stopped before it ever ran: nothing to signal.
        TaskStatus::Pending => {
            left_pending(sim, id);
            stop_containers_unstarted(sim, id);
            after_containers(sim, id);
        }
        TaskStatus::Running if !desired_running => begin_stopping(sim, id),
        TaskStatus::Stopping => after_containers(sim, id),
        TaskStatus::Deprovisioning => {
            delete_task_eni(sim, id);
            finish(sim, id);
        }
        _ => {}
    }
}

fn stop_containers_unstarted(sim: &mut Sim, id: &str) {
    if let Some(t) = sim.world.tasks.get_mut(id) {
        for c in &mut t.containers {
            c.last_status = ContainerStatus::Stopped;
        }
    }
}

fn left_pending(sim: &mut Sim, id: &str) {
    let ci_id = sim
        .world
        .tasks
        .get(id)
        .map(|t| t.container_instance_id.clone())
        .unwrap_or_default();
    sim.world.change_container_instance(&ci_id, |ci| {
        ci.pending_tasks_count = ci.pending_tasks_count.saturating_sub(1);
        ci.version += 1;
    });
}

fn become_running(sim: &mut Sim, id: &str) {
    left_pending(sim, id);
    set_status(sim, id, TaskStatus::Running);
    let now = sim.now();
    let mut exits = Vec::new();
    if let Some(t) = sim.world.tasks.get_mut(id) {
        t.started_at = Some(now);
        for (i, c) in t.containers.iter_mut().enumerate() {
            c.last_status = ContainerStatus::Running;
            if let Some((ms, code)) = c.scripted_exit {
                exits.push((i, ms, code));
            }
        }
    }
    for (index, ms, exit_code) in exits {
        sim.schedule_in(
            ms,
            Timer::ContainerExit {
                task_id: id.to_string(),
                index,
                exit_code,
            },
        );
    }
    // A service task behind a load balancer joins its target groups.
    super::service_targets::task_running(sim, id);
}

/// The agent sends SIGTERM to every running container; each exits on its own or is killed.
fn begin_stopping(sim: &mut Sim, id: &str) {
    set_status(sim, id, TaskStatus::Stopping);
    let running: Vec<(usize, bool)> = sim
        .world
        .tasks
        .get(id)
        .map(|t| {
            t.containers
                .iter()
                .enumerate()
                .filter(|(_, c)| c.last_status == ContainerStatus::Running)
                .map(|(i, c)| (i, c.scripted_exit.is_some()))
                .collect()
        })
        .unwrap_or_default();
    if running.is_empty() {
        return all_exited(sim, id);
    }
    for (index, ignores_sigterm) in running {
        let (after, exit_code) = if ignores_sigterm {
            (STOP_TIMEOUT_MS, 137)
        } else {
            (sim.rng.range_u64(500, 2_000), 0)
        };
        sim.schedule_in(
            after,
            Timer::ContainerExit {
                task_id: id.to_string(),
                index,
                exit_code,
            },
        );
    }
}

fn all_exited(sim: &mut Sim, id: &str) {
    let now = sim.now();
    if let Some(t) = sim.world.tasks.get_mut(id) {
        t.execution_stopped_at = Some(now);
    }
    let d = sim.rng.range_u64(200, 800);
    sim.schedule_in(d, next(id, TaskStatus::Stopping));
}

/// STOPPED: resources go back to the instance.
fn finish(sim: &mut Sim, id: &str) {
    set_status(sim, id, TaskStatus::Stopped);
    release(sim, id);
    sim.schedule_in(
        HOUR_MS,
        Timer::TaskForgotten {
            task_id: id.to_string(),
        },
    );
}

fn set_status(sim: &mut Sim, id: &str, status: TaskStatus) {
    let Some(t) = sim.world.tasks.get_mut(id) else {
        return;
    };
    t.last_status = status;
    t.version += 1;
    let (arn, family) = (t.arn.clone(), t.family.clone());
    sim.record(What::TaskStateChanged {
        task_arn: arn,
        family: family.into(),
        status,
    });
}

/// Gives the task's resources back to its instance (at STOPPED).
fn release(sim: &mut Sim, id: &str) {
    let now = sim.now();
    // An ENI still there (the host went away under the task) goes with the task.
    delete_task_eni(sim, id);
    // Out of the table while the instance is updated (moving the box, not copying the task).
    let Some(mut t) = sim.world.tasks.remove(id) else {
        return;
    };
    t.stopped_at = Some(now);
    give_back(&mut sim.world, &t);
    sim.world.tasks.insert(id.to_string(), t);
}

fn give_back(world: &mut crate::sim::world::World, t: &Task) {
    if t.launch_type.is_fargate() {
        world.fargate_changed(t, -1);
    }
    world.change_container_instance_for_task(&t.container_instance_id, &t.group, -1, |ci| {
        if t.eni.is_some() {
            ci.task_enis = ci.task_enis.saturating_sub(1);
        }
        ci.reserved_cpu_units = ci.reserved_cpu_units.saturating_sub(t.cpu_units);
        ci.reserved_memory_mib = ci.reserved_memory_mib.saturating_sub(t.memory_mib);
        for p in &t.tcp_ports {
            if let Some(i) = ci.task_tcp_ports.iter().position(|q| q == p) {
                ci.task_tcp_ports.remove(i);
            }
        }
        for p in &t.udp_ports {
            if let Some(i) = ci.task_udp_ports.iter().position(|q| q == p) {
                ci.task_udp_ports.remove(i);
            }
        }
        if let Some(n) = ci.task_groups.get_mut(&t.group) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                ci.task_groups.remove(&t.group);
            }
        }
        ci.version += 1;
    });
}

/// Asks a task to stop: desiredStatus STOPPED at once (what StopTask returns); the agent
/// acts shortly after, if it is connected. Stopping a task already stopping changes nothing.
/// ECS deletes a task's tags when it is stopped.
pub fn stop(sim: &mut Sim, id: &str, stop_code: Option<StopCode>, reason: String) {
    let now = sim.now();
    let Some(t) = sim.world.tasks.get_mut(id) else {
        return;
    };
    if t.desired_status != DesiredStatus::Running {
        return;
    }
    t.desired_status = DesiredStatus::Stopped;
    t.stopping_at = Some(now);
    t.stop_code = stop_code;
    t.stopped_reason = Some(reason);
    t.tags.clear();
    t.version += 1;
    let (from, ci_id) = (t.last_status, t.container_instance_id.clone());
    sim.world.change_container_instance(&ci_id, |ci| {
        ci.running_tasks_count = ci.running_tasks_count.saturating_sub(1);
        ci.version += 1;
    });
    if agent_connected(sim, id) {
        let d = sim.rng.range_u64(100, 300);
        sim.schedule_in(d, next(id, from));
    }
    // It leaves its target groups at once (they drain it).
    super::service_targets::task_stopping(sim, id);
}

/// The agent came back: it carries out the stops asked while it was away.
pub(crate) fn agent_reconnected(sim: &mut Sim, container_instance_id: &str) {
    let waiting: Vec<(String, TaskStatus)> = sim
        .world
        .tasks
        .values()
        .filter(|t| {
            t.container_instance_id == container_instance_id
                && t.desired_status != DesiredStatus::Running
        })
        .filter(|t| matches!(t.last_status, TaskStatus::Pending | TaskStatus::Running))
        .map(|t| (t.id.clone(), t.last_status))
        .collect();
    for (id, from) in waiting {
        let d = sim.rng.range_u64(100, 300);
        sim.schedule_in(d, next(&id, from));
    }
}

/// A container exited: its `sleep` ended, the agent stopped it, or a `sim` fault killed it.
pub(crate) fn container_exit(sim: &mut Sim, id: &str, index: usize, exit_code: i32) {
    let Some(t) = sim.world.tasks.get_mut(id) else {
        return;
    };
    if !matches!(t.last_status, TaskStatus::Running | TaskStatus::Stopping) {
        return;
    }
    let stopping = t.last_status == TaskStatus::Stopping;
    let Some(c) = t.containers.get_mut(index) else {
        return;
    };
    if c.last_status != ContainerStatus::Running {
        return;
    }
    c.last_status = ContainerStatus::Stopped;
    c.exit_code = Some(exit_code);
    let (name, essential) = (c.name.clone(), c.essential);
    t.version += 1;
    let all_stopped = t
        .containers
        .iter()
        .all(|c| c.last_status == ContainerStatus::Stopped);
    let arn = t.arn.clone();
    sim.record(What::ContainerExited {
        task_arn: arn,
        container: name.as_str().into(),
        exit_code,
    });
    if stopping {
        if all_stopped {
            all_exited(sim, id);
        }
    } else if essential || all_stopped {
        stop(
            sim,
            id,
            Some(StopCode::EssentialContainerExited),
            "Essential container in task exited".into(),
        );
    }
}

pub(crate) fn forget(sim: &mut Sim, id: &str) {
    if sim
        .world
        .tasks
        .get(id)
        .is_some_and(|t| t.last_status == TaskStatus::Stopped)
    {
        sim.world.tasks.remove(id);
    }
}

/// Stops every live task on a container instance (its host went away, or it was deregistered
/// with --force).
pub fn stop_all_on(
    sim: &mut Sim,
    container_instance_id: &str,
    stop_code: Option<StopCode>,
    reason: &str,
) {
    let ids: Vec<String> = sim
        .world
        .tasks
        .values()
        .filter(|t| {
            t.container_instance_id == container_instance_id
                && t.desired_status == DesiredStatus::Running
        })
        .map(|t| t.id.clone())
        .collect();
    for id in ids {
        stop(sim, &id, stop_code, reason.to_string());
    }
}

/// The instance under a container instance is gone (terminated): its tasks cannot be
/// stopped by an agent any more, so ECS marks them STOPPED, and their ENIs go with the
/// instance. (Stop codes and reasons were set when the instance began shutting down.)
pub(crate) fn host_gone(sim: &mut Sim, container_instance_id: &str) {
    let ids: Vec<String> = sim
        .world
        .tasks
        .values()
        .filter(|t| t.container_instance_id == container_instance_id && t.is_live())
        .map(|t| t.id.clone())
        .collect();
    for id in ids {
        lost(sim, &id);
    }
}

/// A task whose host is gone (an instance terminated, an AZ lost): nothing is left to stop
/// its containers, so ECS marks it STOPPED at once and its resources go back. Its stop code
/// and reason are set by whoever asked it to stop.
pub(crate) fn lost(sim: &mut Sim, id: &str) {
    let now = sim.now();
    let Some(task) = sim.world.tasks.get(id) else {
        return;
    };
    if !task.is_live() {
        return;
    }
    if task.last_status.is_pending() {
        left_pending(sim, id);
    }
    if let Some(t) = sim.world.tasks.get_mut(id) {
        for c in &mut t.containers {
            c.last_status = ContainerStatus::Stopped;
        }
        t.execution_stopped_at.get_or_insert(now);
    }
    finish(sim, id);
}

/// Fargate Spot reclaims a task: a termination notice two minutes ahead (ECS-REFERENCE.md
/// §4.6). The task is asked to stop at once, with AWS's texts, and its containers get SIGTERM;
/// what has not exited when the two minutes are up is killed with the capacity.
pub fn spot_interrupted(sim: &mut Sim, id: &str) {
    sim.record(What::SpotInterruption {
        task_arn: task_arn(sim, id),
    });
    stop(
        sim,
        id,
        Some(StopCode::TerminationNotice),
        "Your Spot Task was interrupted.".into(),
    );
}

/// A fault: a container exits now with `exit_code` (the `sim kill` verb).
pub fn kill_container(sim: &mut Sim, id: &str, index: usize, exit_code: i32) {
    container_exit(sim, id, index, exit_code);
}
