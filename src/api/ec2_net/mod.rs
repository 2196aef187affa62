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
use crate::model::net::{Eni, EniKind, Subnet, Vpc};
use crate::model::time::Instant;
use crate::model::Tag;
use crate::sim::log::What;
use crate::sim::world::{create_default_security_group, World};
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
    if eni.attached_to.is_some() || matches!(eni.kind, EniKind::Task | EniKind::LoadBalancer) {
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

/// The attachment of a load balancer node's interface, as EC2 shows it: `ela-attach-...`,
/// owned by `amazon-elb`, no instance (the ID is derived from the interface's).
fn elb_attachment_json(eni: &Eni) -> Value {
    let suffix = eni.id.strip_prefix("eni-").unwrap_or(&eni.id);
    json!({
        "AttachTime": Instant(eni.created_at).iso_seconds(),
        "AttachmentId": format!("ela-attach-{suffix}"),
        "DeleteOnTermination": false,
        "DeviceIndex": 1,
        "NetworkCardIndex": 0,
        "InstanceOwnerId": "amazon-elb",
        "Status": "attached"
    })
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
    if eni.kind == EniKind::LoadBalancer {
        // A load balancer node's interface is attached to the ELB service, not an instance.
        put(&mut m, "Attachment", elb_attachment_json(eni));
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

mod security_groups;
pub use security_groups::{
    authorize_security_group_ingress, create_security_group, describe_security_groups,
};
