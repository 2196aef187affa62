//! The cluster view: a cluster's tasks laid out as the drawing shows them, region -> AZ ->
//! subnet -> instance -> task, sized to the box it is drawn in so that any number of tasks is
//! seen in one look.
//!
//! AZs are columns, as many side by side as the box's width allows and wrapping below when
//! it does not (only AZs that hold something of the cluster are drawn; an empty cluster draws
//! none). In each, the subnets the cluster uses there, and in each subnet the cluster's EC2
//! container instances (with CPU, memory and ENI slots reserved), the instances still booting
//! for it, and a Fargate area for the tasks whose ENIs are in it. A task starting up
//! (PROVISIONING, PENDING) waits in the pending lane across the top, which is only as tall as
//! what waits and is gone when nothing does; once RUNNING it sits in a slot of its instance
//! or Fargate area, so a task that changes phase travels from one to the other. A task that
//! failed to start stays in the lane, marked failed with its reason, for a while
//! ([`waiting`]). Chips get smaller as an area fills, then become counts ([`grid`]).

pub mod efs;
pub mod front;
pub mod grid;
pub mod iam;
pub mod markup;
pub mod waiting;

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::rc::Rc;

use crate::model::ecs::{ContainerInstance, ContainerInstanceStatus};
use crate::model::net::Subnet;
use crate::model::task::{LaunchType, Task};
use crate::model::time::SimTime;
use crate::sim::Sim;
use crate::viz::palette::Phase;
pub use grid::{Counts, Grid};
pub use waiting::Boot;

/// The narrowest an AZ column gets before the columns wrap.
const MIN_COLUMN: u32 = 190;
const GAP: u32 = 10;
/// The chip size of the largest level, for views that place things beside a chip.
pub const CHIP: u32 = grid::LEVELS[0].0;
const LANE_HEAD: u32 = 22;
const FAILED_LINE: u32 = 15;
const AZ_HEADER: u32 = 26;
const SUBNET_HEADER: u32 = 22;
/// How far a subnet's boxes sit inside it.
const INSET: u32 = 6;
const INSTANCE_HEADER: u32 = 64;
const BOOTING_HEIGHT: u32 = 36;
const FARGATE_HEADER: u32 = 22;
const PAD: u32 = 8;

/// The box the drawing must fit, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub width: u32,
    pub height: u32,
}

impl Default for Fit {
    /// Three columns of the classic width, and no limit on the height.
    fn default() -> Fit {
        Fit {
            width: 686,
            height: u32::MAX,
        }
    }
}

/// What part of the cluster is drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Zoom {
    #[default]
    All,
    /// One AZ, by name.
    Az(String),
    /// One subnet, by ID.
    Subnet(String),
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
    pub grid: Grid,
    /// Its tasks by phase, when drawn as counts.
    pub counts: Option<Counts>,
    /// Its instance role's badge ([`iam`]).
    pub role: Option<iam::RoleBadge>,
}

impl InstanceBox {
    /// The line under the instance's name: its type, status and, when it is so, that its agent
    /// is disconnected (the live drawing, the first frame and the role badge's room read it).
    pub fn status_line(&self) -> String {
        format!(
            "{} · {}{}",
            self.instance_type,
            self.status,
            if self.agent_connected {
                ""
            } else {
                " · agent disconnected"
            }
        )
    }
}

/// An EC2 instance launched for the cluster whose agent has not registered yet.
#[derive(Debug, Clone, PartialEq)]
pub struct BootingBox {
    pub ec2_instance_id: String,
    pub instance_type: &'static str,
    pub boot: Boot,
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
    /// Instances booting for the cluster in the subnet.
    pub booting: Vec<BootingBox>,
    /// Where the cluster's Fargate tasks with an ENI in the subnet sit, if it has any.
    pub fargate: Option<FargateArea>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FargateArea {
    pub rect: Rect,
    /// The tasks in their slots (not those still in the pending lane).
    pub arrived: u32,
    pub grid: Grid,
    pub counts: Option<Counts>,
}

/// Tasks that failed to start for one reason, told in the lane.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedLine {
    pub count: u32,
    /// In a few words, and in full (for the tooltip).
    pub short: String,
    pub reason: String,
    /// The baseline of its text.
    pub y: u32,
}

/// The pending lane: tasks starting up, and those that recently failed to.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub rect: Rect,
    pub starting: u32,
    pub grid: Grid,
    /// Starting tasks by phase, when drawn as counts.
    pub counts: Option<Counts>,
    pub failed: Vec<FailedLine>,
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
    /// Why it stopped, when it failed to start.
    pub failed: Option<String>,
    /// Top-left corner of the chip, and its side.
    pub x: u32,
    pub y: u32,
    pub size: u32,
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
        let state = match &self.failed {
            Some(reason) => format!("FAILED to start: {reason}"),
            None => self.status.to_string(),
        };
        format!(
            "Task {} ({}), {}, {}{}{}",
            &self.id[..self.id.len().min(8)],
            self.family,
            state,
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
    /// The pending lane, while something waits in it or recently failed to start.
    pub lane: Option<Lane>,
    /// How many tasks are starting up.
    pub starting: u32,
    pub azs: Vec<AzColumn>,
    /// The AZs that hold something of the cluster (the drawn ones when not zoomed).
    pub used_azs: Vec<&'static str>,
    /// The zoom drawn (`All` when the one asked for shows nothing).
    pub zoom: Zoom,
    /// Chips drawn one by one: live tasks, in creation order, then failed ones.
    pub tasks: Vec<Rc<TaskChip>>,
    /// Live tasks of the cluster (drawn as chips, as counts, or outside the zoom).
    pub live: u32,
    /// Whether it fits the box it was laid out for.
    pub fits: bool,
    /// When the layout changes with time alone (a failed task leaves the drawing).
    pub redo_at: Option<SimTime>,
    /// EFS mount targets and the lines to them ([`efs`]).
    pub efs: efs::EfsLayer,
}

impl ClusterView {
    /// Whether it draws something counting down in simulated time (a booting instance).
    pub fn counts_down(&self) -> bool {
        self.azs
            .iter()
            .flat_map(|a| &a.subnets)
            .any(|s| !s.booting.is_empty())
    }
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
    /// The most lane slots in use since the lane last emptied.
    lane_slots: u32,
    /// By task (its creation number, ascending): its slot and its chip as last drawn.
    tasks: Vec<(u64, Kept)>,
}

impl Memory {
    fn get(&self, seq: u64) -> Option<&Kept> {
        let i = self.tasks.binary_search_by_key(&seq, |e| e.0).ok()?;
        Some(&self.tasks[i].1)
    }

    /// What to remember of a task the layout listed.
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

/// A task's chip, with its creation order: the one drawn last time if nothing in it changed.
fn chip(
    t: &Task,
    (x, y, size): (u32, u32, u32),
    old: &Memory,
    new: &mut Memory,
) -> (u64, Rc<TaskChip>) {
    let ip = t.eni.as_ref().and_then(|n| n.private_ip);
    let eni_id = t.eni.as_ref().and_then(|n| n.eni_id.as_deref());
    let status = t.last_status.as_str();
    let failed = !t.is_live();
    let same = old
        .get(t.created_seq)
        .and_then(|k| k.chip.as_ref())
        .filter(|c| {
            // The same creation number is another task after an undo and a new action,
            // even with the same ID (drawn again from the same seed).
            c.id == t.id
                && c.family == t.family
                && c.launch_type == t.launch_type
                && (c.x, c.y, c.size) == (x, y, size)
                && c.status == status
                && c.failed.is_some() == failed
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
            failed: failed.then(|| t.stopped_reason.clone().unwrap_or_default()),
            x,
            y,
            size,
        }),
    };
    if let Some(k) = new.get_mut(t.created_seq) {
        k.chip = Some(chip.clone());
    }
    (t.created_seq, chip)
}

fn instance_box(ci: &ContainerInstance, rect: Rect, grid: Grid) -> InstanceBox {
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
        grid,
        counts: None,
        role: None,
    }
}

/// An area's tasks with their slots, and how many slots it needs.
struct Slotted<'w> {
    tasks: Vec<&'w Task>,
    slots: Vec<u32>,
    highest: u32,
}

impl<'w> Slotted<'w> {
    fn new(area: Area, tasks: Vec<&'w Task>, old: &Memory, new: &mut Memory) -> Slotted<'w> {
        let slots = assign_slots(area, &tasks, old, new);
        let highest = slots.iter().map(|s| s + 1).max().unwrap_or(0);
        Slotted {
            tasks,
            slots,
            highest,
        }
    }
}

/// A subnet as the layout plans it before sizes are known.
struct SubnetPlan<'w> {
    subnet: &'w Subnet,
    instances: Vec<(&'w ContainerInstance, Slotted<'w>)>,
    booting: Vec<waiting::Booting<'w>>,
    fargate: Option<Slotted<'w>>,
}

/// The pending lane as planned: starting tasks by their lane slot, failed tasks in order.
struct LanePlan<'w> {
    /// (rank among the live tasks, task).
    starting: Vec<(u32, &'w Task)>,
    failed: Vec<&'w Task>,
    /// Failed tasks by short reason: (short, full reason, count).
    reasons: Vec<(String, String, u32)>,
}

/// Lays out one cluster, packed (from a fresh [`Memory`]), with no limit on its height.
pub fn cluster_view(sim: &Sim, cluster: &str) -> ClusterView {
    cluster_view_remembering(
        sim,
        cluster,
        &mut Memory::default(),
        Fit::default(),
        &Zoom::All,
    )
}

/// Lays out one cluster in `fit`, as it was laid out last time as far as the world allows
/// (see [`Memory`]), and remembers this layout for the next.
pub fn cluster_view_remembering(
    sim: &Sim,
    cluster: &str,
    memory: &mut Memory,
    fit: Fit,
    zoom: &Zoom,
) -> ClusterView {
    let world = &sim.world;
    let now = sim.now();
    let old = std::mem::take(memory);
    // The cluster's live tasks and recently failed ones, in creation order (filtered first:
    // the world keeps stopped tasks for an hour, and there may be many).
    let mut tasks: Vec<&Task> = Vec::new();
    let mut failed: Vec<&Task> = Vec::new();
    for t in world.tasks().values().map(Box::as_ref) {
        if t.cluster != cluster {
            continue;
        }
        if t.is_live() {
            tasks.push(t);
        } else if waiting::failed_recently(t, now) {
            failed.push(t);
        }
    }
    crate::sort::sort_by_key(&mut tasks, |t| t.created_seq);
    crate::sort::sort_by_key(&mut failed, |t| t.created_seq);
    // Both lists are in creation order: merged, the memory is too.
    let mut remembered = Vec::with_capacity(tasks.len() + failed.len());
    let (mut live, mut gone) = (tasks.iter().peekable(), failed.iter().peekable());
    while let Some(t) = match (live.peek(), gone.peek()) {
        (Some(a), Some(b)) if b.created_seq < a.created_seq => gone.next(),
        (Some(_), _) => live.next(),
        _ => gone.next(),
    } {
        remembered.push((t.created_seq, Kept::default()));
    }
    memory.tasks = remembered;

    // Starting tasks keep their place in the lane while others leave it: a task's slot is its
    // rank among the cluster's live tasks, counted from the first one still starting. (Packed
    // slots would shift every chip behind one that left, and redraw them all.)
    let mut lane = LanePlan {
        starting: tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| Phase::of(t.last_status) == Phase::Starting)
            .map(|(i, t)| (i as u32, *t))
            .collect(),
        failed: failed.clone(),
        reasons: Vec::new(),
    };
    for t in &failed {
        let reason = t.stopped_reason.clone().unwrap_or_default();
        let short = waiting::short_reason(&reason);
        match lane.reasons.iter_mut().find(|r| r.0 == short) {
            Some(r) => r.2 += 1,
            None => lane.reasons.push((short, reason, 1)),
        }
    }

    let instances: Vec<&ContainerInstance> =
        crate::sim::World::by_creation(world.container_instances(), |c| c.created_seq)
            .into_iter()
            .filter(|ci| ci.cluster == cluster && ci.status != ContainerInstanceStatus::Inactive)
            .collect();
    let booting = waiting::booting(sim, cluster);
    let efs_plan = efs::Plan::new(world, &tasks, &failed);
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
    let subnet_of = |id: &str| world.instances.get(id).map_or("", |i| i.subnet_id.as_str());
    // The subnets in use, each with its instances, in creation order.
    let mut plans: Vec<SubnetPlan> = Vec::new();
    for subnet in crate::sim::World::by_creation(&world.subnets, |s| s.created_seq) {
        let here: Vec<&ContainerInstance> = instances
            .iter()
            .filter(|ci| subnet_of(&ci.ec2_instance_id) == subnet.id)
            .copied()
            .collect();
        let boots: Vec<waiting::Booting> = booting
            .iter()
            .filter(|b| b.instance.subnet_id == subnet.id)
            .cloned()
            .collect();
        let fargate = on_fargate.get(subnet.id.as_str()).cloned();
        if here.is_empty() && boots.is_empty() && fargate.is_none() && !efs_plan.holds(&subnet.id) {
            continue;
        }
        plans.push(SubnetPlan {
            subnet,
            instances: here
                .into_iter()
                .map(|ci| {
                    let placed = on_instance.get(ci.id.as_str()).cloned().unwrap_or_default();
                    (
                        ci,
                        Slotted::new(Area::Instance(ci.created_seq), placed, &old, memory),
                    )
                })
                .collect(),
            booting: boots,
            fargate: fargate
                .map(|f| Slotted::new(Area::Fargate(subnet.created_seq), f, &old, memory)),
        });
    }
    efs_plan.drop_lonely(&mut plans);
    let used_azs: Vec<&'static str> = crate::model::catalog::AZS
        .iter()
        .map(|a| a.name)
        .filter(|az| plans.iter().any(|p| p.subnet.az == *az))
        .collect();
    // The zoom, if what it names is drawn at all.
    let zoom = match zoom {
        Zoom::Az(az) if used_azs.contains(&az.as_str()) => zoom.clone(),
        Zoom::Subnet(id) if plans.iter().any(|p| p.subnet.id == *id) => zoom.clone(),
        _ => Zoom::All,
    };
    plans.retain(|p| match &zoom {
        Zoom::All => true,
        Zoom::Az(az) => p.subnet.az == az,
        Zoom::Subnet(id) => p.subnet.id == *id,
    });
    let shown: Vec<&'static str> = used_azs
        .iter()
        .copied()
        .filter(|az| plans.iter().any(|p| p.subnet.az == *az))
        .collect();

    let width = fit.width.max(MIN_COLUMN);
    let columns = (shown.len() as u32).max(1);
    let per_line = columns.min(((width + GAP) / (MIN_COLUMN + GAP)).max(1));
    let column_width = (width - (per_line - 1) * GAP) / per_line;
    let lane_width = width.saturating_sub(2 * PAD);
    let starting_span = |per_row: u32| {
        let base = lane.starting.first().map_or(0, |s| s.0 / per_row * per_row);
        let span = lane.starting.last().map_or(0, |s| s.0 + 1 - base);
        (base, span)
    };
    // The lane's room holds while tasks wait in it (counted in slots).
    let held = |per_row: u32| {
        let (_, span) = starting_span(per_row);
        if lane.starting.is_empty() {
            0
        } else {
            span.max(old.lane_slots)
        }
    };

    // Lower the cap on every area's height until the drawing fits.
    let mut chosen = None;
    for cap in grid::CAPS {
        let lane_grid = lane_grid(lane_width, cap, &held);
        let failed_grid = Grid::fit(lane.failed.len() as u32, lane_width, cap);
        let (lane_rect, lane_failed_top) = lane_rect(&lane, width, &lane_grid, &failed_grid);
        let top = lane_rect.as_ref().map_or(0, |r| r.h + GAP);
        let azs = lay_out_columns(
            &plans,
            &shown,
            (top, column_width, per_line),
            cap,
            &efs_plan,
        );
        let height = azs
            .iter()
            .map(|a| a.rect.y + a.rect.h)
            .max()
            .unwrap_or(top)
            .max(lane_rect.as_ref().map_or(0, |r| r.h));
        let fits = height <= fit.height;
        chosen = Some((
            cap,
            lane_grid,
            failed_grid,
            lane_rect,
            lane_failed_top,
            azs,
            height,
            fits,
        ));
        if fits {
            break;
        }
    }
    let Some((_, lane_grid, failed_grid, lane_rect, failed_top, mut azs, height, fits)) = chosen
    else {
        return ClusterView::empty(cluster, zoom);
    };

    // The chips, where the chosen sizes put them.
    let mut chips: Chips = Vec::new();
    let mut lane_view = None;
    if let Some(rect) = lane_rect {
        let (base, _) = starting_span(lane_grid.per_row.max(1));
        let mut counts = None;
        if lane_grid.packed {
            counts = Some(Counts {
                starting: lane.starting.len() as u32,
                ..Counts::default()
            });
        } else {
            for (rank, t) in &lane.starting {
                let (dx, dy) = lane_grid.slot(rank - base);
                chips.push(chip(
                    t,
                    (PAD + dx, LANE_HEAD + dy, lane_grid.chip),
                    &old,
                    memory,
                ));
            }
        }
        if !failed_grid.packed {
            for (i, t) in lane.failed.iter().enumerate() {
                let (dx, dy) = failed_grid.slot(i as u32);
                chips.push(chip(
                    t,
                    (PAD + dx, failed_top + dy, failed_grid.chip),
                    &old,
                    memory,
                ));
            }
        }
        let mut y = failed_top;
        if !lane.failed.is_empty() {
            y = failed_top - lane.reasons.len().min(MAX_REASONS) as u32 * FAILED_LINE;
        }
        let failed_lines = lane
            .reasons
            .iter()
            .take(MAX_REASONS)
            .enumerate()
            .map(|(i, (short, reason, count))| FailedLine {
                count: *count,
                short: short.clone(),
                reason: reason.clone(),
                y: y + (i as u32 + 1) * FAILED_LINE - 4,
            })
            .collect();
        lane_view = Some(Lane {
            rect,
            starting: lane.starting.len() as u32,
            grid: lane_grid,
            counts,
            failed: failed_lines,
        });
    }
    memory.lane_slots = held(lane_grid.per_row.max(1));
    for az in &mut azs {
        for s in &mut az.subnets {
            // The columns list subnets by AZ, the plans by creation: matched by ID.
            let Some(plan) = plans.iter().find(|p| p.subnet.id == s.id) else {
                continue;
            };
            for (b, (_, slotted)) in s.instances.iter_mut().zip(&plan.instances) {
                b.counts = place_chips(
                    &mut chips,
                    (&old, memory),
                    &b.rect,
                    INSTANCE_HEADER,
                    b.grid,
                    slotted,
                )
                .1;
            }
            if let (Some(f), Some(slotted)) = (s.fargate.as_mut(), plan.fargate.as_ref()) {
                let (arrived, counts) = place_chips(
                    &mut chips,
                    (&old, memory),
                    &f.rect,
                    FARGATE_HEADER,
                    f.grid,
                    slotted,
                );
                f.arrived = arrived;
                f.counts = counts;
            }
        }
    }
    iam::mark_roles(world, &mut azs);
    // Creation order, so keyed elements keep their identity as they move.
    crate::sort::sort_by_key(&mut chips, |c| c.0);
    let redo_at = failed.iter().map(|t| waiting::failed_until(t)).min();
    let efs = efs_plan.layer(world, &azs, &plans, &chips);
    ClusterView {
        cluster: cluster.to_string(),
        width: if shown.is_empty() {
            width
        } else {
            per_line * column_width + (per_line - 1) * GAP
        },
        height,
        lane: lane_view,
        starting: lane.starting.len() as u32,
        azs,
        used_azs,
        zoom,
        tasks: chips.into_iter().map(|(_, c)| c).collect(),
        live: tasks.len() as u32,
        fits,
        redo_at,
        efs,
    }
}

/// Reasons told one by one in the lane; more are summed up in the last line's tooltip.
const MAX_REASONS: usize = 3;

impl ClusterView {
    fn empty(cluster: &str, zoom: Zoom) -> ClusterView {
        ClusterView {
            cluster: cluster.to_string(),
            width: 0,
            height: 0,
            lane: None,
            starting: 0,
            azs: Vec::new(),
            used_azs: Vec::new(),
            zoom,
            tasks: Vec::new(),
            live: 0,
            fits: true,
            redo_at: None,
            efs: efs::EfsLayer::default(),
        }
    }
}

fn lane_grid(width: u32, cap: u32, held: &dyn Fn(u32) -> u32) -> Grid {
    // The slots depend on the row width, which depends on the level: try each level's.
    let mut g = Grid::fit(0, width, cap);
    for (_, pitch) in grid::LEVELS {
        let slots = held((width / pitch).max(1));
        g = Grid::fit(slots, width, cap);
        if g.packed || g.pitch == pitch {
            return g;
        }
    }
    g
}

/// The lane's box (none when nothing waits or failed) and the top of its failed chips.
fn lane_rect(lane: &LanePlan, width: u32, starting: &Grid, failed: &Grid) -> (Option<Rect>, u32) {
    if lane.starting.is_empty() && lane.failed.is_empty() {
        return (None, 0);
    }
    let mut h = LANE_HEAD;
    if !lane.starting.is_empty() {
        h += starting.height();
    }
    let mut failed_top = h;
    if !lane.failed.is_empty() {
        failed_top += lane.reasons.len().min(MAX_REASONS) as u32 * FAILED_LINE + 2;
        h = failed_top + failed.height();
    }
    (
        Some(Rect {
            x: 0,
            y: 0,
            w: width,
            h: h + PAD,
        }),
        failed_top,
    )
}

/// The AZ columns with their boxes sized under `cap`, without chips.
fn lay_out_columns(
    plans: &[SubnetPlan],
    shown: &[&'static str],
    (top, column_width, per_line): (u32, u32, u32),
    cap: u32,
    efs: &efs::Plan,
) -> Vec<AzColumn> {
    let area_width = column_width.saturating_sub(2 * INSET);
    let inner = area_width.saturating_sub(2 * PAD);
    let mut azs: Vec<AzColumn> = Vec::new();
    let mut line_top = top;
    for line in shown.chunks(per_line.max(1) as usize) {
        let mut bottom = line_top;
        for (i, az) in line.iter().enumerate() {
            let x = i as u32 * (column_width + GAP);
            let mut y = line_top + AZ_HEADER;
            let mut subnets = Vec::new();
            for plan in plans.iter().filter(|p| p.subnet.az == *az) {
                let top_of_subnet = y;
                y += SUBNET_HEADER;
                let mut boxes = Vec::new();
                for (ci, slotted) in &plan.instances {
                    let grid = Grid::fit(slotted.highest, inner, cap);
                    let rect = Rect {
                        x: x + INSET,
                        y,
                        w: area_width,
                        h: INSTANCE_HEADER + grid.height() + PAD,
                    };
                    y += rect.h + INSET;
                    boxes.push(instance_box(ci, rect, grid));
                }
                let booting = plan
                    .booting
                    .iter()
                    .map(|b| {
                        let rect = Rect {
                            x: x + INSET,
                            y,
                            w: area_width,
                            h: iam::booting_height(BOOTING_HEIGHT, &b.boot, area_width),
                        };
                        y += rect.h + INSET;
                        BootingBox {
                            ec2_instance_id: b.instance.id.clone(),
                            instance_type: b.instance.instance_type.name,
                            boot: b.boot.clone(),
                            rect,
                        }
                    })
                    .collect();
                let fargate = plan.fargate.as_ref().map(|f| {
                    let grid = Grid::fit(f.highest, inner, cap);
                    let rect = Rect {
                        x: x + INSET,
                        y,
                        w: area_width,
                        h: FARGATE_HEADER + grid.height() + PAD,
                    };
                    y += rect.h + INSET;
                    FargateArea {
                        rect,
                        arrived: 0,
                        grid,
                        counts: None,
                    }
                });
                y += efs.height(&plan.subnet.id);
                subnets.push(SubnetBox {
                    id: plan.subnet.id.clone(),
                    cidr: plan.subnet.cidr().to_string(),
                    free: plan.subnet.pool.free_count(),
                    rect: Rect {
                        x,
                        y: top_of_subnet,
                        w: column_width,
                        h: y - top_of_subnet,
                    },
                    instances: boxes,
                    booting,
                    fargate,
                });
                y += GAP;
            }
            bottom = bottom.max(y);
            azs.push(AzColumn {
                name: az,
                rect: Rect {
                    x,
                    y: line_top,
                    w: column_width,
                    h: 0,
                },
                subnets,
            });
        }
        // Every column of a line as tall as the line.
        for az in azs.iter_mut().rev().take(line.len()) {
            az.rect.h = bottom - line_top;
        }
        line_top = bottom + GAP;
    }
    azs
}

/// Puts an area's arrived tasks (not those in the pending lane) in their slots, or counts
/// them when the area is drawn as counts. Returns how many arrived, and the counts.
fn place_chips(
    chips: &mut Chips,
    (old, new): (&Memory, &mut Memory),
    rect: &Rect,
    header: u32,
    grid: Grid,
    slotted: &Slotted,
) -> (u32, Option<Counts>) {
    let mut arrived = 0;
    let mut counts = Counts::default();
    for (t, k) in slotted.tasks.iter().zip(&slotted.slots) {
        // Every live task of the area holds its slot from placement on, so arrivals never
        // shift the chips already there.
        match Phase::of(t.last_status) {
            Phase::Starting => continue,
            Phase::Running => counts.running += 1,
            _ => counts.stopping += 1,
        }
        arrived += 1;
        if !grid.packed {
            let (dx, dy) = grid.slot(*k);
            chips.push(chip(
                t,
                (rect.x + PAD + dx, rect.y + header + dy, grid.chip),
                old,
                new,
            ));
        }
    }
    (arrived, grid.packed.then_some(counts))
}

#[cfg(test)]
mod tests;
