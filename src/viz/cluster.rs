//! The cluster view: a cluster's tasks laid out as the SVG draws them, region -> AZ -> subnet
//! -> instance -> task. AZs are columns; in each, the subnets the cluster uses there (its
//! instances' subnets and its Fargate tasks'), and in each subnet the cluster's EC2 container
//! instances (with CPU, memory and ENI slots reserved out of what they registered) and a
//! Fargate area for the tasks whose ENIs are in it. A task starting up (PROVISIONING, PENDING)
//! waits in the pending lane across the top; once RUNNING it sits in a slot of its instance or
//! of its subnet's Fargate area, so a task that changes phase travels from one to the other.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::rc::Rc;

use crate::model::ecs::ContainerInstanceStatus;
use crate::model::task::{LaunchType, Task};
use crate::sim::world::World;
use crate::viz::palette::Phase;

const COLUMN_WIDTH: u32 = 222;
const GAP: u32 = 10;
pub const CHIP: u32 = 14;
const PITCH: u32 = 18;
const LANE_TOP: u32 = 26;
const AZ_HEADER: u32 = 26;
const SUBNET_HEADER: u32 = 22;
/// How far a subnet's boxes sit inside it.
const INSET: u32 = 6;
/// The width of an instance box or a Fargate area.
const AREA_WIDTH: u32 = COLUMN_WIDTH - 2 * INSET;
const INSTANCE_HEADER: u32 = 64;
const FARGATE_HEADER: u32 = 22;
const PAD: u32 = 8;

/// Chips per row inside an instance box or a Fargate area.
fn per_row() -> u32 {
    (AREA_WIDTH - 2 * PAD) / PITCH
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
    /// The subnets of the AZ the cluster uses, in creation order.
    pub subnets: Vec<SubnetBox>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubnetBox {
    pub id: String,
    pub cidr: String,
    pub free: u32,
    pub rect: Rect,
    /// The cluster's container instances in the subnet.
    pub instances: Vec<InstanceBox>,
    /// Where the cluster's Fargate tasks with an ENI in the subnet sit, if it has any.
    pub fargate: Option<FargateArea>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FargateArea {
    pub rect: Rect,
    /// The tasks in their slots (not those still in the pending lane).
    pub arrived: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskChip {
    pub id: String,
    pub family: String,
    pub status: &'static str,
    pub phase: Phase,
    pub launch_type: LaunchType,
    /// Its container instance's EC2 instance ID, or its AZ on Fargate.
    pub host: String,
    /// Its own ENI (awsvpc), once created, and the private IP it took.
    pub eni_id: Option<String>,
    pub ip: Option<Ipv4Addr>,
    /// Top-left corner of the chip.
    pub x: u32,
    pub y: u32,
}

impl TaskChip {
    /// What a screen reader or a tooltip says of it (written when a chip is drawn, not for
    /// every chip on every layout).
    pub fn label(&self) -> String {
        let host = if self.launch_type.is_fargate() {
            format!("Fargate in {}", self.host)
        } else {
            self.host.clone()
        };
        format!(
            "Task {} ({}), {}, {}{}{}",
            &self.id[..self.id.len().min(8)],
            self.family,
            self.status,
            host,
            self.ip.map_or(String::new(), |ip| format!(", IP {ip}")),
            self.eni_id
                .as_ref()
                .map_or(String::new(), |e| format!(" on {e}"))
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
#[derive(Debug, Default)]
pub struct Memory {
    lane_rows: u32,
    /// By task (its creation number, ascending): its slot and its chip as last drawn.
    tasks: Vec<(u64, Kept)>,
}

impl Memory {
    fn get(&self, seq: u64) -> Option<&Kept> {
        let i = self.tasks.binary_search_by_key(&seq, |e| e.0).ok()?;
        Some(&self.tasks[i].1)
    }

    /// What to remember of a live task (the layout lists them all first).
    fn get_mut(&mut self, seq: u64) -> Option<&mut Kept> {
        let i = self.tasks.binary_search_by_key(&seq, |e| e.0).ok()?;
        Some(&mut self.tasks[i].1)
    }
}

#[derive(Debug, Default)]
struct Kept {
    slot: Option<(Area, u32)>,
    /// Handed out again while nothing in it changed, so an unchanged chip costs nothing.
    chip: Option<Rc<TaskChip>>,
}

/// Where a task's slot is: a container instance or a subnet's Fargate area (each by its
/// creation number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    Instance(u64),
    Fargate(u64),
}

/// Gives every task of an area a slot: the one it had if it had one here, else the lowest
/// free one, in creation order. Returns the slots, in the order of `tasks`.
fn assign_slots(area: Area, tasks: &[&Task], old: &Memory, new: &mut Memory) -> Vec<u32> {
    let kept: Vec<Option<u32>> = tasks
        .iter()
        .map(|t| {
            old.get(t.created_seq)
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
        if let Some(k) = new.get_mut(t.created_seq) {
            k.slot = Some((area, *s));
        }
    }
    slots
}

type Chips = Vec<(u64, Rc<TaskChip>)>;

/// Lays out an instance box or a Fargate area (`place`: what it is, where its top-left corner
/// is, and the height of its header): its tasks get their slots, the arrived ones (not in the
/// pending lane) are drawn there, and the area is as tall as its highest slot needs. Returns
/// the area and how many tasks arrived in it.
fn lay_out_area(
    chips: &mut Chips,
    (old, new): (&Memory, &mut Memory),
    (area, x, y, header): (Area, u32, u32, u32),
    tasks: &[&Task],
) -> (Rect, u32) {
    let slots = assign_slots(area, tasks, old, new);
    let highest = slots.iter().map(|s| s + 1).max().unwrap_or(0);
    let rect = Rect {
        x,
        y,
        w: AREA_WIDTH,
        h: header + rows(highest) * PITCH + PAD,
    };
    let mut arrived = 0;
    for (t, k) in tasks.iter().zip(slots) {
        // Every live task of the area holds its slot from placement on, so arrivals never
        // shift the chips already there.
        if Phase::of(t.last_status) != Phase::Starting {
            let (x, y) = slot(&rect, header, k);
            chips.push(chip(t, x, y, old, new));
            arrived += 1;
        }
    }
    (rect, arrived)
}

/// A task's chip, with its creation order: the one drawn last time if nothing in it changed.
fn chip(t: &Task, x: u32, y: u32, old: &Memory, new: &mut Memory) -> (u64, Rc<TaskChip>) {
    let ip = t.eni.as_ref().and_then(|n| n.private_ip);
    let eni_id = t.eni.as_ref().and_then(|n| n.eni_id.as_deref());
    let status = t.last_status.as_str();
    let same = old
        .get(t.created_seq)
        .and_then(|k| k.chip.as_ref())
        .filter(|c| {
            // The same creation number is another task after an undo and a new action,
            // even with the same ID (drawn again from the same seed).
            c.id == t.id
                && c.family == t.family
                && c.launch_type == t.launch_type
                && c.x == x
                && c.y == y
                && c.status == status
                && c.ip == ip
                && c.eni_id.as_deref() == eni_id
        });
    let chip = match same {
        Some(c) => c.clone(),
        None => Rc::new(TaskChip {
            id: t.id.clone(),
            family: t.family.clone(),
            status,
            phase: Phase::of(t.last_status),
            launch_type: t.launch_type,
            host: if t.launch_type.is_fargate() {
                t.availability_zone.to_string()
            } else {
                t.ec2_instance_id.clone()
            },
            eni_id: eni_id.map(str::to_string),
            ip,
            x,
            y,
        }),
    };
    if let Some(k) = new.get_mut(t.created_seq) {
        k.chip = Some(chip.clone());
    }
    (t.created_seq, chip)
}

fn instance_box(ci: &crate::model::ecs::ContainerInstance, rect: Rect) -> InstanceBox {
    InstanceBox {
        container_instance_id: ci.id.clone(),
        container_instance_arn: ci.arn.clone(),
        ec2_instance_id: ci.ec2_instance_id.clone(),
        instance_type: ci
            .attribute("ecs.instance-type")
            .and_then(|a| a.value.clone())
            .unwrap_or_default(),
        status: ci.status.as_str(),
        agent_connected: ci.agent_connected,
        cpu: (ci.reserved_cpu_units, ci.cpu_units),
        memory: (ci.reserved_memory_mib, ci.memory_mib),
        eni: (ci.task_enis, ci.eni_slots),
        trunked: ci.trunk_eni.is_some(),
        rect,
    }
}

/// Lays out one cluster, packed (from a fresh [`Memory`]).
pub fn cluster_view(world: &World, cluster: &str) -> ClusterView {
    cluster_view_remembering(world, cluster, &mut Memory::default())
}

/// Lays out one cluster as it was laid out last time, as far as the world allows (see
/// [`Memory`]), and remembers this layout for the next.
pub fn cluster_view_remembering(world: &World, cluster: &str, memory: &mut Memory) -> ClusterView {
    let old = std::mem::take(memory);
    // The cluster's live tasks in creation order (filtered first: the world keeps stopped
    // tasks for an hour, and there may be many).
    let mut tasks: Vec<&Task> = world
        .tasks()
        .values()
        .map(Box::as_ref)
        .filter(|t| t.is_live() && t.cluster == cluster)
        .collect();
    crate::sort::sort_by_key(&mut tasks, |t| t.created_seq);
    memory.tasks = tasks
        .iter()
        .map(|t| (t.created_seq, Kept::default()))
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

    let instances: Vec<_> = World::by_creation(world.container_instances(), |c| c.created_seq)
        .into_iter()
        .filter(|ci| ci.cluster == cluster && ci.status != ContainerInstanceStatus::Inactive)
        .collect();
    // Live tasks by instance and by the subnet of a Fargate task's ENI, in creation order
    // (one pass, not one per box).
    let mut on_instance: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
    let mut on_fargate: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
    for t in &tasks {
        if t.launch_type.is_fargate() {
            let subnet = t.eni.as_ref().map_or("", |n| n.subnet_id.as_str());
            on_fargate.entry(subnet).or_default().push(t);
        } else {
            on_instance
                .entry(&t.container_instance_id)
                .or_default()
                .push(t);
        }
    }
    // The subnets in use, each with its instances, in creation order.
    let subnet_of = |ci: &crate::model::ecs::ContainerInstance| {
        world
            .instances
            .get(&ci.ec2_instance_id)
            .map_or("", |i| i.subnet_id.as_str())
    };
    let used_subnets: Vec<&crate::model::net::Subnet> =
        World::by_creation(&world.subnets, |s| s.created_seq)
            .into_iter()
            .filter(|s| {
                on_fargate.contains_key(s.id.as_str())
                    || instances.iter().any(|ci| subnet_of(ci) == s.id)
            })
            .collect();
    // The AZs the cluster uses, or all six when it uses none yet, so the view fits a
    // projector's width.
    let used: Vec<&'static str> = crate::model::catalog::AZS
        .iter()
        .map(|a| a.name)
        .filter(|az| used_subnets.iter().any(|s| s.az == *az))
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
    for (i, az) in shown.iter().enumerate() {
        let x = i as u32 * (COLUMN_WIDTH + GAP);
        let mut y = top + AZ_HEADER;
        let mut subnets = Vec::new();
        for subnet in used_subnets.iter().filter(|s| s.az == *az) {
            let top_of_subnet = y;
            y += SUBNET_HEADER;
            let mut boxes = Vec::new();
            for ci in instances.iter().filter(|ci| subnet_of(ci) == subnet.id) {
                let placed = on_instance
                    .get(ci.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let place = (
                    Area::Instance(ci.created_seq),
                    x + INSET,
                    y,
                    INSTANCE_HEADER,
                );
                let (rect, _) = lay_out_area(&mut chips, (&old, memory), place, placed);
                y += rect.h + INSET;
                boxes.push(instance_box(ci, rect));
            }
            let fargate = on_fargate.get(subnet.id.as_str()).map(|tasks| {
                let place = (
                    Area::Fargate(subnet.created_seq),
                    x + INSET,
                    y,
                    FARGATE_HEADER,
                );
                let (rect, arrived) = lay_out_area(&mut chips, (&old, memory), place, tasks);
                y += rect.h + INSET;
                FargateArea { rect, arrived }
            });
            subnets.push(SubnetBox {
                id: subnet.id.clone(),
                cidr: subnet.cidr().to_string(),
                free: subnet.pool.free_count(),
                rect: Rect {
                    x,
                    y: top_of_subnet,
                    w: COLUMN_WIDTH,
                    h: y - top_of_subnet,
                },
                instances: boxes,
                fargate,
            });
            y += GAP;
        }
        height = height.max(y + PAD);
        azs.push(AzColumn {
            name: az,
            rect: Rect {
                x,
                y: top,
                w: COLUMN_WIDTH,
                h: 0,
            },
            subnets,
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
        assert_eq!(b.subnets.len(), 1, "the instance's subnet");
        let sb = &b.subnets[0];
        assert!(sb.cidr.ends_with("/20") && sb.id.starts_with("subnet-"));
        assert_eq!(sb.instances.len(), 1);
        assert!(sb.fargate.is_none(), "no Fargate task in us-east-1b");
        assert_eq!(sb.instances[0].memory.0, 768, "reserved at placement");
        // The instance box sits inside its subnet's box, inside its AZ's column.
        let (outer, inner) = (&sb.rect, &sb.instances[0].rect);
        assert!(inner.x > outer.x && inner.x + inner.w < outer.x + outer.w);
        assert!(inner.y > outer.y && inner.y + inner.h <= outer.y + outer.h);
        s.run_script("sleep 30");
        let v = cluster_view(&s.sim.world, "c");
        let running: Vec<&TaskChip> = v
            .tasks
            .iter()
            .filter(|t| t.phase == Phase::Running)
            .map(|t| &**t)
            .collect();
        assert_eq!(running.len(), 5);
        let inst = &v.azs[0].subnets[0].instances[0].rect;
        let on_instance = running
            .iter()
            .filter(|t| {
                t.x >= inst.x && t.x < inst.x + inst.w && t.y >= inst.y && t.y < inst.y + inst.h
            })
            .count();
        assert_eq!(on_instance, 3);
        let c = &v.azs[1].subnets[0];
        assert!(c.instances.is_empty());
        let area = c
            .fargate
            .as_ref()
            .expect("a Fargate area in the tasks' subnet");
        assert_eq!(area.arrived, 2);
        assert_eq!(c.free, 4091 - 2, "the tasks' addresses are taken");
        let fargate = &area.rect;
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
            .filter(|t| t.launch_type.is_fargate())
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

    #[test]
    fn a_remembered_chip_is_never_handed_to_another_task() {
        let mut s = Session::new(3);
        s.run_script(SETUP);
        s.run_script("sleep 60");
        let mut memory = Memory::default();
        let before = cluster_view_remembering(&s.sim.world, "c", &mut memory);
        // After an undo and a different action, the same creation number can be another
        // task, in the same place and state, and even with the same ID (drawn again from the
        // same seed): here, a world where the first task run was of another family.
        let mut o = Session::new(3);
        let script = SETUP
            .replace("--family web ", "--family other ")
            .replace("--task-definition web ", "--task-definition other ");
        for r in o.run_script(&format!("aws ec2 describe-vpcs\n{script}")) {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        o.run_script("sleep 60");
        let v = cluster_view_remembering(&o.sim.world, "c", &mut memory);
        assert_eq!(
            (v.tasks[0].x, v.tasks[0].y),
            (before.tasks[0].x, before.tasks[0].y)
        );
        assert_eq!(v.tasks[0].id, before.tasks[0].id);
        assert_eq!(v.tasks[0].family, "other");
    }
}
