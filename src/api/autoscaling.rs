//! Application Auto Scaling for ECS services (ECS-REFERENCE.md §6.8): scalable targets on
//! `ecs:service:DesiredCount`, target tracking policies on average CPU or memory or on
//! `ALBRequestCountPerTarget`, and the scaling activities they cause (`sim::autoscaling` runs
//! them in time). Other namespaces, dimensions and policy types are refused as the sandbox's
//! limits.

use serde_json::{Map, Value};

use super::error::ApiError;
use super::input::Input;
use crate::json::{json, put};
use crate::model::autoscaling::{Metric, ScalableTarget, ScalingPolicy};
use crate::model::catalog::{ACCOUNT_ID, REGION};
use crate::model::time::Instant;
use crate::sim::{autoscaling, Sim};

const DIMENSION: &str = "ecs:service:DesiredCount";

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new("ValidationException", message)
}

/// The resource ID of an ECS service target, checked: `service/CLUSTER/NAME` of an existing
/// service, namespace `ecs`, dimension `ecs:service:DesiredCount`.
fn resource_id<'a>(sim: &Sim, input: &Input<'a>) -> Result<&'a str, ApiError> {
    let ns = input.req_str("ServiceNamespace", || {
        invalid("ServiceNamespace is required")
    })?;
    if ns != "ecs" {
        return Err(invalid(format!(
            "The sandbox scales ECS services only (service namespace ecs), not {ns}."
        )));
    }
    let dim = input.req_str("ScalableDimension", || {
        invalid("ScalableDimension is required")
    })?;
    if dim != DIMENSION {
        return Err(invalid(format!(
            "Unsupported scalable dimension {dim} for service namespace ecs"
        )));
    }
    let id = input.req_str("ResourceId", || invalid("ResourceId is required"))?;
    let arn = autoscaling::service_arn(id);
    if !id.starts_with("service/") || sim.world.service(&arn).is_none() {
        return Err(invalid(format!("ECS service doesn't exist: {id}")));
    }
    Ok(id)
}

fn no_target(id: &str) -> ApiError {
    ApiError::new(
        "ObjectNotFoundException",
        format!(
            "No scalable target registered for service namespace: ecs, resource ID: {id}, \
             scalable dimension: {DIMENSION}"
        ),
    )
}

fn role_arn() -> String {
    format!(
        "arn:aws:iam::{ACCOUNT_ID}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService"
    )
}

pub fn register_scalable_target(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = resource_id(sim, input)?;
    let existing = sim.world.scalable_targets.get(id).map(|t| (t.min, t.max));
    let capacity = |key: &str, old: Option<u32>| -> Result<Option<u32>, ApiError> {
        match input.i64(key)? {
            None => Ok(old),
            Some(v) => u32::try_from(v)
                .map(Some)
                .map_err(|_| invalid(format!("{key} must be a non-negative integer"))),
        }
    };
    let min = capacity("MinCapacity", existing.map(|e| e.0))?;
    let max = capacity("MaxCapacity", existing.map(|e| e.1))?;
    let (Some(min), Some(max)) = (min, max) else {
        return Err(invalid(
            "MinCapacity and MaxCapacity are required to register a new scalable target",
        ));
    };
    if min > max {
        return Err(invalid(format!(
            "Minimum capacity ({min}) cannot be greater than maximum capacity ({max})"
        )));
    }
    let now = sim.now();
    let target = sim
        .world
        .scalable_targets
        .entry(id.to_string())
        .or_insert_with(|| {
            Box::new(ScalableTarget {
                resource_id: id.to_string(),
                min,
                max,
                created: now,
                last_scaled_at: None,
                ticking: false,
            })
        });
    target.min = min;
    target.max = max;
    let arn = format!(
        "arn:aws:application-autoscaling:{REGION}:{ACCOUNT_ID}:scalable-target/{}",
        scalable_target_suffix(id)
    );
    Ok(json!({ "ScalableTargetARN": arn }))
}

/// A stable 36-character suffix for a scalable target's ARN, from its resource ID (not the
/// RNG, so registering again gives the same ARN).
fn scalable_target_suffix(id: &str) -> String {
    format!(
        "0ec{}",
        super::stable_chars(id, 33, b"0123456789abcdefghijklmnopqrstuvwxyz")
    )
}

pub fn describe_scalable_targets(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let ids = input.strings("ResourceIds")?;
    let out: Vec<Value> = sim
        .world
        .scalable_targets
        .values()
        .filter(|t| ids.is_empty() || ids.contains(&t.resource_id.as_str()))
        .map(|t| {
            json!({
                "ServiceNamespace": "ecs",
                "ResourceId": t.resource_id,
                "ScalableDimension": DIMENSION,
                "MinCapacity": t.min,
                "MaxCapacity": t.max,
                "RoleARN": role_arn(),
                "CreationTime": Instant(t.created).iso_seconds(),
                "SuspendedState": {"DynamicScalingInSuspended": false, "DynamicScalingOutSuspended": false, "ScheduledScalingSuspended": false},
            })
        })
        .collect();
    Ok(json!({ "ScalableTargets": out }))
}

pub fn deregister_scalable_target(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = resource_id(sim, input)?;
    if sim.world.scalable_targets.remove(id).is_none() {
        return Err(no_target(id));
    }
    sim.world
        .scaling_policies
        .retain(|_, p| p.resource_id != id);
    Ok(json!({}))
}

fn metric(config: &Input) -> Result<Metric, ApiError> {
    let Some(spec) = config.object("PredefinedMetricSpecification")? else {
        return Err(invalid(
            "The sandbox tracks predefined metrics only: give PredefinedMetricSpecification",
        ));
    };
    let kind = spec.req_str("PredefinedMetricType", || {
        invalid("PredefinedMetricType is required")
    })?;
    match kind {
        "ECSServiceAverageCPUUtilization" => Ok(Metric::Cpu),
        "ECSServiceAverageMemoryUtilization" => Ok(Metric::Memory),
        "ALBRequestCountPerTarget" => {
            let label = spec
                .str("ResourceLabel")?
                .ok_or_else(|| invalid("ResourceLabel is required for ALBRequestCountPerTarget"))?;
            Ok(Metric::RequestsPerTarget {
                resource_label: label.to_string(),
            })
        }
        other => Err(invalid(format!(
            "Unsupported predefined metric type {other} for service namespace ecs"
        ))),
    }
}

fn policy_json(p: &ScalingPolicy) -> Value {
    let mut spec = Map::new();
    put(&mut spec, "PredefinedMetricType", json!(p.metric.as_str()));
    if let Metric::RequestsPerTarget { resource_label } = &p.metric {
        put(&mut spec, "ResourceLabel", json!(resource_label));
    }
    json!({
        "PolicyARN": p.arn,
        "PolicyName": p.name,
        "ServiceNamespace": "ecs",
        "ResourceId": p.resource_id,
        "ScalableDimension": DIMENSION,
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": {
            "TargetValue": p.target_value,
            "PredefinedMetricSpecification": Value::Object(spec),
            "ScaleOutCooldown": p.scale_out_cooldown_s,
            "ScaleInCooldown": p.scale_in_cooldown_s,
            "DisableScaleIn": p.disable_scale_in,
        },
        "Alarms": alarms_json(p),
        "CreationTime": Instant(p.created).iso_seconds(),
    })
}

fn alarms_json(p: &ScalingPolicy) -> Value {
    let alarm = |name: &str| json!({"AlarmName": name, "AlarmARN": format!("arn:aws:cloudwatch:{REGION}:{ACCOUNT_ID}:alarm:{name}")});
    json!([alarm(&p.alarm_high), alarm(&p.alarm_low)])
}

pub fn put_scaling_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = resource_id(sim, input)?;
    let name = input.req_str("PolicyName", || invalid("PolicyName is required"))?;
    match input.str("PolicyType")? {
        None | Some("TargetTrackingScaling") => {}
        Some(other) => {
            return Err(invalid(format!(
                "The sandbox simulates TargetTrackingScaling policies only, not {other}."
            )))
        }
    }
    if !sim.world.scalable_targets.contains_key(id) {
        return Err(no_target(id));
    }
    let config = input
        .object("TargetTrackingScalingPolicyConfiguration")?
        .ok_or_else(|| {
            invalid(
                "TargetTrackingScalingPolicyConfiguration is required for TargetTrackingScaling",
            )
        })?;
    let target_value = config
        .value("TargetValue")
        .and_then(Value::as_f64)
        .ok_or_else(|| invalid("TargetValue is required"))?;
    if target_value.is_nan() || target_value <= 0.0 {
        return Err(invalid("TargetValue must be greater than 0"));
    }
    let metric = metric(&config)?;
    let cooldown = |key: &str| -> Result<u32, ApiError> {
        match config.i64(key)? {
            None => Ok(300),
            Some(v) => u32::try_from(v).map_err(|_| invalid(format!("{key} must be 0 or more"))),
        }
    };
    let (out_cool, in_cool) = (cooldown("ScaleOutCooldown")?, cooldown("ScaleInCooldown")?);
    let disable_scale_in = config.bool("DisableScaleIn")?.unwrap_or(false);
    let existing = sim
        .world
        .scaling_policies
        .values()
        .find(|p| p.resource_id == id && p.name == name)
        .map(|p| {
            (
                p.arn.clone(),
                p.alarm_high.clone(),
                p.alarm_low.clone(),
                p.created,
            )
        });
    let (arn, alarm_high, alarm_low, created) = match existing {
        Some(e) => e,
        None => {
            let uuid = sim.rng.uuid_v4();
            let (hi, lo) = (sim.rng.uuid_v4(), sim.rng.uuid_v4());
            (
                format!(
                    "arn:aws:autoscaling:{REGION}:{ACCOUNT_ID}:scalingPolicy:{uuid}:resource/ecs/{id}:policyName/{name}"
                ),
                format!("TargetTracking-{id}-AlarmHigh-{hi}"),
                format!("TargetTracking-{id}-AlarmLow-{lo}"),
                sim.now(),
            )
        }
    };
    let policy = ScalingPolicy {
        name: name.to_string(),
        arn: arn.clone(),
        resource_id: id.to_string(),
        target_value,
        metric,
        scale_out_cooldown_s: out_cool,
        scale_in_cooldown_s: in_cool,
        disable_scale_in,
        alarm_high,
        alarm_low,
        minutes_high: 0,
        minutes_low: 0,
        created,
    };
    let alarms = alarms_json(&policy);
    sim.world
        .scaling_policies
        .insert(arn.clone(), Box::new(policy));
    autoscaling::start_ticking(sim, id);
    Ok(json!({ "PolicyARN": arn, "Alarms": alarms }))
}

pub fn describe_scaling_policies(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = input.str("ResourceId")?;
    let out: Vec<Value> = sim
        .world
        .scaling_policies
        .values()
        .filter(|p| id.is_none_or(|i| p.resource_id == i))
        .map(|p| policy_json(p))
        .collect();
    Ok(json!({ "ScalingPolicies": out }))
}

pub fn delete_scaling_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = resource_id(sim, input)?;
    let name = input.req_str("PolicyName", || invalid("PolicyName is required"))?;
    let arn = sim
        .world
        .scaling_policies
        .values()
        .find(|p| p.resource_id == id && p.name == name)
        .map(|p| p.arn.clone())
        .ok_or_else(|| {
            ApiError::new(
                "ObjectNotFoundException",
                format!("No scaling policy found for service namespace: ecs, resource ID: {id}, scalable dimension: {DIMENSION}, policy name: {name}"),
            )
        })?;
    sim.world.scaling_policies.remove(&arn);
    Ok(json!({}))
}

pub fn describe_scaling_activities(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = input.str("ResourceId")?;
    let out: Vec<Value> = sim
        .world
        .scaling_activities
        .iter()
        .rev()
        .filter(|a| id.is_none_or(|i| a.resource_id == i))
        .map(|a| {
            json!({
                "ActivityId": a.id,
                "ServiceNamespace": "ecs",
                "ResourceId": a.resource_id,
                "ScalableDimension": DIMENSION,
                "Description": a.description,
                "Cause": a.cause,
                "StartTime": Instant(a.at).iso_seconds(),
                "EndTime": Instant(a.at).iso_seconds(),
                "StatusCode": "Successful",
                "StatusMessage": a.status_message,
            })
        })
        .collect();
    Ok(json!({ "ScalingActivities": out }))
}
