//! ECS cluster, container instance, attribute and account-setting operations.

use serde_json::{Map, Value};

use crate::json::{json, put};

use super::capacity;
use super::error::ApiError;
use super::input::Input;
use crate::model::catalog::AGENT_HASH;
use crate::model::ecs::{ClusterStatus, ContainerInstance, ContainerInstanceStatus};
use crate::model::task::TaskStatus;
use crate::model::time::Instant;
use crate::model::Tag;
use crate::placement::query;
use crate::sim::agent;
use crate::sim::log::What;
use crate::sim::world::{caller_arn, ecs_arn, World};
use crate::sim::Sim;

/// The most custom attributes a container instance may carry.
const MAX_CUSTOM_ATTRIBUTES: usize = 10;

/// The cluster a request names (`--cluster` takes a name or an ARN; `default` when absent).
pub fn cluster_name<'a>(input: &Input<'a>) -> Result<&'a str, ApiError> {
    let raw = input.str("cluster")?.unwrap_or("default");
    Ok(name_from_arn(raw, "cluster/"))
}

fn name_from_arn<'a>(raw: &'a str, marker: &str) -> &'a str {
    if raw.starts_with("arn:") {
        raw.rsplit_once(marker).map_or(raw, |(_, n)| n)
    } else {
        raw
    }
}

/// The active cluster a request names, or ClusterNotFoundException.
pub fn active_cluster(sim: &Sim, input: &Input) -> Result<String, ApiError> {
    let name = cluster_name(input)?;
    sim.world
        .cluster_active(name)
        .map(|c| c.name.clone())
        .ok_or_else(ApiError::cluster_not_found)
}

/// ECS's own wording for a value outside an enum: `status should be one of [ACTIVE,DRAINING]`.
pub fn ecs_tags(tags: &[Tag]) -> Value {
    Value::Array(
        tags.iter()
            .map(|t| json!({"key": t.key, "value": t.value}))
            .collect(),
    )
}

pub(crate) fn parse_ecs_tags(input: &Input) -> Result<Vec<Tag>, ApiError> {
    let mut tags = Vec::new();
    for t in input.list("tags")? {
        let key = t.str("key")?.unwrap_or_default();
        let value = t.str("value")?.unwrap_or_default();
        if key.is_empty() || key.len() > 128 || value.len() > 256 {
            return Err(ApiError::invalid_parameter(
                "Tag keys must be 1-128 characters and values at most 256 characters.",
            ));
        }
        tags.push(Tag {
            key: key.into(),
            value: value.into(),
        });
    }
    if tags.len() > 50 {
        return Err(ApiError::invalid_parameter(
            "The maximum number of tags is 50.",
        ));
    }
    Ok(tags)
}

/// What DescribeClusters adds on request (`--include`); CreateCluster shows tags and settings.
#[derive(Debug, Clone, Copy, Default)]
struct Include {
    tags: bool,
    settings: bool,
    statistics: bool,
}

const ALL: Include = Include {
    tags: true,
    settings: true,
    statistics: false,
};

fn cluster_json(world: &World, name: &str) -> Value {
    cluster_json_with(world, name, ALL)
}

fn cluster_json_with(world: &World, name: &str, include: Include) -> Value {
    let Some(c) = world.clusters.get(name) else {
        return Value::Null;
    };
    let live = |ci: &&ContainerInstance| {
        ci.cluster == c.name
            && matches!(
                ci.status,
                ContainerInstanceStatus::Active | ContainerInstanceStatus::Draining
            )
    };
    let registered = world
        .container_instances()
        .values()
        .map(Box::as_ref)
        .filter(live)
        .count();
    // The cluster counts tasks by lastStatus (its instances count by desiredStatus).
    let in_state = |status: TaskStatus, fargate: Option<bool>| {
        world
            .tasks()
            .values()
            .filter(|t| t.cluster == c.name && t.last_status == status)
            .filter(|t| fargate.is_none_or(|f| f == (t.launch_type.is_fargate())))
            .count() as u32
    };
    let (running, pending) = (
        in_state(TaskStatus::Running, None),
        in_state(TaskStatus::Pending, None),
    );
    let statistics = if include.statistics {
        let stat = |n: &str, v: u32| json!({"name": n, "value": v.to_string()});
        json!([
            stat(
                "runningEC2TasksCount",
                in_state(TaskStatus::Running, Some(false))
            ),
            stat(
                "runningFargateTasksCount",
                in_state(TaskStatus::Running, Some(true))
            ),
            stat(
                "pendingEC2TasksCount",
                in_state(TaskStatus::Pending, Some(false))
            ),
            stat(
                "pendingFargateTasksCount",
                in_state(TaskStatus::Pending, Some(true))
            ),
            stat("activeEC2ServiceCount", 0),
            stat("activeFargateServiceCount", 0),
            stat("drainingEC2ServiceCount", 0),
            stat("drainingFargateServiceCount", 0),
        ])
    } else {
        json!([])
    };
    let tags = if include.tags {
        ecs_tags(&c.tags)
    } else {
        json!([])
    };
    let settings: Vec<Value> = if include.settings {
        c.settings
            .iter()
            .map(|(n, v)| json!({"name": n, "value": v}))
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "clusterArn": c.arn,
        "clusterName": c.name,
        "status": c.status.as_str(),
        "registeredContainerInstancesCount": if c.status == ClusterStatus::Active { registered } else { 0 },
        "runningTasksCount": running,
        "pendingTasksCount": pending,
        "activeServicesCount": world.services().values().filter(|s| s.cluster == c.name && s.status == crate::model::service::ServiceStatus::Active).count(),
        "statistics": statistics,
        "tags": tags,
        "settings": settings,
        "capacityProviders": c.capacity_providers,
        "defaultCapacityProviderStrategy": capacity::strategy_json(&c.default_strategy)
    })
}

fn valid_cluster_name(name: &str) -> bool {
    (1..=255).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub fn create_cluster(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.str("clusterName")?.unwrap_or("default");
    if !valid_cluster_name(name) {
        return Err(ApiError::invalid_parameter(
            "Invalid cluster name. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.",
        ));
    }
    let tags = parse_ecs_tags(input)?;
    let mut settings = Vec::new();
    for s in input.list("settings")? {
        let n = s.str("name")?.unwrap_or_default();
        let v = s.str("value")?.unwrap_or_default();
        if n != "containerInsights" || !["enabled", "disabled", "enhanced"].contains(&v) {
            return Err(ApiError::invalid_parameter(format!(
                "Cluster setting '{n}={v}' is invalid: the only setting is containerInsights, with value enabled, enhanced or disabled."
            )));
        }
        settings.push((n.to_string(), v.to_string()));
    }
    let providers = capacity::parse_providers(input)?;
    let strategy = capacity::parse_strategy(input, "defaultCapacityProviderStrategy", &providers)?;
    // CreateCluster is idempotent for an ACTIVE cluster of the same name.
    if sim.world.cluster_active(name).is_none() {
        agent::create_cluster(sim, name, tags, settings);
        if let Some(c) = sim.world.clusters.get_mut(name) {
            c.capacity_providers = providers;
            c.default_strategy = strategy;
        }
    }
    Ok(json!({ "cluster": cluster_json(&sim.world, name) }))
}

/// PutClusterCapacityProviders: replaces the cluster's providers and default strategy.
pub fn put_cluster_capacity_providers(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let providers = capacity::parse_providers(input)?;
    let strategy = capacity::parse_strategy(input, "defaultCapacityProviderStrategy", &providers)?;
    let c = sim
        .world
        .clusters
        .get_mut(&cluster)
        .ok_or_else(ApiError::cluster_not_found)?;
    c.capacity_providers = providers;
    c.default_strategy = strategy;
    let (arn, capacity_providers) = (c.arn.clone(), c.capacity_providers.clone());
    sim.record(What::ClusterCapacityProvidersChanged {
        cluster: cluster.as_str().into(),
        cluster_arn: arn.into(),
        capacity_providers,
    });
    Ok(json!({ "cluster": cluster_json(&sim.world, &cluster) }))
}

pub fn describe_clusters(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let mut names = input.strings("clusters")?;
    if names.is_empty() {
        names.push("default");
    }
    if names.len() > 100 {
        return Err(ApiError::invalid_parameter(
            "The number of clusters must be at most 100.",
        ));
    }
    let mut include = Include::default();
    for item in input.strings("include")? {
        match item {
            "TAGS" => include.tags = true,
            "SETTINGS" => include.settings = true,
            "STATISTICS" => include.statistics = true,
            // Attachments and configurations belong to capacity providers and Exec, which the
            // sandbox does not model: accepted, adding nothing.
            "ATTACHMENTS" | "CONFIGURATIONS" => {}
            _ => {
                return Err(ApiError::one_of(
                    "include",
                    &[
                        "ATTACHMENTS",
                        "CONFIGURATIONS",
                        "SETTINGS",
                        "STATISTICS",
                        "TAGS",
                    ],
                ))
            }
        }
    }
    let mut clusters = Vec::new();
    let mut failures = Vec::new();
    for raw in names {
        let name = name_from_arn(raw, "cluster/");
        if sim.world.clusters.contains_key(name) {
            clusters.push(cluster_json_with(&sim.world, name, include));
        } else {
            failures.push(json!({"arn": ecs_arn(&format!("cluster/{name}")), "reason": "MISSING"}));
        }
    }
    Ok(json!({ "clusters": clusters, "failures": failures }))
}

pub fn list_clusters(sim: &mut Sim, _input: &Input) -> Result<Value, ApiError> {
    let arns: Vec<&str> = World::by_creation(&sim.world.clusters, |c| c.created_seq)
        .into_iter()
        .filter(|c| c.status == ClusterStatus::Active)
        .map(|c| c.arn.as_str())
        .collect();
    Ok(json!({ "clusterArns": arns }))
}

pub fn delete_cluster(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let raw = input.req_str("cluster", || {
        ApiError::invalid_parameter("cluster is required")
    })?;
    let name = name_from_arn(raw, "cluster/").to_string();
    if sim.world.cluster_active(&name).is_none() {
        return Err(ApiError::cluster_not_found());
    }
    let busy = sim.world.container_instances().values().any(|ci| {
        ci.cluster == name
            && matches!(
                ci.status,
                ContainerInstanceStatus::Active | ContainerInstanceStatus::Draining
            )
    });
    if busy {
        return Err(ApiError::new(
            "ClusterContainsContainerInstancesException",
            "The Cluster cannot be deleted while Container Instances are active or draining.",
        ));
    }
    let services =
        sim.world.services().values().any(|s| {
            s.cluster == name && s.status != crate::model::service::ServiceStatus::Inactive
        });
    if services {
        return Err(ApiError::new(
            "ClusterContainsServicesException",
            "The Cluster cannot be deleted while Services are active.",
        ));
    }
    if let Some(c) = sim.world.clusters.get_mut(&name) {
        c.status = ClusterStatus::Inactive;
    }
    let arn = ecs_arn(&format!("cluster/{name}"));
    sim.record(What::ClusterDeleted {
        cluster: name.as_str().into(),
        cluster_arn: arn.into(),
    });
    Ok(json!({ "cluster": cluster_json(&sim.world, &name) }))
}

// ---- Container instances --------------------------------------------------------------------

fn resource(name: &str, int: u32) -> Value {
    json!({"name": name, "type": "INTEGER", "doubleValue": 0.0, "longValue": 0, "integerValue": int})
}

fn port_set(name: &str, ports: impl Iterator<Item = u16>) -> Value {
    let ports: Vec<String> = ports.map(|p| p.to_string()).collect();
    json!({"name": name, "type": "STRINGSET", "doubleValue": 0.0, "longValue": 0, "integerValue": 0, "stringSetValue": ports})
}

pub fn attribute_json(a: &crate::model::ecs::Attribute) -> Value {
    match &a.value {
        Some(v) => json!({"name": a.name, "value": v}),
        None => json!({"name": a.name}),
    }
}

pub fn container_instance_json(ci: &ContainerInstance) -> Value {
    let mut m = Map::new();
    put(&mut m, "containerInstanceArn", json!(ci.arn));
    put(&mut m, "ec2InstanceId", json!(ci.ec2_instance_id));
    put(&mut m, "version", json!(ci.version));
    put(
        &mut m,
        "versionInfo",
        json!({"agentVersion": ci.agent_version, "agentHash": AGENT_HASH, "dockerVersion": ci.docker_version}),
    );
    put(
        &mut m,
        "remainingResources",
        json!([
            resource("CPU", ci.remaining_cpu_units()),
            resource("MEMORY", ci.remaining_memory_mib()),
            port_set(
                "PORTS",
                ci.reserved_tcp_ports
                    .iter()
                    .chain(&ci.task_tcp_ports)
                    .copied()
            ),
            port_set(
                "PORTS_UDP",
                ci.reserved_udp_ports
                    .iter()
                    .chain(&ci.task_udp_ports)
                    .copied()
            ),
        ]),
    );
    put(
        &mut m,
        "registeredResources",
        json!([
            resource("CPU", ci.cpu_units),
            resource("MEMORY", ci.memory_mib),
            port_set("PORTS", ci.reserved_tcp_ports.iter().copied()),
            port_set("PORTS_UDP", ci.reserved_udp_ports.iter().copied()),
        ]),
    );
    put(&mut m, "status", json!(ci.status.as_str()));
    put(&mut m, "agentConnected", json!(ci.agent_connected));
    put(&mut m, "runningTasksCount", json!(ci.running_tasks_count));
    put(&mut m, "pendingTasksCount", json!(ci.pending_tasks_count));
    put(
        &mut m,
        "attributes",
        Value::Array(ci.attributes.iter().map(attribute_json).collect()),
    );
    put(
        &mut m,
        "registeredAt",
        json!(Instant(ci.registered_at).iso_cli()),
    );
    put(&mut m, "attachments", json!([]));
    put(&mut m, "tags", ecs_tags(&ci.tags));
    Value::Object(m)
}

/// Resolves `--container-instances` items (IDs or ARNs) within a cluster.
fn find_container_instance<'a>(
    world: &'a World,
    cluster: &str,
    raw: &str,
) -> Option<&'a ContainerInstance> {
    let id = name_from_arn(raw, "/");
    world
        .container_instances()
        .get(id)
        .map(Box::as_ref)
        .filter(|ci| ci.cluster == cluster)
}

fn missing_failure(cluster: &str, raw: &str) -> Value {
    let arn = if raw.starts_with("arn:") {
        raw.to_string()
    } else {
        ecs_arn(&format!("container-instance/{cluster}/{raw}"))
    };
    json!({"arn": arn, "reason": "MISSING"})
}

pub fn list_container_instances(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let status = match input.str("status")? {
        None => None,
        Some(s) => Some(
            ContainerInstanceStatus::parse(s)
                .filter(|st| *st != ContainerInstanceStatus::Inactive)
                .ok_or_else(|| {
                    ApiError::one_of(
                        "status",
                        &[
                            "ACTIVE",
                            "DRAINING",
                            "REGISTERING",
                            "DEREGISTERING",
                            "REGISTRATION_FAILED",
                        ],
                    )
                })?,
        ),
    };
    let filter = match input.str("filter")? {
        None => None,
        Some(text) => Some(query::parse(text).map_err(|e| ApiError::invalid_parameter(e.message))?),
    };
    let arns: Vec<&str> = World::by_creation(sim.world.container_instances(), |c| c.created_seq)
        .into_iter()
        .filter(|ci| ci.cluster == cluster)
        .filter(|ci| match status {
            Some(s) => ci.status == s,
            None => ci.status != ContainerInstanceStatus::Inactive,
        })
        .filter(|ci| {
            filter
                .as_ref()
                .is_none_or(|f| f.eval(&crate::placement::facts::InstanceFacts::from_instance(ci)))
        })
        .map(|ci| ci.arn.as_str())
        .collect();
    Ok(json!({ "containerInstanceArns": arns }))
}

pub fn describe_container_instances(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let wanted = input.strings("containerInstances")?;
    if wanted.is_empty() {
        return Err(ApiError::invalid_parameter(
            "Container instances cannot be empty.",
        ));
    }
    if wanted.len() > 100 {
        return Err(ApiError::invalid_parameter(
            "The number of container instances must be at most 100.",
        ));
    }
    let mut found = Vec::new();
    let mut failures = Vec::new();
    for raw in wanted {
        match find_container_instance(&sim.world, &cluster, raw) {
            Some(ci) => found.push(container_instance_json(ci)),
            None => failures.push(missing_failure(&cluster, raw)),
        }
    }
    Ok(json!({ "containerInstances": found, "failures": failures }))
}

pub fn update_container_instances_state(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let wanted = input.strings("containerInstances")?;
    let status_text = input.req_str("status", || {
        ApiError::invalid_parameter("status is required")
    })?;
    let status = match status_text {
        "ACTIVE" => ContainerInstanceStatus::Active,
        "DRAINING" => ContainerInstanceStatus::Draining,
        _ => return Err(ApiError::one_of("status", &["ACTIVE", "DRAINING"])),
    };
    if wanted.len() > 10 {
        return Err(ApiError::invalid_parameter(
            "instanceIds can have at most 10 items.",
        ));
    }
    let mut ids = Vec::new();
    let mut failures = Vec::new();
    for raw in wanted {
        match find_container_instance(&sim.world, &cluster, raw) {
            Some(ci)
                if matches!(
                    ci.status,
                    ContainerInstanceStatus::Active | ContainerInstanceStatus::Draining
                ) =>
            {
                ids.push(ci.id.clone())
            }
            Some(ci) => failures.push(json!({"arn": ci.arn, "reason": "INACTIVE"})),
            None => failures.push(missing_failure(&cluster, raw)),
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let changed = sim.world.change_container_instance(&id, |ci| {
            if ci.status != status {
                ci.status = status;
                ci.version += 1;
            }
            ci.id.clone()
        });
        if let Some(ci_id) = changed {
            let Some(ci) = sim.world.container_instances().get(&ci_id) else {
                continue;
            };
            let (arn, ec2) = (ci.arn.clone(), ci.ec2_instance_id.clone());
            out.push(container_instance_json(ci));
            sim.record(What::ContainerInstanceStateChanged {
                container_instance_arn: arn.into(),
                ec2_instance_id: ec2.into(),
                status,
            });
        }
    }
    Ok(json!({ "containerInstances": out, "failures": failures }))
}

pub fn deregister_container_instance(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let raw = input.req_str("containerInstance", || {
        ApiError::invalid_parameter("containerInstance is required")
    })?;
    let force = input.bool("force")?.unwrap_or(false);
    let ci = find_container_instance(&sim.world, &cluster, raw)
        .filter(|ci| ci.status != ContainerInstanceStatus::Inactive)
        .ok_or_else(|| {
            ApiError::invalid_parameter("The referenced container instance was not found.")
        })?;
    if !force && ci.running_tasks_count + ci.pending_tasks_count > 0 {
        return Err(ApiError::invalid_parameter(
            "Found running tasks on the instance.",
        ));
    }
    let id = ci.id.clone();
    if force {
        crate::sim::task::stop_all_on(
            sim,
            &id,
            None,
            "Container instance deregistration forced by user",
        );
    }
    sim.world
        .change_container_instance(&id, |ci| {
            ci.status = ContainerInstanceStatus::Inactive;
            ci.agent_connected = false;
            ci.version += 1;
        })
        .ok_or_else(ApiError::cluster_not_found)?;
    agent::detach_trunk(sim, &id);
    let Some(ci) = sim.world.container_instances().get(&id) else {
        return Err(ApiError::cluster_not_found());
    };
    let (arn, ec2) = (ci.arn.clone(), ci.ec2_instance_id.clone());
    let out = container_instance_json(ci);
    sim.record(What::ContainerInstanceDeregistered {
        container_instance_arn: arn.into(),
        ec2_instance_id: ec2.into(),
        cluster: cluster.as_str().into(),
    });
    Ok(json!({ "containerInstance": out }))
}

// ---- Attributes -----------------------------------------------------------------------------

fn valid_attr_name(n: &str) -> bool {
    (1..=128).contains(&n.len())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/\\.".contains(c))
}

fn valid_attr_value(v: &str) -> bool {
    (1..=128).contains(&v.len())
        && v.trim() == v
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@/\\: ".contains(c))
}

/// Resolves each attribute's target to a container instance ID, validating everything first.
fn attribute_targets(
    sim: &Sim,
    cluster: &str,
    input: &Input,
) -> Result<Vec<(String, String, Option<String>)>, ApiError> {
    let items = input.list("attributes")?;
    if items.is_empty() {
        return Err(ApiError::invalid_parameter("Attributes cannot be empty."));
    }
    let mut out = Vec::new();
    for a in items {
        let name = a.str("name")?.unwrap_or_default();
        let value = a.str("value")?;
        if !valid_attr_name(name) {
            return Err(ApiError::invalid_parameter(format!(
                "Attribute name '{name}' is invalid: use 1-128 letters, numbers, hyphens, underscores, slashes, backslashes or periods."
            )));
        }
        if let Some(v) = value {
            if !valid_attr_value(v) {
                return Err(ApiError::invalid_parameter(format!(
                    "Attribute value '{v}' is invalid: use 1-128 letters, numbers, hyphens, underscores, periods, at signs, slashes, backslashes, colons or spaces, with no leading or trailing whitespace."
                )));
            }
        }
        let target_type = a.str("targetType")?.unwrap_or("container-instance");
        if target_type != "container-instance" {
            return Err(ApiError::invalid_parameter(
                "targetType must be container-instance.",
            ));
        }
        let target = a
            .str("targetId")?
            .ok_or_else(|| ApiError::invalid_parameter("targetId is required."))?;
        let ci = find_container_instance(&sim.world, cluster, target).ok_or_else(|| {
            ApiError::new(
                "TargetNotFoundException",
                format!("Could not find {target}."),
            )
        })?;
        out.push((ci.id.clone(), name.to_string(), value.map(str::to_string)));
    }
    Ok(out)
}

pub fn put_attributes(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let targets = attribute_targets(sim, &cluster, input)?;
    // Check the per-instance limit on custom attributes before changing anything.
    for (id, _, _) in &targets {
        let ci = &sim.world.container_instances()[id];
        let mut names: Vec<&str> = ci
            .attributes
            .iter()
            .filter(|a| is_custom(&a.name))
            .map(|a| a.name.as_str())
            .collect();
        names.extend(
            targets
                .iter()
                .filter(|(t, _, _)| t == id)
                .map(|(_, n, _)| n.as_str()),
        );
        crate::sort::sort(&mut names);
        names.dedup();
        if names.len() > MAX_CUSTOM_ATTRIBUTES {
            return Err(ApiError::new(
                "AttributeLimitExceededException",
                format!("You can apply up to {MAX_CUSTOM_ATTRIBUTES} custom attributes for each resource."),
            ));
        }
    }
    let mut out = Vec::new();
    for (id, name, value) in targets {
        let echo = sim.world.change_container_instance(&id, |ci| {
            match ci.attributes.iter_mut().find(|a| a.name == name) {
                Some(a) => a.value = value.clone(),
                None => ci.attributes.push(crate::model::ecs::Attribute {
                    name: name.clone(),
                    value: value.clone(),
                }),
            }
            ci.version += 1;
            ci.attributes_epoch += 1;
            attribute_echo(&name, value.as_deref(), &ci.arn)
        });
        out.extend(echo);
    }
    Ok(json!({ "attributes": out }))
}

/// An attribute as Put/Delete/ListAttributes return it: name, value (when set), targetId.
fn attribute_echo(name: &str, value: Option<&str>, target: &str) -> Value {
    let mut m = Map::new();
    put(&mut m, "name", json!(name));
    if let Some(v) = value {
        put(&mut m, "value", json!(v));
    }
    put(&mut m, "targetId", json!(target));
    Value::Object(m)
}

fn is_custom(name: &str) -> bool {
    !name.starts_with("ecs.") && !name.starts_with("com.amazonaws.ecs.")
}

pub fn delete_attributes(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let targets = attribute_targets(sim, &cluster, input)?;
    let mut out = Vec::new();
    for (id, name, _) in targets {
        let echo = sim.world.change_container_instance(&id, |ci| {
            // ECS echoes the value the attribute had.
            let old = ci
                .attributes
                .iter()
                .find(|a| a.name == name)
                .and_then(|a| a.value.clone());
            ci.attributes.retain(|a| a.name != name);
            ci.version += 1;
            ci.attributes_epoch += 1;
            attribute_echo(&name, old.as_deref(), &ci.arn)
        });
        out.extend(echo);
    }
    Ok(json!({ "attributes": out }))
}

pub fn list_attributes(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let target_type = input.req_str("targetType", || {
        ApiError::invalid_parameter("targetType is required.")
    })?;
    if target_type != "container-instance" {
        return Err(ApiError::invalid_parameter(
            "targetType must be container-instance.",
        ));
    }
    let name = input.str("attributeName")?;
    let value = input.str("attributeValue")?;
    if value.is_some() && name.is_none() {
        return Err(ApiError::invalid_parameter(
            "Attribute name must be specified when attribute value is specified.",
        ));
    }
    let mut out = Vec::new();
    for ci in World::by_creation(sim.world.container_instances(), |c| c.created_seq) {
        if ci.cluster != cluster || ci.status == ContainerInstanceStatus::Inactive {
            continue;
        }
        for a in &ci.attributes {
            if name.is_some_and(|n| n != a.name)
                || value.is_some_and(|v| Some(v) != a.value.as_deref())
            {
                continue;
            }
            out.push(attribute_echo(&a.name, a.value.as_deref(), &ci.arn));
        }
    }
    Ok(json!({ "attributes": out }))
}

// ---- Account settings -----------------------------------------------------------------------

const SETTING_VALUES: &[(&str, &[&str])] = &[
    ("awsvpcTrunking", &["enabled", "disabled"]),
    ("containerInsights", &["enabled", "disabled", "enhanced"]),
    ("containerInstanceLongArnFormat", &["enabled", "disabled"]),
    ("defaultLogDriverMode", &["blocking", "non-blocking"]),
    ("dualStackIPv6", &["enabled", "disabled"]),
    ("fargateEventWindows", &["enabled", "disabled"]),
    ("fargateFIPSMode", &["enabled", "disabled"]),
    ("fargateTaskRetirementWaitPeriod", &["0", "7", "14"]),
    ("guardDutyActivate", &["on", "off"]),
    ("serviceLongArnFormat", &["enabled", "disabled"]),
    ("tagResourceAuthorization", &["on", "off"]),
    ("taskLongArnFormat", &["enabled", "disabled"]),
];

fn setting_names() -> Vec<&'static str> {
    SETTING_VALUES.iter().map(|(n, _)| *n).collect()
}

fn check_setting<'a>(input: &Input<'a>) -> Result<(&'a str, &'a str), ApiError> {
    let name = input.req_str("name", || ApiError::invalid_parameter("name is required"))?;
    let value = input.req_str("value", || ApiError::invalid_parameter("value is required"))?;
    let Some((_, values)) = SETTING_VALUES.iter().find(|(n, _)| *n == name) else {
        return Err(ApiError::one_of("name", &setting_names()));
    };
    if name == "guardDutyActivate" {
        return Err(ApiError::invalid_parameter(
            "guardDutyActivate is managed by GuardDuty and cannot be changed with ECS account settings.",
        ));
    }
    if !values.contains(&value) {
        return Err(ApiError::one_of("value", values));
    }
    Ok((name, value))
}

/// `guardDutyActivate` is set by GuardDuty, so ECS reports it as AWS-managed.
fn setting_json(name: &str, value: &str, principal: &str) -> Value {
    let kind = if name == "guardDutyActivate" {
        "aws_managed"
    } else {
        "user"
    };
    json!({"name": name, "value": value, "principalArn": principal, "type": kind})
}

pub fn put_account_setting(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let (name, value) = check_setting(input)?;
    let principal = input
        .str("principalArn")?
        .map_or_else(caller_arn, str::to_string);
    if !principal.starts_with("arn:aws:iam::") {
        return Err(ApiError::invalid_parameter(format!(
            "The principal ARN '{principal}' is invalid."
        )));
    }
    // The root user's setting is also the default for every user and role without their own.
    if principal == caller_arn() {
        sim.world
            .account_settings
            .defaults
            .insert(name.into(), value.into());
    }
    sim.world
        .account_settings
        .by_principal
        .entry(principal.clone())
        .or_default()
        .insert(name.into(), value.into());
    sim.record(What::AccountSettingChanged {
        name: name.into(),
        value: value.into(),
        principal: Some(principal.as_str().into()),
    });
    Ok(json!({ "setting": setting_json(name, value, &principal) }))
}

pub fn put_account_setting_default(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let (name, value) = check_setting(input)?;
    sim.world
        .account_settings
        .defaults
        .insert(name.into(), value.into());
    sim.record(What::AccountSettingChanged {
        name: name.into(),
        value: value.into(),
        principal: None,
    });
    Ok(json!({ "setting": setting_json(name, value, &caller_arn()) }))
}

/// Without `--effective-settings`, only the settings set for the principal itself; with it,
/// every setting's effective value, inherited ones shown as the root user's.
pub fn list_account_settings(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.str("name")?;
    let value = input.str("value")?;
    if value.is_some() && name.is_none() {
        return Err(ApiError::invalid_parameter(
            "The value filter can only be used together with a setting name.",
        ));
    }
    if let Some(n) = name {
        if !SETTING_VALUES.iter().any(|(known, _)| *known == n) {
            return Err(ApiError::one_of("name", &setting_names()));
        }
    }
    let effective = input.bool("effectiveSettings")?.unwrap_or(false);
    let principal = input
        .str("principalArn")?
        .map_or_else(caller_arn, str::to_string);
    let settings = &sim.world.account_settings;
    let own = settings.by_principal.get(&principal);
    let mut out = Vec::new();
    for (n, _) in SETTING_VALUES {
        if name.is_some_and(|w| w != *n) {
            continue;
        }
        let shown = match own.and_then(|m| m.get(*n)) {
            Some(v) => Some((v.as_str(), principal.clone())),
            None if effective => settings
                .defaults
                .get(*n)
                .map(|v| (v.as_str(), caller_arn())),
            None => None,
        };
        if let Some((v, arn)) = shown {
            if value.is_none_or(|w| w == v) {
                out.push(setting_json(n, v, &arn));
            }
        }
    }
    Ok(json!({ "settings": out }))
}
