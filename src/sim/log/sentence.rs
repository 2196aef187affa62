//! The sentence of each event, rendered from its data (what `sim events` and the Events tab
//! show).

use std::fmt;

use super::*;

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
            ZoneOutage {
                zone,
                instances,
                tasks,
            } => write!(
                f,
                "Availability Zone {zone} is down: {instances} EC2 instance(s) stopped, {tasks} task(s) lost"
            ),
            ZoneRestored { zone, instances } => write!(
                f,
                "Availability Zone {zone} is back: {instances} EC2 instance(s) starting"
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
