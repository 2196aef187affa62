//! Simulated HTTP requests through a load balancer (`sim http`): the listener's forward action
//! picks a target group (by weight), the group's algorithm picks a target, and the target's
//! task answers.
//!
//! Which targets take traffic, as the ALB guide says: the healthy ones in the load balancer's
//! Availability Zones; when a group has no healthy target but has unhealthy ones, the load
//! balancer "fails open" and routes to all of those; with neither (only `initial`, `draining`
//! or no targets) it answers 503 itself.
//!
//! A burst of `count` requests arrives one every `spacing_ms`, within an instant of simulated
//! time (the clock does not move). Each request occupies its target for the task's latency
//! (20 ms, or what `sim slow` set), which is what `least_outstanding_requests` reads: a slow
//! target holds more requests at once, so it gets fewer new ones, while round robin keeps
//! taking turns.

use super::probe::{app_status, reach_target, Reach};
use crate::model::elb::{Algorithm, LoadBalancerState, TargetState, DEFAULT_LATENCY_MS};
use crate::sim::{Sim, World};

/// The load balancer's idle timeout: how long it waits for a target that never answers.
pub const IDLE_TIMEOUT_MS: u64 = 60_000;

/// Where one request went and what came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routed {
    /// 1-based, in arrival order.
    pub number: u32,
    pub target_group: String,
    /// The target's ID and port, None when the load balancer answered itself.
    pub target: Option<(String, u16)>,
    pub az: Option<&'static str>,
    /// The task that answered, by ID.
    pub task_id: Option<String>,
    pub status: u16,
    /// Whether the group had no healthy target and the load balancer failed open.
    pub failed_open: bool,
}

/// The reason phrase of the status codes a load balancer or a task answers with.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Sends `count` requests to the load balancer named `name` (on the listener at `port`, or
/// its lowest-numbered one). Err: why no request could be sent.
pub fn send(
    sim: &mut Sim,
    name: &str,
    port: Option<u16>,
    count: u32,
    spacing_ms: u64,
) -> Result<Vec<Routed>, String> {
    let world = &sim.world;
    let lb = world
        .elb()
        .load_balancer_named(name)
        .ok_or_else(|| format!("no load balancer named {name}"))?;
    if lb.state != LoadBalancerState::Active {
        return Err(format!(
            "load balancer {name} is still provisioning: its DNS name does not resolve yet"
        ));
    }
    let mut listeners: Vec<_> = world
        .elb()
        .listeners()
        .filter(|l| l.load_balancer_arn == lb.arn && port.is_none_or(|p| l.port == p))
        .collect();
    listeners.sort_by_key(|l| l.port);
    let listener = listeners.first().ok_or_else(|| match port {
        Some(p) => format!("load balancer {name} has no listener on port {p}"),
        None => format!("load balancer {name} has no listener"),
    })?;
    let forward = listener.forward.clone();
    let total_weight: u64 = forward.iter().map(|(_, w)| u64::from(*w)).sum();
    // Finish times of the requests each target holds, by (group, target serial).
    let mut busy: std::collections::BTreeMap<(usize, u64), Vec<u64>> = Default::default();
    let mut out = Vec::new();
    for i in 0..count {
        let arrival = u64::from(i) * spacing_ms;
        let g = pick_group(&forward, total_weight, u64::from(i));
        let Some(tg_arn) = forward.get(g).map(|(a, _)| a.as_str()) else {
            continue;
        };
        let routed = route_one(sim, tg_arn, g, arrival, &mut busy, i + 1);
        out.push(routed);
    }
    Ok(out)
}

/// The group request `i` goes to: weights taken in turn (a group of weight 3 gets 3 of every
/// `total` requests), deterministic without the RNG.
fn pick_group(forward: &[(String, u32)], total: u64, i: u64) -> usize {
    if total == 0 {
        return 0;
    }
    let mut slot = i % total;
    for (n, (_, w)) in forward.iter().enumerate() {
        if slot < u64::from(*w) {
            return n;
        }
        slot -= u64::from(*w);
    }
    0
}

/// The targets of a group that take traffic, by serial, and whether that is failing open.
fn candidates(world: &World, tg_arn: &str) -> (Vec<u64>, bool) {
    let Some(tg) = world.elb().target_group(tg_arn) else {
        return (Vec::new(), false);
    };
    let mut healthy = Vec::new();
    let mut unhealthy = Vec::new();
    for t in tg.targets() {
        match super::health_of(world, tg, t).state {
            TargetState::Healthy => healthy.push(t.serial),
            TargetState::Unhealthy => unhealthy.push(t.serial),
            _ => {}
        }
    }
    if healthy.is_empty() && !unhealthy.is_empty() {
        (unhealthy, true)
    } else {
        (healthy, false)
    }
}

fn route_one(
    sim: &mut Sim,
    tg_arn: &str,
    g: usize,
    arrival: u64,
    busy: &mut std::collections::BTreeMap<(usize, u64), Vec<u64>>,
    number: u32,
) -> Routed {
    let (cands, failed_open) = candidates(&sim.world, tg_arn);
    let Some(tg) = sim.world.elb_mut().target_group_mut(tg_arn) else {
        return lb_answer(String::new(), number, 503);
    };
    let group_name = tg.name.clone();
    if cands.is_empty() {
        return lb_answer(group_name, number, 503);
    }
    let turn = tg.next_turn;
    tg.next_turn = tg.next_turn.wrapping_add(1);
    let len = cands.len() as u64;
    let chosen = match tg.attributes.algorithm {
        Algorithm::RoundRobin => cands[(turn % len) as usize],
        Algorithm::LeastOutstandingRequests => {
            // Fewest requests in flight at arrival; ties taken in turn.
            let outstanding = |s: u64| {
                busy.get(&(g, s))
                    .map_or(0, |f| f.iter().filter(|end| **end > arrival).count())
            };
            (0..len)
                .map(|k| cands[((turn + k) % len) as usize])
                .min_by_key(|s| outstanding(*s))
                .unwrap_or(cands[0])
        }
    };
    let world = &sim.world;
    let Some(tg) = world.elb().target_group(tg_arn) else {
        return lb_answer(group_name, number, 503);
    };
    let Some(t) = tg.target_by_serial(chosen) else {
        return lb_answer(group_name, number, 503);
    };
    let (status, latency, task_id) = match reach_target(world, tg, t, t.key.port) {
        Reach::Unreachable => (504, IDLE_TIMEOUT_MS, None),
        Reach::Refused => (502, 0, None),
        Reach::Task(task) => {
            let latency = world
                .elb()
                .fault(&task.id)
                .and_then(|f| f.latency_ms)
                .unwrap_or(DEFAULT_LATENCY_MS);
            match app_status(world, task) {
                Some(code) => (code, u64::from(latency), Some(task.id.clone())),
                None => (504, IDLE_TIMEOUT_MS, Some(task.id.clone())),
            }
        }
    };
    let slot = busy.entry((g, chosen)).or_default();
    slot.retain(|end| *end > arrival);
    slot.push(arrival + latency);
    Routed {
        number,
        target_group: group_name,
        target: Some((t.key.id.clone(), t.key.port)),
        az: Some(t.az),
        task_id,
        status,
        failed_open,
    }
}

fn lb_answer(target_group: String, number: u32, status: u16) -> Routed {
    Routed {
        number,
        target_group,
        target: None,
        az: None,
        task_id: None,
        status,
        failed_open: false,
    }
}

/// How many requests of a burst are remembered one by one (the visualizer animates those and
/// tells the rest as counts).
pub const BURST_KEPT: usize = 24;

/// What one `sim http` line sent, as the visualizer draws it: where each of the first
/// requests went, and how many went to each task.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Burst {
    /// Tells one burst from the next (the session's count of lines run when it was sent).
    pub serial: u64,
    pub load_balancer: String,
    pub total: u32,
    /// The first [`BURST_KEPT`] requests in order: the task that answered (None when the
    /// load balancer answered itself, or nothing did) and the status.
    pub first: Vec<(Option<String>, u16)>,
    /// Every request by the task that answered it, by task ID.
    pub by_task: std::collections::BTreeMap<String, u32>,
    /// Requests no task answered (the load balancer's 502, 503 or 504).
    pub unanswered: u32,
}

impl Burst {
    pub fn of(serial: u64, load_balancer: &str, routed: &[Routed]) -> Burst {
        let mut b = Burst {
            serial,
            load_balancer: load_balancer.to_string(),
            total: u32::try_from(routed.len()).unwrap_or(u32::MAX),
            ..Burst::default()
        };
        for r in routed {
            if b.first.len() < BURST_KEPT {
                b.first.push((r.task_id.clone(), r.status));
            }
            match &r.task_id {
                Some(id) => *b.by_task.entry(id.clone()).or_default() += 1,
                None => b.unanswered += 1,
            }
        }
        b
    }
}
