//! `iam:PassRole`: a caller who names roles for ECS to use (a task definition's task and
//! execution roles, RunTask's overrides, a service's) must be allowed to pass them
//! (ECS-REFERENCE.md §8.1).
//!
//! Who the caller is: the account's root user by default, which IAM never denies; after
//! `sim caller --role NAME`, a session of that role, whose policies the learner edits like any
//! other. Only PassRole is checked against the caller's policies (our choice: checking every
//! call against `Resource: "*"` would misjudge policies scoped to resources).

use super::error::ApiError;
use crate::model::catalog::{ACCOUNT_ID, REGION};
use crate::model::iam::eval::{self, Context, Request};
use crate::model::iam::role_policies;
use crate::sim::Sim;

/// The session name of the sandbox's caller when it acts as a role.
pub const SESSION: &str = "learner";

/// Checks that the caller may pass each role (ARNs; empty ones are skipped) to ECS tasks.
pub fn check(sim: &Sim, roles: &[Option<&str>]) -> Result<(), ApiError> {
    let Some(caller) = &sim.world.caller_role else {
        return Ok(());
    };
    let Some(role) = sim.world.roles.get(caller) else {
        return Ok(());
    };
    let principal = format!(
        "arn:aws:sts::{ACCOUNT_ID}:assumed-role/{}/{SESSION}",
        role.name
    );
    let ctx = Context::new()
        .with("aws:RequestedRegion", REGION)
        .with("aws:PrincipalArn", &role.arn)
        .with("iam:PassedToService", "ecs-tasks.amazonaws.com");
    let policies = &sim.world.policies;
    let customer = |a: &str| policies.get(a).map(Box::as_ref);
    let policies = role_policies(role, &customer);
    for arn in roles.iter().flatten().filter(|a| !a.is_empty()) {
        let request = Request {
            action: "iam:PassRole",
            resource: arn,
            context: &ctx,
        };
        let decision = policies.evaluate(&request);
        if let Some(message) = eval::access_denied(&principal, &request, &decision) {
            return Err(ApiError::new("AccessDeniedException", message));
        }
    }
    Ok(())
}
