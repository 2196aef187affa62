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
    /// counts per id), and the slots of each value.
    PerValue(&'a [u32], Vec<u64>, &'a [Vec<u32>]),
    /// random: a hash of the decision's draw and the instance's creation number.
    Random(u64),
}

impl Key<'_> {
    fn of(&self, slot: usize, h: &Hot) -> u64 {
        match self {
            Key::Cpu(need) => u64::from(h.cpu - need),
            Key::Memory(need) => u64::from(h.memory - need),
            Key::PerInstance(per_slot) => per_slot.get(slot).copied().map_or(0, u64::from),
            Key::PerValue(of_slot, counts, _) => of_slot
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
        idx.keep_group(group);
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
                Key::PerValue(
                    column.map_or(&[][..], |c| &c.of_slot),
                    counts,
                    column.map_or(&[][..], |c| &c.members),
                )
            }
            Strategy::Random => Key::Random(draw ^ (i as u64 + 1)),
        })
        .collect();
    let rot = rotation(draw, idx.live.last().copied().unwrap_or(0));
    let scan = Scan {
        idx,
        instances,
        req,
        keys: &keys,
        fixed,
        distinct: distinct.then_some(group_counts),
        dynamic: needs_instance(req, true),
        rot,
    };
    // The first key is read for every instance that fits: a loop of its own per kind, so
    // the compiler sees a plain function of the instance's 24 bytes. The second key is read
    // only on a tie (spread counts tie often).
    let second = |slot: usize, h: &Hot| keys.get(1).map_or(0, |k| k.of(slot, h));
    let max_seq = idx.live.last().copied().unwrap_or(0);
    let best = match keys.first() {
        // One or two keys that fit in 32 bits (binpack amounts, per-instance counts): the keys
        // and the tie-break packed in one number, compared eight instances at a time.
        _ if packable(&keys, max_seq) => scan.run_packed(max_seq),
        // Spread over an attribute first: only the instances of the values with the fewest
        // tasks can win, so they are read value by value, fewest first.
        Some(Key::PerValue(_, counts, members)) if !members.is_empty() => {
            scan.by_value(counts, members, &second)
        }
        None => scan.run(|_, _| 0, &second),
        Some(Key::Random(d)) => scan.run(|_, h| mix(*d, h.seq), &second),
        Some(Key::Cpu(need)) => scan.run(|_, h| u64::from(h.cpu.wrapping_sub(*need)), &second),
        Some(Key::Memory(need)) => {
            scan.run(|_, h| u64::from(h.memory.wrapping_sub(*need)), &second)
        }
        Some(first) => scan.run(|slot, h| first.of(slot, h), &second),
    };
    let (_, tb, slot) = best?;
    Some(winner(idx, slot as u32, tb, req, texts, decision))
}

/// One decision's scan over the index.
struct Scan<'a> {
    idx: &'a ClusterIndex,
    instances: &'a dyn Instances,
    req: &'a PlacementRequest,
    keys: &'a [Key<'a>],
    fixed: Option<usize>,
    /// distinctInstance: the group's tasks per slot.
    distinct: Option<&'a [u32]>,
    /// Whether some check must be asked of the instance itself.
    dynamic: bool,
    rot: u64,
}

/// Whether a chain's keys and tie-break pack into one `u128` in their order: at most two keys,
/// each a 32-bit amount (binpack) or per-instance count, and creation numbers below 2^32.
fn packable(keys: &[Key], max_seq: u64) -> bool {
    keys.len() <= 2
        && max_seq < u64::from(u32::MAX)
        && keys
            .iter()
            .all(|k| matches!(k, Key::Cpu(_) | Key::Memory(_) | Key::PerInstance(_)))
}

/// How many instances the scan reads before it compares.
const CHUNK: usize = 8;

/// The best so far: every key, the tie-break and the slot.
type Best = ([u64; MAX_STRATEGIES], u64, usize);

impl Scan<'_> {
    /// The eligible instance with the least keys, then tie-break. An instance whose first key
    /// is above the best one's is passed over at once; only the others are compared in full
    /// and checked (kept answers, distinctInstance, then the instance itself).
    fn run(
        &self,
        first: impl Fn(usize, &Hot) -> u64,
        second: &dyn Fn(usize, &Hot) -> u64,
    ) -> Option<Best> {
        // The kept checks join the chunk loop only when the request has some: reading them
        // for every instance costs plain random a fifth of its speed.
        if self.distinct.is_some() || self.fixed.is_some() {
            self.run_masked(first, second, |slot, h| self.passes_kept(slot, h))
        } else {
            self.run_masked(first, second, |_, h| self.fits(h))
        }
    }

    /// [`Scan::run`] with `ok` telling which instances are candidates at all.
    fn run_masked(
        &self,
        first: impl Fn(usize, &Hot) -> u64,
        second: &dyn Fn(usize, &Hot) -> u64,
        ok: impl Fn(usize, &Hot) -> bool,
    ) -> Option<Best> {
        let mut best: Option<Best> = None;
        // Eight instances at a time: their first keys (u64::MAX for one that does not fit)
        // computed without a branch, so the hashes of random overlap; a chunk none of whose
        // keys reaches the best is passed over whole, which is nearly every chunk.
        for (c, chunk) in self.idx.hot.chunks(CHUNK).enumerate() {
            let mut k = [u64::MAX; CHUNK];
            for ((slot, h), k) in chunk.iter().enumerate().zip(k.iter_mut()) {
                let key = first(c * CHUNK + slot, h);
                *k = if ok(c * CHUNK + slot, h) {
                    key
                } else {
                    u64::MAX
                };
            }
            let best_k0 = best.map_or(u64::MAX, |b| b.0[0]);
            if k.iter().copied().min().is_none_or(|m| m > best_k0) {
                continue;
            }
            for (j, h) in chunk.iter().enumerate() {
                self.visit(&mut best, c * CHUNK + j, h, k[j], second);
            }
        }
        best
    }

    /// [`Scan::run`] for a chain that opens with spread over an attribute: the values' slots,
    /// by count of the group's tasks, fewest first, until a count holds an instance that can
    /// take the task.
    fn by_value(
        &self,
        counts: &[u64],
        members: &[Vec<u32>],
        second: &dyn Fn(usize, &Hot) -> u64,
    ) -> Option<Best> {
        let mut values: Vec<(u64, usize)> = counts.iter().copied().zip(0..).collect();
        values.sort_unstable();
        let mut best: Option<Best> = None;
        let mut level = None;
        for (count, id) in values {
            if level.is_some_and(|l| l != count) && best.is_some() {
                break;
            }
            level = Some(count);
            for &slot in members.get(id).map_or(&[][..], Vec::as_slice) {
                if let Some(h) = self.idx.hot.get(slot as usize) {
                    self.visit(&mut best, slot as usize, h, count, second);
                }
            }
        }
        best
    }

    fn run_packed(&self, max_seq: u64) -> Option<Best> {
        // The tie-break's order as a position below 2^32: the rotation's start is 0.
        let modulus = max_seq + 1;
        let pos = |seq: u64| {
            if seq >= self.rot {
                seq - self.rot
            } else {
                seq + (modulus - self.rot)
            }
        };
        let small = |k: &Key, slot: usize, h: &Hot| -> u128 {
            u128::from(match k {
                Key::Cpu(need) => h.cpu.wrapping_sub(*need),
                Key::Memory(need) => h.memory.wrapping_sub(*need),
                Key::PerInstance(per_slot) => per_slot.get(slot).copied().unwrap_or(0),
                _ => 0,
            })
        };
        let packed = |slot: usize, h: &Hot| -> u128 {
            let k0 = self.keys.first().map_or(0, |k| small(k, slot, h));
            let k1 = self.keys.get(1).map_or(0, |k| small(k, slot, h));
            (k0 << 64) | (k1 << 32) | u128::from(pos(h.seq))
        };
        let mut best: Option<Best> = None;
        let mut best_packed = u128::MAX;
        for (c, chunk) in self.idx.hot.chunks(CHUNK).enumerate() {
            let mut k = [u128::MAX; CHUNK];
            for ((j, h), k) in chunk.iter().enumerate().zip(k.iter_mut()) {
                let key = packed(c * CHUNK + j, h);
                *k = if self.passes_kept(c * CHUNK + j, h) {
                    key
                } else {
                    u128::MAX
                };
            }
            if k.iter().copied().min().is_none_or(|m| m >= best_packed) {
                continue;
            }
            for (j, h) in chunk.iter().enumerate() {
                if k[j] >= best_packed || !self.passes_kept(c * CHUNK + j, h) {
                    continue;
                }
                let slot = c * CHUNK + j;
                let k0 = (k[j] >> 64) as u64;
                if let Some(b) = self.better(slot, h, k0, best.as_ref()) {
                    best_packed = k[j];
                    best = Some(b);
                }
            }
        }
        best
    }

    /// Whether an instance fits and passes every check the index answers without reading the
    /// instance: the kept answers of the fixed checks and distinctInstance's group count. In
    /// the chunk loops, so an instance that fails them never looks like a candidate.
    #[inline(always)]
    fn passes_kept(&self, slot: usize, h: &Hot) -> bool {
        self.fits(h)
            && self
                .distinct
                .is_none_or(|counts| counts.get(slot).is_none_or(|c| *c == 0))
            && self.idx.passes_fixed(self.fixed, slot as u32)
    }

    #[inline(always)]
    fn fits(&self, h: &Hot) -> bool {
        let n = &self.req.needs;
        h.eligible && h.cpu >= n.cpu_units && h.memory >= n.memory_mib
    }

    /// One instance whose first key is `k0`: the best from now on if it beats the best so
    /// far on its keys and tie-break and passes every check. With one or two keys, the first
    /// two and the tie-break decide here; with more, a tie on the first two is settled by
    /// [`Scan::better`].
    #[inline(always)]
    fn visit(
        &self,
        best: &mut Option<Best>,
        slot: usize,
        h: &Hot,
        k0: u64,
        second: &dyn Fn(usize, &Hot) -> u64,
    ) {
        if !self.fits(h) {
            return;
        }
        if let Some((keys, tb, _)) = best {
            if k0 > keys[0] {
                return;
            }
            if k0 == keys[0] {
                let k1 = if self.keys.len() > 1 {
                    second(slot, h)
                } else {
                    0
                };
                if k1 > keys[1]
                    || (k1 == keys[1] && self.keys.len() <= 2 && tie_break(h.seq, self.rot) > *tb)
                {
                    return;
                }
            }
        }
        if let Some(c) = self.better(slot, h, k0, best.as_ref()) {
            *best = Some(c);
        }
    }

    /// The instance's keys if it beats `best` and passes every check.
    fn better(&self, slot: usize, h: &Hot, k0: u64, best: Option<&Best>) -> Option<Best> {
        let mut cand = [0u64; MAX_STRATEGIES];
        let tb = tie_break(h.seq, self.rot);
        let mut computed = 0;
        if let (Some(c), Some(_)) = (cand.first_mut(), self.keys.first()) {
            *c = k0;
            computed = 1;
        }
        if let Some((best_keys, best_tb, _)) = best {
            // Compare key by key, computing each only while the previous ones tie.
            let mut order = Ordering::Equal;
            for (j, key) in self.keys.iter().enumerate() {
                if j >= computed {
                    cand[j] = key.of(slot, h);
                    computed = j + 1;
                }
                order = cand[j].cmp(&best_keys[j]);
                if order != Ordering::Equal {
                    break;
                }
            }
            if order == Ordering::Equal {
                order = tb.cmp(best_tb);
            }
            if order != Ordering::Less {
                return None;
            }
        }
        if self
            .distinct
            .is_some_and(|counts| counts.get(slot).is_some_and(|c| *c > 0))
            || !self.idx.passes_fixed(self.fixed, slot as u32)
            || (self.dynamic
                && !self
                    .idx
                    .slots
                    .get(slot)
                    .and_then(|s| self.instances.get(&s.id))
                    .is_some_and(|ci| passes(ci, self.req)))
        {
            return None;
        }
        for (j, key) in self.keys.iter().enumerate().skip(computed) {
            cand[j] = key.of(slot, h);
        }
        Some((cand, tb, slot))
    }
}
