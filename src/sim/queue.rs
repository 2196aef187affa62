//! The timed queue: things that will happen at a simulated instant.
//!
//! Ordered by (time, sequence): two timers due at the same millisecond fire in the order they
//! were scheduled, so a run never depends on anything but the script and the seed. (A binary
//! heap on that pair: scheduling is what a busy simulation does most, and a heap takes a new
//! timer in a few comparisons without allocating a tree node for it.)

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::model::time::SimTime;

/// Something scheduled to happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timer {
    /// An EC2 instance finishes booting (`pending` -> `running`).
    InstanceRunning { instance_id: String },
    /// The ECS agent on a running instance starts and tries to register.
    AgentStarted { instance_id: String },
    /// A shutting-down instance reaches `terminated`.
    InstanceTerminated { instance_id: String },
    /// A terminated instance drops out of describe-instances.
    InstanceForgotten { instance_id: String },
    /// A task in `from` moves to its next lifecycle state (a task that has meanwhile moved
    /// on, say stopped while pulling, ignores it).
    TaskStep {
        task_id: String,
        from: crate::model::task::TaskStatus,
    },
    /// One of a task's containers exits.
    ContainerExit {
        task_id: String,
        index: usize,
        exit_code: i32,
    },
    /// A task stopped an hour ago drops out of describe-tasks.
    TaskForgotten { task_id: String },
    /// An EFS file system, mount target or access point (by ID) becomes `available`.
    EfsAvailable { id: String },
    /// A deleted EFS resource disappears.
    EfsGone { id: String },
    /// Service Auto Scaling evaluates the policies of a scalable target (every minute).
    ScalingTick { resource_id: String },
    /// The service scheduler looks at a service (a check no longer due is void).
    ServiceCheck { service_arn: String },
    /// Load balancer work: health checks, draining, provisioning.
    Elb(crate::sim::elb::ElbTimer),
}

#[derive(Debug, Clone, Default)]
pub struct TimerQueue {
    /// The earliest (time, sequence) on top.
    items: BinaryHeap<Reverse<Scheduled>>,
    next_seq: u64,
}

/// A timer with its due time and scheduling number, ordered by those two alone (they are
/// unique: no two timers tie).
#[derive(Debug, Clone)]
struct Scheduled {
    at: SimTime,
    seq: u64,
    timer: Timer,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Scheduled) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl Eq for Scheduled {}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Scheduled) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scheduled {
    fn cmp(&self, other: &Scheduled) -> Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

impl TimerQueue {
    pub fn schedule(&mut self, at: SimTime, timer: Timer) {
        self.items.push(Reverse(Scheduled {
            at,
            seq: self.next_seq,
            timer,
        }));
        self.next_seq += 1;
    }

    /// The next timer due at or before `until`, removed from the queue.
    pub fn pop_due(&mut self, until: SimTime) -> Option<(SimTime, Timer)> {
        if self.items.peek()?.0.at > until {
            return None;
        }
        self.items.pop().map(|Reverse(s)| (s.at, s.timer))
    }

    pub fn next_due(&self) -> Option<SimTime> {
        self.items.peek().map(|Reverse(s)| s.at)
    }

    /// Every pending timer with its due time, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (SimTime, &Timer)> {
        self.items.iter().map(|Reverse(s)| (s.at, &s.timer))
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_in_time_then_schedule_order() {
        let mut q = TimerQueue::default();
        let t = |s: &str| Timer::AgentStarted {
            instance_id: s.into(),
        };
        q.schedule(50, t("b"));
        q.schedule(10, t("a"));
        q.schedule(50, t("c"));
        assert_eq!(q.next_due(), Some(10));
        assert_eq!(q.pop_due(9), None);
        assert_eq!(q.pop_due(100), Some((10, t("a"))));
        assert_eq!(q.pop_due(100), Some((50, t("b"))));
        assert_eq!(q.pop_due(100), Some((50, t("c"))));
        assert!(q.is_empty());
    }

    #[test]
    fn many_timers_fire_in_time_then_schedule_order() {
        let mut q = TimerQueue::default();
        let mut expected = Vec::new();
        let mut x = 7u64;
        for i in 0..500u64 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (x >> 33) % 40;
            q.schedule(
                at,
                Timer::TaskForgotten {
                    task_id: i.to_string(),
                },
            );
            expected.push((at, i));
        }
        expected.sort();
        let mut fired = Vec::new();
        for until in [10, 10, 25, 100] {
            while let Some((at, Timer::TaskForgotten { task_id })) = q.pop_due(until) {
                assert!(at <= until);
                fired.push((at, task_id.parse::<u64>().unwrap_or(u64::MAX)));
            }
        }
        assert_eq!(fired, expected);
        assert!(q.is_empty());
    }
}
