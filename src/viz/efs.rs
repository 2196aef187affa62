//! The EFS tab's model: every file system with its mount targets (AZ, address, state), its
//! access points, the tasks that mount it (and through which mount target), and its files with
//! who wrote them.

use crate::model::efs::LifeCycle;
use crate::model::task::TaskStatus;
use crate::model::time::Instant;
use crate::sim::efs_mount;
use crate::sim::World;

#[derive(Debug, Clone, PartialEq)]
pub struct FileSystemView {
    pub id: String,
    pub name: Option<String>,
    pub state: &'static str,
    /// (mount target ID, AZ, address, state).
    pub mount_targets: Vec<(String, &'static str, String, &'static str)>,
    /// (access point ID, root directory, POSIX user as `uid:gid`).
    pub access_points: Vec<(String, String, Option<String>)>,
    pub mounted_by: Vec<Mount>,
    /// The directories that hold files or are an access point's root, by path.
    pub directories: Vec<Directory>,
}

/// A running task that mounts the file system.
#[derive(Debug, Clone, PartialEq)]
pub struct Mount {
    pub task: String,
    pub az: &'static str,
    /// The mount target it uses, if one is available in its AZ.
    pub mount_target: Option<String>,
    /// What it sees where: (container, path in the container, directory of the file system,
    /// read-only, the access point it goes through and the POSIX user that imposes).
    pub paths: Vec<SeenAt>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeenAt {
    pub container: String,
    pub container_path: String,
    pub fs_path: String,
    pub read_only: bool,
    pub access_point: Option<(String, Option<String>)>,
}

/// A directory of the file system with its files (directories exist where files are, and at an
/// access point's root, which it creates on first mount).
#[derive(Debug, Clone, PartialEq)]
pub struct Directory {
    pub path: String,
    /// The access points whose root it is: each confines the tasks mounting through it here.
    pub roots_of: Vec<String>,
    pub files: Vec<FileRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileRow {
    pub path: String,
    pub bytes: usize,
    /// `uid:gid`.
    pub owner: String,
    /// "task 0123abcd in us-east-1a".
    pub writer: String,
    pub at: String,
    /// Its first characters.
    pub preview: String,
}

/// How much of a file the browser shows.
const PREVIEW_CHARS: usize = 40;

/// The directory a file system path is in (`/` for a file at the root).
fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// "task 0123…cdef in us-east-1a" reads "task 0123abcd in us-east-1a".
fn short_writer(w: &str) -> String {
    match w.strip_prefix("task ").and_then(|r| r.split_once(' ')) {
        Some((id, rest)) if id.len() > 8 && id.is_char_boundary(8) => {
            format!("task {} {rest}", &id[..8])
        }
        _ => w.to_string(),
    }
}

/// The index of a directory in the list kept sorted by path, added when missing.
fn dir_index(dirs: &mut Vec<Directory>, path: &str) -> usize {
    match dirs.binary_search_by(|d| d.path.as_str().cmp(path)) {
        Ok(i) => i,
        Err(i) => {
            dirs.insert(
                i,
                Directory {
                    path: path.to_string(),
                    roots_of: Vec::new(),
                    files: Vec::new(),
                },
            );
            i
        }
    }
}

/// Every file system, in creation order.
pub fn file_systems(world: &World) -> Vec<FileSystemView> {
    let mut all: Vec<_> = world.file_systems.values().collect();
    all.sort_by_key(|f| f.created_seq);
    all.into_iter()
        .map(|fs| {
            let mut mts: Vec<_> = world
                .mount_targets
                .values()
                .filter(|m| m.file_system_id == fs.id)
                .collect();
            mts.sort_by_key(|m| m.created_seq);
            let mut aps: Vec<_> = world
                .access_points
                .values()
                .filter(|a| a.file_system_id == fs.id && a.state != LifeCycle::Deleting)
                .collect();
            aps.sort_by_key(|a| a.created_seq);
            let user_of = |ap: &str| {
                world
                    .access_points
                    .get(ap)
                    .and_then(|a| a.posix_user.as_ref())
                    .map(|u| format!("{}:{}", u.uid, u.gid))
            };
            let mut running: Vec<_> = world
                .tasks()
                .values()
                .filter(|t| t.last_status == TaskStatus::Running)
                .collect();
            running.sort_by_key(|t| t.created_seq);
            let mounted_by = running
                .into_iter()
                .filter_map(|t| {
                    let td = world.definition_of(t)?;
                    let vols: Vec<_> = efs_mount::volumes(td)
                        .into_iter()
                        .filter(|v| v.file_system_id == fs.id)
                        .collect();
                    if vols.is_empty() {
                        return None;
                    }
                    let mut paths = Vec::new();
                    for c in &td.container_definitions {
                        for mp in &c.mount_points {
                            let source = mp.get("sourceVolume").and_then(|v| v.as_str());
                            let Some(v) = vols.iter().find(|v| Some(v.name.as_str()) == source)
                            else {
                                continue;
                            };
                            paths.push(SeenAt {
                                container: c.name.clone(),
                                container_path: mp
                                    .get("containerPath")
                                    .and_then(|p| p.as_str())
                                    .unwrap_or_default()
                                    .to_string(),
                                fs_path: efs_mount::root_of(world, v),
                                read_only: mp.get("readOnly").and_then(|r| r.as_bool())
                                    == Some(true),
                                access_point: v
                                    .access_point_id
                                    .as_ref()
                                    .map(|a| (a.clone(), user_of(a))),
                            });
                        }
                    }
                    let mt = efs_mount::mount_target_for(world, &fs.id, t.availability_zone)
                        .map(|m| m.id.clone());
                    Some(Mount {
                        task: t.id.clone(),
                        az: t.availability_zone,
                        mount_target: mt,
                        paths,
                    })
                })
                .collect();
            let mut directories: Vec<Directory> = Vec::new();
            for (p, f) in &fs.files {
                let i = dir_index(&mut directories, parent(p));
                let mut preview: String = f.data.chars().take(PREVIEW_CHARS).collect();
                if f.data.chars().count() > PREVIEW_CHARS {
                    preview.push('…');
                }
                directories[i].files.push(FileRow {
                    path: p.clone(),
                    bytes: f.data.len(),
                    owner: format!("{}:{}", f.uid, f.gid),
                    writer: short_writer(&f.written_by),
                    at: Instant(f.written_at).iso_seconds(),
                    preview,
                });
            }
            for a in &aps {
                let root = a.root_path.trim_end_matches('/');
                let i = dir_index(&mut directories, if root.is_empty() { "/" } else { root });
                directories[i].roots_of.push(a.id.clone());
            }
            FileSystemView {
                id: fs.id.clone(),
                name: fs.name().map(str::to_string),
                state: fs.state.as_str(),
                mount_targets: mts
                    .iter()
                    .map(|m| (m.id.clone(), m.az, m.ip.to_string(), m.state.as_str()))
                    .collect(),
                access_points: aps
                    .iter()
                    .map(|a| {
                        (
                            a.id.clone(),
                            a.root_path.clone(),
                            a.posix_user
                                .as_ref()
                                .map(|u| format!("{}:{}", u.uid, u.gid)),
                        )
                    })
                    .collect(),
                mounted_by,
                directories,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    #[test]
    fn a_file_system_shows_its_mount_targets_mounting_tasks_and_files() {
        let mut s = Session::new(2);
        let out = s.run_script(
            r#"SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
FS=$(aws efs create-file-system --creation-token t --tags Key=Name,Value=data --query FileSystemId --output text)
sleep 10
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET
sleep 100
aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family w --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\"}}]" --container-definitions '[{"name":"a","image":"busybox","mountPoints":[{"sourceVolume":"v","containerPath":"/data"}]}]'
T=$(aws ecs run-task --cluster c --task-definition w --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].taskArn' --output text)
sleep 60
sim fs write --task $T --path /data/a.txt --data hello"#,
        );
        for r in &out {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        let v = file_systems(&s.sim.world);
        assert_eq!(v.len(), 1);
        let fs = &v[0];
        assert_eq!((fs.name.as_deref(), fs.state), (Some("data"), "available"));
        assert_eq!(fs.mount_targets.len(), 1);
        assert_eq!(
            (fs.mount_targets[0].1, fs.mount_targets[0].3),
            ("us-east-1a", "available")
        );
        assert_eq!(fs.mounted_by.len(), 1);
        let m = &fs.mounted_by[0];
        assert_eq!(m.mount_target.as_ref(), Some(&fs.mount_targets[0].0));
        assert_eq!(
            (
                m.paths[0].container_path.as_str(),
                m.paths[0].fs_path.as_str()
            ),
            ("/data", "/")
        );
        assert_eq!(fs.directories.len(), 1);
        let f = &fs.directories[0].files[0];
        assert_eq!(
            (f.path.as_str(), f.bytes, f.preview.as_str()),
            ("/a.txt", 5, "hello")
        );
        assert!(f.writer.starts_with("task ") && f.writer.ends_with(" in us-east-1a"));
        assert_eq!(f.writer.len(), "task 01234567 in us-east-1a".len());
    }

    #[test]
    fn an_access_point_confines_a_task_to_its_root_and_owns_what_it_writes() {
        let mut s = Session::new(3);
        let out = s.run_script(
            r#"SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
FS=$(aws efs create-file-system --creation-token t --query FileSystemId --output text)
sleep 10
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET
AP=$(aws efs create-access-point --file-system-id $FS --posix-user Uid=1000,Gid=1001 --root-directory 'Path=/app,CreationInfo={OwnerUid=1000,OwnerGid=1001,Permissions=755}' --query AccessPointId --output text)
aws efs create-access-point --file-system-id $FS --root-directory 'Path=/empty/,CreationInfo={OwnerUid=0,OwnerGid=0,Permissions=755}'
sleep 100
aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family w --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"transitEncryption\":\"ENABLED\",\"authorizationConfig\":{\"accessPointId\":\"$AP\"}}}]" --container-definitions '[{"name":"a","image":"busybox","mountPoints":[{"sourceVolume":"v","containerPath":"/data"}]},{"name":"b","image":"busybox","essential":false,"mountPoints":[{"sourceVolume":"v","containerPath":"/ro","readOnly":true}]}]'
T=$(aws ecs run-task --cluster c --task-definition w --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].taskArn' --output text)
sleep 60
sim fs write --task $T --path /data/logs/today.txt --data "a line of the log that is longer than forty characters""#,
        );
        for r in &out {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        let fs = &file_systems(&s.sim.world)[0];
        let ap = fs.access_points[0].0.clone();
        let seen = &fs.mounted_by[0].paths;
        assert_eq!(seen.len(), 2);
        assert_eq!(
            (
                seen[0].container_path.as_str(),
                seen[0].fs_path.as_str(),
                seen[0].read_only
            ),
            ("/data", "/app", false)
        );
        assert_eq!(
            seen[0].access_point,
            Some((ap.clone(), Some("1000:1001".into())))
        );
        assert!(seen[1].read_only && seen[1].container == "b");
        let dirs: Vec<(&str, usize, &[String])> = fs
            .directories
            .iter()
            .map(|d| (d.path.as_str(), d.files.len(), d.roots_of.as_slice()))
            .collect();
        assert_eq!(dirs.len(), 3, "{dirs:?}");
        assert_eq!((dirs[0].0, dirs[0].1, dirs[0].2), ("/app", 0, &[ap][..]));
        assert_eq!((dirs[1].0, dirs[1].1), ("/app/logs", 1));
        assert_eq!((dirs[2].0, dirs[2].1, dirs[2].2.len()), ("/empty", 0, 1));
        let f = &fs.directories[1].files[0];
        assert_eq!(
            (f.path.as_str(), f.owner.as_str()),
            ("/app/logs/today.txt", "1000:1001")
        );
        assert_eq!(f.preview, "a line of the log that is longer than fo…");
    }
}
