//! The task lifecycle over simulated time (ECS-REFERENCE.md §5.1): PROVISIONING, PENDING
//! (the image pull), ACTIVATING, RUNNING; on a stop DEACTIVATING, STOPPING (SIGTERM, then
//! SIGKILL after the stop timeout), DEPROVISIONING, STOPPED. Resources are reserved on the
//! instance at placement and come back at STOPPED; stopped tasks stay describable for an hour.
//!
//! Durations are drawn from the seed. Our choices where ECS documents none: provisioning
//! 0.5-1.5 s, image pull 2-12 s, activating 0.2-0.6 s, deactivating 0.1-0.3 s, a container
//! that handles SIGTERM exits 0 within 0.5-2 s, while a container whose command is `sleep N`
//! (PID 1 ignores SIGTERM) is killed after its stop timeout (30 s unless the definition says
//! otherwise) with exit code 137.

use super::queue::Timer;
use super::Sim;
use crate::model::task::{Task, TaskStatus};
use crate::model::time::{HOUR_MS, SECOND_MS};

/// Reserves the task's resources on its instance and starts its lifecycle.
pub fn start(sim: &mut Sim, task: Task) {
    let id = task.id.clone();
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
        *ci.task_groups.entry(task.group.clone()).or_insert(0) += 1;
        ci.version += 1;
    }
    sim.world.reindex(&task.container_instance_id);
    sim.world
        .group_changed(&task.container_instance_id, &task.group, 1);
    sim.record(
        "TaskPlaced",
        format!(
            "Task {} ({}) placed on {} in {}",
            short(&task.id),
            task.family,
            task.ec2_instance_id,
            task.availability_zone
        ),
        vec![task.arn.clone(), task.container_instance_arn.clone()],
    );
    sim.world.tasks.insert(id.clone(), task);
    let delay = sim.rng.range_u64(500, 1_500);
    sim.schedule_in(
        delay,
        Timer::TaskStep {
            task_id: id,
            from: TaskStatus::Provisioning,
        },
    );
}

fn next(id: &str, from: TaskStatus) -> Timer {
    Timer::TaskStep {
        task_id: id.to_string(),
        from,
    }
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// Moves a task to its next state (the TaskStep timer).
pub(crate) fn step(sim: &mut Sim, id: &str, from: TaskStatus) {
    let now = sim.now();
    let Some(task) = sim.world.tasks.get(id) else {
        return;
    };
    let status = task.last_status;
    if status != from {
        return;
    }
    match status {
        TaskStatus::Provisioning => {
            set_status(sim, id, TaskStatus::Pending);
            let pull_start = sim.rng.range_u64(200, 800);
            let pull = sim.rng.range_u64(2 * SECOND_MS, 12 * SECOND_MS);
            if let Some(t) = sim.world.tasks.get_mut(id) {
                t.pull_started_at = Some(now + pull_start);
                t.pull_stopped_at = Some(now + pull_start + pull);
                t.connectivity_at = Some(now);
            }
            sim.schedule_in(pull_start + pull, next(id, TaskStatus::Pending));
        }
        TaskStatus::Pending => {
            set_status(sim, id, TaskStatus::Activating);
            let d = sim.rng.range_u64(200, 600);
            sim.schedule_in(d, next(id, TaskStatus::Activating));
        }
        TaskStatus::Activating => {
            set_status(sim, id, TaskStatus::Running);
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
        TaskStatus::Running => {}
        TaskStatus::Deactivating => {
            set_status(sim, id, TaskStatus::Stopping);
            // SIGTERM now; each container exits on its own or is killed at the stop timeout.
            let mut last = 0;
            let n = sim.world.tasks.get(id).map_or(0, |t| t.containers.len());
            for i in 0..n {
                let Some(c) = sim.world.tasks.get(id).and_then(|t| t.containers.get(i)) else {
                    continue;
                };
                if c.last_status == "STOPPED" {
                    continue;
                }
                let (after, code) = if c.sleep_ms.is_some() {
                    (STOP_TIMEOUT_MS, 137)
                } else {
                    (sim.rng.range_u64(500, 2_000), 0)
                };
                if let Some(c) = sim
                    .world
                    .tasks
                    .get_mut(id)
                    .and_then(|t| t.containers.get_mut(i))
                {
                    c.last_status = "STOPPED";
                    c.exit_code = Some(code);
                }
                last = last.max(after);
            }
            if let Some(t) = sim.world.tasks.get_mut(id) {
                t.execution_stopped_at = Some(now + last);
            }
            sim.schedule_in(last, next(id, TaskStatus::Stopping));
        }
        TaskStatus::Stopping => {
            set_status(sim, id, TaskStatus::Deprovisioning);
            let d = sim.rng.range_u64(200, 800);
            sim.schedule_in(d, next(id, TaskStatus::Deprovisioning));
        }
        TaskStatus::Deprovisioning => {
            set_status(sim, id, TaskStatus::Stopped);
            release(sim, id);
            sim.schedule_in(
                HOUR_MS,
                Timer::TaskForgotten {
                    task_id: id.to_string(),
                },
            );
        }
        TaskStatus::Stopped => {}
    }
}

/// How long a container that ignores SIGTERM has before SIGKILL (ECS's default stopTimeout).
const STOP_TIMEOUT_MS: u64 = 30 * SECOND_MS;

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
    sim.world.reindex(&t.container_instance_id);
    sim.world
        .group_changed(&t.container_instance_id, &t.group, -1);
}

/// Asks a task to stop: desiredStatus STOPPED at once, then the stop sequence. Stopping a
/// task that is already stopping changes nothing.
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
    t.version += 1;
    let was = t.last_status;
    let ci_id = t.container_instance_id.clone();
    if let Some(ci) = sim.world.container_instances.get_mut(&ci_id) {
        ci.running_tasks_count = ci.running_tasks_count.saturating_sub(1);
        if was.is_pending() {
            ci.pending_tasks_count = ci.pending_tasks_count.saturating_sub(1);
        }
        ci.version += 1;
    }
    // Whatever it was doing, the task now deactivates; a start-up timer still pending finds
    // the task in another state and does nothing.
    set_status(sim, id, TaskStatus::Deactivating);
    let d = sim.rng.range_u64(100, 300);
    sim.schedule_in(d, next(id, TaskStatus::Deactivating));
}

/// A container exited (its `sleep` ended, or a `sim` fault killed it).
pub(crate) fn container_exit(sim: &mut Sim, id: &str, index: usize, exit_code: i32) {
    let Some(t) = sim.world.tasks.get_mut(id) else {
        return;
    };
    if t.last_status != TaskStatus::Running {
        return;
    }
    let Some(c) = t.containers.get_mut(index) else {
        return;
    };
    if c.last_status == "STOPPED" {
        return;
    }
    c.last_status = "STOPPED";
    c.exit_code = Some(exit_code);
    let (name, essential) = (c.name.clone(), c.essential);
    t.version += 1;
    let arn = t.arn.clone();
    sim.record(
        "ContainerExited",
        format!(
            "Container {name} of task {} exited with code {exit_code}",
            short(id)
        ),
        vec![arn],
    );
    if essential {
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
