//! The IAM policy simulator: `simulate-custom-policy` (documents given in the call) and
//! `simulate-principal-policy` (a role's own policies, plus any given), answering with the
//! decision and the statements that made it, in AWS's shape.
//!
//! Our choices where AWS documents little: one result per action and resource (with the
//! resource in `EvalResourceName`), no `ResourceSpecificResults` or `EvalDecisionDetails`; a
//! malformed input policy is refused as `InvalidInput` with IAM's sentence; statement positions
//! are the braces of the statement object, 1-based.

use serde_json::Value;

use crate::api::error::ApiError;
use crate::api::input::Input;
use crate::json::json;
use crate::model::iam::document::{Kind, Malformed};
use crate::model::iam::eval::{self, Context, Evaluation, Request, Source, SourceType};
use crate::model::iam::{role_policies, PolicyDoc};
use crate::sim::Sim;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new("InvalidInput", message)
}

/// The documents of a list member (`PolicyInputList`, `PermissionsBoundaryPolicyInputList`),
/// read.
fn input_policies(input: &Input, member: &str) -> Result<Vec<PolicyDoc>, ApiError> {
    input
        .strings(member)?
        .into_iter()
        .map(|t| PolicyDoc::parse(t, Kind::Identity).map_err(|Malformed(m)| invalid(m)))
        .collect()
}

/// `ContextEntries`: each key with its values.
fn context(input: &Input) -> Result<Context, ApiError> {
    let mut ctx = Context::new();
    for entry in input.list("ContextEntries")? {
        let Some(key) = entry.str("ContextKeyName")? else {
            continue;
        };
        let values = entry
            .strings("ContextKeyValues")?
            .into_iter()
            .map(str::to_string)
            .collect();
        ctx.set(key, values);
    }
    Ok(ctx)
}

fn result_json(action: &str, resource: &str, e: &Evaluation) -> Value {
    let mut out = result_core(action, resource, e);
    if let (Some(allowed), Some(m)) = (e.allowed_by_boundary, out.as_object_mut()) {
        m.insert(
            "PermissionsBoundaryDecisionDetail".into(),
            json!({ "AllowedByPermissionsBoundary": allowed }),
        );
    }
    out
}

fn result_core(action: &str, resource: &str, e: &Evaluation) -> Value {
    let matched: Vec<Value> = e
        .matched
        .iter()
        .map(|m| {
            json!({
                "SourcePolicyId": m.policy_id,
                "SourcePolicyType": m.kind.as_str(),
                "StartPosition": {"Line": m.start.0, "Column": m.start.1},
                "EndPosition": {"Line": m.end.0, "Column": m.end.1},
            })
        })
        .collect();
    json!({
        "EvalActionName": action,
        "EvalResourceName": resource,
        "EvalDecision": e.decision.as_str(),
        "MatchedStatements": matched,
        "MissingContextValues": e.missing_context,
    })
}

/// Evaluates every action on every resource.
fn simulate(
    input: &Input,
    sources: &[Source],
    boundary: Option<&[Source]>,
) -> Result<Value, ApiError> {
    let actions = input.strings("ActionNames")?;
    if actions.is_empty() {
        return Err(invalid("ActionNames is required"));
    }
    let resources = input.strings("ResourceArns")?;
    let resources = if resources.is_empty() {
        vec!["*"]
    } else {
        resources
    };
    let ctx = context(input)?;
    let mut results = Vec::new();
    for action in &actions {
        for resource in &resources {
            let request = Request {
                action,
                resource,
                context: &ctx,
            };
            results.push(result_json(
                action,
                resource,
                &eval::evaluate_bounded(sources, boundary, &request),
            ));
        }
    }
    Ok(json!({ "EvaluationResults": results, "IsTruncated": false }))
}

fn input_sources<'a>(ids: &'a [String], docs: &'a [PolicyDoc]) -> Vec<Source<'a>> {
    ids.iter()
        .zip(docs)
        .map(|(id, d)| Source {
            id,
            kind: SourceType::Input,
            document: &d.document,
        })
        .collect()
}

fn ids(member: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{member}.{i}")).collect()
}

pub fn simulate_custom_policy(_sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let docs = input_policies(input, "PolicyInputList")?;
    if docs.is_empty() {
        return Err(invalid("PolicyInputList is required"));
    }
    let boundary = input_policies(input, "PermissionsBoundaryPolicyInputList")?;
    let ids_in = ids("PolicyInputList", docs.len());
    let ids_b = ids("PermissionsBoundaryPolicyInputList", boundary.len());
    let boundary_sources = input_sources(&ids_b, &boundary);
    simulate(
        input,
        &input_sources(&ids_in, &docs),
        (!boundary.is_empty()).then_some(boundary_sources.as_slice()),
    )
}

pub fn simulate_principal_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = input.req_str("PolicySourceArn", || invalid("PolicySourceArn is required"))?;
    let role = sim
        .world
        .roles
        .values()
        .find(|r| r.arn == arn)
        .ok_or_else(|| {
            ApiError::new(
                "NoSuchEntity",
                format!(
                    "The role with name {} cannot be found.",
                    arn.rsplit('/').next().unwrap_or(arn)
                ),
            )
        })?;
    let docs = input_policies(input, "PolicyInputList")?;
    let boundary_docs = input_policies(input, "PermissionsBoundaryPolicyInputList")?;
    let ids_in = ids("PolicyInputList", docs.len());
    let ids_b = ids("PermissionsBoundaryPolicyInputList", boundary_docs.len());
    let policies = &sim.world.policies;
    let customer = |a: &str| policies.get(a).map(Box::as_ref);
    let mut role_policies = role_policies(role, &customer);
    role_policies.identity.extend(input_sources(&ids_in, &docs));
    // A boundary given in the call stands in for the role's own.
    if !boundary_docs.is_empty() {
        role_policies.boundary = Some(input_sources(&ids_b, &boundary_docs));
    }
    simulate(
        input,
        &role_policies.identity,
        role_policies.boundary.as_deref(),
    )
}
