//! An index of a cluster's instances, kept up to date as tasks come and go, so placement on a
//! large cluster does not visit every instance for every task (DESIGN.md §6: 10 µs a
//! placement on 5,000 instances).
//!
//! Instances that can take tasks (ACTIVE, agent connected) sit in buckets ordered by
//! remaining CPU and memory; for every attribute a `spread` strategy has asked about, there is
//! a bucket per attribute value, with the group's task count per value. The fast path walks a
//! bucket from the smallest remaining amount that fits, and stops at the first instance that
//! passes every check: with binpack that is the winner (ties broken by the rotation described
//! in [`super::engine`]).
//!
//! Every instance the index has seen has a *slot* (a number that stays its own), which the
//! buckets carry next to its creation number: the hot path reaches what it needs about a
//! candidate (remaining amounts, and the answers of the checks that only read what is fixed
//! until the instance's attributes change) by position, without looking the instance up by
//! its ID.

use std::collections::{BTreeMap, BTreeSet};

use super::facts::InstanceFacts;
use super::ledger::Texts;
use super::query::Expr;
use super::request::{Constraint, PlacementRequest, Strategy};
use crate::model::ecs::{ContainerInstance, ContainerInstanceStatus};

/// A size class of a remaining amount: 0 for 0, else the bit length (1 for 1, 2 for 2-3,
/// 3 for 4-7, ...). Class `c` holds values up to `2^c - 1`.
pub fn class_of(amount: u32) -> u8 {
    (32 - amount.leading_zeros()) as u8
}

/// The largest amount a class holds.
pub fn class_max(class: u8) -> u32 {
    if class >= 32 {
        u32::MAX
    } else {
        (1u32 << class) - 1
    }
}

/// Instances ordered three ways. The binpack orders are split by the size class of the
/// *other* resource, so a walk by memory can skip, class by class, instances whose remaining
/// CPU cannot fit the task (and the other way round) instead of visiting each of them.
/// Every element carries the instance's slot last (it does not change the order: creation
/// numbers are unique).
#[derive(Debug, Clone, Default)]
pub struct Bucket {
    /// Class of remaining memory -> (remaining CPU, creation number, slot).
    pub by_cpu: BTreeMap<u8, BTreeSet<(u32, u64, u32)>>,
    /// Class of remaining CPU -> (remaining memory, creation number, slot).
    pub by_memory: BTreeMap<u8, BTreeSet<(u32, u64, u32)>>,
    /// (creation number, slot).
    pub by_seq: BTreeSet<(u64, u32)>,
}

/// Which of a bucket's orders the index keeps: each from the first request that walks it on
/// (a cluster that only ever binpacks by memory keeps only the memory order up to date).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Orders {
    pub cpu: bool,
    pub memory: bool,
    pub seq: bool,
}

impl Bucket {
    fn insert_amounts(&mut self, o: Orders, seq: u64, slot: u32, cpu: u32, memory: u32) {
        if o.cpu {
            self.by_cpu
                .entry(class_of(memory))
                .or_default()
                .insert((cpu, seq, slot));
        }
        if o.memory {
            self.by_memory
                .entry(class_of(cpu))
                .or_default()
                .insert((memory, seq, slot));
        }
    }

    fn remove_amounts(&mut self, o: Orders, seq: u64, slot: u32, cpu: u32, memory: u32) {
        if o.cpu {
            if let Some(set) = self.by_cpu.get_mut(&class_of(memory)) {
                set.remove(&(cpu, seq, slot));
            }
        }
        if o.memory {
            if let Some(set) = self.by_memory.get_mut(&class_of(cpu)) {
                set.remove(&(memory, seq, slot));
            }
        }
    }

    fn insert(&mut self, o: Orders, h: &Hot, slot: u32) {
        self.insert_amounts(o, h.seq, slot, h.cpu, h.memory);
        if o.seq {
            self.by_seq.insert((h.seq, slot));
        }
    }

    fn remove(&mut self, o: Orders, h: &Hot, slot: u32) {
        self.remove_amounts(o, h.seq, slot, h.cpu, h.memory);
        if o.seq {
            self.by_seq.remove(&(h.seq, slot));
        }
    }
}

/// One value of a tracked spread attribute.
#[derive(Debug, Clone, Default)]
pub struct SpreadValue {
    /// The eligible instances with the value.
    pub bucket: Bucket,
    /// group -> live tasks of the group on instances with the value (eligible or not).
    pub groups: BTreeMap<String, u64>,
}

impl SpreadValue {
    /// Live tasks of `group` on instances with the value.
    pub fn count(&self, group: &str) -> u64 {
        self.groups.get(group).copied().unwrap_or(0)
    }
}

/// attribute -> value -> what the index keeps for the value.
type Spread = BTreeMap<String, BTreeMap<String, SpreadValue>>;

/// What the index knows of one instance, as of its last update, that placement reads only
/// once it has chosen (names) or when the instance's attributes change.
#[derive(Debug, Clone)]
pub struct Slot {
    /// The container instance ID, ARN and EC2 instance ID (fixed for an instance: a ledger
    /// copies them from here).
    pub id: String,
    pub arn: String,
    pub ec2_instance_id: String,
    /// Whether the instance is entered (not INACTIVE): it counts, and if eligible it sits in
    /// the buckets.
    present: bool,
    /// Whether it is ACTIVE (RunTask refuses a cluster with no ACTIVE instance).
    active: bool,
    /// The instance's value of every tracked spread attribute, read when its attributes last
    /// changed (`attributes_epoch`), so the hot path does not search its attribute list.
    values: BTreeMap<String, String>,
    attributes_epoch: u64,
}

/// What the scan of [`super::scan`] reads of every instance for every decision, kept apart
/// from the names so a scan of 5,000 instances reads 24 bytes each.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hot {
    pub seq: u64,
    /// Remaining CPU units and MiB.
    pub cpu: u32,
    pub memory: u32,
    /// Entered, ACTIVE and its agent connected: it can take a task if it fits.
    pub eligible: bool,
}

/// Per slot, the id of the instance's value of one tracked attribute (for scans, which rank
/// spread by counting per value without reading strings).
#[derive(Debug, Clone, Default)]
pub struct Column {
    /// Value -> id; ids index `names`.
    ids: BTreeMap<String, u32>,
    pub names: Vec<String>,
    /// Per slot, the id of its value (`u32::MAX` for a slot not entered).
    pub of_slot: Vec<u32>,
    /// Per value id, the slots with the value.
    pub members: Vec<Vec<u32>>,
}

impl Column {
    fn set(&mut self, slot: u32, value: &str) {
        let id = match self.ids.get(value) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(value.to_string());
                self.ids.insert(value.to_string(), id);
                id
            }
        };
        let i = slot as usize;
        if self.of_slot.len() <= i {
            self.of_slot.resize(i + 1, u32::MAX);
        }
        let old = std::mem::replace(&mut self.of_slot[i], id);
        if old == id {
            return;
        }
        if let Some(list) = self.members.get_mut(old as usize) {
            list.retain(|s| *s != slot);
        }
        if self.members.len() <= id as usize {
            self.members.resize(id as usize + 1, Vec::new());
        }
        self.members[id as usize].push(slot);
    }
}

/// Per slot, the live tasks of one group (spread(instanceId) and distinctInstance read it).
#[derive(Debug, Clone, Default)]
struct GroupColumn {
    per_slot: Vec<u32>,
    last_used: u64,
}

/// How many groups a cluster keeps per-instance counts for (the least recently used goes
/// first, and is counted again if asked for later).
const MAX_GROUPS: usize = 16;

/// How many different sets of fixed checks a cluster keeps answers for (the least recently
/// used goes first).
const MAX_FILTERS: usize = 8;

/// The checks of a request that read only what stays fixed until an instance's attributes
/// change (required attributes, `memberOf` over fixed subjects), answered once per instance
/// and kept: re-answered for an instance when its attributes change.
#[derive(Debug, Clone)]
struct FixedChecks {
    attributes: Vec<(String, Option<String>)>,
    exprs: Vec<Expr>,
    /// Per slot: whether the instance passes.
    verdicts: Vec<bool>,
    last_used: u64,
}

impl FixedChecks {
    fn of(req: &PlacementRequest) -> impl Iterator<Item = &Expr> {
        req.constraints.iter().filter_map(|c| match c {
            Constraint::MemberOf(e) if e.reads_only_fixed_subjects() => Some(e),
            _ => None,
        })
    }

    fn serves(&self, req: &PlacementRequest) -> bool {
        self.attributes == req.needs.attributes
            && Self::of(req)
                .map(Expr::as_str)
                .eq(self.exprs.iter().map(Expr::as_str))
    }

    /// The same answers as the reference path's attribute and memberOf checks.
    fn passes(&self, ci: &ContainerInstance) -> bool {
        self.attributes
            .iter()
            .all(|(name, value)| match ci.attribute(name) {
                None => false,
                Some(a) => value.is_none() || a.value.as_ref() == value.as_ref(),
            })
            && (self.exprs.is_empty() || {
                let facts = InstanceFacts::from_instance(ci);
                self.exprs.iter().all(|e| e.eval(&facts))
            })
    }
}

/// The index of one cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterIndex {
    /// Creation number -> slot, of every instance the index has seen.
    slot_of: BTreeMap<u64, u32>,
    pub slots: Vec<Slot>,
    /// Per slot, what a scan reads.
    pub hot: Vec<Hot>,
    /// Creation numbers of the instances placement considers (every one not INACTIVE).
    pub live: BTreeSet<u64>,
    /// How many entered instances are ACTIVE.
    active: u32,
    /// Eligible instances (kept from the first request without spread on).
    pub all: Option<Bucket>,
    /// The orders the buckets keep.
    pub orders: Orders,
    /// attribute -> value -> the eligible instances with that value, and the tasks per group
    /// on every instance with that value.
    pub spread: BTreeMap<String, BTreeMap<String, SpreadValue>>,
    /// attribute -> per slot the id of its value (every tracked attribute has one).
    pub columns: BTreeMap<String, Column>,
    /// group -> per slot its live tasks, for the groups asked about lately.
    groups: BTreeMap<String, GroupColumn>,
    /// group -> the slots of entered instances with live tasks of the group, and how many:
    /// kept for every group, so counting a group per slot never visits the instances.
    group_slots: BTreeMap<String, BTreeMap<u32, u32>>,
    fixed: Vec<FixedChecks>,
    uses: u64,
    /// The last request's strategies, and its strategies and constraints as a ledger reads
    /// them (every decision of the request shares the texts).
    described: Option<(Vec<Strategy>, Texts, Texts)>,
}

fn eligible(ci: &ContainerInstance) -> bool {
    ci.status == ContainerInstanceStatus::Active && ci.agent_connected
}

/// The value an instance has for a spread attribute ("" when it lacks it).
pub fn value_of(ci: &ContainerInstance, attribute: &str) -> String {
    ci.attribute(attribute)
        .and_then(|a| a.value.clone())
        .unwrap_or_default()
}

/// The attribute every cluster's index tracks from its first instance on: spread by AZ is
/// what services use by default and what learners try first.
pub const AZ_ATTRIBUTE: &str = "ecs.availability-zone";

impl ClusterIndex {
    /// An empty index that keeps every order and tracks the AZ attribute from the start, so
    /// the first RunTask of a kind on a large cluster does not wait for the index to be built
    /// over every instance (each instance then costs a few more tree updates as it changes).
    pub fn new() -> ClusterIndex {
        let mut idx = ClusterIndex {
            orders: Orders {
                cpu: true,
                memory: true,
                seq: true,
            },
            all: Some(Bucket::default()),
            ..ClusterIndex::default()
        };
        idx.track(AZ_ATTRIBUTE, &[]);
        idx
    }

    /// Re-enters an instance after anything placement reads changed (reservations, status,
    /// agent). INACTIVE instances leave the index.
    pub fn update(&mut self, ci: &ContainerInstance) {
        let slot = match self.slot_of.get(&ci.created_seq) {
            Some(&slot) => slot,
            None => {
                let slot = self.slots.len() as u32;
                self.slots.push(Slot {
                    id: ci.id.clone(),
                    arn: ci.arn.clone(),
                    ec2_instance_id: ci.ec2_instance_id.clone(),
                    present: false,
                    active: false,
                    values: BTreeMap::new(),
                    attributes_epoch: ci.attributes_epoch,
                });
                self.hot.push(Hot {
                    seq: ci.created_seq,
                    ..Hot::default()
                });
                for f in &mut self.fixed {
                    f.verdicts.push(false);
                }
                for g in self.groups.values_mut() {
                    g.per_slot.push(0);
                }
                self.slot_of.insert(ci.created_seq, slot);
                slot
            }
        };
        let (Some(s), Some(h)) = (
            self.slots.get_mut(slot as usize),
            self.hot.get_mut(slot as usize),
        ) else {
            return;
        };
        let was_in_buckets = s.present && h.eligible;
        if s.active {
            self.active -= 1;
        }
        s.active = ci.status == ContainerInstanceStatus::Active;
        if ci.status == ContainerInstanceStatus::Inactive {
            s.active = false;
            if was_in_buckets {
                remove_everywhere(self.orders, &mut self.all, &mut self.spread, s, h, slot);
            }
            if s.present {
                // Its tasks no longer count for spread (placement ignores INACTIVE instances).
                s.present = false;
                h.eligible = false;
                self.live.remove(&h.seq);
                for (g, n) in &ci.task_groups {
                    adjust_counts(&mut self.spread, &s.values, g, -i64::from(*n));
                    adjust_slot(&mut self.group_slots, g, slot, -i64::from(*n));
                }
            }
            return;
        }
        if s.active {
            self.active += 1;
        }
        let fresh = !s.present || s.attributes_epoch != ci.attributes_epoch;
        if fresh {
            if was_in_buckets {
                remove_everywhere(self.orders, &mut self.all, &mut self.spread, s, h, slot);
            }
            let new = values_of(&self.spread, ci);
            if s.present {
                // Its attributes changed: its tasks now count under the new values.
                for (g, n) in &ci.task_groups {
                    adjust_counts(&mut self.spread, &s.values, g, -i64::from(*n));
                    adjust_counts(&mut self.spread, &new, g, i64::from(*n));
                }
            } else {
                // Entered: its tasks count per instance too.
                for (g, col) in self.groups.iter_mut() {
                    if let Some(n) = col.per_slot.get_mut(slot as usize) {
                        *n = ci.task_groups.get(g).copied().unwrap_or(0);
                    }
                }
                for (g, n) in &ci.task_groups {
                    adjust_slot(&mut self.group_slots, g, slot, i64::from(*n));
                }
            }
            for (attr, col) in self.columns.iter_mut() {
                col.set(slot, new.get(attr).map_or("", String::as_str));
            }
            s.values = new;
            s.attributes_epoch = ci.attributes_epoch;
            for f in &mut self.fixed {
                let ok = f.passes(ci);
                if let Some(v) = f.verdicts.get_mut(slot as usize) {
                    *v = ok;
                }
            }
        }
        let (cpu, memory) = (ci.remaining_cpu_units(), ci.remaining_memory_mib());
        let now_eligible = eligible(ci);
        if !fresh && was_in_buckets && now_eligible {
            // Still in the same buckets: only its place in the amount orders moves.
            if (h.cpu, h.memory) != (cpu, memory) {
                let o = self.orders;
                if let Some(all) = &mut self.all {
                    all.remove_amounts(o, h.seq, slot, h.cpu, h.memory);
                    all.insert_amounts(o, h.seq, slot, cpu, memory);
                }
                for (attr, values) in self.spread.iter_mut() {
                    let value = s.values.get(attr).map_or("", String::as_str);
                    if let Some(v) = values.get_mut(value) {
                        v.bucket.remove_amounts(o, h.seq, slot, h.cpu, h.memory);
                        v.bucket.insert_amounts(o, h.seq, slot, cpu, memory);
                    }
                }
                h.cpu = cpu;
                h.memory = memory;
            }
            return;
        }
        if !fresh && was_in_buckets {
            remove_everywhere(self.orders, &mut self.all, &mut self.spread, s, h, slot);
        }
        h.cpu = cpu;
        h.memory = memory;
        s.present = true;
        h.eligible = now_eligible;
        self.live.insert(h.seq);
        if now_eligible {
            insert_everywhere(self.orders, &mut self.all, &mut self.spread, s, h, slot);
        }
    }

    /// Whether any entered instance is ACTIVE.
    pub fn has_active(&self) -> bool {
        self.active > 0
    }

    /// A task of `group` started (+1) or stopped (-1) on an instance.
    /// (An INACTIVE instance's tasks were taken out of the counts when it became inactive.)
    pub fn group_changed(&mut self, ci: &ContainerInstance, group: &str, delta: i64) {
        if ci.status == ContainerInstanceStatus::Inactive {
            return;
        }
        let Some((slot, s)) = self
            .slot_of
            .get(&ci.created_seq)
            .and_then(|&slot| Some((slot, self.slots.get(slot as usize)?)))
            .filter(|(_, s)| s.present)
        else {
            return;
        };
        adjust_counts(&mut self.spread, &s.values, group, delta);
        adjust_slot(&mut self.group_slots, group, slot, delta);
        if let Some(n) = self
            .groups
            .get_mut(group)
            .and_then(|g| g.per_slot.get_mut(slot as usize))
        {
            *n = n.saturating_add_signed(delta as i32);
        }
    }

    /// Keeps per slot the live tasks of `group` ([`ClusterIndex::group_counts`]): filled now
    /// from the slots that hold the group if it was not kept, kept up to date from then on.
    pub fn keep_group(&mut self, group: &str) {
        self.uses += 1;
        let uses = self.uses;
        if !self.groups.contains_key(group) {
            if self.groups.len() >= MAX_GROUPS {
                let oldest = self
                    .groups
                    .iter()
                    .min_by_key(|(_, g)| g.last_used)
                    .map(|(name, _)| name.clone());
                if let Some(name) = oldest {
                    self.groups.remove(&name);
                }
            }
            let mut per_slot = vec![0; self.slots.len()];
            for (slot, n) in self.group_slots.get(group).into_iter().flatten() {
                if let Some(c) = per_slot.get_mut(*slot as usize) {
                    *c = *n;
                }
            }
            self.groups.insert(
                group.to_string(),
                GroupColumn {
                    per_slot,
                    last_used: uses,
                },
            );
        }
        if let Some(g) = self.groups.get_mut(group) {
            g.last_used = uses;
        }
    }

    /// Per slot, the live tasks of a group kept by [`ClusterIndex::keep_group`].
    pub fn group_counts(&self, group: &str) -> Option<&[u32]> {
        self.groups.get(group).map(|g| g.per_slot.as_slice())
    }

    /// The index of the kept answers to the request's fixed checks, answered now for every
    /// instance if no answers are kept yet; None when the request has no fixed checks.
    /// `lookup` finds an instance by ID.
    pub fn fixed_checks<'a>(
        &mut self,
        req: &PlacementRequest,
        lookup: impl Fn(&str) -> Option<&'a ContainerInstance>,
    ) -> Option<usize> {
        if req.needs.attributes.is_empty() && FixedChecks::of(req).next().is_none() {
            return None;
        }
        self.uses += 1;
        if let Some(i) = self.fixed.iter().position(|f| f.serves(req)) {
            if let Some(f) = self.fixed.get_mut(i) {
                f.last_used = self.uses;
            }
            return Some(i);
        }
        if self.fixed.len() >= MAX_FILTERS {
            let oldest = self
                .fixed
                .iter()
                .enumerate()
                .min_by_key(|(_, f)| f.last_used)
                .map(|(i, _)| i);
            if let Some(i) = oldest {
                self.fixed.remove(i);
            }
        }
        let mut f = FixedChecks {
            attributes: req.needs.attributes.clone(),
            exprs: FixedChecks::of(req).cloned().collect(),
            verdicts: Vec::with_capacity(self.slots.len()),
            last_used: self.uses,
        };
        for s in &self.slots {
            let ok = s.present && lookup(&s.id).is_some_and(|ci| f.passes(ci));
            f.verdicts.push(ok);
        }
        self.fixed.push(f);
        Some(self.fixed.len() - 1)
    }

    /// Whether the instance in `slot` passes the kept checks `fixed` (see
    /// [`ClusterIndex::fixed_checks`]).
    pub fn passes_fixed(&self, fixed: Option<usize>, slot: u32) -> bool {
        match fixed {
            None => true,
            Some(i) => self
                .fixed
                .get(i)
                .and_then(|f| f.verdicts.get(slot as usize))
                .copied()
                .unwrap_or(false),
        }
    }
}

impl ClusterIndex {
    /// The request's strategies and constraints as a ledger reads them, written once for
    /// the decisions of one request.
    pub fn described(&mut self, req: &PlacementRequest) -> (Texts, Texts) {
        if let Some((strategies, strategy_texts, constraint_texts)) = &self.described {
            if *strategies == req.strategies
                && constraint_texts.len() == req.constraints.len()
                && req
                    .constraints
                    .iter()
                    .zip(constraint_texts.iter())
                    .all(|(c, text)| c.describes_as(text))
            {
                return (strategy_texts.clone(), constraint_texts.clone());
            }
        }
        let strategy_texts: Texts = req.strategies.iter().map(Strategy::describe).collect();
        let constraint_texts: Texts = req.constraints.iter().map(Constraint::describe).collect();
        self.described = Some((
            req.strategies.clone(),
            strategy_texts.clone(),
            constraint_texts.clone(),
        ));
        (strategy_texts, constraint_texts)
    }
}

/// Takes an entered, eligible instance out of every bucket.
fn remove_everywhere(
    o: Orders,
    all: &mut Option<Bucket>,
    spread: &mut Spread,
    s: &Slot,
    h: &Hot,
    slot: u32,
) {
    if let Some(all) = all {
        all.remove(o, h, slot);
    }
    for (attr, values) in spread.iter_mut() {
        if let Some(v) = s.values.get(attr).and_then(|v| values.get_mut(v)) {
            v.bucket.remove(o, h, slot);
        }
    }
}

/// Puts an entered, eligible instance in every bucket it belongs to.
fn insert_everywhere(
    o: Orders,
    all: &mut Option<Bucket>,
    spread: &mut Spread,
    s: &Slot,
    h: &Hot,
    slot: u32,
) {
    if let Some(all) = all {
        all.insert(o, h, slot);
    }
    for (attr, values) in spread.iter_mut() {
        let value = s.values.get(attr).map_or("", String::as_str);
        with_value(values, value, |v| v.bucket.insert(o, h, slot));
    }
}

/// Calls `f` on a value's entry, made empty the first time (the value is copied only then).
fn with_value(
    values: &mut BTreeMap<String, SpreadValue>,
    value: &str,
    f: impl FnOnce(&mut SpreadValue),
) {
    if let Some(v) = values.get_mut(value) {
        return f(v);
    }
    f(values.entry(value.to_string()).or_default())
}

/// An instance's values of the tracked attributes, read from its attribute list.
fn values_of(spread: &Spread, ci: &ContainerInstance) -> BTreeMap<String, String> {
    spread
        .keys()
        .map(|a| (a.clone(), value_of(ci, a)))
        .collect()
}

/// Adds `delta` tasks of `group` to a slot's count.
fn adjust_slot(
    group_slots: &mut BTreeMap<String, BTreeMap<u32, u32>>,
    group: &str,
    slot: u32,
    delta: i64,
) {
    let slots = match group_slots.get_mut(group) {
        Some(slots) => slots,
        None if delta > 0 => group_slots.entry(group.to_string()).or_default(),
        None => return,
    };
    let n = slots.entry(slot).or_insert(0);
    *n = (i64::from(*n) + delta).clamp(0, i64::from(u32::MAX)) as u32;
    if *n == 0 {
        slots.remove(&slot);
        if slots.is_empty() {
            group_slots.remove(group);
        }
    }
}

/// Adds `delta` tasks of `group` under the instance's value of every tracked attribute.
fn adjust_counts(spread: &mut Spread, values: &BTreeMap<String, String>, group: &str, delta: i64) {
    for (attr, per_value) in spread.iter_mut() {
        let value = values.get(attr).map_or("", String::as_str);
        with_value(per_value, value, |v| match v.groups.get_mut(group) {
            Some(n) => *n = n.saturating_add_signed(delta),
            None => {
                v.groups
                    .insert(group.to_string(), 0u64.saturating_add_signed(delta));
            }
        });
    }
}

impl ClusterIndex {
    /// Makes sure the buckets keep `order` (the creation order when None), and that the
    /// cluster-wide bucket is kept when `all`: what the first request that needs them builds
    /// from the instances as they are now, and every update keeps from then on.
    pub fn keep(&mut self, all: bool, order: Option<super::request::Resource>) {
        use super::request::Resource;
        let mut more = Orders::default();
        match order {
            Some(Resource::Cpu) => more.cpu = !self.orders.cpu,
            Some(Resource::Memory) => more.memory = !self.orders.memory,
            None => more.seq = !self.orders.seq,
        }
        let new_all = all && self.all.is_none();
        if more == Orders::default() && !new_all {
            return;
        }
        self.orders.cpu |= more.cpu;
        self.orders.memory |= more.memory;
        self.orders.seq |= more.seq;
        if new_all {
            self.all = Some(Bucket::default());
        }
        for (slot, (s, h)) in self.slots.iter().zip(&self.hot).enumerate() {
            if !(s.present && h.eligible) {
                continue;
            }
            let slot = slot as u32;
            if let Some(all) = &mut self.all {
                // A new cluster-wide bucket takes every kept order; an old one the new order.
                all.insert(if new_all { self.orders } else { more }, h, slot);
            }
            if more != Orders::default() {
                insert_everywhere(more, &mut None, &mut self.spread, s, h, slot);
            }
        }
    }

    /// Starts tracking an attribute for spread, from the instances as they are now.
    pub fn track(&mut self, attribute: &str, instances: &[&ContainerInstance]) {
        if self.spread.contains_key(attribute) {
            return;
        }
        let mut values: BTreeMap<String, SpreadValue> = BTreeMap::new();
        let mut column = Column::default();
        for ci in instances {
            let value = value_of(ci, attribute);
            let entry = values.entry(value.clone()).or_default();
            let slot = self.slot_of.get(&ci.created_seq).copied();
            if let Some((slot, s, h)) = slot.and_then(|slot| {
                Some((
                    slot,
                    self.slots.get_mut(slot as usize)?,
                    self.hot.get(slot as usize)?,
                ))
            }) {
                if s.present {
                    if h.eligible {
                        entry.bucket.insert(self.orders, h, slot);
                    }
                    column.set(slot, &value);
                    s.values.insert(attribute.to_string(), value);
                }
            }
            for (g, n) in &ci.task_groups {
                *entry.groups.entry(g.clone()).or_insert(0) += u64::from(*n);
            }
        }
        self.spread.insert(attribute.to_string(), values);
        column.of_slot.resize(self.slots.len(), u32::MAX);
        self.columns.insert(attribute.to_string(), column);
    }
}
