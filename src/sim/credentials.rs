//! Whose credentials a task's code calls AWS with (ECS-REFERENCE.md §8.1), and what IAM says
//! to a call made with them.
//!
//! A task with a task role gets that role's credentials (the agent serves them at
//! 169.254.170.2, and the role must trust `ecs-tasks.amazonaws.com`). Without one, code on EC2
//! falls back, through the SDK's credential chain, to the instance role from the instance
//! metadata service: every task on the host then has the agent's permissions, which is what
//! task roles exist to prevent. On Fargate there is nothing to fall back on.

use super::World;
use crate::model::catalog::{ACCOUNT_ID, REGION};
use crate::model::iam::eval::{Context, Evaluation, Request};
use crate::model::iam::{self, Role};
use crate::model::task::Task;

/// Where a task's credentials come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Credentials<'a> {
    /// The task role.
    TaskRole(&'a Role),
    /// No task role: the instance's role, through the instance metadata service (EC2 only).
    InstanceRole {
        role: &'a Role,
        instance_id: &'a str,
    },
    /// None at all, and why.
    None(NoCredentials),
}

/// Why a task's code finds no credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoCredentials {
    /// The task role named does not exist (any more).
    RoleMissing(String),
    /// The task role does not trust `ecs-tasks.amazonaws.com`, so ECS cannot assume it.
    RoleNotTrusted(String),
    /// No task role, on Fargate (no instance role to fall back on).
    FargateWithoutTaskRole,
    /// No task role, and the instance has no role either.
    InstanceWithoutRole(String),
}

impl std::fmt::Display for NoCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoCredentials::RoleMissing(arn) => write!(
                f,
                "the task role {arn} does not exist, so ECS has no credentials to give the task"
            ),
            NoCredentials::RoleNotTrusted(arn) => write!(
                f,
                "ECS could not assume the task role {arn}: its trust policy does not let \
                 ecs-tasks.amazonaws.com assume it"
            ),
            NoCredentials::FargateWithoutTaskRole => f.write_str(
                "the task has no task role, and on Fargate there is no instance role to fall \
                 back on: Unable to locate credentials",
            ),
            NoCredentials::InstanceWithoutRole(id) => write!(
                f,
                "the task has no task role, and instance {id} has no instance role either: \
                 Unable to locate credentials"
            ),
        }
    }
}

/// The task role a task runs with: its RunTask override, else its task definition's.
pub fn task_role_arn<'a>(world: &'a World, task: &'a Task) -> Option<&'a str> {
    if let Some(arn) = task.overrides.get("taskRoleArn").and_then(|v| v.as_str()) {
        return Some(arn);
    }
    world.definition_of(task)?.task_role_arn.as_deref()
}

/// The role held by an EC2 instance's instance profile.
pub fn instance_role<'a>(world: &'a World, instance_id: &str) -> Option<&'a Role> {
    let profile_arn = world
        .instances
        .get(instance_id)?
        .instance_profile_arn
        .as_ref()?;
    let profile = world
        .instance_profiles
        .values()
        .find(|p| &p.arn == profile_arn)?;
    world.roles.get(profile.role.as_ref()?).map(Box::as_ref)
}

/// Where the task's code gets its credentials.
pub fn of_task<'a>(world: &'a World, task: &'a Task) -> Credentials<'a> {
    if let Some(arn) = task_role_arn(world, task) {
        let Some(role) = world.roles.values().find(|r| r.arn == arn) else {
            return Credentials::None(NoCredentials::RoleMissing(arn.to_string()));
        };
        if !iam::trusts_service(&role.assume_role_policy.document, "ecs-tasks.amazonaws.com") {
            return Credentials::None(NoCredentials::RoleNotTrusted(arn.to_string()));
        }
        return Credentials::TaskRole(role);
    }
    if task.launch_type.is_fargate() {
        return Credentials::None(NoCredentials::FargateWithoutTaskRole);
    }
    match instance_role(world, &task.ec2_instance_id) {
        Some(role) => Credentials::InstanceRole {
            role,
            instance_id: &task.ec2_instance_id,
        },
        None => Credentials::None(NoCredentials::InstanceWithoutRole(
            task.ec2_instance_id.clone(),
        )),
    }
}

/// The principal a call is made as: the role's session (named after the task, or the
/// instance).
pub fn session_arn(creds: &Credentials, task: &Task) -> Option<String> {
    let (role, session) = match creds {
        Credentials::TaskRole(r) => (r, task.id.as_str()),
        Credentials::InstanceRole { role, instance_id } => (role, *instance_id),
        Credentials::None(_) => return None,
    };
    Some(format!(
        "arn:aws:sts::{ACCOUNT_ID}:assumed-role/{}/{session}",
        role.name
    ))
}

/// The request context a call from the task carries, beside what the caller adds: the region,
/// the principal, and the role's tags as `aws:PrincipalTag/...`.
pub fn context(role: &Role, extra: &[(String, String)]) -> Context {
    let mut ctx = Context::new()
        .with("aws:RequestedRegion", REGION)
        .with("aws:PrincipalArn", &role.arn);
    for t in &role.tags {
        ctx.set(
            &format!("aws:PrincipalTag/{}", t.key),
            vec![t.value.clone()],
        );
    }
    for (k, v) in extra {
        ctx.set(k, vec![v.clone()]);
    }
    ctx
}

/// IAM's decision on a call `action` on `resource` made with a role's credentials.
pub fn decide<'a>(world: &'a World, role: &'a Role, request: &Request) -> Evaluation<'a> {
    let customer = |a: &str| world.policies.get(a).map(Box::as_ref);
    iam::role_policies(role, &customer).evaluate(request)
}
