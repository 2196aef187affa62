//! What a task's agent fetches before its containers start, and with whose permissions
//! (ECS-REFERENCE.md §8.1, §5.4): the registry credentials of a private ECR image, the log
//! streams of the `awslogs` driver, and the secrets from SSM Parameter Store or Secrets
//! Manager. The task execution role does it; on EC2 without one, the agent and the Docker
//! daemon use the instance role for ECR and `awslogs` (secrets always need the execution role,
//! which registration enforces). A denied call stops the task before it runs, with the agent's
//! error and IAM's sentence inside it.
//!
//! The surrounding texts follow the agents' errors as they are reported (Fargate platform 1.4:
//! `ResourceInitializationError: unable to pull secrets or registry auth: ...`; EC2:
//! `CannotPullECRContainerError: ...`); the retry counts inside them are our choice.

use super::credentials;
use super::World;
use crate::model::catalog::{ACCOUNT_ID, REGION};
use crate::model::iam::eval::{self, Request};
use crate::model::iam::{self, Role};
use crate::model::task::Task;
use crate::model::task_def::{is_private_ecr_image, ContainerDefinition, TaskDefinition};

/// One call the agent makes for the task, and what a denial of it becomes.
struct Need {
    action: &'static str,
    resource: String,
    what: Fetch,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fetch {
    Registry,
    Logs,
    Ssm,
    SecretsManager,
}

fn needs(td: &TaskDefinition, task: &Task) -> Vec<Need> {
    let mut out = Vec::new();
    for c in &td.container_definitions {
        if is_private_ecr_image(&c.image) {
            out.push(Need {
                action: "ecr:GetAuthorizationToken",
                resource: "*".into(),
                what: Fetch::Registry,
            });
            let repo = repository(&c.image);
            for action in ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] {
                out.push(Need {
                    action,
                    resource: format!("arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/{repo}"),
                    what: Fetch::Registry,
                });
            }
        }
        if let Some(group) = awslogs_group(c) {
            let prefix = log_option(c, "awslogs-stream-prefix").unwrap_or("ecs");
            let stream = format!("{prefix}/{}/{}", c.name, task.id);
            for action in ["logs:CreateLogStream", "logs:PutLogEvents"] {
                out.push(Need {
                    action,
                    resource: format!(
                        "arn:aws:logs:{REGION}:{ACCOUNT_ID}:log-group:{group}:log-stream:{stream}"
                    ),
                    what: Fetch::Logs,
                });
            }
        }
        for from in secret_sources(c) {
            let (action, what, resource) = if from.contains(":secretsmanager:") {
                ("secretsmanager:GetSecretValue", Fetch::SecretsManager, from)
            } else if from.starts_with("arn:") {
                ("ssm:GetParameters", Fetch::Ssm, from)
            } else {
                let name = from.trim_start_matches('/');
                (
                    "ssm:GetParameters",
                    Fetch::Ssm,
                    format!("arn:aws:ssm:{REGION}:{ACCOUNT_ID}:parameter/{name}"),
                )
            };
            out.push(Need {
                action,
                resource,
                what,
            });
        }
    }
    out
}

/// `123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0` -> `app`.
fn repository(image: &str) -> &str {
    let path = image.split_once('/').map_or(image, |(_, p)| p);
    let path = path.split('@').next().unwrap_or(path);
    path.rsplit_once(':').map_or(path, |(p, _)| p)
}

fn log_option<'a>(c: &'a ContainerDefinition, key: &str) -> Option<&'a str> {
    c.log_configuration
        .as_ref()?
        .get("options")?
        .get(key)?
        .as_str()
}

fn awslogs_group(c: &ContainerDefinition) -> Option<&str> {
    let driver = c.log_configuration.as_ref()?.get("logDriver")?.as_str()?;
    (driver == "awslogs").then(|| log_option(c, "awslogs-group").unwrap_or("default"))
}

fn secret_sources(c: &ContainerDefinition) -> Vec<String> {
    c.secrets
        .as_ref()
        .and_then(|s| s.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|s| s.get("valueFrom")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Why the task cannot start for want of a permission, or `None` when every fetch is allowed.
pub fn denied(world: &World, task: &Task) -> Option<String> {
    let td = world.definition_of(task)?;
    let needs = needs(td, task);
    if needs.is_empty() {
        return None;
    }
    let fargate = task.launch_type.is_fargate();
    // Whose permissions: the execution role, or on EC2 the instance role.
    let (role, session): (&Role, String) = match &td.execution_role_arn {
        Some(arn) => {
            let Some(role) = world.roles.values().find(|r| &r.arn == arn) else {
                return Some(unable_to_assume(arn));
            };
            if !iam::trusts_service(&role.assume_role_policy.document, "ecs-tasks.amazonaws.com") {
                return Some(unable_to_assume(arn));
            }
            (role, task.id.clone())
        }
        None => {
            let role = credentials::instance_role(world, &task.ec2_instance_id)?;
            (role, task.ec2_instance_id.clone())
        }
    };
    let principal = format!(
        "arn:aws:sts::{ACCOUNT_ID}:assumed-role/{}/{session}",
        role.name
    );
    let ctx = credentials::context(role, &[]);
    for need in &needs {
        let request = Request {
            action: need.action,
            resource: &need.resource,
            context: &ctx,
        };
        let decision = credentials::decide(world, role, &request);
        let Some(message) = eval::access_denied(&principal, &request, &decision) else {
            continue;
        };
        let denied = format!("AccessDeniedException: {message}");
        return Some(match (need.what, fargate) {
            (Fetch::Registry, true) => format!(
                "ResourceInitializationError: unable to pull secrets or registry auth: execution \
                 resource retrieval failed: unable to retrieve ecr registry auth: service call \
                 has been retried 3 time(s): {denied}"
            ),
            (Fetch::Registry, false) => format!("CannotPullECRContainerError: {denied}"),
            (Fetch::Logs, true) => format!(
                "ResourceInitializationError: failed to validate logger args: create stream has \
                 been retried 1 times: failed to create Cloudwatch log stream: {denied} : exit \
                 status 1"
            ),
            (Fetch::Logs, false) => format!(
                "CannotStartContainerError: Error response from daemon: failed to initialize \
                 logging driver: failed to create Cloudwatch log stream: {denied}"
            ),
            (Fetch::Ssm, _) => format!(
                "ResourceInitializationError: unable to pull secrets or registry auth: execution \
                 resource retrieval failed: unable to retrieve secrets from ssm: service call has \
                 been retried 1 time(s): {denied}"
            ),
            (Fetch::SecretsManager, _) => format!(
                "ResourceInitializationError: unable to pull secrets or registry auth: execution \
                 resource retrieval failed: unable to retrieve secret from asm: service call has \
                 been retried 1 time(s): failed to fetch secret {} from secrets manager: {denied}",
                need.resource
            ),
        });
    }
    None
}

/// ECS's text when it cannot assume a role it was given for a task.
fn unable_to_assume(arn: &str) -> String {
    format!(
        "ECS was unable to assume the role '{arn}' that was provided for this task. Please \
         verify that the role being passed has the proper trust relationship and permissions \
         and that your IAM user has permissions to pass this role."
    )
}

#[cfg(test)]
mod tests {
    use super::repository;

    #[test]
    fn repositories_are_read_from_image_names() {
        assert_eq!(
            repository("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.0"),
            "team/app"
        );
        assert_eq!(
            repository("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc"),
            "app"
        );
        assert_eq!(
            repository("123456789012.dkr.ecr.us-east-1.amazonaws.com/app"),
            "app"
        );
    }
}
