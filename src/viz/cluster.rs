//! The cluster view: a cluster's tasks laid out as the SVG draws them. AZs are columns; in
//! each, the cluster's EC2 container instances (with CPU, memory and ENI slots reserved out of
//! what they registered) and a Fargate area. A task starting up (PROVISIONING, PENDING) waits
//! in the pending lane across the top; once RUNNING it sits in a slot of its instance or of its
//! AZ's Fargate area, so a task that changes phase travels from one to the other.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::rc::Rc;

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
    pub family: String,
    pub status: &'static str,
    pub phase: Phase,
    pub launch_type: &'static str,
    /// Its container instance's EC2 instance ID, or its AZ on Fargate.
    pub host: String,
    pub ip: Option<Ipv4Addr>,
    /// Top-left corner of the chip.
    pub x: u32,
    pub y: u32,
}

impl TaskChip {
    /// What a screen reader or a tooltip says of it (written when a chip is drawn, not for
    /// every chip on every layout).
    pub fn label(&self) -> String {
        let host = if self.launch_type == "FARGATE" {
            format!("Fargate in {}", self.host)
        } else {
            self.host.clone()
        };
        format!(
            "Task {} ({}), {}, {}{}",
            &self.id[..self.id.len().min(8)],
            self.family,
            self.status,
            host,
            self.ip.map_or(String::new(), |ip| format!(", IP {ip}"))
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterView {
    pub cluster: String,
    pub width: u32,
    pub height: u32,
    /// The pending lane across the top, and its rows of chips.
    pub lane: Rect,
    pub lane_rows: u32,
    /// How many tasks are in the lane (starting up).
    pub starting: u32,
    pub azs: Vec<AzColumn>,
    /// Live tasks, in creation order.
    pub tasks: Vec<Rc<TaskChip>>,
}

fn rows(n: u32) -> u32 {
    n.div_ceil(per_row()).max(1)
}

fn slot(area: &Rect, header: u32, index: u32) -> (u32, u32) {
    let (r, c) = (index / per_row(), index % per_row());
    (area.x + PAD + c * PITCH, area.y + header + r * PITCH)
}

/// What a view remembers from one layout to the next, so that nothing moves that did not
/// change: the pending lane keeps its height while tasks wait in it (were it to shrink as each
/// row empties, every AZ below it would move, with every chip in it), and each task keeps its
/// slot in its instance or Fargate area until it stops (a freed slot goes to the next task to
/// arrive), where packing them would shift every task behind one that left.
///
/// A fresh memory lays tasks out packed in creation order, so a layout from a fresh memory
/// depends on the world alone.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Memory {
    lane_rows: u32,
    /// By task (its creation number): its slot and its chip as last drawn.
    tasks: BTreeMap<u64, Kept>,
}

#[derive(Debug, Default, Clone, PartialEq)]
struct Kept {
    slot: Option<(Area, u32)>,
    /// Handed out again while nothing in it changed, so an unchanged chip costs nothing.
    chip: Option<Rc<TaskChip>>,
}

/// Where a task's slot is: a container instance (by its creation number) or an AZ's
/// Fargate area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    Instance(u64),
    Fargate(&'static str),
}

/// Gives every task of an area a slot: the one it had if it had one here, else the lowest
/// free one, in creation order. Returns the slots, in the order of `tasks`.
fn assign_slots(area: Area, tasks: &[&Task], old: &Memory, new: &mut Memory) -> Vec<u32> {
    let kept: Vec<Option<u32>> = tasks
        .iter()
        .map(|t| {
            old.tasks
                .get(&t.created_seq)
                .and_then(|k| k.slot)
                .filter(|(a, _)| *a == area)
                .map(|(_, s)| s)
        })
        .collect();
    let mut taken: Vec<u32> = kept.iter().flatten().copied().collect();
    crate::sort::sort(&mut taken);
    let mut free = (0u32..).filter(|s| taken.binary_search(s).is_err());
    let slots: Vec<u32> = kept
        .iter()
        .map(|k| k.unwrap_or_else(|| free.next().unwrap_or(0)))
        .collect();
    for (t, s) in tasks.iter().zip(&slots) {
        new.tasks.entry(t.created_seq).or_default().slot = Some((area, *s));
    }
    slots
}

type Chips = Vec<(u64, Rc<TaskChip>)>;

/// Draws the arrived tasks of an area in their slots (every live task of the area holds one
/// from placement on, so arrivals never shift the chips already there); returns how many.
fn seat(
    chips: &mut Chips,
    (old, new): (&Memory, &mut Memory),
    area: &Rect,
    header: u32,
    tasks: &[(&Task, u32)],
) -> u32 {
    let mut arrived = 0;
    for (t, k) in tasks {
        if Phase::of(t.last_status) != Phase::Starting {
            let (x, y) = slot(area, header, *k);
            chips.push(chip(t, x, y, old, new));
            arrived += 1;
        }
    }
    arrived
}

/// The rows an area needs for its highest slot.
fn rows_for(slots: &[(&Task, u32)]) -> u32 {
    rows(slots.iter().map(|(_, s)| s + 1).max().unwrap_or(0))
}

/// A task's chip, with its creation order: the one drawn last time if nothing in it changed.
fn chip(t: &Task, x: u32, y: u32, old: &Memory, new: &mut Memory) -> (u64, Rc<TaskChip>) {
    let ip = t.eni.as_ref().and_then(|n| n.private_ip);
    let status = t.last_status.as_str();
    let same = old
        .tasks
        .get(&t.created_seq)
        .and_then(|k| k.chip.as_ref())
        .filter(|c| c.x == x && c.y == y && c.status == status && c.ip == ip);
    let chip = match same {
        Some(c) => c.clone(),
        None => Rc::new(TaskChip {
            id: t.id.clone(),
            family: t.family.clone(),
            status,
            phase: Phase::of(t.last_status),
            launch_type: t.launch_type,
            host: if t.launch_type == "FARGATE" {
                t.availability_zone.to_string()
            } else {
                t.ec2_instance_id.clone()
            },
            ip,
            x,
            y,
        }),
    };
    new.tasks.entry(t.created_seq).or_default().chip = Some(chip.clone());
    (t.created_seq, chip)
}

/// Lays out one cluster, packed (from a fresh [`Memory`]).
pub fn cluster_view(world: &World, cluster: &str) -> ClusterView {
    cluster_view_remembering(world, cluster, &mut Memory::default())
}

/// Lays out one cluster as it was laid out last time, as far as the world allows (see
/// [`Memory`]), and remembers this layout for the next.
pub fn cluster_view_remembering(world: &World, cluster: &str, memory: &mut Memory) -> ClusterView {
    let old = std::mem::take(memory);
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
    // The AZs the cluster uses (its instances' and its Fargate tasks'), or all six when it
    // uses none yet, so the view fits a projector's width.
    let used: Vec<&'static str> = crate::model::catalog::AZS
        .iter()
        .map(|a| a.name)
        .filter(|az| instances.iter().any(|ci| ci.az == *az) || on_fargate.contains_key(az))
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
    let lane_rows = lane_span.div_ceil(lane_per_row).max(old.lane_rows).max(1);
    // Held while tasks wait in the lane; once it has emptied it shrinks, once.
    memory.lane_rows = if starting.is_empty() { 1 } else { lane_rows };
    let lane = Rect {
        x: 0,
        y: 0,
        w: width,
        h: LANE_TOP + lane_rows * PITCH + PAD,
    };
    let mut chips: Chips = starting
        .iter()
        .map(|(rank, t)| {
            let i = rank - lane_base;
            let (r, c) = (i / lane_per_row, i % lane_per_row);
            chip(t, PAD + c * PITCH, LANE_TOP + r * PITCH, &old, memory)
        })
        .collect();
    let top = lane.h + GAP;
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
            let slots = assign_slots(Area::Instance(ci.created_seq), placed, &old, memory);
            let placed: Vec<(&Task, u32)> = placed.iter().copied().zip(slots).collect();
            let rect = Rect {
                x,
                y,
                w: COLUMN_WIDTH,
                h: INSTANCE_HEADER + rows_for(&placed) * PITCH + PAD,
            };
            seat(&mut chips, (&old, memory), &rect, INSTANCE_HEADER, &placed);
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
        let slots = assign_slots(Area::Fargate(az.name), fargate, &old, memory);
        let fargate: Vec<(&Task, u32)> = fargate.iter().copied().zip(slots).collect();
        let area = Rect {
            x,
            y,
            w: COLUMN_WIDTH,
            h: FARGATE_HEADER + rows_for(&fargate) * PITCH + PAD,
        };
        let arrived = seat(&mut chips, (&old, memory), &area, FARGATE_HEADER, &fargate);
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
    crate::sort::sort_by_key(&mut chips, |c| c.0);
    let chips = chips.into_iter().map(|(_, c)| c).collect();
    ClusterView {
        cluster: cluster.to_string(),
        width,
        height,
        lane,
        lane_rows,
        starting: starting.len() as u32,
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
            .map(|t| &**t)
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
            .is_some_and(|ip| ip.to_string().starts_with("172.31.32."))));
        assert!(
            in_fargate[0]
                .label()
                .contains("Fargate in us-east-1c, IP 172.31.32."),
            "{}",
            in_fargate[0].label()
        );
        // No two chips overlap.
        let mut spots: Vec<(u32, u32)> = v.tasks.iter().map(|t| (t.x, t.y)).collect();
        spots.sort_unstable();
        spots.dedup();
        assert_eq!(spots.len(), v.tasks.len());
    }

    #[test]
    fn a_remembered_layout_holds_the_lane_and_every_task_keeps_its_slot() {
        let mut s = Session::new(3);
        for r in s.run_script(SETUP) {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        // 40 more Fargate tasks: several rows of the lane across two AZ columns.
        s.run_script("aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}\n".repeat(4).as_str());
        let mut memory = Memory::default();
        let full = cluster_view_remembering(&s.sim.world, "c", &mut memory);
        assert!(full.lane_rows >= 2, "{}", full.lane_rows);
        // Tasks leave the lane; unremembered, it would shrink while others still wait in it.
        let mut checked = false;
        for _ in 0..200 {
            s.run_script("sleep 0.1");
            let packed = cluster_view(&s.sim.world, "c");
            let held = cluster_view_remembering(&s.sim.world, "c", &mut memory);
            if packed.starting > 0 && packed.lane_rows < full.lane_rows {
                assert_eq!(held.lane_rows, full.lane_rows);
                assert_eq!(held.lane.h, full.lane.h);
                checked = true;
            }
        }
        assert!(
            checked,
            "the packed lane never shrank while tasks still started"
        );
        // Once it has emptied, it is back to one row.
        let settled = cluster_view_remembering(&s.sim.world, "c", &mut memory);
        assert_eq!(settled.starting, 0);
        assert_eq!(settled.lane_rows, 1);

        // Stop every other Fargate task: the others stay where they are.
        let fargate: Vec<String> = settled
            .tasks
            .iter()
            .filter(|t| t.launch_type == "FARGATE")
            .map(|t| t.id.clone())
            .collect();
        for id in fargate.iter().step_by(2) {
            s.run_script(&format!("aws ecs stop-task --cluster c --task {id}"));
        }
        s.run_script("sleep 120");
        let after = cluster_view_remembering(&s.sim.world, "c", &mut memory);
        assert_eq!(
            after.tasks.len(),
            settled.tasks.len() - fargate.len().div_ceil(2)
        );
        for t in &after.tasks {
            let before = settled
                .tasks
                .iter()
                .find(|b| b.id == t.id)
                .expect("was there");
            assert_eq!((t.x, t.y), (before.x, before.y), "task {} moved", t.id);
        }
        // A new task takes the lowest freed slot of its area, not a new one.
        let freed = settled
            .tasks
            .iter()
            .find(|t| t.id == fargate[0])
            .map(|t| (t.x, t.y))
            .expect("first Fargate task");
        s.run_script("aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}\nsleep 60");
        let again = cluster_view_remembering(&s.sim.world, "c", &mut memory);
        let new = again
            .tasks
            .iter()
            .find(|t| !after.tasks.iter().any(|a| a.id == t.id))
            .expect("the new task");
        assert_eq!((new.x, new.y), freed);
        // A fresh memory packs them again.
        let packed = cluster_view(&s.sim.world, "c");
        assert!(packed
            .tasks
            .iter()
            .zip(&again.tasks)
            .any(|(p, a)| (p.x, p.y) != (a.x, a.y)));
    }
}
