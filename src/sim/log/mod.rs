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
    /// `sim az-outage`: an Availability Zone fails; how many instances and tasks it took down.
    ZoneOutage {
        zone: &'static str,
        instances: u32,
        tasks: u32,
    },
    /// `sim az-restore`: the zone is back; its stopped instances are starting.
    ZoneRestored {
        zone: &'static str,
        instances: u32,
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
            ZoneOutage { .. } => "ZoneOutage",
            ZoneRestored { .. } => "ZoneRestored",
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
            ZoneOutage { zone, .. } | ZoneRestored { zone, .. } => vec![zone],
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

mod sentence;

#[cfg(test)]
mod tests;
