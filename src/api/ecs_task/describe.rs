//! What ECS answers about tasks: DescribeTasks, ListTasks, and the task as JSON (the
//! shape RunTask, StartTask and StopTask also answer with).

use serde_json::{Map, Value};

use crate::json::{json, put};

use crate::api::ecs_cluster::{active_cluster, ecs_tags};
use crate::api::error::ApiError;
use crate::api::input::Input;
use crate::model::task::{Container, DesiredStatus, LaunchType, Task, TaskEni, TaskStatus};
use crate::model::time::Instant;
use crate::sim::world::{ecs_arn, World};
use crate::sim::Sim;

use super::{find_task, invalid};

pub fn describe_tasks(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let wanted = input.strings("tasks")?;
    if wanted.is_empty() {
        return Err(invalid("Tasks cannot be empty."));
    }
    if wanted.len() > 100 {
        return Err(invalid("tasks can have at most 100 items."));
    }
    let tags = input.strings("include")?.contains(&"TAGS");
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for raw in wanted {
        match find_task(&sim.world, &cluster, raw) {
            Some(t) => out.push(task_json(t, tags, sim.now())),
            None => {
                let arn = if raw.starts_with("arn:") {
                    raw.to_string()
                } else {
                    ecs_arn(&format!("task/{cluster}/{raw}"))
                };
                failures.push(json!({"arn": arn, "reason": "MISSING"}));
            }
        }
    }
    Ok(json!({ "tasks": out, "failures": failures }))
}

pub fn list_tasks(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let desired = input.str("desiredStatus")?.unwrap_or("RUNNING");
    if !matches!(desired, "RUNNING" | "PENDING" | "STOPPED") {
        return Err(ApiError::one_of(
            "desiredStatus",
            &["RUNNING", "PENDING", "STOPPED"],
        ));
    }
    // `Some(None)`: EXTERNAL, which no simulated task has.
    let launch_type = match input.str("launchType")? {
        None => None,
        Some(lt) => match LaunchType::parse(lt) {
            Some(t) => Some(Some(t)),
            None if lt == "EXTERNAL" => Some(None),
            None => {
                return Err(ApiError::one_of(
                    "launchType",
                    &["EC2", "FARGATE", "EXTERNAL"],
                ))
            }
        },
    };
    let ci = match input.str("containerInstance")? {
        None => None,
        Some(raw) => {
            let id = raw.rsplit('/').next().unwrap_or(raw);
            Some(
                sim.world
                    .container_instances()
                    .get(id)
                    .filter(|c| c.cluster == cluster)
                    .map(|c| c.id.clone())
                    .ok_or_else(|| invalid("The referenced container instance was not found."))?,
            )
        }
    };
    let family = input.str("family")?;
    let started_by = input.str("startedBy")?;
    let service = input
        .str("serviceName")?
        .map(|s| format!("service:{}", s.rsplit('/').next().unwrap_or(s)));
    let arns: Vec<&str> = World::by_creation(sim.world.tasks(), |t| t.created_seq)
        .into_iter()
        .filter(|t| t.cluster == cluster)
        .filter(|t| match desired {
            "RUNNING" => t.desired_status == DesiredStatus::Running,
            // ListTasks accepts PENDING, and documents that it returns no results.
            "PENDING" => false,
            _ => t.desired_status != DesiredStatus::Running,
        })
        .filter(|t| ci.as_deref().is_none_or(|c| c == t.container_instance_id))
        .filter(|t| family.is_none_or(|f| f == t.family))
        .filter(|t| started_by.is_none_or(|s| Some(s) == t.started_by.as_deref()))
        .filter(|t| service.as_ref().is_none_or(|g| *g == t.group))
        .filter(|t| launch_type.is_none_or(|l| l == Some(t.launch_type)))
        .map(|t| &*t.arn)
        .collect();
    Ok(json!({ "taskArns": arns }))
}

fn at(ms: Option<u64>) -> Option<String> {
    ms.map(|t| Instant(t).iso_cli())
}

/// A task as DescribeTasks returns it (keys in the order the CLI prints them).
pub fn task_json(t: &Task, with_tags: bool, now: u64) -> Value {
    let mut m = Map::new();
    let visible = |ms: Option<u64>| ms.filter(|t| *t <= now);
    put(
        &mut m,
        "attachments",
        Value::Array(t.eni.iter().map(attachment_json).collect()),
    );
    put(
        &mut m,
        "attributes",
        json!([{"name": "ecs.cpu-architecture", "value": t.cpu_architecture}]),
    );
    put(&mut m, "availabilityZone", json!(t.availability_zone));
    if let Some(p) = &t.capacity_provider {
        put(&mut m, "capacityProviderName", json!(p));
    }
    put(
        &mut m,
        "clusterArn",
        json!(ecs_arn(&format!("cluster/{}", t.cluster))),
    );
    let started = t.last_status >= TaskStatus::Running;
    if started && t.connectivity_at.is_some_and(|c| c <= now) {
        put(&mut m, "connectivity", json!("CONNECTED"));
        put(&mut m, "connectivityAt", json!(at(t.connectivity_at)));
    }
    if !t.container_instance_arn.is_empty() {
        put(
            &mut m,
            "containerInstanceArn",
            json!(t.container_instance_arn),
        );
    }
    put(
        &mut m,
        "containers",
        Value::Array(t.containers.iter().map(|c| container_json(t, c)).collect()),
    );
    put(&mut m, "cpu", json!(t.cpu));
    put(&mut m, "createdAt", json!(Instant(t.created_at).iso_cli()));
    put(&mut m, "desiredStatus", json!(t.desired_status.as_str()));
    put(&mut m, "enableExecuteCommand", json!(false));
    if let Some(gib) = t.ephemeral_storage_gib {
        put(&mut m, "ephemeralStorage", json!({ "sizeInGiB": gib }));
    }
    if let Some(v) = at(t
        .execution_stopped_at
        .filter(|e| *e <= now && t.last_status >= TaskStatus::Deprovisioning))
    {
        put(&mut m, "executionStoppedAt", json!(v));
    }
    put(&mut m, "group", json!(t.group));
    if started {
        put(&mut m, "healthStatus", json!("UNKNOWN"));
    }
    put(&mut m, "lastStatus", json!(t.last_status.as_str()));
    put(&mut m, "launchType", json!(t.launch_type.as_str()));
    put(&mut m, "memory", json!(t.memory));
    put(&mut m, "overrides", Value::clone(&t.overrides));
    if let Some(v) = &t.platform_version {
        put(&mut m, "platformFamily", json!("Linux"));
        put(&mut m, "platformVersion", json!(v));
    }
    if let Some(v) = at(visible(t.pull_started_at)) {
        put(&mut m, "pullStartedAt", json!(v));
    }
    if let Some(v) =
        at(visible(t.pull_stopped_at).filter(|_| t.last_status >= TaskStatus::Activating))
    {
        put(&mut m, "pullStoppedAt", json!(v));
    }
    if let Some(v) = at(t.started_at) {
        put(&mut m, "startedAt", json!(v));
    }
    if let Some(s) = &t.started_by {
        put(&mut m, "startedBy", json!(s));
    }
    if let Some(code) = t.stop_code {
        put(&mut m, "stopCode", json!(code.as_str()));
    }
    if let Some(v) = at(t.stopped_at) {
        put(&mut m, "stoppedAt", json!(v));
    }
    if let Some(r) = &t.stopped_reason {
        put(&mut m, "stoppedReason", json!(r));
    }
    if let Some(v) = at(t.stopping_at) {
        put(&mut m, "stoppingAt", json!(v));
    }
    put(
        &mut m,
        "tags",
        if with_tags {
            ecs_tags(&t.tags)
        } else {
            json!([])
        },
    );
    put(&mut m, "taskArn", json!(t.arn));
    put(&mut m, "taskDefinitionArn", json!(t.task_definition_arn));
    put(&mut m, "version", json!(t.version));
    Value::Object(m)
}

/// An awsvpc task's ENI attachment, as DescribeTasks shows it: the subnet at first, then the
/// interface's identity and address once it is attached.
fn attachment_json(n: &TaskEni) -> Value {
    let detail = |name: &str, value: String| json!({"name": name, "value": value});
    let mut details = vec![detail("subnetId", n.subnet_id.clone())];
    if let (Some(eni), Some(ip), Some(mac)) = (&n.eni_id, n.private_ip, &n.mac) {
        details.push(detail("networkInterfaceId", eni.clone()));
        details.push(detail("macAddress", mac.clone()));
        details.push(detail(
            "privateDnsName",
            crate::api::ec2_net::private_dns_name(ip),
        ));
        details.push(detail("privateIPv4Address", ip.to_string()));
    }
    json!({
        "id": n.attachment_id,
        "type": "ElasticNetworkInterface",
        "status": n.status.as_str(),
        "details": details
    })
}

fn container_json(t: &Task, c: &Container) -> Value {
    let mut m = Map::new();
    put(&mut m, "containerArn", json!(c.arn));
    put(&mut m, "taskArn", json!(t.arn));
    put(&mut m, "name", json!(c.name));
    put(&mut m, "image", json!(c.image));
    let started = t.last_status >= TaskStatus::Running;
    if started {
        put(&mut m, "runtimeId", json!(c.runtime_id));
    }
    put(&mut m, "lastStatus", json!(c.last_status.as_str()));
    if let Some(code) = c.exit_code {
        put(&mut m, "exitCode", json!(code));
    }
    if let Some(r) = &c.reason {
        put(&mut m, "reason", json!(r));
    }
    let bindings: Vec<Value> = if t.last_status >= TaskStatus::Running
        && t.last_status < TaskStatus::Stopped
    {
        c.network_bindings
            .iter()
            .map(|(cp, hp, proto)| json!({"bindIP": "0.0.0.0", "containerPort": cp, "hostPort": hp, "protocol": proto}))
            .collect()
    } else {
        Vec::new()
    };
    if started {
        put(&mut m, "networkBindings", Value::Array(bindings));
    }
    let interfaces: Vec<Value> = t
        .eni
        .iter()
        .filter_map(|n| {
            n.private_ip.map(
                |ip| json!({"attachmentId": n.attachment_id, "privateIpv4Address": ip.to_string()}),
            )
        })
        .collect();
    put(&mut m, "networkInterfaces", Value::Array(interfaces));
    if started {
        put(&mut m, "healthStatus", json!("UNKNOWN"));
    }
    put(&mut m, "cpu", json!(c.cpu.to_string()));
    if let Some(mem) = c.memory {
        put(&mut m, "memory", json!(mem.to_string()));
    }
    if let Some(mem) = c.memory_reservation {
        put(&mut m, "memoryReservation", json!(mem.to_string()));
    }
    Value::Object(m)
}
