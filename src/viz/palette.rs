//! Colours the views share, from the Okabe-Ito palette (distinguishable with the common forms
//! of colour blindness), each paired with a word so colour is never the only cue.

use crate::model::task::TaskStatus;
use crate::viz::ip_map::HolderKind;

/// A task's lifecycle phase as the views group it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// PROVISIONING, PENDING, ACTIVATING: on its way.
    Starting,
    Running,
    /// DEACTIVATING, STOPPING, DEPROVISIONING.
    Stopping,
    Stopped,
}

impl Phase {
    pub fn of(status: TaskStatus) -> Phase {
        use TaskStatus::*;
        match status {
            Provisioning | Pending | Activating => Phase::Starting,
            Running => Phase::Running,
            Deactivating | Stopping | Deprovisioning => Phase::Stopping,
            Stopped => Phase::Stopped,
        }
    }

    /// The fill colour of a task in this phase.
    pub fn colour(self) -> &'static str {
        match self {
            Phase::Starting => "#E69F00",
            Phase::Running => "#009E73",
            Phase::Stopping => "#D55E00",
            Phase::Stopped => "#8A939E",
        }
    }

    /// A CSS class naming the phase.
    pub fn class(self) -> &'static str {
        match self {
            Phase::Starting => "phase-starting",
            Phase::Running => "phase-running",
            Phase::Stopping => "phase-stopping",
            Phase::Stopped => "phase-stopped",
        }
    }
}

/// The colour of a load balancer target's health state (its marker's shape says it too).
pub fn target_colour(state: crate::model::elb::TargetState) -> &'static str {
    use crate::model::elb::TargetState::*;
    match state {
        Healthy => "#009E73",
        Initial => "#56B4E9",
        Unhealthy => "#D55E00",
        Draining => "#E69F00",
        Unused | Unavailable => "#8A939E",
    }
}

/// The colour of an address in an IP map.
pub fn holder_colour(kind: HolderKind) -> &'static str {
    match kind {
        HolderKind::Reserved => "#4D4D4D",
        HolderKind::Instance => "#0072B2",
        HolderKind::Trunk => "#CC79A7",
        HolderKind::TaskEni => "#E69F00",
        HolderKind::MountTarget => "#56B4E9",
        HolderKind::LoadBalancer => "#009E73",
        HolderKind::Free => "#DCE3EB",
    }
}

/// The legend of an IP map, in drawing order.
pub const HOLDER_LEGEND: [(HolderKind, &str); 7] = [
    (HolderKind::Reserved, "reserved by AWS"),
    (HolderKind::Instance, "EC2 instance"),
    (HolderKind::Trunk, "trunk ENI"),
    (HolderKind::TaskEni, "task ENI"),
    (HolderKind::LoadBalancer, "load balancer node"),
    (HolderKind::MountTarget, "EFS mount target"),
    (HolderKind::Free, "free"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phase_and_holder_has_its_own_colour() {
        let phases = [
            Phase::Starting,
            Phase::Running,
            Phase::Stopping,
            Phase::Stopped,
        ];
        let mut colours: Vec<&str> = phases.iter().map(|p| p.colour()).collect();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), 4);
        let mut holders: Vec<&str> = HOLDER_LEGEND
            .iter()
            .map(|(k, _)| holder_colour(*k))
            .collect();
        holders.sort_unstable();
        holders.dedup();
        assert_eq!(holders.len(), HOLDER_LEGEND.len());
        assert_eq!(Phase::of(TaskStatus::Provisioning), Phase::Starting);
        assert_eq!(Phase::of(TaskStatus::Deprovisioning), Phase::Stopping);
    }
}
