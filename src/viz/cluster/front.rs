//! The load balancers in front of a cluster's tasks (issue 13): a band above the AZ columns
//! with each Application Load Balancer that sends traffic to the cluster, its listeners
//! (protocol:port), the target groups they forward to with their targets counted by health
//! state, and its nodes over the AZ columns they stand in. On each task chip that is a target,
//! its health as a marker whose shape tells the state (colour is only the second cue); where
//! chips are too small or too many for that (a packed area, or the canvas of a dense drawing)
//! each area tells its targets' states as counts instead. And the requests of the last
//! `sim http` line, as dots travelling from the load balancer's node to the task that
//! answered (the first [`BURST_KEPT`] of them; the rest are counted).
//!
//! Everything is in the coordinates of the whole drawing: the band on top, `height` tall, and
//! the cluster view's boxes and chips moved down by it.

use std::collections::{BTreeMap, HashMap};
use std::net::Ipv4Addr;

use super::{ClusterView, Rect, TaskChip};
use crate::model::elb::{LoadBalancer, TargetState};
use crate::model::task::Task;
use crate::sim::elb::http::{Burst, BURST_KEPT};
use crate::sim::Sim;

/// One line of text in a load balancer's box.
pub const LINE: u32 = 14;
const HEAD: u32 = 18;
const NODE_ROW: u32 = 16;
const PAD: u32 = 8;
const GAP: u32 = 10;
/// The narrowest a load balancer's box gets before the boxes wrap.
const MIN_BOX: u32 = 260;
/// The smallest chip that carries a marker (smaller chips' areas count their targets).
pub const MARKED_CHIP: u32 = 7;
/// Wall-clock time between two requests leaving the load balancer (ms).
pub const SPACING_MS: u32 = 70;

/// Targets counted by health state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Health {
    pub healthy: u32,
    pub initial: u32,
    pub unhealthy: u32,
    pub draining: u32,
    /// `unused` and `unavailable` (checks disabled): no traffic goes there.
    pub unused: u32,
}

/// The states in the order the views list them, with the glyph of their marker.
pub const STATES: [(TargetState, &str); 5] = [
    (TargetState::Healthy, "●"),
    (TargetState::Initial, "○"),
    (TargetState::Unhealthy, "✕"),
    (TargetState::Draining, "▼"),
    (TargetState::Unused, "–"),
];

impl Health {
    pub fn add(&mut self, state: TargetState) {
        *self.slot(state) += 1;
    }

    fn slot(&mut self, state: TargetState) -> &mut u32 {
        match state {
            TargetState::Healthy => &mut self.healthy,
            TargetState::Initial => &mut self.initial,
            TargetState::Unhealthy => &mut self.unhealthy,
            TargetState::Draining => &mut self.draining,
            TargetState::Unused | TargetState::Unavailable => &mut self.unused,
        }
    }

    pub fn get(&self, state: TargetState) -> u32 {
        let mut copy = *self;
        *copy.slot(state)
    }

    pub fn total(&self) -> u32 {
        self.healthy + self.initial + self.unhealthy + self.draining + self.unused
    }

    /// "3 healthy · 1 draining" (the states with targets), or "no targets".
    pub fn words(&self) -> String {
        let parts: Vec<String> = STATES
            .iter()
            .filter(|(s, _)| self.get(*s) > 0)
            .map(|(s, _)| format!("{} {s}", crate::viz::thousands(self.get(*s))))
            .collect();
        if parts.is_empty() {
            "no targets".to_string()
        } else {
            parts.join(" · ")
        }
    }

    /// "●3 ▼1": the markers' glyphs with their counts, for an area's corner.
    pub fn glyphs(&self) -> String {
        let parts: Vec<String> = STATES
            .iter()
            .filter(|(s, _)| self.get(*s) > 0)
            .map(|(s, g)| format!("{g}{}", crate::viz::thousands(self.get(*s))))
            .collect();
        parts.join(" ")
    }
}

/// The state a task shows when it is a target of several groups: the one that most needs
/// attention.
fn worse(a: TargetState, b: TargetState) -> TargetState {
    let rank = |s: TargetState| match s {
        TargetState::Unhealthy => 5,
        TargetState::Draining => 4,
        TargetState::Initial => 3,
        TargetState::Unused | TargetState::Unavailable => 2,
        TargetState::Healthy => 1,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupLine {
    pub name: String,
    pub health: Health,
    /// Baseline of its text.
    pub y: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListenerLine {
    /// "HTTP:80".
    pub text: String,
    pub y: u32,
    pub groups: Vec<GroupLine>,
}

/// A load balancer node over the AZ column it stands in.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub az: &'static str,
    pub x: u32,
    pub y: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LbBox {
    pub name: String,
    pub state: &'static str,
    pub rect: Rect,
    pub listeners: Vec<ListenerLine>,
    pub nodes: Vec<Node>,
    /// What the last `sim http` line to it did, in words, and the baseline of that line.
    pub traffic: Option<(String, u32)>,
}

/// A target's health on its task's chip.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub task_id: String,
    /// Centre of the marker, and its radius.
    pub x: u32,
    pub y: u32,
    pub r: u32,
    pub state: TargetState,
}

/// The targets of an area whose chips carry no marker, counted: right-aligned at `x`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub x: u32,
    pub y: u32,
    pub health: Health,
}

/// A request on its way from a load balancer node to the task that answered it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub from: (u32, u32),
    pub to: (u32, u32),
    /// When it leaves, after the burst is drawn (ms of wall-clock time).
    pub delay_ms: u32,
    /// Whether the answer was a success (2xx/3xx).
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Front {
    /// The band's height: the cluster drawing starts that far down (0 when no load balancer
    /// serves the cluster).
    pub height: u32,
    pub lbs: Vec<LbBox>,
    pub markers: Vec<Marker>,
    pub tallies: Vec<Tally>,
    pub dots: Vec<Dot>,
    /// Which `sim http` line the dots are (see [`Burst::serial`]).
    pub burst: Option<u64>,
}

/// A listener as planned: its "PROTOCOL:port" and its groups' names and counts.
type Planned = (String, Vec<(String, Health)>);

/// The cluster's live tasks by what a target names: an IP (awsvpc) or an instance and host
/// port (bridge, host).
struct TaskIndex<'w> {
    by_ip: BTreeMap<Ipv4Addr, &'w Task>,
    by_port: BTreeMap<(&'w str, u16), &'w Task>,
}

impl<'w> TaskIndex<'w> {
    fn new(sim: &'w Sim, cluster: &str) -> TaskIndex<'w> {
        let mut by_ip = BTreeMap::new();
        let mut by_port = BTreeMap::new();
        for t in sim.world.tasks().values().map(Box::as_ref) {
            if t.cluster != cluster || !t.is_live() {
                continue;
            }
            if let Some(ip) = t.eni.as_ref().and_then(|n| n.private_ip) {
                by_ip.insert(ip, t);
            } else {
                for c in &t.containers {
                    for (_, host, _) in &c.network_bindings {
                        by_port.insert((t.ec2_instance_id.as_str(), *host), t);
                    }
                }
            }
        }
        TaskIndex { by_ip, by_port }
    }

    fn task(&self, id: &str, ip: Option<Ipv4Addr>, port: u16) -> Option<&'w Task> {
        match ip {
            Some(ip) => self.by_ip.get(&ip).copied(),
            None => self.by_port.get(&(id, port)).copied(),
        }
    }
}

/// Where a task's area is drawn (the cluster view's coordinates) and where its corner count
/// goes: its instance box, or its subnet's Fargate area.
fn area_of<'v>(view: &'v ClusterView, t: &Task) -> Option<(&'v Rect, u32)> {
    let subnets = view.azs.iter().flat_map(|a| &a.subnets);
    if t.launch_type.is_fargate() {
        let subnet = t.eni.as_ref()?.subnet_id.as_str();
        let s = subnets.clone().find(|s| s.id == subnet)?;
        s.fargate.as_ref().map(|f| (&f.rect, 15))
    } else {
        subnets
            .flat_map(|s| &s.instances)
            .find(|b| b.container_instance_id == t.container_instance_id)
            .map(|b| (&b.rect, 28))
    }
}

/// Whether a load balancer sends anything to the cluster: a target that is one of its tasks,
/// or a group one of its services is bound to.
fn serves(sim: &Sim, lb: &LoadBalancer, cluster: &str, has_target: bool) -> bool {
    has_target
        || sim.world.services().values().any(|svc| {
            svc.cluster == cluster
                && crate::sim::service_targets::bindings(svc).iter().any(|b| {
                    sim.world
                        .elb()
                        .target_group(&b.target_group_arn)
                        .is_some_and(|tg| tg.load_balancer_arn.as_deref() == Some(&lb.arn))
                })
        })
}

/// The band and its decorations for a cluster view laid out `width` wide. `per_chip`: the
/// chips are drawn one by one where markers can be put on them (not on a dense canvas).
pub fn front(
    sim: &Sim,
    view: &ClusterView,
    burst: Option<&Burst>,
    width: u32,
    per_chip: bool,
) -> Front {
    let world = &sim.world;
    let elb = world.elb();
    let index = TaskIndex::new(sim, &view.cluster);
    // Each load balancer's lines, and every target task's state (the worst of its groups).
    let mut states: HashMap<&str, (TargetState, &Task)> = HashMap::new();
    let mut planned: Vec<(&LoadBalancer, Vec<Planned>)> = Vec::new();
    let mut lbs: Vec<&LoadBalancer> = elb.load_balancers().collect();
    lbs.sort_by_key(|l| l.created_seq);
    for lb in lbs {
        let mut listeners: Vec<_> = elb
            .listeners()
            .filter(|l| l.load_balancer_arn == lb.arn)
            .collect();
        listeners.sort_by_key(|l| l.port);
        let mut has_target = false;
        let mut lines = Vec::new();
        for l in listeners {
            let mut groups = Vec::new();
            for (arn, _) in &l.forward {
                let Some(tg) = elb.target_group(arn) else {
                    continue;
                };
                let mut health = Health::default();
                for t in tg.targets() {
                    let state = crate::sim::elb::health_of(world, tg, t).state;
                    health.add(state);
                    if let Some(task) = index.task(&t.key.id, t.ip, t.key.port) {
                        has_target = true;
                        states
                            .entry(task.id.as_str())
                            .and_modify(|e| e.0 = worse(e.0, state))
                            .or_insert((state, task));
                    }
                }
                groups.push((tg.name.clone(), health));
            }
            lines.push((format!("{}:{}", l.protocol.as_str(), l.port), groups));
        }
        if serves(sim, lb, &view.cluster, has_target) {
            planned.push((lb, lines));
        }
    }
    if planned.is_empty() {
        return Front::default();
    }

    // The boxes side by side, wrapping when narrower than MIN_BOX.
    let width = width.max(MIN_BOX);
    let per_row = (planned.len() as u32).min(((width + GAP) / (MIN_BOX + GAP)).max(1));
    let box_w = (width - (per_row - 1) * GAP) / per_row;
    let burst = burst.filter(|b| planned.iter().any(|(lb, _)| lb.name == b.load_balancer));
    let mut boxes = Vec::new();
    let mut top = 0;
    for row in planned.chunks(per_row as usize) {
        let mut bottom = top;
        for (i, (lb, lines)) in row.iter().enumerate() {
            let x = i as u32 * (box_w + GAP);
            let mut y = top + HEAD;
            let listeners = lines
                .iter()
                .map(|(text, groups)| {
                    y += LINE;
                    let at = y;
                    ListenerLine {
                        text: text.clone(),
                        y: at,
                        groups: groups
                            .iter()
                            .map(|(name, health)| {
                                y += LINE;
                                GroupLine {
                                    name: name.clone(),
                                    health: *health,
                                    y,
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
            let traffic = burst.filter(|b| b.load_balancer == lb.name).map(|b| {
                y += LINE;
                (burst_words(b), y)
            });
            let h = y + NODE_ROW + PAD - top;
            // A node over its AZ's column when that column is drawn, else spread along the
            // box's bottom edge.
            let nodes = lb
                .zones
                .iter()
                .enumerate()
                .map(|(k, z)| {
                    let over = view.azs.iter().find(|a| a.name == z.az);
                    let spread = x + box_w * (2 * k as u32 + 1) / (2 * lb.zones.len() as u32);
                    let nx = over.map_or(spread, |a| a.rect.x + a.rect.w / 2);
                    Node {
                        az: z.az,
                        // (max then min, not clamp: never a panic, whatever the widths)
                        x: nx.max(x + 8).min((x + box_w).saturating_sub(8)),
                        y: top + h - PAD / 2,
                    }
                })
                .collect();
            boxes.push(LbBox {
                name: lb.name.clone(),
                state: lb.state.as_str(),
                rect: Rect {
                    x,
                    y: top,
                    w: box_w,
                    h,
                },
                listeners,
                nodes,
                traffic,
            });
            bottom = bottom.max(top + h);
        }
        top = bottom + GAP;
    }
    let height = top;

    // Markers on chips big enough to carry one; counts for the other areas.
    let chips: HashMap<&str, &TaskChip> =
        view.tasks.iter().map(|c| (c.id.as_str(), &**c)).collect();
    let mut markers = Vec::new();
    // By the area's corner (each area has its own).
    let mut tallies: Vec<((u32, u32), Tally)> = Vec::new();
    let mut ids: Vec<&&str> = states.keys().collect();
    ids.sort();
    for id in ids {
        let (state, task) = states[*id];
        match chips.get(*id) {
            Some(c) if per_chip && c.size >= MARKED_CHIP => {
                let r = (c.size / 3).max(3);
                markers.push(Marker {
                    task_id: c.id.clone(),
                    x: c.x + c.size,
                    y: c.y + height,
                    r,
                    state,
                });
            }
            _ => {
                let Some((rect, baseline)) = area_of(view, task) else {
                    continue;
                };
                let key = (rect.x, rect.y);
                match tallies.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, t)) => t.health.add(state),
                    None => {
                        let mut health = Health::default();
                        health.add(state);
                        tallies.push((
                            key,
                            Tally {
                                x: (rect.x + rect.w).saturating_sub(8),
                                y: rect.y + baseline + height,
                                health,
                            },
                        ));
                    }
                }
            }
        }
    }
    let dots = burst
        .map(|b| dots(sim, view, &boxes, b, &chips, height))
        .unwrap_or_default();
    Front {
        height,
        lbs: boxes,
        markers,
        tallies: tallies.into_iter().map(|(_, t)| t).collect(),
        dots,
        burst: burst.map(|b| b.serial),
    }
}

/// How tall the band over a cluster's drawing is (before the drawing is laid out under it).
pub fn band_height(sim: &Sim, cluster: &str, burst: Option<&Burst>, width: u32) -> u32 {
    let empty = ClusterView::empty(cluster, super::Zoom::All);
    front(sim, &empty, burst, width, false).height
}

fn burst_words(b: &Burst) -> String {
    let mut s = format!(
        "last sim http: {} request(s) → {} task(s)",
        crate::viz::thousands(b.total),
        b.by_task.len()
    );
    if b.unanswered > 0 {
        s.push_str(&format!(
            " · {} answered by the load balancer",
            crate::viz::thousands(b.unanswered)
        ));
    }
    if b.total as usize > BURST_KEPT {
        s.push_str(&format!(" · first {BURST_KEPT} drawn"));
    }
    s
}

/// The first requests of a burst as dots: from the node in the answering task's AZ (or the
/// box's middle) to the task's chip, or to its area when its chip is not drawn alone.
fn dots(
    sim: &Sim,
    view: &ClusterView,
    boxes: &[LbBox],
    b: &Burst,
    chips: &HashMap<&str, &TaskChip>,
    height: u32,
) -> Vec<Dot> {
    let Some(lb) = boxes.iter().find(|l| l.name == b.load_balancer) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, (task_id, status)) in b.first.iter().enumerate() {
        let Some(task) = task_id.as_deref().and_then(|id| sim.world.task(id)) else {
            continue;
        };
        let to = match chips.get(task.id.as_str()) {
            Some(c) => (c.x + c.size / 2, c.y + c.size / 2 + height),
            None => match area_of(view, task) {
                Some((r, _)) => (r.x + r.w / 2, r.y + r.h / 2 + height),
                None => continue,
            },
        };
        let from = lb
            .nodes
            .iter()
            .find(|n| n.az == task.availability_zone)
            .map_or((lb.rect.x + lb.rect.w / 2, lb.rect.y + lb.rect.h), |n| {
                (n.x, n.y)
            });
        out.push(Dot {
            from,
            to,
            delay_ms: i as u32 * SPACING_MS,
            ok: *status < 400,
        });
    }
    out
}

#[cfg(test)]
mod tests;
