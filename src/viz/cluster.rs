//! The cluster view: a cluster's tasks laid out as the SVG draws them. AZs are columns; in
//! each, the cluster's EC2 container instances (with CPU, memory and ENI slots reserved out of
//! what they registered) and a Fargate area. A task starting up (PROVISIONING, PENDING) waits
//! in the pending lane across the top; once RUNNING it sits in a slot of its instance or of its
//! AZ's Fargate area, so a task that changes phase travels from one to the other.

use std::collections::BTreeMap;

use crate::model::ecs::ContainerInstanceStatus;
use crate::model::task::Task;
use crate::sim::world::World;
use crate::viz::palette::Phase;

pub const COLUMN_WIDTH: u32 = 210;
pub const GAP: u32 = 10;
pub const CHIP: u32 = 14;
pub const PITCH: u32 = 18;
const LANE_TOP: u32 = 26;
const AZ_HEADER: u32 = 26;
const INSTANCE_HEADER: u32 = 62;
const FARGATE_HEADER: u32 = 22;
const PAD: u32 = 8;

/// Chips per row inside a column.
pub fn per_row() -> u32 {
    (COLUMN_WIDTH - 2 * PAD) / PITCH
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstanceBox {
    pub container_instance_id: String,
    pub container_instance_arn: String,
    pub ec2_instance_id: String,
    pub instance_type: String,
    pub status: &'static str,
    pub agent_connected: bool,
    /// (reserved, registered).
    pub cpu: (u32, u32),
    pub memory: (u32, u32),
    /// (in use, slots).
    pub eni: (u32, u32),
    pub trunked: bool,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AzColumn {
    pub name: &'static str,
    pub rect: Rect,
    pub instances: Vec<InstanceBox>,
    pub fargate: Rect,
    pub fargate_tasks: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskChip {
    pub id: String,
    pub arn: String,
    pub family: String,
    pub status: &'static str,
    pub phase: Phase,
    pub launch_type: &'static str,
    pub ip: Option<String>,
    /// Top-left corner of the chip.
    pub x: u32,
    pub y: u32,
    /// What a screen reader or a tooltip says of it.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterView {
    pub cluster: String,
    pub width: u32,
    pub height: u32,
    /// The pending lane across the top.
    pub lane: Rect,
    pub azs: Vec<AzColumn>,
    /// Live tasks, in creation order.
    pub tasks: Vec<TaskChip>,
}

fn rows(n: u32) -> u32 {
    n.div_ceil(per_row()).max(1)
}

fn slot(area: &Rect, header: u32, index: u32) -> (u32, u32) {
    let (r, c) = (index / per_row(), index % per_row());
    (area.x + PAD + c * PITCH, area.y + header + r * PITCH)
}

/// Draws the arrived tasks of an area in their slots (every live task of the area holds one
/// from placement on, so arrivals never shift the chips already there); returns how many.
fn seat(chips: &mut Vec<TaskChip>, area: &Rect, header: u32, tasks: &[&Task]) -> u32 {
    let mut arrived = 0;
    for (k, t) in tasks.iter().enumerate() {
        if Phase::of(t.last_status) != Phase::Starting {
            let (x, y) = slot(area, header, k as u32);
            chips.push(chip(t, x, y));
            arrived += 1;
        }
    }
    arrived
}

fn chip(t: &Task, x: u32, y: u32) -> TaskChip {
    let ip = t
        .eni
        .as_ref()
        .and_then(|n| n.private_ip)
        .map(|ip| ip.to_string());
    let where_ = if t.launch_type == "FARGATE" {
        format!("Fargate in {}", t.availability_zone)
    } else {
        t.ec2_instance_id.clone()
    };
    let label = format!(
        "Task {} ({}), {}, {}{}",
        &t.id[..t.id.len().min(8)],
        t.family,
        t.last_status.as_str(),
        where_,
        ip.as_ref().map_or(String::new(), |ip| format!(", IP {ip}"))
    );
    TaskChip {
        id: t.id.clone(),
        arn: t.arn.clone(),
        family: t.family.clone(),
        status: t.last_status.as_str(),
        phase: Phase::of(t.last_status),
        launch_type: t.launch_type,
        ip,
        x,
        y,
        label,
    }
}

/// Lays out one cluster.
pub fn cluster_view(world: &World, cluster: &str) -> ClusterView {
    let tasks: Vec<&Task> = World::by_creation(&world.tasks, |t| t.created_seq)
        .into_iter()
        .filter(|t| t.cluster == cluster && t.is_live())
        .collect();
    // Starting tasks keep their place in the lane while others leave it: a task's slot is its
    // rank among the cluster's live tasks, counted from the first one still starting. (Packed
    // slots would shift every chip behind one that left, and redraw them all.)
    let starting: Vec<(u32, &&Task)> = tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| Phase::of(t.last_status) == Phase::Starting)
        .map(|(i, t)| (i as u32, t))
        .collect();

    // The AZs the cluster uses (its instances' and its Fargate tasks'), or all six when it
    // uses none yet, so the view fits a projector's width.
    let used: Vec<&'static str> = crate::model::catalog::AZS
        .iter()
        .map(|a| a.name)
        .filter(|az| {
            world.container_instances.values().any(|ci| {
                ci.cluster == cluster
                    && ci.az == *az
                    && ci.status != ContainerInstanceStatus::Inactive
            }) || tasks
                .iter()
                .any(|t| t.launch_type == "FARGATE" && t.availability_zone == *az)
        })
        .collect();
    let shown: Vec<&'static str> = if used.is_empty() {
        crate::model::catalog::AZS.iter().map(|a| a.name).collect()
    } else {
        used
    };
    let columns = shown.len() as u32;
    let width = columns * COLUMN_WIDTH + (columns - 1) * GAP;
    let lane_per_row = (width - 2 * PAD) / PITCH;
    // Counted from the row of the first task still starting: chips move up only when a
    // whole row has emptied.
    let lane_base = starting
        .first()
        .map_or(0, |s| s.0 / lane_per_row * lane_per_row);
    let lane_span = starting.last().map_or(0, |s| s.0 + 1 - lane_base);
    let lane_rows = lane_span.div_ceil(lane_per_row).max(1);
    let lane = Rect {
        x: 0,
        y: 0,
        w: width,
        h: LANE_TOP + lane_rows * PITCH + PAD,
    };
    let mut chips: Vec<TaskChip> = starting
        .iter()
        .map(|(rank, t)| {
            let i = rank - lane_base;
            let (r, c) = (i / lane_per_row, i % lane_per_row);
            chip(t, PAD + c * PITCH, LANE_TOP + r * PITCH)
        })
        .collect();
    let top = lane.h + GAP;
    let instances: Vec<_> = World::by_creation(&world.container_instances, |c| c.created_seq)
        .into_iter()
        .filter(|ci| ci.cluster == cluster && ci.status != ContainerInstanceStatus::Inactive)
        .collect();
    // Live tasks by instance and by Fargate AZ, in creation order (one pass, not one per box).
    let mut on_instance: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
    let mut on_fargate: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
    for t in &tasks {
        if t.launch_type == "FARGATE" {
            on_fargate.entry(t.availability_zone).or_default().push(t);
        } else {
            on_instance
                .entry(&t.container_instance_id)
                .or_default()
                .push(t);
        }
    }
    let mut azs = Vec::new();
    let mut height = top;
    for (i, az_name) in shown.iter().enumerate() {
        let az = crate::model::catalog::AZS
            .iter()
            .find(|a| a.name == *az_name)
            .unwrap_or(&crate::model::catalog::AZS[0]);
        let x = i as u32 * (COLUMN_WIDTH + GAP);
        let mut y = top + AZ_HEADER;
        let mut boxes = Vec::new();
        for ci in instances.iter().filter(|ci| ci.az == az.name) {
            let placed = on_instance
                .get(ci.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            let rect = Rect {
                x,
                y,
                w: COLUMN_WIDTH,
                h: INSTANCE_HEADER + rows(placed.len() as u32) * PITCH + PAD,
            };
            seat(&mut chips, &rect, INSTANCE_HEADER, placed);
            let instance_type = ci
                .attribute("ecs.instance-type")
                .and_then(|a| a.value.clone())
                .unwrap_or_default();
            y += rect.h + GAP;
            boxes.push(InstanceBox {
                container_instance_id: ci.id.clone(),
                container_instance_arn: ci.arn.clone(),
                ec2_instance_id: ci.ec2_instance_id.clone(),
                instance_type,
                status: ci.status.as_str(),
                agent_connected: ci.agent_connected,
                cpu: (ci.reserved_cpu_units, ci.cpu_units),
                memory: (ci.reserved_memory_mib, ci.memory_mib),
                eni: (ci.task_enis, ci.eni_slots),
                trunked: ci.trunk_eni.is_some(),
                rect,
            });
        }
        let fargate = on_fargate.get(az.name).map_or(&[][..], Vec::as_slice);
        let area = Rect {
            x,
            y,
            w: COLUMN_WIDTH,
            h: FARGATE_HEADER + rows(fargate.len() as u32) * PITCH + PAD,
        };
        let arrived = seat(&mut chips, &area, FARGATE_HEADER, fargate);
        y += area.h;
        height = height.max(y + PAD);
        azs.push(AzColumn {
            name: az.name,
            rect: Rect {
                x,
                y: top,
                w: COLUMN_WIDTH,
                h: 0,
            },
            instances: boxes,
            fargate: area,
            fargate_tasks: arrived,
        });
    }
    for az in &mut azs {
        az.rect.h = height - az.rect.y;
    }
    // Creation order, so keyed elements keep their identity as they move.
    let order: BTreeMap<&str, u64> = tasks
        .iter()
        .map(|t| (t.id.as_str(), t.created_seq))
        .collect();
    chips.sort_by_key(|c| order.get(c.id.as_str()).copied().unwrap_or(0));
    ClusterView {
        cluster: cluster.to_string(),
        width,
        height,
        lane,
        azs,
        tasks: chips,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    const SETUP: &str = r#"aws ecs create-cluster --cluster-name c
aws iam create-role --role-name r --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name r
aws iam add-role-to-instance-profile --instance-profile-name r --role-name r
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1b --iam-instance-profile Name=r --user-data ECS_CLUSTER=c
sleep 90
aws ecs register-task-definition --family web --container-definitions '[{"name":"a","image":"nginx","memory":256}]'
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
aws ecs run-task --cluster c --task-definition web --count 3
SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 2 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}
"#;

    #[test]
    fn starting_tasks_wait_in_the_lane_then_move_to_their_slots() {
        let mut s = Session::new(3);
        for r in s.run_script(SETUP) {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        let v = cluster_view(&s.sim.world, "c");
        assert_eq!(v.tasks.len(), 5);
        assert!(v
            .tasks
            .iter()
            .all(|t| t.phase == Phase::Starting && t.y < v.lane.h));
        assert_eq!(
            v.azs.iter().map(|a| a.name).collect::<Vec<_>>(),
            ["us-east-1b", "us-east-1c"],
            "only the AZs the cluster uses"
        );
        let b = &v.azs[0];
        assert_eq!(b.name, "us-east-1b");
        assert_eq!(b.instances.len(), 1);
        assert_eq!(b.instances[0].memory.0, 768, "reserved at placement");
        s.run_script("sleep 30");
        let v = cluster_view(&s.sim.world, "c");
        let running: Vec<&TaskChip> = v
            .tasks
            .iter()
            .filter(|t| t.phase == Phase::Running)
            .collect();
        assert_eq!(running.len(), 5);
        let inst = &v.azs[0].instances[0].rect;
        let on_instance = running
            .iter()
            .filter(|t| {
                t.x >= inst.x && t.x < inst.x + inst.w && t.y >= inst.y && t.y < inst.y + inst.h
            })
            .count();
        assert_eq!(on_instance, 3);
        let fargate = &v.azs[1].fargate;
        assert_eq!(v.azs[1].fargate_tasks, 2);
        let in_fargate: Vec<&&TaskChip> = running
            .iter()
            .filter(|t| t.x >= fargate.x && t.y >= fargate.y && t.y < fargate.y + fargate.h)
            .collect();
        assert_eq!(in_fargate.len(), 2);
        assert!(in_fargate.iter().all(|t| t
            .ip
            .as_deref()
            .is_some_and(|ip| ip.starts_with("172.31.32."))));
        assert!(
            in_fargate[0]
                .label
                .contains("Fargate in us-east-1c, IP 172.31.32."),
            "{}",
            in_fargate[0].label
        );
        // No two chips overlap.
        let mut spots: Vec<(u32, u32)> = v.tasks.iter().map(|t| (t.x, t.y)).collect();
        spots.sort_unstable();
        spots.dedup();
        assert_eq!(spots.len(), v.tasks.len());
    }
}
