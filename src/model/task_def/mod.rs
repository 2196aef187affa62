//! The ECS task definition, as `RegisterTaskDefinition` accepts, validates, normalises and
//! `DescribeTaskDefinition` returns it.
//!
//! A task definition is the blueprint ECS launches tasks from: a `family`, up to ten
//! `containerDefinitions`, a network mode and (for Fargate) a task size. Registration is where
//! ECS rejects impossible blueprints, so this module is where a learner meets ECS's rules:
//! the Fargate size table, the awsvpc/host port rules, the execution-role requirements, the
//! parameters Fargate does not support. Each rule returns the error text ECS returns; where
//! AWS's exact text is not known the message is written in AWS's style and marked
//! "our wording" in a comment.
//!
//! Normalisation mirrors what ECS stores: `"1 vCPU"` becomes `"1024"`, `"2 GB"` becomes
//! `"2048"`, every container gets `cpu: 0`, `essential: true`, empty `environment`,
//! `mountPoints`, `volumesFrom` and `systemControls`, port mappings get their `protocol` and
//! (per network mode) their `hostPort`, and the output-only members (`compatibilities`,
//! `requiresAttributes`, `status`) are derived. Serialising a [`TaskDefinition`] gives the JSON
//! `describe-task-definition` prints under `"taskDefinition"`, with AWS's member order (the
//! order of the API's `TaskDefinition` and `ContainerDefinition` shapes).
//!
//! The module is in five parts:
//! - `types`: the stored shapes ([`TaskDefinition`], [`ContainerDefinition`], ...), ECS's
//!   limits and [`TaskDefError`];
//! - `parse`: reading the request JSON, the task-level members and the normalisation of task
//!   `cpu`/`memory` ([`normalize_task_cpu`], [`normalize_task_memory`]);
//! - `container`: reading each container definition and its port mappings;
//! - `rules`: the rules that need the whole definition, Fargate's size table
//!   ([`fargate_memory_options_mib`]) among them;
//! - `derive`: the output-only `compatibilities` and `requiresAttributes`.
//!
//! [`validate`], below, is the pipeline: it reads the request (`parse`, `container`), checks the
//! whole (`rules`) and fills in the derived members (`derive`).

mod container;
mod derive;
mod parse;
mod rules;
#[cfg(test)]
mod testing;
mod types;

pub use parse::{normalize_task_cpu, normalize_task_memory};
pub use rules::{fargate_memory_options_mib, is_private_ecr_image, is_valid_fargate_size};
pub use types::{
    Attribute, Compatibility, ContainerDefinition, EphemeralStorage, NetworkMode,
    PlacementConstraint, PortMapping, TaskDefError, TaskDefinition, TaskDefinitionStatus, Volume,
    COMPATIBILITIES, EC2_TASK_CPU_RANGE, EPHEMERAL_STORAGE_GIB_RANGE, FARGATE_LOG_DRIVERS,
    FARGATE_MAX_STOP_TIMEOUT_SECONDS, MAX_CONSTRAINT_EXPRESSION_CHARS, MAX_CONTAINERS,
    MAX_NAME_CHARS, MAX_PLACEMENT_CONSTRAINTS, MAX_REQUEST_BYTES, MIN_CONTAINER_MEMORY_MIB,
    NETWORK_MODES,
};

use container::parse_containers;
use derive::{derive_compatibilities, derive_requires_attributes};
use parse::{
    check_request_size, container_list, get_bool, get_str, member, non_empty, parse_enum,
    parse_ephemeral_storage, parse_family, parse_placement_constraints,
    parse_requires_compatibilities, parse_task_size, parse_volumes, Kind,
};
use rules::check_task_rules;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// validate: the RegisterTaskDefinition pipeline
// ---------------------------------------------------------------------------------------------

/// Validates and normalises a RegisterTaskDefinition request (the JSON the API receives,
/// camelCase keys; unknown keys are rejected upstream so they are ignored here), producing
/// everything but the identity fields.
///
/// The result has `revision` 0, an empty `taskDefinitionArn`, `registeredAt` and
/// `registeredBy`; the caller fills them. Rules run in this order (AWS's own order is not
/// documented, our choice): request shape, family, container list, enums, task size strings,
/// containers (names, images, ports), volumes, placement constraints, then the task-level rules:
/// EC2 cpu range, awsvpc container rules, Fargate rules (when `requiresCompatibilities` contains
/// `FARGATE`), container memory and cpu rules, references between containers and volumes,
/// secrets' execution role, ephemeral storage.
pub fn validate(request: &Value) -> std::result::Result<TaskDefinition, TaskDefError> {
    let map = request.as_object().ok_or_else(|| {
        // Our wording.
        TaskDefError::invalid_parameter("The request body must be a JSON object.")
    })?;
    check_request_size(request)?;
    let family = parse_family(map)?;
    let raw_containers = container_list(map)?;
    let requires_compatibilities = parse_requires_compatibilities(map)?;
    let network_mode = parse_enum(map, "networkMode", &NETWORK_MODES)?;
    let pid_mode = parse_enum(map, "pidMode", &["host", "task"])?;
    let ipc_mode = parse_enum(map, "ipcMode", &["host", "task", "none"])?;
    let cpu = parse_task_size(map, "cpu", normalize_task_cpu)?;
    let memory = parse_task_size(map, "memory", normalize_task_memory)?;
    let mode = NetworkMode::of(network_mode.as_deref());
    let containers = parse_containers(raw_containers, mode)?;
    let mut td = TaskDefinition {
        task_definition_arn: String::new(),
        container_definitions: containers,
        family,
        task_role_arn: non_empty(get_str(map, "taskRoleArn", "")?),
        execution_role_arn: non_empty(get_str(map, "executionRoleArn", "")?),
        network_mode,
        revision: 0,
        volumes: parse_volumes(map)?,
        status: TaskDefinitionStatus::Active,
        requires_attributes: Vec::new(),
        placement_constraints: parse_placement_constraints(map)?,
        compatibilities: Vec::new(),
        runtime_platform: member(map, "runtimePlatform", "", Kind::Structure)?,
        requires_compatibilities,
        cpu: cpu.map(|c| c.to_string()),
        memory: memory.map(|m| m.to_string()),
        inference_accelerators: member(map, "inferenceAccelerators", "", Kind::List)?,
        pid_mode,
        ipc_mode,
        proxy_configuration: member(map, "proxyConfiguration", "", Kind::Structure)?,
        registered_at: String::new(),
        deregistered_at: None,
        registered_by: String::new(),
        ephemeral_storage: parse_ephemeral_storage(map)?,
        enable_fault_injection: get_bool(map, "enableFaultInjection", "")?,
    };
    check_task_rules(&td)?;
    td.compatibilities = derive_compatibilities(&td);
    td.requires_attributes = derive_requires_attributes(&td);
    Ok(td)
}

#[cfg(test)]
mod tests {
    use super::testing::{ec2, fargate};
    use super::*;

    #[test]
    fn the_base_requests_are_valid() {
        assert!(validate(&ec2()).is_ok());
        assert!(validate(&fargate()).is_ok());
    }
}

/// Random requests (proptest; native only, as proptest is): garbage never panics, every
/// rejection is a well-formed ECS error, and whatever is accepted round-trips through serde.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::testing::{fargate, patch, patch_container};
    use super::types::{CLIENT, INVALID_PARAMETER};
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use serde_json::json;

    /// Members the validator reads, so random objects reach past the first checks.
    const KEYS: [&str; 24] = [
        "family",
        "containerDefinitions",
        "networkMode",
        "cpu",
        "memory",
        "requiresCompatibilities",
        "name",
        "image",
        "portMappings",
        "containerPort",
        "hostPort",
        "protocol",
        "essential",
        "memoryReservation",
        "volumes",
        "placementConstraints",
        "ephemeralStorage",
        "sizeInGiB",
        "logConfiguration",
        "logDriver",
        "linuxParameters",
        "pidMode",
        "executionRoleArn",
        "mountPoints",
    ];

    /// Strings a request might plausibly hold, and a few it should not.
    const WORDS: [&str; 10] = [
        "",
        "1 vCPU",
        "2 GB",
        "awsvpc",
        "FARGATE",
        "nginx",
        "a b",
        "\u{2018}",
        "-5",
        "0.25 vcpu",
    ];

    /// Any JSON up to `depth` levels deep, objects keyed by the members above.
    fn garbage(depth: u32) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            prop::sample::select(&WORDS[..]).prop_map(Value::from),
            (0u32..1000).prop_map(|n| json!(f64::from(n) / 8.0)),
        ];
        leaf.prop_recursive(depth, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((prop::sample::select(&KEYS[..]), inner), 0..6).prop_map(
                    |members| {
                        Value::Object(
                            members
                                .into_iter()
                                .map(|(key, value)| (key.to_string(), value))
                                .collect(),
                        )
                    }
                ),
            ]
        })
    }

    /// Validates one request: a non-object is refused, a refusal carries an ECS code and a
    /// message, an accepted definition answers its accessors. Returns whether it was refused.
    fn check(value: &Value) -> std::result::Result<bool, TestCaseError> {
        let result = validate(value);
        if !value.is_object() {
            prop_assert!(result.is_err(), "non-object accepted: {}", value);
        }
        match result {
            Err(e) => {
                prop_assert!(e.code == CLIENT || e.code == INVALID_PARAMETER);
                prop_assert!(!e.message.is_empty());
                Ok(true)
            }
            Ok(td) => {
                let _ = (td.cpu_units(), td.memory_mib(), td.static_host_ports());
                Ok(false)
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn garbage_input_is_rejected_without_panicking(value in garbage(4)) {
            check(&value)?;
        }

        /// Each member of a valid request (or of its container) replaced by garbage: never a
        /// panic, and what is accepted still round-trips.
        #[test]
        fn mutated_valid_requests_never_panic(
            key in prop::sample::select(&KEYS[..]),
            value in garbage(3),
            in_container in any::<bool>(),
        ) {
            let mutated = if in_container {
                patch_container(fargate(), json!({ key: value }))
            } else {
                patch(fargate(), json!({ key: value }))
            };
            if let Ok(td) = validate(&mutated) {
                let text = serde_json::to_string(&td).unwrap_or_default();
                let back: std::result::Result<TaskDefinition, _> = serde_json::from_str(&text);
                prop_assert_eq!(back.ok(), Some(td));
            }
        }

        #[test]
        fn task_size_strings_never_panic(text in "[ .0123456789vcpuVCPUgbGBmie-]{0,12}") {
            let _ = (normalize_task_cpu(&text), normalize_task_memory(&text));
        }
    }

    /// Garbage is almost always refused: a validator that let much of it through would be
    /// missing rules. (A fixed sample from proptest's deterministic runner.)
    #[test]
    fn nearly_all_garbage_is_refused() {
        let mut runner = TestRunner::deterministic();
        let strategy = garbage(4);
        let mut rejected = 0;
        for _ in 0..3000 {
            let value = match strategy.new_tree(&mut runner) {
                Ok(tree) => tree.current(),
                Err(e) => panic!("{e}"),
            };
            match check(&value) {
                Ok(refused) => rejected += usize::from(refused),
                Err(e) => panic!("{e}"),
            }
        }
        assert!(rejected > 2900, "only {rejected} rejected");
    }
}
