//! What the cluster view shows of things that are not tasks in slots yet, or no longer: EC2
//! instances booting and their agents registering (with the simulated time left), and tasks
//! that stopped while starting (failed, with ECS's reason).
//!
//! Why: both used to be invisible in the drawing. An instance launched for the cluster showed
//! nothing for the minute until its agent registered, and a task that failed to start (a full
//! /28: `ResourceInitializationError ... InsufficientFreeAddressesInSubnet`) left the pending
//! lane like any other, so the most important moment of a lesson happened off screen. A
//! failed task stays drawn, red and with its reason in words, for [`FAILED_SHOWN_MS`] of
//! simulated time: long enough to read at 1x, and still ten seconds at 60x.

use std::collections::BTreeSet;

use crate::model::ec2::{Instance, InstanceState};
use crate::model::task::{StopCode, Task, TaskStatus};
use crate::model::time::{SimTime, MINUTE_MS};
use crate::sim::Sim;

/// How long (simulated) a task that failed to start stays in the drawing.
pub const FAILED_SHOWN_MS: SimTime = 10 * MINUTE_MS;

/// Where an instance launched for the cluster is on its way to registering.
#[derive(Debug, Clone, PartialEq)]
pub enum Boot {
    /// `pending`: the instance boots; `due` is when it will be `running`.
    Booting { due: Option<SimTime> },
    /// `running`: the ECS agent starts and registers at `due`.
    AgentStarting { due: Option<SimTime> },
    /// The agent tried and could not register (it retries when something changes): why, in
    /// full and in a few words ([`super::iam::never_joined`]).
    AgentWaiting { reason: String, short: String },
}

impl Boot {
    /// The words for it at `now`, with the simulated time left.
    pub fn words(&self, now: SimTime) -> String {
        let left = |due: &Option<SimTime>| {
            due.map_or(String::new(), |d| {
                format!(" in {} s", d.saturating_sub(now).div_ceil(1000))
            })
        };
        match self {
            Boot::Booting { due } => format!("booting · running{}", left(due)),
            Boot::AgentStarting { due } => format!("agent registers{}", left(due)),
            Boot::AgentWaiting { reason, .. } => format!("never joined: {reason}"),
        }
    }
}

/// An EC2 instance on its way into the cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Booting<'w> {
    pub instance: &'w Instance,
    pub boot: Boot,
}

/// The instances whose user data names `cluster` and whose agent has not registered yet, in
/// creation order.
pub fn booting<'w>(sim: &'w Sim, cluster: &str) -> Vec<Booting<'w>> {
    let world = &sim.world;
    let mut on_the_way: Vec<&Instance> = world
        .instances
        .values()
        .map(Box::as_ref)
        .filter(|i| {
            matches!(i.state, InstanceState::Pending | InstanceState::Running)
                && i.ami.ecs_agent_version.is_some()
        })
        .collect();
    if on_the_way.is_empty() {
        return Vec::new();
    }
    let registered: BTreeSet<&str> = world
        .container_instances()
        .values()
        .map(|c| c.ec2_instance_id.as_str())
        .collect();
    on_the_way.retain(|i| {
        !registered.contains(i.id.as_str()) && i.ecs_cluster_from_user_data() == cluster
    });
    crate::sort::sort_by_key(&mut on_the_way, |i| i.created_seq);
    on_the_way
        .into_iter()
        .map(|instance| {
            let boot = match (&instance.state, &instance.agent_waiting) {
                (InstanceState::Pending, _) => Boot::Booting {
                    due: sim.instance_step_due(&instance.id),
                },
                (_, Some(reason)) => Boot::AgentWaiting {
                    reason: reason.to_string(),
                    short: super::iam::never_joined(reason),
                },
                _ => Boot::AgentStarting {
                    due: sim.instance_step_due(&instance.id),
                },
            };
            Booting { instance, boot }
        })
        .collect()
}

/// Whether a task stopped while starting, within the last [`FAILED_SHOWN_MS`] before `now`.
pub fn failed_recently(t: &Task, now: SimTime) -> bool {
    t.last_status == TaskStatus::Stopped
        && t.stop_code == Some(StopCode::TaskFailedToStart)
        && t.stopped_at
            .or(t.stopping_at)
            .is_some_and(|at| at.saturating_add(FAILED_SHOWN_MS) > now)
}

/// When a failed task leaves the drawing.
pub fn failed_until(t: &Task) -> SimTime {
    t.stopped_at
        .or(t.stopping_at)
        .unwrap_or(0)
        .saturating_add(FAILED_SHOWN_MS)
}

/// A stop reason in a few words: its error codes (the parts that are one CamelCase word),
/// e.g. "ResourceInitializationError · InsufficientFreeAddressesInSubnet"; the first words of
/// the reason when it has none.
pub fn short_reason(reason: &str) -> String {
    // IAM's denials read by what was denied, to whom.
    if let Some(short) = super::iam::denied_short(reason) {
        return short;
    }
    if let Some(s) = super::efs::short_reason(reason) {
        return s;
    }
    let codes: Vec<&str> = reason
        .split(':')
        .map(str::trim)
        .filter(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_alphanumeric())
                && p.starts_with(|c: char| c.is_ascii_uppercase())
        })
        .collect();
    if codes.is_empty() {
        let mut s: String = reason.chars().take(60).collect();
        if reason.chars().count() > 60 {
            s.push('…');
        }
        s
    } else {
        codes.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_told_by_its_error_codes() {
        assert_eq!(
            short_reason("ResourceInitializationError: unable to create the task's network interface in subnet-1: InsufficientFreeAddressesInSubnet: The specified subnet does not contain enough free private IP addresses to fulfill your request."),
            "ResourceInitializationError · InsufficientFreeAddressesInSubnet"
        );
        assert_eq!(
            short_reason("Essential container in task exited"),
            "Essential container in task exited"
        );
        assert_eq!(short_reason(""), "");
        assert!(short_reason(&"é".repeat(100)).ends_with('…'));
    }

    #[test]
    fn the_countdown_is_in_simulated_seconds() {
        let b = Boot::Booting { due: Some(12_500) };
        assert_eq!(b.words(0), "booting · running in 13 s");
        assert_eq!(b.words(20_000), "booting · running in 0 s");
        assert_eq!(
            Boot::AgentStarting { due: None }.words(0),
            "agent registers"
        );
    }
}
