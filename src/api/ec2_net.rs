//! EC2 networking operations: Availability Zones, VPCs, subnets, security groups and network
//! interfaces.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde_json::{Map, Value};

use crate::json::{json, put};

use super::error::ApiError;
use super::filters::{ec2_tags, Filters};
use super::input::Input;
use crate::model::catalog::{self, ACCOUNT_ID, AZS, REGION};
use crate::model::ip_pool::IpPool;
use crate::model::net::{Eni, EniKind, Peer, Permission, SecurityGroup, Subnet, Vpc};
use crate::model::time::Instant;
use crate::model::Tag;
use crate::sim::log::What;
use crate::sim::world::{all_outbound, create_default_security_group, World};
use crate::sim::Sim;

pub(crate) fn bad_value(message: impl Into<String>) -> ApiError {
    ApiError::new("InvalidParameterValue", message)
}

/// Tags from `TagSpecifications` for one resource type (`vpc`, `subnet`, `instance`...).
pub(crate) fn tag_specifications(input: &Input, resource_type: &str) -> Result<Vec<Tag>, ApiError> {
    let mut tags = Vec::new();
    for spec in input.list("TagSpecifications")? {
        let rt = spec.str("ResourceType")?.unwrap_or_default();
        if rt != resource_type {
            continue;
        }
        for t in spec.list("Tags")? {
            let key = t.str("Key")?.unwrap_or_default();
            if key.is_empty() || key.len() > 127 || key.starts_with("aws:") {
                return Err(ApiError::new(
                    "InvalidParameterValue",
                    format!("Tag key '{key}' is invalid: keys must be 1-127 characters and may not start with 'aws:'"),
                ));
            }
            tags.push(Tag {
                key: key.to_string(),
                value: t.str("Value")?.unwrap_or_default().to_string(),
            });
        }
    }
    Ok(tags)
}

fn ids_not_found(kind: &str, code: &str, missing: &[&str]) -> ApiError {
    if missing.len() == 1 {
        ApiError::new(
            code,
            format!("The {kind} ID '{}' does not exist", missing[0]),
        )
    } else {
        ApiError::new(
            code,
            format!("The {kind} IDs '{}' do not exist", missing.join(", ")),
        )
    }
}

// ---- Availability Zones -------------------------------------------------------------------

pub fn describe_availability_zones(_sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let filters = Filters::parse(
        input,
        &[
            "zone-name",
            "zone-id",
            "state",
            "region-name",
            "zone-type",
            "group-name",
            "opt-in-status",
        ],
    )?;
    let names = input.strings("ZoneNames")?;
    let ids = input.strings("ZoneIds")?;
    for n in &names {
        if catalog::az(n).is_none() {
            return Err(bad_value(format!("Invalid availability zone: [{n}]")));
        }
    }
    for i in &ids {
        if catalog::az_by_id(i).is_none() {
            return Err(bad_value(format!("Invalid availability zone id: [{i}]")));
        }
    }
    let zones: Vec<Value> = AZS
        .iter()
        .filter(|az| names.is_empty() || names.contains(&az.name))
        .filter(|az| ids.is_empty() || ids.contains(&az.id))
        .filter(|az| {
            filters.matches(&[], |f| match f {
                "zone-name" => vec![az.name.into()],
                "zone-id" => vec![az.id.into()],
                "state" => vec!["available".into()],
                "region-name" | "group-name" => vec![REGION.into()],
                "zone-type" => vec!["availability-zone".into()],
                "opt-in-status" => vec!["opt-in-not-required".into()],
                _ => vec![],
            })
        })
        .map(|az| {
            json!({
                "State": "available",
                "OptInStatus": "opt-in-not-required",
                "Messages": [],
                "RegionName": REGION,
                "ZoneName": az.name,
                "ZoneId": az.id,
                "GroupName": REGION,
                "NetworkBorderGroup": REGION,
                "ZoneType": "availability-zone"
            })
        })
        .collect();
    Ok(json!({ "AvailabilityZones": zones }))
}

// ---- VPCs -----------------------------------------------------------------------------------

/// Parses a CIDR block as EC2 does, canonicalising host bits away (`10.0.0.5/16` ->
/// `10.0.0.0/16`); `param` names the parameter in the error.
fn parse_cidr(text: &str, param: &str) -> Result<Ipv4Net, ApiError> {
    text.parse::<Ipv4Net>().map(|n| n.trunc()).map_err(|_| {
        bad_value(format!(
            "Value ({text}) for parameter {param} is invalid. This is not a valid CIDR block."
        ))
    })
}

pub fn vpc_json(world: &World, vpc: &Vpc) -> Value {
    let mut v = json!({
        "OwnerId": ACCOUNT_ID,
        "InstanceTenancy": "default",
        "CidrBlockAssociationSet": [{
            "AssociationId": vpc.cidr_assoc_id,
            "CidrBlock": vpc.cidr.to_string(),
            "CidrBlockState": {"State": "associated"}
        }],
        "IsDefault": vpc.is_default,
    });
    let m = v.as_object_mut().expect("json! object");
    if !vpc.tags.is_empty() {
        put(m, "Tags", ec2_tags(&vpc.tags));
    }
    put(
        m,
        "BlockPublicAccessStates",
        json!({"InternetGatewayBlockMode": "off"}),
    );
    put(m, "VpcId", json!(vpc.id));
    put(m, "State", json!("available"));
    put(m, "CidrBlock", json!(vpc.cidr.to_string()));
    put(m, "DhcpOptionsId", json!(world.dhcp_options_id));
    v
}

pub fn create_vpc(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let text = input.req_str("CidrBlock", || {
        ApiError::new(
            "MissingParameter",
            "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.",
        )
    })?;
    let cidr = parse_cidr(text, "cidrBlock")?;
    if !(16..=28).contains(&cidr.prefix_len()) {
        return Err(ApiError::new(
            "InvalidVpc.Range",
            format!("The CIDR '{text}' is invalid."),
        ));
    }
    let tags = tag_specifications(input, "vpc")?;
    let id = sim.new_ec2_id("vpc");
    let cidr_assoc_id = sim.new_ec2_id("vpc-cidr-assoc");
    let seq = sim.next_seq();
    let vpc = Vpc {
        id: id.clone(),
        cidr,
        is_default: false,
        cidr_assoc_id,
        tags,
        created_seq: seq,
    };
    sim.world.vpcs.insert(id.clone(), Box::new(vpc));
    create_default_security_group(sim, &id);
    sim.record(What::VpcCreated {
        vpc_id: id.as_str().into(),
        cidr,
    });
    let mut v = vpc_json(&sim.world, &sim.world.vpcs[&id]);
    if let Some(m) = v.as_object_mut() {
        put(m, "State", json!("pending"));
        put(m, "Ipv6CidrBlockAssociationSet", json!([]));
    }
    Ok(json!({ "Vpc": v }))
}

pub fn describe_vpcs(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let filters = Filters::parse(
        input,
        &[
            "vpc-id",
            "cidr",
            "cidr-block-association.cidr-block",
            "is-default",
            "state",
            "owner-id",
            "dhcp-options-id",
        ],
    )?;
    let ids = input.strings("VpcIds")?;
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| !sim.world.vpcs.contains_key(*i))
        .collect();
    if !missing.is_empty() {
        return Err(ids_not_found("vpc", "InvalidVpcID.NotFound", &missing));
    }
    let world = &sim.world;
    let vpcs: Vec<Value> = World::by_creation(&world.vpcs, |v| v.created_seq)
        .into_iter()
        .filter(|v| ids.is_empty() || ids.contains(&v.id.as_str()))
        .filter(|v| {
            filters.matches(&v.tags, |f| match f {
                "vpc-id" => vec![v.id.clone()],
                "cidr" | "cidr-block-association.cidr-block" => vec![v.cidr.to_string()],
                "is-default" => vec![v.is_default.to_string()],
                "state" => vec!["available".into()],
                "owner-id" => vec![ACCOUNT_ID.into()],
                _ => vec![],
            })
        })
        .map(|v| vpc_json(world, v))
        .collect();
    Ok(json!({ "Vpcs": vpcs }))
}

pub fn delete_vpc(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = input.req_str("VpcId", || {
        ApiError::new(
            "MissingParameter",
            "The request must contain the parameter vpcId",
        )
    })?;
    if !sim.world.vpcs.contains_key(id) {
        return Err(ids_not_found("vpc", "InvalidVpcID.NotFound", &[id]));
    }
    let has_subnets = sim.world.subnets.values().any(|s| s.vpc_id == id);
    let has_groups = sim
        .world
        .security_groups
        .values()
        .any(|g| g.vpc_id == id && g.name != "default");
    if has_subnets || has_groups {
        return Err(ApiError::new(
            "DependencyViolation",
            format!("The vpc '{id}' has dependencies and cannot be deleted."),
        ));
    }
    sim.world.vpcs.remove(id);
    sim.world.security_groups.retain(|_, g| g.vpc_id != id);
    sim.record(What::VpcDeleted { vpc_id: id.into() });
    Ok(json!({}))
}

// ---- Subnets --------------------------------------------------------------------------------

pub fn subnet_json(s: &Subnet) -> Value {
    let az_id = catalog::az(s.az).map_or("", |a| a.id);
    let mut v = Map::new();
    put(&mut v, "AvailabilityZoneId", json!(az_id));
    put(&mut v, "MapCustomerOwnedIpOnLaunch", json!(false));
    put(&mut v, "OwnerId", json!(ACCOUNT_ID));
    put(&mut v, "AssignIpv6AddressOnCreation", json!(false));
    put(&mut v, "Ipv6CidrBlockAssociationSet", json!([]));
    if !s.tags.is_empty() {
        put(&mut v, "Tags", ec2_tags(&s.tags));
    }
    put(
        &mut v,
        "SubnetArn",
        json!(format!("arn:aws:ec2:{REGION}:{ACCOUNT_ID}:subnet/{}", s.id)),
    );
    put(&mut v, "EnableDns64", json!(false));
    put(&mut v, "Ipv6Native", json!(false));
    put(
        &mut v,
        "PrivateDnsNameOptionsOnLaunch",
        json!({"HostnameType": "ip-name", "EnableResourceNameDnsARecord": false, "EnableResourceNameDnsAAAARecord": false}),
    );
    put(
        &mut v,
        "BlockPublicAccessStates",
        json!({"InternetGatewayBlockMode": "off"}),
    );
    put(&mut v, "SubnetId", json!(s.id));
    put(&mut v, "State", json!("available"));
    put(&mut v, "VpcId", json!(s.vpc_id));
    put(&mut v, "CidrBlock", json!(s.cidr().to_string()));
    put(
        &mut v,
        "AvailableIpAddressCount",
        json!(s.pool.free_count()),
    );
    put(&mut v, "AvailabilityZone", json!(s.az));
    put(&mut v, "DefaultForAz", json!(s.default_for_az));
    put(
        &mut v,
        "MapPublicIpOnLaunch",
        json!(s.map_public_ip_on_launch),
    );
    Value::Object(v)
}

pub fn create_subnet(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let missing = |p: &str| {
        ApiError::new(
            "MissingParameter",
            format!("The request must contain the parameter {p}"),
        )
    };
    let vpc_id = input.req_str("VpcId", || missing("vpcId"))?;
    let text = input.req_str("CidrBlock", || missing("cidrBlock"))?;
    let vpc = sim
        .world
        .vpcs
        .get(vpc_id)
        .ok_or_else(|| ids_not_found("vpc", "InvalidVpcID.NotFound", &[vpc_id]))?;
    let cidr = parse_cidr(text, "cidrBlock")?;
    let az = match (input.str("AvailabilityZone")?, input.str("AvailabilityZoneId")?) {
        (Some(name), _) => catalog::az(name).map(|a| a.name).ok_or_else(|| {
            bad_value(format!(
                "Value ({name}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {}.",
                AZS.iter().map(|a| a.name).collect::<Vec<_>>().join(", ")
            ))
        })?,
        (None, Some(id)) => catalog::az_by_id(id)
            .map(|a| a.name)
            .ok_or_else(|| bad_value(format!("Value ({id}) for parameter availabilityZoneId is invalid.")))?,
        (None, None) => "",
    };
    if !(16..=28).contains(&cidr.prefix_len()) || !vpc.cidr.contains(&cidr) {
        return Err(ApiError::new(
            "InvalidSubnet.Range",
            format!("The CIDR '{text}' is invalid."),
        ));
    }
    let conflict = sim
        .world
        .subnets
        .values()
        .any(|s| s.vpc_id == vpc_id && (s.cidr().contains(&cidr) || cidr.contains(&s.cidr())));
    if conflict {
        return Err(ApiError::new(
            "InvalidSubnet.Conflict",
            format!("The CIDR '{text}' conflicts with another subnet"),
        ));
    }
    let tags = tag_specifications(input, "subnet")?;
    // With no AZ given, EC2 picks one for you; the sandbox draws it from the seed.
    let az = if az.is_empty() {
        AZS[sim.rng.index(AZS.len())].name
    } else {
        az
    };
    let id = sim.new_ec2_id("subnet");
    let seq = sim.next_seq();
    let subnet = Subnet {
        id: id.clone(),
        vpc_id: vpc_id.to_string(),
        az,
        default_for_az: false,
        map_public_ip_on_launch: false,
        pool: IpPool::new(cidr),
        tags,
        created_seq: seq,
    };
    let usable = subnet.pool.usable();
    sim.world.subnets.insert(id.clone(), Box::new(subnet));
    sim.record(What::SubnetCreated {
        subnet_id: id.as_str().into(),
        vpc_id: vpc_id.into(),
        cidr,
        az,
        usable,
    });
    let mut v = subnet_json(&sim.world.subnets[&id]);
    if let Some(m) = v.as_object_mut() {
        put(m, "State", json!("available"));
    }
    Ok(json!({ "Subnet": v }))
}

pub fn describe_subnets(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let filters = Filters::parse(
        input,
        &[
            "subnet-id",
            "vpc-id",
            "availability-zone",
            "availability-zone-id",
            "availabilityZone",
            "cidr-block",
            "cidr",
            "cidrBlock",
            "default-for-az",
            "defaultForAz",
            "state",
            "available-ip-address-count",
            "map-public-ip-on-launch",
            "owner-id",
            "subnet-arn",
        ],
    )?;
    let ids = input.strings("SubnetIds")?;
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| !sim.world.subnets.contains_key(*i))
        .collect();
    if !missing.is_empty() {
        return Err(ids_not_found(
            "subnet",
            "InvalidSubnetID.NotFound",
            &missing,
        ));
    }
    let subnets: Vec<Value> = World::by_creation(&sim.world.subnets, |s| s.created_seq)
        .into_iter()
        .filter(|s| ids.is_empty() || ids.contains(&s.id.as_str()))
        .filter(|s| {
            filters.matches(&s.tags, |f| match f {
                "subnet-id" => vec![s.id.clone()],
                "vpc-id" => vec![s.vpc_id.clone()],
                "availability-zone" | "availabilityZone" => vec![s.az.into()],
                "availability-zone-id" => vec![catalog::az(s.az).map_or("", |a| a.id).into()],
                "cidr-block" | "cidr" | "cidrBlock" => vec![s.cidr().to_string()],
                "default-for-az" | "defaultForAz" => vec![s.default_for_az.to_string()],
                "state" => vec!["available".into()],
                "available-ip-address-count" => vec![s.pool.free_count().to_string()],
                "map-public-ip-on-launch" => vec![s.map_public_ip_on_launch.to_string()],
                "owner-id" => vec![ACCOUNT_ID.into()],
                "subnet-arn" => vec![format!("arn:aws:ec2:{REGION}:{ACCOUNT_ID}:subnet/{}", s.id)],
                _ => vec![],
            })
        })
        .map(subnet_json)
        .collect();
    Ok(json!({ "Subnets": subnets }))
}

pub fn delete_subnet(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = input.req_str("SubnetId", || {
        ApiError::new(
            "MissingParameter",
            "The request must contain the parameter subnetId",
        )
    })?;
    let subnet = sim
        .world
        .subnets
        .get(id)
        .ok_or_else(|| ids_not_found("subnet", "InvalidSubnetID.NotFound", &[id]))?;
    if subnet.pool.held_count() > 0 {
        return Err(ApiError::new(
            "DependencyViolation",
            format!("The subnet '{id}' has dependencies and cannot be deleted."),
        ));
    }
    sim.world.subnets.remove(id);
    sim.record(What::SubnetDeleted {
        subnet_id: id.into(),
    });
    Ok(json!({}))
}

// ---- Security groups ------------------------------------------------------------------------

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

// ---- Network interfaces ---------------------------------------------------------------------

pub fn private_dns_name(ip: Ipv4Addr) -> String {
    format!("ip-{}.ec2.internal", ip.to_string().replace('.', "-"))
}

pub fn public_dns_name(ip: Ipv4Addr) -> String {
    format!(
        "ec2-{}.compute-1.amazonaws.com",
        ip.to_string().replace('.', "-")
    )
}

pub fn eni_status(eni: &Eni) -> &'static str {
    if eni.attached_to.is_some() || eni.kind == EniKind::Task {
        "in-use"
    } else {
        "available"
    }
}

/// The members both interface shapes list alike, in the same order: addresses and identity,
/// from `Ipv6Addresses` to `PrivateIpAddresses`.
fn put_identity(m: &mut Map<String, Value>, eni: &Eni) {
    put(m, "Ipv6Addresses", json!([]));
    put(m, "MacAddress", json!(eni.mac));
    put(m, "NetworkInterfaceId", json!(eni.id));
    put(m, "OwnerId", json!(ACCOUNT_ID));
    put(m, "PrivateDnsName", json!(private_dns_name(eni.private_ip)));
    put(m, "PrivateIpAddress", json!(eni.private_ip.to_string()));
    let addresses = private_ip_addresses(m, eni);
    put(m, "PrivateIpAddresses", addresses);
}

/// `PrivateIpAddresses`: the interface's one (primary) address, with the public association
/// the interface has, if any. Both interface shapes list it the same way.
fn private_ip_addresses(iface: &Map<String, Value>, eni: &Eni) -> Value {
    let mut primary = Map::new();
    if let Some(assoc) = iface.get("Association") {
        put(&mut primary, "Association", assoc.clone());
    }
    put(&mut primary, "Primary", json!(true));
    put(
        &mut primary,
        "PrivateDnsName",
        json!(private_dns_name(eni.private_ip)),
    );
    put(
        &mut primary,
        "PrivateIpAddress",
        json!(eni.private_ip.to_string()),
    );
    json!([Value::Object(primary)])
}

/// The security groups of an interface, `[{GroupName, GroupId}]`.
fn groups_json(world: &World, groups: &[String]) -> Value {
    Value::Array(
        groups
            .iter()
            .map(|g| {
                let name = world
                    .security_groups
                    .get(g)
                    .map_or("", |sg| sg.name.as_str());
                json!({"GroupName": name, "GroupId": g})
            })
            .collect(),
    )
}

/// A public address as both interface shapes show it.
fn association_json(ip: Ipv4Addr) -> Value {
    json!({"IpOwnerId": "amazon", "PublicDnsName": public_dns_name(ip), "PublicIp": ip.to_string()})
}

/// An interface as it appears inside an instance (EC2's `InstanceNetworkInterface`, which
/// differs from what DescribeNetworkInterfaces returns). `launching` renders the RunInstances
/// response: attachment still `attaching`, no public address yet.
pub fn instance_eni_json(world: &World, eni: &Eni, launching: bool) -> Value {
    let mut m = Map::new();
    if let (Some(ip), false) = (eni.public_ip, launching) {
        put(&mut m, "Association", association_json(ip));
    }
    put(
        &mut m,
        "Attachment",
        json!({
            "AttachTime": Instant(eni.created_at).iso_seconds(),
            "AttachmentId": eni.attachment_id,
            "DeleteOnTermination": true,
            "DeviceIndex": eni.device_index,
            "Status": if launching { "attaching" } else { "attached" },
            "NetworkCardIndex": 0
        }),
    );
    put(&mut m, "Description", json!(eni.description));
    put(&mut m, "Groups", groups_json(world, &eni.groups));
    put_identity(&mut m, eni);
    put(&mut m, "SourceDestCheck", json!(true));
    put(&mut m, "Status", json!(eni_status(eni)));
    put(&mut m, "SubnetId", json!(eni.subnet_id));
    put(&mut m, "VpcId", json!(eni.vpc_id));
    put(&mut m, "InterfaceType", json!(eni.interface_type));
    Value::Object(m)
}

pub fn eni_json(world: &World, eni: &Eni) -> Value {
    let mut m = Map::new();
    if let Some(ip) = eni.public_ip {
        put(&mut m, "Association", association_json(ip));
    }
    if let Some(inst) = &eni.attached_to {
        put(
            &mut m,
            "Attachment",
            json!({
                "AttachTime": Instant(eni.created_at).iso_seconds(),
                "AttachmentId": eni.attachment_id,
                "DeleteOnTermination": true,
                "DeviceIndex": eni.device_index,
                "NetworkCardIndex": 0,
                "InstanceId": inst,
                "InstanceOwnerId": ACCOUNT_ID,
                "Status": "attached"
            }),
        );
    }
    put(&mut m, "AvailabilityZone", json!(eni.az));
    put(&mut m, "Description", json!(eni.description));
    put(&mut m, "Groups", groups_json(world, &eni.groups));
    put(&mut m, "InterfaceType", json!(eni.interface_type));
    put_identity(&mut m, eni);
    if let Some(r) = &eni.requester_id {
        put(&mut m, "RequesterId", json!(r));
    }
    put(&mut m, "RequesterManaged", json!(eni.requester_managed));
    put(&mut m, "SourceDestCheck", json!(true));
    put(&mut m, "Status", json!(eni_status(eni)));
    put(&mut m, "SubnetId", json!(eni.subnet_id));
    put(&mut m, "TagSet", json!([]));
    put(&mut m, "VpcId", json!(eni.vpc_id));
    Value::Object(m)
}

pub fn describe_network_interfaces(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let filters = Filters::parse(
        input,
        &[
            "network-interface-id",
            "subnet-id",
            "vpc-id",
            "availability-zone",
            "private-ip-address",
            "addresses.private-ip-address",
            "interface-type",
            "requester-managed",
            "requester-id",
            "status",
            "attachment.instance-id",
            "attachment.status",
            "description",
            "group-id",
            "group-name",
            "mac-address",
            "owner-id",
            "association.public-ip",
        ],
    )?;
    let ids = input.strings("NetworkInterfaceIds")?;
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| !sim.world.enis().contains_key(*i))
        .collect();
    if !missing.is_empty() {
        return Err(ids_not_found(
            "networkInterface",
            "InvalidNetworkInterfaceID.NotFound",
            &missing,
        ));
    }
    let world = &sim.world;
    let enis: Vec<Value> = World::by_creation(world.enis(), |e| e.created_seq)
        .into_iter()
        .filter(|e| ids.is_empty() || ids.contains(&e.id.as_str()))
        .filter(|e| {
            filters.matches(&[], |f| match f {
                "network-interface-id" => vec![e.id.clone()],
                "subnet-id" => vec![e.subnet_id.clone()],
                "vpc-id" => vec![e.vpc_id.clone()],
                "availability-zone" => vec![e.az.into()],
                "private-ip-address" | "addresses.private-ip-address" => {
                    vec![e.private_ip.to_string()]
                }
                "interface-type" => vec![e.interface_type.into()],
                "requester-managed" => vec![e.requester_managed.to_string()],
                "requester-id" => e.requester_id.iter().cloned().collect(),
                "status" => vec![eni_status(e).into()],
                "attachment.instance-id" => e.attached_to.iter().cloned().collect(),
                "attachment.status" => e
                    .attached_to
                    .iter()
                    .map(|_| "attached".to_string())
                    .collect(),
                "description" => vec![e.description.clone()],
                "group-id" => e.groups.clone(),
                "group-name" => e
                    .groups
                    .iter()
                    .filter_map(|g| world.security_groups.get(g))
                    .map(|g| g.name.clone())
                    .collect(),
                "mac-address" => vec![e.mac.clone()],
                "owner-id" => vec![ACCOUNT_ID.into()],
                "association.public-ip" => e.public_ip.iter().map(|i| i.to_string()).collect(),
                _ => vec![],
            })
        })
        .map(|e| eni_json(world, e))
        .collect();
    Ok(json!({ "NetworkInterfaces": enis }))
}
