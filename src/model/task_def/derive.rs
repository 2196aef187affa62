//! The output-only members ECS derives at registration: `compatibilities` and
//! `requiresAttributes`.

use super::parse::is_set;
use super::rules::{check_fargate_rules, is_private_ecr_image};
use super::types::{
    log_driver, Attribute, Compatibility, ContainerDefinition, NetworkMode, TaskDefinition,
};
use serde_json::Value;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Derived output members
// ---------------------------------------------------------------------------------------------

/// `compatibilities`: the launch types the definition is valid for. Observed shapes: a
/// Fargate-valid awsvpc definition lists `["EC2","FARGATE"]`; a bridge/host/none definition
/// lists `["EXTERNAL","EC2"]` (ECS Anywhere has no awsvpc) [obs]. An awsvpc definition that
/// fails the Fargate rules lists `["EC2"]` (our interpretation).
pub(super) fn derive_compatibilities(td: &TaskDefinition) -> Vec<Compatibility> {
    use Compatibility::{Ec2, External, Fargate};
    if td.network_mode() != NetworkMode::Awsvpc {
        vec![External, Ec2]
    } else if td.requires_fargate() || check_fargate_rules(td).is_ok() {
        vec![Ec2, Fargate]
    } else {
        vec![Ec2]
    }
}

/// `requiresAttributes`: the agent capabilities a container instance must advertise to run the
/// task on EC2. ECS does not document the mapping; this is our interpretation of real
/// `describe-task-definition` outputs, in the order those outputs list them (e.g. Fargate +
/// awslogs gives logging-driver.awslogs, execution-role-awslogs, docker-remote-api.1.19,
/// docker-remote-api.1.18, task-eni).
pub(super) fn derive_requires_attributes(td: &TaskDefinition) -> Vec<Attribute> {
    let containers = &td.container_definitions;
    let any = |f: &dyn Fn(&ContainerDefinition) -> bool| containers.iter().any(f);
    let has_role = td.execution_role_arn.is_some();
    let mut names: Vec<String> = Vec::new();
    for container in containers {
        if let Some(driver) = log_driver(container) {
            names.push(format!(
                "com.amazonaws.ecs.capability.logging-driver.{driver}"
            ));
        }
    }
    let health = any(&|c| c.health_check.is_some());
    let ecr = any(&|c| is_private_ecr_image(&c.image));
    let awslogs = any(&|c| log_driver(c) == Some("awslogs"));
    let awsvpc = td.network_mode() == NetworkMode::Awsvpc;
    let wanted: [(bool, &str); 13] = [
        (
            health,
            "com.amazonaws.ecs.capability.docker-remote-api.1.24",
        ),
        (awslogs && has_role, "ecs.capability.execution-role-awslogs"),
        (ecr, "com.amazonaws.ecs.capability.ecr-auth"),
        (
            any(&|c| c.log_configuration.is_some()),
            "com.amazonaws.ecs.capability.docker-remote-api.1.19",
        ),
        (
            td.volumes
                .iter()
                .any(|v| v.efs_volume_configuration.is_some()),
            "ecs.capability.efs",
        ),
        (
            // Mounting with an access point or IAM needs the agent's EFS authorization.
            td.volumes.iter().any(|v| {
                v.efs_volume_configuration
                    .as_ref()
                    .and_then(|c| c.get("authorizationConfig"))
                    .is_some_and(|a| {
                        a.get("accessPointId").is_some()
                            || a.get("iam").and_then(|i| i.as_str()) == Some("ENABLED")
                    })
            }),
            "ecs.capability.efsAuth",
        ),
        (td.task_role_arn.is_some(), task_role_attribute(td)),
        (health, "ecs.capability.container-health-check"),
        (
            any(&|c| is_set(c.depends_on.as_ref())),
            "ecs.capability.container-ordering",
        ),
        (ecr && has_role, "ecs.capability.execution-role-ecr-pull"),
        (
            any(&|c| secret_source(c, ":ssm:")),
            "ecs.capability.secrets.ssm.environment-variables",
        ),
        (
            any(&|c| secret_source(c, ":secretsmanager:")),
            "ecs.capability.secrets.asm.environment-variables",
        ),
        (
            any(&|c| c.privileged.as_ref().and_then(Value::as_bool) == Some(true)),
            "com.amazonaws.ecs.capability.privileged-container",
        ),
    ];
    names.extend(
        wanted
            .iter()
            .filter(|(needed, _)| *needed)
            .map(|(_, name)| name.to_string()),
    );
    if awsvpc {
        names.push("com.amazonaws.ecs.capability.docker-remote-api.1.18".to_string());
        names.push("ecs.capability.task-eni".to_string());
    }
    let mut seen = BTreeSet::new();
    names
        .into_iter()
        .filter(|name| seen.insert(name.clone()))
        .map(|name| Attribute { name })
        .collect()
}

/// Host-mode tasks need the agent's separate task-role proxy capability.
fn task_role_attribute(td: &TaskDefinition) -> &'static str {
    if td.network_mode() == NetworkMode::Host {
        "com.amazonaws.ecs.capability.task-iam-role-network-host"
    } else {
        "com.amazonaws.ecs.capability.task-iam-role"
    }
}

/// Whether a container has a secret whose `valueFrom` names the given service (`:ssm:` or
/// `:secretsmanager:`); a bare SSM parameter name also counts as SSM.
fn secret_source(container: &ContainerDefinition, service: &str) -> bool {
    container
        .secrets
        .as_ref()
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("valueFrom").and_then(Value::as_str))
        .any(|from| from.contains(service) || (service == ":ssm:" && !from.starts_with("arn:")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::task_def::testing::{ec2, fargate, patch, patch_container};
    use crate::model::task_def::validate;
    use serde_json::json;

    #[test]
    fn compatibilities_follow_network_mode_and_fargate_rules() {
        let awsvpc_ec2 = patch(ec2(), json!({"networkMode": "awsvpc"}));
        let table = [
            (ec2(), vec!["EXTERNAL", "EC2"]),
            (
                patch(
                    ec2(),
                    json!({"requiresCompatibilities": ["EC2"], "networkMode": "host"}),
                ),
                vec!["EXTERNAL", "EC2"],
            ),
            (awsvpc_ec2.clone(), vec!["EC2"]),
            (
                patch(awsvpc_ec2, json!({"cpu": "256", "memory": "512"})),
                vec!["EC2", "FARGATE"],
            ),
            (fargate(), vec!["EC2", "FARGATE"]),
        ];
        for (request, expected) in table {
            let td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
            let got: Vec<&str> = td.compatibilities.iter().map(|c| c.as_str()).collect();
            assert_eq!(got, expected, "{request}");
        }
    }

    #[test]
    fn requires_attributes_follow_the_observed_order() {
        let request = patch(
            patch_container(
                fargate(),
                json!({
                    "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1",
                    "logConfiguration": {"logDriver": "awslogs", "options": {}},
                    "healthCheck": {"command": ["CMD-SHELL", "true"]},
                    "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:111122223333:parameter/db"}],
                    "dependsOn": [{"containerName": "app", "condition": "START"}]
                }),
            ),
            json!({"taskRoleArn": "arn:aws:iam::111122223333:role/app"}),
        );
        let td = validate(&request).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = td
            .requires_attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "com.amazonaws.ecs.capability.logging-driver.awslogs",
                "com.amazonaws.ecs.capability.docker-remote-api.1.24",
                "ecs.capability.execution-role-awslogs",
                "com.amazonaws.ecs.capability.ecr-auth",
                "com.amazonaws.ecs.capability.docker-remote-api.1.19",
                "com.amazonaws.ecs.capability.task-iam-role",
                "ecs.capability.container-health-check",
                "ecs.capability.container-ordering",
                "ecs.capability.execution-role-ecr-pull",
                "ecs.capability.secrets.ssm.environment-variables",
                "com.amazonaws.ecs.capability.docker-remote-api.1.18",
                "ecs.capability.task-eni",
            ]
        );
        let host = validate(&patch(
            ec2(),
            json!({"networkMode": "host", "taskRoleArn": "arn:aws:iam::1:role/r"}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            host.requires_attributes,
            vec![Attribute {
                name: "com.amazonaws.ecs.capability.task-iam-role-network-host".to_string()
            }]
        );
    }
}
