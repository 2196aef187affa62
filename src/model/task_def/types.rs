//! The task definition's types, serialised as `describe-task-definition` prints them, its
//! limits, and [`TaskDefError`], the error every rule returns.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The most containers one task definition may hold (ECS quota).
pub const MAX_CONTAINERS: usize = 10;
/// The most placement constraints a task definition may carry.
pub const MAX_PLACEMENT_CONSTRAINTS: usize = 10;
/// The longest cluster-query-language expression a `memberOf` constraint may hold.
pub const MAX_CONSTRAINT_EXPRESSION_CHARS: usize = 2000;
/// The longest family, container name or image ECS accepts.
pub const MAX_NAME_CHARS: usize = 255;
/// ECS rejects a RegisterTaskDefinition request body larger than this many bytes.
pub const MAX_REQUEST_BYTES: usize = 65536;
/// Docker 20.10+ refuses a container memory limit under 6 MiB, so ECS does too.
pub const MIN_CONTAINER_MEMORY_MIB: u32 = 6;
/// Task-level `cpu` range for EC2/EXTERNAL (0.125 to 192 vCPU), per the API reference.
pub const EC2_TASK_CPU_RANGE: (u32, u32) = (128, 196_608);
/// Fargate ephemeral storage: 20 GiB by default, 21..=200 GiB when enlarged.
pub const EPHEMERAL_STORAGE_GIB_RANGE: (u32, u32) = (21, 200);
/// Fargate caps a container's `stopTimeout` at 120 seconds.
pub const FARGATE_MAX_STOP_TIMEOUT_SECONDS: i64 = 120;

/// The network modes of the API's `NetworkMode` enum.
pub const NETWORK_MODES: [&str; 4] = [
    NetworkMode::Bridge.as_str(),
    NetworkMode::Host.as_str(),
    NetworkMode::Awsvpc.as_str(),
    NetworkMode::None.as_str(),
];
/// A task definition's network mode, as ECS spells it (`bridge`, `host`, `awsvpc`, `none`).
/// The definition keeps the string it was registered with, so it echoes exactly what ECS
/// echoes; [`TaskDefinition::network_mode`] reads it as this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkMode {
    Bridge,
    Host,
    Awsvpc,
    None,
}

impl NetworkMode {
    pub const fn as_str(self) -> &'static str {
        match self {
            NetworkMode::Bridge => "bridge",
            NetworkMode::Host => "host",
            NetworkMode::Awsvpc => "awsvpc",
            NetworkMode::None => "none",
        }
    }

    /// The mode ECS spells `s`, if any.
    pub fn parse(s: &str) -> Option<NetworkMode> {
        match s {
            "bridge" => Some(NetworkMode::Bridge),
            "host" => Some(NetworkMode::Host),
            "awsvpc" => Some(NetworkMode::Awsvpc),
            "none" => Some(NetworkMode::None),
            _ => None,
        }
    }

    /// The mode of an optional `networkMode`: `bridge` when unset (ECS's Linux default).
    pub fn of(mode: Option<&str>) -> NetworkMode {
        mode.and_then(NetworkMode::parse)
            .unwrap_or(NetworkMode::Bridge)
    }
}

impl fmt::Display for NetworkMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The launch types a task definition can be validated against (`Compatibility` enum; the
/// simulator does not model `MANAGED_INSTANCES`).
pub const COMPATIBILITIES: [&str; 3] = [
    Compatibility::Ec2.as_str(),
    Compatibility::Fargate.as_str(),
    Compatibility::External.as_str(),
];

/// A launch type a task definition is valid for (`compatibilities`) or asks to be validated
/// against (`requiresCompatibilities`), as ECS spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Compatibility {
    #[serde(rename = "EC2")]
    Ec2,
    #[serde(rename = "FARGATE")]
    Fargate,
    #[serde(rename = "EXTERNAL")]
    External,
}

impl Compatibility {
    pub const fn as_str(self) -> &'static str {
        match self {
            Compatibility::Ec2 => "EC2",
            Compatibility::Fargate => "FARGATE",
            Compatibility::External => "EXTERNAL",
        }
    }

    /// The compatibility ECS spells `s`, if any.
    pub fn parse(s: &str) -> Option<Compatibility> {
        match s {
            "EC2" => Some(Compatibility::Ec2),
            "FARGATE" => Some(Compatibility::Fargate),
            "EXTERNAL" => Some(Compatibility::External),
            _ => None,
        }
    }
}

impl fmt::Display for Compatibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
/// Log drivers a Fargate task may use.
pub const FARGATE_LOG_DRIVERS: [&str; 3] = ["awslogs", "splunk", "awsfirelens"];

pub(super) const CLIENT: &str = "ClientException";
pub(super) const INVALID_PARAMETER: &str = "InvalidParameterException";

/// An error of RegisterTaskDefinition, as ECS returns it.
///
/// `code` is the AWS error code: `ClientException` for the semantic rules (ECS's own choice for
/// nearly every registration error), `InvalidParameterException` for a value outside an enum or
/// of the wrong JSON type (our choice: the request shape itself is wrong).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDefError {
    /// `"ClientException"` or `"InvalidParameterException"`.
    pub code: &'static str,
    /// The message text, exactly as the AWS CLI prints it after the code.
    pub message: String,
}

impl TaskDefError {
    pub(super) fn client(message: impl Into<String>) -> Self {
        TaskDefError {
            code: CLIENT,
            message: message.into(),
        }
    }

    pub(super) fn invalid_parameter(message: impl Into<String>) -> Self {
        TaskDefError {
            code: INVALID_PARAMETER,
            message: message.into(),
        }
    }
}

impl fmt::Display for TaskDefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for TaskDefError {}

pub(super) type Result<T> = std::result::Result<T, TaskDefError>;

/// A task definition revision's status: `ACTIVE` when registered, `INACTIVE` once
/// deregistered (it still runs the tasks and services that use it), `DELETE_IN_PROGRESS` once
/// deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskDefinitionStatus {
    #[default]
    Active,
    Inactive,
    DeleteInProgress,
}

impl TaskDefinitionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskDefinitionStatus::Active => "ACTIVE",
            TaskDefinitionStatus::Inactive => "INACTIVE",
            TaskDefinitionStatus::DeleteInProgress => "DELETE_IN_PROGRESS",
        }
    }
}

/// A registered task definition (serde-serialisable to exactly the JSON `describe-task-definition`
/// returns under "taskDefinition", with AWS's camelCase member names and AWS's order of keys).
///
/// Members ECS omits when unset are `Option`s skipped when `None`; the lists ECS always prints
/// (`volumes`, `placementConstraints`, `compatibilities`) are plain `Vec`s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinition {
    /// `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>`; empty until the
    /// caller registers the definition.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub task_definition_arn: String,
    /// The containers, normalised (ECS's defaults filled in).
    pub container_definitions: Vec<ContainerDefinition>,
    /// The family name; revisions of one family share it.
    pub family: String,
    /// The role the application code assumes (task role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_role_arn: Option<String>,
    /// The role the agent uses to pull images, ship logs and read secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_role_arn: Option<String>,
    /// As given; ECS prints nothing when the request named no mode (EC2 then uses `bridge`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<String>,
    /// 1 for the first registration of a family, +1 each time; 0 until the caller assigns it.
    pub revision: u32,
    /// Task volumes (a volume with no configuration gets `"host": {}`).
    #[serde(default)]
    pub volumes: Vec<Volume>,
    pub status: TaskDefinitionStatus,
    /// Container-instance attributes the task needs to be placed on EC2 (derived).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires_attributes: Vec<Attribute>,
    /// Task-definition placement constraints (only `memberOf`).
    #[serde(default)]
    pub placement_constraints: Vec<PlacementConstraint>,
    /// The launch types this definition passed validation for (derived).
    #[serde(default)]
    pub compatibilities: Vec<Compatibility>,
    /// `{operatingSystemFamily, cpuArchitecture}`, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_platform: Option<Value>,
    /// The launch types the request asked ECS to validate against, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_compatibilities: Option<Vec<Compatibility>>,
    /// Task CPU units as an integer string (`"1 vCPU"` is stored as `"1024"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<String>,
    /// Task memory in MiB as an integer string (`"2 GB"` is stored as `"2048"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
    /// Elastic Inference accelerators, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inference_accelerators: Option<Value>,
    /// `host` or `task`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_mode: Option<String>,
    /// `host`, `task` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipc_mode: Option<String>,
    /// App Mesh proxy configuration, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_configuration: Option<Value>,
    /// Registration time as the CLI prints it; empty until the caller registers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub registered_at: String,
    /// Deregistration time, once deregistered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deregistered_at: Option<String>,
    /// The principal ARN that registered it; empty until the caller registers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub registered_by: String,
    /// Fargate ephemeral storage beyond the default 20 GiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage: Option<EphemeralStorage>,
    /// Whether fault-injection requests are accepted from the task's containers, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_fault_injection: Option<bool>,
}

/// One container of a task definition, in the API's `ContainerDefinition` member order.
///
/// The members this simulator reasons about are typed; the rest are kept verbatim as JSON so a
/// describe returns what was registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDefinition {
    /// Unique within the task; 1-255 letters, digits, `-`, `_`.
    pub name: String,
    /// `repository:tag` or `repository@digest`.
    pub image: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository_credentials: Option<Value>,
    /// CPU units (Docker CPU shares); ECS stores 0 when unset.
    #[serde(default)]
    pub cpu: u32,
    /// Hard memory limit, MiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<u32>,
    /// Soft memory limit, MiB (what placement reserves when set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Value>,
    /// Port mappings with `protocol` and (per network mode) `hostPort` filled in.
    #[serde(default)]
    pub port_mappings: Vec<PortMapping>,
    /// If an essential container stops, the whole task stops; ECS stores `true` when unset.
    #[serde(default = "default_true")]
    pub essential: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_point: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Value>,
    /// `[{name, value}]`; ECS stores `[]` when unset.
    #[serde(default)]
    pub environment: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment_files: Option<Value>,
    /// `[{sourceVolume, containerPath, readOnly}]`; ECS stores `[]` when unset.
    #[serde(default)]
    pub mount_points: Vec<Value>,
    /// `[{sourceContainer, readOnly}]`; ECS stores `[]` when unset.
    #[serde(default)]
    pub volumes_from: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linux_parameters: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timeout: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_consistency: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_directory: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_networking: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileged: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readonly_root_filesystem: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_servers: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_search_domains: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_hosts: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_security_options: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interactive: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudo_terminal: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_labels: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ulimits: Option<Value>,
    /// `{logDriver, options, secretOptions}`, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_configuration: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<Value>,
    /// Namespaced kernel parameters; ECS stores `[]` when unset.
    #[serde(default)]
    pub system_controls: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_requirements: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firelens_configuration: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_specs: Option<Value>,
}

fn default_true() -> bool {
    true
}

/// A container port published through the task's network mode (API `PortMapping`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortMapping {
    /// The port inside the container (absent only when `containerPortRange` is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_port: Option<u16>,
    /// The host port: equal to `containerPort` in awsvpc/host mode, 0 (dynamic) or a static port
    /// in bridge mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<u16>,
    /// `tcp` (ECS's default) or `udp`.
    #[serde(default = "default_protocol")]
    pub protocol: String,
    /// Service Connect name of the mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `http`, `http2` or `grpc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
    /// `"first-last"`; the host ports are then chosen dynamically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_port_range: Option<String>,
}

pub(super) fn default_protocol() -> String {
    "tcp".to_string()
}

/// A task volume (API `Volume`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    /// What `mountPoints[].sourceVolume` refers to; unique within the task.
    pub name: String,
    /// Bind mount (`{sourcePath}`) or, when empty, a Docker-managed scratch volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configured_at_launch: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_volume_configuration: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efs_volume_configuration: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsx_windows_file_server_volume_configuration: Option<Value>,
}

/// A container-instance attribute a task needs (`requiresAttributes` entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    /// e.g. `ecs.capability.task-eni`, which an instance must advertise for awsvpc tasks.
    pub name: String,
}

/// A task-definition placement constraint; ECS allows only `memberOf` here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacementConstraint {
    /// Always `memberOf` here (`distinctInstance` is for RunTask/CreateService only).
    #[serde(rename = "type")]
    pub constraint_type: String,
    /// A cluster-query-language expression, at most 2000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
}

/// Fargate ephemeral storage size (`{"sizeInGiB": n}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EphemeralStorage {
    /// 21..=200 GiB (the default, 20 GiB, is expressed by omitting the member).
    #[serde(rename = "sizeInGiB")]
    pub size_in_gib: u32,
}

impl TaskDefinition {
    /// The CPU units placement reserves (task cpu if set, else the sum of container cpu).
    pub fn cpu_units(&self) -> u32 {
        match self.cpu.as_deref().and_then(|c| c.parse::<u32>().ok()) {
            Some(units) => units,
            None => self
                .container_definitions
                .iter()
                .fold(0u32, |sum, c| sum.saturating_add(c.cpu)),
        }
    }

    /// The memory placement reserves, MiB (task memory if set, else sum of
    /// memoryReservation-or-memory).
    pub fn memory_mib(&self) -> u32 {
        match self.memory.as_deref().and_then(|m| m.parse::<u32>().ok()) {
            Some(mib) => mib,
            None => self
                .container_definitions
                .iter()
                .fold(0u32, |sum, c| sum.saturating_add(container_reserved_mib(c))),
        }
    }

    /// Static host ports (tcp, udp) the task reserves on an instance (bridge/host static
    /// mappings; awsvpc reserves none on the host). Sorted, without duplicates.
    pub fn static_host_ports(&self) -> (Vec<u16>, Vec<u16>) {
        let mut tcp = Vec::new();
        let mut udp = Vec::new();
        if matches!(self.network_mode(), NetworkMode::Bridge | NetworkMode::Host) {
            let mappings = self
                .container_definitions
                .iter()
                .flat_map(|c| c.port_mappings.iter());
            for mapping in mappings {
                let Some(port) = mapping.host_port.filter(|p| *p > 0) else {
                    continue;
                };
                if mapping.protocol == "udp" {
                    udp.push(port);
                } else {
                    tcp.push(port);
                }
            }
        }
        // (Sorted vectors rather than sets: the shared sort keeps the wasm small.)
        for ports in [&mut tcp, &mut udp] {
            crate::sort::sort(ports);
            ports.dedup();
        }
        (tcp, udp)
    }

    /// Whether Fargate can run this definition (`compatibilities` contains `FARGATE`).
    pub fn is_fargate_compatible(&self) -> bool {
        self.compatibilities.contains(&Compatibility::Fargate)
    }

    /// The effective network mode (`bridge` when unset, ECS's Linux default).
    pub fn network_mode(&self) -> NetworkMode {
        NetworkMode::of(self.network_mode.as_deref())
    }

    /// Whether the request asked ECS to validate against Fargate.
    pub fn requires_fargate(&self) -> bool {
        self.requires_compatibilities
            .as_ref()
            .is_some_and(|list| list.contains(&Compatibility::Fargate))
    }
}

/// What placement reserves for one container: `memoryReservation` if set, else `memory`.
pub(super) fn container_reserved_mib(container: &ContainerDefinition) -> u32 {
    container
        .memory_reservation
        .or(container.memory)
        .unwrap_or(0)
}

pub(super) fn log_driver(container: &ContainerDefinition) -> Option<&str> {
    container
        .log_configuration
        .as_ref()
        .and_then(|c| c.get("logDriver"))
        .and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::task_def::testing::{fargate, patch, patch_container};
    use crate::model::task_def::validate;
    use serde_json::json;

    #[test]
    fn fargate_example_serialises_to_the_aws_shape() {
        let request = json!({"family":"web","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512",
            "executionRoleArn":"arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
            "containerDefinitions":[{"name":"app","image":"httpd:2.4","essential":true,
              "portMappings":[{"containerPort":80,"protocol":"tcp"}],
              "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/web","awslogs-region":"us-east-1","awslogs-stream-prefix":"ecs"}}}]});
        let td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
        let expected = json!({
            "containerDefinitions": [{
                "name": "app",
                "image": "httpd:2.4",
                "cpu": 0,
                "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
                "essential": true,
                "environment": [],
                "mountPoints": [],
                "volumesFrom": [],
                "logConfiguration": {"logDriver": "awslogs", "options": {
                    "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}},
                "systemControls": []
            }],
            "family": "web",
            "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
            "networkMode": "awsvpc",
            "revision": 0,
            "volumes": [],
            "status": "ACTIVE",
            "requiresAttributes": [
                {"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"},
                {"name": "ecs.capability.execution-role-awslogs"},
                {"name": "com.amazonaws.ecs.capability.docker-remote-api.1.19"},
                {"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"},
                {"name": "ecs.capability.task-eni"}
            ],
            "placementConstraints": [],
            "compatibilities": ["EC2", "FARGATE"],
            "requiresCompatibilities": ["FARGATE"],
            "cpu": "256",
            "memory": "512"
        });
        // Compare the text, so key order is checked too (serde_json keeps insertion order).
        let got = serde_json::to_string_pretty(&td).unwrap_or_default();
        let want = serde_json::to_string_pretty(&expected).unwrap_or_default();
        assert_eq!(got, want);
        assert!(td.is_fargate_compatible());
        assert_eq!(td.cpu_units(), 256);
        assert_eq!(td.memory_mib(), 512);
        assert_eq!(td.static_host_ports(), (vec![], vec![]));
    }

    #[test]
    fn ec2_bridge_example_serialises_to_the_aws_shape() {
        let request = json!({"family":"api","networkMode":"bridge",
            "containerDefinitions":[{"name":"api","image":"nginx","cpu":256,"memoryReservation":128,"memory":300,
              "portMappings":[{"containerPort":80,"hostPort":0}]}]});
        let td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
        let expected = json!({
            "containerDefinitions": [{
                "name": "api",
                "image": "nginx",
                "cpu": 256,
                "memory": 300,
                "memoryReservation": 128,
                "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}],
                "essential": true,
                "environment": [],
                "mountPoints": [],
                "volumesFrom": [],
                "systemControls": []
            }],
            "family": "api",
            "networkMode": "bridge",
            "revision": 0,
            "volumes": [],
            "status": "ACTIVE",
            "placementConstraints": [],
            "compatibilities": ["EXTERNAL", "EC2"]
        });
        let got = serde_json::to_string_pretty(&td).unwrap_or_default();
        let want = serde_json::to_string_pretty(&expected).unwrap_or_default();
        assert_eq!(got, want);
        assert!(!td.is_fargate_compatible());
        assert_eq!(td.cpu_units(), 256);
        assert_eq!(td.memory_mib(), 128);
        assert_eq!(td.network_mode(), NetworkMode::Bridge);
        // A dynamic (hostPort 0) mapping reserves no host port.
        assert_eq!(td.static_host_ports(), (vec![], vec![]));
    }

    #[test]
    fn accepts_a_console_export_with_output_members_and_nulls() {
        // Shaped like the console's "JSON" tab of a registered definition: output-only members,
        // empty lists ECS fills in, and null members.
        let export = json!({
            "taskDefinitionArn": "arn:aws:ecs:eu-west-2:072824470958:task-definition/app:3",
            "containerDefinitions": [{
                "name": "frontend",
                "image": "072824470958.dkr.ecr.eu-west-2.amazonaws.com/shop-frontend:v0.1.2",
                "cpu": 0,
                "portMappings": [{"name": "frontend-3000-tcp", "containerPort": 3000, "hostPort": 3000,
                                  "protocol": "tcp", "appProtocol": "http"}],
                "essential": true,
                "entryPoint": null,
                "command": null,
                "environment": [],
                "environmentFiles": [],
                "mountPoints": [],
                "volumesFrom": [],
                "ulimits": [],
                "systemControls": [],
                "healthCheck": null
            }],
            "family": "app",
            "taskRoleArn": "arn:aws:iam::072824470958:role/ecsTaskExecutionRole",
            "executionRoleArn": "arn:aws:iam::072824470958:role/ecsTaskExecutionRole",
            "networkMode": "awsvpc",
            "revision": 3,
            "volumes": [],
            "status": "ACTIVE",
            "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.ecr-auth"}],
            "placementConstraints": [],
            "compatibilities": ["EC2", "FARGATE"],
            "requiresCompatibilities": ["FARGATE"],
            "cpu": "1024",
            "memory": "3072",
            "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
            "pidMode": null,
            "ipcMode": null,
            "registeredAt": "2024-06-25T15:05:07.564Z",
            "registeredBy": "arn:aws:iam::072824470958:user/someone",
            "enableFaultInjection": false,
            "tags": []
        });
        let td = validate(&export).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(td.revision, 0, "identity fields are the caller's");
        assert!(td.registered_at.is_empty());
        let names: Vec<&str> = td
            .requires_attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "com.amazonaws.ecs.capability.ecr-auth",
                "com.amazonaws.ecs.capability.task-iam-role",
                "ecs.capability.execution-role-ecr-pull",
                "com.amazonaws.ecs.capability.docker-remote-api.1.18",
                "ecs.capability.task-eni"
            ]
        );
        let out = serde_json::to_value(&td).unwrap_or_default();
        let container = &out["containerDefinitions"][0];
        assert_eq!(container["environmentFiles"], json!([]));
        assert_eq!(container["ulimits"], json!([]));
        assert!(container.get("entryPoint").is_none());
        assert!(out.get("pidMode").is_none());
        assert_eq!(out["enableFaultInjection"], json!(false));
        assert!(
            out.get("tags").is_none(),
            "tags are not part of taskDefinition"
        );
    }

    #[test]
    fn reservation_accessors() {
        let request = json!({"family": "svc", "containerDefinitions": [
            {"name": "a", "image": "nginx", "cpu": 128, "memory": 512, "memoryReservation": 256},
            {"name": "b", "image": "nginx", "memory": 100},
            {"name": "c", "image": "nginx", "memoryReservation": 64, "essential": false}]});
        let td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(td.cpu_units(), 128);
        assert_eq!(td.memory_mib(), 256 + 100 + 64);
        let sized = validate(&patch(request, json!({"cpu": "1 vCPU", "memory": "1GB"})))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sized.cpu_units(), 1024);
        assert_eq!(sized.memory_mib(), 1024);
        assert_eq!(sized.network_mode(), NetworkMode::Bridge);
        assert!(sized.network_mode.is_none(), "an unset mode is not printed");
    }

    #[test]
    fn serde_round_trip_is_lossless() {
        let request = patch_container(
            fargate(),
            json!({
            "environment": [{"name": "A", "value": "1"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}},
            "dockerLabels": {"team": "web"}}),
        );
        let mut td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
        td.revision = 4;
        td.task_definition_arn =
            "arn:aws:ecs:us-east-1:111122223333:task-definition/web:4".to_string();
        td.registered_at = "2024-01-05T02:48:18.158Z".to_string();
        td.registered_by = "arn:aws:iam::111122223333:root".to_string();
        let text = serde_json::to_string(&td).unwrap_or_default();
        assert!(text.starts_with("{\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:111122223333:task-definition/web:4\",\"containerDefinitions\":"));
        let back: TaskDefinition = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, td);
    }
}
