//! Managed policies: the account's own (`create-policy`, up to five versions, one the default)
//! and AWS's (read-only, from the catalogue in `model::iam::managed`).

use serde_json::{Map, Value};

use super::{check_name, iam_tags, parse_document, path_of, UPPER_ALNUM};
use crate::api::error::ApiError;
use crate::api::input::Input;
use crate::json::{json, put};
use crate::model::catalog::ACCOUNT_ID;
use crate::model::iam::document::Kind;
use crate::model::iam::{managed, CustomerPolicy, PolicyVersion};
use crate::model::time::Instant;
use crate::sim::log::What;
use crate::sim::Sim;

/// IAM's quota on a managed policy's document, in characters other than white space.
const MAX_POLICY_CHARS: usize = 6_144;
/// Versions a managed policy may keep.
const MAX_VERSIONS: usize = 5;

fn not_found(arn: &str) -> ApiError {
    ApiError::new("NoSuchEntity", format!("Policy {arn} was not found."))
}

fn arn_of<'a>(input: &Input<'a>) -> Result<&'a str, ApiError> {
    input.req_str("PolicyArn", || {
        ApiError::new("ValidationError", "PolicyArn is required")
    })
}

/// How many roles use a policy as their permissions boundary.
fn boundary_uses(sim: &Sim, arn: &str) -> usize {
    sim.world
        .roles
        .values()
        .filter(|r| r.permissions_boundary.as_deref() == Some(arn))
        .count()
}

/// How many roles a policy is attached to.
fn attachments(sim: &Sim, arn: &str) -> usize {
    sim.world
        .roles
        .values()
        .filter(|r| r.attached_policies.iter().any(|a| a == arn))
        .count()
}

/// A policy as IAM prints it; `Description` only where GetPolicy prints it.
fn customer_json(sim: &Sim, p: &CustomerPolicy, with_description: bool) -> Value {
    let mut m = Map::new();
    put(&mut m, "PolicyName", json!(p.name));
    put(&mut m, "PolicyId", json!(p.id));
    put(&mut m, "Arn", json!(p.arn));
    put(&mut m, "Path", json!(p.path));
    put(&mut m, "DefaultVersionId", json!(p.default_version_id));
    put(&mut m, "AttachmentCount", json!(attachments(sim, &p.arn)));
    put(
        &mut m,
        "PermissionsBoundaryUsageCount",
        json!(boundary_uses(sim, &p.arn)),
    );
    put(&mut m, "IsAttachable", json!(true));
    if with_description {
        if let Some(d) = &p.description {
            put(&mut m, "Description", json!(d));
        }
    }
    put(
        &mut m,
        "CreateDate",
        json!(Instant(p.created).iso_seconds()),
    );
    put(
        &mut m,
        "UpdateDate",
        json!(Instant(p.updated).iso_seconds()),
    );
    if !p.tags.is_empty() {
        let tags: Vec<Value> = p
            .tags
            .iter()
            .map(|t| json!({"Key": t.key, "Value": t.value}))
            .collect();
        put(&mut m, "Tags", Value::Array(tags));
    }
    Value::Object(m)
}

/// An AWS managed policy as IAM prints it (its dates are AWS's, not the sandbox's: we print
/// the sandbox's start, our choice).
fn managed_json(sim: &Sim, p: &managed::Managed, with_description: bool) -> Value {
    let arn = p.arn();
    let mut m = Map::new();
    put(&mut m, "PolicyName", json!(p.name));
    put(&mut m, "PolicyId", json!(managed_id(p.name)));
    put(&mut m, "Arn", json!(arn));
    put(&mut m, "Path", json!(p.path));
    put(&mut m, "DefaultVersionId", json!(p.default_version_id));
    put(&mut m, "AttachmentCount", json!(attachments(sim, &arn)));
    put(
        &mut m,
        "PermissionsBoundaryUsageCount",
        json!(boundary_uses(sim, &arn)),
    );
    put(&mut m, "IsAttachable", json!(true));
    if with_description {
        put(&mut m, "Description", json!(p.description));
    }
    put(&mut m, "CreateDate", json!(Instant(0).iso_seconds()));
    put(&mut m, "UpdateDate", json!(Instant(0).iso_seconds()));
    Value::Object(m)
}

/// A stable `ANPA...` ID for an AWS managed policy, drawn from its name (not from the RNG, so
/// reading one does not change what later IDs are).
fn managed_id(name: &str) -> String {
    format!("ANPA{}", crate::api::stable_chars(name, 17, UPPER_ALNUM))
}

/// Reads a managed policy document, within IAM's size quota.
fn document(input: &Input) -> Result<crate::model::iam::PolicyDoc, ApiError> {
    let text = input.req_str("PolicyDocument", || {
        ApiError::new("ValidationError", "PolicyDocument is required")
    })?;
    let doc = parse_document(text, Kind::Identity)?;
    if text.chars().filter(|c| !c.is_whitespace()).count() > MAX_POLICY_CHARS {
        return Err(ApiError::new(
            "LimitExceeded",
            format!("Cannot exceed quota for PolicySize: {MAX_POLICY_CHARS}"),
        ));
    }
    Ok(doc)
}

pub fn create_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.req_str("PolicyName", || {
        ApiError::new("ValidationError", "PolicyName is required")
    })?;
    check_name(name, "policyName")?;
    let path = path_of(input)?;
    let doc = document(input)?;
    let tags = iam_tags(input)?;
    if sim
        .world
        .policies
        .values()
        .any(|p| p.name.eq_ignore_ascii_case(name))
    {
        return Err(ApiError::new(
            "EntityAlreadyExists",
            format!("A policy called {name} already exists. Duplicate names are not allowed."),
        ));
    }
    let now = sim.now();
    let arn = format!("arn:aws:iam::{ACCOUNT_ID}:policy{path}{name}");
    let policy = CustomerPolicy {
        name: name.to_string(),
        id: format!("ANPA{}", sim.rng.chars(17, UPPER_ALNUM)),
        arn: arn.clone(),
        path: path.to_string(),
        description: input.str("Description")?.map(str::to_string),
        default_version_id: "v1".into(),
        versions: vec![PolicyVersion {
            version_id: "v1".into(),
            document: doc,
            created: now,
        }],
        next_version: 2,
        created: now,
        updated: now,
        tags,
    };
    let out = customer_json(sim, &policy, false);
    sim.world.policies.insert(arn.clone(), Box::new(policy));
    sim.record(What::PolicyCreated {
        policy_arn: arn.into(),
    });
    Ok(json!({ "Policy": out }))
}

pub fn get_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = arn_of(input)?;
    if let Some(m) = managed::by_arn(arn) {
        return Ok(json!({ "Policy": managed_json(sim, m, true) }));
    }
    let p = sim.world.policies.get(arn).ok_or_else(|| not_found(arn))?;
    Ok(json!({ "Policy": customer_json(sim, p, true) }))
}

fn version_json(
    version_id: &str,
    default: bool,
    created: crate::model::time::SimTime,
    document: Option<&Value>,
) -> Value {
    let mut m = Map::new();
    if let Some(d) = document {
        put(&mut m, "Document", d.clone());
    }
    put(&mut m, "VersionId", json!(version_id));
    put(&mut m, "IsDefaultVersion", json!(default));
    put(&mut m, "CreateDate", json!(Instant(created).iso_seconds()));
    Value::Object(m)
}

pub fn get_policy_version(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = arn_of(input)?;
    let version = input.req_str("VersionId", || {
        ApiError::new("ValidationError", "VersionId is required")
    })?;
    let missing = || {
        ApiError::new(
            "NoSuchEntity",
            format!("Policy {arn} version {version} does not exist or is not attachable."),
        )
    };
    if let Some(m) = managed::by_arn(arn) {
        if version != m.default_version_id {
            return Err(missing());
        }
        let doc: Value = serde_json::from_str(m.text).unwrap_or_default();
        return Ok(json!({ "PolicyVersion": version_json(version, true, 0, Some(&doc)) }));
    }
    let p = sim.world.policies.get(arn).ok_or_else(|| not_found(arn))?;
    let v = p
        .versions
        .iter()
        .find(|v| v.version_id == version)
        .ok_or_else(missing)?;
    let default = v.version_id == p.default_version_id;
    Ok(json!({
        "PolicyVersion": version_json(&v.version_id, default, v.created, Some(&v.document.json))
    }))
}

pub fn create_policy_version(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = arn_of(input)?;
    if managed::by_arn(arn).is_some() {
        return Err(ApiError::new(
            "AccessDenied",
            format!("Cannot create a new version of the AWS managed policy {arn}."),
        ));
    }
    let p = sim.world.policies.get(arn).ok_or_else(|| not_found(arn))?;
    let doc = document(input)?;
    if p.versions.len() >= MAX_VERSIONS {
        return Err(ApiError::new(
            "LimitExceeded",
            "A managed policy can have up to 5 versions. Before you create a new version, you \
             must delete an existing version.",
        ));
    }
    let default = input.bool("SetAsDefault")?.unwrap_or(false);
    let now = sim.now();
    let Some(p) = sim.world.policies.get_mut(arn) else {
        return Err(not_found(arn));
    };
    let version_id = format!("v{}", p.next_version);
    p.next_version += 1;
    p.versions.push(PolicyVersion {
        version_id: version_id.clone(),
        document: doc,
        created: now,
    });
    if default {
        p.default_version_id = version_id.clone();
        p.updated = now;
    }
    sim.record(What::PolicyVersionCreated {
        policy_arn: arn.into(),
        version_id: version_id.as_str().into(),
        default,
    });
    // A new default may let a waiting agent register.
    if default {
        crate::sim::agent::wake_waiting_agents(sim);
    }
    Ok(json!({ "PolicyVersion": version_json(&version_id, default, now, None) }))
}

pub fn list_policy_versions(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = arn_of(input)?;
    if let Some(m) = managed::by_arn(arn) {
        return Ok(json!({ "Versions": [version_json(m.default_version_id, true, 0, None)] }));
    }
    let p = sim.world.policies.get(arn).ok_or_else(|| not_found(arn))?;
    let versions: Vec<Value> = p
        .versions
        .iter()
        .rev()
        .map(|v| {
            version_json(
                &v.version_id,
                v.version_id == p.default_version_id,
                v.created,
                None,
            )
        })
        .collect();
    Ok(json!({ "Versions": versions }))
}

pub fn list_policies(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let scope = input.str("Scope")?.unwrap_or("All");
    if !matches!(scope, "All" | "AWS" | "Local") {
        return Err(ApiError::new(
            "ValidationError",
            format!("1 validation error detected: Value '{scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"),
        ));
    }
    let only_attached = input.bool("OnlyAttached")?.unwrap_or(false);
    let prefix = input.str("PathPrefix")?.unwrap_or("/");
    let mut out: Vec<(String, Value)> = Vec::new();
    if scope != "Local" {
        for m in managed::CATALOGUE {
            if m.path.starts_with(prefix) && (!only_attached || attachments(sim, &m.arn()) > 0) {
                out.push((m.name.to_string(), managed_json(sim, m, false)));
            }
        }
    }
    if scope != "AWS" {
        for p in sim.world.policies.values() {
            if p.path.starts_with(prefix) && (!only_attached || attachments(sim, &p.arn) > 0) {
                out.push((p.name.clone(), customer_json(sim, p, false)));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    let policies: Vec<Value> = out.into_iter().map(|(_, v)| v).collect();
    Ok(json!({ "Policies": policies }))
}

pub fn delete_policy_version(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = arn_of(input)?;
    let version = input.req_str("VersionId", || {
        ApiError::new("ValidationError", "VersionId is required")
    })?;
    let p = sim.world.policies.get(arn).ok_or_else(|| not_found(arn))?;
    if !p.versions.iter().any(|v| v.version_id == version) {
        return Err(ApiError::new(
            "NoSuchEntity",
            format!("Policy {arn} version {version} does not exist or is not attachable."),
        ));
    }
    if p.default_version_id == version {
        return Err(ApiError::new(
            "DeleteConflict",
            "Cannot delete the default version of a policy.",
        ));
    }
    if let Some(p) = sim.world.policies.get_mut(arn) {
        p.versions.retain(|v| v.version_id != version);
    }
    Ok(json!({}))
}

pub fn delete_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = arn_of(input)?;
    let p = sim.world.policies.get(arn).ok_or_else(|| not_found(arn))?;
    if attachments(sim, arn) > 0 || boundary_uses(sim, arn) > 0 {
        return Err(ApiError::new(
            "DeleteConflict",
            "Cannot delete a policy attached to entities.",
        ));
    }
    if p.versions.len() > 1 {
        return Err(ApiError::new(
            "DeleteConflict",
            "This policy has more than one version. Before you delete a policy, you must delete \
             the policy's versions. The default version is deleted with the policy.",
        ));
    }
    sim.world.policies.remove(arn);
    sim.record(What::PolicyDeleted {
        policy_arn: arn.into(),
    });
    Ok(json!({}))
}
