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

use super::queue::Timer;
use super::Sim;
use crate::model::task::{Task, TaskStatus};
use crate::model::time::{HOUR_MS, SECOND_MS};

/// How long a container that ignores SIGTERM has before SIGKILL (ECS's default stopTimeout).
const STOP_TIMEOUT_MS: u64 = 30 * SECOND_MS;

fn next(id: &str, from: TaskStatus) -> Timer {
    Timer::TaskStep {
        task_id: id.to_string(),
        from,
    }
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// Reserves the task's resources on its instance and starts its lifecycle.
pub fn start(sim: &mut Sim, mut task: Task) {
    let id = task.id.clone();
    let now = sim.now();
    let pull_start = sim.rng.range_u64(200, 800);
    let pull = sim.rng.range_u64(2 * SECOND_MS, 12 * SECOND_MS);
    let settle = sim.rng.range_u64(200, 600);
    task.last_status = TaskStatus::Pending;
    task.connectivity_at = Some(now);
    task.pull_started_at = Some(now + pull_start);
    task.pull_stopped_at = Some(now + pull_start + pull);
    if let Some(ci) = sim
        .world
        .container_instances
        .get_mut(&task.container_instance_id)
    {
        ci.reserved_cpu_units += task.cpu_units;
        ci.reserved_memory_mib += task.memory_mib;
        ci.task_tcp_ports.extend(&task.tcp_ports);
        ci.task_udp_ports.extend(&task.udp_ports);
        ci.running_tasks_count += 1;
        ci.pending_tasks_count += 1;
        match ci.task_groups.get_mut(&task.group) {
            Some(n) => *n += 1,
            None => _ = ci.task_groups.insert(task.group.clone(), 1),
        }
        ci.version += 1;
    }
    sim.world
        .reindex_task(&task.container_instance_id, &task.group, 1);
    sim.record(
        "TaskPlaced",
        [
            "Task ",
            short(&task.id),
            " (",
            &task.family,
            ") placed on ",
            &task.ec2_instance_id,
            " in ",
            task.availability_zone,
        ]
        .concat(),
        vec![task.arn.clone(), task.container_instance_arn.clone()],
    );
    let pulled = next(&id, TaskStatus::Pending);
    sim.world.tasks.insert(id, Box::new(task));
    sim.schedule_in(pull_start + pull + settle, pulled);
}

/// Whether the agent of the task's instance can act now.
fn agent_connected(sim: &Sim, id: &str) -> bool {
    sim.world
        .tasks
        .get(id)
        .and_then(|t| sim.world.container_instances.get(&t.container_instance_id))
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
    let desired_running = task.desired_running;
    match from {
        TaskStatus::Pending if desired_running => become_running(sim, id),
        // Stopped before it ever ran: nothing to signal.
        TaskStatus::Pending => {
            left_pending(sim, id);
            if let Some(t) = sim.world.tasks.get_mut(id) {
                for c in &mut t.containers {
                    c.last_status = "STOPPED";
                }
            }
            finish(sim, id);
        }
        TaskStatus::Running if !desired_running => begin_stopping(sim, id),
        TaskStatus::Stopping => finish(sim, id),
        _ => {}
    }
}

fn left_pending(sim: &mut Sim, id: &str) {
    let ci_id = sim
        .world
        .tasks
        .get(id)
        .map(|t| t.container_instance_id.clone())
        .unwrap_or_default();
    if let Some(ci) = sim.world.container_instances.get_mut(&ci_id) {
        ci.pending_tasks_count = ci.pending_tasks_count.saturating_sub(1);
        ci.version += 1;
    }
}

fn become_running(sim: &mut Sim, id: &str) {
    left_pending(sim, id);
    set_status(sim, id, TaskStatus::Running);
    let now = sim.now();
    let mut exits = Vec::new();
    if let Some(t) = sim.world.tasks.get_mut(id) {
        t.started_at = Some(now);
        for (i, c) in t.containers.iter_mut().enumerate() {
            c.last_status = "RUNNING";
            if let Some(ms) = c.sleep_ms {
                exits.push((i, ms));
            }
        }
    }
    for (index, ms) in exits {
        sim.schedule_in(
            ms,
            Timer::ContainerExit {
                task_id: id.to_string(),
                index,
                exit_code: 0,
            },
        );
    }
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
                .filter(|(_, c)| c.last_status == "RUNNING")
                .map(|(i, c)| (i, c.sleep_ms.is_some()))
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
    sim.record(
        "TaskStateChanged",
        format!("Task {} ({family}) is {}", short(id), status.as_str()),
        vec![arn],
    );
}

/// Gives the task's resources back to its instance (at STOPPED).
fn release(sim: &mut Sim, id: &str) {
    let now = sim.now();
    let Some(t) = sim.world.tasks.get_mut(id) else {
        return;
    };
    t.stopped_at = Some(now);
    let t = t.clone();
    let Some(ci) = sim
        .world
        .container_instances
        .get_mut(&t.container_instance_id)
    else {
        return;
    };
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
    sim.world
        .reindex_task(&t.container_instance_id, &t.group, -1);
}

/// Asks a task to stop: desiredStatus STOPPED at once (what StopTask returns); the agent
/// acts shortly after, if it is connected. Stopping a task already stopping changes nothing.
/// ECS deletes a task's tags when it is stopped.
pub fn stop(sim: &mut Sim, id: &str, stop_code: Option<&'static str>, reason: String) {
    let now = sim.now();
    let Some(t) = sim.world.tasks.get_mut(id) else {
        return;
    };
    if !t.desired_running {
        return;
    }
    t.desired_running = false;
    t.stopping_at = Some(now);
    t.stop_code = stop_code;
    t.stopped_reason = Some(reason);
    t.tags.clear();
    t.version += 1;
    let (from, ci_id) = (t.last_status, t.container_instance_id.clone());
    if let Some(ci) = sim.world.container_instances.get_mut(&ci_id) {
        ci.running_tasks_count = ci.running_tasks_count.saturating_sub(1);
        ci.version += 1;
    }
    if agent_connected(sim, id) {
        let d = sim.rng.range_u64(100, 300);
        sim.schedule_in(d, next(id, from));
    }
}

/// The agent came back: it carries out the stops asked while it was away.
pub(crate) fn agent_reconnected(sim: &mut Sim, container_instance_id: &str) {
    let waiting: Vec<(String, TaskStatus)> = sim
        .world
        .tasks
        .values()
        .filter(|t| t.container_instance_id == container_instance_id && !t.desired_running)
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
    if c.last_status != "RUNNING" {
        return;
    }
    c.last_status = "STOPPED";
    c.exit_code = Some(exit_code);
    let (name, essential) = (c.name.clone(), c.essential);
    t.version += 1;
    let all_stopped = t.containers.iter().all(|c| c.last_status == "STOPPED");
    let arn = t.arn.clone();
    sim.record(
        "ContainerExited",
        format!(
            "Container {name} of task {} exited with code {exit_code}",
            short(id)
        ),
        vec![arn],
    );
    if stopping {
        if all_stopped {
            all_exited(sim, id);
        }
    } else if essential || all_stopped {
        stop(
            sim,
            id,
            Some("EssentialContainerExited"),
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
    stop_code: Option<&'static str>,
    reason: &str,
) {
    let ids: Vec<String> = sim
        .world
        .tasks
        .values()
        .filter(|t| t.container_instance_id == container_instance_id && t.desired_running)
        .map(|t| t.id.clone())
        .collect();
    for id in ids {
        stop(sim, &id, stop_code, reason.to_string());
    }
}

/// A fault: a container exits now with `exit_code` (the `sim kill` verb).
pub fn kill_container(sim: &mut Sim, id: &str, index: usize, exit_code: i32) {
    container_exit(sim, id, index, exit_code);
}
