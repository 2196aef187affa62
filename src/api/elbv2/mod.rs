//! Elastic Load Balancing v2 (Application Load Balancers): load balancers and listeners here,
//! target groups in `target_groups`, targets and their health in `targets`.
//!
//! Responses are shaped as the AWS CLI prints them (PascalCase members, `CreatedTime` as the
//! CLI renders timestamps). Every operation validates the whole request before it changes
//! anything; refusals carry elbv2's error codes (`DuplicateLoadBalancerName`,
//! `ValidationError`, `InvalidConfigurationRequest`, ...).

mod target_groups;
mod targets;

use serde_json::Value;

use crate::json::json;

use super::error::ApiError;
use super::input::Input;
use crate::model::elb::{Listener, LoadBalancer, Protocol, Scheme};
use crate::model::time::Instant;
use crate::sim::elb::resources::{self, LoadBalancerSpec};
use crate::sim::{Sim, World};
pub use target_groups::{
    create_target_group, delete_target_group, describe_target_group_attributes,
    describe_target_groups, modify_target_group, modify_target_group_attributes,
};
pub use targets::{deregister_targets, describe_target_health, register_targets};

/// Route 53's hosted zone of Application Load Balancers in us-east-1.
const HOSTED_ZONE_ID: &str = "Z35SXDOTRQ7X7K";

/// An ALB subnet needs this many free addresses (ECS-REFERENCE.md §7.1).
const MIN_FREE_IPS: u32 = 8;

pub(crate) fn validation(message: impl Into<String>) -> ApiError {
    ApiError::new("ValidationError", message)
}

fn lb_not_found() -> ApiError {
    ApiError::new(
        "LoadBalancerNotFound",
        "One or more load balancers not found",
    )
}

pub(crate) fn tg_not_found() -> ApiError {
    ApiError::new("TargetGroupNotFound", "One or more target groups not found")
}

fn listener_not_found() -> ApiError {
    ApiError::new("ListenerNotFound", "One or more listeners not found")
}

/// An ARN of the kind elbv2 expects (`loadbalancer`, `targetgroup`, `listener`), or the
/// ValidationError it gives for anything else.
pub(crate) fn check_arn<'a>(arn: &'a str, kind: &str, what: &str) -> Result<&'a str, ApiError> {
    if arn.starts_with("arn:aws:elasticloadbalancing:") && arn.contains(&format!(":{kind}/")) {
        Ok(arn)
    } else {
        Err(validation(format!("'{arn}' is not a valid {what} ARN")))
    }
}

/// Load balancer and target group names: 1-32 characters, letters, digits and hyphens, not
/// beginning or ending with a hyphen.
pub(crate) fn check_name(name: &str, what: &str) -> Result<(), ApiError> {
    if name.is_empty() || name.len() > 32 {
        return Err(validation(format!(
            "{what} name '{name}' cannot be longer than '32' characters"
        )));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(validation(format!(
            "{what} name '{name}' can only contain characters that are alphanumeric characters or hyphens(-)"
        )));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(validation(format!(
            "{what} name '{name}' cannot begin or end with '-' character"
        )));
    }
    Ok(())
}

/// A port member (1-65535); None when absent.
pub(crate) fn port_of(input: &Input, key: &str) -> Result<Option<u16>, ApiError> {
    match input.i64(key)? {
        None => Ok(None),
        Some(p) => u16::try_from(p).ok().filter(|p| *p >= 1).map(Some).ok_or_else(|| {
            validation(format!(
                "1 validation error detected: Value '{p}' at '{}' failed to satisfy constraint: Member must have value between 1 and 65535",
                lower_first(key)
            ))
        }),
    }
}

pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

fn lb_json(lb: &LoadBalancer) -> Value {
    let zones: Vec<Value> = lb
        .zones
        .iter()
        .map(|z| json!({ "ZoneName": z.az, "SubnetId": z.subnet_id, "LoadBalancerAddresses": [] }))
        .collect();
    json!({
        "LoadBalancerArn": lb.arn,
        "DNSName": lb.dns_name,
        "CanonicalHostedZoneId": HOSTED_ZONE_ID,
        "CreatedTime": Instant(lb.created_at).iso_cli(),
        "LoadBalancerName": lb.name,
        "Scheme": lb.scheme.as_str(),
        "VpcId": lb.vpc_id,
        "State": { "Code": lb.state.as_str() },
        "Type": "application",
        "AvailabilityZones": zones,
        "SecurityGroups": lb.security_groups.clone(),
        "IpAddressType": "ipv4"
    })
}

/// (AZ, subnet ID) pairs, in AZ order.
type ZoneSubnets = Vec<(&'static str, String)>;

/// The subnets of a CreateLoadBalancer request, all in one VPC, with that VPC.
fn lb_subnets(world: &World, input: &Input) -> Result<(String, ZoneSubnets), ApiError> {
    let mut ids: Vec<&str> = input.strings("Subnets")?;
    let mappings = input.list("SubnetMappings")?;
    if !ids.is_empty() && !mappings.is_empty() {
        return Err(validation(
            "You can specify subnets or subnet mappings, but not both",
        ));
    }
    for m in &mappings {
        if m.has("PrivateIPv4Address") || m.has("AllocationId") || m.has("IPv6Address") {
            return Err(validation(
                "Application Load Balancers take no addresses in subnet mappings: give only SubnetId",
            ));
        }
        ids.push(m.str("SubnetId")?.unwrap_or_default());
    }
    let two =
        || validation("At least two subnets in two different Availability Zones must be specified");
    if ids.is_empty() {
        return Err(two());
    }
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut vpc: Option<&str> = None;
    for id in ids {
        let s = world.subnets.get(id).ok_or_else(|| {
            ApiError::new(
                "SubnetNotFound",
                format!("The subnet ID '{id}' is not valid"),
            )
        })?;
        match vpc {
            Some(v) if v != s.vpc_id => {
                return Err(ApiError::new(
                    "InvalidConfigurationRequest",
                    "Subnets must all be in the same VPC",
                ))
            }
            _ => vpc = Some(&s.vpc_id),
        }
        if out.iter().any(|(_, o)| o == id) {
            continue;
        }
        if out.iter().any(|(az, _)| *az == s.az) {
            return Err(ApiError::new(
                "InvalidConfigurationRequest",
                "A load balancer cannot be attached to multiple subnets in the same Availability Zone",
            ));
        }
        out.push((s.az, s.id.clone()));
    }
    if out.len() < 2 {
        return Err(two());
    }
    for (_, id) in &out {
        let free = world.subnets.get(id).map_or(0, |s| s.pool.free_count());
        if free < MIN_FREE_IPS {
            return Err(ApiError::new(
                "InvalidSubnet",
                format!("Not enough IP space available in {id}. ELB requires at least {MIN_FREE_IPS} free IP addresses in each subnet."),
            ));
        }
    }
    out.sort();
    Ok((vpc.unwrap_or_default().to_string(), out))
}

pub fn create_load_balancer(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let name = input.req_str("Name", || {
        validation("A load balancer name must be specified")
    })?;
    check_name(name, "Load balancer")?;
    if name.starts_with("internal-") {
        return Err(validation(format!(
            "Load balancer name '{name}' cannot begin with 'internal-'"
        )));
    }
    match input.str("Type")?.unwrap_or("application") {
        "application" => {}
        t @ ("network" | "gateway") => {
            return Err(validation(format!(
                "The sandbox simulates Application Load Balancers only, not type '{t}'"
            )))
        }
        t => return Err(validation(format!("1 validation error detected: Value '{t}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [application, gateway, network]"))),
    }
    let scheme = match input.str("Scheme")?.unwrap_or("internet-facing") {
        "internet-facing" => Scheme::InternetFacing,
        "internal" => Scheme::Internal,
        s => return Err(validation(format!("1 validation error detected: Value '{s}' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internal, internet-facing]"))),
    };
    match input.str("IpAddressType")?.unwrap_or("ipv4") {
        "ipv4" => {}
        t => {
            return Err(validation(format!(
                "The sandbox simulates IPv4 load balancers only, not IP address type '{t}'"
            )))
        }
    }
    for t in input.list("Tags")? {
        t.str("Key")?;
        t.str("Value")?;
    }
    let world = &sim.world;
    let (vpc_id, subnets) = lb_subnets(world, input)?;
    let mut groups: Vec<String> = Vec::new();
    for g in input.strings("SecurityGroups")? {
        match world.security_groups.get(g) {
            Some(sg) if sg.vpc_id == vpc_id => {
                if !groups.iter().any(|x| x == g) {
                    groups.push(g.to_string());
                }
            }
            _ => {
                return Err(ApiError::new(
                    "InvalidSecurityGroup",
                    format!("One or more security groups are invalid: '{g}'"),
                ))
            }
        }
    }
    if groups.is_empty() {
        if let Some(d) = world.default_security_group(&vpc_id) {
            groups.push(d.id.clone());
        }
    }
    if let Some(existing) = world.elb().load_balancer_named(name) {
        // CreateLoadBalancer is idempotent: the same request returns the same load balancer.
        let same_subnets: Vec<(&str, &str)> = existing
            .zones
            .iter()
            .map(|z| (z.az, z.subnet_id.as_str()))
            .collect();
        let asked: Vec<(&str, &str)> = subnets.iter().map(|(a, s)| (*a, s.as_str())).collect();
        if existing.scheme == scheme && same_subnets == asked && existing.security_groups == groups
        {
            return Ok(json!({ "LoadBalancers": [lb_json(existing)] }));
        }
        return Err(ApiError::new(
            "DuplicateLoadBalancerName",
            "A load balancer with the specified name already exists.",
        ));
    }
    let arn = resources::create_load_balancer(
        sim,
        LoadBalancerSpec {
            name: name.to_string(),
            scheme,
            vpc_id,
            subnets,
            security_groups: groups,
        },
    )
    .map_err(|_| {
        ApiError::new(
            "InvalidSubnet",
            "Not enough IP space available. ELB requires at least 8 free IP addresses in each subnet.",
        )
    })?;
    let lb = sim
        .world
        .elb()
        .load_balancer(&arn)
        .ok_or_else(lb_not_found)?;
    Ok(json!({ "LoadBalancers": [lb_json(lb)] }))
}

pub fn describe_load_balancers(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arns = input.strings("LoadBalancerArns")?;
    let names = input.strings("Names")?;
    if !arns.is_empty() && !names.is_empty() {
        return Err(validation(
            "Load balancer names and load balancer ARNs cannot be specified at the same time",
        ));
    }
    let elb = sim.world.elb();
    let mut lbs: Vec<&LoadBalancer> = if !arns.is_empty() {
        for a in &arns {
            check_arn(a, "loadbalancer", "load balancer")?;
        }
        arns.iter()
            .map(|a| elb.load_balancer(a).ok_or_else(lb_not_found))
            .collect::<Result<_, _>>()?
    } else if !names.is_empty() {
        names
            .iter()
            .map(|n| elb.load_balancer_named(n).ok_or_else(lb_not_found))
            .collect::<Result<_, _>>()?
    } else {
        elb.load_balancers().collect()
    };
    crate::sort::sort_by_key(&mut lbs, |l| l.created_seq);
    lbs.dedup_by_key(|l| l.created_seq);
    let out: Vec<Value> = lbs.into_iter().map(lb_json).collect();
    Ok(json!({ "LoadBalancers": out }))
}

/// Deleting a load balancer that does not exist succeeds, as on AWS.
pub fn delete_load_balancer(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = input.req_str("LoadBalancerArn", || {
        validation("A load balancer ARN must be specified")
    })?;
    check_arn(arn, "loadbalancer", "load balancer")?;
    resources::delete_load_balancer(sim, arn);
    Ok(json!({}))
}

fn listener_json(l: &Listener) -> Value {
    let tuples: Vec<Value> = l
        .forward
        .iter()
        .map(|(g, w)| json!({ "TargetGroupArn": g, "Weight": *w }))
        .collect();
    let forward_config = json!({
        "TargetGroups": tuples,
        "TargetGroupStickinessConfig": { "Enabled": false }
    });
    let action = match l.forward.as_slice() {
        [(g, _)] => {
            json!({ "Type": "forward", "TargetGroupArn": g, "ForwardConfig": forward_config })
        }
        _ => json!({ "Type": "forward", "ForwardConfig": forward_config }),
    };
    json!({
        "ListenerArn": l.arn,
        "LoadBalancerArn": l.load_balancer_arn,
        "Port": l.port,
        "Protocol": l.protocol.as_str(),
        "DefaultActions": [action]
    })
}

/// The target groups of a listener's single forward action, with their weights.
fn forward_of(input: &Input) -> Result<Vec<(String, u32)>, ApiError> {
    let actions = input.list("DefaultActions")?;
    let [action] = actions.as_slice() else {
        return Err(validation(
            "The sandbox simulates listeners with exactly one default action, of type 'forward'",
        ));
    };
    match action.str("Type")?.unwrap_or_default() {
        "forward" => {}
        t @ ("redirect" | "fixed-response" | "authenticate-oidc" | "authenticate-cognito") => {
            return Err(validation(format!(
                "The sandbox simulates 'forward' actions only, not '{t}'"
            )))
        }
        t => return Err(validation(format!("1 validation error detected: Value '{t}' at 'defaultActions.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward, authenticate-oidc, authenticate-cognito, fixed-response, redirect]"))),
    }
    let mut forward: Vec<(String, u32)> = Vec::new();
    if let Some(cfg) = action.object("ForwardConfig")? {
        for t in cfg.list("TargetGroups")? {
            let arn = t.str("TargetGroupArn")?.unwrap_or_default();
            let weight = t.i64("Weight")?.unwrap_or(1);
            let weight = u32::try_from(weight)
                .ok()
                .filter(|w| *w <= 999)
                .ok_or_else(|| {
                    validation(format!(
                        "Target group weight '{weight}' must be between 0 and 999"
                    ))
                })?;
            forward.push((arn.to_string(), weight));
        }
    }
    if let Some(arn) = action.str("TargetGroupArn")? {
        match forward.as_slice() {
            [] => forward.push((arn.to_string(), 1)),
            [(a, _)] if a == arn => {}
            _ => {
                return Err(validation(
                    "You cannot specify both a target group ARN and a forward config with different target groups",
                ))
            }
        }
    }
    if forward.is_empty() {
        return Err(validation(
            "A target group ARN must be specified for a forward action",
        ));
    }
    if forward.iter().all(|(_, w)| *w == 0) {
        return Err(validation(
            "At least one target group must have a weight greater than 0",
        ));
    }
    Ok(forward)
}

pub fn create_listener(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let lb_arn = input.req_str("LoadBalancerArn", || {
        validation("A load balancer ARN must be specified")
    })?;
    check_arn(lb_arn, "loadbalancer", "load balancer")?;
    let world = &sim.world;
    let lb = world.elb().load_balancer(lb_arn).ok_or_else(lb_not_found)?;
    let protocol = match input.str("Protocol")? {
        None => return Err(validation("A listener protocol must be specified")),
        Some(p) => Protocol::parse(p).ok_or_else(|| {
            ApiError::new(
                "UnsupportedProtocol",
                format!("Protocol '{p}' is not supported for Application Load Balancers"),
            )
        })?,
    };
    if protocol == Protocol::Https && input.list("Certificates")?.is_empty() {
        return Err(ApiError::new(
            "CertificateNotFound",
            "A certificate must be specified for HTTPS listeners",
        ));
    }
    let port =
        port_of(input, "Port")?.ok_or_else(|| validation("A listener port must be specified"))?;
    let forward = forward_of(input)?;
    for (g, _) in &forward {
        check_arn(g, "targetgroup", "target group")?;
        let tg = world.elb().target_group(g).ok_or_else(tg_not_found)?;
        if tg.vpc_id != lb.vpc_id {
            return Err(ApiError::new(
                "InvalidConfigurationRequest",
                format!(
                    "Target group '{g}' is in VPC '{}', not in the load balancer's VPC '{}'",
                    tg.vpc_id, lb.vpc_id
                ),
            ));
        }
        if tg.load_balancer_arn.as_deref().is_some_and(|a| a != lb_arn) {
            return Err(ApiError::new(
                "TargetGroupAssociationLimit",
                format!("The following target groups cannot be associated with more than one load balancer: {g}"),
            ));
        }
    }
    if world
        .elb()
        .listeners()
        .any(|l| l.load_balancer_arn == lb_arn && l.port == port)
    {
        return Err(ApiError::new(
            "DuplicateListener",
            format!("A listener already exists on this port for this load balancer '{lb_arn}'"),
        ));
    }
    let arn = resources::create_listener(sim, lb_arn, port, protocol, forward, false);
    let l = sim
        .world
        .elb()
        .listener(&arn)
        .ok_or_else(listener_not_found)?;
    Ok(json!({ "Listeners": [listener_json(l)] }))
}

pub fn describe_listeners(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let lb_arn = input.str("LoadBalancerArn")?;
    let arns = input.strings("ListenerArns")?;
    let elb = sim.world.elb();
    let mut out: Vec<&Listener> = match (lb_arn, arns.is_empty()) {
        (Some(lb), true) => {
            check_arn(lb, "loadbalancer", "load balancer")?;
            elb.load_balancer(lb).ok_or_else(lb_not_found)?;
            elb.listeners()
                .filter(|l| l.load_balancer_arn == lb)
                .collect()
        }
        (None, false) => arns
            .iter()
            .map(|a| elb.listener(a).ok_or_else(listener_not_found))
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(validation(
                "You must specify either listener ARNs or a load balancer ARN",
            ))
        }
    };
    crate::sort::sort_by_key(&mut out, |l| l.created_seq);
    let out: Vec<Value> = out.into_iter().map(listener_json).collect();
    Ok(json!({ "Listeners": out }))
}

pub fn delete_listener(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = input.req_str("ListenerArn", || {
        validation("A listener ARN must be specified")
    })?;
    check_arn(arn, "listener", "listener")?;
    sim.world
        .elb()
        .listener(arn)
        .ok_or_else(listener_not_found)?;
    resources::delete_listener(sim, arn);
    Ok(json!({}))
}
