//! The ECS task definition, as `RegisterTaskDefinition` accepts, validates, normalises and
//! `DescribeTaskDefinition` returns it.
//!
//! A task definition is the blueprint ECS launches tasks from: a `family`, up to ten
//! `containerDefinitions`, a network mode and (for Fargate) a task size. Registration is where
//! ECS rejects impossible blueprints, so this module is where a learner meets ECS's rules:
//! the Fargate size table, the awsvpc/host port rules, the execution-role requirements, the
//! parameters Fargate does not support. Each rule returns the error text ECS returns; where
//! AWS's exact text is not known the message is written in AWS's style and marked
//! "our wording" in a comment.
//!
//! Normalisation mirrors what ECS stores: `"1 vCPU"` becomes `"1024"`, `"2 GB"` becomes
//! `"2048"`, every container gets `cpu: 0`, `essential: true`, empty `environment`,
//! `mountPoints`, `volumesFrom` and `systemControls`, port mappings get their `protocol` and
//! (per network mode) their `hostPort`, and the output-only members (`compatibilities`,
//! `requiresAttributes`, `status`) are derived. Serialising a [`TaskDefinition`] gives the JSON
//! `describe-task-definition` prints under `"taskDefinition"`, with AWS's member order (the
//! order of the API's `TaskDefinition` and `ContainerDefinition` shapes).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
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
pub const NETWORK_MODES: [&str; 4] = ["bridge", "host", "awsvpc", "none"];
/// The launch types a task definition can be validated against (`Compatibility` enum; the
/// simulator does not model `MANAGED_INSTANCES`).
pub const COMPATIBILITIES: [&str; 3] = ["EC2", "FARGATE", "EXTERNAL"];
/// Log drivers a Fargate task may use.
pub const FARGATE_LOG_DRIVERS: [&str; 3] = ["awslogs", "splunk", "awsfirelens"];

const CLIENT: &str = "ClientException";
const INVALID_PARAMETER: &str = "InvalidParameterException";

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
    fn client(message: impl Into<String>) -> Self {
        TaskDefError {
            code: CLIENT,
            message: message.into(),
        }
    }

    fn invalid_parameter(message: impl Into<String>) -> Self {
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

type Result<T> = std::result::Result<T, TaskDefError>;

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
    /// `ACTIVE`, `INACTIVE` (deregistered) or `DELETE_IN_PROGRESS`.
    pub status: String,
    /// Container-instance attributes the task needs to be placed on EC2 (derived).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires_attributes: Vec<Attribute>,
    /// Task-definition placement constraints (only `memberOf`).
    #[serde(default)]
    pub placement_constraints: Vec<PlacementConstraint>,
    /// The launch types this definition passed validation for (derived).
    #[serde(default)]
    pub compatibilities: Vec<String>,
    /// `{operatingSystemFamily, cpuArchitecture}`, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_platform: Option<Value>,
    /// The launch types the request asked ECS to validate against, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_compatibilities: Option<Vec<String>>,
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

fn default_protocol() -> String {
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
        if matches!(self.network_mode(), "bridge" | "host") {
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
        self.compatibilities.iter().any(|c| c == "FARGATE")
    }

    /// The effective network mode (`bridge` when unset, ECS's Linux default).
    pub fn network_mode(&self) -> &str {
        self.network_mode.as_deref().unwrap_or("bridge")
    }

    /// Whether the request asked ECS to validate against Fargate.
    pub fn requires_fargate(&self) -> bool {
        self.requires_compatibilities
            .as_ref()
            .is_some_and(|list| list.iter().any(|c| c == "FARGATE"))
    }
}

/// What placement reserves for one container: `memoryReservation` if set, else `memory`.
fn container_reserved_mib(container: &ContainerDefinition) -> u32 {
    container
        .memory_reservation
        .or(container.memory)
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Normalisation of task-level cpu and memory
// ---------------------------------------------------------------------------------------------

/// Task `cpu` as ECS stores it: `"1024"`, `"1 vCPU"`, `"0.25 vcpu"` all give CPU units
/// (1 vCPU = 1024 units). `None` when the text is not a positive whole number of units.
pub fn normalize_task_cpu(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase();
    match lower.strip_suffix("vcpu") {
        Some(number) => parse_scaled(number.trim(), 1024),
        None => parse_scaled(&lower, 1),
    }
}

/// Task `memory` as ECS stores it, in MiB: `"512"`, `"2 GB"`, `"2GB"` (1 GB = 1024 MiB; `GiB`,
/// `MB` and `MiB` suffixes are accepted too, our choice). `None` when not a positive whole MiB.
pub fn normalize_task_memory(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase();
    let units: [(&str, u64); 4] = [("gib", 1024), ("gb", 1024), ("mib", 1), ("mb", 1)];
    for (suffix, scale) in units {
        if let Some(number) = lower.strip_suffix(suffix) {
            return parse_scaled(number.trim(), scale);
        }
    }
    parse_scaled(&lower, 1)
}

/// Parses a plain decimal (`"2"`, `"0.25"`) and multiplies it by `scale` exactly; the result must
/// be a positive integer that fits in `u32` (a fractional unit count is rejected, our choice).
fn parse_scaled(number: &str, scale: u64) -> Option<u32> {
    if number.is_empty() || number.len() > 18 {
        return None;
    }
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let numerator: u128 = digits
        .parse::<u128>()
        .ok()?
        .checked_mul(u128::from(scale))?;
    let denominator = 10u128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    if !numerator.is_multiple_of(denominator) {
        return None;
    }
    let value = u32::try_from(numerator / denominator).ok()?;
    (value > 0).then_some(value)
}

// ---------------------------------------------------------------------------------------------
// The Fargate task-size table (ECS-REFERENCE §4.1)
// ---------------------------------------------------------------------------------------------

/// The memory sizes (MiB) Fargate offers for a task cpu value; empty when `cpu_units` is not a
/// Fargate cpu size.
pub fn fargate_memory_options_mib(cpu_units: u32) -> Vec<u32> {
    let (first, last, step) = match cpu_units {
        256 => return vec![512, 1024, 2048],
        512 => (1024, 4096, 1024),
        1024 => (2048, 8192, 1024),
        2048 => (4096, 16384, 1024),
        4096 => (8192, 30720, 1024),
        8192 => (16384, 61440, 4096),
        16384 => (32768, 122_880, 8192),
        _ => return Vec::new(),
    };
    (first..=last).step_by(step).collect()
}

/// Whether Fargate offers a task of `cpu_units` CPU and `memory_mib` memory.
pub fn is_valid_fargate_size(cpu_units: u32, memory_mib: u32) -> bool {
    fargate_memory_options_mib(cpu_units).contains(&memory_mib)
}

// ---------------------------------------------------------------------------------------------
// Reading the request JSON (null is treated as absent everywhere: console exports carry nulls)
// ---------------------------------------------------------------------------------------------

fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// Our wording: the CLI catches most type errors client-side; this is what reaches the API.
fn type_error(path: &str, expected: &str) -> TaskDefError {
    TaskDefError::invalid_parameter(format!(
        "Invalid type for parameter {path}, expected {expected}."
    ))
}

fn get_str(map: &Map<String, Value>, key: &str, path: &str) -> Result<Option<String>> {
    match present(map, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(type_error(&format!("{path}{key}"), "a string")),
    }
}

fn get_int(map: &Map<String, Value>, key: &str, path: &str) -> Result<Option<i64>> {
    match present(map, key) {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| type_error(&format!("{path}{key}"), "an integer")),
    }
}

fn get_bool(map: &Map<String, Value>, key: &str, path: &str) -> Result<Option<bool>> {
    match present(map, key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(type_error(&format!("{path}{key}"), "a boolean")),
    }
}

fn get_array<'a>(map: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a [Value]> {
    match present(map, key) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items.as_slice()),
        Some(_) => Err(type_error(&format!("{path}{key}"), "a list")),
    }
}

fn as_object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| type_error(path, "a structure"))
}

/// The JSON type an API member must have.
#[derive(Clone, Copy)]
enum Kind {
    Structure,
    List,
    Text,
    Integer,
    Boolean,
}

/// A member this module keeps verbatim, after checking its JSON type (the API would refuse a
/// list where a structure belongs before any ECS rule runs).
fn member(map: &Map<String, Value>, key: &str, path: &str, kind: Kind) -> Result<Option<Value>> {
    let Some(value) = present(map, key) else {
        return Ok(None);
    };
    let (ok, expected) = match kind {
        Kind::Structure => (value.is_object(), "a structure"),
        Kind::List => (value.is_array(), "a list"),
        Kind::Text => (value.is_string(), "a string"),
        Kind::Integer => (value.is_i64(), "an integer"),
        Kind::Boolean => (value.is_boolean(), "a boolean"),
    };
    if !ok {
        return Err(type_error(&format!("{path}{key}"), expected));
    }
    Ok(Some(value.clone()))
}

/// A non-empty string option: ECS treats `""` like an absent role ARN (our choice).
fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|s| !s.is_empty())
}

/// Whether a pass-through member is "set" in a way ECS would act on: `true`, a non-empty list or
/// object, a non-empty string or any number.
fn is_set(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Array(items)) => !items.is_empty(),
        Some(Value::Object(members)) => !members.is_empty(),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn is_resource_name(name: &str) -> bool {
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

// ---------------------------------------------------------------------------------------------
// validate: the RegisterTaskDefinition pipeline
// ---------------------------------------------------------------------------------------------

/// Validates and normalises a RegisterTaskDefinition request (the JSON the API receives,
/// camelCase keys; unknown keys are rejected upstream so they are ignored here), producing
/// everything but the identity fields.
///
/// The result has `revision` 0, an empty `taskDefinitionArn`, `registeredAt` and
/// `registeredBy`; the caller fills them. Rules run in this order (AWS's own order is not
/// documented, our choice): request shape, family, container list, enums, task size strings,
/// containers (names, images, ports), volumes, placement constraints, then the task-level rules:
/// EC2 cpu range, awsvpc container rules, Fargate rules (when `requiresCompatibilities` contains
/// `FARGATE`), container memory and cpu rules, references between containers and volumes,
/// secrets' execution role, ephemeral storage.
pub fn validate(request: &Value) -> std::result::Result<TaskDefinition, TaskDefError> {
    let map = request.as_object().ok_or_else(|| {
        // Our wording.
        TaskDefError::invalid_parameter("The request body must be a JSON object.")
    })?;
    check_request_size(request)?;
    let family = parse_family(map)?;
    let raw_containers = container_list(map)?;
    let requires_compatibilities = parse_requires_compatibilities(map)?;
    let network_mode = parse_enum(map, "networkMode", &NETWORK_MODES)?;
    let pid_mode = parse_enum(map, "pidMode", &["host", "task"])?;
    let ipc_mode = parse_enum(map, "ipcMode", &["host", "task", "none"])?;
    let cpu = parse_task_size(map, "cpu", normalize_task_cpu)?;
    let memory = parse_task_size(map, "memory", normalize_task_memory)?;
    let mode = network_mode.as_deref().unwrap_or("bridge");
    let containers = parse_containers(raw_containers, mode)?;
    let mut td = TaskDefinition {
        task_definition_arn: String::new(),
        container_definitions: containers,
        family,
        task_role_arn: non_empty(get_str(map, "taskRoleArn", "")?),
        execution_role_arn: non_empty(get_str(map, "executionRoleArn", "")?),
        network_mode,
        revision: 0,
        volumes: parse_volumes(map)?,
        status: "ACTIVE".to_string(),
        requires_attributes: Vec::new(),
        placement_constraints: parse_placement_constraints(map)?,
        compatibilities: Vec::new(),
        runtime_platform: member(map, "runtimePlatform", "", Kind::Structure)?,
        requires_compatibilities,
        cpu: cpu.map(|c| c.to_string()),
        memory: memory.map(|m| m.to_string()),
        inference_accelerators: member(map, "inferenceAccelerators", "", Kind::List)?,
        pid_mode,
        ipc_mode,
        proxy_configuration: member(map, "proxyConfiguration", "", Kind::Structure)?,
        registered_at: String::new(),
        deregistered_at: None,
        registered_by: String::new(),
        ephemeral_storage: parse_ephemeral_storage(map)?,
        enable_fault_injection: get_bool(map, "enableFaultInjection", "")?,
    };
    check_task_rules(&td)?;
    td.compatibilities = derive_compatibilities(&td);
    td.requires_attributes = derive_requires_attributes(&td);
    Ok(td)
}

/// The rules that need the whole parsed definition, in order.
fn check_task_rules(td: &TaskDefinition) -> Result<()> {
    check_ec2_task_cpu(td)?;
    check_awsvpc_container_rules(td)?;
    if td.requires_fargate() {
        check_fargate_rules(td)?;
    }
    check_container_memory(td)?;
    check_container_sums(td)?;
    check_references(td)?;
    check_secrets_need_execution_role(td)?;
    check_ephemeral_storage(td)
}

/// ECS's request-size limit; the message is the one ECS returns [obs].
fn check_request_size(request: &Value) -> Result<()> {
    let length = serde_json::to_string(request).map_or(0, |s| s.len());
    if length > MAX_REQUEST_BYTES {
        return Err(TaskDefError::client(format!(
            "Actual length: '{length}'. Max allowed length is '{MAX_REQUEST_BYTES}' bytes."
        )));
    }
    Ok(())
}

fn parse_family(map: &Map<String, Value>) -> Result<String> {
    let family = get_str(map, "family", "")?.unwrap_or_default();
    if family.is_empty() {
        // Our wording (moto's style for missing members).
        return Err(TaskDefError::client("Family should not be null or empty."));
    }
    if family.chars().count() > MAX_NAME_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Family must be no longer than 255 characters.",
        ));
    }
    if !is_resource_name(&family) {
        // Our wording, after ECS's "Container.image contains invalid characters." [obs].
        return Err(TaskDefError::client("Family contains invalid characters."));
    }
    Ok(family)
}

fn container_list(map: &Map<String, Value>) -> Result<&[Value]> {
    let containers = get_array(map, "containerDefinitions", "")?;
    if containers.is_empty() {
        // [obs]: what ECS returns for `--container-definitions '[]'`.
        return Err(TaskDefError::client("Container list cannot be empty."));
    }
    if containers.len() > MAX_CONTAINERS {
        // [obs] "ClientException: Too many containers" (trailing period our choice).
        return Err(TaskDefError::client("Too many containers."));
    }
    Ok(containers)
}

fn parse_requires_compatibilities(map: &Map<String, Value>) -> Result<Option<Vec<String>>> {
    if present(map, "requiresCompatibilities").is_none() {
        return Ok(None);
    }
    let mut list = Vec::new();
    for (i, item) in get_array(map, "requiresCompatibilities", "")?
        .iter()
        .enumerate()
    {
        let value = item
            .as_str()
            .ok_or_else(|| type_error(&format!("requiresCompatibilities[{i}]"), "a string"))?;
        if !COMPATIBILITIES.contains(&value) {
            return Err(enum_error(
                "requiresCompatibilities",
                value,
                &COMPATIBILITIES,
            ));
        }
        list.push(value.to_string());
    }
    Ok(Some(list))
}

/// Our wording, in the style of AWS's enum validation messages.
fn enum_error(member: &str, value: &str, allowed: &[&str]) -> TaskDefError {
    TaskDefError::invalid_parameter(format!(
        "Invalid value '{value}' for {member}. Valid values are: {}.",
        allowed.join(", ")
    ))
}

fn parse_enum(map: &Map<String, Value>, key: &str, allowed: &[&str]) -> Result<Option<String>> {
    match get_str(map, key, "")? {
        None => Ok(None),
        Some(value) if allowed.contains(&value.as_str()) => Ok(Some(value)),
        Some(value) => Err(enum_error(key, &value, allowed)),
    }
}

/// Task `cpu`/`memory`: a string in units or "N vCPU"/"N GB" form, stored as an integer string.
fn parse_task_size(
    map: &Map<String, Value>,
    key: &str,
    normalize: fn(&str) -> Option<u32>,
) -> Result<Option<u32>> {
    let Some(value) = present(map, key) else {
        return Ok(None);
    };
    // The API member is a string; a bare number never reaches ECS through the CLI, and ECS
    // itself refuses it (same message as any other bad value, our choice).
    let parsed = value.as_str().and_then(normalize);
    match parsed {
        Some(units) => Ok(Some(units)),
        // "Invalid 'cpu' setting for task." is ECS's text [doc]; the memory twin is our wording.
        None => Err(TaskDefError::client(format!(
            "Invalid '{key}' setting for task."
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

fn parse_containers(raw: &[Value], mode: &str) -> Result<Vec<ContainerDefinition>> {
    let mut containers = Vec::with_capacity(raw.len());
    let mut names = BTreeSet::new();
    for (index, value) in raw.iter().enumerate() {
        let container = parse_container(value, index, mode)?;
        if !names.insert(container.name.clone()) {
            // Our wording.
            return Err(TaskDefError::client(format!(
                "Container names must be unique within a task definition. Duplicate name: '{}'.",
                container.name
            )));
        }
        containers.push(container);
    }
    if !containers.iter().any(|c| c.essential) {
        // [obs] (cdk-preflight capture; trailing period our choice).
        return Err(TaskDefError::client(
            "Task definition doesn't have any essential container.",
        ));
    }
    Ok(containers)
}

fn parse_container(value: &Value, index: usize, mode: &str) -> Result<ContainerDefinition> {
    let path = format!("containerDefinitions[{index}].");
    let map = as_object(value, &format!("containerDefinitions[{index}]"))?;
    let name = get_str(map, "name", &path)?.unwrap_or_default();
    let image = get_str(map, "image", &path)?.unwrap_or_default();
    check_name_and_image(&name, &image)?;
    let cpu = match get_int(map, "cpu", &path)? {
        None => 0,
        Some(units) => u32::try_from(units).map_err(|_| {
            // Our wording.
            TaskDefError::client(format!("Invalid 'cpu' setting for container '{name}'."))
        })?,
    };
    Ok(ContainerDefinition {
        repository_credentials: member(map, "repositoryCredentials", &path, Kind::Structure)?,
        cpu,
        memory: container_mib(map, "memory", &path, &name)?,
        memory_reservation: container_mib(map, "memoryReservation", &path, &name)?,
        links: member(map, "links", &path, Kind::List)?,
        port_mappings: parse_port_mappings(map, &path, &name, mode)?,
        essential: get_bool(map, "essential", &path)?.unwrap_or(true),
        restart_policy: member(map, "restartPolicy", &path, Kind::Structure)?,
        entry_point: member(map, "entryPoint", &path, Kind::List)?,
        command: member(map, "command", &path, Kind::List)?,
        environment: object_list(map, "environment", &path)?,
        environment_files: member(map, "environmentFiles", &path, Kind::List)?,
        mount_points: object_list(map, "mountPoints", &path)?,
        volumes_from: object_list(map, "volumesFrom", &path)?,
        linux_parameters: member(map, "linuxParameters", &path, Kind::Structure)?,
        secrets: member(map, "secrets", &path, Kind::List)?,
        depends_on: member(map, "dependsOn", &path, Kind::List)?,
        start_timeout: member(map, "startTimeout", &path, Kind::Integer)?,
        stop_timeout: member(map, "stopTimeout", &path, Kind::Integer)?,
        version_consistency: member(map, "versionConsistency", &path, Kind::Text)?,
        hostname: member(map, "hostname", &path, Kind::Text)?,
        user: member(map, "user", &path, Kind::Text)?,
        working_directory: member(map, "workingDirectory", &path, Kind::Text)?,
        disable_networking: member(map, "disableNetworking", &path, Kind::Boolean)?,
        privileged: member(map, "privileged", &path, Kind::Boolean)?,
        readonly_root_filesystem: member(map, "readonlyRootFilesystem", &path, Kind::Boolean)?,
        dns_servers: member(map, "dnsServers", &path, Kind::List)?,
        dns_search_domains: member(map, "dnsSearchDomains", &path, Kind::List)?,
        extra_hosts: member(map, "extraHosts", &path, Kind::List)?,
        docker_security_options: member(map, "dockerSecurityOptions", &path, Kind::List)?,
        interactive: member(map, "interactive", &path, Kind::Boolean)?,
        pseudo_terminal: member(map, "pseudoTerminal", &path, Kind::Boolean)?,
        docker_labels: member(map, "dockerLabels", &path, Kind::Structure)?,
        ulimits: member(map, "ulimits", &path, Kind::List)?,
        log_configuration: parse_log_configuration(map, &path)?,
        health_check: member(map, "healthCheck", &path, Kind::Structure)?
            .map(health_check_defaults),
        system_controls: object_list(map, "systemControls", &path)?,
        resource_requirements: member(map, "resourceRequirements", &path, Kind::List)?,
        firelens_configuration: member(map, "firelensConfiguration", &path, Kind::Structure)?,
        credential_specs: member(map, "credentialSpecs", &path, Kind::List)?,
        name,
        image,
    })
}

fn check_name_and_image(name: &str, image: &str) -> Result<()> {
    // The two "should not be null or empty" texts are ECS's, as moto mirrors them [obs].
    if name.is_empty() {
        return Err(TaskDefError::client(
            "Container.name should not be null or empty.",
        ));
    }
    if image.is_empty() {
        return Err(TaskDefError::client(
            "Container.image should not be null or empty.",
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Container.name should be no longer than 255 characters.",
        ));
    }
    if !is_resource_name(name) {
        // Our wording, after the image message below.
        return Err(TaskDefError::client(
            "Container.name contains invalid characters.",
        ));
    }
    if image.chars().count() > MAX_NAME_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Container.image should be no longer than 255 characters.",
        ));
    }
    // Letters, digits, hyphens, underscores, colons, periods, slashes, number signs, and the `@`
    // of a digest reference [doc].
    let image_ok = image
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_:./#@".contains(&b));
    if !image_ok {
        // [obs]
        return Err(TaskDefError::client(
            "Container.image contains invalid characters.",
        ));
    }
    Ok(())
}

/// A container `memory`/`memoryReservation` in MiB; anything under 6 MiB is refused because
/// Docker 20.10+ reserves 6 MiB per container [doc].
fn container_mib(
    map: &Map<String, Value>,
    key: &str,
    path: &str,
    name: &str,
) -> Result<Option<u32>> {
    let Some(mib) = get_int(map, key, path)? else {
        return Ok(None);
    };
    match u32::try_from(mib) {
        Ok(mib) if mib >= MIN_CONTAINER_MEMORY_MIB => Ok(Some(mib)),
        // Our wording.
        _ => Err(TaskDefError::client(format!(
            "Invalid '{key}' setting for container '{name}'. The minimum allowed value is {MIN_CONTAINER_MEMORY_MIB} MiB."
        ))),
    }
}

/// A list member whose items must be objects (`environment`, `mountPoints`, ...); ECS stores
/// `[]` when it is unset.
fn object_list(map: &Map<String, Value>, key: &str, path: &str) -> Result<Vec<Value>> {
    let items = get_array(map, key, path)?;
    for (i, item) in items.iter().enumerate() {
        as_object(item, &format!("{path}{key}[{i}]"))?;
    }
    Ok(items.to_vec())
}

fn parse_log_configuration(map: &Map<String, Value>, path: &str) -> Result<Option<Value>> {
    let Some(value) = present(map, "logConfiguration") else {
        return Ok(None);
    };
    let config = as_object(value, &format!("{path}logConfiguration"))?;
    let driver_path = format!("{path}logConfiguration.");
    if get_str(config, "logDriver", &driver_path)?.is_none() {
        // Our wording.
        return Err(TaskDefError::client(
            "Log configuration must specify a logDriver.",
        ));
    }
    Ok(Some(value.clone()))
}

fn log_driver(container: &ContainerDefinition) -> Option<&str> {
    container
        .log_configuration
        .as_ref()
        .and_then(|c| c.get("logDriver"))
        .and_then(Value::as_str)
}

// ---------------------------------------------------------------------------------------------
// Port mappings (ECS-REFERENCE §2.3, §3.1)
// ---------------------------------------------------------------------------------------------

fn parse_port_mappings(
    map: &Map<String, Value>,
    path: &str,
    name: &str,
    mode: &str,
) -> Result<Vec<PortMapping>> {
    let raw = get_array(map, "portMappings", path)?;
    if mode == "none" && !raw.is_empty() {
        // Our wording, in the style of "Links are not supported when networkMode=awsvpc".
        return Err(TaskDefError::client(
            "Port mappings are not supported when networkMode=none",
        ));
    }
    raw.iter()
        .enumerate()
        .map(|(i, value)| {
            let item_path = format!("{path}portMappings[{i}]");
            parse_port_mapping(as_object(value, &item_path)?, &item_path, name, mode)
        })
        .collect()
}

fn parse_port_mapping(
    map: &Map<String, Value>,
    path: &str,
    name: &str,
    mode: &str,
) -> Result<PortMapping> {
    let member_path = format!("{path}.");
    let protocol = get_str(map, "protocol", &member_path)?.unwrap_or_else(default_protocol);
    if protocol != "tcp" && protocol != "udp" {
        return Err(enum_error("protocol", &protocol, &["tcp", "udp"]));
    }
    let app_protocol = get_str(map, "appProtocol", &member_path)?;
    if let Some(app) = app_protocol.as_deref() {
        let allowed = ["http", "http2", "grpc"];
        if !allowed.contains(&app) {
            return Err(enum_error("appProtocol", app, &allowed));
        }
    }
    let container_port = port_number(map, "containerPort", &member_path, name, 1)?;
    let host_port = port_number(map, "hostPort", &member_path, name, 0)?;
    let range = get_str(map, "containerPortRange", &member_path)?;
    let mut mapping = PortMapping {
        container_port,
        host_port,
        protocol,
        name: get_str(map, "name", &member_path)?,
        app_protocol,
        container_port_range: range,
    };
    match mapping.container_port_range.clone() {
        Some(range) => check_port_range(&mapping, &range, name, mode)?,
        None => fill_host_port(&mut mapping, name, mode)?,
    }
    Ok(mapping)
}

fn port_number(
    map: &Map<String, Value>,
    key: &str,
    path: &str,
    name: &str,
    min: i64,
) -> Result<Option<u16>> {
    let Some(port) = get_int(map, key, path)? else {
        return Ok(None);
    };
    match u16::try_from(port) {
        Ok(port) if i64::from(port) >= min => Ok(Some(port)),
        // Our wording.
        _ => Err(TaskDefError::client(format!(
            "Invalid '{key}' setting for container '{name}'. Ports must be between {min} and 65535."
        ))),
    }
}

/// awsvpc and host modes publish the container port itself, so `hostPort` must be omitted or
/// equal; bridge leaves an omitted `hostPort` at 0 (a dynamic port chosen at launch).
fn fill_host_port(mapping: &mut PortMapping, name: &str, mode: &str) -> Result<()> {
    let Some(container_port) = mapping.container_port else {
        // Our wording.
        return Err(TaskDefError::client(format!(
            "Invalid port mapping for container '{name}'. 'containerPort' must be specified."
        )));
    };
    match mode {
        "awsvpc" | "host" => {
            let host_port = *mapping.host_port.get_or_insert(container_port);
            if host_port != container_port {
                // [obs] for awsvpc; the host twin is the same sentence (cdk-preflight capture).
                return Err(TaskDefError::client(format!(
                    "When networkMode={mode}, the host ports and container ports in port mappings must match."
                )));
            }
        }
        // Our interpretation: ECS stores 0 for an omitted bridge host port.
        _ => {
            mapping.host_port.get_or_insert(0);
        }
    }
    Ok(())
}

/// `containerPortRange` ("first-last"): bridge or awsvpc only, never with a single port.
fn check_port_range(mapping: &PortMapping, range: &str, name: &str, mode: &str) -> Result<()> {
    if mapping.container_port.is_some() || mapping.host_port.is_some() {
        // [obs] (cdk-preflight capture).
        return Err(TaskDefError::client(
            "cannot specify both single port and port range",
        ));
    }
    if mode != "bridge" && mode != "awsvpc" {
        // Our wording.
        return Err(TaskDefError::client(format!(
            "Container port ranges are not supported when networkMode={mode}"
        )));
    }
    let bounds = range
        .split_once('-')
        .and_then(|(a, b)| Some((a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?)));
    match bounds {
        Some((first, last)) if first >= 1 && first < last => Ok(()),
        // Our wording.
        _ => Err(TaskDefError::client(format!(
            "Invalid containerPortRange '{range}' for container '{name}'. Specify a range 'first-last' with 1 <= first < last <= 65535."
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// Volumes, placement constraints, ephemeral storage
// ---------------------------------------------------------------------------------------------

fn parse_volumes(map: &Map<String, Value>) -> Result<Vec<Volume>> {
    let mut volumes = Vec::new();
    let mut names = BTreeSet::new();
    for (i, value) in get_array(map, "volumes", "")?.iter().enumerate() {
        let path = format!("volumes[{i}].");
        let volume_map = as_object(value, &format!("volumes[{i}]"))?;
        let name = get_str(volume_map, "name", &path)?.unwrap_or_default();
        if name.is_empty() {
            // Our wording.
            return Err(TaskDefError::client(
                "Volume.name should not be null or empty.",
            ));
        }
        if !names.insert(name.clone()) {
            // Our wording.
            return Err(TaskDefError::client(format!(
                "Volume names must be unique within a task definition. Duplicate name: '{name}'."
            )));
        }
        let mut volume = Volume {
            name,
            host: member(volume_map, "host", &path, Kind::Structure)?,
            configured_at_launch: member(volume_map, "configuredAtLaunch", &path, Kind::Boolean)?,
            docker_volume_configuration: member(
                volume_map,
                "dockerVolumeConfiguration",
                &path,
                Kind::Structure,
            )?,
            efs_volume_configuration: member(
                volume_map,
                "efsVolumeConfiguration",
                &path,
                Kind::Structure,
            )?,
            fsx_windows_file_server_volume_configuration: member(
                volume_map,
                "fsxWindowsFileServerVolumeConfiguration",
                &path,
                Kind::Structure,
            )?,
        };
        // [obs] ECS describes a volume registered with only a name as `"host": {}`.
        let configured = volume.docker_volume_configuration.is_some()
            || volume.efs_volume_configuration.is_some()
            || volume
                .fsx_windows_file_server_volume_configuration
                .is_some();
        if volume.host.is_none() && !configured {
            volume.host = Some(Value::Object(Map::new()));
        }
        volumes.push(volume);
    }
    Ok(volumes)
}

fn parse_placement_constraints(map: &Map<String, Value>) -> Result<Vec<PlacementConstraint>> {
    let raw = get_array(map, "placementConstraints", "")?;
    if raw.len() > MAX_PLACEMENT_CONSTRAINTS {
        // Our wording.
        return Err(TaskDefError::client(
            "Too many placement constraints. A task definition can have at most 10.",
        ));
    }
    raw.iter()
        .enumerate()
        .map(|(i, value)| parse_placement_constraint(value, i))
        .collect()
}

/// ECS stores a health check with its documented defaults filled in: interval 30 s,
/// timeout 5 s, 3 retries (startPeriod stays absent: "off" by default).
fn health_check_defaults(mut hc: Value) -> Value {
    if let Value::Object(m) = &mut hc {
        for (key, default) in [("interval", 30), ("timeout", 5), ("retries", 3)] {
            m.entry(key).or_insert(Value::from(default));
        }
    }
    hc
}

fn parse_placement_constraint(value: &Value, index: usize) -> Result<PlacementConstraint> {
    let path = format!("placementConstraints[{index}].");
    let map = as_object(value, &format!("placementConstraints[{index}]"))?;
    let constraint_type = get_str(map, "type", &path)?.unwrap_or_default();
    let expression = get_str(map, "expression", &path)?;
    match constraint_type.as_str() {
        "memberOf" => {}
        // [obs: aws-cdk-examples capture] distinctInstance is for RunTask/CreateService only.
        "distinctInstance" => {
            return Err(TaskDefError::client(
                "constraint.type 'distinctInstance' is not supported.",
            ))
        }
        other => {
            return Err(enum_error(
                "placementConstraints.type",
                other,
                &["memberOf"],
            ))
        }
    }
    let text = expression.as_deref().unwrap_or("");
    if text.trim().is_empty() {
        // Our wording.
        return Err(TaskDefError::client(
            "A memberOf placement constraint must have an expression.",
        ));
    }
    if text.chars().count() > MAX_CONSTRAINT_EXPRESSION_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Placement constraint expression must be at most 2000 characters.",
        ));
    }
    Ok(PlacementConstraint {
        constraint_type,
        expression,
    })
}

fn parse_ephemeral_storage(map: &Map<String, Value>) -> Result<Option<EphemeralStorage>> {
    let Some(value) = present(map, "ephemeralStorage") else {
        return Ok(None);
    };
    let storage = as_object(value, "ephemeralStorage")?;
    let size = get_int(storage, "sizeInGiB", "ephemeralStorage.")?.unwrap_or(0);
    let (min, max) = EPHEMERAL_STORAGE_GIB_RANGE;
    // Both texts [obs] (cdk-preflight capture).
    if size < i64::from(min) {
        return Err(TaskDefError::client(format!(
            "EphemeralStorage size should be at least {min}"
        )));
    }
    if size > i64::from(max) {
        return Err(TaskDefError::client(format!(
            "EphemeralStorage size should be at most {max}"
        )));
    }
    let size_in_gib = u32::try_from(size).unwrap_or(max);
    Ok(Some(EphemeralStorage { size_in_gib }))
}

/// Ephemeral storage is a Fargate feature (EC2 tasks use the instance's disk).
fn check_ephemeral_storage(td: &TaskDefinition) -> Result<()> {
    if td.ephemeral_storage.is_some() && !td.requires_fargate() {
        // Our wording.
        return Err(TaskDefError::client(
            "Ephemeral storage is only supported for task definitions that require FARGATE compatibility.",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Task-level rules
// ---------------------------------------------------------------------------------------------

fn task_cpu(td: &TaskDefinition) -> Option<u32> {
    td.cpu.as_deref().and_then(|c| c.parse().ok())
}

fn task_memory(td: &TaskDefinition) -> Option<u32> {
    td.memory.as_deref().and_then(|m| m.parse().ok())
}

/// EC2/EXTERNAL: task-level cpu, when given, is 128..=196608 units [doc]. Fargate definitions
/// are held to the stricter Fargate table instead.
fn check_ec2_task_cpu(td: &TaskDefinition) -> Result<()> {
    let (min, max) = EC2_TASK_CPU_RANGE;
    match task_cpu(td) {
        Some(cpu) if !td.requires_fargate() && !(min..=max).contains(&cpu) => {
            Err(TaskDefError::client("Invalid 'cpu' setting for task."))
        }
        _ => Ok(()),
    }
}

/// Every rule ECS applies when a definition is validated for Fargate (ECS-REFERENCE §4, §8.1).
/// Used both for `requiresCompatibilities: ["FARGATE"]` and to decide whether an awsvpc
/// definition is also Fargate-compatible.
fn check_fargate_rules(td: &TaskDefinition) -> Result<()> {
    check_fargate_size(td)?;
    check_fargate_unsupported_task_params(td)?;
    for container in &td.container_definitions {
        check_fargate_unsupported_container_params(container)?;
    }
    check_fargate_execution_role(td)
}

fn check_fargate_size(td: &TaskDefinition) -> Result<()> {
    if td.network_mode.as_deref() != Some("awsvpc") {
        // [obs]: real captures use typographic quotes around awsvpc.
        return Err(TaskDefError::client(
            "Fargate only supports network mode \u{2018}awsvpc\u{2019}.",
        ));
    }
    let Some(cpu) = task_cpu(td) else {
        return Err(TaskDefError::client(
            "Fargate requires that 'cpu' be defined at the task level.",
        ));
    };
    let Some(memory) = task_memory(td) else {
        return Err(TaskDefError::client(
            "Fargate requires that 'memory' be defined at the task level.",
        ));
    };
    // Our interpretation of ECS's two documented texts: a cpu value Fargate does not offer is an
    // invalid cpu; a valid cpu with a memory size it does not pair with has no configuration.
    if fargate_memory_options_mib(cpu).is_empty() {
        return Err(TaskDefError::client("Invalid 'cpu' setting for task."));
    }
    let windows = td
        .runtime_platform
        .as_ref()
        .and_then(|p| p.get("operatingSystemFamily"))
        .and_then(Value::as_str)
        .is_some_and(|os| os.starts_with("WINDOWS"));
    if !is_valid_fargate_size(cpu, memory) || (windows && cpu < 1024) {
        // The current wording names the values [obs: 2022 CDK capture]; older captures end
        // after "given values.".
        return Err(TaskDefError::client(format!(
            "No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values."
        )));
    }
    Ok(())
}

/// The "Fargate compatible task definitions do not support X" family [obs: cdk-preflight and
/// CloudFormation captures]; AWS prints no trailing period in the captures.
fn fargate_unsupported(parameter: &str) -> TaskDefError {
    TaskDefError::client(format!(
        "Fargate compatible task definitions do not support {parameter}"
    ))
}

fn check_fargate_unsupported_task_params(td: &TaskDefinition) -> Result<()> {
    if td.pid_mode.as_deref() == Some("host") {
        // [obs: moto]
        return Err(TaskDefError::client(
            "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
        ));
    }
    if td.ipc_mode.is_some() {
        return Err(fargate_unsupported("ipcMode"));
    }
    if !td.placement_constraints.is_empty() {
        return Err(fargate_unsupported("constraints"));
    }
    for volume in &td.volumes {
        if volume.docker_volume_configuration.is_some() {
            return Err(fargate_unsupported("dockerVolumeConfiguration"));
        }
        let source_path = volume.host.as_ref().and_then(|h| h.get("sourcePath"));
        if is_set(source_path) {
            return Err(fargate_unsupported("sourcePath"));
        }
    }
    Ok(())
}

fn check_fargate_unsupported_container_params(container: &ContainerDefinition) -> Result<()> {
    if container.privileged.as_ref().and_then(Value::as_bool) == Some(true) {
        // [obs] (cdk-preflight capture).
        return Err(TaskDefError::client(
            "Fargate requires that the 'privileged' setting be 'false'",
        ));
    }
    // links, dnsServers, extraHosts and disableNetworking are refused earlier by the awsvpc
    // rules (Fargate is always awsvpc), with ECS's awsvpc texts.
    let unsupported: [(&str, Option<&Value>); 2] = [
        ("dnsSearchDomains", container.dns_search_domains.as_ref()),
        (
            "dockerSecurityOptions",
            container.docker_security_options.as_ref(),
        ),
    ];
    if let Some((parameter, _)) = unsupported.into_iter().find(|(_, v)| is_set(*v)) {
        return Err(fargate_unsupported(parameter));
    }
    if !container.system_controls.is_empty() {
        return Err(fargate_unsupported("systemControls"));
    }
    check_fargate_linux_parameters(container)?;
    check_fargate_gpu(container)?;
    check_fargate_log_driver(container)?;
    check_fargate_stop_timeout(container)
}

fn check_fargate_linux_parameters(container: &ContainerDefinition) -> Result<()> {
    let Some(linux) = container.linux_parameters.as_ref() else {
        return Ok(());
    };
    for parameter in [
        "devices",
        "sharedMemorySize",
        "tmpfs",
        "maxSwap",
        "swappiness",
    ] {
        if is_set(linux.get(parameter)) {
            return Err(fargate_unsupported(parameter));
        }
    }
    // Fargate PV 1.4 allows adding SYS_PTRACE only.
    let added = linux
        .get("capabilities")
        .and_then(|c| c.get("add"))
        .and_then(Value::as_array);
    let other_capability = added
        .into_iter()
        .flatten()
        .any(|cap| cap.as_str() != Some("SYS_PTRACE"));
    if other_capability {
        // Our wording, in the family's form.
        return Err(fargate_unsupported(
            "capabilities.add other than SYS_PTRACE",
        ));
    }
    Ok(())
}

fn check_fargate_gpu(container: &ContainerDefinition) -> Result<()> {
    let wants_gpu = container
        .resource_requirements
        .as_ref()
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|r| r.get("type").and_then(Value::as_str) == Some("GPU"));
    if wants_gpu {
        return Err(fargate_unsupported("gpu"));
    }
    Ok(())
}

fn check_fargate_log_driver(container: &ContainerDefinition) -> Result<()> {
    match log_driver(container) {
        Some(driver) if !FARGATE_LOG_DRIVERS.contains(&driver) => {
            // Our wording.
            Err(TaskDefError::client(format!(
                "Log driver {driver} is not supported on Fargate. Supported log drivers are awslogs, splunk and awsfirelens."
            )))
        }
        _ => Ok(()),
    }
}

fn check_fargate_stop_timeout(container: &ContainerDefinition) -> Result<()> {
    let timeout = container.stop_timeout.as_ref().and_then(Value::as_i64);
    match timeout {
        Some(seconds) if seconds > FARGATE_MAX_STOP_TIMEOUT_SECONDS => {
            // Our wording.
            Err(TaskDefError::client(format!(
                "Invalid 'stopTimeout' setting for container '{}'. Fargate allows at most 120 seconds.",
                container.name
            )))
        }
        _ => Ok(()),
    }
}

/// A private ECR image (`<account>.dkr.ecr.<region>.amazonaws.com/...`): pulling it needs ECR
/// credentials, which on Fargate only the execution role can supply.
fn is_private_ecr_image(image: &str) -> bool {
    image.contains(".dkr.ecr.") && image.contains(".amazonaws.com")
}

fn check_fargate_execution_role(td: &TaskDefinition) -> Result<()> {
    if td.execution_role_arn.is_some() {
        return Ok(());
    }
    let containers = &td.container_definitions;
    // Both texts [obs].
    if containers.iter().any(|c| log_driver(c) == Some("awslogs")) {
        return Err(TaskDefError::client(
            "Fargate requires task definition to have execution role ARN to support log driver awslogs.",
        ));
    }
    if containers.iter().any(|c| is_private_ecr_image(&c.image)) {
        return Err(TaskDefError::client(
            "Fargate requires task definition to have execution role ARN to support ECR images.",
        ));
    }
    Ok(())
}

/// Any launch type: secrets and private-registry credentials are fetched by the execution role.
fn check_secrets_need_execution_role(td: &TaskDefinition) -> Result<()> {
    if td.execution_role_arn.is_some() {
        return Ok(());
    }
    for container in &td.container_definitions {
        let secret_options = container
            .log_configuration
            .as_ref()
            .and_then(|l| l.get("secretOptions"));
        if is_set(container.secrets.as_ref()) || is_set(secret_options) {
            // [obs] (CDK fixture comment quoting the live error).
            return Err(TaskDefError::client(
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'",
            ));
        }
        if is_set(container.repository_credentials.as_ref()) {
            // Our wording, after the secrets text.
            return Err(TaskDefError::client(
                "When you are specifying repository credentials, you must also specify a value for 'executionRoleArn'",
            ));
        }
    }
    Ok(())
}

/// EC2 needs a memory figure for every container unless the task has one; `memory` must exceed
/// `memoryReservation` when both are set [doc].
fn check_container_memory(td: &TaskDefinition) -> Result<()> {
    for container in &td.container_definitions {
        let name = &container.name;
        if td.memory.is_none()
            && container.memory.is_none()
            && container.memory_reservation.is_none()
        {
            // [obs: moto]
            return Err(TaskDefError::client(format!(
                "Invalid setting for container '{name}'. At least one of 'memory' or 'memoryReservation' must be specified."
            )));
        }
        if let (Some(hard), Some(soft)) = (container.memory, container.memory_reservation) {
            if hard <= soft {
                // Our wording (the documented rule: memory must be greater).
                return Err(TaskDefError::client(format!(
                    "Invalid setting for container '{name}'. 'memory' must be greater than 'memoryReservation'."
                )));
            }
        }
    }
    Ok(())
}

/// With task-level cpu/memory, no container may ask for more than the task, and the containers
/// together may not reserve more than the task has.
fn check_container_sums(td: &TaskDefinition) -> Result<()> {
    if let Some(task_mib) = task_memory(td) {
        for container in &td.container_definitions {
            if container.memory.is_some_and(|m| m > task_mib) {
                // [obs]
                return Err(TaskDefError::client(format!(
                    "The 'memory' setting for container '{}' is greater than for the task.",
                    container.name
                )));
            }
        }
        let reserved = td
            .container_definitions
            .iter()
            .fold(0u64, |sum, c| sum + u64::from(container_reserved_mib(c)));
        if reserved > u64::from(task_mib) {
            // Our wording.
            return Err(TaskDefError::client(
                "The total memory reserved by the containers is greater than the 'memory' setting for the task",
            ));
        }
    }
    if let Some(task_units) = task_cpu(td) {
        for container in &td.container_definitions {
            if container.cpu > task_units {
                // Our wording, the cpu twin of the memory text.
                return Err(TaskDefError::client(format!(
                    "The 'cpu' setting for container '{}' is greater than for the task.",
                    container.name
                )));
            }
        }
        let total = td
            .container_definitions
            .iter()
            .fold(0u64, |sum, c| sum + u64::from(c.cpu));
        if total > u64::from(task_units) {
            // Our wording.
            return Err(TaskDefError::client(
                "The total 'cpu' of the containers is greater than the 'cpu' setting for the task",
            ));
        }
    }
    Ok(())
}

/// In awsvpc mode the task owns an ENI, so container-level networking knobs are refused; the
/// texts are ECS's [obs: ecs-cli docs and cdk-preflight captures].
fn check_awsvpc_container_rules(td: &TaskDefinition) -> Result<()> {
    if td.network_mode.as_deref() != Some("awsvpc") {
        return Ok(());
    }
    for container in &td.container_definitions {
        let rules: [(Option<&Value>, &str); 5] = [
            (
                container.links.as_ref(),
                "Links are not supported when networkMode=awsvpc",
            ),
            (
                container.hostname.as_ref(),
                "hostname is not supported on container when networkMode=awsvpc",
            ),
            (
                container.dns_servers.as_ref(),
                "DNS servers are not supported on container when networkMode=awsvpc",
            ),
            (
                container.extra_hosts.as_ref(),
                "Extra hosts are not supported on container when networkMode=awsvpc",
            ),
            (
                container.disable_networking.as_ref(),
                "Disable Networking is not supported on container when networkMode=awsvpc",
            ),
        ];
        if let Some((_, message)) = rules.into_iter().find(|(value, _)| is_set(*value)) {
            return Err(TaskDefError::client(message));
        }
    }
    Ok(())
}

/// `mountPoints` must name a task volume and `volumesFrom` another container of the task.
fn check_references(td: &TaskDefinition) -> Result<()> {
    // (`extend`, not `collect`: collecting into a set instantiates a sort.)
    let mut volumes = BTreeSet::new();
    volumes.extend(td.volumes.iter().map(|v| v.name.as_str()));
    let mut containers = BTreeSet::new();
    containers.extend(td.container_definitions.iter().map(|c| c.name.as_str()));
    for container in &td.container_definitions {
        for mount in &container.mount_points {
            let source = mount.get("sourceVolume").and_then(Value::as_str);
            if let Some(source) = source.filter(|s| !volumes.contains(s)) {
                // [obs] (cdk-preflight capture; trailing period our choice).
                return Err(TaskDefError::client(format!("Unknown volume '{source}'.")));
            }
        }
        for from in &container.volumes_from {
            let source = from.get("sourceContainer").and_then(Value::as_str);
            if let Some(source) = source.filter(|s| !containers.contains(s)) {
                // Our wording.
                return Err(TaskDefError::client(format!(
                    "Unknown container '{source}' in volumesFrom of container '{}'.",
                    container.name
                )));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Derived output members
// ---------------------------------------------------------------------------------------------

/// `compatibilities`: the launch types the definition is valid for. Observed shapes: a
/// Fargate-valid awsvpc definition lists `["EC2","FARGATE"]`; a bridge/host/none definition
/// lists `["EXTERNAL","EC2"]` (ECS Anywhere has no awsvpc) [obs]. An awsvpc definition that
/// fails the Fargate rules lists `["EC2"]` (our interpretation).
fn derive_compatibilities(td: &TaskDefinition) -> Vec<String> {
    let list: &[&str] = if td.network_mode() != "awsvpc" {
        &["EXTERNAL", "EC2"]
    } else if td.requires_fargate() || check_fargate_rules(td).is_ok() {
        &["EC2", "FARGATE"]
    } else {
        &["EC2"]
    };
    list.iter().map(|s| s.to_string()).collect()
}

/// `requiresAttributes`: the agent capabilities a container instance must advertise to run the
/// task on EC2. ECS does not document the mapping; this is our interpretation of real
/// `describe-task-definition` outputs, in the order those outputs list them (e.g. Fargate +
/// awslogs gives logging-driver.awslogs, execution-role-awslogs, docker-remote-api.1.19,
/// docker-remote-api.1.18, task-eni).
fn derive_requires_attributes(td: &TaskDefinition) -> Vec<Attribute> {
    let containers = &td.container_definitions;
    let any = |f: &dyn Fn(&ContainerDefinition) -> bool| containers.iter().any(f);
    let has_role = td.execution_role_arn.is_some();
    let mut names: Vec<String> = Vec::new();
    for container in containers {
        if let Some(driver) = log_driver(container) {
            names.push(format!(
                "com.amazonaws.ecs.capability.logging-driver.{driver}"
            ));
        }
    }
    let health = any(&|c| c.health_check.is_some());
    let ecr = any(&|c| is_private_ecr_image(&c.image));
    let awslogs = any(&|c| log_driver(c) == Some("awslogs"));
    let awsvpc = td.network_mode() == "awsvpc";
    let wanted: [(bool, &str); 12] = [
        (
            health,
            "com.amazonaws.ecs.capability.docker-remote-api.1.24",
        ),
        (awslogs && has_role, "ecs.capability.execution-role-awslogs"),
        (ecr, "com.amazonaws.ecs.capability.ecr-auth"),
        (
            any(&|c| c.log_configuration.is_some()),
            "com.amazonaws.ecs.capability.docker-remote-api.1.19",
        ),
        (
            td.volumes
                .iter()
                .any(|v| v.efs_volume_configuration.is_some()),
            "ecs.capability.efs",
        ),
        (td.task_role_arn.is_some(), task_role_attribute(td)),
        (health, "ecs.capability.container-health-check"),
        (
            any(&|c| is_set(c.depends_on.as_ref())),
            "ecs.capability.container-ordering",
        ),
        (ecr && has_role, "ecs.capability.execution-role-ecr-pull"),
        (
            any(&|c| secret_source(c, ":ssm:")),
            "ecs.capability.secrets.ssm.environment-variables",
        ),
        (
            any(&|c| secret_source(c, ":secretsmanager:")),
            "ecs.capability.secrets.asm.environment-variables",
        ),
        (
            any(&|c| c.privileged.as_ref().and_then(Value::as_bool) == Some(true)),
            "com.amazonaws.ecs.capability.privileged-container",
        ),
    ];
    names.extend(
        wanted
            .iter()
            .filter(|(needed, _)| *needed)
            .map(|(_, name)| name.to_string()),
    );
    if awsvpc {
        names.push("com.amazonaws.ecs.capability.docker-remote-api.1.18".to_string());
        names.push("ecs.capability.task-eni".to_string());
    }
    let mut seen = BTreeSet::new();
    names
        .into_iter()
        .filter(|name| seen.insert(name.clone()))
        .map(|name| Attribute { name })
        .collect()
}

/// Host-mode tasks need the agent's separate task-role proxy capability.
fn task_role_attribute(td: &TaskDefinition) -> &'static str {
    if td.network_mode() == "host" {
        "com.amazonaws.ecs.capability.task-iam-role-network-host"
    } else {
        "com.amazonaws.ecs.capability.task-iam-role"
    }
}

/// Whether a container has a secret whose `valueFrom` names the given service (`:ssm:` or
/// `:secretsmanager:`); a bare SSM parameter name also counts as SSM.
fn secret_source(container: &ContainerDefinition, service: &str) -> bool {
    container
        .secrets
        .as_ref()
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("valueFrom").and_then(Value::as_str))
        .any(|from| from.contains(service) || (service == ":ssm:" && !from.starts_with("arn:")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ROLE: &str = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole";

    /// Shallow-merges `patch` into the top level of `base`; a `null` in the patch removes the key.
    fn patch(mut base: Value, patch: Value) -> Value {
        if let (Some(target), Value::Object(members)) = (base.as_object_mut(), patch) {
            for (key, value) in members {
                if value.is_null() {
                    target.remove(&key);
                } else {
                    target.insert(key, value);
                }
            }
        }
        base
    }

    /// Merges `extra` into the first container of `request`.
    fn patch_container(mut request: Value, extra: Value) -> Value {
        let first = request
            .get_mut("containerDefinitions")
            .and_then(|c| c.get_mut(0))
            .map(Value::take)
            .unwrap_or(Value::Null);
        let merged = patch(first, extra);
        if let Some(slot) = request
            .get_mut("containerDefinitions")
            .and_then(|c| c.get_mut(0))
        {
            *slot = merged;
        }
        request
    }

    /// A valid EC2 (bridge, default mode) request with one container.
    fn ec2() -> Value {
        json!({"family": "api", "containerDefinitions": [
            {"name": "api", "image": "nginx", "memory": 256}
        ]})
    }

    /// A valid Fargate request (the §10.4 example without the log configuration).
    fn fargate() -> Value {
        json!({"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
               "cpu": "256", "memory": "512", "executionRoleArn": ROLE,
               "containerDefinitions": [{"name": "app", "image": "httpd:2.4", "essential": true,
                   "portMappings": [{"containerPort": 80, "protocol": "tcp"}]}]})
    }

    fn expect_err(request: &Value) -> TaskDefError {
        match validate(request) {
            Err(e) => e,
            Ok(td) => panic!("expected an error, got {}", json!(td)),
        }
    }

    /// Runs a table of (case, request, code, message) rows.
    fn check_table(rows: Vec<(&str, Value, &str, String)>) {
        for (case, request, code, message) in rows {
            let err = expect_err(&request);
            assert_eq!(err.message, message, "case: {case}");
            assert_eq!(err.code, code, "case: {case}");
        }
    }

    fn client(
        case: &'static str,
        request: Value,
        message: &str,
    ) -> (&'static str, Value, &'static str, String) {
        (case, request, CLIENT, message.to_string())
    }

    fn invalid(
        case: &'static str,
        request: Value,
        message: &str,
    ) -> (&'static str, Value, &'static str, String) {
        (case, request, INVALID_PARAMETER, message.to_string())
    }

    #[test]
    fn the_base_requests_are_valid() {
        assert!(validate(&ec2()).is_ok());
        assert!(validate(&fargate()).is_ok());
    }

    #[test]
    fn normalises_cpu_strings() {
        let table = [
            ("1 vCPU", Some(1024)),
            ("0.5 vCPU", Some(512)),
            ("0.25 vcpu", Some(256)),
            ("2 VCPU", Some(2048)),
            ("16vCPU", Some(16384)),
            ("1024", Some(1024)),
            (" 256 ", Some(256)),
            ("0.3 vCPU", None),
            ("1.5", None),
            ("0", None),
            ("-1", None),
            ("abc", None),
            ("", None),
            ("vCPU", None),
            ("1e3", None),
            ("99999999999999", None),
        ];
        for (text, expected) in table {
            assert_eq!(normalize_task_cpu(text), expected, "cpu {text:?}");
        }
    }

    #[test]
    fn normalises_memory_strings() {
        let table = [
            ("2 GB", Some(2048)),
            ("2GB", Some(2048)),
            ("2 gb", Some(2048)),
            ("0.5 GB", Some(512)),
            ("1.5GB", Some(1536)),
            ("1024", Some(1024)),
            ("512 MiB", Some(512)),
            ("3 GiB", Some(3072)),
            ("GB", None),
            ("2 TB", None),
            ("0", None),
            ("1.0001 GB", None),
        ];
        for (text, expected) in table {
            assert_eq!(normalize_task_memory(text), expected, "memory {text:?}");
        }
    }

    #[test]
    fn registration_stores_normalised_task_size() {
        let table = [
            ("1 vCPU", "2 GB", "1024", "2048"),
            ("0.5 vCPU", "2GB", "512", "2048"),
            ("0.25 vcpu", "1024", "256", "1024"),
            ("1024", "8GB", "1024", "8192"),
        ];
        for (cpu, memory, want_cpu, want_memory) in table {
            let td = validate(&patch(fargate(), json!({"cpu": cpu, "memory": memory})))
                .unwrap_or_else(|e| panic!("{cpu}/{memory}: {e}"));
            assert_eq!(td.cpu.as_deref(), Some(want_cpu));
            assert_eq!(td.memory.as_deref(), Some(want_memory));
            let out = serde_json::to_value(&td).unwrap_or_default();
            assert_eq!(out["cpu"], json!(want_cpu));
            assert_eq!(out["memory"], json!(want_memory));
        }
    }

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
        assert_eq!(td.network_mode(), "bridge");
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
    fn every_fargate_size_pair_is_valid_and_its_neighbours_are_not() {
        let expected_counts = [
            (256, 3),
            (512, 4),
            (1024, 7),
            (2048, 13),
            (4096, 23),
            (8192, 12),
            (16384, 12),
        ];
        for (cpu, count) in expected_counts {
            let options = fargate_memory_options_mib(cpu);
            assert_eq!(options.len(), count, "cpu {cpu}");
            for memory in &options {
                let request = patch(
                    fargate(),
                    json!({"cpu": cpu.to_string(), "memory": memory.to_string()}),
                );
                assert!(validate(&request).is_ok(), "{cpu}/{memory} should be valid");
            }
            let first = options.first().copied().unwrap_or(0);
            let last = options.last().copied().unwrap_or(0);
            let step = if cpu == 256 {
                512
            } else {
                options.get(1).copied().unwrap_or(0) - first
            };
            let mut neighbours = vec![first - step / 2, last + step, first + 1, last - 1];
            if cpu == 256 {
                neighbours.extend([768, 1536, 256, 3072]);
            }
            for memory in neighbours {
                let request = patch(
                    fargate(),
                    json!({"cpu": cpu.to_string(), "memory": memory.to_string()}),
                );
                let err = expect_err(&request);
                assert_eq!(
                    err.message,
                    format!("No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values."),
                    "{cpu}/{memory}"
                );
            }
        }
        for cpu in [128, 255, 257, 768, 3072, 32768] {
            let request = patch(fargate(), json!({"cpu": cpu.to_string(), "memory": "2048"}));
            assert_eq!(
                expect_err(&request).message,
                "Invalid 'cpu' setting for task.",
                "cpu {cpu}"
            );
        }
    }

    #[test]
    fn fargate_size_rules() {
        check_table(vec![
            client(
                "bridge",
                patch(fargate(), json!({"networkMode": "bridge"})),
                "Fargate only supports network mode \u{2018}awsvpc\u{2019}.",
            ),
            client(
                "no mode",
                patch(fargate(), json!({"networkMode": null})),
                "Fargate only supports network mode \u{2018}awsvpc\u{2019}.",
            ),
            client(
                "no cpu",
                patch(fargate(), json!({"cpu": null})),
                "Fargate requires that 'cpu' be defined at the task level.",
            ),
            client(
                "no memory",
                patch(fargate(), json!({"memory": null})),
                "Fargate requires that 'memory' be defined at the task level.",
            ),
            client(
                "bad pair",
                patch(fargate(), json!({"cpu": "4096", "memory": "4096"})),
                "No Fargate configuration exists for given values: 4096 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
            ),
            client(
                "bad cpu",
                patch(fargate(), json!({"cpu": "300"})),
                "Invalid 'cpu' setting for task.",
            ),
            client(
                "windows under 1 vCPU",
                patch(
                    fargate(),
                    json!({"runtimePlatform":
                {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}),
                ),
                "No Fargate configuration exists for given values: 256 CPU, 512 memory. See the Amazon ECS documentation for the valid values.",
            ),
            client(
                "EC2 and FARGATE still checks Fargate",
                patch(
                    fargate(),
                    json!({"requiresCompatibilities": ["EC2", "FARGATE"], "memory": "4096"}),
                ),
                "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
            ),
            client(
                "unparsable cpu",
                patch(fargate(), json!({"cpu": "lots"})),
                "Invalid 'cpu' setting for task.",
            ),
            client(
                "numeric cpu",
                patch(fargate(), json!({"cpu": 256})),
                "Invalid 'cpu' setting for task.",
            ),
            client(
                "unparsable memory",
                patch(fargate(), json!({"memory": "0 GB"})),
                "Invalid 'memory' setting for task.",
            ),
        ]);
    }

    #[test]
    fn ec2_task_cpu_range_rule() {
        for (cpu, ok) in [
            ("128", true),
            ("196608", true),
            ("127", false),
            ("196609", false),
            ("192 vCPU", true),
        ] {
            let request = patch(ec2(), json!({"cpu": cpu}));
            match validate(&request) {
                Ok(_) => assert!(ok, "{cpu} accepted"),
                Err(e) => {
                    assert!(!ok, "{cpu} rejected: {e}");
                    assert_eq!(e.message, "Invalid 'cpu' setting for task.");
                    assert_eq!(e.code, "ClientException");
                }
            }
        }
    }

    #[test]
    fn request_shape_rules() {
        let mut eleven = Vec::new();
        for i in 0..11 {
            eleven.push(json!({"name": format!("c{i}"), "image": "nginx", "memory": 64}));
        }
        let too_large = patch(ec2(), json!({"family": "x".repeat(MAX_REQUEST_BYTES)}));
        check_table(vec![
            invalid(
                "not an object",
                json!([1, 2]),
                "The request body must be a JSON object.",
            ),
            client(
                "no family",
                patch(ec2(), json!({"family": null})),
                "Family should not be null or empty.",
            ),
            client(
                "empty family",
                patch(ec2(), json!({"family": ""})),
                "Family should not be null or empty.",
            ),
            client(
                "family chars",
                patch(ec2(), json!({"family": "my app"})),
                "Family contains invalid characters.",
            ),
            client(
                "family dot",
                patch(ec2(), json!({"family": "my.app"})),
                "Family contains invalid characters.",
            ),
            client(
                "family length",
                patch(ec2(), json!({"family": "f".repeat(256)})),
                "Family must be no longer than 255 characters.",
            ),
            client(
                "no containers",
                patch(ec2(), json!({"containerDefinitions": null})),
                "Container list cannot be empty.",
            ),
            client(
                "empty containers",
                patch(ec2(), json!({"containerDefinitions": []})),
                "Container list cannot be empty.",
            ),
            client(
                "eleven containers",
                patch(ec2(), json!({"containerDefinitions": eleven})),
                "Too many containers.",
            ),
            invalid(
                "containers not a list",
                patch(ec2(), json!({"containerDefinitions": {"name": "x"}})),
                "Invalid type for parameter containerDefinitions, expected a list.",
            ),
            invalid(
                "container not an object",
                patch(ec2(), json!({"containerDefinitions": ["nginx"]})),
                "Invalid type for parameter containerDefinitions[0], expected a structure.",
            ),
            invalid(
                "cpu wrong type",
                patch_container(ec2(), json!({"cpu": "256"})),
                "Invalid type for parameter containerDefinitions[0].cpu, expected an integer.",
            ),
            invalid(
                "pass-through member wrong type",
                patch_container(ec2(), json!({"linuxParameters": 90})),
                "Invalid type for parameter containerDefinitions[0].linuxParameters, expected a structure.",
            ),
            invalid(
                "volume host wrong type",
                patch(ec2(), json!({"volumes": [{"name": "v", "host": "/var/log"}]})),
                "Invalid type for parameter volumes[0].host, expected a structure.",
            ),
            client(
                "too large",
                too_large.clone(),
                &format!(
                    "Actual length: '{}'. Max allowed length is '65536' bytes.",
                    serde_json::to_string(&too_large).map_or(0, |t| t.len())
                ),
            ),
        ]);
        assert!(validate(&patch(ec2(), json!({"family": "f".repeat(255)}))).is_ok());
        let ten: Vec<Value> = (0..10)
            .map(|i| json!({"name": format!("c{i}"), "image": "nginx", "memory": 64}))
            .collect();
        assert!(validate(&patch(ec2(), json!({"containerDefinitions": ten}))).is_ok());
    }

    #[test]
    fn enum_rules() {
        check_table(vec![
            invalid("network mode", patch(ec2(), json!({"networkMode": "nat"})),
                "Invalid value 'nat' for networkMode. Valid values are: bridge, host, awsvpc, none."),
            invalid("pid mode", patch(ec2(), json!({"pidMode": "container"})),
                "Invalid value 'container' for pidMode. Valid values are: host, task."),
            invalid("ipc mode", patch(ec2(), json!({"ipcMode": "shareable"})),
                "Invalid value 'shareable' for ipcMode. Valid values are: host, task, none."),
            invalid("compatibility", patch(ec2(), json!({"requiresCompatibilities": ["LAMBDA"]})),
                "Invalid value 'LAMBDA' for requiresCompatibilities. Valid values are: EC2, FARGATE, EXTERNAL."),
            invalid("protocol", patch_container(ec2(), json!({"portMappings": [{"containerPort": 53, "protocol": "sctp"}]})),
                "Invalid value 'sctp' for protocol. Valid values are: tcp, udp."),
            invalid("app protocol", patch_container(ec2(), json!({"portMappings": [{"containerPort": 80, "appProtocol": "HTTP"}]})),
                "Invalid value 'HTTP' for appProtocol. Valid values are: http, http2, grpc."),
        ]);
        for mode in NETWORK_MODES {
            let request = patch(ec2(), json!({"networkMode": mode}));
            let td = validate(&request).unwrap_or_else(|e| panic!("{mode}: {e}"));
            assert_eq!(td.network_mode(), mode);
        }
    }

    #[test]
    fn container_identity_rules() {
        let two = |a: Value, b: Value| patch(ec2(), json!({"containerDefinitions": [a, b]}));
        check_table(vec![
            client(
                "no name",
                patch_container(ec2(), json!({"name": null})),
                "Container.name should not be null or empty.",
            ),
            client(
                "no image",
                patch_container(ec2(), json!({"image": ""})),
                "Container.image should not be null or empty.",
            ),
            client(
                "name chars",
                patch_container(ec2(), json!({"name": "my app"})),
                "Container.name contains invalid characters.",
            ),
            client(
                "name length",
                patch_container(ec2(), json!({"name": "n".repeat(256)})),
                "Container.name should be no longer than 255 characters.",
            ),
            client(
                "image chars",
                patch_container(ec2(), json!({"image": "$IMAGE_NAME"})),
                "Container.image contains invalid characters.",
            ),
            client(
                "image length",
                patch_container(ec2(), json!({"image": "i".repeat(256)})),
                "Container.image should be no longer than 255 characters.",
            ),
            client(
                "duplicate names",
                two(
                    json!({"name": "web", "image": "nginx", "memory": 64}),
                    json!({"name": "web", "image": "redis", "memory": 64}),
                ),
                "Container names must be unique within a task definition. Duplicate name: 'web'.",
            ),
            client(
                "no essential",
                two(
                    json!({"name": "a", "image": "nginx", "memory": 64, "essential": false}),
                    json!({"name": "b", "image": "redis", "memory": 64, "essential": false}),
                ),
                "Task definition doesn't have any essential container.",
            ),
            client(
                "negative cpu",
                patch_container(ec2(), json!({"cpu": -1})),
                "Invalid 'cpu' setting for container 'api'.",
            ),
        ]);
        let digest = patch_container(
            ec2(),
            json!({"image": "public.ecr.aws/nginx/nginx@sha256:0123abcd"}),
        );
        assert!(validate(&digest).is_ok());
        let one_essential = two(
            json!({"name": "a", "image": "nginx", "memory": 64, "essential": false}),
            json!({"name": "b", "image": "redis", "memory": 64}),
        );
        assert!(validate(&one_essential).is_ok());
    }

    #[test]
    fn container_memory_rules() {
        let two = json!({"family": "test_ecs_task", "requiresCompatibilities": ["EC2"], "containerDefinitions": [
            {"name": "hello_world", "image": "hello-world:latest"},
            {"name": "hello_world2", "image": "hello-world:latest"}]});
        check_table(vec![
            client("no memory anywhere", two,
                "Invalid setting for container 'hello_world'. At least one of 'memory' or 'memoryReservation' must be specified."),
            client("under 6 MiB", patch_container(ec2(), json!({"memory": 5})),
                "Invalid 'memory' setting for container 'api'. The minimum allowed value is 6 MiB."),
            client("reservation under 6 MiB", patch_container(ec2(), json!({"memory": null, "memoryReservation": 0})),
                "Invalid 'memoryReservation' setting for container 'api'. The minimum allowed value is 6 MiB."),
            client("memory equal to reservation", patch_container(ec2(), json!({"memory": 128, "memoryReservation": 128})),
                "Invalid setting for container 'api'. 'memory' must be greater than 'memoryReservation'."),
            client("memory below reservation", patch_container(ec2(), json!({"memory": 100, "memoryReservation": 128})),
                "Invalid setting for container 'api'. 'memory' must be greater than 'memoryReservation'."),
        ]);
        assert!(validate(&patch_container(ec2(), json!({"memory": 6}))).is_ok());
        let task_memory_only = patch(
            patch_container(ec2(), json!({"memory": null})),
            json!({"memory": "512"}),
        );
        assert!(
            validate(&task_memory_only).is_ok(),
            "task-level memory covers the containers"
        );
    }

    #[test]
    fn container_sum_rules() {
        let pair = |a: Value, b: Value, task: Value| {
            patch(ec2(), patch(json!({"containerDefinitions": [a, b]}), task))
        };
        check_table(vec![
            client("container memory over task", patch(patch_container(ec2(), json!({"memory": 1024})), json!({"memory": "512"})),
                "The 'memory' setting for container 'api' is greater than for the task."),
            client("reservations over task", pair(
                json!({"name": "a", "image": "nginx", "memoryReservation": 300}),
                json!({"name": "b", "image": "nginx", "memory": 300}), json!({"memory": "512"})),
                "The total memory reserved by the containers is greater than the 'memory' setting for the task"),
            client("container cpu over task", patch(patch_container(ec2(), json!({"cpu": 1024})), json!({"cpu": "512"})),
                "The 'cpu' setting for container 'api' is greater than for the task."),
            client("cpu total over task", pair(
                json!({"name": "a", "image": "nginx", "memory": 64, "cpu": 300}),
                json!({"name": "b", "image": "nginx", "memory": 64, "cpu": 300}), json!({"cpu": "512"})),
                "The total 'cpu' of the containers is greater than the 'cpu' setting for the task"),
            client("fargate container over task", patch_container(fargate(), json!({"memory": 1024})),
                "The 'memory' setting for container 'app' is greater than for the task."),
        ]);
        let fits = pair(
            json!({"name": "a", "image": "nginx", "memory": 256, "cpu": 256}),
            json!({"name": "b", "image": "nginx", "memory": 256, "cpu": 256}),
            json!({"memory": "512", "cpu": "512"}),
        );
        assert!(validate(&fits).is_ok());
    }

    #[test]
    fn port_mapping_rules() {
        let mapping = |m: Value| patch_container(ec2(), json!({"portMappings": [m]}));
        let mode = |network: &str, m: Value| patch(mapping(m), json!({"networkMode": network}));
        check_table(vec![
            client("awsvpc mismatch", mode("awsvpc", json!({"containerPort": 80, "hostPort": 8080})),
                "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
            client("host mismatch", mode("host", json!({"containerPort": 80, "hostPort": 8080})),
                "When networkMode=host, the host ports and container ports in port mappings must match."),
            client("fargate mismatch", patch_container(fargate(), json!({"portMappings": [{"containerPort": 80, "hostPort": 81}]})),
                "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
            client("none mode", mode("none", json!({"containerPort": 80})),
                "Port mappings are not supported when networkMode=none"),
            client("no container port", mapping(json!({"hostPort": 80})),
                "Invalid port mapping for container 'api'. 'containerPort' must be specified."),
            client("container port 0", mapping(json!({"containerPort": 0})),
                "Invalid 'containerPort' setting for container 'api'. Ports must be between 1 and 65535."),
            client("container port too big", mapping(json!({"containerPort": 70000})),
                "Invalid 'containerPort' setting for container 'api'. Ports must be between 1 and 65535."),
            client("negative host port", mapping(json!({"containerPort": 80, "hostPort": -1})),
                "Invalid 'hostPort' setting for container 'api'. Ports must be between 0 and 65535."),
            client("range and port", mapping(json!({"containerPort": 80, "containerPortRange": "8000-8010"})),
                "cannot specify both single port and port range"),
            client("range in host mode", mode("host", json!({"containerPortRange": "8000-8010"})),
                "Container port ranges are not supported when networkMode=host"),
            client("bad range", mapping(json!({"containerPortRange": "8010-8000"})),
                "Invalid containerPortRange '8010-8000' for container 'api'. Specify a range 'first-last' with 1 <= first < last <= 65535."),
        ]);
    }

    #[test]
    fn host_ports_are_filled_per_network_mode() {
        let mappings = json!([{"containerPort": 80}, {"containerPort": 53, "protocol": "udp"}, {"containerPort": 443, "hostPort": 8443}]);
        let bridge = validate(&patch_container(ec2(), json!({"portMappings": mappings})))
            .unwrap_or_else(|e| panic!("{e}"));
        let hosts: Vec<Option<u16>> = bridge.container_definitions[0]
            .port_mappings
            .iter()
            .map(|m| m.host_port)
            .collect();
        assert_eq!(hosts, [Some(0), Some(0), Some(8443)]);
        assert_eq!(bridge.static_host_ports(), (vec![8443], vec![]));

        let host_mode = json!([{"containerPort": 80}, {"containerPort": 53, "protocol": "udp"}]);
        let host = validate(&patch(
            patch_container(ec2(), json!({"portMappings": host_mode})),
            json!({"networkMode": "host"}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(host.static_host_ports(), (vec![80], vec![53]));
        let out = serde_json::to_value(&host).unwrap_or_default();
        assert_eq!(
            out["containerDefinitions"][0]["portMappings"][1],
            json!({"containerPort": 53, "hostPort": 53, "protocol": "udp"})
        );

        let awsvpc = validate(&patch(
            patch_container(ec2(), json!({"portMappings": [{"containerPort": 8080}]})),
            json!({"networkMode": "awsvpc"}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            awsvpc.container_definitions[0].port_mappings[0].host_port,
            Some(8080)
        );
        assert_eq!(
            awsvpc.static_host_ports(),
            (vec![], vec![]),
            "awsvpc reserves no host ports"
        );

        let range = validate(&patch_container(
            ec2(),
            json!({"portMappings": [{"containerPortRange": "8000-8010"}]}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let out = serde_json::to_value(&range).unwrap_or_default();
        assert_eq!(
            out["containerDefinitions"][0]["portMappings"][0],
            json!({"protocol": "tcp", "containerPortRange": "8000-8010"})
        );
    }

    #[test]
    fn fargate_unsupported_parameter_rules() {
        let container = |extra: Value| patch_container(fargate(), extra);
        let volume = |v: Value| patch(fargate(), json!({"volumes": [v]}));
        check_table(vec![
            client("pidMode host", patch(fargate(), json!({"pidMode": "host"})),
                "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'."),
            client("ipcMode", patch(fargate(), json!({"ipcMode": "task"})), "Fargate compatible task definitions do not support ipcMode"),
            client("placement constraints", patch(fargate(), json!({"placementConstraints":
                [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}]})),
                "Fargate compatible task definitions do not support constraints"),
            client("docker volume", volume(json!({"name": "v", "dockerVolumeConfiguration": {"scope": "task"}})),
                "Fargate compatible task definitions do not support dockerVolumeConfiguration"),
            client("host source path", volume(json!({"name": "v", "host": {"sourcePath": "/var/log"}})),
                "Fargate compatible task definitions do not support sourcePath"),
            client("privileged", container(json!({"privileged": true})),
                "Fargate requires that the 'privileged' setting be 'false'"),
            client("dns search domains", container(json!({"dnsSearchDomains": ["corp"]})),
                "Fargate compatible task definitions do not support dnsSearchDomains"),
            client("docker security options", container(json!({"dockerSecurityOptions": ["no-new-privileges"]})),
                "Fargate compatible task definitions do not support dockerSecurityOptions"),
            client("system controls", container(json!({"systemControls": [{"namespace": "kernel.shmmax", "value": "1"}]})),
                "Fargate compatible task definitions do not support systemControls"),
            client("gpu", container(json!({"resourceRequirements": [{"type": "GPU", "value": "1"}]})),
                "Fargate compatible task definitions do not support gpu"),
            client("devices", container(json!({"linuxParameters": {"devices": [{"hostPath": "/dev/fuse"}]}})),
                "Fargate compatible task definitions do not support devices"),
            client("shared memory", container(json!({"linuxParameters": {"sharedMemorySize": 64}})),
                "Fargate compatible task definitions do not support sharedMemorySize"),
            client("tmpfs", container(json!({"linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 64}]}})),
                "Fargate compatible task definitions do not support tmpfs"),
            client("max swap", container(json!({"linuxParameters": {"maxSwap": 0}})),
                "Fargate compatible task definitions do not support maxSwap"),
            client("swappiness", container(json!({"linuxParameters": {"swappiness": 10}})),
                "Fargate compatible task definitions do not support swappiness"),
            client("capabilities", container(json!({"linuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}}})),
                "Fargate compatible task definitions do not support capabilities.add other than SYS_PTRACE"),
            client("log driver", container(json!({"logConfiguration": {"logDriver": "json-file"}})),
                "Log driver json-file is not supported on Fargate. Supported log drivers are awslogs, splunk and awsfirelens."),
            client("stop timeout", container(json!({"stopTimeout": 121})),
                "Invalid 'stopTimeout' setting for container 'app'. Fargate allows at most 120 seconds."),
        ]);
        let ptrace = container(
            json!({"linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"]}, "initProcessEnabled": true},
                                      "stopTimeout": 120, "systemControls": []}),
        );
        assert!(validate(&ptrace).is_ok());
        assert!(validate(&patch(fargate(), json!({"pidMode": "task"}))).is_ok());
        assert!(validate(&volume(json!({"name": "scratch"}))).is_ok());
        // The same parameters are fine on EC2.
        let ec2_ok = patch(
            patch_container(
                ec2(),
                json!({"privileged": true, "linuxParameters": {"maxSwap": 0}}),
            ),
            json!({"pidMode": "host", "ipcMode": "host"}),
        );
        assert!(validate(&ec2_ok).is_ok());
    }

    #[test]
    fn awsvpc_container_rules() {
        let awsvpc = |extra: Value| {
            patch(
                patch_container(ec2(), extra),
                json!({"networkMode": "awsvpc"}),
            )
        };
        check_table(vec![
            client(
                "links",
                awsvpc(json!({"links": ["db"]})),
                "Links are not supported when networkMode=awsvpc",
            ),
            client(
                "hostname",
                awsvpc(json!({"hostname": "web"})),
                "hostname is not supported on container when networkMode=awsvpc",
            ),
            client(
                "dns servers",
                awsvpc(json!({"dnsServers": ["10.0.0.2"]})),
                "DNS servers are not supported on container when networkMode=awsvpc",
            ),
            client(
                "extra hosts",
                awsvpc(json!({"extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.9"}]})),
                "Extra hosts are not supported on container when networkMode=awsvpc",
            ),
            client(
                "disable networking",
                awsvpc(json!({"disableNetworking": true})),
                "Disable Networking is not supported on container when networkMode=awsvpc",
            ),
            client(
                "fargate links",
                patch_container(fargate(), json!({"links": ["db"]})),
                "Links are not supported when networkMode=awsvpc",
            ),
        ]);
        assert!(validate(&patch_container(
            ec2(),
            json!({"links": ["db"], "hostname": "web"})
        ))
        .is_ok());
    }

    #[test]
    fn execution_role_rules() {
        let no_role = patch(fargate(), json!({"executionRoleArn": null}));
        let awslogs = json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}});
        let ecr = json!({"image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1"});
        let secrets = json!({"secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:111122223333:parameter/db"}]});
        check_table(vec![
            client("fargate awslogs", patch_container(no_role.clone(), awslogs.clone()),
                "Fargate requires task definition to have execution role ARN to support log driver awslogs."),
            client("fargate ecr", patch_container(no_role.clone(), ecr.clone()),
                "Fargate requires task definition to have execution role ARN to support ECR images."),
            client("fargate secrets", patch_container(no_role.clone(), secrets.clone()),
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'"),
            client("ec2 secrets", patch_container(ec2(), secrets.clone()),
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'"),
            client("ec2 log secret options", patch_container(ec2(), json!({"logConfiguration": {"logDriver": "splunk",
                "secretOptions": [{"name": "splunk-token", "valueFrom": "arn:aws:secretsmanager:us-east-1:1:secret:t"}]}})),
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'"),
            client("repository credentials", patch_container(ec2(), json!({"repositoryCredentials":
                {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:1:secret:hub"}})),
                "When you are specifying repository credentials, you must also specify a value for 'executionRoleArn'"),
            client("log driver without name", patch_container(ec2(), json!({"logConfiguration": {"options": {}}})),
                "Log configuration must specify a logDriver."),
        ]);
        // EC2 pulls ECR images and ships awslogs with the instance role: no execution role needed.
        assert!(validate(&patch_container(ec2(), awslogs)).is_ok());
        assert!(validate(&patch_container(ec2(), ecr)).is_ok());
        // Public ECR and Docker Hub need no credentials on Fargate either.
        let public = patch_container(
            no_role,
            json!({"image": "public.ecr.aws/nginx/nginx:latest"}),
        );
        assert!(validate(&public).is_ok());
    }

    #[test]
    fn placement_constraint_rules() {
        let with = |c: Value| patch(ec2(), json!({"placementConstraints": c}));
        let member =
            json!({"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"});
        let eleven: Vec<Value> = (0..11).map(|_| member.clone()).collect();
        let ten: Vec<Value> = (0..10).map(|_| member.clone()).collect();
        check_table(vec![
            client(
                "distinctInstance",
                with(json!([{"type": "distinctInstance"}])),
                "constraint.type 'distinctInstance' is not supported.",
            ),
            invalid(
                "unknown type",
                with(json!([{"type": "spread", "expression": "x"}])),
                "Invalid value 'spread' for placementConstraints.type. Valid values are: memberOf.",
            ),
            client(
                "no expression",
                with(json!([{"type": "memberOf"}])),
                "A memberOf placement constraint must have an expression.",
            ),
            client(
                "long expression",
                with(json!([{"type": "memberOf", "expression": "a".repeat(2001)}])),
                "Placement constraint expression must be at most 2000 characters.",
            ),
            client(
                "eleven",
                with(json!(eleven)),
                "Too many placement constraints. A task definition can have at most 10.",
            ),
        ]);
        let td = validate(&with(json!(ten))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(td.placement_constraints.len(), 10);
        let out = serde_json::to_value(&td).unwrap_or_default();
        assert_eq!(out["placementConstraints"][0], member);
        assert!(validate(&with(
            json!([{"type": "memberOf", "expression": "a".repeat(2000)}])
        ))
        .is_ok());
    }

    #[test]
    fn ephemeral_storage_rules() {
        let sized = |n: i64| patch(fargate(), json!({"ephemeralStorage": {"sizeInGiB": n}}));
        check_table(vec![
            client("20", sized(20), "EphemeralStorage size should be at least 21"),
            client("201", sized(201), "EphemeralStorage size should be at most 200"),
            client("on EC2", patch(ec2(), json!({"ephemeralStorage": {"sizeInGiB": 30}})),
                "Ephemeral storage is only supported for task definitions that require FARGATE compatibility."),
        ]);
        for n in [21, 200] {
            let td = validate(&sized(n)).unwrap_or_else(|e| panic!("{e}"));
            let out = serde_json::to_value(&td).unwrap_or_default();
            assert_eq!(out["ephemeralStorage"], json!({"sizeInGiB": n}));
        }
    }

    #[test]
    fn volume_reference_rules() {
        let mount = json!({"mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]});
        check_table(vec![
            client(
                "unknown volume",
                patch_container(ec2(), mount.clone()),
                "Unknown volume 'data'.",
            ),
            client(
                "unknown container",
                patch_container(ec2(), json!({"volumesFrom": [{"sourceContainer": "db"}]})),
                "Unknown container 'db' in volumesFrom of container 'api'.",
            ),
            client(
                "volume without name",
                patch(ec2(), json!({"volumes": [{"host": {}}]})),
                "Volume.name should not be null or empty.",
            ),
            client(
                "duplicate volume",
                patch(ec2(), json!({"volumes": [{"name": "v"}, {"name": "v"}]})),
                "Volume names must be unique within a task definition. Duplicate name: 'v'.",
            ),
        ]);
        let td = validate(&patch(
            patch_container(ec2(), mount),
            json!({"volumes": [{"name": "data"}]}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let out = serde_json::to_value(&td).unwrap_or_default();
        assert_eq!(
            out["volumes"],
            json!([{"name": "data", "host": {}}]),
            "ECS prints an empty host"
        );
    }

    #[test]
    fn compatibilities_follow_network_mode_and_fargate_rules() {
        let awsvpc_ec2 = patch(ec2(), json!({"networkMode": "awsvpc"}));
        let table = [
            (ec2(), vec!["EXTERNAL", "EC2"]),
            (
                patch(
                    ec2(),
                    json!({"requiresCompatibilities": ["EC2"], "networkMode": "host"}),
                ),
                vec!["EXTERNAL", "EC2"],
            ),
            (awsvpc_ec2.clone(), vec!["EC2"]),
            (
                patch(awsvpc_ec2, json!({"cpu": "256", "memory": "512"})),
                vec!["EC2", "FARGATE"],
            ),
            (fargate(), vec!["EC2", "FARGATE"]),
        ];
        for (request, expected) in table {
            let td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(td.compatibilities, expected, "{request}");
        }
    }

    #[test]
    fn requires_attributes_follow_the_observed_order() {
        let request = patch(
            patch_container(
                fargate(),
                json!({
                    "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1",
                    "logConfiguration": {"logDriver": "awslogs", "options": {}},
                    "healthCheck": {"command": ["CMD-SHELL", "true"]},
                    "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:111122223333:parameter/db"}],
                    "dependsOn": [{"containerName": "app", "condition": "START"}]
                }),
            ),
            json!({"taskRoleArn": "arn:aws:iam::111122223333:role/app"}),
        );
        let td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = td
            .requires_attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "com.amazonaws.ecs.capability.logging-driver.awslogs",
                "com.amazonaws.ecs.capability.docker-remote-api.1.24",
                "ecs.capability.execution-role-awslogs",
                "com.amazonaws.ecs.capability.ecr-auth",
                "com.amazonaws.ecs.capability.docker-remote-api.1.19",
                "com.amazonaws.ecs.capability.task-iam-role",
                "ecs.capability.container-health-check",
                "ecs.capability.container-ordering",
                "ecs.capability.execution-role-ecr-pull",
                "ecs.capability.secrets.ssm.environment-variables",
                "com.amazonaws.ecs.capability.docker-remote-api.1.18",
                "ecs.capability.task-eni",
            ]
        );
        let host = validate(&patch(
            ec2(),
            json!({"networkMode": "host", "taskRoleArn": "arn:aws:iam::1:role/r"}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            host.requires_attributes,
            vec![Attribute {
                name: "com.amazonaws.ecs.capability.task-iam-role-network-host".to_string()
            }]
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
        assert_eq!(sized.network_mode(), "bridge");
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

    /// Deterministic xorshift64 for the garbage test (no external crates in scratch).
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
    }

    const KEYS: [&str; 24] = [
        "family",
        "containerDefinitions",
        "networkMode",
        "cpu",
        "memory",
        "requiresCompatibilities",
        "name",
        "image",
        "portMappings",
        "containerPort",
        "hostPort",
        "protocol",
        "essential",
        "memoryReservation",
        "volumes",
        "placementConstraints",
        "ephemeralStorage",
        "sizeInGiB",
        "logConfiguration",
        "logDriver",
        "linuxParameters",
        "pidMode",
        "executionRoleArn",
        "mountPoints",
    ];

    fn garbage(rng: &mut XorShift, depth: u32) -> Value {
        let pick = if depth == 0 {
            rng.below(5)
        } else {
            rng.below(7)
        };
        match pick {
            0 => Value::Null,
            1 => json!(rng.below(3) == 0),
            2 => json!(rng.next() as i64 >> rng.below(64)),
            3 => {
                let words = [
                    "",
                    "1 vCPU",
                    "2 GB",
                    "awsvpc",
                    "FARGATE",
                    "nginx",
                    "a b",
                    "\u{2018}",
                    "-5",
                    "0.25 vcpu",
                ];
                json!(words[rng.below(words.len() as u64) as usize])
            }
            4 => json!(f64::from(rng.below(1000) as u32) / 8.0),
            5 => Value::Array((0..rng.below(4)).map(|_| garbage(rng, depth - 1)).collect()),
            _ => {
                let mut map = Map::new();
                for _ in 0..rng.below(6) {
                    let key = KEYS[rng.below(KEYS.len() as u64) as usize];
                    map.insert(key.to_string(), garbage(rng, depth - 1));
                }
                Value::Object(map)
            }
        }
    }

    #[test]
    fn garbage_input_is_rejected_without_panicking() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut rejected = 0;
        for _ in 0..3000 {
            let value = garbage(&mut rng, 4);
            let result = validate(&value);
            if !value.is_object() {
                assert!(result.is_err(), "non-object accepted: {value}");
            }
            match result {
                Err(e) => {
                    rejected += 1;
                    assert!(e.code == CLIENT || e.code == INVALID_PARAMETER);
                    assert!(!e.message.is_empty());
                }
                Ok(td) => {
                    let _ = (td.cpu_units(), td.memory_mib(), td.static_host_ports());
                }
            }
        }
        assert!(rejected > 2900, "only {rejected} rejected");
        // Mutations of a valid request: each member replaced by garbage must never panic, and
        // what is accepted must still round-trip.
        for _ in 0..3000 {
            let key = KEYS[rng.below(KEYS.len() as u64) as usize];
            let mutated = if rng.below(2) == 0 {
                patch(fargate(), json!({ key: garbage(&mut rng, 3) }))
            } else {
                patch_container(fargate(), json!({ key: garbage(&mut rng, 3) }))
            };
            if let Ok(td) = validate(&mutated) {
                let text = serde_json::to_string(&td).unwrap_or_default();
                let back: std::result::Result<TaskDefinition, _> = serde_json::from_str(&text);
                assert_eq!(back.ok(), Some(td));
            }
        }
        for _ in 0..2000 {
            let len = rng.below(12) as usize;
            let text: String = (0..len)
                .map(|_| char::from(b" .0123456789vcpuVCPUgbGBmi-e"[rng.below(28) as usize]))
                .collect();
            let _ = (normalize_task_cpu(&text), normalize_task_memory(&text));
        }
    }
}
