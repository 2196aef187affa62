//! The walk: the same decision as the reference path in [`super::engine`], found without
//! visiting every instance. It serves `binpack(cpu|memory)`, `spread(attribute:X)` and
//! `spread(attribute:X)` then `binpack(...)`; every other chain takes [`super::scan`]. A
//! property test checks both pick what the reference path picks.
//!
//! A candidate is read through its slot in the index (remaining amounts, and the kept
//! answers to the request's fixed checks); the instance itself is looked up only for checks
//! that read what changes (ports, `distinctInstance`, `memberOf` over `runningTasksCount`,
//! `task:group` or `agentConnected`). The ledger records the winner; its texts are shared by
//! the request's decisions and its summary is written when read.

use std::collections::BTreeSet;

use super::engine::{rotation, tie_break};
use super::facts::InstanceFacts;
use super::index::{class_max, Bucket, ClusterIndex};
use super::ledger::{InstanceRecord, Ledger, Summary, Texts};
use super::request::{Constraint, PlacementRequest, Resource, SpreadField, Strategy};
use super::view::Instances;
use super::Placement;
use crate::model::ecs::ContainerInstance;

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
pub(crate) fn passes(ci: &ContainerInstance, req: &PlacementRequest) -> bool {
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

/// The best instance of a bucket: (binpack key, tie-break, creation number, slot), if one
/// has a binpack key of at most `bound` (a better one is known otherwise).
/// `ok` tells whether the instance in a slot passes every check.
fn best_in(
    bucket: &Bucket,
    order: Option<Resource>,
    req: &PlacementRequest,
    rot: u64,
    bound: u64,
    ok: &dyn Fn(u32) -> bool,
) -> Option<(u64, u64, u64, u32)> {
    let (classes, need, other_need) = match order {
        None => {
            let (seq, slot) = bucket
                .by_seq
                .range((rot, 0)..)
                .chain(bucket.by_seq.range(..(rot, 0)))
                .copied()
                .find(|(_, slot)| ok(*slot))?;
            return Some((0, tie_break(seq, rot), seq, slot));
        }
        Some(Resource::Cpu) => (&bucket.by_cpu, req.needs.cpu_units, req.needs.memory_mib),
        Some(Resource::Memory) => (&bucket.by_memory, req.needs.memory_mib, req.needs.cpu_units),
    };
    // Only the size classes of the other resource that can hold what the task needs.
    let mut best: Option<(u64, u64, u64, u32)> = None;
    for (_, set) in classes
        .iter()
        .filter(|(class, _)| class_max(**class) >= other_need)
    {
        let bound = best.map_or(bound, |b| b.0);
        if let Some(cand) = best_in_class(set, need, rot, bound, ok) {
            if best.is_none_or(|b| cand < b) {
                best = Some(cand);
            }
        }
    }
    best
}

/// Walks the remaining-amount levels of one class upward from what the task needs, up to
/// `need + bound`; within a level the rotation decides the order; the first instance that
/// passes everything wins.
fn best_in_class(
    set: &BTreeSet<(u32, u64, u32)>,
    need: u32,
    rot: u64,
    bound: u64,
    ok: &dyn Fn(u32) -> bool,
) -> Option<(u64, u64, u64, u32)> {
    let mut from = need;
    loop {
        let mut walk = set.range((from, 0, 0)..).peekable();
        let level = walk.peek()?.0;
        let key = u64::from(level - need);
        if key > bound {
            return None;
        }
        if let Some(&(_, seq, slot)) = level_hit(set, walk, level, rot, ok) {
            return Some((key, tie_break(seq, rot), seq, slot));
        }
        from = level.checked_add(1)?;
    }
}

/// How many instances of a level are read in creation order before looking the rotation's
/// start up instead (most levels hold one instance or a few).
const SCAN: usize = 8;

/// The first instance of one level, in the rotation's order (creation numbers from `rot` up,
/// then those below it), that passes everything. `walk` starts at the level's first instance.
fn level_hit<'a>(
    set: &'a BTreeSet<(u32, u64, u32)>,
    mut walk: impl Iterator<Item = &'a (u32, u64, u32)>,
    level: u32,
    rot: u64,
    ok: &dyn Fn(u32) -> bool,
) -> Option<&'a (u32, u64, u32)> {
    // The first that passes among those below the rotation's start, once all were read.
    let mut below: Option<&(u32, u64, u32)> = None;
    for _ in 0..SCAN {
        let e = walk.next().filter(|e| e.0 == level);
        match e {
            // The level ended: all of it was below the rotation's start.
            None => return below,
            // From here on, creation order is the rotation's order.
            Some(e) if e.1 >= rot => {
                return std::iter::once(e)
                    .chain(walk.take_while(|e| e.0 == level))
                    .find(|e| ok(e.2))
                    .or(below);
            }
            Some(e) => {
                if below.is_none() && ok(e.2) {
                    below = Some(e);
                }
            }
        }
    }
    // A long level: look the rotation's start up.
    set.range((level, rot, 0)..)
        .take_while(|e| e.0 == level)
        .find(|e| ok(e.2))
        .or(below)
        .or_else(|| {
            walk.take_while(|e| e.0 == level && e.1 < rot)
                .find(|e| ok(e.2))
        })
}

/// Whether the walk serves the request's strategy chain (else [`super::scan`] does).
pub fn serves(req: &PlacementRequest) -> bool {
    shape(req).is_some()
}

/// The winner of one decision, if an instance can take the task; None also when the walk
/// does not serve the chain (see [`serves`]).
pub fn place(
    idx: &mut ClusterIndex,
    instances: &dyn Instances,
    req: &PlacementRequest,
    draw: u64,
    decision: u64,
) -> Option<Placement> {
    let (spread, order) = shape(req)?;
    if let Some(attr) = spread {
        if !idx.spread.contains_key(attr) {
            idx.track(attr, &instances.all());
        }
    }
    // The checks that read only what is fixed until an instance's attributes change are
    // answered once per instance and kept; the others are asked of the instance itself.
    idx.keep(spread.is_none(), order);
    let fixed = idx.fixed_checks(req, |id| instances.get(id));
    let texts = idx.described(req);
    let n = &req.needs;
    let dynamic = needs_instance(req, false);
    let idx: &ClusterIndex = idx;
    let ok = |slot: u32| {
        idx.hot.get(slot as usize).is_some_and(|h| {
            h.cpu >= n.cpu_units
                && h.memory >= n.memory_mib
                && idx.passes_fixed(fixed, slot)
                && (!dynamic
                    || idx
                        .slots
                        .get(slot as usize)
                        .and_then(|s| instances.get(&s.id))
                        .is_some_and(|ci| passes(ci, req)))
        })
    };
    let rot = rotation(draw, idx.live.last().copied().unwrap_or(0));
    let best = match spread {
        None => best_in(idx.all.as_ref()?, order, req, rot, u64::MAX, &ok),
        Some(attr) => {
            let values = idx.spread.get(attr)?;
            let group = req.needs.group.as_str();
            // The fewest tasks of the group first: the first count with an instance that can
            // take the task holds the winner (the binpack key, then the tie-break, decide
            // between the values that have it).
            let mut best: Option<(u64, u64, u64, u32)> = None;
            let mut below: Option<u64> = None;
            while best.is_none() {
                let fewest = values
                    .values()
                    .map(|v| v.count(group))
                    .filter(|c| below.is_none_or(|b| *c > b))
                    .min()?;
                for v in values.values().filter(|v| v.count(group) == fewest) {
                    let bound = best.map_or(u64::MAX, |b| b.0);
                    if let Some(cand) = best_in(&v.bucket, order, req, rot, bound, &ok) {
                        if best.is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                            best = Some(cand);
                        }
                    }
                }
                below = Some(fewest);
            }
            best
        }
    };
    let (_, tb, _, slot) = best?;
    Some(winner(idx, slot, tb, req, texts, decision))
}

/// Whether a request has checks that read what changes with every task, which are asked of
/// the instance itself: ports, ENI slots, `memberOf` over task counts or groups, and
/// `distinctInstance` unless `groups_counted` (the scan reads it from the index's group
/// counts; the walk has none).
pub(crate) fn needs_instance(req: &PlacementRequest, groups_counted: bool) -> bool {
    let n = &req.needs;
    !n.tcp_ports.is_empty()
        || !n.udp_ports.is_empty()
        || n.eni.is_some()
        || req.constraints.iter().any(|c| match c {
            Constraint::MemberOf(e) => !e.reads_only_fixed_subjects(),
            Constraint::DistinctInstance => !groups_counted,
        })
}

/// The compact ledger of an indexed decision: the winner alone (`sim explain` replays the
/// decision to show every instance).
pub(crate) fn winner(
    idx: &ClusterIndex,
    slot: u32,
    tie_break: u64,
    req: &PlacementRequest,
    (strategy_texts, constraint_texts): (Texts, Texts),
    decision: u64,
) -> Placement {
    let w = &idx.slots[slot as usize];
    Placement {
        container_instance_id: Some(w.id.clone()),
        ledger: Ledger {
            group: req.needs.group.clone(),
            constraints: constraint_texts,
            summary: Summary::indexed(
                idx.live.len(),
                w.ec2_instance_id.clone(),
                strategy_texts.clone(),
            ),
            strategies: strategy_texts,
            default_strategy: req.default_strategy,
            winner: Some(w.arn.clone()),
            instances: vec![InstanceRecord {
                container_instance_arn: w.arn.clone(),
                ec2_instance_id: w.ec2_instance_id.clone(),
                // The checks are not repeated here: `sim explain` replays the decision.
                checks: Vec::new(),
                eligible: true,
                strategy_keys: Vec::new(),
                tie_break,
            }],
            complete: false,
            decision,
        },
    }
}
