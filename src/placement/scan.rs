//! The scan: the same decision as the reference path in [`super::engine`] for every strategy
//! chain the walk of [`super::fast`] does not serve (random, the RunTask default; spread by
//! instance; binpack or spread after random; any chain with `distinctInstance`...), by one
//! pass over the index's compact per-instance array instead of the instances themselves.
//!
//! Random ranks by a hash of each instance's creation number, so no order kept in advance
//! can find its winner: every eligible instance is looked at once per decision. What makes
//! that cheap is what is read: 24 bytes per instance (remaining CPU and memory, creation
//! number, eligibility), the kept answers of the fixed checks, and per-instance group counts
//! and per-value spread counts kept by the index; no string, no map. The checks that read
//! what changes with every task (ports, ENI slots, `memberOf` over task counts) are asked of
//! the instance only when it would beat the best found so far, so a decision looks up a
//! handful of instances, not all of them.

use std::cmp::Ordering;

use super::engine::{mix, rotation, tie_break};
use super::fast::{needs_instance, passes, winner};
use super::index::{ClusterIndex, Hot};
use super::request::{
    Constraint, PlacementRequest, Resource, SpreadField, Strategy, MAX_STRATEGIES,
};
use super::view::Instances;
use super::Placement;

/// Where one strategy's key comes from, for any instance.
enum Key<'a> {
    /// binpack: what remains after the task (the task fits, or the instance is skipped).
    Cpu(u32),
    Memory(u32),
    /// spread(instanceId): the group's tasks on the instance.
    PerInstance(&'a [u32]),
    /// spread(attribute): the group's tasks under the instance's value (ids per slot, then
    /// counts per id).
    PerValue(&'a [u32], Vec<u64>),
    /// random: a hash of the decision's draw and the instance's creation number.
    Random(u64),
}

impl Key<'_> {
    fn of(&self, slot: usize, h: &Hot) -> u64 {
        match self {
            Key::Cpu(need) => u64::from(h.cpu - need),
            Key::Memory(need) => u64::from(h.memory - need),
            Key::PerInstance(per_slot) => per_slot.get(slot).copied().map_or(0, u64::from),
            Key::PerValue(of_slot, counts) => of_slot
                .get(slot)
                .and_then(|id| counts.get(*id as usize))
                .copied()
                .unwrap_or(0),
            Key::Random(draw) => mix(*draw, h.seq),
        }
    }
}

/// The winner of one decision, if an instance can take the task.
pub fn place(
    idx: &mut ClusterIndex,
    instances: &dyn Instances,
    req: &PlacementRequest,
    draw: u64,
    decision: u64,
) -> Option<Placement> {
    let group = req.needs.group.as_str();
    for s in &req.strategies {
        if let Strategy::Spread(SpreadField::Attribute(a)) = s {
            if !idx.spread.contains_key(a) {
                idx.track(a, &instances.all());
            }
        }
    }
    let distinct = req
        .constraints
        .iter()
        .any(|c| matches!(c, Constraint::DistinctInstance));
    let per_instance = distinct
        || req
            .strategies
            .iter()
            .any(|s| matches!(s, Strategy::Spread(SpreadField::Instance)));
    if per_instance {
        idx.keep_group(group, |id| instances.get(id));
    }
    let fixed = idx.fixed_checks(req, |id| instances.get(id));
    let texts = idx.described(req);
    let idx: &ClusterIndex = idx;
    let group_counts = idx.group_counts(group).unwrap_or(&[]);
    let n = &req.needs;
    let keys: Vec<Key> = req
        .strategies
        .iter()
        .take(MAX_STRATEGIES)
        .enumerate()
        .map(|(i, s)| match s {
            Strategy::Binpack(Resource::Cpu) => Key::Cpu(n.cpu_units),
            Strategy::Binpack(Resource::Memory) => Key::Memory(n.memory_mib),
            Strategy::Spread(SpreadField::Instance) => Key::PerInstance(group_counts),
            Strategy::Spread(SpreadField::Attribute(a)) => {
                let column = idx.columns.get(a);
                let values = idx.spread.get(a);
                let counts = column
                    .map(|c| {
                        c.names
                            .iter()
                            .map(|v| {
                                values
                                    .and_then(|vs| vs.get(v))
                                    .map_or(0, |sv| sv.count(group))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Key::PerValue(column.map_or(&[][..], |c| &c.of_slot), counts)
            }
            Strategy::Random => Key::Random(draw ^ (i as u64 + 1)),
        })
        .collect();
    let dynamic = needs_instance(req);
    let rot = rotation(draw, idx.live.last().copied().unwrap_or(0));
    let mut best: Option<([u64; MAX_STRATEGIES], u64, usize)> = None;
    let mut cand = [0u64; MAX_STRATEGIES];
    for (slot, h) in idx.hot.iter().enumerate() {
        if !h.eligible || h.cpu < n.cpu_units || h.memory < n.memory_mib {
            continue;
        }
        if distinct && group_counts.get(slot).is_some_and(|c| *c > 0) {
            continue;
        }
        if !idx.passes_fixed(fixed, slot as u32) {
            continue;
        }
        let tb = tie_break(h.seq, rot);
        // Compare key by key, computing each only while the previous ones tie.
        let mut order = Ordering::Less;
        let mut computed = 0;
        if let Some((best_keys, best_tb, _)) = &best {
            order = Ordering::Equal;
            for (j, key) in keys.iter().enumerate() {
                cand[j] = key.of(slot, h);
                computed = j + 1;
                order = cand[j].cmp(&best_keys[j]);
                if order != Ordering::Equal {
                    break;
                }
            }
            if order == Ordering::Equal {
                order = tb.cmp(best_tb);
            }
        }
        if order != Ordering::Less {
            continue;
        }
        if dynamic
            && !idx
                .slots
                .get(slot)
                .and_then(|s| instances.get(&s.id))
                .is_some_and(|ci| passes(ci, req))
        {
            continue;
        }
        for (j, key) in keys.iter().enumerate().skip(computed) {
            cand[j] = key.of(slot, h);
        }
        best = Some((cand, tb, slot));
    }
    let (_, tb, slot) = best?;
    Some(winner(idx, slot as u32, tb, req, texts, decision))
}
