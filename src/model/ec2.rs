//! EC2 instances.

use std::net::Ipv4Addr;

use serde::Serialize;

use super::catalog::{Ami, InstanceType};
use super::time::SimTime;
use super::Tag;

/// EC2's instance states (the ones the sandbox passes through).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InstanceState {
    Pending,
    Running,
    ShuttingDown,
    Terminated,
    /// Stopped by EC2 itself: the sandbox's AZ outage (`sim az-outage`) takes its instances
    /// down, and `sim az-restore` starts them again.
    Stopped,
}

impl InstanceState {
    /// EC2's `State.Name`.
    pub fn name(self) -> &'static str {
        match self {
            InstanceState::Pending => "pending",
            InstanceState::Running => "running",
            InstanceState::ShuttingDown => "shutting-down",
            InstanceState::Terminated => "terminated",
            InstanceState::Stopped => "stopped",
        }
    }

    /// EC2's `State.Code`.
    pub fn code(self) -> u32 {
        match self {
            InstanceState::Pending => 0,
            InstanceState::Running => 16,
            InstanceState::ShuttingDown => 32,
            InstanceState::Terminated => 48,
            InstanceState::Stopped => 80,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    pub id: String,
    pub reservation_id: String,
    pub launch_index: u32,
    #[serde(serialize_with = "type_name")]
    pub instance_type: &'static InstanceType,
    #[serde(serialize_with = "ami_id")]
    pub ami: &'static Ami,
    pub subnet_id: String,
    pub vpc_id: String,
    pub az: &'static str,
    pub private_ip: Ipv4Addr,
    pub public_ip: Option<Ipv4Addr>,
    pub primary_eni: String,
    pub security_groups: Vec<String>,
    pub state: InstanceState,
    pub launch_time: SimTime,
    /// User data as text (the CLI base64-encodes it on the wire; the sandbox keeps it readable).
    pub user_data: String,
    /// The instance profile ARN, when one was given.
    pub instance_profile_arn: Option<String>,
    pub key_name: Option<String>,
    pub tags: Vec<Tag>,
    /// When the instance reached `terminated`; it stays describable for an hour, as on EC2.
    pub terminated_at: Option<SimTime>,
    pub state_transition_reason: String,
    /// Why the ECS agent could not register yet, while it waits to retry.
    pub agent_waiting: Option<AgentBlocked>,
    pub created_seq: u64,
}

/// Why an instance's ECS agent cannot register with its cluster yet. The agent retries after
/// anything changes that may help (a role attached, a cluster created); until then the
/// instance runs without being a container instance. The sentences are the sandbox's own,
/// naming the exception the agent meets where AWS has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentBlocked {
    /// No instance profile: the agent has no credentials at all.
    NoInstanceProfile { action: &'static str },
    /// The instance profile holds no role.
    ProfileWithoutRole {
        action: &'static str,
        profile_arn: String,
    },
    /// The profile's role was deleted.
    RoleDeleted { action: &'static str, role: String },
    /// The role's trust policy does not let EC2 assume it.
    RoleNotTrustingEc2 { role: String },
    /// The role's policies deny the call (IAM's `AccessDenied` sentence, which says whether
    /// a statement denied it or none allowed it).
    NotAuthorized {
        action: &'static str,
        message: String,
    },
    /// `ECS_CLUSTER` names a cluster that does not exist (the agent creates only `default`).
    ClusterNotFound { cluster: String },
}

impl std::fmt::Display for AgentBlocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use AgentBlocked::*;
        match self {
            NoInstanceProfile { action } => write!(
                f,
                "the ECS agent could not call {action}: the instance has no IAM instance \
                 profile, so it has no credentials (NoCredentialProviders)"
            ),
            ProfileWithoutRole {
                action,
                profile_arn,
            } => write!(
                f,
                "the ECS agent could not call {action}: instance profile {profile_arn} has no role"
            ),
            RoleDeleted { action, role } => write!(
                f,
                "the ECS agent could not call {action}: role {role} no longer exists"
            ),
            RoleNotTrustingEc2 { role } => write!(
                f,
                "the ECS agent could not get credentials: role {role} does not trust \
                 ec2.amazonaws.com in its trust policy"
            ),
            NotAuthorized { action, message } => write!(
                f,
                "the ECS agent could not call {action}: AccessDeniedException: {message}"
            ),
            ClusterNotFound { cluster } => write!(
                f,
                "the ECS agent could not register: cluster '{cluster}' does not exist \
                 (ClusterNotFoundException); the agent creates only the cluster named default"
            ),
        }
    }
}

/// Written as its sentence (the world's JSON shows what a learner reads).
impl Serialize for AgentBlocked {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Instance {
    /// The cluster the ECS agent will register with: the last `ECS_CLUSTER=` in the user data
    /// (as written to /etc/ecs/ecs.config), `default` when there is none.
    pub fn ecs_cluster_from_user_data(&self) -> String {
        ecs_cluster_from_user_data(&self.user_data)
    }
}

/// Reads `ECS_CLUSTER=name` from user data, in any of the ways people write it
/// (`echo ECS_CLUSTER=web >> /etc/ecs/ecs.config`, `ECS_CLUSTER="web"`, a heredoc line).
pub fn ecs_cluster_from_user_data(user_data: &str) -> String {
    let mut found = None;
    for line in user_data.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("ECS_CLUSTER=") {
            let value = &rest[at + "ECS_CLUSTER=".len()..];
            let value = value.trim_start_matches(['"', '\'']);
            let name: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if !name.is_empty() {
                found = Some(name);
            }
            rest = &rest[at + 1..];
        }
    }
    found.unwrap_or_else(|| "default".to_string())
}

fn type_name<S: serde::Serializer>(t: &&'static InstanceType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.name)
}

fn ami_id<S: serde::Serializer>(a: &&'static Ami, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(a.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_name_comes_from_the_ecs_config_line() {
        let cases = [
            ("", "default"),
            (
                "#!/bin/bash\necho ECS_CLUSTER=web >> /etc/ecs/ecs.config",
                "web",
            ),
            (
                "#!/bin/bash\necho \"ECS_CLUSTER=prod-1\" >> /etc/ecs/ecs.config",
                "prod-1",
            ),
            ("ECS_CLUSTER='a_b'\n", "a_b"),
            (
                "echo ECS_CLUSTER=one >> f\necho ECS_CLUSTER=two >> f",
                "two",
            ),
            ("echo ECS_CLUSTER= >> f", "default"),
            ("#!/bin/bash\necho ECS_ENABLE_TASK_IAM_ROLE=true", "default"),
        ];
        for (ud, want) in cases {
            assert_eq!(ecs_cluster_from_user_data(ud), want, "{ud:?}");
        }
    }
}
