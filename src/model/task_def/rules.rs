//! The rules that need the whole parsed definition (EC2 task cpu, awsvpc, Fargate's size table
//! and unsupported parameters, execution role, container sums, references), in ECS's order.

use super::parse::is_set;
use super::types::{
    container_reserved_mib, log_driver, ContainerDefinition, NetworkMode, Result, TaskDefError,
    TaskDefinition, EC2_TASK_CPU_RANGE, FARGATE_LOG_DRIVERS, FARGATE_MAX_STOP_TIMEOUT_SECONDS,
};
use serde_json::Value;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// The Fargate task-size table (ECS-REFERENCE §4.1)
// ---------------------------------------------------------------------------------------------

/// The memory sizes (MiB) Fargate offers for a task cpu value; empty when `cpu_units` is not a
/// Fargate cpu size.
pub fn fargate_memory_options_mib(cpu_units: u32) -> Vec<u32> {
    let (first, last, step) = match cpu_units {
        256 => return vec![512, 1024, 2048],
        512 => (1024, 4096, 1024),
        1024 => (2048, 8192, 1024),
        2048 => (4096, 16384, 1024),
        4096 => (8192, 30720, 1024),
        8192 => (16384, 61440, 4096),
        16384 => (32768, 122_880, 8192),
        _ => return Vec::new(),
    };
    (first..=last).step_by(step).collect()
}

/// Whether Fargate offers a task of `cpu_units` CPU and `memory_mib` memory.
pub fn is_valid_fargate_size(cpu_units: u32, memory_mib: u32) -> bool {
    fargate_memory_options_mib(cpu_units).contains(&memory_mib)
}

// ---------------------------------------------------------------------------------------------
// The rules that need the whole definition
// ---------------------------------------------------------------------------------------------

/// The rules that need the whole parsed definition, in order.
pub(super) fn check_task_rules(td: &TaskDefinition) -> Result<()> {
    check_ec2_task_cpu(td)?;
    check_awsvpc_container_rules(td)?;
    if td.requires_fargate() {
        check_fargate_rules(td)?;
    }
    check_container_memory(td)?;
    check_container_sums(td)?;
    check_references(td)?;
    check_secrets_need_execution_role(td)?;
    check_efs_volumes(td)?;
    check_ephemeral_storage(td)
}

/// The rules that bind an `efsVolumeConfiguration` (ECS-REFERENCE.md §9.1): an access point
/// and IAM authorization each need transit encryption, and an access point sets the root
/// directory itself (the volume's must be `/` or absent). ECS documents the rules, not their
/// sentences: the sentences are ours.
fn check_efs_volumes(td: &TaskDefinition) -> Result<()> {
    for v in &td.volumes {
        let Some(c) = &v.efs_volume_configuration else {
            continue;
        };
        let name = &v.name;
        let s = |k: &str| c.get(k).and_then(|x| x.as_str());
        let auth = c.get("authorizationConfig");
        let a = |k: &str| auth.and_then(|x| x.get(k)).and_then(|x| x.as_str());
        let encrypted = s("transitEncryption") == Some("ENABLED");
        for (field, value) in [
            ("transitEncryption", s("transitEncryption")),
            ("iam", a("iam")),
        ] {
            if let Some(value) = value.filter(|v| !matches!(*v, "ENABLED" | "DISABLED")) {
                return Err(TaskDefError::client(format!(
                    "Volume '{name}': {field} must be ENABLED or DISABLED, not '{value}'."
                )));
            }
        }
        if a("iam") == Some("ENABLED") && !encrypted {
            return Err(TaskDefError::client(format!(
                "Volume '{name}': IAM authorization requires transitEncryption to be ENABLED."
            )));
        }
        if a("accessPointId").is_some() {
            if !encrypted {
                return Err(TaskDefError::client(format!(
                    "Volume '{name}': an access point requires transitEncryption to be ENABLED."
                )));
            }
            if s("rootDirectory").is_some_and(|r| !r.is_empty() && r != "/") {
                return Err(TaskDefError::client(format!(
                    "Volume '{name}': rootDirectory must be omitted or '/' when an access point \
                     is used (the access point sets the root directory)."
                )));
            }
        }
        if c.get("transitEncryptionPort").is_some() && !encrypted {
            return Err(TaskDefError::client(format!(
                "Volume '{name}': transitEncryptionPort can be set only when transitEncryption \
                 is ENABLED."
            )));
        }
    }
    Ok(())
}

/// Ephemeral storage is a Fargate feature (EC2 tasks use the instance's disk).
fn check_ephemeral_storage(td: &TaskDefinition) -> Result<()> {
    if td.ephemeral_storage.is_some() && !td.requires_fargate() {
        // Our wording.
        return Err(TaskDefError::client(
            "Ephemeral storage is only supported for task definitions that require FARGATE compatibility.",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Task-level rules
// ---------------------------------------------------------------------------------------------

fn task_cpu(td: &TaskDefinition) -> Option<u32> {
    td.cpu.as_deref().and_then(|c| c.parse().ok())
}

fn task_memory(td: &TaskDefinition) -> Option<u32> {
    td.memory.as_deref().and_then(|m| m.parse().ok())
}

/// EC2/EXTERNAL: task-level cpu, when given, is 128..=196608 units [doc]. Fargate definitions
/// are held to the stricter Fargate table instead.
fn check_ec2_task_cpu(td: &TaskDefinition) -> Result<()> {
    let (min, max) = EC2_TASK_CPU_RANGE;
    match task_cpu(td) {
        Some(cpu) if !td.requires_fargate() && !(min..=max).contains(&cpu) => {
            Err(TaskDefError::client("Invalid 'cpu' setting for task."))
        }
        _ => Ok(()),
    }
}

/// Every rule ECS applies when a definition is validated for Fargate (ECS-REFERENCE §4, §8.1).
/// Used both for `requiresCompatibilities: ["FARGATE"]` and to decide whether an awsvpc
/// definition is also Fargate-compatible.
pub(super) fn check_fargate_rules(td: &TaskDefinition) -> Result<()> {
    check_fargate_size(td)?;
    check_fargate_unsupported_task_params(td)?;
    for container in &td.container_definitions {
        check_fargate_unsupported_container_params(container)?;
    }
    check_fargate_execution_role(td)
}

fn check_fargate_size(td: &TaskDefinition) -> Result<()> {
    if td.network_mode() != NetworkMode::Awsvpc {
        // [obs]: real captures use typographic quotes around awsvpc.
        return Err(TaskDefError::client(
            "Fargate only supports network mode \u{2018}awsvpc\u{2019}.",
        ));
    }
    let Some(cpu) = task_cpu(td) else {
        return Err(TaskDefError::client(
            "Fargate requires that 'cpu' be defined at the task level.",
        ));
    };
    let Some(memory) = task_memory(td) else {
        return Err(TaskDefError::client(
            "Fargate requires that 'memory' be defined at the task level.",
        ));
    };
    // Our interpretation of ECS's two documented texts: a cpu value Fargate does not offer is an
    // invalid cpu; a valid cpu with a memory size it does not pair with has no configuration.
    if fargate_memory_options_mib(cpu).is_empty() {
        return Err(TaskDefError::client("Invalid 'cpu' setting for task."));
    }
    let windows = td
        .runtime_platform
        .as_ref()
        .and_then(|p| p.get("operatingSystemFamily"))
        .and_then(Value::as_str)
        .is_some_and(|os| os.starts_with("WINDOWS"));
    if !is_valid_fargate_size(cpu, memory) || (windows && cpu < 1024) {
        // The current wording names the values [obs: 2022 CDK capture]; older captures end
        // after "given values.".
        return Err(TaskDefError::client(format!(
            "No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values."
        )));
    }
    Ok(())
}

/// The "Fargate compatible task definitions do not support X" family [obs: cdk-preflight and
/// CloudFormation captures]; AWS prints no trailing period in the captures.
fn fargate_unsupported(parameter: &str) -> TaskDefError {
    TaskDefError::client(format!(
        "Fargate compatible task definitions do not support {parameter}"
    ))
}

fn check_fargate_unsupported_task_params(td: &TaskDefinition) -> Result<()> {
    if td.pid_mode.as_deref() == Some("host") {
        // [obs: moto]
        return Err(TaskDefError::client(
            "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
        ));
    }
    if td.ipc_mode.is_some() {
        return Err(fargate_unsupported("ipcMode"));
    }
    if !td.placement_constraints.is_empty() {
        return Err(fargate_unsupported("constraints"));
    }
    for volume in &td.volumes {
        if volume.docker_volume_configuration.is_some() {
            return Err(fargate_unsupported("dockerVolumeConfiguration"));
        }
        let source_path = volume.host.as_ref().and_then(|h| h.get("sourcePath"));
        if is_set(source_path) {
            return Err(fargate_unsupported("sourcePath"));
        }
    }
    Ok(())
}

fn check_fargate_unsupported_container_params(container: &ContainerDefinition) -> Result<()> {
    if container.privileged.as_ref().and_then(Value::as_bool) == Some(true) {
        // [obs] (cdk-preflight capture).
        return Err(TaskDefError::client(
            "Fargate requires that the 'privileged' setting be 'false'",
        ));
    }
    // links, dnsServers, extraHosts and disableNetworking are refused earlier by the awsvpc
    // rules (Fargate is always awsvpc), with ECS's awsvpc texts.
    let unsupported: [(&str, Option<&Value>); 2] = [
        ("dnsSearchDomains", container.dns_search_domains.as_ref()),
        (
            "dockerSecurityOptions",
            container.docker_security_options.as_ref(),
        ),
    ];
    if let Some((parameter, _)) = unsupported.into_iter().find(|(_, v)| is_set(*v)) {
        return Err(fargate_unsupported(parameter));
    }
    if !container.system_controls.is_empty() {
        return Err(fargate_unsupported("systemControls"));
    }
    check_fargate_linux_parameters(container)?;
    check_fargate_gpu(container)?;
    check_fargate_log_driver(container)?;
    check_fargate_stop_timeout(container)
}

fn check_fargate_linux_parameters(container: &ContainerDefinition) -> Result<()> {
    let Some(linux) = container.linux_parameters.as_ref() else {
        return Ok(());
    };
    for parameter in [
        "devices",
        "sharedMemorySize",
        "tmpfs",
        "maxSwap",
        "swappiness",
    ] {
        if is_set(linux.get(parameter)) {
            return Err(fargate_unsupported(parameter));
        }
    }
    // Fargate PV 1.4 allows adding SYS_PTRACE only.
    let added = linux
        .get("capabilities")
        .and_then(|c| c.get("add"))
        .and_then(Value::as_array);
    let other_capability = added
        .into_iter()
        .flatten()
        .any(|cap| cap.as_str() != Some("SYS_PTRACE"));
    if other_capability {
        // Our wording, in the family's form.
        return Err(fargate_unsupported(
            "capabilities.add other than SYS_PTRACE",
        ));
    }
    Ok(())
}

fn check_fargate_gpu(container: &ContainerDefinition) -> Result<()> {
    let wants_gpu = container
        .resource_requirements
        .as_ref()
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|r| r.get("type").and_then(Value::as_str) == Some("GPU"));
    if wants_gpu {
        return Err(fargate_unsupported("gpu"));
    }
    Ok(())
}

fn check_fargate_log_driver(container: &ContainerDefinition) -> Result<()> {
    match log_driver(container) {
        Some(driver) if !FARGATE_LOG_DRIVERS.contains(&driver) => {
            // Our wording.
            Err(TaskDefError::client(format!(
                "Log driver {driver} is not supported on Fargate. Supported log drivers are awslogs, splunk and awsfirelens."
            )))
        }
        _ => Ok(()),
    }
}

fn check_fargate_stop_timeout(container: &ContainerDefinition) -> Result<()> {
    let timeout = container.stop_timeout.as_ref().and_then(Value::as_i64);
    match timeout {
        Some(seconds) if seconds > FARGATE_MAX_STOP_TIMEOUT_SECONDS => {
            // Our wording.
            Err(TaskDefError::client(format!(
                "Invalid 'stopTimeout' setting for container '{}'. Fargate allows at most 120 seconds.",
                container.name
            )))
        }
        _ => Ok(()),
    }
}

/// A private ECR image (`<account>.dkr.ecr.<region>.amazonaws.com/...`): pulling it needs ECR
/// credentials, which on Fargate only the execution role can supply.
pub fn is_private_ecr_image(image: &str) -> bool {
    image.contains(".dkr.ecr.") && image.contains(".amazonaws.com")
}

fn check_fargate_execution_role(td: &TaskDefinition) -> Result<()> {
    if td.execution_role_arn.is_some() {
        return Ok(());
    }
    let containers = &td.container_definitions;
    // Both texts [obs].
    if containers.iter().any(|c| log_driver(c) == Some("awslogs")) {
        return Err(TaskDefError::client(
            "Fargate requires task definition to have execution role ARN to support log driver awslogs.",
        ));
    }
    if containers.iter().any(|c| is_private_ecr_image(&c.image)) {
        return Err(TaskDefError::client(
            "Fargate requires task definition to have execution role ARN to support ECR images.",
        ));
    }
    Ok(())
}

/// Any launch type: secrets and private-registry credentials are fetched by the execution role.
fn check_secrets_need_execution_role(td: &TaskDefinition) -> Result<()> {
    if td.execution_role_arn.is_some() {
        return Ok(());
    }
    for container in &td.container_definitions {
        let secret_options = container
            .log_configuration
            .as_ref()
            .and_then(|l| l.get("secretOptions"));
        if is_set(container.secrets.as_ref()) || is_set(secret_options) {
            // [obs] (CDK fixture comment quoting the live error).
            return Err(TaskDefError::client(
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'",
            ));
        }
        if is_set(container.repository_credentials.as_ref()) {
            // Our wording, after the secrets text.
            return Err(TaskDefError::client(
                "When you are specifying repository credentials, you must also specify a value for 'executionRoleArn'",
            ));
        }
    }
    Ok(())
}

/// EC2 needs a memory figure for every container unless the task has one; `memory` must exceed
/// `memoryReservation` when both are set [doc].
fn check_container_memory(td: &TaskDefinition) -> Result<()> {
    for container in &td.container_definitions {
        let name = &container.name;
        if td.memory.is_none()
            && container.memory.is_none()
            && container.memory_reservation.is_none()
        {
            // [obs: moto]
            return Err(TaskDefError::client(format!(
                "Invalid setting for container '{name}'. At least one of 'memory' or 'memoryReservation' must be specified."
            )));
        }
        if let (Some(hard), Some(soft)) = (container.memory, container.memory_reservation) {
            if hard <= soft {
                // Our wording (the documented rule: memory must be greater).
                return Err(TaskDefError::client(format!(
                    "Invalid setting for container '{name}'. 'memory' must be greater than 'memoryReservation'."
                )));
            }
        }
    }
    Ok(())
}

/// With task-level cpu/memory, no container may ask for more than the task, and the containers
/// together may not reserve more than the task has.
fn check_container_sums(td: &TaskDefinition) -> Result<()> {
    if let Some(task_mib) = task_memory(td) {
        for container in &td.container_definitions {
            if container.memory.is_some_and(|m| m > task_mib) {
                // [obs]
                return Err(TaskDefError::client(format!(
                    "The 'memory' setting for container '{}' is greater than for the task.",
                    container.name
                )));
            }
        }
        let reserved = td
            .container_definitions
            .iter()
            .fold(0u64, |sum, c| sum + u64::from(container_reserved_mib(c)));
        if reserved > u64::from(task_mib) {
            // Our wording.
            return Err(TaskDefError::client(
                "The total memory reserved by the containers is greater than the 'memory' setting for the task",
            ));
        }
    }
    if let Some(task_units) = task_cpu(td) {
        for container in &td.container_definitions {
            if container.cpu > task_units {
                // Our wording, the cpu twin of the memory text.
                return Err(TaskDefError::client(format!(
                    "The 'cpu' setting for container '{}' is greater than for the task.",
                    container.name
                )));
            }
        }
        let total = td
            .container_definitions
            .iter()
            .fold(0u64, |sum, c| sum + u64::from(c.cpu));
        if total > u64::from(task_units) {
            // Our wording.
            return Err(TaskDefError::client(
                "The total 'cpu' of the containers is greater than the 'cpu' setting for the task",
            ));
        }
    }
    Ok(())
}

/// In awsvpc mode the task owns an ENI, so container-level networking knobs are refused; the
/// texts are ECS's [obs: ecs-cli docs and cdk-preflight captures].
fn check_awsvpc_container_rules(td: &TaskDefinition) -> Result<()> {
    if td.network_mode() != NetworkMode::Awsvpc {
        return Ok(());
    }
    for container in &td.container_definitions {
        let rules: [(Option<&Value>, &str); 5] = [
            (
                container.links.as_ref(),
                "Links are not supported when networkMode=awsvpc",
            ),
            (
                container.hostname.as_ref(),
                "hostname is not supported on container when networkMode=awsvpc",
            ),
            (
                container.dns_servers.as_ref(),
                "DNS servers are not supported on container when networkMode=awsvpc",
            ),
            (
                container.extra_hosts.as_ref(),
                "Extra hosts are not supported on container when networkMode=awsvpc",
            ),
            (
                container.disable_networking.as_ref(),
                "Disable Networking is not supported on container when networkMode=awsvpc",
            ),
        ];
        if let Some((_, message)) = rules.into_iter().find(|(value, _)| is_set(*value)) {
            return Err(TaskDefError::client(message));
        }
    }
    Ok(())
}

/// `mountPoints` must name a task volume and `volumesFrom` another container of the task.
fn check_references(td: &TaskDefinition) -> Result<()> {
    // (`extend`, not `collect`: collecting into a set instantiates a sort.)
    let mut volumes = BTreeSet::new();
    volumes.extend(td.volumes.iter().map(|v| v.name.as_str()));
    let mut containers = BTreeSet::new();
    containers.extend(td.container_definitions.iter().map(|c| c.name.as_str()));
    for container in &td.container_definitions {
        for mount in &container.mount_points {
            let source = mount.get("sourceVolume").and_then(Value::as_str);
            if let Some(source) = source.filter(|s| !volumes.contains(s)) {
                // [obs] (cdk-preflight capture; trailing period our choice).
                return Err(TaskDefError::client(format!("Unknown volume '{source}'.")));
            }
        }
        for from in &container.volumes_from {
            let source = from.get("sourceContainer").and_then(Value::as_str);
            if let Some(source) = source.filter(|s| !containers.contains(s)) {
                // Our wording.
                return Err(TaskDefError::client(format!(
                    "Unknown container '{source}' in volumesFrom of container '{}'.",
                    container.name
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::task_def::testing::{
        check_table, client, ec2, expect_err, fargate, patch, patch_container,
    };
    use crate::model::task_def::validate;
    use serde_json::json;

    #[test]
    fn every_fargate_size_pair_is_valid_and_its_neighbours_are_not() {
        let expected_counts = [
            (256, 3),
            (512, 4),
            (1024, 7),
            (2048, 13),
            (4096, 23),
            (8192, 12),
            (16384, 12),
        ];
        for (cpu, count) in expected_counts {
            let options = fargate_memory_options_mib(cpu);
            assert_eq!(options.len(), count, "cpu {cpu}");
            for memory in &options {
                let request = patch(
                    fargate(),
                    json!({"cpu": cpu.to_string(), "memory": memory.to_string()}),
                );
                assert!(validate(&request).is_ok(), "{cpu}/{memory} should be valid");
            }
            let first = options.first().copied().unwrap_or(0);
            let last = options.last().copied().unwrap_or(0);
            let step = if cpu == 256 {
                512
            } else {
                options.get(1).copied().unwrap_or(0) - first
            };
            let mut neighbours = vec![first - step / 2, last + step, first + 1, last - 1];
            if cpu == 256 {
                neighbours.extend([768, 1536, 256, 3072]);
            }
            for memory in neighbours {
                let request = patch(
                    fargate(),
                    json!({"cpu": cpu.to_string(), "memory": memory.to_string()}),
                );
                let err = expect_err(&request);
                assert_eq!(
                    err.message,
                    format!("No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values."),
                    "{cpu}/{memory}"
                );
            }
        }
        for cpu in [128, 255, 257, 768, 3072, 32768] {
            let request = patch(fargate(), json!({"cpu": cpu.to_string(), "memory": "2048"}));
            assert_eq!(
                expect_err(&request).message,
                "Invalid 'cpu' setting for task.",
                "cpu {cpu}"
            );
        }
    }

    #[test]
    fn fargate_size_rules() {
        check_table(vec![
            client(
                "bridge",
                patch(fargate(), json!({"networkMode": "bridge"})),
                "Fargate only supports network mode \u{2018}awsvpc\u{2019}.",
            ),
            client(
                "no mode",
                patch(fargate(), json!({"networkMode": null})),
                "Fargate only supports network mode \u{2018}awsvpc\u{2019}.",
            ),
            client(
                "no cpu",
                patch(fargate(), json!({"cpu": null})),
                "Fargate requires that 'cpu' be defined at the task level.",
            ),
            client(
                "no memory",
                patch(fargate(), json!({"memory": null})),
                "Fargate requires that 'memory' be defined at the task level.",
            ),
            client(
                "bad pair",
                patch(fargate(), json!({"cpu": "4096", "memory": "4096"})),
                "No Fargate configuration exists for given values: 4096 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
            ),
            client(
                "bad cpu",
                patch(fargate(), json!({"cpu": "300"})),
                "Invalid 'cpu' setting for task.",
            ),
            client(
                "windows under 1 vCPU",
                patch(
                    fargate(),
                    json!({"runtimePlatform":
                {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}),
                ),
                "No Fargate configuration exists for given values: 256 CPU, 512 memory. See the Amazon ECS documentation for the valid values.",
            ),
            client(
                "EC2 and FARGATE still checks Fargate",
                patch(
                    fargate(),
                    json!({"requiresCompatibilities": ["EC2", "FARGATE"], "memory": "4096"}),
                ),
                "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
            ),
            client(
                "unparsable cpu",
                patch(fargate(), json!({"cpu": "lots"})),
                "Invalid 'cpu' setting for task.",
            ),
            client(
                "numeric cpu",
                patch(fargate(), json!({"cpu": 256})),
                "Invalid 'cpu' setting for task.",
            ),
            client(
                "unparsable memory",
                patch(fargate(), json!({"memory": "0 GB"})),
                "Invalid 'memory' setting for task.",
            ),
        ]);
    }

    #[test]
    fn ec2_task_cpu_range_rule() {
        for (cpu, ok) in [
            ("128", true),
            ("196608", true),
            ("127", false),
            ("196609", false),
            ("192 vCPU", true),
        ] {
            let request = patch(ec2(), json!({"cpu": cpu}));
            match validate(&request) {
                Ok(_) => assert!(ok, "{cpu} accepted"),
                Err(e) => {
                    assert!(!ok, "{cpu} rejected: {e}");
                    assert_eq!(e.message, "Invalid 'cpu' setting for task.");
                    assert_eq!(e.code, "ClientException");
                }
            }
        }
    }

    #[test]
    fn container_memory_rules() {
        let two = json!({"family": "test_ecs_task", "requiresCompatibilities": ["EC2"], "containerDefinitions": [
            {"name": "hello_world", "image": "hello-world:latest"},
            {"name": "hello_world2", "image": "hello-world:latest"}]});
        check_table(vec![
            client("no memory anywhere", two,
                "Invalid setting for container 'hello_world'. At least one of 'memory' or 'memoryReservation' must be specified."),
            client("under 6 MiB", patch_container(ec2(), json!({"memory": 5})),
                "Invalid 'memory' setting for container 'api'. The minimum allowed value is 6 MiB."),
            client("reservation under 6 MiB", patch_container(ec2(), json!({"memory": null, "memoryReservation": 0})),
                "Invalid 'memoryReservation' setting for container 'api'. The minimum allowed value is 6 MiB."),
            client("memory equal to reservation", patch_container(ec2(), json!({"memory": 128, "memoryReservation": 128})),
                "Invalid setting for container 'api'. 'memory' must be greater than 'memoryReservation'."),
            client("memory below reservation", patch_container(ec2(), json!({"memory": 100, "memoryReservation": 128})),
                "Invalid setting for container 'api'. 'memory' must be greater than 'memoryReservation'."),
        ]);
        assert!(validate(&patch_container(ec2(), json!({"memory": 6}))).is_ok());
        let task_memory_only = patch(
            patch_container(ec2(), json!({"memory": null})),
            json!({"memory": "512"}),
        );
        assert!(
            validate(&task_memory_only).is_ok(),
            "task-level memory covers the containers"
        );
    }

    #[test]
    fn container_sum_rules() {
        let pair = |a: Value, b: Value, task: Value| {
            patch(ec2(), patch(json!({"containerDefinitions": [a, b]}), task))
        };
        check_table(vec![
            client("container memory over task", patch(patch_container(ec2(), json!({"memory": 1024})), json!({"memory": "512"})),
                "The 'memory' setting for container 'api' is greater than for the task."),
            client("reservations over task", pair(
                json!({"name": "a", "image": "nginx", "memoryReservation": 300}),
                json!({"name": "b", "image": "nginx", "memory": 300}), json!({"memory": "512"})),
                "The total memory reserved by the containers is greater than the 'memory' setting for the task"),
            client("container cpu over task", patch(patch_container(ec2(), json!({"cpu": 1024})), json!({"cpu": "512"})),
                "The 'cpu' setting for container 'api' is greater than for the task."),
            client("cpu total over task", pair(
                json!({"name": "a", "image": "nginx", "memory": 64, "cpu": 300}),
                json!({"name": "b", "image": "nginx", "memory": 64, "cpu": 300}), json!({"cpu": "512"})),
                "The total 'cpu' of the containers is greater than the 'cpu' setting for the task"),
            client("fargate container over task", patch_container(fargate(), json!({"memory": 1024})),
                "The 'memory' setting for container 'app' is greater than for the task."),
        ]);
        let fits = pair(
            json!({"name": "a", "image": "nginx", "memory": 256, "cpu": 256}),
            json!({"name": "b", "image": "nginx", "memory": 256, "cpu": 256}),
            json!({"memory": "512", "cpu": "512"}),
        );
        assert!(validate(&fits).is_ok());
    }

    #[test]
    fn fargate_unsupported_parameter_rules() {
        let container = |extra: Value| patch_container(fargate(), extra);
        let volume = |v: Value| patch(fargate(), json!({"volumes": [v]}));
        check_table(vec![
            client("pidMode host", patch(fargate(), json!({"pidMode": "host"})),
                "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'."),
            client("ipcMode", patch(fargate(), json!({"ipcMode": "task"})), "Fargate compatible task definitions do not support ipcMode"),
            client("placement constraints", patch(fargate(), json!({"placementConstraints":
                [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}]})),
                "Fargate compatible task definitions do not support constraints"),
            client("docker volume", volume(json!({"name": "v", "dockerVolumeConfiguration": {"scope": "task"}})),
                "Fargate compatible task definitions do not support dockerVolumeConfiguration"),
            client("host source path", volume(json!({"name": "v", "host": {"sourcePath": "/var/log"}})),
                "Fargate compatible task definitions do not support sourcePath"),
            client("privileged", container(json!({"privileged": true})),
                "Fargate requires that the 'privileged' setting be 'false'"),
            client("dns search domains", container(json!({"dnsSearchDomains": ["corp"]})),
                "Fargate compatible task definitions do not support dnsSearchDomains"),
            client("docker security options", container(json!({"dockerSecurityOptions": ["no-new-privileges"]})),
                "Fargate compatible task definitions do not support dockerSecurityOptions"),
            client("system controls", container(json!({"systemControls": [{"namespace": "kernel.shmmax", "value": "1"}]})),
                "Fargate compatible task definitions do not support systemControls"),
            client("gpu", container(json!({"resourceRequirements": [{"type": "GPU", "value": "1"}]})),
                "Fargate compatible task definitions do not support gpu"),
            client("devices", container(json!({"linuxParameters": {"devices": [{"hostPath": "/dev/fuse"}]}})),
                "Fargate compatible task definitions do not support devices"),
            client("shared memory", container(json!({"linuxParameters": {"sharedMemorySize": 64}})),
                "Fargate compatible task definitions do not support sharedMemorySize"),
            client("tmpfs", container(json!({"linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 64}]}})),
                "Fargate compatible task definitions do not support tmpfs"),
            client("max swap", container(json!({"linuxParameters": {"maxSwap": 0}})),
                "Fargate compatible task definitions do not support maxSwap"),
            client("swappiness", container(json!({"linuxParameters": {"swappiness": 10}})),
                "Fargate compatible task definitions do not support swappiness"),
            client("capabilities", container(json!({"linuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}}})),
                "Fargate compatible task definitions do not support capabilities.add other than SYS_PTRACE"),
            client("log driver", container(json!({"logConfiguration": {"logDriver": "json-file"}})),
                "Log driver json-file is not supported on Fargate. Supported log drivers are awslogs, splunk and awsfirelens."),
            client("stop timeout", container(json!({"stopTimeout": 121})),
                "Invalid 'stopTimeout' setting for container 'app'. Fargate allows at most 120 seconds."),
        ]);
        let ptrace = container(
            json!({"linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"]}, "initProcessEnabled": true},
                                      "stopTimeout": 120, "systemControls": []}),
        );
        assert!(validate(&ptrace).is_ok());
        assert!(validate(&patch(fargate(), json!({"pidMode": "task"}))).is_ok());
        assert!(validate(&volume(json!({"name": "scratch"}))).is_ok());
        // The same parameters are fine on EC2.
        let ec2_ok = patch(
            patch_container(
                ec2(),
                json!({"privileged": true, "linuxParameters": {"maxSwap": 0}}),
            ),
            json!({"pidMode": "host", "ipcMode": "host"}),
        );
        assert!(validate(&ec2_ok).is_ok());
    }

    #[test]
    fn awsvpc_container_rules() {
        let awsvpc = |extra: Value| {
            patch(
                patch_container(ec2(), extra),
                json!({"networkMode": "awsvpc"}),
            )
        };
        check_table(vec![
            client(
                "links",
                awsvpc(json!({"links": ["db"]})),
                "Links are not supported when networkMode=awsvpc",
            ),
            client(
                "hostname",
                awsvpc(json!({"hostname": "web"})),
                "hostname is not supported on container when networkMode=awsvpc",
            ),
            client(
                "dns servers",
                awsvpc(json!({"dnsServers": ["10.0.0.2"]})),
                "DNS servers are not supported on container when networkMode=awsvpc",
            ),
            client(
                "extra hosts",
                awsvpc(json!({"extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.9"}]})),
                "Extra hosts are not supported on container when networkMode=awsvpc",
            ),
            client(
                "disable networking",
                awsvpc(json!({"disableNetworking": true})),
                "Disable Networking is not supported on container when networkMode=awsvpc",
            ),
            client(
                "fargate links",
                patch_container(fargate(), json!({"links": ["db"]})),
                "Links are not supported when networkMode=awsvpc",
            ),
        ]);
        assert!(validate(&patch_container(
            ec2(),
            json!({"links": ["db"], "hostname": "web"})
        ))
        .is_ok());
    }

    #[test]
    fn execution_role_rules() {
        let no_role = patch(fargate(), json!({"executionRoleArn": null}));
        let awslogs = json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}});
        let ecr = json!({"image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1"});
        let secrets = json!({"secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:111122223333:parameter/db"}]});
        check_table(vec![
            client("fargate awslogs", patch_container(no_role.clone(), awslogs.clone()),
                "Fargate requires task definition to have execution role ARN to support log driver awslogs."),
            client("fargate ecr", patch_container(no_role.clone(), ecr.clone()),
                "Fargate requires task definition to have execution role ARN to support ECR images."),
            client("fargate secrets", patch_container(no_role.clone(), secrets.clone()),
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'"),
            client("ec2 secrets", patch_container(ec2(), secrets.clone()),
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'"),
            client("ec2 log secret options", patch_container(ec2(), json!({"logConfiguration": {"logDriver": "splunk",
                "secretOptions": [{"name": "splunk-token", "valueFrom": "arn:aws:secretsmanager:us-east-1:1:secret:t"}]}})),
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'"),
            client("repository credentials", patch_container(ec2(), json!({"repositoryCredentials":
                {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:1:secret:hub"}})),
                "When you are specifying repository credentials, you must also specify a value for 'executionRoleArn'"),
            client("log driver without name", patch_container(ec2(), json!({"logConfiguration": {"options": {}}})),
                "Log configuration must specify a logDriver."),
        ]);
        // EC2 pulls ECR images and ships awslogs with the instance role: no execution role needed.
        assert!(validate(&patch_container(ec2(), awslogs)).is_ok());
        assert!(validate(&patch_container(ec2(), ecr)).is_ok());
        // Public ECR and Docker Hub need no credentials on Fargate either.
        let public = patch_container(
            no_role,
            json!({"image": "public.ecr.aws/nginx/nginx:latest"}),
        );
        assert!(validate(&public).is_ok());
    }

    #[test]
    fn volume_reference_rules() {
        let mount = json!({"mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]});
        check_table(vec![
            client(
                "unknown volume",
                patch_container(ec2(), mount.clone()),
                "Unknown volume 'data'.",
            ),
            client(
                "unknown container",
                patch_container(ec2(), json!({"volumesFrom": [{"sourceContainer": "db"}]})),
                "Unknown container 'db' in volumesFrom of container 'api'.",
            ),
            client(
                "volume without name",
                patch(ec2(), json!({"volumes": [{"host": {}}]})),
                "Volume.name should not be null or empty.",
            ),
            client(
                "duplicate volume",
                patch(ec2(), json!({"volumes": [{"name": "v"}, {"name": "v"}]})),
                "Volume names must be unique within a task definition. Duplicate name: 'v'.",
            ),
        ]);
        let td = validate(&patch(
            patch_container(ec2(), mount),
            json!({"volumes": [{"name": "data"}]}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let out = serde_json::to_value(&td).unwrap_or_default();
        assert_eq!(
            out["volumes"],
            json!([{"name": "data", "host": {}}]),
            "ECS prints an empty host"
        );
    }
}
