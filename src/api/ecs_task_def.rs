//! ECS task definition operations: register (validate, normalise, assign a revision),
//! describe, list and deregister.

use serde_json::Value;

use crate::json::json;

use super::ecs_cluster::{ecs_tags, parse_ecs_tags};
use super::error::ApiError;
use super::input::Input;
use crate::model::task_def::{self, TaskDefinition, TaskDefinitionStatus};
use crate::model::time::Instant;
use crate::placement::query;
use crate::sim::log::What;
use crate::sim::world::{caller_arn, ecs_arn, World};
use crate::sim::Sim;

/// A reference to a task definition: `family`, `family:revision` or its full ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDefRef {
    pub family: String,
    pub revision: Option<u32>,
}

impl TaskDefRef {
    pub fn parse(text: &str) -> Option<TaskDefRef> {
        let rest = if text.starts_with("arn:") {
            text.split_once(":task-definition/")?.1
        } else {
            text
        };
        let (family, revision) = match rest.rsplit_once(':') {
            Some((f, r)) => (f, Some(r.parse::<u32>().ok()?)),
            None => (rest, None),
        };
        if family.is_empty() {
            return None;
        }
        Some(TaskDefRef {
            family: family.to_string(),
            revision,
        })
    }
}

/// Resolves a reference: a bare family means its latest ACTIVE revision.
pub fn resolve<'a>(world: &'a World, reference: &TaskDefRef) -> Option<&'a TaskDefinition> {
    let revisions = world.task_definitions.get(&reference.family)?;
    match reference.revision {
        Some(r) => revisions.get(r.checked_sub(1)? as usize),
        None => revisions
            .iter()
            .rev()
            .find(|td| td.status == TaskDefinitionStatus::Active),
    }
}

fn td_json(td: &TaskDefinition) -> Value {
    serde_json::to_value(td).unwrap_or_default()
}

pub fn register_task_definition(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let request = input.as_value();
    let mut td = task_def::validate(&request).map_err(|e| ApiError::new(e.code, e.message))?;
    // memberOf expressions must parse in the cluster query language.
    for c in &td.placement_constraints {
        if let Some(expr) = &c.expression {
            query::parse(expr).map_err(|e| ApiError::client(e.message))?;
        }
    }
    let tags = parse_ecs_tags(input)?;
    super::pass_role::check(
        sim,
        &[
            td.task_role_arn.as_deref(),
            td.execution_role_arn.as_deref(),
        ],
    )?;
    let revision = sim
        .world
        .task_definitions
        .get(&td.family)
        .map_or(0, Vec::len) as u32
        + 1;
    td.revision = revision;
    td.task_definition_arn = ecs_arn(&format!("task-definition/{}:{revision}", td.family));
    td.registered_at = Instant(sim.now()).iso_cli();
    td.registered_by = caller_arn();
    td.status = TaskDefinitionStatus::Active;
    let arn = td.task_definition_arn.clone();
    let family = td.family.clone();
    let out = td_json(&td);
    sim.world
        .task_definitions
        .entry(family.clone())
        .or_default()
        .push(td);
    if !tags.is_empty() {
        sim.world
            .task_definition_tags
            .insert(arn.clone(), tags.clone());
    }
    sim.record(What::TaskDefinitionRegistered {
        task_definition_arn: arn.into(),
        family: family.into(),
        revision,
    });
    let mut response = json!({ "taskDefinition": out });
    if !tags.is_empty() {
        response["tags"] = ecs_tags(&tags);
    }
    Ok(response)
}

fn unable_to_describe() -> ApiError {
    ApiError::client("Unable to describe task definition.")
}

pub fn describe_task_definition(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let text = input.req_str("taskDefinition", unable_to_describe)?;
    let reference = TaskDefRef::parse(text).ok_or_else(unable_to_describe)?;
    let td = resolve(&sim.world, &reference).ok_or_else(unable_to_describe)?;
    let mut out = json!({ "taskDefinition": td_json(td) });
    let include = input.strings("include")?;
    if include.contains(&"TAGS") {
        let tags = sim
            .world
            .task_definition_tags
            .get(&td.task_definition_arn)
            .cloned()
            .unwrap_or_default();
        out["tags"] = ecs_tags(&tags);
    }
    Ok(out)
}

/// What `--status` asks for: revisions (or families) of one status, or (families only) all.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StatusFilter {
    Only(TaskDefinitionStatus),
    All,
}

/// The `--status` filter: task definitions default to ACTIVE, families to all of them.
fn status_filter(input: &Input, families: bool) -> Result<StatusFilter, ApiError> {
    let given = input.str("status")?;
    let filter = match given {
        None if families => StatusFilter::All,
        None | Some("ACTIVE") => StatusFilter::Only(TaskDefinitionStatus::Active),
        Some("INACTIVE") => StatusFilter::Only(TaskDefinitionStatus::Inactive),
        Some("DELETE_IN_PROGRESS") => StatusFilter::Only(TaskDefinitionStatus::DeleteInProgress),
        Some("ALL") if families => StatusFilter::All,
        Some(_) if families => {
            return Err(ApiError::one_of("status", &["ACTIVE", "INACTIVE", "ALL"]))
        }
        Some(_) => {
            return Err(ApiError::one_of(
                "status",
                &["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"],
            ))
        }
    };
    Ok(filter)
}

pub fn list_task_definitions(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let status = status_filter(input, false)?;
    // Despite its name, familyPrefix matches the whole family name (as ECS documents).
    let family = input.str("familyPrefix")?;
    let descending = match input.str("sort")? {
        None | Some("ASC") => false,
        Some("DESC") => true,
        Some(_) => return Err(ApiError::one_of("sort", &["ASC", "DESC"])),
    };
    let mut arns: Vec<&str> = sim
        .world
        .task_definitions
        .iter()
        .filter(|(f, _)| family.is_none_or(|want| want == f.as_str()))
        .flat_map(|(_, revs)| revs.iter())
        .filter(|td| status == StatusFilter::Only(td.status))
        .map(|td| td.task_definition_arn.as_str())
        .collect();
    if descending {
        arns.reverse();
    }
    Ok(json!({ "taskDefinitionArns": arns }))
}

pub fn list_task_definition_families(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let status = status_filter(input, true)?;
    let prefix = input.str("familyPrefix")?.unwrap_or("");
    let families: Vec<&str> = sim
        .world
        .task_definitions
        .iter()
        .filter(|(f, _)| f.starts_with(prefix))
        .filter(|(_, revs)| {
            let active = revs
                .iter()
                .any(|td| td.status == TaskDefinitionStatus::Active);
            match status {
                StatusFilter::All => true,
                StatusFilter::Only(TaskDefinitionStatus::Active) => active,
                // A family is INACTIVE when none of its revisions is ACTIVE.
                StatusFilter::Only(_) => !active,
            }
        })
        .map(|(f, _)| f.as_str())
        .collect();
    Ok(json!({ "families": families }))
}

pub fn deregister_task_definition(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let text = input.req_str("taskDefinition", || {
        ApiError::invalid_parameter("taskDefinition is required")
    })?;
    let reference = TaskDefRef::parse(text).ok_or_else(|| {
        ApiError::invalid_parameter(format!("Invalid revision number. Number: {text}"))
    })?;
    let Some(revision) = reference.revision else {
        return Err(ApiError::client("Revision is missing."));
    };
    if resolve(&sim.world, &reference).is_none() {
        return Err(ApiError::client(
            "The specified task definition does not exist.",
        ));
    }
    let now = Instant(sim.now()).iso_cli();
    let td = sim
        .world
        .task_definitions
        .get_mut(&reference.family)
        .and_then(|revs| revs.get_mut(revision as usize - 1))
        .ok_or_else(unable_to_describe)?;
    if td.status == TaskDefinitionStatus::Active {
        td.status = TaskDefinitionStatus::Inactive;
        td.deregistered_at = Some(now);
    }
    let out = td_json(td);
    let arn = td.task_definition_arn.clone();
    sim.record(What::TaskDefinitionDeregistered {
        task_definition_arn: arn.into(),
        family: reference.family.as_str().into(),
        revision,
    });
    Ok(json!({ "taskDefinition": out }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_in_all_three_forms() {
        let r = |f: &str, rev| {
            Some(TaskDefRef {
                family: f.into(),
                revision: rev,
            })
        };
        assert_eq!(TaskDefRef::parse("web"), r("web", None));
        assert_eq!(TaskDefRef::parse("web:3"), r("web", Some(3)));
        assert_eq!(
            TaskDefRef::parse("arn:aws:ecs:us-east-1:123456789012:task-definition/web:12"),
            r("web", Some(12))
        );
        assert_eq!(TaskDefRef::parse("web:x"), None);
        assert_eq!(TaskDefRef::parse(":1"), None);
        assert_eq!(
            TaskDefRef::parse("arn:aws:ecs:us-east-1:123456789012:cluster/x"),
            None
        );
    }
}
