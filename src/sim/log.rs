//! The append-only event log: every change the world goes through, as data.
//!
//! An [`Event`] is its time and [`What`] happened: one variant per kind, past tense, with typed
//! fields (statuses, addresses, numbers; strings for IDs and ARNs). Its sentence is a `Display`
//! of the data and its refs (the objects it touches, for views to link) are read from the
//! fields, both on demand, so the log holds no text. Views, lessons and tests match on the
//! variants; the JSON (`sim events`) keeps the shape `{timeMs, kind, message, refs}`.
//!
//! It is the text twin of the animation: the UI lists it, screen readers read it, and tests
//! assert on it.

use std::fmt;
use std::net::Ipv4Addr;
use std::sync::Arc;

use ipnet::Ipv4Net;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::model::ecs::ContainerInstanceStatus;
use crate::model::task::TaskStatus;
use crate::model::time::SimTime;

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub time_ms: SimTime,
    pub what: What,
}

impl Event {
    /// A stable name for the kind of event (`InstanceRunning`, `ContainerInstanceRegistered`).
    pub fn kind(&self) -> &'static str {
        self.what.kind()
    }

    /// What happened, in a sentence.
    pub fn message(&self) -> String {
        self.what.to_string()
    }

    /// IDs or ARNs of the objects the event touches, so views can link to them.
    pub fn refs(&self) -> Vec<&str> {
        self.what.refs()
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.what.fmt(f)
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Event", 4)?;
        s.serialize_field("timeMs", &self.time_ms)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.message())?;
        s.serialize_field("refs", &self.refs())?;
        s.end()
    }
}

/// What happened. The names are the stable kinds `sim events` prints.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    // EC2 networking.
    VpcCreated {
        vpc_id: Box<str>,
        cidr: Ipv4Net,
    },
    VpcDeleted {
        vpc_id: Box<str>,
    },
    SubnetCreated {
        subnet_id: Box<str>,
        vpc_id: Box<str>,
        cidr: Ipv4Net,
        az: &'static str,
        usable: u32,
    },
    SubnetDeleted {
        subnet_id: Box<str>,
    },
    SecurityGroupCreated {
        group_id: Box<str>,
        name: Box<str>,
        vpc_id: Box<str>,
    },
    SecurityGroupIngressAuthorized {
        group_id: Box<str>,
    },
    // EC2 instances.
    InstanceLaunched {
        instance_id: Box<str>,
        instance_type: &'static str,
        subnet_id: Box<str>,
        private_ip: Ipv4Addr,
    },
    InstanceRunning {
        instance_id: Box<str>,
    },
    InstanceShuttingDown {
        instance_id: Box<str>,
    },
    /// The instance's container instance, if it had one still registered, went INACTIVE.
    InstanceTerminated {
        instance_id: Box<str>,
        container_instance_arn: Option<Box<str>>,
    },
    // IAM.
    RoleCreated {
        role: Box<str>,
    },
    RolePolicyAttached {
        role: Box<str>,
        policy_arn: Box<str>,
    },
    RolePolicyDetached {
        role: Box<str>,
        policy_arn: Box<str>,
    },
    RolePolicyPut {
        role: Box<str>,
        policy: Box<str>,
    },
    RolePolicyDeleted {
        role: Box<str>,
        policy: Box<str>,
    },
    RoleTrustUpdated {
        role: Box<str>,
    },
    /// An EFS file system, mount target or access point became `available`.
    EfsAvailable {
        id: Box<str>,
    },
    /// One was deleted.
    EfsDeleted {
        id: Box<str>,
    },
    /// A permissions boundary set on a role (`None`: removed).
    RoleBoundarySet {
        role: Box<str>,
        policy_arn: Option<Box<str>>,
    },
    PolicyCreated {
        policy_arn: Box<str>,
    },
    PolicyVersionCreated {
        policy_arn: Box<str>,
        version_id: Box<str>,
        default: bool,
    },
    PolicyDeleted {
        policy_arn: Box<str>,
    },
    InstanceProfileCreated {
        profile: Box<str>,
    },
    RoleAddedToInstanceProfile {
        profile: Box<str>,
        role: Box<str>,
    },
    // ECS clusters, account settings and container instances.
    ClusterCreated {
        cluster: Box<str>,
        cluster_arn: Box<str>,
    },
    ClusterDeleted {
        cluster: Box<str>,
        cluster_arn: Box<str>,
    },
    ClusterCapacityProvidersChanged {
        cluster: Box<str>,
        cluster_arn: Box<str>,
        capacity_providers: Vec<crate::model::ecs::CapacityProvider>,
    },
    /// A setting for one principal, or (`principal: None`) the account's default.
    AccountSettingChanged {
        name: Box<str>,
        value: Box<str>,
        principal: Option<Box<str>>,
    },
    /// The ECS agent cannot register yet (no such cluster, no role...).
    AgentRegistrationFailed {
        ec2_instance_id: Box<str>,
        reason: crate::model::ec2::AgentBlocked,
    },
    ContainerInstanceRegistered {
        container_instance_arn: Box<str>,
        ec2_instance_id: Box<str>,
        cluster: Box<str>,
        cpu_units: u32,
        memory_mib: u32,
    },
    /// The trunk ENI could not be created: the subnet had no free address.
    ContainerInstanceRegistrationFailed {
        container_instance_arn: Box<str>,
        ec2_instance_id: Box<str>,
        subnet_id: Box<str>,
    },
    ContainerInstanceStateChanged {
        container_instance_arn: Box<str>,
        ec2_instance_id: Box<str>,
        status: ContainerInstanceStatus,
    },
    ContainerInstanceDeregistered {
        container_instance_arn: Box<str>,
        ec2_instance_id: Box<str>,
        cluster: Box<str>,
    },
    AgentConnectionChanged {
        container_instance_arn: Box<str>,
        ec2_instance_id: Box<str>,
        connected: bool,
    },
    // ECS task definitions and tasks.
    TaskDefinitionRegistered {
        task_definition_arn: Box<str>,
        family: Box<str>,
        revision: u32,
    },
    TaskDefinitionDeregistered {
        task_definition_arn: Box<str>,
        family: Box<str>,
        revision: u32,
    },
    /// RunTask found no instance for a task; `reason` is the placement ledger's summary.
    TaskNotPlaced {
        task_definition_arn: Box<str>,
        family: Box<str>,
        reason: Box<str>,
    },
    /// `ec2_instance_id` is `None` on Fargate, where `container_instance_arn` is empty (and
    /// still the second ref, as it always was).
    TaskPlaced {
        task_arn: Arc<str>,
        container_instance_arn: Box<str>,
        ec2_instance_id: Option<Box<str>>,
        family: Box<str>,
        az: &'static str,
    },
    TaskEniAttached {
        task_arn: Arc<str>,
        family: Box<str>,
        eni_id: Box<str>,
        subnet_id: Box<str>,
        private_ip: Ipv4Addr,
        public_ip: Option<Ipv4Addr>,
    },
    TaskFailedToStart {
        task_arn: Arc<str>,
        family: Box<str>,
        reason: Box<str>,
    },
    TaskStateChanged {
        task_arn: Arc<str>,
        family: Box<str>,
        status: TaskStatus,
    },
    ContainerExited {
        task_arn: Arc<str>,
        container: Box<str>,
        exit_code: i32,
    },
    SpotInterruption {
        task_arn: Arc<str>,
    },
    // ECS services.
    ServiceCreated {
        service_arn: Box<str>,
        service: Box<str>,
        desired_count: u32,
    },
    /// A new deployment became PRIMARY (create, a new task definition, a forced deployment,
    /// or a rollback).
    DeploymentStarted {
        service_arn: Box<str>,
        service: Box<str>,
        deployment_id: Box<str>,
        task_definition_arn: Box<str>,
    },
    ServiceDesiredCountChanged {
        service_arn: Box<str>,
        service: Box<str>,
        desired_count: u32,
    },
    /// DeleteService: the service is DRAINING, its tasks stopping.
    ServiceDeleted {
        service_arn: Box<str>,
        service: Box<str>,
    },
    /// The service said something in its `events` (ECS's text is the message's `Display`).
    ServiceEventAdded {
        service_arn: Box<str>,
        service: Box<str>,
        message: crate::model::service::ServiceMessage,
    },
    /// Load balancers and their targets (boxed: the variant stays as small as the others).
    Elb(Box<crate::sim::elb::ElbEvent>),
}

/// The first 8 characters of a task's ID (the last part of its ARN), as the sentences name it.
fn short_task(task_arn: &str) -> &str {
    let id = task_arn.rsplit('/').next().unwrap_or(task_arn);
    id.get(..8).unwrap_or(id)
}

impl What {
    /// A stable name for the kind of event: the variant's name.
    pub fn kind(&self) -> &'static str {
        use What::*;
        match self {
            VpcCreated { .. } => "VpcCreated",
            VpcDeleted { .. } => "VpcDeleted",
            SubnetCreated { .. } => "SubnetCreated",
            SubnetDeleted { .. } => "SubnetDeleted",
            SecurityGroupCreated { .. } => "SecurityGroupCreated",
            SecurityGroupIngressAuthorized { .. } => "SecurityGroupIngressAuthorized",
            InstanceLaunched { .. } => "InstanceLaunched",
            InstanceRunning { .. } => "InstanceRunning",
            InstanceShuttingDown { .. } => "InstanceShuttingDown",
            InstanceTerminated { .. } => "InstanceTerminated",
            RoleCreated { .. } => "RoleCreated",
            RolePolicyAttached { .. } => "RolePolicyAttached",
            RolePolicyDetached { .. } => "RolePolicyDetached",
            RolePolicyPut { .. } => "RolePolicyPut",
            RolePolicyDeleted { .. } => "RolePolicyDeleted",
            RoleTrustUpdated { .. } => "RoleTrustUpdated",
            EfsAvailable { .. } => "EfsAvailable",
            EfsDeleted { .. } => "EfsDeleted",
            RoleBoundarySet { .. } => "RoleBoundarySet",
            PolicyCreated { .. } => "PolicyCreated",
            PolicyVersionCreated { .. } => "PolicyVersionCreated",
            PolicyDeleted { .. } => "PolicyDeleted",
            InstanceProfileCreated { .. } => "InstanceProfileCreated",
            RoleAddedToInstanceProfile { .. } => "RoleAddedToInstanceProfile",
            ClusterCreated { .. } => "ClusterCreated",
            ClusterDeleted { .. } => "ClusterDeleted",
            ClusterCapacityProvidersChanged { .. } => "ClusterCapacityProvidersChanged",
            AccountSettingChanged { .. } => "AccountSettingChanged",
            AgentRegistrationFailed { .. } => "AgentRegistrationFailed",
            ContainerInstanceRegistered { .. } => "ContainerInstanceRegistered",
            ContainerInstanceRegistrationFailed { .. } => "ContainerInstanceRegistrationFailed",
            ContainerInstanceStateChanged { .. } => "ContainerInstanceStateChanged",
            ContainerInstanceDeregistered { .. } => "ContainerInstanceDeregistered",
            AgentConnectionChanged { .. } => "AgentConnectionChanged",
            TaskDefinitionRegistered { .. } => "TaskDefinitionRegistered",
            TaskDefinitionDeregistered { .. } => "TaskDefinitionDeregistered",
            TaskNotPlaced { .. } => "TaskNotPlaced",
            TaskPlaced { .. } => "TaskPlaced",
            TaskEniAttached { .. } => "TaskEniAttached",
            TaskFailedToStart { .. } => "TaskFailedToStart",
            TaskStateChanged { .. } => "TaskStateChanged",
            ContainerExited { .. } => "ContainerExited",
            SpotInterruption { .. } => "SpotInterruption",
            ServiceCreated { .. } => "ServiceCreated",
            DeploymentStarted { .. } => "DeploymentStarted",
            ServiceDesiredCountChanged { .. } => "ServiceDesiredCountChanged",
            ServiceDeleted { .. } => "ServiceDeleted",
            ServiceEventAdded { .. } => "ServiceEventAdded",
            Elb(e) => e.kind(),
        }
    }

    /// IDs or ARNs of the objects the event touches, so views can link to them.
    pub fn refs(&self) -> Vec<&str> {
        use What::*;
        match self {
            VpcCreated { vpc_id, .. } | VpcDeleted { vpc_id } => vec![vpc_id],
            SubnetCreated {
                subnet_id, vpc_id, ..
            } => vec![subnet_id, vpc_id],
            SubnetDeleted { subnet_id } => vec![subnet_id],
            SecurityGroupCreated { group_id, .. } | SecurityGroupIngressAuthorized { group_id } => {
                vec![group_id]
            }
            InstanceLaunched {
                instance_id,
                subnet_id,
                ..
            } => vec![instance_id, subnet_id],
            InstanceRunning { instance_id } | InstanceShuttingDown { instance_id } => {
                vec![instance_id]
            }
            InstanceTerminated {
                instance_id,
                container_instance_arn,
            } => std::iter::once(&**instance_id)
                .chain(container_instance_arn.as_deref())
                .collect(),
            RoleCreated { role }
            | RolePolicyAttached { role, .. }
            | RolePolicyDetached { role, .. }
            | RolePolicyPut { role, .. }
            | RolePolicyDeleted { role, .. }
            | RoleTrustUpdated { role }
            | RoleBoundarySet { role, .. } => vec![role],
            EfsAvailable { id } | EfsDeleted { id } => vec![id],
            PolicyCreated { policy_arn }
            | PolicyVersionCreated { policy_arn, .. }
            | PolicyDeleted { policy_arn } => vec![policy_arn],
            InstanceProfileCreated { profile } => vec![profile],
            RoleAddedToInstanceProfile { profile, role } => vec![profile, role],
            ClusterCreated { cluster_arn, .. }
            | ClusterDeleted { cluster_arn, .. }
            | ClusterCapacityProvidersChanged { cluster_arn, .. } => vec![cluster_arn],
            AccountSettingChanged { principal, .. } => principal.as_deref().into_iter().collect(),
            AgentRegistrationFailed {
                ec2_instance_id, ..
            } => vec![ec2_instance_id],
            ContainerInstanceRegistered {
                container_instance_arn,
                ec2_instance_id,
                ..
            }
            | ContainerInstanceRegistrationFailed {
                container_instance_arn,
                ec2_instance_id,
                ..
            }
            | ContainerInstanceStateChanged {
                container_instance_arn,
                ec2_instance_id,
                ..
            }
            | ContainerInstanceDeregistered {
                container_instance_arn,
                ec2_instance_id,
                ..
            }
            | AgentConnectionChanged {
                container_instance_arn,
                ec2_instance_id,
                ..
            } => vec![container_instance_arn, ec2_instance_id],
            TaskDefinitionRegistered {
                task_definition_arn,
                ..
            }
            | TaskDefinitionDeregistered {
                task_definition_arn,
                ..
            }
            | TaskNotPlaced {
                task_definition_arn,
                ..
            } => vec![task_definition_arn],
            TaskPlaced {
                task_arn,
                container_instance_arn,
                ..
            } => vec![task_arn, container_instance_arn],
            TaskEniAttached {
                task_arn,
                eni_id,
                subnet_id,
                ..
            } => vec![task_arn, eni_id, subnet_id],
            TaskFailedToStart { task_arn, .. }
            | TaskStateChanged { task_arn, .. }
            | ContainerExited { task_arn, .. }
            | SpotInterruption { task_arn } => vec![task_arn],
            ServiceCreated { service_arn, .. }
            | ServiceDesiredCountChanged { service_arn, .. }
            | ServiceDeleted { service_arn, .. }
            | ServiceEventAdded { service_arn, .. } => vec![service_arn],
            DeploymentStarted {
                service_arn,
                task_definition_arn,
                ..
            } => vec![service_arn, task_definition_arn],
            Elb(e) => e.refs(),
        }
    }

    /// The task the event is about, if it is about one (its ARN).
    pub fn task_arn(&self) -> Option<&str> {
        use What::*;
        match self {
            TaskPlaced { task_arn, .. }
            | TaskEniAttached { task_arn, .. }
            | TaskFailedToStart { task_arn, .. }
            | TaskStateChanged { task_arn, .. }
            | ContainerExited { task_arn, .. }
            | SpotInterruption { task_arn } => Some(task_arn),
            _ => None,
        }
    }

    /// The subnets the event names (whose address map a view can open).
    pub fn subnet_id(&self) -> Option<&str> {
        use What::*;
        match self {
            SubnetCreated { subnet_id, .. }
            | SubnetDeleted { subnet_id }
            | InstanceLaunched { subnet_id, .. }
            | TaskEniAttached { subnet_id, .. } => Some(subnet_id),
            _ => None,
        }
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use What::*;
        match self {
            VpcCreated { vpc_id, cidr } => write!(f, "VPC {vpc_id} ({cidr}) created"),
            VpcDeleted { vpc_id } => write!(f, "VPC {vpc_id} deleted"),
            SubnetCreated {
                subnet_id,
                cidr,
                az,
                usable,
                ..
            } => write!(
                f,
                "Subnet {subnet_id} ({cidr}) created in {az}: {usable} usable addresses (5 reserved)"
            ),
            SubnetDeleted { subnet_id } => write!(f, "Subnet {subnet_id} deleted"),
            SecurityGroupCreated {
                group_id,
                name,
                vpc_id,
            } => write!(f, "Security group {group_id} ({name}) created in {vpc_id}"),
            SecurityGroupIngressAuthorized { group_id } => {
                write!(f, "Ingress rules added to {group_id}")
            }
            InstanceLaunched {
                instance_id,
                instance_type,
                subnet_id,
                private_ip,
            } => write!(
                f,
                "EC2 launched {instance_id} ({instance_type}) in {subnet_id} with private IP {private_ip}"
            ),
            InstanceRunning { instance_id } => write!(f, "{instance_id} is running"),
            InstanceShuttingDown { instance_id } => write!(f, "{instance_id} is shutting down"),
            InstanceTerminated { instance_id, .. } => write!(
                f,
                "{instance_id} is terminated; its address went back to its subnet"
            ),
            RoleCreated { role } => write!(f, "IAM role {role} created"),
            RolePolicyAttached { role, policy_arn } => {
                write!(f, "Policy {policy_arn} attached to role {role}")
            }
            RolePolicyDetached { role, policy_arn } => {
                write!(f, "Policy {policy_arn} detached from role {role}")
            }
            RolePolicyPut { role, policy } => {
                write!(f, "Inline policy {policy} put on role {role}")
            }
            RolePolicyDeleted { role, policy } => {
                write!(f, "Inline policy {policy} deleted from role {role}")
            }
            RoleTrustUpdated { role } => write!(f, "Trust policy of role {role} updated"),
            EfsAvailable { id } => write!(f, "{id} is available"),
            EfsDeleted { id } => write!(f, "{id} deleted"),
            RoleBoundarySet {
                role,
                policy_arn: Some(arn),
            } => write!(f, "Permissions boundary of role {role} set to {arn}"),
            RoleBoundarySet {
                role,
                policy_arn: None,
            } => write!(f, "Permissions boundary of role {role} removed"),
            PolicyCreated { policy_arn } => write!(f, "Policy {policy_arn} created"),
            PolicyVersionCreated {
                policy_arn,
                version_id,
                default,
            } => {
                let default = if *default { " (now the default)" } else { "" };
                write!(f, "Policy {policy_arn}: version {version_id} created{default}")
            }
            PolicyDeleted { policy_arn } => write!(f, "Policy {policy_arn} deleted"),
            InstanceProfileCreated { profile } => write!(f, "Instance profile {profile} created"),
            RoleAddedToInstanceProfile { profile, role } => {
                write!(f, "Role {role} added to instance profile {profile}")
            }
            ClusterCreated { cluster, .. } => write!(f, "Cluster {cluster} is ACTIVE"),
            ClusterDeleted { cluster, .. } => write!(f, "Cluster {cluster} is INACTIVE"),
            ClusterCapacityProvidersChanged {
                cluster,
                capacity_providers,
                ..
            } => write!(
                f,
                "Cluster {cluster} now uses capacity providers [{}]",
                capacity_providers
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            AccountSettingChanged {
                name,
                value,
                principal: Some(principal),
            } => write!(f, "Account setting {name} = {value} for {principal}"),
            AccountSettingChanged {
                name,
                value,
                principal: None,
            } => write!(f, "Account default {name} = {value}"),
            AgentRegistrationFailed {
                ec2_instance_id,
                reason,
            } => write!(f, "{ec2_instance_id}: {reason}"),
            ContainerInstanceRegistered {
                ec2_instance_id,
                cluster,
                cpu_units,
                memory_mib,
                ..
            } => write!(
                f,
                "The ECS agent on {ec2_instance_id} registered with cluster {cluster}: \
                 {cpu_units} CPU units, {memory_mib} MiB"
            ),
            ContainerInstanceRegistrationFailed {
                ec2_instance_id,
                subnet_id,
                ..
            } => write!(
                f,
                "{ec2_instance_id}: ECS could not create the trunk ENI: \
                 InsufficientFreeAddressesInSubnet in {subnet_id}"
            ),
            ContainerInstanceStateChanged {
                ec2_instance_id,
                status,
                ..
            } => write!(
                f,
                "Container instance on {ec2_instance_id} is now {}",
                status.as_str()
            ),
            ContainerInstanceDeregistered {
                ec2_instance_id,
                cluster,
                ..
            } => write!(
                f,
                "Container instance on {ec2_instance_id} deregistered from cluster {cluster}"
            ),
            AgentConnectionChanged {
                ec2_instance_id,
                connected,
                ..
            } => write!(
                f,
                "The ECS agent on {ec2_instance_id} {}",
                if *connected {
                    "reconnected"
                } else {
                    "disconnected"
                }
            ),
            TaskDefinitionRegistered {
                family, revision, ..
            } => write!(f, "Task definition {family}:{revision} registered"),
            TaskDefinitionDeregistered {
                family, revision, ..
            } => write!(
                f,
                "Task definition {family}:{revision} deregistered (INACTIVE)"
            ),
            TaskNotPlaced { family, reason, .. } => {
                write!(f, "RunTask could not place a {family} task: {reason}")
            }
            TaskPlaced {
                task_arn,
                ec2_instance_id,
                family,
                az,
                ..
            } => {
                let task = short_task(task_arn);
                match ec2_instance_id {
                    Some(host) => write!(f, "Task {task} ({family}) placed on {host} in {az}"),
                    None => write!(f, "Task {task} ({family}) placed on Fargate in {az}"),
                }
            }
            TaskEniAttached {
                task_arn,
                family,
                eni_id,
                subnet_id,
                private_ip,
                public_ip,
            } => {
                let task = short_task(task_arn);
                write!(f, "Task {task} ({family}) got ENI {eni_id} with {private_ip}")?;
                if let Some(p) = public_ip {
                    write!(f, " (public {p})")?;
                }
                write!(f, " in {subnet_id}")
            }
            TaskFailedToStart {
                task_arn,
                family,
                reason,
            } => write!(
                f,
                "Task {} ({family}) failed to start: {reason}",
                short_task(task_arn)
            ),
            TaskStateChanged {
                task_arn,
                family,
                status,
            } => write!(
                f,
                "Task {} ({family}) is {}",
                short_task(task_arn),
                status.as_str()
            ),
            ContainerExited {
                task_arn,
                container,
                exit_code,
            } => write!(
                f,
                "Container {container} of task {} exited with code {exit_code}",
                short_task(task_arn)
            ),
            SpotInterruption { task_arn } => write!(
                f,
                "Fargate Spot is reclaiming the capacity of task {}: two-minute notice",
                short_task(task_arn)
            ),
            ServiceCreated {
                service,
                desired_count,
                ..
            } => write!(f, "Service {service} created, desired count {desired_count}"),
            DeploymentStarted {
                service,
                deployment_id,
                task_definition_arn,
                ..
            } => write!(
                f,
                "Service {service}: deployment {deployment_id} of {} started",
                task_definition_arn
                    .rsplit('/')
                    .next()
                    .unwrap_or(task_definition_arn)
            ),
            ServiceDesiredCountChanged {
                service,
                desired_count,
                ..
            } => write!(f, "Service {service}: desired count now {desired_count}"),
            ServiceDeleted { service, .. } => {
                write!(f, "Service {service} deleted: DRAINING its tasks")
            }
            ServiceEventAdded {
                service, message, ..
            } => write!(f, "(service {service}) {message}"),
            Elb(e) => e.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVC: &str = "arn:aws:ecs:us-east-1:123456789012:service/web/web";
    const TASK: &str =
        "arn:aws:ecs:us-east-1:123456789012:task/web/ff520cf87dee6919baa6f9ff2c198718";
    const CI: &str = "arn:aws:ecs:us-east-1:123456789012:container-instance/web/28bdefb8ccef5529ebac297816a5be9b";

    fn s(text: &str) -> Box<str> {
        text.into()
    }

    fn a(text: &str) -> Arc<str> {
        text.into()
    }

    /// The sentence, kind and refs of an event, as a transcript printed them before events
    /// were typed.
    fn check(what: What, kind: &str, message: &str, refs: &[&str]) {
        assert_eq!(what.kind(), kind);
        assert_eq!(what.to_string(), message);
        assert_eq!(what.refs(), refs);
    }

    #[test]
    fn task_placed_on_an_instance_and_on_fargate() {
        check(
            What::TaskPlaced {
                task_arn: a(TASK),
                container_instance_arn: s(CI),
                ec2_instance_id: Some(s("i-0205eab34f3d73cc4")),
                family: s("api"),
                az: "us-east-1a",
            },
            "TaskPlaced",
            "Task ff520cf8 (api) placed on i-0205eab34f3d73cc4 in us-east-1a",
            &[TASK, CI],
        );
        let fargate =
            "arn:aws:ecs:us-east-1:123456789012:task/tiny/6d2c9716a7e683d623785ef355d2bc68";
        check(
            What::TaskPlaced {
                task_arn: a(fargate),
                container_instance_arn: s(""),
                ec2_instance_id: None,
                family: s("app"),
                az: "us-east-1a",
            },
            "TaskPlaced",
            "Task 6d2c9716 (app) placed on Fargate in us-east-1a",
            &[fargate, ""],
        );
    }

    #[test]
    fn task_eni_attached_with_and_without_a_public_address() {
        let task = "arn:aws:ecs:us-east-1:123456789012:task/f/707430439bcdde9ddc0c1fbd14b4c63d";
        let eni = |public_ip| What::TaskEniAttached {
            task_arn: a(task),
            family: s("app"),
            eni_id: s("eni-0cdc8019a3f48023b"),
            subnet_id: s("subnet-05f2ffd10d411adcf"),
            private_ip: Ipv4Addr::new(172, 31, 32, 4),
            public_ip,
        };
        let refs = [task, "eni-0cdc8019a3f48023b", "subnet-05f2ffd10d411adcf"];
        check(
            eni(Some(Ipv4Addr::new(3, 216, 233, 71))),
            "TaskEniAttached",
            "Task 70743043 (app) got ENI eni-0cdc8019a3f48023b with 172.31.32.4 \
             (public 3.216.233.71) in subnet-05f2ffd10d411adcf",
            &refs,
        );
        check(
            eni(None),
            "TaskEniAttached",
            "Task 70743043 (app) got ENI eni-0cdc8019a3f48023b with 172.31.32.4 in \
             subnet-05f2ffd10d411adcf",
            &refs,
        );
    }

    #[test]
    fn task_state_changed_and_container_exited() {
        check(
            What::TaskStateChanged {
                task_arn: a(TASK),
                family: s("api"),
                status: TaskStatus::Pending,
            },
            "TaskStateChanged",
            "Task ff520cf8 (api) is PENDING",
            &[TASK],
        );
        let tiny = "arn:aws:ecs:us-east-1:123456789012:task/tiny/90f19cbd9142cd858197ea52e317b518";
        check(
            What::ContainerExited {
                task_arn: a(tiny),
                container: s("app"),
                exit_code: 0,
            },
            "ContainerExited",
            "Container app of task 90f19cbd exited with code 0",
            &[tiny],
        );
    }

    #[test]
    fn instance_terminated_names_its_container_instance_if_it_had_one() {
        let ci = "arn:aws:ecs:us-east-1:123456789012:container-instance/trunk/3386b94a2f9d5611bfeb2de9ef82099a";
        let message = "i-01036b5495ffe5b85 is terminated; its address went back to its subnet";
        check(
            What::InstanceTerminated {
                instance_id: s("i-01036b5495ffe5b85"),
                container_instance_arn: Some(s(ci)),
            },
            "InstanceTerminated",
            message,
            &["i-01036b5495ffe5b85", ci],
        );
        check(
            What::InstanceTerminated {
                instance_id: s("i-01036b5495ffe5b85"),
                container_instance_arn: None,
            },
            "InstanceTerminated",
            message,
            &["i-01036b5495ffe5b85"],
        );
    }

    #[test]
    fn account_settings_for_a_principal_and_the_default() {
        let role = "arn:aws:iam::123456789012:role/ecsInstanceRole";
        check(
            What::AccountSettingChanged {
                name: s("awsvpcTrunking"),
                value: s("enabled"),
                principal: Some(s(role)),
            },
            "AccountSettingChanged",
            "Account setting awsvpcTrunking = enabled for arn:aws:iam::123456789012:role/ecsInstanceRole",
            &[role],
        );
        check(
            What::AccountSettingChanged {
                name: s("awsvpcTrunking"),
                value: s("enabled"),
                principal: None,
            },
            "AccountSettingChanged",
            "Account default awsvpcTrunking = enabled",
            &[],
        );
    }

    #[test]
    fn instance_launched_and_subnet_created() {
        check(
            What::InstanceLaunched {
                instance_id: s("i-01036b5495ffe5b85"),
                instance_type: "m5.large",
                subnet_id: s("subnet-0554fa36ffc938fb9"),
                private_ip: Ipv4Addr::new(172, 31, 0, 5),
            },
            "InstanceLaunched",
            "EC2 launched i-01036b5495ffe5b85 (m5.large) in subnet-0554fa36ffc938fb9 with \
             private IP 172.31.0.5",
            &["i-01036b5495ffe5b85", "subnet-0554fa36ffc938fb9"],
        );
        check(
            What::SubnetCreated {
                subnet_id: s("subnet-0a"),
                vpc_id: s("vpc-0b"),
                cidr: "10.0.1.0/24".parse().expect("cidr"),
                az: "us-east-1b",
                usable: 251,
            },
            "SubnetCreated",
            "Subnet subnet-0a (10.0.1.0/24) created in us-east-1b: 251 usable addresses (5 reserved)",
            &["subnet-0a", "vpc-0b"],
        );
    }

    /// `sim events` prints `{timeMs, kind, message, refs}`, as it did when those were fields.
    #[test]
    fn the_json_keeps_its_shape() {
        let event = Event {
            time_ms: 92499,
            what: What::TaskStateChanged {
                task_arn: a(TASK),
                family: s("api"),
                status: TaskStatus::Running,
            },
        };
        assert_eq!(
            serde_json::to_string(&event).expect("json"),
            format!(
                r#"{{"timeMs":92499,"kind":"TaskStateChanged","message":"Task ff520cf8 (api) is RUNNING","refs":["{TASK}"]}}"#
            )
        );
    }

    /// One value of every variant.
    fn one_of_each() -> Vec<What> {
        use What::*;
        let cidr: Ipv4Net = "10.0.0.0/16".parse().expect("cidr");
        let ip = Ipv4Addr::new(10, 0, 0, 4);
        vec![
            VpcCreated {
                vpc_id: s("vpc-1"),
                cidr,
            },
            VpcDeleted { vpc_id: s("vpc-1") },
            SubnetCreated {
                subnet_id: s("subnet-1"),
                vpc_id: s("vpc-1"),
                cidr,
                az: "us-east-1a",
                usable: 65531,
            },
            SubnetDeleted {
                subnet_id: s("subnet-1"),
            },
            SecurityGroupCreated {
                group_id: s("sg-1"),
                name: s("web"),
                vpc_id: s("vpc-1"),
            },
            SecurityGroupIngressAuthorized {
                group_id: s("sg-1"),
            },
            InstanceLaunched {
                instance_id: s("i-1"),
                instance_type: "m5.large",
                subnet_id: s("subnet-1"),
                private_ip: ip,
            },
            InstanceRunning {
                instance_id: s("i-1"),
            },
            InstanceShuttingDown {
                instance_id: s("i-1"),
            },
            InstanceTerminated {
                instance_id: s("i-1"),
                container_instance_arn: None,
            },
            RoleCreated { role: s("r") },
            RolePolicyAttached {
                role: s("r"),
                policy_arn: s("p"),
            },
            RolePolicyDetached {
                role: s("r"),
                policy_arn: s("p"),
            },
            RolePolicyPut {
                role: s("r"),
                policy: s("p"),
            },
            RolePolicyDeleted {
                role: s("r"),
                policy: s("p"),
            },
            RoleTrustUpdated { role: s("r") },
            EfsAvailable { id: s("fs-1") },
            EfsDeleted { id: s("fsmt-1") },
            RoleBoundarySet {
                role: s("r"),
                policy_arn: Some(s("arn")),
            },
            PolicyCreated {
                policy_arn: s("arn"),
            },
            PolicyVersionCreated {
                policy_arn: s("arn"),
                version_id: s("v2"),
                default: true,
            },
            PolicyDeleted {
                policy_arn: s("arn"),
            },
            InstanceProfileCreated { profile: s("ip") },
            RoleAddedToInstanceProfile {
                profile: s("ip"),
                role: s("r"),
            },
            ClusterCreated {
                cluster: s("c"),
                cluster_arn: s("arn-c"),
            },
            ClusterDeleted {
                cluster: s("c"),
                cluster_arn: s("arn-c"),
            },
            ClusterCapacityProvidersChanged {
                cluster: s("c"),
                cluster_arn: s("arn-c"),
                capacity_providers: crate::model::ecs::CapacityProvider::ALL.to_vec(),
            },
            AccountSettingChanged {
                name: s("awsvpcTrunking"),
                value: s("enabled"),
                principal: None,
            },
            AgentRegistrationFailed {
                ec2_instance_id: s("i-1"),
                reason: crate::model::ec2::AgentBlocked::ClusterNotFound {
                    cluster: "c".into(),
                },
            },
            ContainerInstanceRegistered {
                container_instance_arn: s(CI),
                ec2_instance_id: s("i-1"),
                cluster: s("c"),
                cpu_units: 2048,
                memory_mib: 7680,
            },
            ContainerInstanceRegistrationFailed {
                container_instance_arn: s(CI),
                ec2_instance_id: s("i-1"),
                subnet_id: s("subnet-1"),
            },
            ContainerInstanceStateChanged {
                container_instance_arn: s(CI),
                ec2_instance_id: s("i-1"),
                status: ContainerInstanceStatus::Draining,
            },
            ContainerInstanceDeregistered {
                container_instance_arn: s(CI),
                ec2_instance_id: s("i-1"),
                cluster: s("c"),
            },
            AgentConnectionChanged {
                container_instance_arn: s(CI),
                ec2_instance_id: s("i-1"),
                connected: false,
            },
            TaskDefinitionRegistered {
                task_definition_arn: s("arn-td"),
                family: s("api"),
                revision: 1,
            },
            TaskDefinitionDeregistered {
                task_definition_arn: s("arn-td"),
                family: s("api"),
                revision: 1,
            },
            TaskNotPlaced {
                task_definition_arn: s("arn-td"),
                family: s("api"),
                reason: s("No container instances were found in your cluster."),
            },
            TaskPlaced {
                task_arn: a(TASK),
                container_instance_arn: s(CI),
                ec2_instance_id: Some(s("i-1")),
                family: s("api"),
                az: "us-east-1a",
            },
            TaskEniAttached {
                task_arn: a(TASK),
                family: s("api"),
                eni_id: s("eni-1"),
                subnet_id: s("subnet-1"),
                private_ip: ip,
                public_ip: None,
            },
            TaskFailedToStart {
                task_arn: a(TASK),
                family: s("api"),
                reason: s("ResourceInitializationError"),
            },
            TaskStateChanged {
                task_arn: a(TASK),
                family: s("api"),
                status: TaskStatus::Stopped,
            },
            ContainerExited {
                task_arn: a(TASK),
                container: s("app"),
                exit_code: 137,
            },
            SpotInterruption { task_arn: a(TASK) },
            ServiceCreated {
                service_arn: s(SVC),
                service: s("web"),
                desired_count: 2,
            },
            DeploymentStarted {
                service_arn: s(SVC),
                service: s("web"),
                deployment_id: s("ecs-svc/1234567890123456789"),
                task_definition_arn: s("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2"),
            },
            ServiceDesiredCountChanged {
                service_arn: s(SVC),
                service: s("web"),
                desired_count: 3,
            },
            ServiceDeleted {
                service_arn: s(SVC),
                service: s("web"),
            },
            ServiceEventAdded {
                service_arn: s(SVC),
                service: s("web"),
                message: crate::model::service::ServiceMessage::SteadyState,
            },
        ]
    }

    #[test]
    fn every_variant_has_its_own_kind_its_name() {
        let all = one_of_each();
        let mut kinds: Vec<&str> = all.iter().map(What::kind).collect();
        for (what, kind) in all.iter().zip(&kinds) {
            // The kind is the variant's name, as `Debug` prints it.
            assert!(
                format!("{what:?}").starts_with(&format!("{kind} ")),
                "{what:?}"
            );
        }
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), all.len(), "a kind is named twice");
        let mut variants: Vec<_> = all.iter().map(std::mem::discriminant).collect();
        variants.dedup();
        assert_eq!(variants.len(), all.len(), "a variant is listed twice");
    }

    #[test]
    fn the_less_common_sentences() {
        let sentences: Vec<String> = one_of_each().iter().map(What::to_string).collect();
        for expected in [
            "i-1: ECS could not create the trunk ENI: InsufficientFreeAddressesInSubnet in subnet-1",
            "The ECS agent on i-1 registered with cluster c: 2048 CPU units, 7680 MiB",
            "Container instance on i-1 is now DRAINING",
            "The ECS agent on i-1 disconnected",
            "Cluster c now uses capacity providers [FARGATE, FARGATE_SPOT]",
            "Task definition api:1 deregistered (INACTIVE)",
            "Fargate Spot is reclaiming the capacity of task ff520cf8: two-minute notice",
            "(service web) has reached a steady state.",
            "Service web: deployment ecs-svc/1234567890123456789 of web:2 started",
        ] {
            assert!(sentences.iter().any(|s| s == expected), "{expected}");
        }
    }

    #[test]
    fn views_find_the_task_and_the_subnet_in_the_fields() {
        let all = one_of_each();
        for what in &all {
            let refs = what.refs();
            // A task link is a task ARN among the refs; a subnet link, a subnet ID among them.
            let task = refs.iter().copied().find(|r| r.contains(":task/"));
            assert_eq!(what.task_arn(), task, "{what:?}");
            let subnet = refs.iter().copied().find(|r| r.starts_with("subnet-"));
            assert_eq!(what.subnet_id(), subnet, "{what:?}");
        }
    }
}
