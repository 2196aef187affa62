//! Target groups: CreateTargetGroup (with the ALB health check defaults of
//! ECS-REFERENCE.md §7.3), ModifyTargetGroup (its health check settings, checked as at
//! creation), DescribeTargetGroups, DeleteTargetGroup, and the attributes of §7.4.

use serde_json::Value;

use crate::json::json;

use super::{check_arn, check_name, lb_not_found, port_of, tg_not_found, validation};
use crate::api::error::ApiError;
use crate::api::input::Input;
use crate::model::elb::{Algorithm, HealthCheck, Matcher, Protocol, TargetGroup, TargetType};
use crate::sim::elb::resources::{self, TargetGroupSpec};
use crate::sim::Sim;

fn tg_json(tg: &TargetGroup) -> Value {
    let hc = &tg.health_check;
    let lbs: Vec<&str> = tg.load_balancer_arn.as_deref().into_iter().collect();
    json!({
        "TargetGroupArn": tg.arn,
        "TargetGroupName": tg.name,
        "Protocol": tg.protocol.as_str(),
        "Port": tg.port,
        "VpcId": tg.vpc_id,
        "HealthCheckProtocol": hc.protocol.as_str(),
        "HealthCheckPort": hc.port.map_or_else(|| "traffic-port".to_string(), |p| p.to_string()),
        "HealthCheckEnabled": hc.enabled,
        "HealthCheckIntervalSeconds": hc.interval_s,
        "HealthCheckTimeoutSeconds": hc.timeout_s,
        "HealthyThresholdCount": hc.healthy_threshold,
        "UnhealthyThresholdCount": hc.unhealthy_threshold,
        "HealthCheckPath": hc.path,
        "Matcher": { "HttpCode": hc.matcher.0 },
        "LoadBalancerArns": lbs,
        "TargetType": tg.target_type.as_str(),
        "ProtocolVersion": "HTTP1",
        "IpAddressType": "ipv4"
    })
}

/// An integer member within `lo..=hi` (elbv2's constraint message otherwise).
fn ranged(input: &Input, key: &str, lo: i64, hi: i64, default: u32) -> Result<u32, ApiError> {
    match input.i64(key)? {
        None => Ok(default),
        Some(v) if (lo..=hi).contains(&v) => Ok(v as u32),
        Some(v) => Err(validation(format!(
            "1 validation error detected: Value '{v}' at '{}' failed to satisfy constraint: Member must have value between {lo} and {hi}",
            super::lower_first(key)
        ))),
    }
}

/// The health check settings of `input` over `d` (AWS's defaults at creation, the group's own
/// settings for ModifyTargetGroup): what is not given stays as it is.
fn health_check_of(input: &Input, d: &HealthCheck) -> Result<HealthCheck, ApiError> {
    let protocol = match input.str("HealthCheckProtocol")? {
        None => d.protocol,
        Some(p) => Protocol::parse(p).ok_or_else(|| {
            validation(format!(
                "Health check protocol '{p}' is not supported for target groups of Application Load Balancers"
            ))
        })?,
    };
    let port = match input.str("HealthCheckPort")? {
        None => d.port,
        Some("traffic-port") => None,
        Some(p) => Some(p.parse::<u16>().ok().filter(|p| *p >= 1).ok_or_else(|| {
            validation(format!(
                "Health check port '{p}' must be 'traffic-port' or a number between 1 and 65535"
            ))
        })?),
    };
    let path = input.str("HealthCheckPath")?.unwrap_or(&d.path);
    if !path.starts_with('/') || path.len() > 1024 {
        return Err(validation(format!(
            "Health check path '{path}' must begin with a '/' character and be at most 1024 characters"
        )));
    }
    let interval_s = ranged(input, "HealthCheckIntervalSeconds", 5, 300, d.interval_s)?;
    let timeout_s = ranged(input, "HealthCheckTimeoutSeconds", 2, 120, d.timeout_s)?;
    if timeout_s >= interval_s {
        return Err(validation(format!(
            "Health check timeout '{timeout_s}' must be smaller than the interval '{interval_s}'"
        )));
    }
    let healthy_threshold = ranged(input, "HealthyThresholdCount", 2, 10, d.healthy_threshold)?;
    let unhealthy_threshold = ranged(
        input,
        "UnhealthyThresholdCount",
        2,
        10,
        d.unhealthy_threshold,
    )?;
    let matcher = match input.object("Matcher")? {
        None => d.matcher.clone(),
        Some(m) => {
            if m.has("GrpcCode") {
                return Err(validation(
                    "GrpcCode matchers apply to gRPC target groups only",
                ));
            }
            let code = m.str("HttpCode")?.unwrap_or("200");
            Matcher::parse(code).ok_or_else(|| {
                validation(format!(
                    "Health check matcher HTTP code '{code}' must be a value between 200 and 499, a range such as '200-299', or a list such as '200,202'"
                ))
            })?
        }
    };
    Ok(HealthCheck {
        enabled: input.bool("HealthCheckEnabled")?.unwrap_or(d.enabled),
        protocol,
        port,
        path: path.to_string(),
        interval_s,
        timeout_s,
        healthy_threshold,
        unhealthy_threshold,
        matcher,
    })
}

pub fn create_target_group(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.req_str("Name", || {
        validation("A target group name must be specified")
    })?;
    check_name(name, "Target group")?;
    let target_type = match input.str("TargetType")?.unwrap_or("instance") {
        "instance" => TargetType::Instance,
        "ip" => TargetType::Ip,
        t @ ("lambda" | "alb") => {
            return Err(validation(format!(
                "The sandbox simulates target types 'instance' and 'ip' only, not '{t}'"
            )))
        }
        t => return Err(validation(format!("1 validation error detected: Value '{t}' at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: [instance, alb, ip, lambda]"))),
    };
    let protocol = match input.str("Protocol")? {
        None => return Err(validation("A protocol must be specified")),
        Some(p) => Protocol::parse(p).ok_or_else(|| {
            validation(format!(
                "The sandbox simulates target groups of Application Load Balancers (HTTP, HTTPS), not protocol '{p}'"
            ))
        })?,
    };
    let port = port_of(input, "Port")?.ok_or_else(|| validation("A port must be specified"))?;
    let vpc_id = input
        .str("VpcId")?
        .ok_or_else(|| validation("A VPC ID must be specified"))?;
    if !sim.world.vpcs.contains_key(vpc_id) {
        return Err(validation(format!("The VPC ID '{vpc_id}' is not found")));
    }
    match input.str("ProtocolVersion")?.unwrap_or("HTTP1") {
        "HTTP1" => {}
        v => {
            return Err(validation(format!(
                "The sandbox simulates protocol version HTTP1 only, not '{v}'"
            )))
        }
    }
    let health_check = health_check_of(input, &HealthCheck::alb_default())?;
    for t in input.list("Tags")? {
        t.str("Key")?;
    }
    if let Some(existing) = sim.world.elb().target_groups().find(|t| t.name == name) {
        // Idempotent: the same settings return the same group.
        let same = existing.protocol == protocol
            && existing.port == port
            && existing.vpc_id == vpc_id
            && existing.target_type == target_type
            && existing.health_check == health_check;
        if same {
            return Ok(json!({ "TargetGroups": [tg_json(existing)] }));
        }
        return Err(ApiError::new(
            "DuplicateTargetGroupName",
            "A target group with the specified name already exists.",
        ));
    }
    let arn = resources::create_target_group(
        sim,
        TargetGroupSpec {
            name: name.to_string(),
            protocol,
            port,
            vpc_id: vpc_id.to_string(),
            target_type,
            health_check,
        },
    );
    let tg = sim
        .world
        .elb()
        .target_group(&arn)
        .ok_or_else(tg_not_found)?;
    Ok(json!({ "TargetGroups": [tg_json(tg)] }))
}

/// ModifyTargetGroup: new health check settings, validated against the group's current ones
/// (a new interval must still exceed the timeout it keeps). Targets already checked go on at
/// their next check, which reads the new settings.
pub fn modify_target_group(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = input.req_str("TargetGroupArn", || {
        validation("A target group ARN must be specified")
    })?;
    check_arn(arn, "targetgroup", "target group")?;
    let tg = sim.world.elb().target_group(arn).ok_or_else(tg_not_found)?;
    let health_check = health_check_of(input, &tg.health_check)?;
    let tg = sim
        .world
        .elb_mut()
        .target_group_mut(arn)
        .ok_or_else(tg_not_found)?;
    tg.health_check = health_check;
    Ok(json!({ "TargetGroups": [tg_json(tg)] }))
}

pub fn describe_target_groups(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let lb = input.str("LoadBalancerArn")?;
    let arns = input.strings("TargetGroupArns")?;
    let names = input.strings("Names")?;
    let given =
        usize::from(lb.is_some()) + usize::from(!arns.is_empty()) + usize::from(!names.is_empty());
    if given > 1 {
        return Err(validation(
            "Only one of load balancer ARN, target group ARNs or names can be specified",
        ));
    }
    let elb = sim.world.elb();
    let mut out: Vec<&TargetGroup> = if let Some(lb) = lb {
        check_arn(lb, "loadbalancer", "load balancer")?;
        elb.load_balancer(lb).ok_or_else(lb_not_found)?;
        elb.target_groups()
            .filter(|t| t.load_balancer_arn.as_deref() == Some(lb))
            .collect()
    } else if !arns.is_empty() {
        for a in &arns {
            check_arn(a, "targetgroup", "target group")?;
        }
        arns.iter()
            .map(|a| elb.target_group(a).ok_or_else(tg_not_found))
            .collect::<Result<_, _>>()?
    } else if !names.is_empty() {
        names
            .iter()
            .map(|n| {
                elb.target_groups()
                    .find(|t| t.name == *n)
                    .ok_or_else(tg_not_found)
            })
            .collect::<Result<_, _>>()?
    } else {
        elb.target_groups().collect()
    };
    crate::sort::sort_by_key(&mut out, |t| t.created_seq);
    out.dedup_by_key(|t| t.created_seq);
    let out: Vec<Value> = out.into_iter().map(tg_json).collect();
    Ok(json!({ "TargetGroups": out }))
}

pub fn delete_target_group(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = input.req_str("TargetGroupArn", || {
        validation("A target group ARN must be specified")
    })?;
    check_arn(arn, "targetgroup", "target group")?;
    let tg = sim.world.elb().target_group(arn).ok_or_else(tg_not_found)?;
    if tg.load_balancer_arn.is_some() {
        return Err(ApiError::new(
            "ResourceInUse",
            format!("Target group '{arn}' is currently in use by a listener or a rule"),
        ));
    }
    resources::delete_target_group(sim, arn);
    Ok(json!({}))
}

fn attributes_json(tg: &TargetGroup) -> Value {
    let a = &tg.attributes;
    let pairs: [(&str, String); 6] = [
        ("stickiness.enabled", a.stickiness_enabled.to_string()),
        (
            "deregistration_delay.timeout_seconds",
            a.deregistration_delay_s.to_string(),
        ),
        ("stickiness.type", a.stickiness_type.clone()),
        (
            "stickiness.lb_cookie.duration_seconds",
            a.stickiness_cookie_s.to_string(),
        ),
        ("slow_start.duration_seconds", a.slow_start_s.to_string()),
        (
            "load_balancing.algorithm.type",
            a.algorithm.as_str().to_string(),
        ),
    ];
    let list: Vec<Value> = pairs
        .iter()
        .map(|(k, v)| json!({ "Key": *k, "Value": v }))
        .collect();
    json!({ "Attributes": list })
}

pub fn describe_target_group_attributes(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = input.req_str("TargetGroupArn", || {
        validation("A target group ARN must be specified")
    })?;
    check_arn(arn, "targetgroup", "target group")?;
    let tg = sim.world.elb().target_group(arn).ok_or_else(tg_not_found)?;
    Ok(attributes_json(tg))
}

fn int_attr(key: &str, value: &str, lo: u32, hi: u32) -> Result<u32, ApiError> {
    value
        .parse::<u32>()
        .ok()
        .filter(|v| (lo..=hi).contains(v))
        .ok_or_else(|| {
            ApiError::new(
                "InvalidConfigurationRequest",
                format!("The value of '{key}' must be between {lo} and {hi}, not '{value}'"),
            )
        })
}

pub fn modify_target_group_attributes(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = input.req_str("TargetGroupArn", || {
        validation("A target group ARN must be specified")
    })?;
    check_arn(arn, "targetgroup", "target group")?;
    let tg = sim.world.elb().target_group(arn).ok_or_else(tg_not_found)?;
    // Validate every change on a copy, then store it: all or nothing.
    let mut a = tg.attributes.clone();
    for attr in input.list("Attributes")? {
        let key = attr.str("Key")?.unwrap_or_default();
        let value = attr.str("Value")?.unwrap_or_default();
        let invalid = || {
            ApiError::new(
                "InvalidConfigurationRequest",
                format!("The value of '{key}' is not valid: '{value}'"),
            )
        };
        match key {
            "deregistration_delay.timeout_seconds" => {
                a.deregistration_delay_s = int_attr(key, value, 0, 3600)?
            }
            "load_balancing.algorithm.type" => {
                a.algorithm = Algorithm::parse(value).ok_or_else(invalid)?
            }
            "slow_start.duration_seconds" => {
                let v = int_attr(key, value, 0, 900)?;
                if v != 0 && v < 30 {
                    return Err(invalid());
                }
                a.slow_start_s = v;
            }
            "stickiness.enabled" => {
                a.stickiness_enabled = match value {
                    "true" => true,
                    "false" => false,
                    _ => return Err(invalid()),
                }
            }
            "stickiness.type" => match value {
                "lb_cookie" | "app_cookie" => a.stickiness_type = value.to_string(),
                _ => return Err(invalid()),
            },
            "stickiness.lb_cookie.duration_seconds" => {
                a.stickiness_cookie_s = int_attr(key, value, 1, 604_800)?
            }
            _ => {
                return Err(validation(format!(
                    "Target group attribute key '{key}' is not recognized"
                )))
            }
        }
    }
    if a.algorithm == Algorithm::LeastOutstandingRequests && a.slow_start_s != 0 {
        return Err(ApiError::new(
            "InvalidConfigurationRequest",
            "Slow start mode cannot be enabled with the least outstanding requests algorithm",
        ));
    }
    let tg = sim
        .world
        .elb_mut()
        .target_group_mut(arn)
        .ok_or_else(tg_not_found)?;
    tg.attributes = a;
    Ok(attributes_json(tg))
}
