//! ECS tasks: a running copy of a task definition, with its containers and its lifecycle
//! (ECS-REFERENCE.md §5).

use serde::Serialize;

use super::time::SimTime;
use super::Tag;
use crate::model::ledger::Ledger;

/// A task's `lastStatus`, in lifecycle order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum TaskStatus {
    Provisioning,
    Pending,
    Activating,
    Running,
    Deactivating,
    Stopping,
    Deprovisioning,
    Stopped,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Provisioning => "PROVISIONING",
            TaskStatus::Pending => "PENDING",
            TaskStatus::Activating => "ACTIVATING",
            TaskStatus::Running => "RUNNING",
            TaskStatus::Deactivating => "DEACTIVATING",
            TaskStatus::Stopping => "STOPPING",
            TaskStatus::Deprovisioning => "DEPROVISIONING",
            TaskStatus::Stopped => "STOPPED",
        }
    }

    /// Before RUNNING: counts as pending on its instance.
    pub fn is_pending(self) -> bool {
        self < TaskStatus::Running
    }
}

/// A task's launch type, as ECS spells it (`EC2` or `FARGATE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LaunchType {
    #[serde(rename = "EC2")]
    Ec2,
    #[serde(rename = "FARGATE")]
    Fargate,
}

impl LaunchType {
    pub fn as_str(self) -> &'static str {
        match self {
            LaunchType::Ec2 => "EC2",
            LaunchType::Fargate => "FARGATE",
        }
    }

    /// The launch type ECS spells `s`, if any.
    pub fn parse(s: &str) -> Option<LaunchType> {
        match s {
            "EC2" => Some(LaunchType::Ec2),
            "FARGATE" => Some(LaunchType::Fargate),
            _ => None,
        }
    }

    pub fn is_fargate(self) -> bool {
        self == LaunchType::Fargate
    }
}

impl std::fmt::Display for LaunchType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a task stopped (`stopCode`), as ECS spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum StopCode {
    TaskFailedToStart,
    EssentialContainerExited,
    UserInitiated,
    ServiceSchedulerInitiated,
    SpotInterruption,
    TerminationNotice,
}

impl StopCode {
    pub fn as_str(self) -> &'static str {
        match self {
            StopCode::TaskFailedToStart => "TaskFailedToStart",
            StopCode::EssentialContainerExited => "EssentialContainerExited",
            StopCode::UserInitiated => "UserInitiated",
            StopCode::ServiceSchedulerInitiated => "ServiceSchedulerInitiated",
            StopCode::SpotInterruption => "SpotInterruption",
            StopCode::TerminationNotice => "TerminationNotice",
        }
    }
}

impl std::fmt::Display for StopCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A task's `desiredStatus`: `RUNNING` until a stop is asked or happens, then `STOPPED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DesiredStatus {
    Running,
    Stopped,
}

impl DesiredStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DesiredStatus::Running => "RUNNING",
            DesiredStatus::Stopped => "STOPPED",
        }
    }
}

/// A container's `lastStatus` (ECS-REFERENCE.md §5.1): containers are `PENDING` until their
/// task runs them, then `RUNNING`, then `STOPPED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContainerStatus {
    Pending,
    Running,
    Stopped,
}

impl ContainerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContainerStatus::Pending => "PENDING",
            ContainerStatus::Running => "RUNNING",
            ContainerStatus::Stopped => "STOPPED",
        }
    }
}

/// The status of an awsvpc task's ENI attachment (`attachments[].status`), as ECS spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AttachmentStatus {
    /// Asked for; the ENI does not exist yet.
    Precreated,
    Attached,
    Detaching,
    Deleted,
    /// The ENI could not be created (no free address, no ENI slot).
    Failed,
}

impl AttachmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentStatus::Precreated => "PRECREATED",
            AttachmentStatus::Attached => "ATTACHED",
            AttachmentStatus::Detaching => "DETACHING",
            AttachmentStatus::Deleted => "DELETED",
            AttachmentStatus::Failed => "FAILED",
        }
    }
}

/// One container of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    pub arn: String,
    pub runtime_id: String,
    pub image: String,
    pub essential: bool,
    pub last_status: ContainerStatus,
    pub exit_code: Option<i32>,
    pub reason: Option<String>,
    pub cpu: u32,
    pub memory: Option<u32>,
    pub memory_reservation: Option<u32>,
    /// (containerPort, hostPort, protocol) for bridge/host mappings.
    pub network_bindings: Vec<(u16, u16, String)>,
    /// A command that ends on its own (`sleep N`, `sh -c "sleep N; exit C"`): the container
    /// exits with C (0 by default) after N simulated seconds of running.
    pub scripted_exit: Option<(SimTime, i32)>,
    /// The command as overridden or defined, for display.
    pub command: Option<Vec<String>>,
}

/// An awsvpc task's elastic network interface attachment (ECS-REFERENCE.md §3.2): the
/// subnet it goes in, and the ENI once PROVISIONING has created it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskEni {
    /// The attachment's UUID (`attachments[].id`).
    pub attachment_id: String,
    pub status: AttachmentStatus,
    /// The subnets the task may use, in the order given (on EC2, those in the instance's AZ).
    pub subnets: Vec<String>,
    /// The subnet chosen (Fargate: at RunTask; EC2: when the ENI is created).
    pub subnet_id: String,
    pub security_groups: Vec<String>,
    pub assign_public_ip: bool,
    pub eni_id: Option<String>,
    pub private_ip: Option<std::net::Ipv4Addr>,
    pub mac: Option<String>,
    pub public_ip: Option<std::net::Ipv4Addr>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// The 32 hex digits at the end of the ARN.
    pub id: String,
    pub arn: std::sync::Arc<str>,
    pub cluster: String,
    pub task_definition_arn: String,
    pub family: String,
    pub container_instance_id: String,
    pub container_instance_arn: String,
    pub ec2_instance_id: String,
    pub availability_zone: &'static str,
    pub launch_type: LaunchType,
    /// `FARGATE` or `FARGATE_SPOT` when a capacity provider strategy chose it.
    pub capacity_provider: Option<crate::model::ecs::CapacityProvider>,
    /// Fargate: the platform version the task runs on (`LATEST` resolves to 1.4.0).
    pub platform_version: Option<String>,
    /// Fargate: the ephemeral storage in GiB (20 by default).
    pub ephemeral_storage_gib: Option<u32>,
    /// awsvpc: the task's ENI.
    pub eni: Option<TaskEni>,
    pub group: String,
    pub started_by: Option<String>,
    pub last_status: TaskStatus,
    /// `RUNNING` until a stop is asked or happens, then `STOPPED`.
    pub desired_status: DesiredStatus,
    /// What the task reserves on its instance.
    pub cpu_units: u32,
    pub memory_mib: u32,
    /// The task-level cpu/memory strings ECS reports.
    pub cpu: String,
    pub memory: String,
    pub tcp_ports: Vec<u16>,
    pub udp_ports: Vec<u16>,
    pub containers: Vec<Container>,
    /// The RunTask call's overrides, shared by the tasks it started (as ECS shows them).
    pub overrides: std::sync::Arc<serde_json::Value>,
    pub cpu_architecture: &'static str,
    pub created_at: SimTime,
    pub pull_started_at: Option<SimTime>,
    pub pull_stopped_at: Option<SimTime>,
    pub started_at: Option<SimTime>,
    pub connectivity_at: Option<SimTime>,
    pub stopping_at: Option<SimTime>,
    pub execution_stopped_at: Option<SimTime>,
    pub stopped_at: Option<SimTime>,
    pub stop_code: Option<StopCode>,
    pub stopped_reason: Option<String>,
    pub version: u64,
    pub tags: Vec<Tag>,
    /// Why placement chose this instance.
    pub ledger: Ledger,
    pub created_seq: u64,
}

impl Task {
    /// Live tasks hold resources on their instance: everything before STOPPED.
    pub fn is_live(&self) -> bool {
        self.last_status != TaskStatus::Stopped
    }
}

/// Reads a command that ends on its own: `sleep N` (`["sleep", "30"]`, `["sh", "-c", "sleep
/// 30"]`, `["/bin/sh -c sleep 30"]`) exits 0 after N, and a shell's `exit C` (`sh -c "sleep 5;
/// exit 1"`, `sh -c "exit 3"`) exits with C (after the sleep before it, if any). Returns
/// (milliseconds of running, exit code); `None` for a command that runs until stopped.
pub fn scripted_exit(command: &[String]) -> Option<(SimTime, i32)> {
    let joined = command.join(" ");
    let unquote = |w: &str| {
        w.trim_matches(|c| c == '"' || c == '\'' || c == ';' || c == '&')
            .to_string()
    };
    let words: Vec<String> = joined.split_whitespace().map(unquote).collect();
    let after = |name: &str| {
        words
            .iter()
            .position(|w| w == name)
            .and_then(|i| words.get(i + 1))
    };
    let sleep = after("sleep").and_then(|w| crate::model::time::parse_duration_ms(w));
    let code = after("exit").and_then(|w| w.parse::<i32>().ok());
    match (sleep, code) {
        (None, None) => None,
        (ms, code) => Some((ms.unwrap_or(0), code.unwrap_or(0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_commands_are_recognised() {
        let s = |v: &[&str]| scripted_exit(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["sleep", "30"]), Some((30_000, 0)));
        assert_eq!(s(&["sh", "-c", "sleep 5"]), Some((5_000, 0)));
        assert_eq!(s(&["/bin/sh -c \"sleep 2m\""]), Some((120_000, 0)));
        assert_eq!(s(&["sh", "-c", "sleep 5; exit 1"]), Some((5_000, 1)));
        assert_eq!(s(&["sh", "-c", "sleep 5 && exit 3"]), Some((5_000, 3)));
        assert_eq!(s(&["sh", "-c", "exit 2"]), Some((0, 2)));
        assert_eq!(s(&["nginx", "-g", "daemon off;"]), None);
        assert_eq!(s(&["sleep"]), None);
        assert!(TaskStatus::Pending.is_pending() && !TaskStatus::Running.is_pending());
    }
}
