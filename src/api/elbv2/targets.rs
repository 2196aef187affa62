//! Targets: RegisterTargets, DeregisterTargets and DescribeTargetHealth, over the same
//! `sim::elb` functions ECS services use, so targets behave alike however they came.

use serde_json::Value;

use crate::json::json;

use super::{check_arn, port_of, tg_not_found, validation};
use crate::api::error::ApiError;
use crate::api::input::Input;
use crate::model::elb::{TargetGroup, TargetHealth, TargetKey, TargetType};
use crate::sim::elb::{self, ElbError, TargetSpec};
use crate::sim::Sim;

fn elb_error(e: ElbError) -> ApiError {
    match e {
        ElbError::TargetGroupNotFound => tg_not_found(),
        ElbError::InvalidTarget(m) => ApiError::new("InvalidTarget", m),
    }
}

/// The target group of a request, checked.
fn group<'a>(sim: &'a Sim, input: &Input) -> Result<&'a TargetGroup, ApiError> {
    let arn = input.req_str("TargetGroupArn", || {
        validation("A target group ARN must be specified")
    })?;
    check_arn(arn, "targetgroup", "target group")?;
    sim.world.elb().target_group(arn).ok_or_else(tg_not_found)
}

/// The `Targets` of a request as keys (the port defaults to the group's), with the
/// `AvailabilityZone` each names, if any.
fn targets_of(
    tg: &TargetGroup,
    input: &Input,
) -> Result<Vec<(TargetKey, Option<String>)>, ApiError> {
    input
        .list("Targets")?
        .iter()
        .map(|t| {
            let id = t.str("Id")?.unwrap_or_default().to_string();
            if id.is_empty() {
                return Err(validation("A target ID must be specified"));
            }
            let port = port_of(t, "Port")?.unwrap_or(tg.port);
            let az = t.str("AvailabilityZone")?.map(str::to_string);
            Ok((TargetKey { id, port }, az))
        })
        .collect()
}

pub fn register_targets(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let tg = group(sim, input)?;
    let arn = tg.arn.clone();
    let targets = targets_of(tg, input)?;
    if targets.is_empty() {
        return Err(validation("At least one target must be specified"));
    }
    // Every target is checked before any is registered: all or nothing.
    for (key, az) in &targets {
        let found = elb::resolve_target(&sim.world, &arn, &key.id).map_err(elb_error)?;
        if let Some(az) = az {
            if az != found {
                return Err(validation(format!(
                    "The Availability Zone '{az}' of target '{}' is not the Availability Zone of its address ('{found}')",
                    key.id
                )));
            }
        }
    }
    for (key, _) in targets {
        elb::register_target(
            sim,
            &arn,
            TargetSpec {
                id: key.id,
                port: key.port,
            },
        )
        .map_err(elb_error)?;
    }
    Ok(json!({}))
}

pub fn deregister_targets(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let tg = group(sim, input)?;
    let arn = tg.arn.clone();
    let targets = targets_of(tg, input)?;
    if targets.is_empty() {
        return Err(validation("At least one target must be specified"));
    }
    for (key, _) in targets {
        elb::deregister_target(sim, &arn, &key.id, key.port).map_err(elb_error)?;
    }
    Ok(json!({}))
}

fn description(
    tg: &TargetGroup,
    key: &TargetKey,
    az: Option<&str>,
    health: &TargetHealth,
) -> Value {
    let target = match (tg.target_type, az) {
        (TargetType::Ip, Some(az)) => {
            json!({ "Id": key.id, "Port": key.port, "AvailabilityZone": az })
        }
        _ => json!({ "Id": key.id, "Port": key.port }),
    };
    let hc_port = tg.health_check.port.unwrap_or(key.port);
    json!({
        "Target": target,
        "HealthCheckPort": hc_port.to_string(),
        "TargetHealth": serde_json::to_value(health).unwrap_or_default()
    })
}

pub fn describe_target_health(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let tg = group(sim, input)?;
    let asked = targets_of(tg, input)?;
    let world = &sim.world;
    let out: Vec<Value> = if asked.is_empty() {
        tg.targets()
            .map(|t| description(tg, &t.key, Some(t.az), &elb::health_of(world, tg, t)))
            .collect()
    } else {
        asked
            .iter()
            .map(|(key, az)| match tg.target(key) {
                Some(t) => description(tg, key, Some(t.az), &elb::health_of(world, tg, t)),
                None => description(tg, key, az.as_deref(), &TargetHealth::not_registered()),
            })
            .collect()
    };
    Ok(json!({ "TargetHealthDescriptions": out }))
}
