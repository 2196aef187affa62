//! Security groups: CreateSecurityGroup, AuthorizeSecurityGroupIngress,
//! DescribeSecurityGroups, and the rules as EC2 shows them.

use ipnet::Ipv4Net;
use serde_json::{Map, Value};

use crate::json::{json, put};

use crate::api::error::ApiError;
use crate::api::filters::{ec2_tags, Filters};
use crate::api::input::Input;
use crate::model::catalog::{ACCOUNT_ID, REGION};
use crate::model::net::{Peer, Permission, SecurityGroup};
use crate::sim::log::What;
use crate::sim::world::{all_outbound, World};
use crate::sim::Sim;

use super::{bad_value, ids_not_found, tag_specifications};

fn permission_json(p: &Permission) -> Value {
    let mut m = Map::new();
    put(&mut m, "IpProtocol", json!(p.protocol));
    if let Some(f) = p.from_port {
        put(&mut m, "FromPort", json!(f));
    }
    if let Some(t) = p.to_port {
        put(&mut m, "ToPort", json!(t));
    }
    put(
        &mut m,
        "UserIdGroupPairs",
        Value::Array(
            p.source_groups
                .iter()
                .map(|g| with_description(json!({"UserId": ACCOUNT_ID, "GroupId": g.target}), g))
                .collect(),
        ),
    );
    put(
        &mut m,
        "IpRanges",
        Value::Array(
            p.cidrs
                .iter()
                .map(|c| with_description(json!({"CidrIp": c.target}), c))
                .collect(),
        ),
    );
    put(&mut m, "Ipv6Ranges", json!([]));
    put(&mut m, "PrefixListIds", json!([]));
    Value::Object(m)
}

/// Adds a rule peer's `Description`, when it has one.
fn with_description(mut v: Value, peer: &Peer) -> Value {
    if let (Some(d), Some(m)) = (&peer.description, v.as_object_mut()) {
        put(m, "Description", json!(d));
    }
    v
}

fn security_group_json(g: &SecurityGroup) -> Value {
    let mut m = Map::new();
    put(&mut m, "GroupId", json!(g.id));
    put(
        &mut m,
        "IpPermissionsEgress",
        Value::Array(g.egress.iter().map(permission_json).collect()),
    );
    if !g.tags.is_empty() {
        put(&mut m, "Tags", ec2_tags(&g.tags));
    }
    put(&mut m, "VpcId", json!(g.vpc_id));
    put(&mut m, "SecurityGroupArn", json!(sg_arn(&g.id)));
    put(&mut m, "OwnerId", json!(ACCOUNT_ID));
    put(&mut m, "GroupName", json!(g.name));
    put(&mut m, "Description", json!(g.description));
    put(
        &mut m,
        "IpPermissions",
        Value::Array(g.ingress.iter().map(permission_json).collect()),
    );
    Value::Object(m)
}

fn sg_arn(id: &str) -> String {
    format!("arn:aws:ec2:{REGION}:{ACCOUNT_ID}:security-group/{id}")
}

pub fn create_security_group(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let missing = |p: &str| {
        ApiError::new(
            "MissingParameter",
            format!("The request must contain the parameter {p}"),
        )
    };
    let name = input.req_str("GroupName", || missing("GroupName"))?;
    let description = input.req_str("Description", || missing("GroupDescription"))?;
    let vpc_id = match input.str("VpcId")? {
        Some(v) => {
            if !sim.world.vpcs.contains_key(v) {
                return Err(ids_not_found("vpc", "InvalidVpcID.NotFound", &[v]));
            }
            v.to_string()
        }
        None => sim
            .world
            .default_vpc()
            .map(|v| v.id.clone())
            .ok_or_else(|| ApiError::new("VPCIdNotSpecified", "No default VPC for this user"))?,
    };
    if name.is_empty() || name.len() > 255 {
        return Err(bad_value(
            "Invalid value for GroupName: must be 1-255 characters.",
        ));
    }
    if name.starts_with("sg-") {
        return Err(bad_value("Group names may not be in the format sg-*."));
    }
    if name == "default" {
        return Err(bad_value(
            "Cannot use reserved security group name: default",
        ));
    }
    if sim
        .world
        .security_groups
        .values()
        .any(|g| g.vpc_id == vpc_id && g.name == name)
    {
        return Err(ApiError::new(
            "InvalidGroup.Duplicate",
            format!("The security group '{name}' already exists for VPC '{vpc_id}'"),
        ));
    }
    let tags = tag_specifications(input, "security-group")?;
    let id = sim.new_ec2_id("sg");
    let seq = sim.next_seq();
    sim.world.security_groups.insert(
        id.clone(),
        Box::new(SecurityGroup {
            id: id.clone(),
            name: name.to_string(),
            description: description.to_string(),
            vpc_id: vpc_id.clone(),
            ingress: Vec::new(),
            egress: vec![all_outbound()],
            tags,
            created_seq: seq,
        }),
    );
    sim.record(What::SecurityGroupCreated {
        group_id: id.as_str().into(),
        name: name.into(),
        vpc_id: vpc_id.as_str().into(),
    });
    Ok(json!({ "GroupId": id, "SecurityGroupArn": sg_arn(&id) }))
}

/// Finds a group by ID, or by name in the default VPC (as EC2 allows for GroupName).
fn find_group<'a>(sim: &'a Sim, input: &Input) -> Result<&'a SecurityGroup, ApiError> {
    if let Some(id) = input.str("GroupId")? {
        return sim
            .world
            .security_groups
            .get(id)
            .map(Box::as_ref)
            .ok_or_else(|| {
                ApiError::new(
                    "InvalidGroup.NotFound",
                    format!("The security group '{id}' does not exist"),
                )
            });
    }
    let name = input.str("GroupName")?.unwrap_or_default();
    let default_vpc = sim
        .world
        .default_vpc()
        .map(|v| v.id.clone())
        .unwrap_or_default();
    sim.world
        .security_groups
        .values()
        .map(Box::as_ref)
        .find(|g| g.name == name && g.vpc_id == default_vpc)
        .ok_or_else(|| {
            ApiError::new(
                "InvalidGroup.NotFound",
                format!(
                    "The security group '{name}' does not exist in default VPC '{default_vpc}'"
                ),
            )
        })
}

fn parse_permissions(sim: &Sim, input: &Input, vpc_id: &str) -> Result<Vec<Permission>, ApiError> {
    let mut out = Vec::new();
    for p in input.list("IpPermissions")? {
        let protocol = p
            .str("IpProtocol")?
            .ok_or_else(|| {
                ApiError::new(
                    "MissingParameter",
                    "The request must contain the parameter ipProtocol",
                )
            })?
            .to_ascii_lowercase();
        let protocol = match protocol.as_str() {
            "tcp" | "6" => "tcp".to_string(),
            "udp" | "17" => "udp".to_string(),
            "icmp" | "1" => "icmp".to_string(),
            "-1" | "all" => "-1".to_string(),
            other => {
                return Err(bad_value(format!(
                    "Invalid value '{other}' for IP protocol. Unknown protocol."
                )))
            }
        };
        let (from, to) = if protocol == "-1" {
            (None, None)
        } else {
            let from = p.i64("FromPort")?;
            let to = p.i64("ToPort")?;
            let ok = |v: i64| (-1..=65535).contains(&v);
            match (from, to) {
                (Some(f), Some(t)) if ok(f) && ok(t) && (protocol == "icmp" || f <= t) => (Some(f as i32), Some(t as i32)),
                _ => {
                    return Err(bad_value(format!(
                        "Invalid value for portRange. Must specify both from and to ports with TCP/UDP; from port must be less than or equal to the to port (got {} to {}).",
                        from.map_or("none".into(), |v| v.to_string()),
                        to.map_or("none".into(), |v| v.to_string())
                    )))
                }
            }
        };
        let mut cidrs = Vec::new();
        for r in p.list("IpRanges")? {
            let c = r.str("CidrIp")?.unwrap_or_default();
            let net = c
                .parse::<Ipv4Net>()
                .map_err(|_| bad_value(format!("CIDR block {c} is malformed")))?;
            cidrs.push(Peer {
                target: net.trunc().to_string(),
                description: r.str("Description")?.map(str::to_string),
            });
        }
        let mut groups = Vec::new();
        for g in p.list("UserIdGroupPairs")? {
            // A group by ID, or by name within the rule's own VPC (what EC2 accepts for
            // `--source-group name`).
            let id = match (g.str("GroupId")?, g.str("GroupName")?) {
                (Some(id), _) => {
                    if !sim.world.security_groups.contains_key(id) {
                        return Err(ApiError::new(
                            "InvalidGroup.NotFound",
                            format!("The security group '{id}' does not exist"),
                        ));
                    }
                    id.to_string()
                }
                (None, name) => {
                    let name = name.unwrap_or_default();
                    sim.world
                        .security_groups
                        .values()
                        .find(|sg| sg.name == name && sg.vpc_id == vpc_id)
                        .map(|sg| sg.id.clone())
                        .ok_or_else(|| {
                            ApiError::new(
                                "InvalidGroup.NotFound",
                                format!(
                                    "The security group '{name}' does not exist in VPC '{vpc_id}'"
                                ),
                            )
                        })?
                }
            };
            groups.push(Peer {
                target: id,
                description: g.str("Description")?.map(str::to_string),
            });
        }
        out.push(Permission {
            protocol,
            from_port: from,
            to_port: to,
            cidrs,
            source_groups: groups,
        });
    }
    if out.is_empty() {
        return Err(ApiError::new(
            "MissingParameter",
            "The request must contain the parameter ipPermissions",
        ));
    }
    Ok(out)
}

pub fn authorize_security_group_ingress(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let group = find_group(sim, input)?;
    let group_id = group.id.clone();
    let new = parse_permissions(sim, input, &group.vpc_id)?;
    for p in &new {
        let dup = group.ingress.iter().any(|q| {
            q.protocol == p.protocol
                && q.from_port == p.from_port
                && q.to_port == p.to_port
                && (p
                    .cidrs
                    .iter()
                    .any(|c| q.cidrs.iter().any(|d| d.target == c.target))
                    || p.source_groups
                        .iter()
                        .any(|g| q.source_groups.iter().any(|h| h.target == g.target)))
        });
        if dup {
            let peer = p
                .cidrs
                .first()
                .or(p.source_groups.first())
                .map(|peer| peer.target.clone())
                .unwrap_or_default();
            return Err(ApiError::new(
                "InvalidPermission.Duplicate",
                format!(
                    "the specified rule \"peer: {peer}, {}, from port: {}, to port: {}, ALLOW\" already exists",
                    p.protocol.to_uppercase(),
                    p.from_port.unwrap_or(-1),
                    p.to_port.unwrap_or(-1)
                ),
            ));
        }
    }
    let mut rules = Vec::new();
    for p in &new {
        for peer in p
            .cidrs
            .iter()
            .map(|c| ("CidrIpv4", c))
            .chain(p.source_groups.iter().map(|g| ("ReferencedGroupInfo", g)))
        {
            let rule_id = sim.new_ec2_id("sgr");
            let mut r = Map::new();
            put(&mut r, "SecurityGroupRuleId", json!(rule_id));
            put(&mut r, "GroupId", json!(group_id));
            put(&mut r, "GroupOwnerId", json!(ACCOUNT_ID));
            put(&mut r, "IsEgress", json!(false));
            put(&mut r, "IpProtocol", json!(p.protocol));
            put(&mut r, "FromPort", json!(p.from_port.unwrap_or(-1)));
            put(&mut r, "ToPort", json!(p.to_port.unwrap_or(-1)));
            if peer.0 == "CidrIpv4" {
                put(&mut r, "CidrIpv4", json!(peer.1.target));
            } else {
                put(
                    &mut r,
                    "ReferencedGroupInfo",
                    json!({"GroupId": peer.1.target, "UserId": ACCOUNT_ID}),
                );
            }
            if let Some(d) = &peer.1.description {
                put(&mut r, "Description", json!(d));
            }
            put(
                &mut r,
                "SecurityGroupRuleArn",
                json!(format!(
                    "arn:aws:ec2:{REGION}:{ACCOUNT_ID}:security-group-rule/{rule_id}"
                )),
            );
            rules.push(Value::Object(r));
        }
    }
    if let Some(g) = sim.world.security_groups.get_mut(&group_id) {
        g.ingress.extend(new);
    }
    sim.record(What::SecurityGroupIngressAuthorized {
        group_id: group_id.as_str().into(),
    });
    Ok(json!({ "Return": true, "SecurityGroupRules": rules }))
}

pub fn describe_security_groups(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let filters = Filters::parse(
        input,
        &[
            "group-id",
            "group-name",
            "vpc-id",
            "description",
            "owner-id",
        ],
    )?;
    let ids = input.strings("GroupIds")?;
    let names = input.strings("GroupNames")?;
    for id in &ids {
        if !sim.world.security_groups.contains_key(*id) {
            return Err(ApiError::new(
                "InvalidGroup.NotFound",
                format!("The security group '{id}' does not exist"),
            ));
        }
    }
    let default_vpc = sim
        .world
        .default_vpc()
        .map(|v| v.id.clone())
        .unwrap_or_default();
    for n in &names {
        if !sim
            .world
            .security_groups
            .values()
            .any(|g| g.name == *n && g.vpc_id == default_vpc)
        {
            return Err(ApiError::new(
                "InvalidGroup.NotFound",
                format!("The security group '{n}' does not exist in default VPC '{default_vpc}'"),
            ));
        }
    }
    let groups: Vec<Value> = World::by_creation(&sim.world.security_groups, |g| g.created_seq)
        .into_iter()
        .filter(|g| ids.is_empty() || ids.contains(&g.id.as_str()))
        .filter(|g| {
            names.is_empty() || (names.contains(&g.name.as_str()) && g.vpc_id == default_vpc)
        })
        .filter(|g| {
            filters.matches(&g.tags, |f| match f {
                "group-id" => vec![g.id.clone()],
                "group-name" => vec![g.name.clone()],
                "vpc-id" => vec![g.vpc_id.clone()],
                "description" => vec![g.description.clone()],
                "owner-id" => vec![ACCOUNT_ID.into()],
                _ => vec![],
            })
        })
        .map(security_group_json)
        .collect();
    Ok(json!({ "SecurityGroups": groups }))
}
