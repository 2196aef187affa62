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
    /// (task ID, AZ, the mount target it uses, if any is available in its AZ).
    pub mounted_by: Vec<(String, &'static str, Option<String>)>,
    /// (path, bytes, `uid:gid`, writer, when).
    pub files: Vec<(String, usize, String, String, String)>,
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
            let mounted_by = world
                .tasks()
                .values()
                .filter(|t| t.last_status == TaskStatus::Running)
                .filter(|t| {
                    world.definition_of(t).is_some_and(|td| {
                        efs_mount::volumes(td)
                            .iter()
                            .any(|v| v.file_system_id == fs.id)
                    })
                })
                .map(|t| {
                    let mt = efs_mount::mount_target_for(world, &fs.id, t.availability_zone)
                        .map(|m| m.id.clone());
                    (t.id.clone(), t.availability_zone, mt)
                })
                .collect();
            FileSystemView {
                id: fs.id.clone(),
                name: fs.name().map(str::to_string),
                state: fs.state.as_str(),
                mount_targets: mts
                    .iter()
                    .map(|m| (m.id.clone(), m.az, m.ip.to_string(), m.state.as_str()))
                    .collect(),
                access_points: world
                    .access_points
                    .values()
                    .filter(|a| a.file_system_id == fs.id && a.state != LifeCycle::Deleting)
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
                files: fs
                    .files
                    .iter()
                    .map(|(p, f)| {
                        (
                            p.clone(),
                            f.data.len(),
                            format!("{}:{}", f.uid, f.gid),
                            f.written_by.clone(),
                            Instant(f.written_at).iso_seconds(),
                        )
                    })
                    .collect(),
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
        assert_eq!(fs.mounted_by[0].2.as_ref(), Some(&fs.mount_targets[0].0));
        assert_eq!(fs.files[0].0, "/a.txt");
        assert_eq!(fs.files[0].1, 5);
    }
}
