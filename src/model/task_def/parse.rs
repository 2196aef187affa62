//! Reading a RegisterTaskDefinition request: the JSON readers (null is absent everywhere), the
//! task-level members (family, enums, task size, volumes, placement constraints, ephemeral
//! storage) and the normalisation of task `cpu` and `memory` strings.

use super::types::{
    Compatibility, EphemeralStorage, PlacementConstraint, Result, TaskDefError, Volume,
    COMPATIBILITIES, EPHEMERAL_STORAGE_GIB_RANGE, MAX_CONSTRAINT_EXPRESSION_CHARS, MAX_CONTAINERS,
    MAX_NAME_CHARS, MAX_PLACEMENT_CONSTRAINTS, MAX_REQUEST_BYTES,
};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Normalisation of task-level cpu and memory
// ---------------------------------------------------------------------------------------------

/// Task `cpu` as ECS stores it: `"1024"`, `"1 vCPU"`, `"0.25 vcpu"` all give CPU units
/// (1 vCPU = 1024 units). `None` when the text is not a positive whole number of units.
pub fn normalize_task_cpu(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase();
    match lower.strip_suffix("vcpu") {
        Some(number) => parse_scaled(number.trim(), 1024),
        None => parse_scaled(&lower, 1),
    }
}

/// Task `memory` as ECS stores it, in MiB: `"512"`, `"2 GB"`, `"2GB"` (1 GB = 1024 MiB; `GiB`,
/// `MB` and `MiB` suffixes are accepted too, our choice). `None` when not a positive whole MiB.
pub fn normalize_task_memory(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase();
    let units: [(&str, u64); 4] = [("gib", 1024), ("gb", 1024), ("mib", 1), ("mb", 1)];
    for (suffix, scale) in units {
        if let Some(number) = lower.strip_suffix(suffix) {
            return parse_scaled(number.trim(), scale);
        }
    }
    parse_scaled(&lower, 1)
}

/// Parses a plain decimal (`"2"`, `"0.25"`) and multiplies it by `scale` exactly; the result must
/// be a positive integer that fits in `u32` (a fractional unit count is rejected, our choice).
fn parse_scaled(number: &str, scale: u64) -> Option<u32> {
    if number.is_empty() || number.len() > 18 {
        return None;
    }
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let numerator: u128 = digits
        .parse::<u128>()
        .ok()?
        .checked_mul(u128::from(scale))?;
    let denominator = 10u128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    if !numerator.is_multiple_of(denominator) {
        return None;
    }
    let value = u32::try_from(numerator / denominator).ok()?;
    (value > 0).then_some(value)
}

// ---------------------------------------------------------------------------------------------
// Reading the request JSON (null is treated as absent everywhere: console exports carry nulls)
// ---------------------------------------------------------------------------------------------

pub(super) fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// Our wording: the CLI catches most type errors client-side; this is what reaches the API.
fn type_error(path: &str, expected: &str) -> TaskDefError {
    TaskDefError::invalid_parameter(format!(
        "Invalid type for parameter {path}, expected {expected}."
    ))
}

pub(super) fn get_str(map: &Map<String, Value>, key: &str, path: &str) -> Result<Option<String>> {
    match present(map, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(type_error(&format!("{path}{key}"), "a string")),
    }
}

pub(super) fn get_int(map: &Map<String, Value>, key: &str, path: &str) -> Result<Option<i64>> {
    match present(map, key) {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| type_error(&format!("{path}{key}"), "an integer")),
    }
}

pub(super) fn get_bool(map: &Map<String, Value>, key: &str, path: &str) -> Result<Option<bool>> {
    match present(map, key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(type_error(&format!("{path}{key}"), "a boolean")),
    }
}

pub(super) fn get_array<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'a [Value]> {
    match present(map, key) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items.as_slice()),
        Some(_) => Err(type_error(&format!("{path}{key}"), "a list")),
    }
}

pub(super) fn as_object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| type_error(path, "a structure"))
}

/// The JSON type an API member must have.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Structure,
    List,
    Text,
    Integer,
    Boolean,
}

/// A member this module keeps verbatim, after checking its JSON type (the API would refuse a
/// list where a structure belongs before any ECS rule runs).
pub(super) fn member(
    map: &Map<String, Value>,
    key: &str,
    path: &str,
    kind: Kind,
) -> Result<Option<Value>> {
    let Some(value) = present(map, key) else {
        return Ok(None);
    };
    let (ok, expected) = match kind {
        Kind::Structure => (value.is_object(), "a structure"),
        Kind::List => (value.is_array(), "a list"),
        Kind::Text => (value.is_string(), "a string"),
        Kind::Integer => (value.is_i64(), "an integer"),
        Kind::Boolean => (value.is_boolean(), "a boolean"),
    };
    if !ok {
        return Err(type_error(&format!("{path}{key}"), expected));
    }
    Ok(Some(value.clone()))
}

/// A non-empty string option: ECS treats `""` like an absent role ARN (our choice).
pub(super) fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|s| !s.is_empty())
}

/// Whether a pass-through member is "set" in a way ECS would act on: `true`, a non-empty list or
/// object, a non-empty string or any number.
pub(super) fn is_set(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Array(items)) => !items.is_empty(),
        Some(Value::Object(members)) => !members.is_empty(),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

pub(super) fn is_resource_name(name: &str) -> bool {
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// ECS's request-size limit; the message is the one ECS returns [obs].
pub(super) fn check_request_size(request: &Value) -> Result<()> {
    let length = serde_json::to_string(request).map_or(0, |s| s.len());
    if length > MAX_REQUEST_BYTES {
        return Err(TaskDefError::client(format!(
            "Actual length: '{length}'. Max allowed length is '{MAX_REQUEST_BYTES}' bytes."
        )));
    }
    Ok(())
}

pub(super) fn parse_family(map: &Map<String, Value>) -> Result<String> {
    let family = get_str(map, "family", "")?.unwrap_or_default();
    if family.is_empty() {
        // Our wording (moto's style for missing members).
        return Err(TaskDefError::client("Family should not be null or empty."));
    }
    if family.chars().count() > MAX_NAME_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Family must be no longer than 255 characters.",
        ));
    }
    if !is_resource_name(&family) {
        // Our wording, after ECS's "Container.image contains invalid characters." [obs].
        return Err(TaskDefError::client("Family contains invalid characters."));
    }
    Ok(family)
}

pub(super) fn container_list(map: &Map<String, Value>) -> Result<&[Value]> {
    let containers = get_array(map, "containerDefinitions", "")?;
    if containers.is_empty() {
        // [obs]: what ECS returns for `--container-definitions '[]'`.
        return Err(TaskDefError::client("Container list cannot be empty."));
    }
    if containers.len() > MAX_CONTAINERS {
        // [obs] "ClientException: Too many containers" (trailing period our choice).
        return Err(TaskDefError::client("Too many containers."));
    }
    Ok(containers)
}

pub(super) fn parse_requires_compatibilities(
    map: &Map<String, Value>,
) -> Result<Option<Vec<Compatibility>>> {
    if present(map, "requiresCompatibilities").is_none() {
        return Ok(None);
    }
    let mut list = Vec::new();
    for (i, item) in get_array(map, "requiresCompatibilities", "")?
        .iter()
        .enumerate()
    {
        let value = item
            .as_str()
            .ok_or_else(|| type_error(&format!("requiresCompatibilities[{i}]"), "a string"))?;
        let Some(compatibility) = Compatibility::parse(value) else {
            return Err(enum_error(
                "requiresCompatibilities",
                value,
                &COMPATIBILITIES,
            ));
        };
        list.push(compatibility);
    }
    Ok(Some(list))
}

/// Our wording, in the style of AWS's enum validation messages.
pub(super) fn enum_error(member: &str, value: &str, allowed: &[&str]) -> TaskDefError {
    TaskDefError::invalid_parameter(format!(
        "Invalid value '{value}' for {member}. Valid values are: {}.",
        allowed.join(", ")
    ))
}

pub(super) fn parse_enum(
    map: &Map<String, Value>,
    key: &str,
    allowed: &[&str],
) -> Result<Option<String>> {
    match get_str(map, key, "")? {
        None => Ok(None),
        Some(value) if allowed.contains(&value.as_str()) => Ok(Some(value)),
        Some(value) => Err(enum_error(key, &value, allowed)),
    }
}

/// Task `cpu`/`memory`: a string in units or "N vCPU"/"N GB" form, stored as an integer string.
pub(super) fn parse_task_size(
    map: &Map<String, Value>,
    key: &str,
    normalize: fn(&str) -> Option<u32>,
) -> Result<Option<u32>> {
    let Some(value) = present(map, key) else {
        return Ok(None);
    };
    // The API member is a string; a bare number never reaches ECS through the CLI, and ECS
    // itself refuses it (same message as any other bad value, our choice).
    let parsed = value.as_str().and_then(normalize);
    match parsed {
        Some(units) => Ok(Some(units)),
        // "Invalid 'cpu' setting for task." is ECS's text [doc]; the memory twin is our wording.
        None => Err(TaskDefError::client(format!(
            "Invalid '{key}' setting for task."
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// Volumes, placement constraints, ephemeral storage
// ---------------------------------------------------------------------------------------------

pub(super) fn parse_volumes(map: &Map<String, Value>) -> Result<Vec<Volume>> {
    let mut volumes = Vec::new();
    let mut names = BTreeSet::new();
    for (i, value) in get_array(map, "volumes", "")?.iter().enumerate() {
        let path = format!("volumes[{i}].");
        let volume_map = as_object(value, &format!("volumes[{i}]"))?;
        let name = get_str(volume_map, "name", &path)?.unwrap_or_default();
        if name.is_empty() {
            // Our wording.
            return Err(TaskDefError::client(
                "Volume.name should not be null or empty.",
            ));
        }
        if !names.insert(name.clone()) {
            // Our wording.
            return Err(TaskDefError::client(format!(
                "Volume names must be unique within a task definition. Duplicate name: '{name}'."
            )));
        }
        let mut volume = Volume {
            name,
            host: member(volume_map, "host", &path, Kind::Structure)?,
            configured_at_launch: member(volume_map, "configuredAtLaunch", &path, Kind::Boolean)?,
            docker_volume_configuration: member(
                volume_map,
                "dockerVolumeConfiguration",
                &path,
                Kind::Structure,
            )?,
            efs_volume_configuration: member(
                volume_map,
                "efsVolumeConfiguration",
                &path,
                Kind::Structure,
            )?,
            fsx_windows_file_server_volume_configuration: member(
                volume_map,
                "fsxWindowsFileServerVolumeConfiguration",
                &path,
                Kind::Structure,
            )?,
        };
        // [obs] ECS describes a volume registered with only a name as `"host": {}`.
        let configured = volume.docker_volume_configuration.is_some()
            || volume.efs_volume_configuration.is_some()
            || volume
                .fsx_windows_file_server_volume_configuration
                .is_some();
        if volume.host.is_none() && !configured {
            volume.host = Some(Value::Object(Map::new()));
        }
        volumes.push(volume);
    }
    Ok(volumes)
}

pub(super) fn parse_placement_constraints(
    map: &Map<String, Value>,
) -> Result<Vec<PlacementConstraint>> {
    let raw = get_array(map, "placementConstraints", "")?;
    if raw.len() > MAX_PLACEMENT_CONSTRAINTS {
        // Our wording.
        return Err(TaskDefError::client(
            "Too many placement constraints. A task definition can have at most 10.",
        ));
    }
    raw.iter()
        .enumerate()
        .map(|(i, value)| parse_placement_constraint(value, i))
        .collect()
}

fn parse_placement_constraint(value: &Value, index: usize) -> Result<PlacementConstraint> {
    let path = format!("placementConstraints[{index}].");
    let map = as_object(value, &format!("placementConstraints[{index}]"))?;
    let constraint_type = get_str(map, "type", &path)?.unwrap_or_default();
    let expression = get_str(map, "expression", &path)?;
    match constraint_type.as_str() {
        "memberOf" => {}
        // [obs: aws-cdk-examples capture] distinctInstance is for RunTask/CreateService only.
        "distinctInstance" => {
            return Err(TaskDefError::client(
                "constraint.type 'distinctInstance' is not supported.",
            ))
        }
        other => {
            return Err(enum_error(
                "placementConstraints.type",
                other,
                &["memberOf"],
            ))
        }
    }
    let text = expression.as_deref().unwrap_or("");
    if text.trim().is_empty() {
        // Our wording.
        return Err(TaskDefError::client(
            "A memberOf placement constraint must have an expression.",
        ));
    }
    if text.chars().count() > MAX_CONSTRAINT_EXPRESSION_CHARS {
        // Our wording.
        return Err(TaskDefError::client(
            "Placement constraint expression must be at most 2000 characters.",
        ));
    }
    Ok(PlacementConstraint {
        constraint_type,
        expression,
    })
}

pub(super) fn parse_ephemeral_storage(
    map: &Map<String, Value>,
) -> Result<Option<EphemeralStorage>> {
    let Some(value) = present(map, "ephemeralStorage") else {
        return Ok(None);
    };
    let storage = as_object(value, "ephemeralStorage")?;
    let size = get_int(storage, "sizeInGiB", "ephemeralStorage.")?.unwrap_or(0);
    let (min, max) = EPHEMERAL_STORAGE_GIB_RANGE;
    // Both texts [obs] (cdk-preflight capture).
    if size < i64::from(min) {
        return Err(TaskDefError::client(format!(
            "EphemeralStorage size should be at least {min}"
        )));
    }
    if size > i64::from(max) {
        return Err(TaskDefError::client(format!(
            "EphemeralStorage size should be at most {max}"
        )));
    }
    let size_in_gib = u32::try_from(size).unwrap_or(max);
    Ok(Some(EphemeralStorage { size_in_gib }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::task_def::testing::{
        check_table, client, ec2, fargate, invalid, patch, patch_container,
    };
    use crate::model::task_def::{validate, NETWORK_MODES};
    use serde_json::json;

    #[test]
    fn normalises_cpu_strings() {
        let table = [
            ("1 vCPU", Some(1024)),
            ("0.5 vCPU", Some(512)),
            ("0.25 vcpu", Some(256)),
            ("2 VCPU", Some(2048)),
            ("16vCPU", Some(16384)),
            ("1024", Some(1024)),
            (" 256 ", Some(256)),
            ("0.3 vCPU", None),
            ("1.5", None),
            ("0", None),
            ("-1", None),
            ("abc", None),
            ("", None),
            ("vCPU", None),
            ("1e3", None),
            ("99999999999999", None),
        ];
        for (text, expected) in table {
            assert_eq!(normalize_task_cpu(text), expected, "cpu {text:?}");
        }
    }

    #[test]
    fn normalises_memory_strings() {
        let table = [
            ("2 GB", Some(2048)),
            ("2GB", Some(2048)),
            ("2 gb", Some(2048)),
            ("0.5 GB", Some(512)),
            ("1.5GB", Some(1536)),
            ("1024", Some(1024)),
            ("512 MiB", Some(512)),
            ("3 GiB", Some(3072)),
            ("GB", None),
            ("2 TB", None),
            ("0", None),
            ("1.0001 GB", None),
        ];
        for (text, expected) in table {
            assert_eq!(normalize_task_memory(text), expected, "memory {text:?}");
        }
    }

    #[test]
    fn registration_stores_normalised_task_size() {
        let table = [
            ("1 vCPU", "2 GB", "1024", "2048"),
            ("0.5 vCPU", "2GB", "512", "2048"),
            ("0.25 vcpu", "1024", "256", "1024"),
            ("1024", "8GB", "1024", "8192"),
        ];
        for (cpu, memory, want_cpu, want_memory) in table {
            let td = validate(&patch(fargate(), json!({"cpu": cpu, "memory": memory})))
                .unwrap_or_else(|e| panic!("{cpu}/{memory}: {e}"));
            assert_eq!(td.cpu.as_deref(), Some(want_cpu));
            assert_eq!(td.memory.as_deref(), Some(want_memory));
            let out = serde_json::to_value(&td).unwrap_or_default();
            assert_eq!(out["cpu"], json!(want_cpu));
            assert_eq!(out["memory"], json!(want_memory));
        }
    }

    #[test]
    fn request_shape_rules() {
        let mut eleven = Vec::new();
        for i in 0..11 {
            eleven.push(json!({"name": format!("c{i}"), "image": "nginx", "memory": 64}));
        }
        let too_large = patch(ec2(), json!({"family": "x".repeat(MAX_REQUEST_BYTES)}));
        check_table(vec![
            invalid(
                "not an object",
                json!([1, 2]),
                "The request body must be a JSON object.",
            ),
            client(
                "no family",
                patch(ec2(), json!({"family": null})),
                "Family should not be null or empty.",
            ),
            client(
                "empty family",
                patch(ec2(), json!({"family": ""})),
                "Family should not be null or empty.",
            ),
            client(
                "family chars",
                patch(ec2(), json!({"family": "my app"})),
                "Family contains invalid characters.",
            ),
            client(
                "family dot",
                patch(ec2(), json!({"family": "my.app"})),
                "Family contains invalid characters.",
            ),
            client(
                "family length",
                patch(ec2(), json!({"family": "f".repeat(256)})),
                "Family must be no longer than 255 characters.",
            ),
            client(
                "no containers",
                patch(ec2(), json!({"containerDefinitions": null})),
                "Container list cannot be empty.",
            ),
            client(
                "empty containers",
                patch(ec2(), json!({"containerDefinitions": []})),
                "Container list cannot be empty.",
            ),
            client(
                "eleven containers",
                patch(ec2(), json!({"containerDefinitions": eleven})),
                "Too many containers.",
            ),
            invalid(
                "containers not a list",
                patch(ec2(), json!({"containerDefinitions": {"name": "x"}})),
                "Invalid type for parameter containerDefinitions, expected a list.",
            ),
            invalid(
                "container not an object",
                patch(ec2(), json!({"containerDefinitions": ["nginx"]})),
                "Invalid type for parameter containerDefinitions[0], expected a structure.",
            ),
            invalid(
                "cpu wrong type",
                patch_container(ec2(), json!({"cpu": "256"})),
                "Invalid type for parameter containerDefinitions[0].cpu, expected an integer.",
            ),
            invalid(
                "pass-through member wrong type",
                patch_container(ec2(), json!({"linuxParameters": 90})),
                "Invalid type for parameter containerDefinitions[0].linuxParameters, expected a structure.",
            ),
            invalid(
                "volume host wrong type",
                patch(ec2(), json!({"volumes": [{"name": "v", "host": "/var/log"}]})),
                "Invalid type for parameter volumes[0].host, expected a structure.",
            ),
            client(
                "too large",
                too_large.clone(),
                &format!(
                    "Actual length: '{}'. Max allowed length is '65536' bytes.",
                    serde_json::to_string(&too_large).map_or(0, |t| t.len())
                ),
            ),
        ]);
        assert!(validate(&patch(ec2(), json!({"family": "f".repeat(255)}))).is_ok());
        let ten: Vec<Value> = (0..10)
            .map(|i| json!({"name": format!("c{i}"), "image": "nginx", "memory": 64}))
            .collect();
        assert!(validate(&patch(ec2(), json!({"containerDefinitions": ten}))).is_ok());
    }

    #[test]
    fn enum_rules() {
        check_table(vec![
            invalid("network mode", patch(ec2(), json!({"networkMode": "nat"})),
                "Invalid value 'nat' for networkMode. Valid values are: bridge, host, awsvpc, none."),
            invalid("pid mode", patch(ec2(), json!({"pidMode": "container"})),
                "Invalid value 'container' for pidMode. Valid values are: host, task."),
            invalid("ipc mode", patch(ec2(), json!({"ipcMode": "shareable"})),
                "Invalid value 'shareable' for ipcMode. Valid values are: host, task, none."),
            invalid("compatibility", patch(ec2(), json!({"requiresCompatibilities": ["LAMBDA"]})),
                "Invalid value 'LAMBDA' for requiresCompatibilities. Valid values are: EC2, FARGATE, EXTERNAL."),
            invalid("protocol", patch_container(ec2(), json!({"portMappings": [{"containerPort": 53, "protocol": "sctp"}]})),
                "Invalid value 'sctp' for protocol. Valid values are: tcp, udp."),
            invalid("app protocol", patch_container(ec2(), json!({"portMappings": [{"containerPort": 80, "appProtocol": "HTTP"}]})),
                "Invalid value 'HTTP' for appProtocol. Valid values are: http, http2, grpc."),
        ]);
        for mode in NETWORK_MODES {
            let request = patch(ec2(), json!({"networkMode": mode}));
            let td = validate(&request).unwrap_or_else(|e| panic!("{mode}: {e}"));
            assert_eq!(td.network_mode().as_str(), mode);
        }
    }

    #[test]
    fn placement_constraint_rules() {
        let with = |c: Value| patch(ec2(), json!({"placementConstraints": c}));
        let member =
            json!({"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"});
        let eleven: Vec<Value> = (0..11).map(|_| member.clone()).collect();
        let ten: Vec<Value> = (0..10).map(|_| member.clone()).collect();
        check_table(vec![
            client(
                "distinctInstance",
                with(json!([{"type": "distinctInstance"}])),
                "constraint.type 'distinctInstance' is not supported.",
            ),
            invalid(
                "unknown type",
                with(json!([{"type": "spread", "expression": "x"}])),
                "Invalid value 'spread' for placementConstraints.type. Valid values are: memberOf.",
            ),
            client(
                "no expression",
                with(json!([{"type": "memberOf"}])),
                "A memberOf placement constraint must have an expression.",
            ),
            client(
                "long expression",
                with(json!([{"type": "memberOf", "expression": "a".repeat(2001)}])),
                "Placement constraint expression must be at most 2000 characters.",
            ),
            client(
                "eleven",
                with(json!(eleven)),
                "Too many placement constraints. A task definition can have at most 10.",
            ),
        ]);
        let td = validate(&with(json!(ten))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(td.placement_constraints.len(), 10);
        let out = serde_json::to_value(&td).unwrap_or_default();
        assert_eq!(out["placementConstraints"][0], member);
        assert!(validate(&with(
            json!([{"type": "memberOf", "expression": "a".repeat(2000)}])
        ))
        .is_ok());
    }

    #[test]
    fn ephemeral_storage_rules() {
        let sized = |n: i64| patch(fargate(), json!({"ephemeralStorage": {"sizeInGiB": n}}));
        check_table(vec![
            client("20", sized(20), "EphemeralStorage size should be at least 21"),
            client("201", sized(201), "EphemeralStorage size should be at most 200"),
            client("on EC2", patch(ec2(), json!({"ephemeralStorage": {"sizeInGiB": 30}})),
                "Ephemeral storage is only supported for task definitions that require FARGATE compatibility."),
        ]);
        for n in [21, 200] {
            let td = validate(&sized(n)).unwrap_or_else(|e| panic!("{e}"));
            let out = serde_json::to_value(&td).unwrap_or_default();
            assert_eq!(out["ephemeralStorage"], json!({"sizeInGiB": n}));
        }
    }
}
