//! The IAM policy simulator: `simulate-custom-policy` (documents given in the call) and
//! `simulate-principal-policy` (a role's own policies, plus any given), answering with the
//! decision and the statements that made it, in AWS's shape.
//!
//! As IAM's simulator now answers: one `EvaluationResult` per action, whatever the number of
//! resource ARNs, whose decision is the most restrictive across them (an explicit deny on any
//! resource, else an implicit deny on any, else allowed); each resource's own decision is in
//! `ResourceSpecificResults` (present when ARNs were given rather than `*`).
//!
//! Our choices where AWS documents little: the top-level `EvalResourceName` is the first ARN
//! given, and its `MatchedStatements` are those of the resources whose decision is the
//! aggregate one (its `MissingContextValues` those of every resource); no
//! `EvalDecisionDetails` (IAM fills it only for cross-account simulations); a malformed input
//! policy is refused as `InvalidInput` with IAM's sentence; statement positions are the braces
//! of the statement object, 1-based.

use serde_json::Value;

use crate::api::error::ApiError;
use crate::api::input::Input;
use crate::json::json;
use crate::model::iam::document::{Kind, Malformed};
use crate::model::iam::eval::{self, Context, Decision, Evaluation, Request, Source, SourceType};
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

fn boundary_detail(m: &mut serde_json::Map<String, Value>, e: &Evaluation) {
    if let Some(allowed) = e.allowed_by_boundary {
        m.insert(
            "PermissionsBoundaryDecisionDetail".into(),
            json!({ "AllowedByPermissionsBoundary": allowed }),
        );
    }
}

fn matched_json(e: &Evaluation) -> Vec<Value> {
    e.matched
        .iter()
        .map(|m| {
            json!({
                "SourcePolicyId": m.policy_id,
                "SourcePolicyType": m.kind.as_str(),
                "StartPosition": {"Line": m.start.0, "Column": m.start.1},
                "EndPosition": {"Line": m.end.0, "Column": m.end.1},
            })
        })
        .collect()
}

/// How restrictive a decision is, for the aggregate over resources.
fn severity(d: Decision) -> u8 {
    match d {
        Decision::Allowed => 0,
        Decision::ImplicitDeny => 1,
        Decision::ExplicitDeny => 2,
    }
}

/// One action's result over its resources (`evaluations` in the order the ARNs were given;
/// `specific` when ARNs were given rather than `*`).
fn result_json(
    action: &str,
    resources: &[&str],
    evaluations: &[Evaluation],
    specific: bool,
) -> Value {
    let Some(worst) = evaluations
        .iter()
        .map(|e| e.decision)
        .max_by_key(|d| severity(*d))
    else {
        return Value::Null;
    };
    let mut matched: Vec<Value> = Vec::new();
    let mut missing: Vec<&str> = Vec::new();
    for e in evaluations {
        if e.decision == worst {
            for m in matched_json(e) {
                if !matched.contains(&m) {
                    matched.push(m);
                }
            }
        }
        for k in &e.missing_context {
            if !missing.contains(k) {
                missing.push(k);
            }
        }
    }
    let mut out = json!({
        "EvalActionName": action,
        "EvalResourceName": resources.first().copied().unwrap_or("*"),
        "EvalDecision": worst.as_str(),
        "MatchedStatements": matched,
        "MissingContextValues": missing,
    });
    let Some(m) = out.as_object_mut() else {
        return out;
    };
    if let Some(deciding) = evaluations.iter().find(|e| e.decision == worst) {
        boundary_detail(m, deciding);
    }
    if specific {
        let per: Vec<Value> = resources
            .iter()
            .zip(evaluations)
            .map(|(resource, e)| {
                let mut r = json!({
                    "EvalResourceName": resource,
                    "EvalResourceDecision": e.decision.as_str(),
                    "MatchedStatements": matched_json(e),
                    "MissingContextValues": e.missing_context,
                });
                if let Some(rm) = r.as_object_mut() {
                    boundary_detail(rm, e);
                }
                r
            })
            .collect();
        m.insert("ResourceSpecificResults".into(), Value::Array(per));
    }
    out
}

/// Evaluates every action on every resource: one result per action.
fn simulate(
    input: &Input,
    sources: &[Source],
    boundary: Option<&[Source]>,
) -> Result<Value, ApiError> {
    let actions = input.strings("ActionNames")?;
    if actions.is_empty() {
        return Err(invalid("ActionNames is required"));
    }
    let given = input.strings("ResourceArns")?;
    let specific = !given.is_empty() && given != ["*"];
    let resources = if given.is_empty() { vec!["*"] } else { given };
    let ctx = context(input)?;
    let mut results = Vec::new();
    for action in &actions {
        let evaluations: Vec<Evaluation> = resources
            .iter()
            .map(|resource| {
                let request = Request {
                    action,
                    resource,
                    context: &ctx,
                };
                eval::evaluate_bounded(sources, boundary, &request)
            })
            .collect();
        results.push(result_json(action, &resources, &evaluations, specific));
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
