//! What a task asks for: its definition with RunTask's overrides applied (container commands,
//! environment, CPU and memory), the roles the caller passes, and the resources placement
//! must find for it.

use serde_json::Value;

use super::invalid;
use crate::api::error::ApiError;
use crate::api::input::Input;
use crate::json::json;
use crate::model::task_def::TaskDefinition;
use crate::placement::TaskNeeds;
use crate::sim::Sim;

/// Container overrides as RunTask takes them, checked against the definition.
pub(super) struct Overrides {
    /// As describe-tasks shows them; one copy for every task of the call.
    pub(super) raw: std::sync::Arc<Value>,
    pub(super) task_cpu: Option<u32>,
    pub(super) task_memory: Option<u32>,
    pub(super) containers: Vec<ContainerOverride>,
}

#[derive(Default, Clone)]
pub(super) struct ContainerOverride {
    pub(super) name: String,
    pub(super) command: Option<Vec<String>>,
    pub(super) cpu: Option<u32>,
    pub(super) memory: Option<u32>,
    pub(super) memory_reservation: Option<u32>,
}

/// The caller must be allowed to pass the roles the tasks will use: the definition's, or the
/// overrides' in their place.
pub(super) fn pass_roles(
    sim: &Sim,
    td: &TaskDefinition,
    overrides: &Overrides,
) -> Result<(), ApiError> {
    let named = |key: &str| overrides.raw.get(key).and_then(Value::as_str);
    crate::api::pass_role::check(
        sim,
        &[
            named("taskRoleArn").or(td.task_role_arn.as_deref()),
            named("executionRoleArn").or(td.execution_role_arn.as_deref()),
        ],
    )
}

pub(super) fn parse_overrides(input: &Input, td: &TaskDefinition) -> Result<Overrides, ApiError> {
    let Some(o) = input.object("overrides")? else {
        let names = td
            .container_definitions
            .iter()
            .map(|c| json!({"name": c.name}))
            .collect::<Vec<_>>();
        return Ok(Overrides {
            raw: json!({"containerOverrides": names, "inferenceAcceleratorOverrides": []}).into(),
            task_cpu: None,
            task_memory: None,
            containers: Vec::new(),
        });
    };
    let number = |v: Option<&str>, what: &str| -> Result<Option<u32>, ApiError> {
        v.map(|s| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| invalid(format!("Invalid {what} override: {s}")))
        })
        .transpose()
    };
    let task_cpu = number(o.str("cpu")?, "cpu")?;
    let task_memory = number(o.str("memory")?, "memory")?;
    let mut containers = Vec::new();
    for c in o.list("containerOverrides")? {
        let name = c.str("name")?.unwrap_or_default().to_string();
        if !td.container_definitions.iter().any(|d| d.name == name) {
            return Err(invalid(format!(
                "Override for container named {name} is not a container in the TaskDefinition."
            )));
        }
        let int = |key: &str| -> Result<Option<u32>, ApiError> {
            Ok(c.i64(key)?.map(|v| v.clamp(0, i64::from(u32::MAX)) as u32))
        };
        let command = c
            .value("command")
            .map(|_| c.strings("command"))
            .transpose()?;
        containers.push(ContainerOverride {
            name,
            command: command.map(|v| v.into_iter().map(str::to_string).collect()),
            cpu: int("cpu")?,
            memory: int("memory")?,
            memory_reservation: int("memoryReservation")?,
        });
    }
    let mut raw = o.as_value();
    if let Some(m) = raw.as_object_mut() {
        m.entry("inferenceAcceleratorOverrides")
            .or_insert(json!([]));
    }
    Ok(Overrides {
        raw: raw.into(),
        task_cpu,
        task_memory,
        containers,
    })
}

/// A container of the task: its definition with the overrides applied.
pub(super) struct Part<'a> {
    pub(super) def: &'a crate::model::task_def::ContainerDefinition,
    pub(super) cpu: u32,
    pub(super) memory: Option<u32>,
    pub(super) memory_reservation: Option<u32>,
    pub(super) command: Option<Vec<String>>,
}

/// The task's containers with overrides applied.
pub(super) fn containers<'a>(td: &'a TaskDefinition, overrides: &Overrides) -> Vec<Part<'a>> {
    td.container_definitions
        .iter()
        .map(|d| {
            let o = overrides.containers.iter().find(|o| o.name == d.name);
            let command = o.and_then(|o| o.command.clone()).or_else(|| {
                d.command.as_ref().and_then(|v| v.as_array()).map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
            });
            Part {
                def: d,
                cpu: o.and_then(|o| o.cpu).unwrap_or(d.cpu),
                memory: o.and_then(|o| o.memory).or(d.memory),
                memory_reservation: o
                    .and_then(|o| o.memory_reservation)
                    .or(d.memory_reservation),
                command,
            }
        })
        .collect()
}

/// What the task reserves: task-level values when set (or overridden), else container sums
/// (memoryReservation if set, else memory), as ECS-REFERENCE.md §2.2.
pub(super) fn needs(td: &TaskDefinition, overrides: &Overrides, group: &str) -> TaskNeeds {
    let parts = containers(td, overrides);
    let cpu = overrides
        .task_cpu
        .or_else(|| td.cpu.as_deref().and_then(|c| c.parse().ok()))
        .unwrap_or_else(|| parts.iter().map(|p| p.cpu).sum());
    let memory = overrides
        .task_memory
        .or_else(|| td.memory.as_deref().and_then(|m| m.parse().ok()))
        .unwrap_or_else(|| {
            parts
                .iter()
                .map(|p| p.memory_reservation.or(p.memory).unwrap_or(0))
                .sum()
        });
    let (tcp, udp) = td.static_host_ports();
    let mut attributes: Vec<(String, Option<String>)> = td
        .requires_attributes
        .iter()
        .map(|a| (a.name.clone(), None))
        .collect();
    let arch = td
        .runtime_platform
        .as_ref()
        .and_then(|p| p.get("cpuArchitecture"))
        .and_then(Value::as_str);
    if let Some(arch) = arch {
        attributes.push((
            "ecs.cpu-architecture".into(),
            Some(arch.to_ascii_lowercase()),
        ));
    }
    TaskNeeds {
        cpu_units: cpu,
        memory_mib: memory,
        tcp_ports: tcp,
        udp_ports: udp,
        attributes,
        group: group.to_string(),
        eni: None,
    }
}
