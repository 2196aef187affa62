//! Files on EFS as tasks see them: a path inside a container resolves, through the container's
//! `mountPoints`, to a volume and then to a path of the file system (under the access point's
//! or the volume's root directory). Writes are refused on read-only mounts and when IAM does
//! not allow `ClientWrite`; an access point's POSIX user owns what is written through it. The
//! files belong to the file system, so they outlive the tasks that wrote them.

use super::efs_mount::{self, EfsVolume};
use super::Sim;
use super::World;
use crate::model::efs::File;
use crate::model::task::{Task, TaskStatus};

/// Where a container path leads.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub volume: EfsVolume,
    /// The path in the file system.
    pub fs_path: String,
    pub read_only: bool,
}

/// Why a file operation failed, in the words a shell in the container would print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsError {
    NoTask(String),
    NotRunning(String),
    NotOnEfs(String),
    ReadOnly(String),
    PermissionDenied(String),
    NoSuchFile(String),
}

impl std::fmt::Display for FsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FsError::NoTask(t) => write!(f, "no task {t}"),
            FsError::NotRunning(t) => write!(f, "task {t} is not RUNNING"),
            FsError::NotOnEfs(p) => write!(f, "{p}: not on an EFS volume of the task"),
            FsError::ReadOnly(p) => write!(f, "{p}: Read-only file system"),
            FsError::PermissionDenied(p) => write!(f, "{p}: Permission denied"),
            FsError::NoSuchFile(p) => write!(f, "{p}: No such file or directory"),
        }
    }
}

fn running_task<'a>(world: &'a World, id: &str) -> Result<&'a Task, FsError> {
    let id = id.rsplit('/').next().unwrap_or(id);
    let task = world
        .task(id)
        .ok_or_else(|| FsError::NoTask(id.to_string()))?;
    if task.last_status != TaskStatus::Running {
        return Err(FsError::NotRunning(id.to_string()));
    }
    Ok(task)
}

/// Resolves a container path (`/data/notes.txt`) of a running task to its file system path.
pub fn resolve(world: &World, task: &Task, path: &str) -> Result<Resolved, FsError> {
    let not_on_efs = || FsError::NotOnEfs(path.to_string());
    let td = world.definition_of(task).ok_or_else(not_on_efs)?;
    let vols = efs_mount::volumes(td);
    // The longest containerPath that holds the path.
    let mut best: Option<(usize, &EfsVolume, &str, bool)> = None;
    for c in &td.container_definitions {
        for mp in &c.mount_points {
            let (Some(source), Some(at)) = (
                mp.get("sourceVolume").and_then(|v| v.as_str()),
                mp.get("containerPath").and_then(|v| v.as_str()),
            ) else {
                continue;
            };
            let at = at.trim_end_matches('/');
            let inside = path == at || path.starts_with(&format!("{at}/"));
            let Some(v) = vols.iter().find(|v| v.name == source) else {
                continue;
            };
            if inside && best.is_none_or(|b| at.len() > b.0) {
                let read_only = mp.get("readOnly").and_then(|r| r.as_bool()) == Some(true);
                best = Some((at.len(), v, &path[at.len()..], read_only));
            }
        }
    }
    let (_, volume, rest, read_only) = best.ok_or_else(not_on_efs)?;
    let root = efs_mount::root_of(world, volume);
    let fs_path = format!(
        "{}/{}",
        root.trim_end_matches('/'),
        rest.trim_start_matches('/')
    );
    Ok(Resolved {
        volume: volume.clone(),
        fs_path,
        read_only,
    })
}

/// Writes a file from a task; returns the file system ID and the path written.
pub fn write(
    sim: &mut Sim,
    task_id: &str,
    path: &str,
    data: &str,
) -> Result<(String, String), FsError> {
    let world = &sim.world;
    let task = running_task(world, task_id)?;
    let r = resolve(world, task, path)?;
    if r.read_only {
        return Err(FsError::ReadOnly(path.to_string()));
    }
    let fs = world
        .file_systems
        .get(&r.volume.file_system_id)
        .ok_or_else(|| FsError::NotOnEfs(path.to_string()))?;
    if !efs_mount::client_allowed(world, task, fs, &r.volume, "elasticfilesystem:ClientWrite") {
        return Err(FsError::PermissionDenied(path.to_string()));
    }
    let (uid, gid) = r
        .volume
        .access_point_id
        .as_ref()
        .and_then(|a| world.access_points.get(a))
        .and_then(|a| a.posix_user.as_ref())
        .map_or((0, 0), |u| (u.uid, u.gid));
    let file = File {
        data: data.to_string(),
        uid,
        gid,
        written_by: format!("task {} in {}", task.id, task.availability_zone),
        written_at: sim.now(),
    };
    let fs_id = r.volume.file_system_id.clone();
    if let Some(fs) = sim.world.file_systems.get_mut(&fs_id) {
        fs.files.insert(r.fs_path.clone(), file);
    }
    Ok((fs_id, r.fs_path))
}

/// Reads a file from a task.
pub fn read<'a>(world: &'a World, task_id: &str, path: &str) -> Result<&'a File, FsError> {
    let task = running_task(world, task_id)?;
    let r = resolve(world, task, path)?;
    world
        .file_systems
        .get(&r.volume.file_system_id)
        .and_then(|fs| fs.files.get(&r.fs_path))
        .ok_or_else(|| FsError::NoSuchFile(path.to_string()))
}
