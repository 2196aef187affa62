//! The timed queue: things that will happen at a simulated instant.
//!
//! Ordered by (time, sequence): two timers due at the same millisecond fire in the order they
//! were scheduled, so a run never depends on anything but the script and the seed.

use std::collections::BTreeMap;

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
}

#[derive(Debug, Clone, Default)]
pub struct TimerQueue {
    items: BTreeMap<(SimTime, u64), Timer>,
    next_seq: u64,
}

impl TimerQueue {
    pub fn schedule(&mut self, at: SimTime, timer: Timer) {
        self.items.insert((at, self.next_seq), timer);
        self.next_seq += 1;
    }

    /// The next timer due at or before `until`, removed from the queue.
    pub fn pop_due(&mut self, until: SimTime) -> Option<(SimTime, Timer)> {
        let (&(at, seq), _) = self.items.first_key_value()?;
        if at > until {
            return None;
        }
        self.items.remove(&(at, seq)).map(|t| (at, t))
    }

    pub fn next_due(&self) -> Option<SimTime> {
        self.items.keys().next().map(|(at, _)| *at)
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
}
