//! The indexed path: the same decision as the reference path in [`super::engine`], found
//! without visiting every instance. It covers `binpack(cpu|memory)`, `spread(attribute:X)`
//! and `spread(attribute:X)` then `binpack(...)`, on clusters larger than
//! [`super::engine::FULL_LEDGER_MAX`]; anything else returns None and takes the reference
//! path. A property test checks both paths pick the same instance.

use super::engine::{rotation, tie_break, FULL_LEDGER_MAX};
use super::facts::InstanceFacts;
use std::collections::BTreeSet;

use super::index::{class_max, Bucket};
use super::ledger::{InstanceRecord, Ledger};
use super::request::{Constraint, PlacementRequest, Resource, SpreadField, Strategy};
use super::Placement;
use crate::model::ecs::{ContainerInstance, ContainerInstanceStatus};
use crate::sim::world::World;

/// The shapes of strategy chain the index serves.
fn shape(req: &PlacementRequest) -> Option<(Option<&str>, Option<Resource>)> {
    match req.strategies.as_slice() {
        [Strategy::Binpack(r)] => Some((None, Some(*r))),
        [Strategy::Spread(SpreadField::Attribute(a))] => Some((Some(a), None)),
        [Strategy::Spread(SpreadField::Attribute(a)), Strategy::Binpack(r)] => {
            Some((Some(a), Some(*r)))
        }
        _ => None,
    }
}

/// Every check, as booleans, cheapest first (no words: this runs in the hot loop).
fn passes(ci: &ContainerInstance, req: &PlacementRequest) -> bool {
    let n = &req.needs;
    ci.remaining_cpu_units() >= n.cpu_units
        && ci.remaining_memory_mib() >= n.memory_mib
        && n.tcp_ports
            .iter()
            .all(|p| !ci.reserved_tcp_ports.contains(p) && !ci.task_tcp_ports.contains(p))
        && n.udp_ports
            .iter()
            .all(|p| !ci.reserved_udp_ports.contains(p) && !ci.task_udp_ports.contains(p))
        && n.eni
            .as_ref()
            .is_none_or(|e| e.slot_free(ci) && e.located(ci))
        && n.attributes
            .iter()
            .all(|(name, value)| match ci.attribute(name) {
                None => false,
                Some(a) => value.is_none() || a.value.as_ref() == value.as_ref(),
            })
        && req.constraints.iter().all(|c| match c {
            Constraint::DistinctInstance => ci.task_groups.get(&n.group).copied().unwrap_or(0) == 0,
            Constraint::MemberOf(expr) => expr.eval(&InstanceFacts::from_instance(ci)),
        })
}

/// The best instance of a bucket: (binpack key, tie-break, creation number).
fn best_in(
    world: &World,
    ids: &std::collections::BTreeMap<u64, String>,
    bucket: &Bucket,
    order: Option<Resource>,
    req: &PlacementRequest,
    rot: u64,
) -> Option<(u64, u64, u64)> {
    let ok = |seq: u64| {
        ids.get(&seq)
            .and_then(|id| world.container_instances.get(id))
            .is_some_and(|ci| passes(ci, req))
    };
    let (classes, need, other_need) = match order {
        None => {
            let seq = bucket
                .by_seq
                .range(rot..)
                .chain(bucket.by_seq.range(..rot))
                .copied()
                .find(|s| ok(*s))?;
            return Some((0, tie_break(seq, rot), seq));
        }
        Some(Resource::Cpu) => (&bucket.by_cpu, req.needs.cpu_units, req.needs.memory_mib),
        Some(Resource::Memory) => (&bucket.by_memory, req.needs.memory_mib, req.needs.cpu_units),
    };
    // Only the size classes of the other resource that can hold what the task needs.
    classes
        .iter()
        .filter(|(class, _)| class_max(**class) >= other_need)
        .filter_map(|(_, set)| best_in_class(set, need, rot, &ok))
        .min()
}

/// Walks the remaining-amount levels of one class upward from what the task needs; within a
/// level the rotation decides the order; the first instance that passes everything wins.
fn best_in_class(
    set: &BTreeSet<(u32, u64)>,
    need: u32,
    rot: u64,
    ok: &dyn Fn(u64) -> bool,
) -> Option<(u64, u64, u64)> {
    let mut level = set.range((need, 0)..).next()?.0;
    loop {
        let hit = set
            .range((level, rot)..=(level, u64::MAX))
            .chain(set.range((level, 0)..(level, rot)))
            .map(|(_, seq)| *seq)
            .find(|s| ok(*s));
        if let Some(seq) = hit {
            return Some((u64::from(level - need), tie_break(seq, rot), seq));
        }
        level = set.range((level.checked_add(1)?, 0)..).next()?.0;
    }
}

pub fn place(
    world: &mut World,
    cluster: &str,
    req: &PlacementRequest,
    draw: u64,
    decision: u64,
) -> Option<Placement> {
    let (spread, order) = shape(req)?;
    let count = world
        .placement_index
        .get(cluster)
        .map_or(0, |i| i.ids.len());
    if count <= FULL_LEDGER_MAX {
        return None;
    }
    let tracked = spread.is_none_or(|a| {
        world
            .placement_index
            .get(cluster)
            .is_some_and(|i| i.spread.contains_key(a))
    });
    if let (Some(attr), false) = (spread, tracked) {
        let World {
            container_instances,
            placement_index,
            ..
        } = &mut *world;
        let instances: Vec<&ContainerInstance> = container_instances
            .values()
            .map(Box::as_ref)
            .filter(|ci| ci.cluster == cluster && ci.status != ContainerInstanceStatus::Inactive)
            .collect();
        placement_index
            .entry(cluster.to_string())
            .or_default()
            .track(attr, &instances);
    }
    let world: &World = world;
    let idx = world.placement_index.get(cluster)?;
    let rot = rotation(draw, idx.ids.keys().next_back().copied().unwrap_or(0));
    let best = match spread {
        None => best_in(world, &idx.ids, &idx.all, order, req, rot),
        Some(attr) => {
            let counts = idx.counts.get(attr);
            let mut best: Option<(u64, u64, u64, u64)> = None;
            for (value, bucket) in idx.spread.get(attr)? {
                let count = counts
                    .and_then(|c| c.get(value))
                    .and_then(|g| g.get(&req.needs.group))
                    .copied()
                    .unwrap_or(0);
                if best.is_some_and(|b| b.0 < count) {
                    continue;
                }
                if let Some((key, tb, seq)) = best_in(world, &idx.ids, bucket, order, req, rot) {
                    let cand = (count, key, tb, seq);
                    if best.is_none_or(|b| (cand.0, cand.1, cand.2) < (b.0, b.1, b.2)) {
                        best = Some(cand);
                    }
                }
            }
            best.map(|(_, key, tb, seq)| (key, tb, seq))
        }
    };
    // No instance can take the task: the reference path lists every instance's reason.
    let (_, tb, seq) = best?;
    let ci = world.container_instances.get(idx.ids.get(&seq)?)?;
    let record = InstanceRecord {
        container_instance_arn: ci.arn.clone(),
        ec2_instance_id: ci.ec2_instance_id.clone(),
        // The checks are not repeated here: `sim explain` replays the decision in full.
        checks: Vec::new(),
        eligible: true,
        strategy_keys: Vec::new(),
        tie_break: tb,
    };
    let records = vec![record];
    let summary = format!(
        "Of {count} instances, {} ranked first by {} (sim explain replays the decision over every instance).",
        ci.ec2_instance_id,
        req.strategies.iter().map(Strategy::describe).collect::<Vec<_>>().join(", then ")
    );
    Some(Placement {
        container_instance_id: Some(ci.id.clone()),
        ledger: Ledger {
            group: req.needs.group.clone(),
            constraints: req.constraints.iter().map(Constraint::describe).collect(),
            strategies: req.strategies.iter().map(Strategy::describe).collect(),
            default_strategy: req.default_strategy,
            winner: Some(ci.arn.clone()),
            instances: records,
            summary,
            complete: false,
            decision,
        },
    })
}
