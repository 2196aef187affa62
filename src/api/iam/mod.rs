//! IAM operations on roles, their policies and instance profiles; customer managed policies
//! in [`policies`], the policy simulator in [`simulate`].

mod policies;
mod simulate;

pub use policies::{
    create_policy, create_policy_version, delete_policy, delete_policy_version, get_policy,
    get_policy_version, list_policies, list_policy_versions,
};
pub use simulate::{simulate_custom_policy, simulate_principal_policy};

use serde_json::{Map, Value};

use crate::json::{json, put};

use super::error::ApiError;
use super::input::Input;
use crate::model::catalog::ACCOUNT_ID;
use crate::model::iam::document::{Kind, Malformed, MALFORMED};
use crate::model::iam::{self, managed, InstanceProfile, PolicyDoc, Role};
use crate::model::time::Instant;
use crate::model::Tag;
use crate::sim::agent;
use crate::sim::log::What;
use crate::sim::Sim;

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn no_such_role(name: &str) -> ApiError {
    ApiError::new(
        "NoSuchEntity",
        format!("The role with name {name} cannot be found."),
    )
}

fn no_such_profile(name: &str) -> ApiError {
    ApiError::new(
        "NoSuchEntity",
        format!("Instance Profile {name} cannot be found."),
    )
}

/// IAM's check of a role, policy or profile name, with its `ValidationError` (the policy
/// editor checks a new policy's name with it as the learner types).
pub fn check_name(name: &str, member: &str) -> Result<(), ApiError> {
    if iam::valid_name(name) {
        return Ok(());
    }
    let why = if name.len() > 64 {
        "Member must have length less than or equal to 64".to_string()
    } else {
        "Member must satisfy regular expression pattern: [\\w+=,.@-]+".to_string()
    };
    Err(ApiError::new(
        "ValidationError",
        format!("1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: {why}"),
    ))
}

/// Reads a policy document, or refuses it with IAM's `MalformedPolicyDocument`.
fn parse_document(text: &str, kind: Kind) -> Result<PolicyDoc, ApiError> {
    PolicyDoc::parse(text, kind).map_err(|Malformed(m)| ApiError::new(MALFORMED, m))
}

fn path_of<'a>(input: &Input<'a>) -> Result<&'a str, ApiError> {
    let path = input.str("Path")?.unwrap_or("/");
    if !path.starts_with('/') || !path.ends_with('/') || path.len() > 512 {
        return Err(ApiError::new(
            "ValidationError",
            "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.",
        ));
    }
    Ok(path)
}

fn iam_tags(input: &Input) -> Result<Vec<Tag>, ApiError> {
    input
        .list("Tags")?
        .into_iter()
        .map(|t| {
            Ok(Tag {
                key: t.str("Key")?.unwrap_or_default().to_string(),
                value: t.str("Value")?.unwrap_or_default().to_string(),
            })
        })
        .collect()
}

/// Which operation a role is rendered for: they return different members.
#[derive(Clone, Copy, PartialEq)]
enum RoleView {
    /// CreateRole and the roles inside an instance profile.
    Created,
    /// GetRole: everything, RoleLastUsed included.
    Get,
    /// ListRoles: no RoleLastUsed, PermissionsBoundary or Tags.
    Listed,
}

fn role_json(role: &Role, view: RoleView) -> Value {
    let full = view != RoleView::Created;
    let mut m = Map::new();
    put(&mut m, "Path", json!(role.path));
    put(&mut m, "RoleName", json!(role.name));
    put(&mut m, "RoleId", json!(role.id));
    put(&mut m, "Arn", json!(role.arn));
    put(
        &mut m,
        "CreateDate",
        json!(Instant(role.created).iso_seconds()),
    );
    put(
        &mut m,
        "AssumeRolePolicyDocument",
        role.assume_role_policy.json.clone(),
    );
    if let Some(d) = &role.description {
        put(&mut m, "Description", json!(d));
    }
    if let (Some(arn), false) = (&role.permissions_boundary, view == RoleView::Listed) {
        put(
            &mut m,
            "PermissionsBoundary",
            json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn}),
        );
    }
    if full {
        put(
            &mut m,
            "MaxSessionDuration",
            json!(role.max_session_duration),
        );
    }
    if !role.tags.is_empty() && view != RoleView::Listed {
        put(
            &mut m,
            "Tags",
            Value::Array(
                role.tags
                    .iter()
                    .map(|t| json!({"Key": t.key, "Value": t.value}))
                    .collect(),
            ),
        );
    }
    if view == RoleView::Get {
        put(&mut m, "RoleLastUsed", json!({}));
    }
    Value::Object(m)
}

pub fn create_role(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.req_str("RoleName", || {
        ApiError::new("ValidationError", "RoleName is required")
    })?;
    check_name(name, "roleName")?;
    let doc = input.req_str("AssumeRolePolicyDocument", || {
        ApiError::new("ValidationError", "AssumeRolePolicyDocument is required")
    })?;
    let doc = parse_document(doc, Kind::Trust)?;
    let path = path_of(input)?;
    let max = input.i64("MaxSessionDuration")?.unwrap_or(3600);
    if !(3600..=43200).contains(&max) {
        return Err(ApiError::new(
            "ValidationError",
            format!("1 validation error detected: Value '{max}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200"),
        ));
    }
    if sim.world.roles.keys().any(|k| k.eq_ignore_ascii_case(name)) {
        return Err(ApiError::new(
            "EntityAlreadyExists",
            format!("Role with name {name} already exists."),
        ));
    }
    let tags = iam_tags(input)?;
    let boundary = match input.str("PermissionsBoundary")? {
        Some(arn) => Some(boundary_arn(sim, arn)?),
        None => None,
    };
    let id = format!("AROA{}", sim.rng.chars(17, UPPER_ALNUM));
    let role = Role {
        name: name.to_string(),
        id,
        arn: format!("arn:aws:iam::{ACCOUNT_ID}:role{path}{name}"),
        path: path.to_string(),
        description: input.str("Description")?.map(str::to_string),
        max_session_duration: max as u32,
        created: sim.now(),
        assume_role_policy: doc,
        attached_policies: Vec::new(),
        inline_policies: Default::default(),
        permissions_boundary: boundary,
        tags,
    };
    let out = role_json(&role, RoleView::Created);
    sim.world.roles.insert(name.to_string(), Box::new(role));
    sim.record(What::RoleCreated { role: name.into() });
    Ok(json!({ "Role": out }))
}

fn role<'a>(sim: &'a Sim, input: &Input) -> Result<&'a Role, ApiError> {
    let name = input.req_str("RoleName", || {
        ApiError::new("ValidationError", "RoleName is required")
    })?;
    sim.world
        .roles
        .get(name)
        .map(Box::as_ref)
        .ok_or_else(|| no_such_role(name))
}

pub fn get_role(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    Ok(json!({ "Role": role_json(role(sim, input)?, RoleView::Get) }))
}

pub fn list_roles(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let prefix = input.str("PathPrefix")?.unwrap_or("/");
    let roles: Vec<Value> = sim
        .world
        .roles
        .values()
        .filter(|r| r.path.starts_with(prefix))
        .map(|r| role_json(r, RoleView::Listed))
        .collect();
    Ok(json!({ "Roles": roles }))
}

/// A managed policy that can bound a role, or IAM's refusal.
fn boundary_arn(sim: &Sim, arn: &str) -> Result<String, ApiError> {
    if policy_name(sim, arn).is_none() {
        return Err(ApiError::new(
            "NoSuchEntity",
            format!("Scope ARN: {arn} does not exist or is not attachable."),
        ));
    }
    Ok(arn.to_string())
}

pub fn put_role_permissions_boundary(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = role(sim, input)?.name.clone();
    let arn = input.req_str("PermissionsBoundary", || {
        ApiError::new("ValidationError", "PermissionsBoundary is required")
    })?;
    let arn = boundary_arn(sim, arn)?;
    if let Some(r) = sim.world.roles.get_mut(&name) {
        r.permissions_boundary = Some(arn.clone());
    }
    sim.record(What::RoleBoundarySet {
        role: name.into(),
        policy_arn: Some(arn.into()),
    });
    Ok(json!({}))
}

pub fn delete_role_permissions_boundary(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = role(sim, input)?.name.clone();
    let had = sim
        .world
        .roles
        .get_mut(&name)
        .and_then(|r| r.permissions_boundary.take());
    if had.is_none() {
        return Err(ApiError::new(
            "NoSuchEntity",
            format!("The role with name {name} does not have a permissions boundary."),
        ));
    }
    sim.record(What::RoleBoundarySet {
        role: name.into(),
        policy_arn: None,
    });
    agent::wake_waiting_agents(sim);
    Ok(json!({}))
}

/// The name of an attachable policy: AWS's, or one of the account's.
fn policy_name<'a>(sim: &'a Sim, arn: &'a str) -> Option<&'a str> {
    managed::by_arn(arn)
        .map(|m| m.name)
        .or_else(|| sim.world.policies.get(arn).map(|p| p.name.as_str()))
}

pub fn attach_role_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = role(sim, input)?.name.clone();
    let arn = input.req_str("PolicyArn", || {
        ApiError::new("ValidationError", "PolicyArn is required")
    })?;
    if policy_name(sim, arn).is_none() {
        return Err(ApiError::new(
            "NoSuchEntity",
            format!("Policy {arn} does not exist or is not attachable."),
        ));
    }
    let changed = match sim.world.roles.get_mut(&name) {
        Some(r) if !r.attached_policies.iter().any(|a| a == arn) => {
            r.attached_policies.push(arn.to_string());
            true
        }
        _ => false,
    };
    if changed {
        sim.record(What::RolePolicyAttached {
            role: name.as_str().into(),
            policy_arn: arn.into(),
        });
        agent::wake_waiting_agents(sim);
    }
    Ok(json!({}))
}

pub fn detach_role_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = role(sim, input)?.name.clone();
    let arn = input.req_str("PolicyArn", || {
        ApiError::new("ValidationError", "PolicyArn is required")
    })?;
    let attached = sim.world.roles[&name]
        .attached_policies
        .iter()
        .any(|a| a == arn);
    if !attached {
        return Err(ApiError::new(
            "NoSuchEntity",
            format!("Policy {arn} was not found."),
        ));
    }
    if let Some(r) = sim.world.roles.get_mut(&name) {
        r.attached_policies.retain(|a| a != arn);
    }
    sim.record(What::RolePolicyDetached {
        role: name.into(),
        policy_arn: arn.into(),
    });
    Ok(json!({}))
}

pub fn list_attached_role_policies(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let r = role(sim, input)?;
    let policies: Vec<Value> = r
        .attached_policies
        .iter()
        .filter_map(|arn| Some(json!({"PolicyName": policy_name(sim, arn)?, "PolicyArn": arn})))
        .collect();
    // The CLI paginates this operation and drops IsTruncated/Marker from what it prints.
    Ok(json!({ "AttachedPolicies": policies }))
}

pub fn put_role_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = role(sim, input)?.name.clone();
    let policy = input.req_str("PolicyName", || {
        ApiError::new("ValidationError", "PolicyName is required")
    })?;
    check_name(policy, "policyName")?;
    let doc = input.req_str("PolicyDocument", || {
        ApiError::new("ValidationError", "PolicyDocument is required")
    })?;
    let doc = parse_document(doc, Kind::Identity)?;
    if let Some(r) = sim.world.roles.get_mut(&name) {
        r.inline_policies.insert(policy.to_string(), doc);
    }
    sim.record(What::RolePolicyPut {
        role: name.into(),
        policy: policy.into(),
    });
    agent::wake_waiting_agents(sim);
    Ok(json!({}))
}

pub fn get_role_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let r = role(sim, input)?;
    let policy = input.req_str("PolicyName", || {
        ApiError::new("ValidationError", "PolicyName is required")
    })?;
    let doc = r.inline_policies.get(policy).ok_or_else(|| {
        ApiError::new(
            "NoSuchEntity",
            format!("The role policy with name {policy} cannot be found."),
        )
    })?;
    Ok(json!({ "RoleName": r.name, "PolicyName": policy, "PolicyDocument": doc.json }))
}

pub fn list_role_policies(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let r = role(sim, input)?;
    Ok(json!({ "PolicyNames": r.inline_policies.keys().collect::<Vec<_>>() }))
}

pub fn delete_role_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = role(sim, input)?.name.clone();
    let policy = input.req_str("PolicyName", || {
        ApiError::new("ValidationError", "PolicyName is required")
    })?;
    let removed = sim
        .world
        .roles
        .get_mut(&name)
        .and_then(|r| r.inline_policies.remove(policy));
    if removed.is_none() {
        return Err(ApiError::new(
            "NoSuchEntity",
            format!("The role policy with name {policy} cannot be found."),
        ));
    }
    sim.record(What::RolePolicyDeleted {
        role: name.into(),
        policy: policy.into(),
    });
    // Removing a Deny may let a waiting agent register.
    agent::wake_waiting_agents(sim);
    Ok(json!({}))
}

pub fn update_assume_role_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = role(sim, input)?.name.clone();
    let doc = input.req_str("PolicyDocument", || {
        ApiError::new("ValidationError", "PolicyDocument is required")
    })?;
    let doc = parse_document(doc, Kind::Trust)?;
    if let Some(r) = sim.world.roles.get_mut(&name) {
        r.assume_role_policy = doc;
    }
    sim.record(What::RoleTrustUpdated { role: name.into() });
    agent::wake_waiting_agents(sim);
    Ok(json!({}))
}

fn profile_json(sim: &Sim, p: &InstanceProfile) -> Value {
    let roles: Vec<Value> = p
        .role
        .iter()
        .filter_map(|r| sim.world.roles.get(r))
        .map(|r| role_json(r, RoleView::Created))
        .collect();
    json!({
        "Path": p.path,
        "InstanceProfileName": p.name,
        "InstanceProfileId": p.id,
        "Arn": p.arn,
        "CreateDate": Instant(p.created).iso_seconds(),
        "Roles": roles
    })
}

pub fn create_instance_profile(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.req_str("InstanceProfileName", || {
        ApiError::new("ValidationError", "InstanceProfileName is required")
    })?;
    check_name(name, "instanceProfileName")?;
    let path = path_of(input)?;
    if sim
        .world
        .instance_profiles
        .keys()
        .any(|k| k.eq_ignore_ascii_case(name))
    {
        return Err(ApiError::new(
            "EntityAlreadyExists",
            format!("Instance Profile {name} already exists."),
        ));
    }
    let tags = iam_tags(input)?;
    let id = format!("AIPA{}", sim.rng.chars(17, UPPER_ALNUM));
    let p = InstanceProfile {
        name: name.to_string(),
        id,
        arn: format!("arn:aws:iam::{ACCOUNT_ID}:instance-profile{path}{name}"),
        path: path.to_string(),
        created: sim.now(),
        role: None,
        tags,
    };
    let out = profile_json(sim, &p);
    sim.world
        .instance_profiles
        .insert(name.to_string(), Box::new(p));
    sim.record(What::InstanceProfileCreated {
        profile: name.into(),
    });
    Ok(json!({ "InstanceProfile": out }))
}

fn profile<'a>(sim: &'a Sim, input: &Input) -> Result<&'a InstanceProfile, ApiError> {
    let name = input.req_str("InstanceProfileName", || {
        ApiError::new("ValidationError", "InstanceProfileName is required")
    })?;
    sim.world
        .instance_profiles
        .get(name)
        .map(Box::as_ref)
        .ok_or_else(|| no_such_profile(name))
}

pub fn add_role_to_instance_profile(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let p = profile(sim, input)?;
    let pname = p.name.clone();
    let has_role = p.role.is_some();
    let rname = role(sim, input)?.name.clone();
    if has_role {
        return Err(ApiError::new(
            "LimitExceeded",
            "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
        ));
    }
    if let Some(p) = sim.world.instance_profiles.get_mut(&pname) {
        p.role = Some(rname.clone());
    }
    sim.record(What::RoleAddedToInstanceProfile {
        profile: pname.into(),
        role: rname.into(),
    });
    agent::wake_waiting_agents(sim);
    Ok(json!({}))
}

pub fn get_instance_profile(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let p = profile(sim, input)?;
    Ok(json!({ "InstanceProfile": profile_json(sim, p) }))
}
