//! Amazon EFS operations (ECS-REFERENCE.md §9): file systems, mount targets (one per AZ, in
//! one VPC, each an ENI with an address of its subnet and up to five security groups), access
//! points, and the file system policy.
//!
//! The error codes are EFS's. Where EFS documents a code but not its sentence, the sentence is
//! ours, written in EFS's style (`File system 'fs-...' does not exist.`); the AZ and VPC
//! conflicts of CreateMountTarget use the sentences EFS is seen to return.

use serde_json::{Map, Value};

use super::error::ApiError;
use super::input::Input;
use crate::json::{json, put};
use crate::model::catalog::{ACCOUNT_ID, AZS, REGION};
use crate::model::efs::{
    AccessPoint, CreationInfo, FileSystem, LifeCycle, MountTarget, PerformanceMode, PosixUser,
    ThroughputMode,
};
use crate::model::iam::document::{self, Kind, Malformed};
use crate::model::net::EniKind;
use crate::model::time::Instant;
use crate::model::Tag;
use crate::sim::world::EniSpec;
use crate::sim::{efs, Sim};

/// Security groups a mount target may have.
const MAX_MOUNT_TARGET_GROUPS: usize = 5;
/// Access points a file system may have.
const MAX_ACCESS_POINTS: usize = 1_000;

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::new("BadRequest", message)
}

fn fs_not_found(id: &str) -> ApiError {
    ApiError::new(
        "FileSystemNotFound",
        format!("File system '{id}' does not exist."),
    )
}

fn file_system<'a>(sim: &'a Sim, id: &str) -> Result<&'a FileSystem, ApiError> {
    sim.world
        .file_systems
        .get(id)
        .map(Box::as_ref)
        .ok_or_else(|| fs_not_found(id))
}

fn required<'a>(input: &Input<'a>, key: &str) -> Result<&'a str, ApiError> {
    input.req_str(key, || bad(format!("{key} is required")))
}

fn tags(input: &Input) -> Result<Vec<Tag>, ApiError> {
    input
        .list("Tags")?
        .into_iter()
        .map(|t| {
            Ok(Tag {
                key: required(&t, "Key")?.to_string(),
                value: t.str("Value")?.unwrap_or_default().to_string(),
            })
        })
        .collect()
}

fn tags_json(tags: &[Tag]) -> Value {
    Value::Array(
        tags.iter()
            .map(|t| json!({"Key": t.key, "Value": t.value}))
            .collect(),
    )
}

fn az_id(name: &str) -> &'static str {
    AZS.iter().find(|a| a.name == name).map_or("", |a| a.id)
}

fn fs_json(sim: &Sim, fs: &FileSystem) -> Value {
    let mounts = sim
        .world
        .mount_targets
        .values()
        .filter(|m| m.file_system_id == fs.id)
        .count();
    let size = fs.size_bytes();
    let mut m = Map::new();
    put(&mut m, "OwnerId", json!(ACCOUNT_ID));
    put(&mut m, "CreationToken", json!(fs.creation_token));
    put(&mut m, "FileSystemId", json!(fs.id));
    put(&mut m, "FileSystemArn", json!(fs.arn));
    put(
        &mut m,
        "CreationTime",
        json!(Instant(fs.created).iso_seconds()),
    );
    put(&mut m, "LifeCycleState", json!(fs.state.as_str()));
    if let Some(name) = fs.name() {
        put(&mut m, "Name", json!(name));
    }
    put(&mut m, "NumberOfMountTargets", json!(mounts));
    put(
        &mut m,
        "SizeInBytes",
        json!({"Value": size, "ValueInIA": 0, "ValueInStandard": size, "ValueInArchive": 0}),
    );
    put(
        &mut m,
        "PerformanceMode",
        json!(fs.performance_mode.as_str()),
    );
    put(&mut m, "Encrypted", json!(fs.encrypted));
    if let Some(k) = &fs.kms_key_id {
        put(&mut m, "KmsKeyId", json!(k));
    }
    put(&mut m, "ThroughputMode", json!(fs.throughput_mode.as_str()));
    if let Some(p) = fs.provisioned_throughput_mibps {
        put(&mut m, "ProvisionedThroughputInMibps", json!(p));
    }
    if let Some(az) = fs.availability_zone {
        put(&mut m, "AvailabilityZoneName", json!(az));
        put(&mut m, "AvailabilityZoneId", json!(az_id(az)));
    }
    put(&mut m, "Tags", tags_json(&fs.tags));
    put(
        &mut m,
        "FileSystemProtection",
        json!({"ReplicationOverwriteProtection": "ENABLED"}),
    );
    Value::Object(m)
}

pub fn create_file_system(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let performance_mode = match input.str("PerformanceMode")? {
        None => PerformanceMode::GeneralPurpose,
        Some(p) => PerformanceMode::parse(p).ok_or_else(|| {
            bad(format!(
                "Invalid PerformanceMode '{p}': use generalPurpose or maxIO."
            ))
        })?,
    };
    let throughput_mode = match input.str("ThroughputMode")? {
        None => ThroughputMode::Bursting,
        Some(t) => ThroughputMode::parse(t).ok_or_else(|| {
            bad(format!(
                "Invalid ThroughputMode '{t}': use bursting, provisioned or elastic."
            ))
        })?,
    };
    let provisioned = match input.value("ProvisionedThroughputInMibps") {
        None => None,
        Some(v) => Some(
            v.as_f64()
                .ok_or_else(|| bad("ProvisionedThroughputInMibps must be a number."))?,
        ),
    };
    match (throughput_mode, provisioned) {
        (ThroughputMode::Provisioned, None) => {
            return Err(bad(
                "ProvisionedThroughputInMibps is required when ThroughputMode is provisioned.",
            ))
        }
        (ThroughputMode::Provisioned, Some(p)) if !(1.0..=3_414.0).contains(&p) => {
            return Err(bad(
                "ProvisionedThroughputInMibps must be between 1 and 3414 MiB/s.",
            ))
        }
        (ThroughputMode::Bursting | ThroughputMode::Elastic, Some(_)) => {
            return Err(bad(
                "ProvisionedThroughputInMibps can be set only when ThroughputMode is provisioned.",
            ))
        }
        _ => {}
    }
    let one_zone = match input.str("AvailabilityZoneName")? {
        None => None,
        Some(az) => Some(
            AZS.iter()
                .find(|a| a.name == az)
                .map(|a| a.name)
                .ok_or_else(|| {
                    ApiError::new(
                        "UnsupportedAvailabilityZone",
                        format!("Availability Zone '{az}' is not supported."),
                    )
                })?,
        ),
    };
    if one_zone.is_some() && performance_mode == PerformanceMode::MaxIo {
        return Err(bad(
            "One Zone file systems support only the generalPurpose performance mode.",
        ));
    }
    if performance_mode == PerformanceMode::MaxIo && throughput_mode == ThroughputMode::Elastic {
        return Err(bad(
            "The maxIO performance mode is not supported with the elastic throughput mode.",
        ));
    }
    let encrypted = input.bool("Encrypted")?.unwrap_or(false);
    let kms = input.str("KmsKeyId")?;
    if kms.is_some() && !encrypted {
        return Err(bad("KmsKeyId can be given only when Encrypted is true."));
    }
    let tags = tags(input)?;
    let token = match input.str("CreationToken")? {
        // The CLI fills in a UUID when none is given (an idempotency token).
        None => sim.rng.uuid_v4(),
        Some(t) if t.is_empty() || t.len() > 64 => {
            return Err(bad("CreationToken must be 1 to 64 characters long."))
        }
        Some(t) => t.to_string(),
    };
    if let Some(existing) = sim
        .world
        .file_systems
        .values()
        .find(|f| f.creation_token == token)
    {
        return Err(ApiError::new(
            "FileSystemAlreadyExists",
            format!(
                "File system '{}' already exists with creation token '{token}'",
                existing.id
            ),
        ));
    }
    let id = format!("fs-0{}", sim.rng.hex(16));
    let kms_key_id = encrypted.then(|| match kms {
        Some(k) if k.starts_with("arn:") => k.to_string(),
        Some(k) => format!("arn:aws:kms:{REGION}:{ACCOUNT_ID}:key/{k}"),
        // The account's AWS managed key for EFS (aws/elasticfilesystem).
        None => format!(
            "arn:aws:kms:{REGION}:{ACCOUNT_ID}:key/{}",
            sim.rng.uuid_v4()
        ),
    });
    let seq = sim.next_seq();
    let fs = FileSystem {
        arn: format!("arn:aws:elasticfilesystem:{REGION}:{ACCOUNT_ID}:file-system/{id}"),
        id: id.clone(),
        creation_token: token,
        created: sim.now(),
        state: LifeCycle::Creating,
        performance_mode,
        throughput_mode,
        provisioned_throughput_mibps: provisioned,
        encrypted,
        kms_key_id,
        availability_zone: one_zone,
        tags,
        policy: None,
        files: Default::default(),
        created_seq: seq,
    };
    let out = fs_json(sim, &fs);
    sim.world.file_systems.insert(id.clone(), Box::new(fs));
    efs::created(sim, &id);
    Ok(out)
}

pub fn describe_file_systems(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = input.str("FileSystemId")?;
    let token = input.str("CreationToken")?;
    if let Some(id) = id {
        file_system(sim, id)?;
    }
    let mut all: Vec<&FileSystem> = sim
        .world
        .file_systems
        .values()
        .map(Box::as_ref)
        .filter(|f| id.is_none_or(|i| f.id == i))
        .filter(|f| token.is_none_or(|t| f.creation_token == t))
        .collect();
    all.sort_by_key(|f| f.created_seq);
    let out: Vec<Value> = all.iter().map(|f| fs_json(sim, f)).collect();
    Ok(json!({ "FileSystems": out }))
}

pub fn delete_file_system(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = required(input, "FileSystemId")?;
    file_system(sim, id)?;
    if sim
        .world
        .mount_targets
        .values()
        .any(|m| m.file_system_id == id)
    {
        return Err(ApiError::new(
            "FileSystemInUse",
            format!("File system '{id}' has mount targets and cannot be deleted."),
        ));
    }
    let ids: Vec<String> = sim
        .world
        .access_points
        .values()
        .filter(|a| a.file_system_id == id)
        .map(|a| a.id.clone())
        .collect();
    for ap in ids {
        sim.world.access_points.remove(&ap);
    }
    if let Some(fs) = sim.world.file_systems.get_mut(id) {
        fs.state = LifeCycle::Deleting;
    }
    efs::deleting(sim, id);
    Ok(json!({}))
}

fn mount_target_json(mt: &MountTarget) -> Value {
    json!({
        "OwnerId": ACCOUNT_ID,
        "MountTargetId": mt.id,
        "FileSystemId": mt.file_system_id,
        "SubnetId": mt.subnet_id,
        "LifeCycleState": mt.state.as_str(),
        "IpAddress": mt.ip.to_string(),
        "NetworkInterfaceId": mt.eni_id,
        "AvailabilityZoneId": az_id(mt.az),
        "AvailabilityZoneName": mt.az,
        "VpcId": mt.vpc_id,
    })
}

pub fn create_mount_target(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let fs_id = required(input, "FileSystemId")?;
    let subnet_id = required(input, "SubnetId")?;
    let fs = file_system(sim, fs_id)?;
    if fs.state != LifeCycle::Available {
        return Err(ApiError::new(
            "IncorrectFileSystemLifeCycleState",
            format!(
                "File system '{fs_id}' is in the '{}' state, not 'available'.",
                fs.state.as_str()
            ),
        ));
    }
    let one_zone = fs.availability_zone;
    let subnet = sim.world.subnets.get(subnet_id).ok_or_else(|| {
        ApiError::new(
            "SubnetNotFound",
            format!("The subnet ID '{subnet_id}' does not exist"),
        )
    })?;
    let (vpc_id, az) = (subnet.vpc_id.clone(), subnet.az);
    if one_zone.is_some_and(|z| z != az) {
        return Err(ApiError::new(
            "AvailabilityZonesMismatch",
            format!(
                "The subnet is in {az}, but the One Zone file system '{fs_id}' is in {}.",
                one_zone.unwrap_or_default()
            ),
        ));
    }
    for mt in sim
        .world
        .mount_targets
        .values()
        .filter(|m| m.file_system_id == fs_id)
    {
        if mt.vpc_id != vpc_id {
            return Err(ApiError::new(
                "MountTargetConflict",
                "requested subnet for new mount target is not in the same VPC as existing \
                 mount targets",
            ));
        }
        if mt.az == az {
            return Err(ApiError::new(
                "MountTargetConflict",
                "mount target already exists in this AZ",
            ));
        }
    }
    let mut groups: Vec<String> = input
        .strings("SecurityGroups")?
        .into_iter()
        .map(str::to_string)
        .collect();
    if groups.len() > MAX_MOUNT_TARGET_GROUPS {
        return Err(ApiError::new(
            "SecurityGroupLimitExceeded",
            format!("A mount target can have at most {MAX_MOUNT_TARGET_GROUPS} security groups."),
        ));
    }
    for g in &groups {
        match sim.world.security_groups.get(g) {
            None => {
                return Err(ApiError::new(
                    "SecurityGroupNotFound",
                    format!("The security group '{g}' does not exist"),
                ))
            }
            Some(sg) if sg.vpc_id != vpc_id => {
                return Err(bad(format!(
                    "Security group '{g}' is not in the mount target's VPC '{vpc_id}'."
                )))
            }
            Some(_) => {}
        }
    }
    if groups.is_empty() {
        groups.extend(
            sim.world
                .default_security_group(&vpc_id)
                .map(|g| g.id.clone()),
        );
    }
    let ip = match input.str("IpAddress")? {
        None => None,
        Some(text) => {
            let ip: std::net::Ipv4Addr = text
                .parse()
                .map_err(|_| bad(format!("'{text}' is not a valid IPv4 address.")))?;
            let subnet = &sim.world.subnets[subnet_id];
            if !subnet.cidr().contains(&ip) {
                return Err(bad(format!(
                    "IP address '{ip}' is not in the CIDR range of subnet '{subnet_id}'."
                )));
            }
            if subnet.pool.is_reserved(ip) || subnet.pool.holder(ip).is_some() {
                return Err(ApiError::new(
                    "IpAddressInUse",
                    format!("IP address '{ip}' is already in use in subnet '{subnet_id}'."),
                ));
            }
            Some(ip)
        }
    };
    if sim.world.subnets[subnet_id].pool.free_count() == 0 {
        return Err(ApiError::new(
            "NoFreeAddressesInSubnet",
            format!("Subnet '{subnet_id}' has no free addresses."),
        ));
    }
    let id = format!("fsmt-0{}", sim.rng.hex(16));
    let eni_id = sim
        .create_eni(EniSpec {
            kind: EniKind::EfsMountTarget,
            subnet_id: subnet_id.to_string(),
            private_ip: ip,
            description: format!("EFS mount target for {fs_id} ({id})"),
            groups: groups.clone(),
            attached_to: None,
            requester_id: Some("amazon-elasticfilesystem".into()),
            requester_managed: true,
            interface_type: "interface",
            owner: id.clone(),
        })
        .map_err(|_| {
            ApiError::new(
                "NoFreeAddressesInSubnet",
                format!("Subnet '{subnet_id}' has no free addresses."),
            )
        })?;
    let ip = sim
        .world
        .enis()
        .get(&eni_id)
        .map(|e| e.private_ip)
        .unwrap_or(std::net::Ipv4Addr::UNSPECIFIED);
    let seq = sim.next_seq();
    let mt = MountTarget {
        id: id.clone(),
        file_system_id: fs_id.to_string(),
        subnet_id: subnet_id.to_string(),
        vpc_id,
        az,
        ip,
        eni_id,
        security_groups: groups,
        state: LifeCycle::Creating,
        created_seq: seq,
    };
    let out = mount_target_json(&mt);
    sim.world.mount_targets.insert(id.clone(), Box::new(mt));
    efs::created(sim, &id);
    Ok(out)
}

fn mount_target<'a>(sim: &'a Sim, id: &str) -> Result<&'a MountTarget, ApiError> {
    sim.world
        .mount_targets
        .get(id)
        .map(Box::as_ref)
        .ok_or_else(|| {
            ApiError::new(
                "MountTargetNotFound",
                format!("Mount target '{id}' does not exist."),
            )
        })
}

pub fn describe_mount_targets(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let fs = input.str("FileSystemId")?;
    let mt = input.str("MountTargetId")?;
    let ap = input.str("AccessPointId")?;
    let fs = match (fs, mt, ap) {
        (Some(f), None, None) => {
            file_system(sim, f)?;
            Some(f.to_string())
        }
        (None, Some(m), None) => {
            mount_target(sim, m)?;
            None
        }
        (None, None, Some(a)) => Some(access_point(sim, a)?.file_system_id.clone()),
        _ => {
            return Err(bad(
                "Specify exactly one of FileSystemId, MountTargetId or AccessPointId.",
            ))
        }
    };
    let mut all: Vec<&MountTarget> = sim
        .world
        .mount_targets
        .values()
        .map(Box::as_ref)
        .filter(|m| fs.as_deref().is_none_or(|f| m.file_system_id == f))
        .filter(|m| mt.is_none_or(|id| m.id == id))
        .collect();
    all.sort_by_key(|m| m.created_seq);
    let out: Vec<Value> = all.into_iter().map(mount_target_json).collect();
    Ok(json!({ "MountTargets": out }))
}

pub fn describe_mount_target_security_groups(
    sim: &mut Sim,
    input: &Input,
) -> Result<Value, ApiError> {
    let mt = mount_target(sim, required(input, "MountTargetId")?)?;
    Ok(json!({ "SecurityGroups": mt.security_groups }))
}

pub fn delete_mount_target(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = required(input, "MountTargetId")?;
    mount_target(sim, id)?;
    if let Some(mt) = sim.world.mount_targets.get_mut(id) {
        mt.state = LifeCycle::Deleting;
    }
    efs::deleting(sim, id);
    Ok(json!({}))
}

fn access_point<'a>(sim: &'a Sim, id: &str) -> Result<&'a AccessPoint, ApiError> {
    sim.world
        .access_points
        .get(id)
        .map(Box::as_ref)
        .ok_or_else(|| {
            ApiError::new(
                "AccessPointNotFound",
                format!("Access point '{id}' does not exist."),
            )
        })
}

fn access_point_json(ap: &AccessPoint) -> Value {
    let mut m = Map::new();
    put(&mut m, "ClientToken", json!(ap.client_token));
    if let Some(name) = ap.tags.iter().find(|t| t.key == "Name") {
        put(&mut m, "Name", json!(name.value));
    }
    put(&mut m, "Tags", tags_json(&ap.tags));
    put(&mut m, "AccessPointId", json!(ap.id));
    put(&mut m, "AccessPointArn", json!(ap.arn));
    put(&mut m, "FileSystemId", json!(ap.file_system_id));
    if let Some(u) = &ap.posix_user {
        put(
            &mut m,
            "PosixUser",
            json!({"Uid": u.uid, "Gid": u.gid, "SecondaryGids": u.secondary_gids}),
        );
    }
    let mut root = Map::new();
    put(&mut root, "Path", json!(ap.root_path));
    if let Some(c) = &ap.creation_info {
        put(
            &mut root,
            "CreationInfo",
            json!({"OwnerUid": c.owner_uid, "OwnerGid": c.owner_gid, "Permissions": c.permissions}),
        );
    }
    put(&mut m, "RootDirectory", Value::Object(root));
    put(&mut m, "OwnerId", json!(ACCOUNT_ID));
    put(&mut m, "LifeCycleState", json!(ap.state.as_str()));
    Value::Object(m)
}

fn posix_id(input: &Input, key: &str) -> Result<u32, ApiError> {
    let v = input
        .i64(key)?
        .ok_or_else(|| bad(format!("{key} is required")))?;
    u32::try_from(v).map_err(|_| bad(format!("{key} must be between 0 and 4294967295.")))
}

pub fn create_access_point(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let fs_id = required(input, "FileSystemId")?;
    file_system(sim, fs_id)?;
    let count = sim
        .world
        .access_points
        .values()
        .filter(|a| a.file_system_id == fs_id)
        .count();
    if count >= MAX_ACCESS_POINTS {
        return Err(ApiError::new(
            "AccessPointLimitExceeded",
            format!("File system '{fs_id}' already has {MAX_ACCESS_POINTS} access points."),
        ));
    }
    let posix_user = match input.object("PosixUser")? {
        None => None,
        Some(u) => Some(PosixUser {
            uid: posix_id(&u, "Uid")?,
            gid: posix_id(&u, "Gid")?,
            secondary_gids: match u.value("SecondaryGids") {
                None => Vec::new(),
                Some(v) => v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|g| {
                        g.as_u64()
                            .and_then(|g| u32::try_from(g).ok())
                            .ok_or_else(|| bad("SecondaryGids must be 32-bit IDs."))
                    })
                    .collect::<Result<_, _>>()?,
            },
        }),
    };
    let (root_path, creation_info) = match input.object("RootDirectory")? {
        None => ("/".to_string(), None),
        Some(r) => {
            let path = r.str("Path")?.unwrap_or("/");
            if !path.starts_with('/') || path.len() > 100 {
                return Err(bad(format!(
                    "Path '{path}' must be an absolute path of at most 100 characters."
                )));
            }
            let info = match r.object("CreationInfo")? {
                None => None,
                Some(c) => {
                    let permissions = required(&c, "Permissions")?;
                    if !(3..=4).contains(&permissions.len())
                        || !permissions.chars().all(|d| ('0'..='7').contains(&d))
                    {
                        return Err(bad(format!(
                            "Permissions '{permissions}' must be an octal mode such as 755."
                        )));
                    }
                    Some(CreationInfo {
                        owner_uid: posix_id(&c, "OwnerUid")?,
                        owner_gid: posix_id(&c, "OwnerGid")?,
                        permissions: permissions.to_string(),
                    })
                }
            };
            (path.trim_end_matches('/').to_string(), info)
        }
    };
    let root_path = if root_path.is_empty() {
        "/".to_string()
    } else {
        root_path
    };
    let tags = tags(input)?;
    let token = match input.str("ClientToken")? {
        None => sim.rng.uuid_v4(),
        Some(t) => t.to_string(),
    };
    if let Some(existing) = sim
        .world
        .access_points
        .values()
        .find(|a| a.client_token == token)
    {
        return Err(ApiError::new(
            "AccessPointAlreadyExists",
            format!(
                "Access point '{}' already exists with client token '{token}'",
                existing.id
            ),
        ));
    }
    let id = format!("fsap-0{}", sim.rng.hex(16));
    let seq = sim.next_seq();
    let ap = AccessPoint {
        arn: format!("arn:aws:elasticfilesystem:{REGION}:{ACCOUNT_ID}:access-point/{id}"),
        id: id.clone(),
        file_system_id: fs_id.to_string(),
        client_token: token,
        posix_user,
        root_path,
        creation_info,
        state: LifeCycle::Creating,
        tags,
        created_seq: seq,
    };
    let out = access_point_json(&ap);
    sim.world.access_points.insert(id.clone(), Box::new(ap));
    efs::created(sim, &id);
    Ok(out)
}

pub fn describe_access_points(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let ap = input.str("AccessPointId")?;
    let fs = input.str("FileSystemId")?;
    match (ap, fs) {
        (Some(a), None) => {
            access_point(sim, a)?;
        }
        (None, Some(f)) => {
            file_system(sim, f)?;
        }
        (None, None) => {}
        (Some(_), Some(_)) => return Err(bad("Specify AccessPointId or FileSystemId, not both.")),
    }
    let mut all: Vec<&AccessPoint> = sim
        .world
        .access_points
        .values()
        .map(Box::as_ref)
        .filter(|a| ap.is_none_or(|id| a.id == id))
        .filter(|a| fs.is_none_or(|f| a.file_system_id == f))
        .collect();
    all.sort_by_key(|a| a.created_seq);
    let out: Vec<Value> = all.into_iter().map(access_point_json).collect();
    Ok(json!({ "AccessPoints": out }))
}

pub fn delete_access_point(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let id = required(input, "AccessPointId")?;
    access_point(sim, id)?;
    if let Some(ap) = sim.world.access_points.get_mut(id) {
        ap.state = LifeCycle::Deleting;
    }
    efs::deleting(sim, id);
    Ok(json!({}))
}

pub fn put_file_system_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let fs_id = required(input, "FileSystemId")?;
    file_system(sim, fs_id)?;
    let text = required(input, "Policy")?;
    document::parse(text, Kind::Resource)
        .map_err(|Malformed(m)| ApiError::new("InvalidPolicyException", m))?;
    let value: Value = serde_json::from_str(text).unwrap_or_default();
    if let Some(fs) = sim.world.file_systems.get_mut(fs_id) {
        fs.policy = Some(value.clone());
    }
    Ok(json!({ "FileSystemId": fs_id, "Policy": value.to_string() }))
}

pub fn describe_file_system_policy(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let fs_id = required(input, "FileSystemId")?;
    let fs = file_system(sim, fs_id)?;
    let policy = fs.policy.as_ref().ok_or_else(|| {
        ApiError::new(
            "PolicyNotFound",
            format!("File system '{fs_id}' has no file system policy."),
        )
    })?;
    Ok(json!({ "FileSystemId": fs_id, "Policy": policy.to_string() }))
}
