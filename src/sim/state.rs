//! The world as `sim state` prints it: the same JSON as serde's derived `Serialize` (camelCase
//! members in declaration order, enums by variant name), written out by hand through
//! [`ToJson`]. The derived impls stay for other uses, but instantiating them for the whole world
//! cost ~8 KB of the gzipped wasm; a test checks both give the same value.

use serde_json::{Map, Value};

use super::world::{Table, World};
use crate::json::{json, put, ToJson};
use crate::model::ec2::{Instance, InstanceState};
use crate::model::ecs::{
    AccountSettings, Attribute, CapacityProviderItem, Cluster, ClusterStatus, ContainerInstance,
    ContainerInstanceStatus,
};
use crate::model::iam::{InstanceProfile, Role};
use crate::model::ip_pool::IpPool;
use crate::model::net::{Eni, EniKind, Peer, Permission, SecurityGroup, Subnet, Vpc};
use crate::model::task::{Container, Task, TaskEni, TaskStatus};
use crate::model::task_def::{
    Attribute as RequiredAttribute, ContainerDefinition, EphemeralStorage, PlacementConstraint,
    PortMapping, TaskDefinition, Volume,
};
use crate::model::Tag;

impl<T: ToJson> ToJson for Table<T> {
    fn to_json(&self) -> Value {
        let mut object = Map::new();
        for (key, value) in self {
            put(&mut object, key, value.to_json());
        }
        Value::Object(object)
    }
}

impl ToJson for World {
    fn to_json(&self) -> Value {
        let mut task_definitions = Map::new();
        for (family, revisions) in &self.task_definitions {
            put(&mut task_definitions, family, revisions.to_json());
        }
        let mut task_definition_tags = Map::new();
        for (arn, tags) in &self.task_definition_tags {
            put(&mut task_definition_tags, arn, tags.to_json());
        }
        json!({
            "vpcs": self.vpcs,
            "subnets": self.subnets,
            "securityGroups": self.security_groups,
            "enis": self.enis,
            "instances": self.instances,
            "clusters": self.clusters,
            "containerInstances": self.container_instances,
            "taskDefinitions": task_definitions,
            "taskDefinitionTags": task_definition_tags,
            "tasks": self.tasks,
            "roles": self.roles,
            "instanceProfiles": self.instance_profiles,
            "accountSettings": self.account_settings,
            "dhcpOptionsId": self.dhcp_options_id,
        })
    }
}

/// A member ECS omits when unset (serde's `skip_serializing_if = "Option::is_none"`).
fn put_some<T: ToJson>(object: &mut Map<String, Value>, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        put(object, key, value.to_json());
    }
}

/// A member ECS omits when empty (serde's `skip_serializing_if = "String::is_empty"`).
fn put_nonempty(object: &mut Map<String, Value>, key: &str, value: &str) {
    if !value.is_empty() {
        put(object, key, Value::String(value.to_string()));
    }
}

/// A task definition as the API returns it (and as `sim state` shows it).
impl ToJson for TaskDefinition {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put_nonempty(&mut m, "taskDefinitionArn", &self.task_definition_arn);
        put(
            &mut m,
            "containerDefinitions",
            self.container_definitions.to_json(),
        );
        put(&mut m, "family", self.family.to_json());
        put_some(&mut m, "taskRoleArn", &self.task_role_arn);
        put_some(&mut m, "executionRoleArn", &self.execution_role_arn);
        put_some(&mut m, "networkMode", &self.network_mode);
        put(&mut m, "revision", self.revision.to_json());
        put(&mut m, "volumes", self.volumes.to_json());
        put(&mut m, "status", self.status.to_json());
        if !self.requires_attributes.is_empty() {
            put(
                &mut m,
                "requiresAttributes",
                self.requires_attributes.to_json(),
            );
        }
        put(
            &mut m,
            "placementConstraints",
            self.placement_constraints.to_json(),
        );
        put(&mut m, "compatibilities", self.compatibilities.to_json());
        put_some(&mut m, "runtimePlatform", &self.runtime_platform);
        put_some(
            &mut m,
            "requiresCompatibilities",
            &self.requires_compatibilities,
        );
        put_some(&mut m, "cpu", &self.cpu);
        put_some(&mut m, "memory", &self.memory);
        put_some(
            &mut m,
            "inferenceAccelerators",
            &self.inference_accelerators,
        );
        put_some(&mut m, "pidMode", &self.pid_mode);
        put_some(&mut m, "ipcMode", &self.ipc_mode);
        put_some(&mut m, "proxyConfiguration", &self.proxy_configuration);
        put_nonempty(&mut m, "registeredAt", &self.registered_at);
        put_some(&mut m, "deregisteredAt", &self.deregistered_at);
        put_nonempty(&mut m, "registeredBy", &self.registered_by);
        put_some(&mut m, "ephemeralStorage", &self.ephemeral_storage);
        put_some(&mut m, "enableFaultInjection", &self.enable_fault_injection);
        Value::Object(m)
    }
}

impl ToJson for ContainerDefinition {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "name", self.name.to_json());
        put(&mut m, "image", self.image.to_json());
        put_some(
            &mut m,
            "repositoryCredentials",
            &self.repository_credentials,
        );
        put(&mut m, "cpu", self.cpu.to_json());
        put_some(&mut m, "memory", &self.memory);
        put_some(&mut m, "memoryReservation", &self.memory_reservation);
        put_some(&mut m, "links", &self.links);
        put(&mut m, "portMappings", self.port_mappings.to_json());
        put(&mut m, "essential", self.essential.to_json());
        put_some(&mut m, "restartPolicy", &self.restart_policy);
        put_some(&mut m, "entryPoint", &self.entry_point);
        put_some(&mut m, "command", &self.command);
        put(&mut m, "environment", self.environment.to_json());
        put_some(&mut m, "environmentFiles", &self.environment_files);
        put(&mut m, "mountPoints", self.mount_points.to_json());
        put(&mut m, "volumesFrom", self.volumes_from.to_json());
        put_some(&mut m, "linuxParameters", &self.linux_parameters);
        put_some(&mut m, "secrets", &self.secrets);
        put_some(&mut m, "dependsOn", &self.depends_on);
        put_some(&mut m, "startTimeout", &self.start_timeout);
        put_some(&mut m, "stopTimeout", &self.stop_timeout);
        put_some(&mut m, "versionConsistency", &self.version_consistency);
        put_some(&mut m, "hostname", &self.hostname);
        put_some(&mut m, "user", &self.user);
        put_some(&mut m, "workingDirectory", &self.working_directory);
        put_some(&mut m, "disableNetworking", &self.disable_networking);
        put_some(&mut m, "privileged", &self.privileged);
        put_some(
            &mut m,
            "readonlyRootFilesystem",
            &self.readonly_root_filesystem,
        );
        put_some(&mut m, "dnsServers", &self.dns_servers);
        put_some(&mut m, "dnsSearchDomains", &self.dns_search_domains);
        put_some(&mut m, "extraHosts", &self.extra_hosts);
        put_some(
            &mut m,
            "dockerSecurityOptions",
            &self.docker_security_options,
        );
        put_some(&mut m, "interactive", &self.interactive);
        put_some(&mut m, "pseudoTerminal", &self.pseudo_terminal);
        put_some(&mut m, "dockerLabels", &self.docker_labels);
        put_some(&mut m, "ulimits", &self.ulimits);
        put_some(&mut m, "logConfiguration", &self.log_configuration);
        put_some(&mut m, "healthCheck", &self.health_check);
        put(&mut m, "systemControls", self.system_controls.to_json());
        put_some(&mut m, "resourceRequirements", &self.resource_requirements);
        put_some(
            &mut m,
            "firelensConfiguration",
            &self.firelens_configuration,
        );
        put_some(&mut m, "credentialSpecs", &self.credential_specs);
        Value::Object(m)
    }
}

impl ToJson for PortMapping {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put_some(&mut m, "containerPort", &self.container_port);
        put_some(&mut m, "hostPort", &self.host_port);
        put(&mut m, "protocol", self.protocol.to_json());
        put_some(&mut m, "name", &self.name);
        put_some(&mut m, "appProtocol", &self.app_protocol);
        put_some(&mut m, "containerPortRange", &self.container_port_range);
        Value::Object(m)
    }
}

impl ToJson for Volume {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "name", self.name.to_json());
        put_some(&mut m, "host", &self.host);
        put_some(&mut m, "configuredAtLaunch", &self.configured_at_launch);
        put_some(
            &mut m,
            "dockerVolumeConfiguration",
            &self.docker_volume_configuration,
        );
        put_some(
            &mut m,
            "efsVolumeConfiguration",
            &self.efs_volume_configuration,
        );
        put_some(
            &mut m,
            "fsxWindowsFileServerVolumeConfiguration",
            &self.fsx_windows_file_server_volume_configuration,
        );
        Value::Object(m)
    }
}

impl ToJson for RequiredAttribute {
    fn to_json(&self) -> Value {
        json!({"name": self.name})
    }
}

impl ToJson for PlacementConstraint {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "type", self.constraint_type.to_json());
        put_some(&mut m, "expression", &self.expression);
        Value::Object(m)
    }
}

impl ToJson for EphemeralStorage {
    fn to_json(&self) -> Value {
        json!({"sizeInGiB": self.size_in_gib})
    }
}

impl ToJson for Tag {
    fn to_json(&self) -> Value {
        json!({"key": self.key, "value": self.value})
    }
}

impl ToJson for Vpc {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "cidr": self.cidr.to_string(),
            "isDefault": self.is_default,
            "cidrAssocId": self.cidr_assoc_id,
            "tags": self.tags,
            "createdSeq": self.created_seq,
        })
    }
}

impl ToJson for IpPool {
    fn to_json(&self) -> Value {
        let held: Vec<Value> = self
            .holders()
            .map(|(ip, holder)| json!([ip.to_string(), holder]))
            .collect();
        json!({
            "cidr": self.net().to_string(),
            "available": self.free_count(),
            "held": held,
        })
    }
}

impl ToJson for Subnet {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "vpcId": self.vpc_id,
            "az": self.az,
            "defaultForAz": self.default_for_az,
            "mapPublicIpOnLaunch": self.map_public_ip_on_launch,
            "pool": self.pool,
            "tags": self.tags,
            "createdSeq": self.created_seq,
        })
    }
}

impl ToJson for Peer {
    fn to_json(&self) -> Value {
        json!({"target": self.target, "description": self.description})
    }
}

impl ToJson for Permission {
    fn to_json(&self) -> Value {
        json!({
            "protocol": self.protocol,
            "fromPort": self.from_port,
            "toPort": self.to_port,
            "cidrs": self.cidrs,
            "sourceGroups": self.source_groups,
        })
    }
}

impl ToJson for SecurityGroup {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "vpcId": self.vpc_id,
            "ingress": self.ingress,
            "egress": self.egress,
            "tags": self.tags,
            "createdSeq": self.created_seq,
        })
    }
}

impl ToJson for Eni {
    fn to_json(&self) -> Value {
        let kind = match self.kind {
            EniKind::InstancePrimary => "InstancePrimary",
            EniKind::Trunk => "Trunk",
            EniKind::Task => "Task",
        };
        json!({
            "id": self.id,
            "kind": kind,
            "subnetId": self.subnet_id,
            "vpcId": self.vpc_id,
            "az": self.az,
            "privateIp": self.private_ip.to_string(),
            "publicIp": self.public_ip.map(|ip| ip.to_string()),
            "mac": self.mac,
            "description": self.description,
            "groups": self.groups,
            "attachedTo": self.attached_to,
            "attachmentId": self.attachment_id,
            "deviceIndex": self.device_index,
            "createdAt": self.created_at,
            "requesterId": self.requester_id,
            "requesterManaged": self.requester_managed,
            "interfaceType": self.interface_type,
            "owner": self.owner,
            "createdSeq": self.created_seq,
        })
    }
}

impl ToJson for Instance {
    fn to_json(&self) -> Value {
        let state = match self.state {
            InstanceState::Pending => "Pending",
            InstanceState::Running => "Running",
            InstanceState::ShuttingDown => "ShuttingDown",
            InstanceState::Terminated => "Terminated",
        };
        json!({
            "id": self.id,
            "reservationId": self.reservation_id,
            "launchIndex": self.launch_index,
            "instanceType": self.instance_type.name,
            "ami": self.ami.id,
            "subnetId": self.subnet_id,
            "vpcId": self.vpc_id,
            "az": self.az,
            "privateIp": self.private_ip.to_string(),
            "publicIp": self.public_ip.map(|ip| ip.to_string()),
            "primaryEni": self.primary_eni,
            "securityGroups": self.security_groups,
            "state": state,
            "launchTime": self.launch_time,
            "userData": self.user_data,
            "instanceProfileArn": self.instance_profile_arn,
            "keyName": self.key_name,
            "tags": self.tags,
            "terminatedAt": self.terminated_at,
            "stateTransitionReason": self.state_transition_reason,
            "agentWaiting": self.agent_waiting,
            "createdSeq": self.created_seq,
        })
    }
}

impl ToJson for Cluster {
    fn to_json(&self) -> Value {
        let status = match self.status {
            ClusterStatus::Active => "Active",
            ClusterStatus::Inactive => "Inactive",
        };
        let settings: Vec<Value> = self
            .settings
            .iter()
            .map(|(name, value)| json!([name, value]))
            .collect();
        json!({
            "name": self.name,
            "arn": self.arn,
            "status": status,
            "tags": self.tags,
            "settings": settings,
            "capacityProviders": self.capacity_providers,
            "defaultStrategy": self.default_strategy,
            "createdSeq": self.created_seq,
        })
    }
}

impl ToJson for CapacityProviderItem {
    fn to_json(&self) -> Value {
        json!({"provider": self.provider, "weight": self.weight, "base": self.base})
    }
}

impl ToJson for TaskEni {
    fn to_json(&self) -> Value {
        json!({
            "attachmentId": self.attachment_id,
            "status": self.status,
            "subnets": self.subnets,
            "subnetId": self.subnet_id,
            "securityGroups": self.security_groups,
            "assignPublicIp": self.assign_public_ip,
            "eniId": self.eni_id,
            "privateIp": self.private_ip.map(|ip| ip.to_string()),
            "mac": self.mac,
            "publicIp": self.public_ip.map(|ip| ip.to_string()),
        })
    }
}

impl ToJson for Attribute {
    fn to_json(&self) -> Value {
        json!({"name": self.name, "value": self.value})
    }
}

impl ToJson for ContainerInstance {
    fn to_json(&self) -> Value {
        use ContainerInstanceStatus::*;
        let status = match self.status {
            Registering => "Registering",
            RegistrationFailed => "RegistrationFailed",
            Active => "Active",
            Draining => "Draining",
            Deregistering => "Deregistering",
            Inactive => "Inactive",
        };
        let mut task_groups = Map::new();
        for (group, count) in &self.task_groups {
            put(&mut task_groups, group, count.to_json());
        }
        json!({
            "id": self.id,
            "arn": self.arn,
            "cluster": self.cluster,
            "ec2InstanceId": self.ec2_instance_id,
            "status": status,
            "agentConnected": self.agent_connected,
            "agentVersion": self.agent_version,
            "dockerVersion": self.docker_version,
            "cpuUnits": self.cpu_units,
            "memoryMib": self.memory_mib,
            "reservedCpuUnits": self.reserved_cpu_units,
            "reservedMemoryMib": self.reserved_memory_mib,
            "reservedTcpPorts": self.reserved_tcp_ports,
            "reservedUdpPorts": self.reserved_udp_ports,
            "taskTcpPorts": self.task_tcp_ports,
            "taskUdpPorts": self.task_udp_ports,
            "runningTasksCount": self.running_tasks_count,
            "pendingTasksCount": self.pending_tasks_count,
            "taskGroups": task_groups,
            "attributes": self.attributes,
            "az": self.az,
            "vpcId": self.vpc_id,
            "eniSlots": self.eni_slots,
            "taskEnis": self.task_enis,
            "trunkEni": self.trunk_eni,
            "registeredAt": self.registered_at,
            "version": self.version,
            "tags": self.tags,
            "createdSeq": self.created_seq,
        })
    }
}

impl ToJson for Container {
    fn to_json(&self) -> Value {
        let bindings: Vec<Value> = self
            .network_bindings
            .iter()
            .map(|(container_port, host_port, protocol)| {
                json!([container_port, host_port, protocol])
            })
            .collect();
        json!({
            "name": self.name,
            "arn": self.arn,
            "runtimeId": self.runtime_id,
            "image": self.image,
            "essential": self.essential,
            "lastStatus": self.last_status,
            "exitCode": self.exit_code,
            "reason": self.reason,
            "cpu": self.cpu,
            "memory": self.memory,
            "memoryReservation": self.memory_reservation,
            "networkBindings": bindings,
            "sleepMs": self.sleep_ms,
            "command": self.command,
        })
    }
}

impl ToJson for Task {
    fn to_json(&self) -> Value {
        use TaskStatus::*;
        let last_status = match self.last_status {
            Provisioning => "Provisioning",
            Pending => "Pending",
            Activating => "Activating",
            Running => "Running",
            Deactivating => "Deactivating",
            Stopping => "Stopping",
            Deprovisioning => "Deprovisioning",
            Stopped => "Stopped",
        };
        json!({
            "id": self.id,
            "arn": self.arn,
            "cluster": self.cluster,
            "taskDefinitionArn": self.task_definition_arn,
            "family": self.family,
            "containerInstanceId": self.container_instance_id,
            "containerInstanceArn": self.container_instance_arn,
            "ec2InstanceId": self.ec2_instance_id,
            "availabilityZone": self.availability_zone,
            "launchType": self.launch_type,
            "capacityProvider": self.capacity_provider,
            "platformVersion": self.platform_version,
            "ephemeralStorageGib": self.ephemeral_storage_gib,
            "eni": self.eni,
            "group": self.group,
            "startedBy": self.started_by,
            "lastStatus": last_status,
            "desiredRunning": self.desired_running,
            "cpuUnits": self.cpu_units,
            "memoryMib": self.memory_mib,
            "cpu": self.cpu,
            "memory": self.memory,
            "tcpPorts": self.tcp_ports,
            "udpPorts": self.udp_ports,
            "containers": self.containers,
            "overrides": *self.overrides,
            "cpuArchitecture": self.cpu_architecture,
            "createdAt": self.created_at,
            "pullStartedAt": self.pull_started_at,
            "pullStoppedAt": self.pull_stopped_at,
            "startedAt": self.started_at,
            "connectivityAt": self.connectivity_at,
            "stoppingAt": self.stopping_at,
            "executionStoppedAt": self.execution_stopped_at,
            "stoppedAt": self.stopped_at,
            "stopCode": self.stop_code,
            "stoppedReason": self.stopped_reason,
            "version": self.version,
            "tags": self.tags,
            // The ledger keeps its derived form: `sim explain` prints it through serde anyway.
            "ledger": serde_json::to_value(&self.ledger).unwrap_or(Value::Null),
            "createdSeq": self.created_seq,
        })
    }
}

/// A map of strings as a JSON object, in key order.
fn string_map<'a>(entries: impl Iterator<Item = (&'a String, &'a String)>) -> Value {
    let mut object = Map::new();
    for (key, value) in entries {
        put(&mut object, key, Value::String(value.clone()));
    }
    Value::Object(object)
}

impl ToJson for AccountSettings {
    fn to_json(&self) -> Value {
        let mut by_principal = Map::new();
        for (principal, settings) in &self.by_principal {
            put(&mut by_principal, principal, string_map(settings.iter()));
        }
        json!({
            "defaults": string_map(self.defaults.iter()),
            "by_principal": by_principal,
        })
    }
}

impl ToJson for Role {
    fn to_json(&self) -> Value {
        let mut inline_policies = Map::new();
        for (name, document) in &self.inline_policies {
            put(&mut inline_policies, name, document.clone());
        }
        json!({
            "name": self.name,
            "id": self.id,
            "arn": self.arn,
            "path": self.path,
            "description": self.description,
            "maxSessionDuration": self.max_session_duration,
            "created": self.created,
            "assumeRolePolicy": self.assume_role_policy,
            "attachedPolicies": self.attached_policies,
            "inlinePolicies": inline_policies,
            "tags": self.tags,
        })
    }
}

impl ToJson for InstanceProfile {
    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "id": self.id,
            "arn": self.arn,
            "path": self.path,
            "created": self.created,
            "role": self.role,
            "tags": self.tags,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::{MemFiles, Session};
    use crate::json::ToJson;

    /// After every scenario script (which between them create every kind of resource), the
    /// hand-written JSON equals serde's derived serialization.
    #[test]
    fn matches_the_derived_serialization() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
        let mut scripts: Vec<_> = std::fs::read_dir(dir)
            .expect("scenarios")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "sh"))
            .collect();
        scripts.sort();
        assert!(scripts.len() > 10);
        let mut seen = [false; 8];
        for script in scripts {
            let mut files = MemFiles::default();
            let data = std::path::Path::new(dir).join("data");
            for entry in std::fs::read_dir(&data).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                files.0.insert(format!("data/{name}"), text);
            }
            let mut session = Session::with_files(7, Box::new(files));
            let text = std::fs::read_to_string(&script).expect("script");
            let read = |path: &str| std::fs::read_to_string(std::path::Path::new(dir).join(path));
            let text = crate::preamble::expand(&text, &|p| read(p).map_err(|e| e.to_string()));
            session.run_script(&text.expect("preambles"));
            let world = &session.sim.world;
            seen[0] |= !world.task_definitions.is_empty();
            seen[1] |= !world.container_instances.is_empty();
            seen[2] |= !world.roles.is_empty() && !world.instance_profiles.is_empty();
            seen[3] |= world
                .security_groups
                .values()
                .any(|g| !g.ingress.is_empty());
            seen[4] |= world.instances.values().any(|i| i.public_ip.is_some());
            seen[5] |= !world.account_settings.by_principal.is_empty();
            seen[6] |= world
                .tasks
                .values()
                .any(|t| t.containers.iter().any(|c| !c.network_bindings.is_empty()));
            seen[7] |= world
                .container_instances
                .values()
                .any(|ci| !ci.task_groups.is_empty());
            assert_eq!(
                world.to_json(),
                serde_json::to_value(world).expect("serde"),
                "{}",
                script.display()
            );
            for td in world.task_definitions.values().flatten() {
                let derived = serde_json::to_value(td).expect("serde");
                assert_eq!(td.to_json(), derived, "{}", script.display());
            }
        }
        assert_eq!(seen, [true; 8], "some kind of resource was never compared");
    }

    /// A task definition with every member set serializes as serde's derived impl does.
    #[test]
    fn a_full_task_definition_matches_the_derived_serialization() {
        use crate::model::task_def::TaskDefinition;
        let some = serde_json::json!({"k": [1, "v"]});
        let mut container = serde_json::Map::new();
        for key in [
            "repositoryCredentials",
            "links",
            "restartPolicy",
            "entryPoint",
            "command",
            "environmentFiles",
            "linuxParameters",
            "secrets",
            "dependsOn",
            "startTimeout",
            "stopTimeout",
            "versionConsistency",
            "hostname",
            "user",
            "workingDirectory",
            "disableNetworking",
            "privileged",
            "readonlyRootFilesystem",
            "dnsServers",
            "dnsSearchDomains",
            "extraHosts",
            "dockerSecurityOptions",
            "interactive",
            "pseudoTerminal",
            "dockerLabels",
            "ulimits",
            "logConfiguration",
            "healthCheck",
            "resourceRequirements",
            "firelensConfiguration",
            "credentialSpecs",
        ] {
            container.insert(key.to_string(), some.clone());
        }
        for (key, value) in serde_json::json!({
            "name": "web", "image": "nginx", "cpu": 256, "memory": 512,
            "memoryReservation": 256, "essential": false,
            "environment": [some], "mountPoints": [some], "volumesFrom": [some],
            "systemControls": [some],
            "portMappings": [
                {"containerPort": 80, "hostPort": 8080, "protocol": "udp", "name": "http",
                 "appProtocol": "http2", "containerPortRange": "1-2"},
                {"protocol": "tcp"}
            ],
        })
        .as_object()
        .expect("object")
        {
            container.insert(key.clone(), value.clone());
        }
        let full = serde_json::json!({
            "taskDefinitionArn": "arn", "containerDefinitions": [container, {"name": "a", "image": "b"}],
            "family": "f", "taskRoleArn": "r", "executionRoleArn": "e", "networkMode": "awsvpc",
            "revision": 3,
            "volumes": [{"name": "v", "host": some, "configuredAtLaunch": true,
                "dockerVolumeConfiguration": some, "efsVolumeConfiguration": some,
                "fsxWindowsFileServerVolumeConfiguration": some}, {"name": "w"}],
            "status": "ACTIVE", "requiresAttributes": [{"name": "a"}],
            "placementConstraints": [{"type": "memberOf", "expression": "x"}, {"type": "memberOf"}],
            "compatibilities": ["EC2"], "runtimePlatform": some,
            "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
            "inferenceAccelerators": some, "pidMode": "task", "ipcMode": "none",
            "proxyConfiguration": some, "registeredAt": "t", "deregisteredAt": "u",
            "registeredBy": "p", "ephemeralStorage": {"sizeInGiB": 30},
            "enableFaultInjection": true,
        });
        let minimal = serde_json::json!({
            "containerDefinitions": [], "family": "f", "revision": 0, "status": "ACTIVE",
        });
        for value in [full, minimal] {
            let td: TaskDefinition = serde_json::from_value(value).expect("task definition");
            assert_eq!(td.to_json(), serde_json::to_value(&td).expect("serde"));
        }
    }
}
