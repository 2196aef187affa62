//! ECS control-plane records: clusters, container instances and account settings.

use std::collections::BTreeMap;

use serde::Serialize;

use super::time::SimTime;
use super::Tag;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ClusterStatus {
    Active,
    Inactive,
}

impl ClusterStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterStatus::Active => "ACTIVE",
            ClusterStatus::Inactive => "INACTIVE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    pub name: String,
    pub arn: String,
    pub status: ClusterStatus,
    pub tags: Vec<Tag>,
    /// `containerInsights` and friends, as given to create-cluster.
    pub settings: Vec<(String, String)>,
    pub capacity_providers: Vec<CapacityProvider>,
    /// Used by RunTask when neither a launch type nor a strategy is given.
    pub default_strategy: Vec<CapacityProviderItem>,
    pub created_seq: u64,
}

/// A capacity provider. The sandbox simulates the two every account has, which run tasks on
/// Fargate; Auto Scaling group providers are not simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum CapacityProvider {
    #[serde(rename = "FARGATE")]
    Fargate,
    #[serde(rename = "FARGATE_SPOT")]
    FargateSpot,
}

impl CapacityProvider {
    pub const ALL: [CapacityProvider; 2] =
        [CapacityProvider::Fargate, CapacityProvider::FargateSpot];

    /// As ECS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CapacityProvider::Fargate => "FARGATE",
            CapacityProvider::FargateSpot => "FARGATE_SPOT",
        }
    }

    /// A provider by the name ECS gives it (case-sensitive, as ECS is).
    pub fn parse(name: &str) -> Option<CapacityProvider> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

impl crate::json::ToJson for CapacityProvider {
    fn to_json(&self) -> serde_json::Value {
        serde_json::Value::String(self.as_str().into())
    }
}

impl std::fmt::Display for CapacityProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One item of a capacity provider strategy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapacityProviderItem {
    pub provider: CapacityProvider,
    pub weight: u32,
    pub base: u32,
}

/// A container instance's status (ECS-REFERENCE.md §5.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ContainerInstanceStatus {
    Registering,
    RegistrationFailed,
    Active,
    Draining,
    Deregistering,
    Inactive,
}

impl ContainerInstanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContainerInstanceStatus::Registering => "REGISTERING",
            ContainerInstanceStatus::RegistrationFailed => "REGISTRATION_FAILED",
            ContainerInstanceStatus::Active => "ACTIVE",
            ContainerInstanceStatus::Draining => "DRAINING",
            ContainerInstanceStatus::Deregistering => "DEREGISTERING",
            ContainerInstanceStatus::Inactive => "INACTIVE",
        }
    }

    pub fn parse(s: &str) -> Option<ContainerInstanceStatus> {
        use ContainerInstanceStatus::*;
        [
            Registering,
            RegistrationFailed,
            Active,
            Draining,
            Deregistering,
            Inactive,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// An attribute of a container instance: built-in (`ecs.instance-type`), capability
/// (`ecs.capability.task-eni`, no value) or custom (`stack=prod`, via put-attributes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribute {
    pub name: String,
    pub value: Option<String>,
}

/// An EC2 instance whose ECS agent registered with a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerInstance {
    /// The 32-hex-digit ID at the end of the ARN.
    pub id: String,
    pub arn: String,
    pub cluster: String,
    pub ec2_instance_id: String,
    pub status: ContainerInstanceStatus,
    pub agent_connected: bool,
    pub agent_version: String,
    pub docker_version: String,
    /// Registered CPU units and MiB.
    pub cpu_units: u32,
    pub memory_mib: u32,
    /// What running and pending tasks have reserved.
    pub reserved_cpu_units: u32,
    pub reserved_memory_mib: u32,
    /// TCP and UDP host ports the agent reserves for itself.
    pub reserved_tcp_ports: Vec<u16>,
    pub reserved_udp_ports: Vec<u16>,
    /// Static host ports held by tasks.
    pub task_tcp_ports: Vec<u16>,
    pub task_udp_ports: Vec<u16>,
    pub running_tasks_count: u32,
    pub pending_tasks_count: u32,
    /// Live (pending or running) tasks per task group, for spread, distinctInstance and
    /// `task:group`.
    pub task_groups: std::collections::BTreeMap<String, u32>,
    pub attributes: Vec<Attribute>,
    /// Where the instance is: awsvpc tasks need a subnet in its AZ and VPC (`LOCATION`).
    pub az: &'static str,
    pub vpc_id: String,
    /// awsvpc task ENIs the instance can hold (max ENIs - 1, or the trunked limit), and how
    /// many live tasks hold one (`RESOURCE:ENI` when they are equal).
    pub eni_slots: u32,
    pub task_enis: u32,
    /// The trunk ENI, when the instance registered with `awsvpcTrunking` enabled.
    pub trunk_eni: Option<String>,
    /// Bumped whenever `attributes` change (put/delete-attributes), so derived indexes know.
    #[serde(skip)]
    pub attributes_epoch: u64,
    pub registered_at: SimTime,
    /// Bumped on every change ECS would version (`version` in the API).
    pub version: u64,
    pub tags: Vec<Tag>,
    pub created_seq: u64,
}

impl ContainerInstance {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn remaining_cpu_units(&self) -> u32 {
        self.cpu_units.saturating_sub(self.reserved_cpu_units)
    }

    pub fn remaining_memory_mib(&self) -> u32 {
        self.memory_mib.saturating_sub(self.reserved_memory_mib)
    }
}

/// ECS account settings (`put-account-setting[-default]`), per principal plus the defaults.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct AccountSettings {
    /// name -> value, the account default.
    pub defaults: BTreeMap<String, String>,
    /// principal ARN -> name -> value.
    pub by_principal: BTreeMap<String, BTreeMap<String, String>>,
}

/// The settings ECS knows, with the value a new account has (ECS-REFERENCE.md §3.4; long ARN
/// formats are on for every account created after 2021).
pub const ACCOUNT_SETTING_DEFAULTS: &[(&str, &str)] = &[
    ("awsvpcTrunking", "disabled"),
    ("containerInsights", "disabled"),
    ("containerInstanceLongArnFormat", "enabled"),
    ("defaultLogDriverMode", "non-blocking"),
    ("dualStackIPv6", "disabled"),
    ("fargateEventWindows", "disabled"),
    ("fargateFIPSMode", "disabled"),
    ("fargateTaskRetirementWaitPeriod", "7"),
    ("guardDutyActivate", "off"),
    ("serviceLongArnFormat", "enabled"),
    ("tagResourceAuthorization", "on"),
    ("taskLongArnFormat", "enabled"),
];

impl AccountSettings {
    pub fn new() -> AccountSettings {
        AccountSettings {
            // (`extend`, not `collect`: collecting into a map instantiates a sort.)
            defaults: {
                let mut defaults = BTreeMap::new();
                defaults.extend(
                    ACCOUNT_SETTING_DEFAULTS
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string())),
                );
                defaults
            },
            by_principal: BTreeMap::new(),
        }
    }

    /// The effective value for a principal: its own setting, else the account default.
    pub fn effective(&self, principal: &str, name: &str) -> Option<&str> {
        self.by_principal
            .get(principal)
            .and_then(|m| m.get(name))
            .or_else(|| self.defaults.get(name))
            .map(String::as_str)
    }
}
