//! EC2 instance operations: RunInstances, DescribeInstances, TerminateInstances and
//! DescribeInstanceTypes.

use std::net::Ipv4Addr;

use serde_json::{Map, Value};

use crate::json::{json, put};

use super::ec2_net::{
    bad_value, instance_eni_json, private_dns_name, public_dns_name, tag_specifications,
};
use super::error::ApiError;
use super::filters::{ec2_tags, Filters};
use super::input::Input;
use crate::model::catalog::{self, Arch, ACCOUNT_ID, INSTANCE_TYPES};
use crate::model::ec2::{Instance, InstanceState};
use crate::model::ip_pool::IpError;
use crate::model::time::Instant;
use crate::sim::ec2::{self as sim_ec2, LaunchSpec};
use crate::sim::world::World;
use crate::sim::Sim;

/// The most instances one RunInstances call may launch in the sandbox (our bound; AWS's is
/// the account's vCPU quota).
pub const MAX_INSTANCES_PER_CALL: i64 = 100;

fn malformed(kind: &str, prefix: &str, id: &str) -> ApiError {
    ApiError::new(
        &format!("Invalid{kind}ID.Malformed"),
        format!("Invalid id: \"{id}\" (expecting \"{prefix}-...\")"),
    )
}

/// EC2's refusal when a zone has no capacity (here: the zone is down, `sim az-outage`), with
/// the zones that do.
fn no_capacity(sim: &Sim, type_name: &str, az: &str) -> ApiError {
    let others: Vec<&str> = catalog::AZS
        .iter()
        .map(|a| a.name)
        .filter(|z| *z != az && !sim.world.impaired_zones.contains(z))
        .collect();
    ApiError::new(
        "InsufficientInstanceCapacity",
        format!(
            "We currently do not have sufficient {type_name} capacity in the Availability Zone you requested ({az}). Our system will be working on provisioning additional capacity. You can currently get {type_name} capacity by not specifying an Availability Zone in your request or choosing {}.",
            others.join(", ")
        ),
    )
}

pub fn run_instances(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let image = input.req_str("ImageId", || {
        ApiError::new(
            "MissingParameter",
            "The request must contain the parameter ImageId",
        )
    })?;
    if !image.starts_with("ami-") {
        return Err(ApiError::new(
            "InvalidAMIID.Malformed",
            format!("Invalid id: \"{image}\" (expecting \"ami-...\")"),
        ));
    }
    let ami = catalog::ami(image).ok_or_else(|| {
        ApiError::new(
            "InvalidAMIID.NotFound",
            format!("The image id '[{image}]' does not exist"),
        )
    })?;
    // EC2's documented default is m1.small, a previous generation the sandbox does not model;
    // the sandbox defaults to t2.micro (our choice).
    let type_name = input.str("InstanceType")?.unwrap_or("t2.micro");
    let instance_type = catalog::instance_type(type_name)
        .ok_or_else(|| bad_value(format!("Invalid value '{type_name}' for InstanceType.")))?;
    if instance_type.arch != ami.arch {
        return Err(bad_value(format!(
            "The architecture '{}' of the specified instance type does not match the architecture '{}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the architecture of the instance type or AMI.",
            instance_type.arch.as_str(),
            ami.arch.as_str()
        )));
    }
    let min = input.i64("MinCount")?.unwrap_or(1);
    let max = input.i64("MaxCount")?.unwrap_or(min);
    if min < 1 || max < 1 {
        return Err(bad_value(format!(
            "Invalid value '{}' for {}. Must be a positive integer.",
            min.min(max),
            if min < 1 { "minCount" } else { "maxCount" }
        )));
    }
    if min > max {
        return Err(bad_value(format!(
            "Invalid value '{min}' for minCount. Must be less than or equal to maxCount ({max})."
        )));
    }
    if min > MAX_INSTANCES_PER_CALL {
        return Err(ApiError::new(
            "InstanceLimitExceeded",
            format!("You have requested more instances ({min}) than your current instance limit of {MAX_INSTANCES_PER_CALL} allows for the specified instance type. (The sandbox launches at most {MAX_INSTANCES_PER_CALL} instances per call.)"),
        ));
    }
    let max = max.min(MAX_INSTANCES_PER_CALL);

    // Network interface: from SubnetId, or from NetworkInterfaces[0] (what the CLI builds for
    // --associate-public-ip-address), or a default subnet.
    let nic = input.list("NetworkInterfaces")?;
    let nic0 = nic.first();
    let placement_az = match input
        .object("Placement")?
        .map(|p| p.str("AvailabilityZone"))
        .transpose()?
        .flatten()
    {
        None => None,
        Some(az) => Some(
            catalog::az(az)
                .map(|a| a.name)
                .ok_or_else(|| bad_value(format!("Invalid availability zone: [{az}]")))?,
        ),
    };
    if let Some(key) = input.str("KeyName")? {
        // The sandbox has no key pairs (no SSH into simulated instances).
        return Err(ApiError::new(
            "InvalidKeyPair.NotFound",
            format!("The key pair '{key}' does not exist"),
        ));
    }
    // When EC2 picks a default subnet, the choice is drawn from the seed, but only once the
    // request is known to succeed (a refused call consumes no randomness).
    let mut default_subnets = 0;
    let subnet_id = match (
        input.str("SubnetId")?,
        nic0.map(|n| n.str("SubnetId")).transpose()?.flatten(),
    ) {
        (Some(s), _) | (None, Some(s)) => {
            if !s.starts_with("subnet-") {
                return Err(malformed("Subnet", "subnet", s));
            }
            if !sim.world.subnets.contains_key(s) {
                return Err(ApiError::new(
                    "InvalidSubnetID.NotFound",
                    format!("The subnet ID '{s}' does not exist"),
                ));
            }
            s.to_string()
        }
        (None, None) => {
            let defaults: Vec<String> = World::by_creation(&sim.world.subnets, |s| s.created_seq)
                .into_iter()
                .filter(|s| s.default_for_az && placement_az.is_none_or(|az| s.az == az))
                // EC2 chooses among the zones that have capacity (not one `sim az-outage`
                // took down), unless the request named the zone.
                .filter(|s| placement_az.is_some() || !sim.world.impaired_zones.contains(s.az))
                .map(|s| s.id.clone())
                .collect();
            if defaults.is_empty() {
                return Err(ApiError::new("VPCIdNotSpecified", "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC."));
            }
            default_subnets = defaults.len();
            defaults[sim.rng.peek_index(defaults.len())].clone()
        }
    };
    let subnet = &sim.world.subnets[&subnet_id];
    let vpc_id = subnet.vpc_id.clone();
    if sim.world.impaired_zones.contains(subnet.az) {
        return Err(no_capacity(sim, instance_type.name, subnet.az));
    }

    let mut groups: Vec<String> = input
        .strings("SecurityGroupIds")?
        .into_iter()
        .map(str::to_string)
        .collect();
    if let Some(n) = nic0 {
        groups.extend(n.strings("Groups")?.into_iter().map(str::to_string));
    }
    for g in &groups {
        match sim.world.security_groups.get(g) {
            None => {
                return Err(ApiError::new(
                    "InvalidGroup.NotFound",
                    format!("The security group '{g}' does not exist"),
                ))
            }
            Some(sg) if sg.vpc_id != vpc_id => {
                return Err(bad_value(format!(
                    "Security group {g} and subnet {subnet_id} belong to different networks."
                )))
            }
            Some(_) => {}
        }
    }
    for name in input.strings("SecurityGroups")? {
        let sg = sim
            .world
            .security_groups
            .values()
            .find(|g| g.name == name && g.vpc_id == vpc_id)
            .ok_or_else(|| {
                ApiError::new(
                    "InvalidGroup.NotFound",
                    format!("The security group '{name}' does not exist in VPC '{vpc_id}'"),
                )
            })?;
        groups.push(sg.id.clone());
    }
    if groups.is_empty() {
        if let Some(sg) = sim.world.default_security_group(&vpc_id) {
            groups.push(sg.id.clone());
        }
    }
    groups.dedup();

    let instance_profile_arn = match input.object("IamInstanceProfile")? {
        None => None,
        Some(p) => {
            if let Some(arn) = p.str("Arn")? {
                let found = sim
                    .world
                    .instance_profiles
                    .values()
                    .find(|ip| ip.arn == arn);
                Some(found.map(|ip| ip.arn.clone()).ok_or_else(|| {
                    bad_value(format!("Value ({arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN"))
                })?)
            } else {
                let name = p.str("Name")?.unwrap_or_default();
                Some(sim.world.instance_profiles.get(name).map(|ip| ip.arn.clone()).ok_or_else(|| {
                    bad_value(format!("Value ({name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"))
                })?)
            }
        }
    };

    let private_ip = match input.str("PrivateIpAddress")? {
        None => None,
        Some(text) => {
            let ip: Ipv4Addr = text
                .parse()
                .map_err(|_| bad_value(format!("Invalid value '{text}' for IP address.")))?;
            let pool = &sim.world.subnets[&subnet_id].pool;
            if !pool.net().contains(&ip) {
                return Err(bad_value(format!(
                    "Address {ip} does not fall within the subnet's address range"
                )));
            }
            if pool.is_reserved(ip) {
                return Err(bad_value(format!(
                    "Address {ip} is in subnet's reserved address range"
                )));
            }
            if pool.holder(ip).is_some() {
                return Err(ApiError::new(
                    "InvalidIPAddress.InUse",
                    format!("Address {ip} is in use."),
                ));
            }
            if max > 1 {
                return Err(ApiError::new(
                    "InvalidParameterCombination",
                    "Cannot specify a private IP address when launching more than one instance.",
                ));
            }
            Some(ip)
        }
    };

    let free = i64::from(sim.world.subnets[&subnet_id].pool.free_count());
    if free < min {
        return Err(ApiError::new(
            "InsufficientFreeAddressesInSubnet",
            format!("There are not enough free addresses in subnet '{subnet_id}' to satisfy the requested number of instances."),
        ));
    }
    let count = max.min(free) as u32;
    let public_ip = nic0
        .map(|n| n.bool("AssociatePublicIpAddress"))
        .transpose()?
        .flatten()
        .unwrap_or(sim.world.subnets[&subnet_id].map_public_ip_on_launch);
    let tags = tag_specifications(input, "instance")?;
    if default_subnets > 0 {
        sim.rng.index(default_subnets);
    }
    let spec = LaunchSpec {
        instance_type,
        ami,
        subnet_id,
        count,
        user_data: input.str("UserData")?.unwrap_or_default().to_string(),
        instance_profile_arn,
        security_groups: groups,
        key_name: input.str("KeyName")?.map(str::to_string),
        tags,
        private_ip,
        public_ip,
    };
    let (reservation_id, ids) = sim_ec2::launch(sim, spec).map_err(|e| match e {
        IpError::Exhausted => ApiError::new("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in the subnet to satisfy the requested number of instances."),
        IpError::Unavailable => ApiError::new("InvalidIPAddress.InUse", "The requested address is in use."),
    })?;
    let instances: Vec<Value> = ids
        .iter()
        .map(|id| instance_json(&sim.world, &sim.world.instances[id], true))
        .collect();
    Ok(json!({
        "ReservationId": reservation_id,
        "OwnerId": ACCOUNT_ID,
        "Groups": [],
        "Instances": instances
    }))
}

/// An instance as EC2 describes it; `launching` renders the RunInstances response (pending,
/// interfaces still attaching, no public address yet).
pub fn instance_json(world: &World, i: &Instance, launching: bool) -> Value {
    let live = i.state != InstanceState::Terminated;
    let mut m = Map::new();
    put(&mut m, "Architecture", json!(i.ami.arch.as_str()));
    put(&mut m, "BlockDeviceMappings", json!([]));
    put(&mut m, "ClientToken", json!(""));
    put(&mut m, "EbsOptimized", json!(false));
    put(&mut m, "EnaSupport", json!(true));
    put(&mut m, "Hypervisor", json!("xen"));
    if let Some(arn) = &i.instance_profile_arn {
        let id = world
            .instance_profiles
            .values()
            .find(|p| &p.arn == arn)
            .map_or("", |p| p.id.as_str());
        put(&mut m, "IamInstanceProfile", json!({"Arn": arn, "Id": id}));
    }
    if live {
        let enis: Vec<Value> = world
            .enis_of(&i.id)
            .map(|e| instance_eni_json(world, e, launching))
            .collect();
        put(&mut m, "NetworkInterfaces", Value::Array(enis));
    } else {
        put(&mut m, "NetworkInterfaces", json!([]));
    }
    put(&mut m, "RootDeviceName", json!("/dev/xvda"));
    put(&mut m, "RootDeviceType", json!("ebs"));
    put(&mut m, "SecurityGroups", Value::Array(
            i.security_groups
                .iter()
                .map(|g| json!({"GroupName": world.security_groups.get(g).map_or("", |s| s.name.as_str()), "GroupId": g}))
                .collect(),
        ),
    );
    put(&mut m, "SourceDestCheck", json!(true));
    if !i.tags.is_empty() {
        put(&mut m, "Tags", ec2_tags(&i.tags));
    }
    put(&mut m, "VirtualizationType", json!("hvm"));
    // Graviton (arm64) has no SMT: one thread per core. x86 types have two, but a 1-vCPU t2.
    let threads = if i.ami.arch == Arch::Arm64 || i.instance_type.vcpus == 1 {
        1
    } else {
        2
    };
    put(
        &mut m,
        "CpuOptions",
        json!({"CoreCount": i.instance_type.vcpus / threads, "ThreadsPerCore": threads}),
    );
    put(&mut m, "PlatformDetails", json!("Linux/UNIX"));
    put(&mut m, "UsageOperation", json!("RunInstances"));
    put(&mut m, "InstanceId", json!(i.id));
    put(&mut m, "ImageId", json!(i.ami.id));
    put(
        &mut m,
        "State",
        json!({"Code": i.state.code(), "Name": i.state.name()}),
    );
    put(
        &mut m,
        "PrivateDnsName",
        json!(if live {
            private_dns_name(i.private_ip)
        } else {
            String::new()
        }),
    );
    put(
        &mut m,
        "PublicDnsName",
        json!(match (live && !launching, i.public_ip) {
            (true, Some(ip)) => public_dns_name(ip),
            _ => String::new(),
        }),
    );
    // EC2 explains pending and user-terminated states.
    match (launching, i.state) {
        (true, _) => {
            put(
                &mut m,
                "StateReason",
                json!({"Code": "pending", "Message": "pending"}),
            );
        }
        (false, InstanceState::ShuttingDown | InstanceState::Terminated) => {
            put(
                &mut m,
                "StateReason",
                json!({"Code": "Client.UserInitiatedShutdown", "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}),
            );
        }
        _ => {}
    }
    put(
        &mut m,
        "StateTransitionReason",
        json!(i.state_transition_reason),
    );
    if let Some(k) = &i.key_name {
        put(&mut m, "KeyName", json!(k));
    }
    put(&mut m, "AmiLaunchIndex", json!(i.launch_index));
    put(&mut m, "ProductCodes", json!([]));
    put(&mut m, "InstanceType", json!(i.instance_type.name));
    put(
        &mut m,
        "LaunchTime",
        json!(Instant(i.launch_time).iso_seconds()),
    );
    put(
        &mut m,
        "Placement",
        json!({
            "AvailabilityZoneId": catalog::az(i.az).map_or("", |a| a.id),
            "GroupName": "",
            "Tenancy": "default",
            "AvailabilityZone": i.az
        }),
    );
    put(&mut m, "Monitoring", json!({"State": "disabled"}));
    put(
        &mut m,
        "MetadataOptions",
        json!({
            "State": if launching { "pending" } else { "applied" },
            "HttpTokens": "required",
            "HttpPutResponseHopLimit": 2,
            "HttpEndpoint": "enabled",
            "HttpProtocolIpv6": "disabled",
            "InstanceMetadataTags": "disabled"
        }),
    );
    if live {
        put(&mut m, "SubnetId", json!(i.subnet_id));
        put(&mut m, "VpcId", json!(i.vpc_id));
        put(&mut m, "PrivateIpAddress", json!(i.private_ip.to_string()));
        if let (Some(ip), false) = (i.public_ip, launching) {
            put(&mut m, "PublicIpAddress", json!(ip.to_string()));
        }
    }
    Value::Object(m)
}

pub fn describe_instances(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let filters = Filters::parse(
        input,
        &[
            "instance-id",
            "instance-type",
            "instance-state-name",
            "instance-state-code",
            "availability-zone",
            "subnet-id",
            "vpc-id",
            "private-ip-address",
            "ip-address",
            "image-id",
            "reservation-id",
            "iam-instance-profile.arn",
            "network-interface.network-interface-id",
            "architecture",
            "key-name",
            "instance.group-id",
            "instance.group-name",
        ],
    )?;
    let ids = input.strings("InstanceIds")?;
    for id in &ids {
        if !id.starts_with("i-") {
            return Err(malformed("Instance", "i", id));
        }
    }
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| !sim.world.instances.contains_key(*i))
        .collect();
    if !missing.is_empty() {
        return Err(instances_not_found(&missing));
    }
    let world = &sim.world;
    // A reservation was launched when its first instance was created. Sorted by (reservation,
    // creation), the first entry of each reservation holds that; found by binary search.
    // (Vectors and the crate's shared sort rather than maps: smaller wasm.)
    let mut created: Vec<(&str, u64)> = world
        .instances
        .values()
        .map(|i| (i.reservation_id.as_str(), i.created_seq))
        .collect();
    crate::sort::sort(&mut created);
    let launched = |i: &Instance| {
        let first = created.partition_point(|(rid, _)| *rid < i.reservation_id.as_str());
        created.get(first).map_or(i.created_seq, |(_, seq)| *seq)
    };
    // (launch order of its reservation, instance) for each selected instance.
    let mut chosen: Vec<(u64, &Instance)> = Vec::new();
    for i in world.instances.values() {
        let selected = (ids.is_empty() || ids.contains(&i.id.as_str()))
            && filters.matches(&i.tags, |f| match f {
                "instance-id" => vec![i.id.clone()],
                "instance-type" => vec![i.instance_type.name.into()],
                "instance-state-name" => vec![i.state.name().into()],
                "instance-state-code" => vec![i.state.code().to_string()],
                "availability-zone" => vec![i.az.into()],
                "subnet-id" => vec![i.subnet_id.clone()],
                "vpc-id" => vec![i.vpc_id.clone()],
                "private-ip-address" => vec![i.private_ip.to_string()],
                "ip-address" => i.public_ip.iter().map(|p| p.to_string()).collect(),
                "image-id" => vec![i.ami.id.into()],
                "reservation-id" => vec![i.reservation_id.clone()],
                "iam-instance-profile.arn" => i.instance_profile_arn.iter().cloned().collect(),
                "network-interface.network-interface-id" => vec![i.primary_eni.clone()],
                "architecture" => vec![i.ami.arch.as_str().into()],
                "key-name" => i.key_name.iter().cloned().collect(),
                "instance.group-id" => i.security_groups.clone(),
                "instance.group-name" => i
                    .security_groups
                    .iter()
                    .filter_map(|g| world.security_groups.get(g))
                    .map(|g| g.name.clone())
                    .collect(),
                _ => vec![],
            });
        if selected {
            chosen.push((launched(i), i));
        }
    }
    // Reservations in launch order, instances by launch index within each (stable: equal
    // indices keep ID order).
    crate::sort::sort_by(&mut chosen, |(a_seq, a), (b_seq, b)| {
        (a_seq, &a.reservation_id, a.launch_index).cmp(&(b_seq, &b.reservation_id, b.launch_index))
    });
    let mut out: Vec<Value> = Vec::new();
    let mut current: Option<(&str, Vec<Value>)> = None;
    for (_, i) in chosen {
        if current
            .as_ref()
            .is_some_and(|(rid, _)| *rid != i.reservation_id)
        {
            out.extend(
                current
                    .take()
                    .map(|(rid, instances)| reservation_json(rid, instances)),
            );
        }
        current
            .get_or_insert_with(|| (i.reservation_id.as_str(), Vec::new()))
            .1
            .push(instance_json(world, i, false));
    }
    out.extend(current.map(|(rid, instances)| reservation_json(rid, instances)));
    Ok(json!({ "Reservations": out }))
}

fn reservation_json(reservation_id: &str, instances: Vec<Value>) -> Value {
    let mut m = json!({
        "ReservationId": reservation_id,
        "OwnerId": ACCOUNT_ID,
        "Groups": [],
    });
    if let Some(m) = m.as_object_mut() {
        put(m, "Instances", Value::Array(instances));
    }
    m
}

fn instances_not_found(missing: &[&str]) -> ApiError {
    if missing.len() == 1 {
        ApiError::new(
            "InvalidInstanceID.NotFound",
            format!("The instance ID '{}' does not exist", missing[0]),
        )
    } else {
        ApiError::new(
            "InvalidInstanceID.NotFound",
            format!("The instance IDs '{}' do not exist", missing.join(", ")),
        )
    }
}

pub fn terminate_instances(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let ids = input.strings("InstanceIds")?;
    if ids.is_empty() {
        return Err(ApiError::new(
            "MissingParameter",
            "The request must contain the parameter InstanceId",
        ));
    }
    for id in &ids {
        if !id.starts_with("i-") {
            return Err(malformed("Instance", "i", id));
        }
    }
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| !sim.world.instances.contains_key(*i))
        .collect();
    if !missing.is_empty() {
        return Err(instances_not_found(&missing));
    }
    let mut out = Vec::new();
    for id in ids {
        let before = sim.world.instances[id].state;
        sim_ec2::terminate(sim, id);
        let after = sim.world.instances[id].state;
        out.push(json!({
            "InstanceId": id,
            "CurrentState": {"Code": after.code(), "Name": after.name()},
            "PreviousState": {"Code": before.code(), "Name": before.name()}
        }));
    }
    Ok(json!({ "TerminatingInstances": out }))
}

pub fn describe_instance_types(_sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let filters = Filters::parse(
        input,
        &[
            "instance-type",
            "vcpu-info.default-vcpus",
            "memory-info.size-in-mib",
            "processor-info.supported-architecture",
            "network-info.maximum-network-interfaces",
            "current-generation",
        ],
    )?;
    let names = input.strings("InstanceTypes")?;
    let unknown: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| catalog::instance_type(n).is_none())
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::new(
            "InvalidInstanceType",
            format!(
                "The following supplied instance types do not exist: [{}]",
                unknown.join(", ")
            ),
        ));
    }
    let types: Vec<Value> = INSTANCE_TYPES
        .iter()
        .filter(|t| names.is_empty() || names.contains(&t.name))
        .filter(|t| {
            filters.matches(&[], |f| match f {
                "instance-type" => vec![t.name.into()],
                "vcpu-info.default-vcpus" => vec![t.vcpus.to_string()],
                "memory-info.size-in-mib" => vec![t.memory_mib.to_string()],
                "processor-info.supported-architecture" => vec![t.arch.as_str().into()],
                "network-info.maximum-network-interfaces" => vec![t.max_enis.to_string()],
                "current-generation" => vec!["true".into()],
                _ => vec![],
            })
        })
        .map(|t| {
            // t2 is the last Xen family here (no ENA); everything else is Nitro.
            let xen = t.name.starts_with("t2.");
            let threads = if t.arch == Arch::Arm64 || t.vcpus == 1 { 1 } else { 2 };
            json!({
                "InstanceType": t.name,
                "CurrentGeneration": true,
                "FreeTierEligible": matches!(t.name, "t2.micro" | "t3.micro" | "t4g.micro"),
                "SupportedUsageClasses": ["on-demand", "spot"],
                "SupportedRootDeviceTypes": ["ebs"],
                "SupportedVirtualizationTypes": ["hvm"],
                "BareMetal": false,
                "Hypervisor": if xen { "xen" } else { "nitro" },
                "ProcessorInfo": {"SupportedArchitectures": [t.arch.as_str()]},
                "VCpuInfo": {"DefaultVCpus": t.vcpus, "DefaultCores": t.vcpus / threads, "DefaultThreadsPerCore": threads},
                "MemoryInfo": {"SizeInMiB": t.memory_mib},
                "InstanceStorageSupported": false,
                "NetworkInfo": {
                    "MaximumNetworkInterfaces": t.max_enis,
                    "Ipv4AddressesPerInterface": t.ipv4_per_eni,
                    "Ipv6AddressesPerInterface": t.ipv4_per_eni,
                    "Ipv6Supported": true,
                    "EnaSupport": if xen { "unsupported" } else { "required" }
                }
            })
        })
        .collect();
    Ok(json!({ "InstanceTypes": types }))
}
