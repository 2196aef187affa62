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

use std::collections::{BTreeMap, BTreeSet};

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
#[derive(Debug, Clone, Default)]
pub struct Bucket {
    /// Class of remaining memory -> (remaining CPU, creation number).
    pub by_cpu: BTreeMap<u8, BTreeSet<(u32, u64)>>,
    /// Class of remaining CPU -> (remaining memory, creation number).
    pub by_memory: BTreeMap<u8, BTreeSet<(u32, u64)>>,
    pub by_seq: BTreeSet<u64>,
}

impl Bucket {
    fn insert(&mut self, e: &Entry) {
        self.by_cpu
            .entry(class_of(e.memory))
            .or_default()
            .insert((e.cpu, e.seq));
        self.by_memory
            .entry(class_of(e.cpu))
            .or_default()
            .insert((e.memory, e.seq));
        self.by_seq.insert(e.seq);
    }

    fn remove(&mut self, e: &Entry) {
        if let Some(set) = self.by_cpu.get_mut(&class_of(e.memory)) {
            set.remove(&(e.cpu, e.seq));
        }
        if let Some(set) = self.by_memory.get_mut(&class_of(e.cpu)) {
            set.remove(&(e.memory, e.seq));
        }
        self.by_seq.remove(&e.seq);
    }
}

/// What an instance was indexed under, to take it out again.
#[derive(Debug, Clone)]
struct Entry {
    cpu: u32,
    memory: u32,
    seq: u64,
    eligible: bool,
    /// The instance's value of every tracked spread attribute, read when its attributes last
    /// changed (`attributes_epoch`), so the hot path does not search its attribute list.
    values: BTreeMap<String, String>,
    attributes_epoch: u64,
}

/// The index of one cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterIndex {
    entries: BTreeMap<String, Entry>,
    /// Creation number -> container instance ID.
    pub ids: BTreeMap<u64, String>,
    /// Eligible instances.
    pub all: Bucket,
    /// attribute -> value -> eligible instances with that value.
    pub spread: BTreeMap<String, BTreeMap<String, Bucket>>,
    /// attribute -> value -> group -> live tasks of the group on instances with the value
    /// (eligible or not).
    pub counts: BTreeMap<String, BTreeMap<String, BTreeMap<String, u64>>>,
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

impl ClusterIndex {
    /// Re-enters an instance after anything placement reads changed (reservations, status,
    /// agent). INACTIVE instances leave the index.
    pub fn update(&mut self, ci: &ContainerInstance) {
        let old = self.entries.remove(&ci.id);
        if let Some(old) = &old {
            if old.eligible {
                self.all.remove(old);
                for (attr, buckets) in self.spread.iter_mut() {
                    if let Some(b) = old.values.get(attr).and_then(|v| buckets.get_mut(v)) {
                        b.remove(old);
                    }
                }
            }
        }
        if ci.status == ContainerInstanceStatus::Inactive {
            // Its tasks no longer count for spread (placement ignores INACTIVE instances).
            if self.ids.remove(&ci.created_seq).is_some() {
                let values = old.map(|o| o.values).unwrap_or_else(|| self.values_of(ci));
                for (g, n) in &ci.task_groups {
                    adjust_counts(&mut self.counts, &values, g, -i64::from(*n));
                }
            }
            return;
        }
        let values = match old {
            Some(o) if o.attributes_epoch == ci.attributes_epoch => o.values,
            Some(o) => {
                // Its attributes changed: its tasks now count under the new values.
                let new = self.values_of(ci);
                for (g, n) in &ci.task_groups {
                    adjust_counts(&mut self.counts, &o.values, g, -i64::from(*n));
                    adjust_counts(&mut self.counts, &new, g, i64::from(*n));
                }
                new
            }
            None => self.values_of(ci),
        };
        let e = Entry {
            cpu: ci.remaining_cpu_units(),
            memory: ci.remaining_memory_mib(),
            seq: ci.created_seq,
            eligible: eligible(ci),
            values,
            attributes_epoch: ci.attributes_epoch,
        };
        if e.eligible {
            self.all.insert(&e);
            for (attr, buckets) in self.spread.iter_mut() {
                let value = e.values.get(attr).map_or("", String::as_str);
                match buckets.get_mut(value) {
                    Some(b) => b.insert(&e),
                    None => buckets.entry(value.to_string()).or_default().insert(&e),
                }
            }
        }
        self.ids.insert(ci.created_seq, ci.id.clone());
        self.entries.insert(ci.id.clone(), e);
    }

    /// An instance's values of the tracked attributes, read from its attribute list.
    fn values_of(&self, ci: &ContainerInstance) -> BTreeMap<String, String> {
        self.spread
            .keys()
            .map(|a| (a.clone(), value_of(ci, a)))
            .collect()
    }

    /// A task of `group` started (+1) or stopped (-1) on an instance.
    /// (An INACTIVE instance's tasks were taken out of the counts when it became inactive.)
    pub fn group_changed(&mut self, ci: &ContainerInstance, group: &str, delta: i64) {
        if ci.status == ContainerInstanceStatus::Inactive {
            return;
        }
        // Split borrows: read the entry's values while counting, without copying them (this
        // runs for every task that starts or stops).
        let Some(entry) = self.entries.get(&ci.id) else {
            return;
        };
        adjust_counts(&mut self.counts, &entry.values, group, delta);
    }
}

/// Adds `delta` tasks of `group` under the instance's value of every tracked attribute.
fn adjust_counts(
    counts: &mut BTreeMap<String, BTreeMap<String, BTreeMap<String, u64>>>,
    values: &BTreeMap<String, String>,
    group: &str,
    delta: i64,
) {
    for (attr, per_value) in counts.iter_mut() {
        let value = values.get(attr).map_or("", String::as_str);
        let per_group = match per_value.get_mut(value) {
            Some(g) => g,
            None => per_value.entry(value.to_string()).or_default(),
        };
        match per_group.get_mut(group) {
            Some(n) => *n = n.saturating_add_signed(delta),
            None => {
                per_group.insert(group.to_string(), 0u64.saturating_add_signed(delta));
            }
        }
    }
}

impl ClusterIndex {
    /// Starts tracking an attribute for spread, from the instances as they are now.
    pub fn track(&mut self, attribute: &str, instances: &[&ContainerInstance]) {
        if self.spread.contains_key(attribute) {
            return;
        }
        let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
        let mut counts: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for ci in instances {
            let value = value_of(ci, attribute);
            if let Some(e) = self.entries.get_mut(&ci.id) {
                e.values.insert(attribute.to_string(), value.clone());
                if e.eligible {
                    buckets.entry(value.clone()).or_default().insert(e);
                }
            }
            let per_group = counts.entry(value).or_default();
            for (g, n) in &ci.task_groups {
                *per_group.entry(g.clone()).or_insert(0) += u64::from(*n);
            }
        }
        self.spread.insert(attribute.to_string(), buckets);
        self.counts.insert(attribute.to_string(), counts);
    }
}
