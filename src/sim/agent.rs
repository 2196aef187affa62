//! The ECS container agent on an EC2 instance: when the instance has booted, the agent reads
//! `ECS_CLUSTER` from /etc/ecs/ecs.config (written by the user data) and calls
//! RegisterContainerInstance with the instance role's credentials.
//!
//! It fails, and keeps retrying, when the instance has no instance profile, when the role does
//! not trust EC2 or does not allow `ecs:RegisterContainerInstance`, or when the cluster does not
//! exist (the agent creates only `default`). Retries are driven by change: whenever a cluster
//! is created or IAM changes, waiting agents try again after a restart delay (ecs-init restarts
//! a failed agent; the delay is our choice).

use super::log::What;
use super::queue::Timer;
use super::world::ecs_arn;
use super::Sim;
use crate::model::catalog;
use crate::model::ec2::{AgentBlocked, InstanceState};
use crate::model::ecs::{
    Attribute, Cluster, ClusterStatus, ContainerInstance, ContainerInstanceStatus,
};
use crate::model::iam::{self, eval, eval::Context, eval::Request};
use crate::model::time::SECOND_MS;

/// Ports the Linux agent reserves on every instance (ECS-REFERENCE.md §2.3), in the order
/// DescribeContainerInstances lists them.
pub const RESERVED_TCP_PORTS: [u16; 5] = [22, 2376, 2375, 51678, 51679];

/// How long a failed agent waits before ecs-init restarts it (our choice).
const AGENT_RESTART_MS: u64 = 30 * SECOND_MS;

pub(crate) fn agent_started(sim: &mut Sim, instance_id: &str) {
    let Some(inst) = sim.world.instances.get(instance_id) else {
        return;
    };
    if inst.state != InstanceState::Running || inst.ami.ecs_agent_version.is_none() {
        return;
    }
    if let Some(ci) = sim.world.container_instance_by_ec2(instance_id) {
        // Registered before (and started again after `sim az-restore`, or retrying after its
        // role could not poll): the agent reconnects to its container instance rather than
        // registering a new one.
        if ci.status != ContainerInstanceStatus::Inactive {
            let (ci_id, ci_arn) = (ci.id.clone(), ci.arn.clone());
            match may_connect(sim, instance_id, &ci_arn) {
                Ok(()) => set_connected(sim, &ci_id, true),
                Err(reason) => wait(sim, instance_id, reason),
            }
        }
        return;
    }
    let cluster = inst.ecs_cluster_from_user_data();
    if let Err(reason) = credentials_allow(sim, instance_id, "ecs:RegisterContainerInstance") {
        return wait(sim, instance_id, reason);
    }
    if sim.world.cluster_active(&cluster).is_none() {
        if cluster != "default" {
            return wait(sim, instance_id, AgentBlocked::ClusterNotFound { cluster });
        }
        if let Err(reason) = credentials_allow(sim, instance_id, "ecs:CreateCluster") {
            return wait(sim, instance_id, reason);
        }
        create_cluster(sim, "default", Vec::new(), Vec::new());
    }
    register(sim, instance_id, &cluster);
}

/// Checks the instance's role the way the agent meets it: an instance profile must be attached,
/// its role must trust ec2.amazonaws.com, and a policy must allow the action. (A first cut of
/// IAM evaluation: Allow/Deny on actions; resources and conditions come with the IAM issue.)
fn credentials_allow(
    sim: &Sim,
    instance_id: &str,
    action: &'static str,
) -> Result<(), AgentBlocked> {
    let inst = &sim.world.instances[instance_id];
    let cluster = ecs_arn(&format!("cluster/{}", inst.ecs_cluster_from_user_data()));
    credentials_allow_on(sim, instance_id, action, &cluster)
}

/// The agent's connection to ECS once registered (ECS-REFERENCE.md §8.1): it asks where to
/// poll (`ecs:DiscoverPollEndpoint`, which takes no resource) and polls for work as its
/// container instance (`ecs:Poll`). A role that lets the agent register but not poll leaves
/// the instance registered with `agentConnected` false: nothing is placed on it.
fn may_connect(sim: &Sim, instance_id: &str, ci_arn: &str) -> Result<(), AgentBlocked> {
    credentials_allow_on(sim, instance_id, "ecs:DiscoverPollEndpoint", "*")?;
    credentials_allow_on(sim, instance_id, "ecs:Poll", ci_arn)
}

fn credentials_allow_on(
    sim: &Sim,
    instance_id: &str,
    action: &'static str,
    resource: &str,
) -> Result<(), AgentBlocked> {
    let inst = &sim.world.instances[instance_id];
    let Some(profile_arn) = &inst.instance_profile_arn else {
        return Err(AgentBlocked::NoInstanceProfile { action });
    };
    let profile = sim
        .world
        .instance_profiles
        .values()
        .find(|p| &p.arn == profile_arn);
    let Some(role_name) = profile.and_then(|p| p.role.as_ref()) else {
        return Err(AgentBlocked::ProfileWithoutRole {
            action,
            profile_arn: profile_arn.clone(),
        });
    };
    let Some(role) = sim.world.roles.get(role_name) else {
        return Err(AgentBlocked::RoleDeleted {
            action,
            role: role_name.clone(),
        });
    };
    if !iam::trusts_service(&role.assume_role_policy.document, "ec2.amazonaws.com") {
        return Err(AgentBlocked::RoleNotTrustingEc2 {
            role: role_name.clone(),
        });
    }
    // The call as IAM sees it: the role's session, the action on its resource, in the
    // sandbox's region.
    let ctx = Context::new()
        .with("aws:RequestedRegion", catalog::REGION)
        .with("aws:PrincipalArn", &role.arn);
    let request = Request {
        action,
        resource,
        context: &ctx,
    };
    let policies = &sim.world.policies;
    let customer = |a: &str| policies.get(a).map(Box::as_ref);
    let decision = iam::role_policies(role, &customer).evaluate(&request);
    let session = format!(
        "arn:aws:sts::{}:assumed-role/{role_name}/{instance_id}",
        catalog::ACCOUNT_ID
    );
    if let Some(message) = eval::access_denied(&session, &request, &decision) {
        return Err(AgentBlocked::NotAuthorized { action, message });
    }
    Ok(())
}

fn wait(sim: &mut Sim, instance_id: &str, reason: AgentBlocked) {
    let first_time = sim
        .world
        .instances
        .get(instance_id)
        .is_some_and(|i| i.agent_waiting.as_ref() != Some(&reason));
    if first_time {
        sim.record(What::AgentRegistrationFailed {
            ec2_instance_id: instance_id.into(),
            reason: reason.clone(),
        });
    }
    if let Some(inst) = sim.world.instances.get_mut(instance_id) {
        inst.agent_waiting = Some(reason);
    }
}

/// Something changed that may let waiting agents register: each tries again after a restart.
pub(crate) fn wake_waiting_agents(sim: &mut Sim) {
    let waiting: Vec<String> = sim
        .world
        .instances
        .values()
        .filter(|i| i.agent_waiting.is_some() && i.state == InstanceState::Running)
        .map(|i| i.id.clone())
        .collect();
    for id in waiting {
        if let Some(inst) = sim.world.instances.get_mut(&id) {
            inst.agent_waiting = None;
        }
        sim.schedule_in(AGENT_RESTART_MS, Timer::AgentStarted { instance_id: id });
    }
}

/// Creates (or re-activates) a cluster. Shared by CreateCluster and the agent's `default`.
pub(crate) fn create_cluster(
    sim: &mut Sim,
    name: &str,
    tags: Vec<crate::model::Tag>,
    settings: Vec<(String, String)>,
) {
    let seq = sim.next_seq();
    let settings = if settings.is_empty() {
        vec![("containerInsights".to_string(), "disabled".to_string())]
    } else {
        settings
    };
    sim.world.clusters.insert(
        name.to_string(),
        Box::new(Cluster {
            name: name.to_string(),
            arn: ecs_arn(&format!("cluster/{name}")),
            status: ClusterStatus::Active,
            tags,
            settings,
            capacity_providers: Vec::new(),
            default_strategy: Vec::new(),
            created_seq: seq,
        }),
    );
    let arn = ecs_arn(&format!("cluster/{name}"));
    sim.record(What::ClusterCreated {
        cluster: name.into(),
        cluster_arn: arn.into(),
    });
    wake_waiting_agents(sim);
}

fn register(sim: &mut Sim, instance_id: &str, cluster: &str) {
    let inst = &sim.world.instances[instance_id];
    let t = inst.instance_type;
    let ami = inst.ami;
    let mut attributes: Vec<Attribute> = CAPABILITIES
        .iter()
        .map(|c| Attribute {
            name: c.to_string(),
            value: None,
        })
        .collect();
    attributes.extend((17..=44).map(|v| Attribute {
        name: format!("com.amazonaws.ecs.capability.docker-remote-api.1.{v}"),
        value: None,
    }));
    let valued = [
        (
            "ecs.capability.cni-plugin-version",
            "f6ab1f4b-2025.11.0".to_string(),
        ),
        ("ecs.ami-id", ami.id.to_string()),
        ("ecs.availability-zone", inst.az.to_string()),
        ("ecs.cpu-architecture", ami.arch.as_str().to_string()),
        ("ecs.instance-type", t.name.to_string()),
        ("ecs.os-family", "LINUX".to_string()),
        ("ecs.os-type", "linux".to_string()),
        ("ecs.subnet-id", inst.subnet_id.clone()),
        ("ecs.vpc-id", inst.vpc_id.clone()),
    ];
    attributes.extend(valued.into_iter().map(|(n, v)| Attribute {
        name: n.to_string(),
        value: Some(v),
    }));
    let (az, vpc_id, subnet_id) = (inst.az, inst.vpc_id.clone(), inst.subnet_id.clone());
    let trunking = trunking_applies(sim, instance_id);
    let agent_version = ami.ecs_agent_version.unwrap_or_default().to_string();
    let docker_version = format!("DockerVersion: {}", ami.docker_version);
    let id = sim.rng.hex(32);
    let seq = sim.next_seq();
    let arn = ecs_arn(&format!("container-instance/{cluster}/{id}"));
    let ci = ContainerInstance {
        id: id.clone(),
        arn: arn.clone(),
        cluster: cluster.to_string(),
        ec2_instance_id: instance_id.to_string(),
        status: ContainerInstanceStatus::Active,
        agent_connected: true,
        agent_version,
        docker_version,
        cpu_units: t.cpu_units(),
        memory_mib: t.registered_memory_mib(),
        reserved_cpu_units: 0,
        reserved_memory_mib: 0,
        reserved_tcp_ports: RESERVED_TCP_PORTS.to_vec(),
        reserved_udp_ports: Vec::new(),
        task_tcp_ports: Vec::new(),
        task_udp_ports: Vec::new(),
        running_tasks_count: 0,
        pending_tasks_count: 0,
        task_groups: Default::default(),
        attributes,
        az,
        vpc_id,
        eni_slots: t.task_eni_slots(),
        task_enis: 0,
        trunk_eni: None,
        attributes_epoch: 0,
        registered_at: sim.now(),
        version: 1,
        tags: Vec::new(),
        created_seq: seq,
    };
    let connects = may_connect(sim, instance_id, &arn);
    let ci = ContainerInstance {
        agent_connected: connects.is_ok(),
        ..ci
    };
    sim.world.add_container_instance(ci);
    if let Some(limit) = trunking {
        attach_trunk(sim, &id, instance_id, &subnet_id, limit);
    }
    if let Some(inst) = sim.world.instances.get_mut(instance_id) {
        inst.agent_waiting = None;
    }
    sim.record(What::ContainerInstanceRegistered {
        container_instance_arn: arn.into(),
        ec2_instance_id: instance_id.into(),
        cluster: cluster.into(),
        cpu_units: t.cpu_units(),
        memory_mib: t.registered_memory_mib(),
    });
    if let Err(reason) = connects {
        wait(sim, instance_id, reason);
    }
}

/// The trunked awsvpc task limit, when ENI trunking applies to an instance registering now:
/// `awsvpcTrunking` is enabled for its instance role (its own setting, else the account
/// default; ECS-REFERENCE.md §3.4) and its type supports trunking.
fn trunking_applies(sim: &Sim, instance_id: &str) -> Option<u32> {
    let inst = sim.world.instances.get(instance_id)?;
    let limit = inst.instance_type.trunk_task_limit?;
    let role_arn = inst
        .instance_profile_arn
        .as_ref()
        .and_then(|p| sim.world.instance_profiles.values().find(|x| &x.arn == p))
        .and_then(|p| p.role.as_ref())
        .and_then(|r| sim.world.roles.get(r))
        .map(|r| r.arn.clone())
        .unwrap_or_default();
    let value = sim
        .world
        .account_settings
        .effective(&role_arn, "awsvpcTrunking");
    (value == Some("enabled")).then_some(limit)
}

/// ECS attaches a trunk ENI (it takes an address of the instance's subnet), tags the instance
/// with `ecs.awsvpc-trunk-id`, and raises its awsvpc task limit. Without a free address the
/// registration fails (REGISTRATION_FAILED), as the trunk cannot be created.
fn attach_trunk(sim: &mut Sim, ci_id: &str, instance_id: &str, subnet_id: &str, limit: u32) {
    let groups = sim
        .world
        .instances
        .get(instance_id)
        .map(|i| i.security_groups.clone())
        .unwrap_or_default();
    let created = sim.create_eni(super::world::EniSpec {
        kind: crate::model::net::EniKind::Trunk,
        subnet_id: subnet_id.to_string(),
        private_ip: None,
        description: String::new(),
        groups,
        attached_to: Some(instance_id.to_string()),
        requester_id: Some(catalog::ECS_REQUESTER_ID.to_string()),
        requester_managed: true,
        interface_type: "trunk",
        owner: instance_id.to_string(),
    });
    let failed = sim
        .world
        .change_container_instance(ci_id, |ci| match created {
            Ok(eni_id) => {
                ci.attributes.push(Attribute {
                    name: "ecs.awsvpc-trunk-id".into(),
                    value: Some(eni_id.clone()),
                });
                ci.attributes_epoch += 1;
                ci.eni_slots = limit;
                ci.trunk_eni = Some(eni_id);
                None
            }
            Err(_) => {
                ci.status = ContainerInstanceStatus::RegistrationFailed;
                Some(ci.arn.clone())
            }
        });
    if let Some(Some(arn)) = failed {
        sim.record(What::ContainerInstanceRegistrationFailed {
            container_instance_arn: arn.into(),
            ec2_instance_id: instance_id.into(),
            subnet_id: subnet_id.into(),
        });
    }
}

/// The container instance left the cluster: ECS deletes its trunk ENI (the address returns).
pub(crate) fn detach_trunk(sim: &mut Sim, ci_id: &str) {
    let trunk = sim
        .world
        .change_container_instance(ci_id, |ci| ci.trunk_eni.take())
        .flatten();
    if let Some(eni) = trunk {
        sim.delete_eni(&eni);
    }
}

/// Capability attributes the agent on an ECS-optimized Linux AMI registers (no values).
const CAPABILITIES: &[&str] = &[
    "com.amazonaws.ecs.capability.logging-driver.syslog",
    "com.amazonaws.ecs.capability.task-iam-role-network-host",
    "com.amazonaws.ecs.capability.logging-driver.awsfirelens",
    "com.amazonaws.ecs.capability.logging-driver.json-file",
    "com.amazonaws.ecs.capability.logging-driver.awslogs",
    "com.amazonaws.ecs.capability.logging-driver.none",
    "com.amazonaws.ecs.capability.privileged-container",
    "com.amazonaws.ecs.capability.ecr-auth",
    "com.amazonaws.ecs.capability.task-iam-role",
    "ecs.capability.execution-role-awslogs",
    "ecs.capability.execution-role-ecr-pull",
    "ecs.capability.secrets.asm.environment-variables",
    "ecs.capability.secrets.asm.bootstrap.log-driver",
    "ecs.capability.secrets.ssm.environment-variables",
    "ecs.capability.secrets.ssm.bootstrap.log-driver",
    "ecs.capability.private-registry-authentication.secretsmanager",
    "ecs.capability.task-eni",
    "ecs.capability.efs",
    "ecs.capability.efsAuth",
    "ecs.capability.container-health-check",
    "ecs.capability.container-ordering",
    "ecs.capability.full-sync",
    "ecs.capability.task-cpu-mem-limit",
    "ecs.capability.increased-task-cpu-limit",
    "ecs.capability.docker-plugin.local",
    "ecs.capability.firelens.fluentbit",
    "ecs.capability.firelens.fluentd",
    "ecs.capability.firelens.options.config.file",
    "ecs.capability.firelens.options.config.s3",
    "ecs.capability.aws-appmesh",
    "ecs.capability.env-files.s3",
    "ecs.capability.service-connect-v1",
];

/// A fault: the ECS agent on an instance stops (or starts again). A disconnected agent keeps
/// its tasks running but takes no new ones (placement reports `AGENT`).
pub fn set_connected(sim: &mut Sim, container_instance_id: &str, connected: bool) {
    let changed = sim
        .world
        .change_container_instance(container_instance_id, |ci| {
            let changed = ci.agent_connected != connected;
            if changed {
                ci.agent_connected = connected;
                ci.version += 1;
            }
            changed
        });
    if changed != Some(true) {
        return;
    }
    let Some(ci) = sim.world.container_instances().get(container_instance_id) else {
        return;
    };
    let (arn, ec2) = (ci.arn.clone(), ci.ec2_instance_id.clone());
    sim.record(What::AgentConnectionChanged {
        container_instance_arn: arn.into(),
        ec2_instance_id: ec2.into(),
        connected,
    });
    if connected {
        super::task::agent_reconnected(sim, container_instance_id);
    }
}
