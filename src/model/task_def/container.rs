//! Reading `containerDefinitions`: names, images, memory, log configuration, health checks,
//! and port mappings with their per-network-mode host ports.

use super::parse::{
    as_object, enum_error, get_array, get_bool, get_int, get_str, is_resource_name, member,
    present, Kind,
};
use super::types::{
    default_protocol, ContainerDefinition, NetworkMode, PortMapping, Result, TaskDefError,
    MAX_NAME_CHARS, MIN_CONTAINER_MEMORY_MIB,
};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

pub(super) fn parse_containers(
    raw: &[Value],
    mode: NetworkMode,
) -> Result<Vec<ContainerDefinition>> {
    let mut containers = Vec::with_capacity(raw.len());
    let mut names = BTreeSet::new();
    for (index, value) in raw.iter().enumerate() {
        let container = parse_container(value, index, mode)?;
        if !names.insert(container.name.clone()) {
            // Our wording.
            return Err(TaskDefError::client(format!(
                "Container names must be unique within a task definition. Duplicate name: '{}'.",
                container.name
            )));
        }
        containers.push(container);
    }
    if !containers.iter().any(|c| c.essential) {
        // [obs] (cdk-preflight capture; trailing period our choice).
        return Err(TaskDefError::client(
            "Task definition doesn't have any essential container.",
        ));
    }
    Ok(containers)
}

fn parse_container(value: &Value, index: usize, mode: NetworkMode) -> Result<ContainerDefinition> {
    let path = format!("containerDefinitions[{index}].");
    let map = as_object(value, &format!("containerDefinitions[{index}]"))?;
    let name = get_str(map, "name", &path)?.unwrap_or_default();
    let image = get_str(map, "image", &path)?.unwrap_or_default();
    check_name_and_image(&name, &image)?;
    let cpu = match get_int(map, "cpu", &path)? {
        None => 0,
        Some(units) => u32::try_from(units).map_err(|_| {
            // Our wording.
            TaskDefError::client(format!("Invalid 'cpu' setting for container '{name}'."))
        })?,
    };
    Ok(ContainerDefinition {
        repository_credentials: member(map, "repositoryCredentials", &path, Kind::Structure)?,
        cpu,
        memory: container_mib(map, "memory", &path, &name)?,
        memory_reservation: container_mib(map, "memoryReservation", &path, &name)?,
        links: member(map, "links", &path, Kind::List)?,
        port_mappings: parse_port_mappings(map, &path, &name, mode)?,
        essential: get_bool(map, "essential", &path)?.unwrap_or(true),
        restart_policy: member(map, "restartPolicy", &path, Kind::Structure)?,
        entry_point: member(map, "entryPoint", &path, Kind::List)?,
        command: member(map, "command", &path, Kind::List)?,
        environment: object_list(map, "environment", &path)?,
        environment_files: member(map, "environmentFiles", &path, Kind::List)?,
        mount_points: object_list(map, "mountPoints", &path)?,
        volumes_from: object_list(map, "volumesFrom", &path)?,
        linux_parameters: member(map, "linuxParameters", &path, Kind::Structure)?,
        secrets: member(map, "secrets", &path, Kind::List)?,
        depends_on: member(map, "dependsOn", &path, Kind::List)?,
        start_timeout: member(map, "startTimeout", &path, Kind::Integer)?,
        stop_timeout: member(map, "stopTimeout", &path, Kind::Integer)?,
        version_consistency: member(map, "versionConsistency", &path, Kind::Text)?,
        hostname: member(map, "hostname", &path, Kind::Text)?,
        user: member(map, "user", &path, Kind::Text)?,
        working_directory: member(map, "workingDirectory", &path, Kind::Text)?,
        disable_networking: member(map, "disableNetworking", &path, Kind::Boolean)?,
        privileged: member(map, "privileged", &path, Kind::Boolean)?,
        readonly_root_filesystem: member(map, "readonlyRootFilesystem", &path, Kind::Boolean)?,
        dns_servers: member(map, "dnsServers", &path, Kind::List)?,
        dns_search_domains: member(map, "dnsSearchDomains", &path, Kind::List)?,
        extra_hosts: member(map, "extraHosts", &path, Kind::List)?,
        docker_security_options: member(map, "dockerSecurityOptions", &path, Kind::List)?,
        interactive: member(map, "interactive", &path, Kind::Boolean)?,
        pseudo_terminal: member(map, "pseudoTerminal", &path, Kind::Boolean)?,
        docker_labels: member(map, "dockerLabels", &path, Kind::Structure)?,
        ulimits: member(map, "ulimits", &path, Kind::List)?,
        log_configuration: parse_log_configuration(map, &path)?,
        health_check: member(map, "healthCheck", &path, Kind::Structure)?
            .map(health_check_defaults),
        system_controls: object_list(map, "systemControls", &path)?,
        resource_requirements: member(map, "resourceRequirements", &path, Kind::List)?,
        firelens_configuration: member(map, "firelensConfiguration", &path, Kind::Structure)?,
        credential_specs: member(map, "credentialSpecs", &path, Kind::List)?,
        name,
        image,
    })
}

fn check_name_and_image(name: &str, image: &str) -> Result<()> {
    // The two "should not be null or empty" texts are ECS's, as moto mirrors them [obs].
    if name.is_empty() {
        return Err(TaskDefError::client(
            "Container.name should not be null or empty.",
        ));
    }
    if image.is_empty() {
        return Err(TaskDefError::client(
            "Container.image should not be null or empty.",
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Container.name should be no longer than 255 characters.",
        ));
    }
    if !is_resource_name(name) {
        // Our wording, after the image message below.
        return Err(TaskDefError::client(
            "Container.name contains invalid characters.",
        ));
    }
    if image.chars().count() > MAX_NAME_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Container.image should be no longer than 255 characters.",
        ));
    }
    // Letters, digits, hyphens, underscores, colons, periods, slashes, number signs, and the `@`
    // of a digest reference [doc].
    let image_ok = image
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_:./#@".contains(&b));
    if !image_ok {
        // [obs]
        return Err(TaskDefError::client(
            "Container.image contains invalid characters.",
        ));
    }
    Ok(())
}

/// A container `memory`/`memoryReservation` in MiB; anything under 6 MiB is refused because
/// Docker 20.10+ reserves 6 MiB per container [doc].
fn container_mib(
    map: &Map<String, Value>,
    key: &str,
    path: &str,
    name: &str,
) -> Result<Option<u32>> {
    let Some(mib) = get_int(map, key, path)? else {
        return Ok(None);
    };
    match u32::try_from(mib) {
        Ok(mib) if mib >= MIN_CONTAINER_MEMORY_MIB => Ok(Some(mib)),
        // Our wording.
        _ => Err(TaskDefError::client(format!(
            "Invalid '{key}' setting for container '{name}'. The minimum allowed value is {MIN_CONTAINER_MEMORY_MIB} MiB."
        ))),
    }
}

/// A list member whose items must be objects (`environment`, `mountPoints`, ...); ECS stores
/// `[]` when it is unset.
fn object_list(map: &Map<String, Value>, key: &str, path: &str) -> Result<Vec<Value>> {
    let items = get_array(map, key, path)?;
    for (i, item) in items.iter().enumerate() {
        as_object(item, &format!("{path}{key}[{i}]"))?;
    }
    Ok(items.to_vec())
}

fn parse_log_configuration(map: &Map<String, Value>, path: &str) -> Result<Option<Value>> {
    let Some(value) = present(map, "logConfiguration") else {
        return Ok(None);
    };
    let config = as_object(value, &format!("{path}logConfiguration"))?;
    let driver_path = format!("{path}logConfiguration.");
    if get_str(config, "logDriver", &driver_path)?.is_none() {
        // Our wording.
        return Err(TaskDefError::client(
            "Log configuration must specify a logDriver.",
        ));
    }
    Ok(Some(value.clone()))
}

// ---------------------------------------------------------------------------------------------
// Port mappings (ECS-REFERENCE §2.3, §3.1)
// ---------------------------------------------------------------------------------------------

fn parse_port_mappings(
    map: &Map<String, Value>,
    path: &str,
    name: &str,
    mode: NetworkMode,
) -> Result<Vec<PortMapping>> {
    let raw = get_array(map, "portMappings", path)?;
    if mode == NetworkMode::None && !raw.is_empty() {
        // Our wording, in the style of "Links are not supported when networkMode=awsvpc".
        return Err(TaskDefError::client(
            "Port mappings are not supported when networkMode=none",
        ));
    }
    raw.iter()
        .enumerate()
        .map(|(i, value)| {
            let item_path = format!("{path}portMappings[{i}]");
            parse_port_mapping(as_object(value, &item_path)?, &item_path, name, mode)
        })
        .collect()
}

fn parse_port_mapping(
    map: &Map<String, Value>,
    path: &str,
    name: &str,
    mode: NetworkMode,
) -> Result<PortMapping> {
    let member_path = format!("{path}.");
    let protocol = get_str(map, "protocol", &member_path)?.unwrap_or_else(default_protocol);
    if protocol != "tcp" && protocol != "udp" {
        return Err(enum_error("protocol", &protocol, &["tcp", "udp"]));
    }
    let app_protocol = get_str(map, "appProtocol", &member_path)?;
    if let Some(app) = app_protocol.as_deref() {
        let allowed = ["http", "http2", "grpc"];
        if !allowed.contains(&app) {
            return Err(enum_error("appProtocol", app, &allowed));
        }
    }
    let container_port = port_number(map, "containerPort", &member_path, name, 1)?;
    let host_port = port_number(map, "hostPort", &member_path, name, 0)?;
    let range = get_str(map, "containerPortRange", &member_path)?;
    let mut mapping = PortMapping {
        container_port,
        host_port,
        protocol,
        name: get_str(map, "name", &member_path)?,
        app_protocol,
        container_port_range: range,
    };
    match mapping.container_port_range.clone() {
        Some(range) => check_port_range(&mapping, &range, name, mode)?,
        None => fill_host_port(&mut mapping, name, mode)?,
    }
    Ok(mapping)
}

fn port_number(
    map: &Map<String, Value>,
    key: &str,
    path: &str,
    name: &str,
    min: i64,
) -> Result<Option<u16>> {
    let Some(port) = get_int(map, key, path)? else {
        return Ok(None);
    };
    match u16::try_from(port) {
        Ok(port) if i64::from(port) >= min => Ok(Some(port)),
        // Our wording.
        _ => Err(TaskDefError::client(format!(
            "Invalid '{key}' setting for container '{name}'. Ports must be between {min} and 65535."
        ))),
    }
}

/// awsvpc and host modes publish the container port itself, so `hostPort` must be omitted or
/// equal; bridge leaves an omitted `hostPort` at 0 (a dynamic port chosen at launch).
fn fill_host_port(mapping: &mut PortMapping, name: &str, mode: NetworkMode) -> Result<()> {
    let Some(container_port) = mapping.container_port else {
        // Our wording.
        return Err(TaskDefError::client(format!(
            "Invalid port mapping for container '{name}'. 'containerPort' must be specified."
        )));
    };
    match mode {
        NetworkMode::Awsvpc | NetworkMode::Host => {
            let host_port = *mapping.host_port.get_or_insert(container_port);
            if host_port != container_port {
                // [obs] for awsvpc; the host twin is the same sentence (cdk-preflight capture).
                return Err(TaskDefError::client(format!(
                    "When networkMode={mode}, the host ports and container ports in port mappings must match."
                )));
            }
        }
        // Our interpretation: ECS stores 0 for an omitted bridge host port.
        NetworkMode::Bridge | NetworkMode::None => {
            mapping.host_port.get_or_insert(0);
        }
    }
    Ok(())
}

/// `containerPortRange` ("first-last"): bridge or awsvpc only, never with a single port.
fn check_port_range(
    mapping: &PortMapping,
    range: &str,
    name: &str,
    mode: NetworkMode,
) -> Result<()> {
    if mapping.container_port.is_some() || mapping.host_port.is_some() {
        // [obs] (cdk-preflight capture).
        return Err(TaskDefError::client(
            "cannot specify both single port and port range",
        ));
    }
    if !matches!(mode, NetworkMode::Bridge | NetworkMode::Awsvpc) {
        // Our wording.
        return Err(TaskDefError::client(format!(
            "Container port ranges are not supported when networkMode={mode}"
        )));
    }
    let bounds = range
        .split_once('-')
        .and_then(|(a, b)| Some((a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?)));
    match bounds {
        Some((first, last)) if first >= 1 && first < last => Ok(()),
        // Our wording.
        _ => Err(TaskDefError::client(format!(
            "Invalid containerPortRange '{range}' for container '{name}'. Specify a range 'first-last' with 1 <= first < last <= 65535."
        ))),
    }
}

/// ECS stores a health check with its documented defaults filled in: interval 30 s,
/// timeout 5 s, 3 retries (startPeriod stays absent: "off" by default).
fn health_check_defaults(mut hc: Value) -> Value {
    if let Value::Object(m) = &mut hc {
        for (key, default) in [("interval", 30), ("timeout", 5), ("retries", 3)] {
            m.entry(key).or_insert(Value::from(default));
        }
    }
    hc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::task_def::testing::{
        check_table, client, ec2, fargate, patch, patch_container,
    };
    use crate::model::task_def::validate;
    use serde_json::json;

    #[test]
    fn container_identity_rules() {
        let two = |a: Value, b: Value| patch(ec2(), json!({"containerDefinitions": [a, b]}));
        check_table(vec![
            client(
                "no name",
                patch_container(ec2(), json!({"name": null})),
                "Container.name should not be null or empty.",
            ),
            client(
                "no image",
                patch_container(ec2(), json!({"image": ""})),
                "Container.image should not be null or empty.",
            ),
            client(
                "name chars",
                patch_container(ec2(), json!({"name": "my app"})),
                "Container.name contains invalid characters.",
            ),
            client(
                "name length",
                patch_container(ec2(), json!({"name": "n".repeat(256)})),
                "Container.name should be no longer than 255 characters.",
            ),
            client(
                "image chars",
                patch_container(ec2(), json!({"image": "$IMAGE_NAME"})),
                "Container.image contains invalid characters.",
            ),
            client(
                "image length",
                patch_container(ec2(), json!({"image": "i".repeat(256)})),
                "Container.image should be no longer than 255 characters.",
            ),
            client(
                "duplicate names",
                two(
                    json!({"name": "web", "image": "nginx", "memory": 64}),
                    json!({"name": "web", "image": "redis", "memory": 64}),
                ),
                "Container names must be unique within a task definition. Duplicate name: 'web'.",
            ),
            client(
                "no essential",
                two(
                    json!({"name": "a", "image": "nginx", "memory": 64, "essential": false}),
                    json!({"name": "b", "image": "redis", "memory": 64, "essential": false}),
                ),
                "Task definition doesn't have any essential container.",
            ),
            client(
                "negative cpu",
                patch_container(ec2(), json!({"cpu": -1})),
                "Invalid 'cpu' setting for container 'api'.",
            ),
        ]);
        let digest = patch_container(
            ec2(),
            json!({"image": "public.ecr.aws/nginx/nginx@sha256:0123abcd"}),
        );
        assert!(validate(&digest).is_ok());
        let one_essential = two(
            json!({"name": "a", "image": "nginx", "memory": 64, "essential": false}),
            json!({"name": "b", "image": "redis", "memory": 64}),
        );
        assert!(validate(&one_essential).is_ok());
    }

    #[test]
    fn port_mapping_rules() {
        let mapping = |m: Value| patch_container(ec2(), json!({"portMappings": [m]}));
        let mode = |network: &str, m: Value| patch(mapping(m), json!({"networkMode": network}));
        check_table(vec![
            client("awsvpc mismatch", mode("awsvpc", json!({"containerPort": 80, "hostPort": 8080})),
                "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
            client("host mismatch", mode("host", json!({"containerPort": 80, "hostPort": 8080})),
                "When networkMode=host, the host ports and container ports in port mappings must match."),
            client("fargate mismatch", patch_container(fargate(), json!({"portMappings": [{"containerPort": 80, "hostPort": 81}]})),
                "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
            client("none mode", mode("none", json!({"containerPort": 80})),
                "Port mappings are not supported when networkMode=none"),
            client("no container port", mapping(json!({"hostPort": 80})),
                "Invalid port mapping for container 'api'. 'containerPort' must be specified."),
            client("container port 0", mapping(json!({"containerPort": 0})),
                "Invalid 'containerPort' setting for container 'api'. Ports must be between 1 and 65535."),
            client("container port too big", mapping(json!({"containerPort": 70000})),
                "Invalid 'containerPort' setting for container 'api'. Ports must be between 1 and 65535."),
            client("negative host port", mapping(json!({"containerPort": 80, "hostPort": -1})),
                "Invalid 'hostPort' setting for container 'api'. Ports must be between 0 and 65535."),
            client("range and port", mapping(json!({"containerPort": 80, "containerPortRange": "8000-8010"})),
                "cannot specify both single port and port range"),
            client("range in host mode", mode("host", json!({"containerPortRange": "8000-8010"})),
                "Container port ranges are not supported when networkMode=host"),
            client("bad range", mapping(json!({"containerPortRange": "8010-8000"})),
                "Invalid containerPortRange '8010-8000' for container 'api'. Specify a range 'first-last' with 1 <= first < last <= 65535."),
        ]);
    }

    #[test]
    fn host_ports_are_filled_per_network_mode() {
        let mappings = json!([{"containerPort": 80}, {"containerPort": 53, "protocol": "udp"}, {"containerPort": 443, "hostPort": 8443}]);
        let bridge = validate(&patch_container(ec2(), json!({"portMappings": mappings})))
            .unwrap_or_else(|e| panic!("{e}"));
        let hosts: Vec<Option<u16>> = bridge.container_definitions[0]
            .port_mappings
            .iter()
            .map(|m| m.host_port)
            .collect();
        assert_eq!(hosts, [Some(0), Some(0), Some(8443)]);
        assert_eq!(bridge.static_host_ports(), (vec![8443], vec![]));

        let host_mode = json!([{"containerPort": 80}, {"containerPort": 53, "protocol": "udp"}]);
        let host = validate(&patch(
            patch_container(ec2(), json!({"portMappings": host_mode})),
            json!({"networkMode": "host"}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(host.static_host_ports(), (vec![80], vec![53]));
        let out = serde_json::to_value(&host).unwrap_or_default();
        assert_eq!(
            out["containerDefinitions"][0]["portMappings"][1],
            json!({"containerPort": 53, "hostPort": 53, "protocol": "udp"})
        );

        let awsvpc = validate(&patch(
            patch_container(ec2(), json!({"portMappings": [{"containerPort": 8080}]})),
            json!({"networkMode": "awsvpc"}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            awsvpc.container_definitions[0].port_mappings[0].host_port,
            Some(8080)
        );
        assert_eq!(
            awsvpc.static_host_ports(),
            (vec![], vec![]),
            "awsvpc reserves no host ports"
        );

        let range = validate(&patch_container(
            ec2(),
            json!({"portMappings": [{"containerPortRange": "8000-8010"}]}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let out = serde_json::to_value(&range).unwrap_or_default();
        assert_eq!(
            out["containerDefinitions"][0]["portMappings"][0],
            json!({"protocol": "tcp", "containerPortRange": "8000-8010"})
        );
    }
}
