//! Mounting a task's EFS volumes when it starts (ECS-REFERENCE.md §9.4, §9.5), on EC2 and on
//! Fargate: the file system must have an `available` mount target in the task's AZ; NFS (TCP
//! 2049) must be allowed into the mount target's security groups from the task's (awsvpc) or
//! the instance's; Fargate needs platform 1.4.0 or later; with IAM authorization the task
//! role must be allowed `elasticfilesystem:ClientMount`, and the file system policy, when
//! there is one, must allow it too. Each failure stops the task with the text of §9.5.
//!
//! Which texts are observed and which are ours: the DNS, access-denied and missing-directory
//! failures are as reported from ECS; a blocked port 2049 has no documented ECS wording, so
//! its text (the mount helper timing out) is our choice, as is where a Fargate task below
//! platform 1.4.0 fails (at start, not at RunTask) and its sentence.

use super::credentials::{self, Credentials};
use super::World;
use crate::model::catalog::REGION;
use crate::model::efs::{FileSystem, LifeCycle, MountTarget};
use crate::model::iam::document::{self, Kind};
use crate::model::iam::eval::{self, Decision, Request, Source, SourceType};
use crate::model::task::Task;
use crate::model::task_def::TaskDefinition;

/// NFS.
pub const NFS_PORT: i32 = 2049;

/// One EFS volume of a task definition, read.
#[derive(Debug, Clone, PartialEq)]
pub struct EfsVolume {
    pub name: String,
    pub file_system_id: String,
    pub root_directory: String,
    pub transit_encryption: bool,
    pub access_point_id: Option<String>,
    pub iam: bool,
}

/// The EFS volumes of a task definition.
pub fn volumes(td: &TaskDefinition) -> Vec<EfsVolume> {
    td.volumes
        .iter()
        .filter_map(|v| {
            let c = v.efs_volume_configuration.as_ref()?;
            let s = |k: &str| c.get(k).and_then(|x| x.as_str());
            let auth = c.get("authorizationConfig");
            let a = |k: &str| auth.and_then(|x| x.get(k)).and_then(|x| x.as_str());
            Some(EfsVolume {
                name: v.name.clone(),
                file_system_id: s("fileSystemId")?.to_string(),
                root_directory: s("rootDirectory").unwrap_or("/").to_string(),
                transit_encryption: s("transitEncryption") == Some("ENABLED"),
                access_point_id: a("accessPointId").map(str::to_string),
                iam: a("iam") == Some("ENABLED"),
            })
        })
        .collect()
}

/// The AZ a task runs in and the security groups its traffic leaves with.
fn whereabouts<'a>(world: &'a World, task: &'a Task) -> (&'a str, Vec<&'a str>) {
    if let Some(n) = &task.eni {
        return (
            task.availability_zone,
            n.security_groups.iter().map(String::as_str).collect(),
        );
    }
    let groups = world
        .instances
        .get(&task.ec2_instance_id)
        .map(|i| i.security_groups.iter().map(String::as_str).collect())
        .unwrap_or_default();
    (task.availability_zone, groups)
}

/// Whether a mount target's security groups let NFS in from any of `from`.
pub fn nfs_allowed(world: &World, mt: &MountTarget, from: &[&str], from_ip: Option<&str>) -> bool {
    mt.security_groups.iter().any(|g| {
        let Some(sg) = world.security_groups.get(g) else {
            return false;
        };
        sg.ingress.iter().any(|p| {
            let port_ok = p.protocol == "-1"
                || (p.protocol == "tcp"
                    && p.from_port.unwrap_or(0) <= NFS_PORT
                    && NFS_PORT <= p.to_port.unwrap_or(65535));
            port_ok
                && (p
                    .source_groups
                    .iter()
                    .any(|s| from.contains(&s.target.as_str()))
                    || p.cidrs.iter().any(|c| cidr_admits(&c.target, from_ip)))
        })
    })
}

fn cidr_admits(cidr: &str, ip: Option<&str>) -> bool {
    let (Ok(net), Some(Ok(ip))) = (
        cidr.parse::<ipnet::Ipv4Net>(),
        ip.map(str::parse::<std::net::Ipv4Addr>),
    ) else {
        return false;
    };
    net.contains(&ip)
}

/// The mount target a task in `az` mounts (only a same-AZ one resolves through DNS).
pub fn mount_target_for<'a>(world: &'a World, fs_id: &str, az: &str) -> Option<&'a MountTarget> {
    world
        .mount_targets
        .values()
        .map(Box::as_ref)
        .find(|m| m.file_system_id == fs_id && m.az == az && m.state == LifeCycle::Available)
}

fn efs_utils_failure(detail: &str, code: u32) -> String {
    format!(
        "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS \
         volumes: stderr: {detail} : unsuccessful EFS utils command execution; code: {code}"
    )
}

/// Why the task cannot mount one of its EFS volumes, or `None` when every mount works.
pub fn denied(world: &World, task: &Task) -> Option<String> {
    let td = world.definition_of(task)?;
    let vols = volumes(td);
    if vols.is_empty() {
        return None;
    }
    if task.launch_type.is_fargate()
        && task
            .platform_version
            .as_deref()
            .is_some_and(|v| v != "LATEST" && version_below(v, (1, 4, 0)))
    {
        return Some(format!(
            "ResourceInitializationError: EFS volumes are supported on Fargate platform version \
             1.4.0 or later; the task runs on {}",
            task.platform_version.as_deref().unwrap_or_default()
        ));
    }
    let (az, groups) = whereabouts(world, task);
    let ip = task
        .eni
        .as_ref()
        .and_then(|n| n.private_ip)
        .map(|i| i.to_string());
    for v in &vols {
        let dns = format!("{}.efs.{REGION}.amazonaws.com", v.file_system_id);
        let fs = world.file_systems.get(&v.file_system_id);
        let Some(mt) = fs.and_then(|_| mount_target_for(world, &v.file_system_id, az)) else {
            return Some(efs_utils_failure(
                &format!(
                    "Failed to resolve \"{dns}\" - check that your file system ID is correct, \
                     and ensure that the VPC has an EFS mount target for this file system ID. \
                     See https://docs.aws.amazon.com/console/efs/mount-dns-name for more detail."
                ),
                1,
            ));
        };
        if !nfs_allowed(world, mt, &groups, ip.as_deref()) {
            return Some(efs_utils_failure(
                &format!(
                    "mount.nfs4: Connection timed out: port {NFS_PORT} of mount target {} ({}) \
                     is not open to the task's security groups",
                    mt.id, mt.ip
                ),
                32,
            ));
        }
        let fs = fs?;
        if !mount_allowed(world, task, fs, v) {
            return Some(efs_utils_failure(
                "b'mount.nfs4: access denied by server while mounting 127.0.0.1:/'",
                32,
            ));
        }
        let root = root_of(world, v);
        if root != "/" && !directory_exists(fs, &root) && !creates_root(world, v) {
            return Some(efs_utils_failure(
                &format!(
                    "b'mount.nfs4: mounting {}:{root} failed, reason given by server: No such \
                     file or directory'",
                    v.file_system_id
                ),
                32,
            ));
        }
    }
    None
}

/// The directory of the file system a volume exposes: the access point's root, else the
/// volume's `rootDirectory`.
pub fn root_of(world: &World, v: &EfsVolume) -> String {
    v.access_point_id
        .as_ref()
        .and_then(|a| world.access_points.get(a))
        .map_or_else(|| v.root_directory.clone(), |a| a.root_path.clone())
}

/// An access point with creation info makes its root directory when it is first mounted.
fn creates_root(world: &World, v: &EfsVolume) -> bool {
    v.access_point_id
        .as_ref()
        .and_then(|a| world.access_points.get(a))
        .is_some_and(|a| a.creation_info.is_some())
}

/// A directory exists when a file lives under it.
pub fn directory_exists(fs: &FileSystem, dir: &str) -> bool {
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    fs.files.keys().any(|p| p.starts_with(&prefix))
}

/// IAM's answer to an NFS client action (`ClientMount`, `ClientWrite`) by the task: with IAM
/// authorization, the task role must allow it and the file system policy (if any) must allow
/// it; without, only the file system policy decides (anonymous access, allowed when there is
/// no policy).
pub fn client_allowed(
    world: &World,
    task: &Task,
    fs: &FileSystem,
    v: &EfsVolume,
    action: &str,
) -> bool {
    let policy_doc = fs
        .policy
        .as_ref()
        .and_then(|p| document::parse(&p.to_string(), Kind::Resource).ok());
    let ctx_role = match (v.iam, credentials::of_task(world, task)) {
        (true, Credentials::TaskRole(r)) => Some(r),
        (true, Credentials::InstanceRole { role, .. }) => Some(role),
        (true, Credentials::None(_)) => return false,
        (false, _) => None,
    };
    let request_ctx = ctx_role
        .map(|r| credentials::context(r, &[]))
        .unwrap_or_default()
        .with("elasticfilesystem:AccessedViaMountTarget", "true");
    let request = Request {
        action,
        resource: &fs.arn,
        context: &request_ctx,
    };
    if let Some(role) = ctx_role {
        if !credentials::decide(world, role, &request).allowed() {
            return false;
        }
    }
    match &policy_doc {
        None => true,
        Some(doc) => {
            let source = Source {
                id: "file system policy",
                kind: SourceType::Resource,
                document: doc,
            };
            eval::evaluate(&[source], &request).decision == Decision::Allowed
        }
    }
}

fn mount_allowed(world: &World, task: &Task, fs: &FileSystem, v: &EfsVolume) -> bool {
    client_allowed(world, task, fs, v, "elasticfilesystem:ClientMount")
}

/// Whether a dotted version is below another (`1.3.0` < `1.4.0`).
fn version_below(v: &str, min: (u32, u32, u32)) -> bool {
    let mut parts = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let got = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    got < min
}
