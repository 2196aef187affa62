//! EFS in the cluster drawing: the mount targets of the file systems the cluster's tasks
//! mount, each in its subnet (ID, address, state), and a line from each mounting task to the
//! mount target it uses, which is the one in its own AZ (only that one resolves through the
//! file system's DNS name, ECS-REFERENCE.md §9.3).
//!
//! Why per area at density: a line per chip is readable for tens of tasks, but hundreds of
//! lines hide the drawing (and cost a frame), so an area drawn as counts, or a drawing with
//! more than [`MAX_CHIP_LINES`] mounting chips, gets one line per area with the count.
//!
//! Which mount targets: those of file systems that the cluster's live or recently failed tasks
//! mount, in the AZs the cluster is drawn in (a mount target's subnet is drawn even when the
//! cluster has nothing else in it). A task that could not mount waits failed in the pending
//! lane, its reason shortened by [`short_reason`].

use std::collections::{BTreeMap, BTreeSet};

use super::{AzColumn, Chips, Rect, SubnetPlan, TaskChip, FARGATE_HEADER, INSET, PAD};
use crate::model::efs::{LifeCycle, MountTarget};
use crate::model::task::Task;
use crate::sim::{efs_mount, World};
use crate::viz::palette::Phase;

/// The height a mount target takes in its subnet (two lines of text).
pub const ROW: u32 = 30;
/// Past this many mounting chips, lines are drawn per area with a count.
pub const MAX_CHIP_LINES: usize = 80;

/// A mount target as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct MountTargetMark {
    pub id: String,
    pub file_system_id: String,
    /// The file system's `Name` tag, if it has one.
    pub file_system_name: Option<String>,
    pub subnet_id: String,
    pub az: &'static str,
    pub ip: String,
    /// `creating` or `available` (or `deleting`).
    pub state: &'static str,
    pub rect: Rect,
    /// Live tasks of the cluster that mount through it (drawn or not).
    pub tasks: u32,
}

impl MountTargetMark {
    /// Where the lines end: the port on its left.
    pub fn port(&self) -> (u32, u32) {
        (self.rect.x + 9, self.rect.y + self.rect.h / 2)
    }

    /// What a screen reader or a tooltip says of it.
    pub fn label(&self) -> String {
        let fs = match &self.file_system_name {
            Some(n) => format!("{n} ({})", self.file_system_id),
            None => self.file_system_id.clone(),
        };
        format!(
            "EFS mount target {} of file system {fs} in {} ({}): address {}, {}; {} task(s) of this cluster mount through it",
            self.id, self.az, self.subnet_id, self.ip, self.state, self.tasks
        )
    }
}

/// A line from a task (or an area's tasks) to the mount target it mounts.
#[derive(Debug, Clone, PartialEq)]
pub struct MountLink {
    pub from: (u32, u32),
    pub to: (u32, u32),
    pub mount_target: String,
    /// The task, when the line is one chip's; `None` for an area's line.
    pub task: Option<String>,
    /// How many tasks it stands for.
    pub count: u32,
}

/// EFS as the cluster drawing shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EfsLayer {
    pub mount_targets: Vec<MountTargetMark>,
    pub links: Vec<MountLink>,
}

/// An area's mounting tasks: its box when drawn as counts, the height of its header, and each
/// arrived task that mounts with the mark of the mount target it uses.
type Area<'a, 't> = (Option<&'a Rect>, u32, Vec<(&'t Task, usize)>);

/// What the layout needs to know of EFS before sizes are known.
#[derive(Debug, Default)]
pub(super) struct Plan<'w> {
    /// The mount targets drawn, by subnet, in creation order.
    by_subnet: BTreeMap<&'w str, Vec<&'w MountTarget>>,
    /// The file systems each task definition (by ARN) mounts.
    mounts: BTreeMap<&'w str, Vec<&'w str>>,
}

impl<'w> Plan<'w> {
    pub(super) fn new(world: &'w World, tasks: &[&'w Task], failed: &[&'w Task]) -> Plan<'w> {
        let mut mounts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for t in tasks.iter().chain(failed) {
            if mounts.contains_key(t.task_definition_arn.as_str()) {
                continue;
            }
            let mut fss: Vec<&str> = world
                .definition_of(t)
                .map(|td| {
                    td.volumes
                        .iter()
                        .filter_map(|v| v.efs_volume_configuration.as_ref())
                        .filter_map(|c| c.get("fileSystemId").and_then(|f| f.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            crate::sort::sort(&mut fss);
            fss.dedup();
            mounts.insert(&t.task_definition_arn, fss);
        }
        let wanted: BTreeSet<&str> = mounts.values().flatten().copied().collect();
        let mut by_subnet: BTreeMap<&str, Vec<&MountTarget>> = BTreeMap::new();
        if !wanted.is_empty() {
            let mut mts: Vec<&MountTarget> = world
                .mount_targets
                .values()
                .map(Box::as_ref)
                .filter(|m| wanted.contains(m.file_system_id.as_str()))
                .filter(|m| m.state != LifeCycle::Deleted)
                .collect();
            crate::sort::sort_by_key(&mut mts, |m| m.created_seq);
            for m in mts {
                by_subnet.entry(&m.subnet_id).or_default().push(m);
            }
        }
        Plan { by_subnet, mounts }
    }

    /// Whether a subnet holds a mount target to draw.
    pub(super) fn holds(&self, subnet: &str) -> bool {
        self.by_subnet.contains_key(subnet)
    }

    /// The room a subnet's mount targets take at its bottom.
    pub(super) fn height(&self, subnet: &str) -> u32 {
        self.by_subnet
            .get(subnet)
            .map_or(0, |m| m.len() as u32 * (ROW + INSET))
    }

    /// Leaves out subnets that hold only mount targets in AZs where the cluster has nothing
    /// (they would add a column that says nothing of the cluster).
    pub(super) fn drop_lonely(&self, plans: &mut Vec<SubnetPlan>) {
        let used = |p: &SubnetPlan| {
            !p.instances.is_empty() || !p.booting.is_empty() || p.fargate.is_some()
        };
        let azs: BTreeSet<&str> = plans
            .iter()
            .filter(|p| used(p))
            .map(|p| p.subnet.az)
            .collect();
        plans.retain(|p| used(p) || azs.contains(p.subnet.az));
    }

    /// The drawn mount targets and the lines to them, once the boxes and chips are placed.
    pub(super) fn layer(
        &self,
        world: &World,
        azs: &[AzColumn],
        plans: &[SubnetPlan],
        chips: &Chips,
    ) -> EfsLayer {
        let mut marks: Vec<MountTargetMark> = Vec::new();
        for s in azs.iter().flat_map(|a| &a.subnets) {
            let Some(mts) = self.by_subnet.get(s.id.as_str()) else {
                continue;
            };
            let mut y = (s.rect.y + s.rect.h).saturating_sub(self.height(&s.id));
            for m in mts {
                marks.push(MountTargetMark {
                    id: m.id.clone(),
                    file_system_id: m.file_system_id.clone(),
                    file_system_name: world
                        .file_systems
                        .get(&m.file_system_id)
                        .and_then(|f| f.name())
                        .map(str::to_string),
                    subnet_id: m.subnet_id.clone(),
                    az: m.az,
                    ip: m.ip.to_string(),
                    state: m.state.as_str(),
                    rect: Rect {
                        x: s.rect.x + INSET,
                        y,
                        w: s.rect.w.saturating_sub(2 * INSET),
                        h: ROW,
                    },
                    tasks: 0,
                });
                y += ROW + INSET;
            }
        }
        if marks.is_empty() {
            return EfsLayer::default();
        }
        let chip_of: BTreeMap<u64, &TaskChip> = chips.iter().map(|(s, c)| (*s, &**c)).collect();
        // Every area's arrived, mounting tasks with the mark each uses.
        let mut areas: Vec<Area> = Vec::new();
        for s in azs.iter().flat_map(|a| &a.subnets) {
            let Some(plan) = plans.iter().find(|p| p.subnet.id == s.id) else {
                continue;
            };
            for (b, (_, slotted)) in s.instances.iter().zip(&plan.instances) {
                let packed = b.counts.is_some();
                let pairs = self.mounting(world, &slotted.tasks, &marks);
                areas.push((packed.then_some(&b.rect), super::INSTANCE_HEADER, pairs));
            }
            if let (Some(f), Some(slotted)) = (&s.fargate, &plan.fargate) {
                let packed = f.counts.is_some();
                let pairs = self.mounting(world, &slotted.tasks, &marks);
                areas.push((packed.then_some(&f.rect), FARGATE_HEADER, pairs));
            }
        }
        let chip_lines: usize = areas
            .iter()
            .filter(|a| a.0.is_none())
            .map(|a| a.2.len())
            .sum();
        let mut links = Vec::new();
        for (packed, header, pairs) in &areas {
            for (_, i) in pairs {
                marks[*i].tasks += 1;
            }
            match packed {
                None if chip_lines <= MAX_CHIP_LINES => {
                    for (t, i) in pairs {
                        let Some(c) = chip_of.get(&t.created_seq) else {
                            continue;
                        };
                        links.push(MountLink {
                            from: (c.x + c.size / 2, c.y + c.size / 2),
                            to: marks[*i].port(),
                            mount_target: marks[*i].id.clone(),
                            task: Some(t.id.clone()),
                            count: 1,
                        });
                    }
                }
                _ => {
                    // One line per area and mount target, from its counts (or first chip).
                    let mut per_mark: BTreeMap<usize, (u32, (u32, u32))> = BTreeMap::new();
                    for (t, i) in pairs {
                        let from = match (packed, chip_of.get(&t.created_seq)) {
                            (Some(r), _) => (r.x + PAD + 4, r.y + header + 4),
                            (None, Some(c)) => (c.x + c.size / 2, c.y + c.size / 2),
                            (None, None) => continue,
                        };
                        per_mark.entry(*i).or_insert((0, from)).0 += 1;
                    }
                    for (i, (count, from)) in per_mark {
                        links.push(MountLink {
                            from,
                            to: marks[i].port(),
                            mount_target: marks[i].id.clone(),
                            task: None,
                            count,
                        });
                    }
                }
            }
        }
        EfsLayer {
            mount_targets: marks,
            links,
        }
    }

    /// The arrived tasks of an area that mount a drawn mount target, each with its mark (one
    /// pair per file system a task mounts).
    fn mounting<'t>(
        &self,
        world: &World,
        tasks: &[&'t Task],
        marks: &[MountTargetMark],
    ) -> Vec<(&'t Task, usize)> {
        let mut out = Vec::new();
        for t in tasks {
            if Phase::of(t.last_status) == Phase::Starting {
                continue;
            }
            let Some(fss) = self.mounts.get(t.task_definition_arn.as_str()) else {
                continue;
            };
            for fs in fss {
                let Some(mt) = efs_mount::mount_target_for(world, fs, t.availability_zone) else {
                    continue;
                };
                if let Some(i) = marks.iter().position(|m| m.id == mt.id) {
                    out.push((*t, i));
                }
            }
        }
        out
    }
}

/// An EFS mount failure in a few words (every one is a `ResourceInitializationError`, so its
/// codes alone would tell them apart from nothing), or `None` for another reason.
pub fn short_reason(reason: &str) -> Option<String> {
    let why = if !reason.contains("EFS") {
        return None;
    } else if reason.contains("Failed to resolve") {
        "no EFS mount target in its AZ"
    } else if reason.contains("Connection timed out") {
        "EFS port 2049 closed to it"
    } else if reason.contains("access denied by server") {
        "EFS mount access denied (IAM or file system policy)"
    } else if reason.contains("No such file or directory") {
        "EFS root directory not found"
    } else if reason.contains("platform version 1.4.0") {
        "EFS needs Fargate platform 1.4.0 or later"
    } else {
        return None;
    };
    Some(format!("ResourceInitializationError · {why}"))
}

#[cfg(test)]
mod tests {
    use super::super::{cluster_view, cluster_view_remembering, Fit, Memory, Zoom};
    use super::*;
    use crate::cli::Session;

    /// A file system with a mount target in us-east-1a and one in us-east-1b, a Fargate task
    /// definition that mounts it, and `$S1`, `$S2` the AZs' default subnets.
    const SETUP: &str = r#"S1=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
S2=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
FS=$(aws efs create-file-system --creation-token t --tags Key=Name,Value=data --query FileSystemId --output text)
sleep 10
aws efs create-mount-target --file-system-id $FS --subnet-id $S1
aws efs create-mount-target --file-system-id $FS --subnet-id $S2
aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family w --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\"}}]" --container-definitions '[{"name":"a","image":"busybox","mountPoints":[{"sourceVolume":"v","containerPath":"/data"}]}]'
aws ecs register-task-definition --family plain --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"busybox"}]'
"#;

    fn session(more: &str) -> Session {
        let mut s = Session::new(4);
        for r in s.run_script(&format!("{SETUP}{more}")) {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        s
    }

    #[test]
    fn mount_targets_sit_in_their_subnets_and_each_task_links_to_its_azs() {
        let s = session(
            "sleep 100\naws ecs run-task --cluster c --task-definition w --launch-type FARGATE --count 2 --network-configuration \"awsvpcConfiguration={subnets=[$S1,$S2]}\"\nsleep 60\n",
        );
        let v = cluster_view(&s.sim, "c");
        let e = &v.efs;
        assert_eq!(e.mount_targets.len(), 2, "{e:?}");
        let azs: Vec<&str> = e.mount_targets.iter().map(|m| m.az).collect();
        assert_eq!(azs, ["us-east-1a", "us-east-1b"]);
        for m in &e.mount_targets {
            assert_eq!(m.state, "available");
            assert!(
                m.id.starts_with("fsmt-") && m.ip.starts_with("172.31."),
                "{m:?}"
            );
            assert_eq!(m.file_system_name.as_deref(), Some("data"));
            // Inside its subnet's box, below the Fargate area.
            let sb = v
                .azs
                .iter()
                .flat_map(|a| &a.subnets)
                .find(|sb| sb.id == m.subnet_id)
                .expect("its subnet is drawn");
            assert!(m.rect.y >= sb.rect.y && m.rect.y + m.rect.h <= sb.rect.y + sb.rect.h);
            let f = sb.fargate.as_ref().expect("a Fargate area");
            assert!(m.rect.y >= f.rect.y + f.rect.h, "{m:?} {f:?}");
            assert_eq!(m.tasks, 1);
            assert!(m.label().contains(&m.ip) && m.label().contains("available"));
        }
        assert_eq!(e.links.len(), 2);
        for l in &e.links {
            let chip = v
                .tasks
                .iter()
                .find(|t| Some(&t.id) == l.task.as_ref())
                .expect("a chip's line");
            let m = e
                .mount_targets
                .iter()
                .find(|m| m.id == l.mount_target)
                .expect("its mark");
            assert_eq!(chip.host, m.az, "a task mounts the mount target of its AZ");
            assert_eq!(l.from, (chip.x + chip.size / 2, chip.y + chip.size / 2));
            assert_eq!(l.to, m.port());
            assert_eq!(l.count, 1);
        }
    }

    #[test]
    fn a_task_on_an_ec2_instance_links_from_its_instance_box() {
        let s = session(
            &(crate::viz::scenario::INSTANCE_ROLE_SCRIPT.to_string()
                + r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1b --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=c
sleep 100
aws ecs register-task-definition --family e --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\"}}]" --container-definitions '[{"name":"a","image":"busybox","memory":128,"mountPoints":[{"sourceVolume":"v","containerPath":"/data"}]}]'
aws ecs run-task --cluster c --task-definition e
sleep 60
"#),
        );
        let v = cluster_view(&s.sim, "c");
        let e = &v.efs;
        assert_eq!(e.mount_targets.len(), 1, "the instance's AZ only: {e:?}");
        assert_eq!(e.mount_targets[0].az, "us-east-1b");
        assert_eq!(e.links.len(), 1);
        let chip = &v.tasks[0];
        assert!(!chip.launch_type.is_fargate() && chip.status == "RUNNING");
        let b = &v.azs[0].subnets[0].instances[0].rect;
        let (x, y) = e.links[0].from;
        assert!(x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h);
        assert!(e.mount_targets[0].rect.y >= b.y + b.h, "below the instance");
    }

    #[test]
    fn mount_targets_show_while_creating_and_tasks_without_efs_draw_none() {
        let s = session(
            "aws ecs run-task --cluster c --task-definition w --launch-type FARGATE --network-configuration \"awsvpcConfiguration={subnets=[$S1]}\"\n",
        );
        let v = cluster_view(&s.sim, "c");
        let states: Vec<&str> = v.efs.mount_targets.iter().map(|m| m.state).collect();
        assert_eq!(states, ["creating"], "only the AZ the cluster is drawn in");
        assert!(v.efs.links.is_empty(), "the task is still starting");
        let s = session(
            "sleep 100\naws ecs run-task --cluster c --task-definition plain --launch-type FARGATE --network-configuration \"awsvpcConfiguration={subnets=[$S1]}\"\nsleep 60\n",
        );
        assert_eq!(cluster_view(&s.sim, "c").efs, EfsLayer::default());
    }

    #[test]
    fn a_dense_drawing_has_one_line_per_area_with_its_count() {
        let run = "aws ecs run-task --cluster c --task-definition w --launch-type FARGATE --count 10 --network-configuration \"awsvpcConfiguration={subnets=[$S1,$S2]}\"\n";
        let s = session(&format!("sleep 100\n{}sleep 60\n", run.repeat(40)));
        // Chips, but too many for a line each.
        let v = cluster_view(&s.sim, "c");
        assert_eq!(v.tasks.len(), 400);
        let links = &v.efs.links;
        assert_eq!(links.len(), 2, "{links:?}");
        assert!(links.iter().all(|l| l.task.is_none() && l.count == 200));
        // So short a box that the Fargate areas are drawn as counts.
        let fit = Fit {
            width: 500,
            height: 120,
        };
        let v = cluster_view_remembering(&s.sim, "c", &mut Memory::default(), fit, &Zoom::All);
        assert!(v.tasks.is_empty(), "packed: {:?}", v.azs);
        let links = &v.efs.links;
        assert_eq!(links.len(), 2, "{links:?}");
        assert!(links.iter().all(|l| l.task.is_none() && l.count == 200));
        assert!(v.efs.mount_targets.iter().all(|m| m.tasks == 200));
        // A few tasks get a line each.
        let s = session(&format!("sleep 100\n{}sleep 60\n", run.repeat(2)));
        let links = cluster_view(&s.sim, "c").efs.links;
        assert_eq!(links.len(), 20);
        assert!(links.iter().all(|l| l.task.is_some() && l.count == 1));
    }

    #[test]
    fn efs_mount_failures_read_apart_in_the_lane() {
        let r = |detail: &str| {
            format!("ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: {detail} : unsuccessful EFS utils command execution; code: 32")
        };
        assert_eq!(
            short_reason(&r("Failed to resolve \"fs-1.efs.us-east-1.amazonaws.com\"")).as_deref(),
            Some("ResourceInitializationError · no EFS mount target in its AZ")
        );
        assert!(short_reason(&r("mount.nfs4: Connection timed out"))
            .is_some_and(|s| s.contains("2049")));
        assert!(short_reason(&r(
            "b'mount.nfs4: access denied by server while mounting 127.0.0.1:/'"
        ))
        .is_some_and(|s| s.contains("access denied")));
        assert_eq!(short_reason("Essential container in task exited"), None);
        assert_eq!(
            super::super::waiting::short_reason(&r("mount.nfs4: Connection timed out")),
            "ResourceInitializationError · EFS port 2049 closed to it"
        );
    }
}
