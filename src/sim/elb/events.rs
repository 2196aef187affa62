//! What happens to load balancers and their targets, as typed events (one variant per kind,
//! past tense). The log holds them as `What::Elb`; `sim events` prints the variant's name as
//! the kind, so views and tests match on `TargetHealthChanged`, never on the sentence.

use std::fmt;

use crate::model::elb::{ReasonCode, TargetState};

#[derive(Debug, Clone, PartialEq)]
pub enum ElbEvent {
    LoadBalancerCreated {
        load_balancer_arn: Box<str>,
        name: Box<str>,
        zones: u32,
    },
    LoadBalancerActive {
        load_balancer_arn: Box<str>,
        name: Box<str>,
    },
    LoadBalancerDeleted {
        load_balancer_arn: Box<str>,
        name: Box<str>,
    },
    TargetRegistered {
        target_group_arn: Box<str>,
        target_group: Box<str>,
        id: Box<str>,
        port: u16,
        az: &'static str,
    },
    TargetHealthChanged {
        target_group_arn: Box<str>,
        target_group: Box<str>,
        id: Box<str>,
        port: u16,
        from: TargetState,
        to: TargetState,
        reason: Option<ReasonCode>,
    },
    TargetDraining {
        target_group_arn: Box<str>,
        target_group: Box<str>,
        id: Box<str>,
        port: u16,
        delay_s: u32,
    },
    TargetDeregistered {
        target_group_arn: Box<str>,
        target_group: Box<str>,
        id: Box<str>,
        port: u16,
    },
}

impl ElbEvent {
    /// The variant's name: the kind `sim events` prints.
    pub fn kind(&self) -> &'static str {
        use ElbEvent::*;
        match self {
            LoadBalancerCreated { .. } => "LoadBalancerCreated",
            LoadBalancerActive { .. } => "LoadBalancerActive",
            LoadBalancerDeleted { .. } => "LoadBalancerDeleted",
            TargetRegistered { .. } => "TargetRegistered",
            TargetHealthChanged { .. } => "TargetHealthChanged",
            TargetDraining { .. } => "TargetDraining",
            TargetDeregistered { .. } => "TargetDeregistered",
        }
    }

    /// The ARNs the event touches.
    pub fn refs(&self) -> Vec<&str> {
        use ElbEvent::*;
        match self {
            LoadBalancerCreated {
                load_balancer_arn, ..
            }
            | LoadBalancerActive {
                load_balancer_arn, ..
            }
            | LoadBalancerDeleted {
                load_balancer_arn, ..
            } => vec![load_balancer_arn],
            TargetRegistered {
                target_group_arn,
                id,
                ..
            }
            | TargetHealthChanged {
                target_group_arn,
                id,
                ..
            }
            | TargetDraining {
                target_group_arn,
                id,
                ..
            }
            | TargetDeregistered {
                target_group_arn,
                id,
                ..
            } => vec![target_group_arn, id],
        }
    }
}

impl fmt::Display for ElbEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ElbEvent::*;
        match self {
            LoadBalancerCreated { name, zones, .. } => write!(
                f,
                "Load balancer {name} created with a node in each of {zones} Availability Zones (provisioning)"
            ),
            LoadBalancerActive { name, .. } => write!(f, "Load balancer {name} is active"),
            LoadBalancerDeleted { name, .. } => write!(f, "Load balancer {name} deleted"),
            TargetRegistered {
                target_group,
                id,
                port,
                az,
                ..
            } => write!(
                f,
                "Target {id}:{port} ({az}) registered with target group {target_group}"
            ),
            TargetHealthChanged {
                target_group,
                id,
                port,
                from,
                to,
                reason,
                ..
            } => {
                write!(f, "Target {id}:{port} of {target_group} went from {from} to {to}")?;
                if let Some(r) = reason {
                    write!(f, " ({})", r.as_str())?;
                }
                Ok(())
            }
            TargetDraining {
                target_group,
                id,
                port,
                delay_s,
                ..
            } => write!(
                f,
                "Target {id}:{port} of {target_group} is draining for the deregistration delay of {delay_s} s"
            ),
            TargetDeregistered {
                target_group,
                id,
                port,
                ..
            } => write!(
                f,
                "Target {id}:{port} deregistered from target group {target_group}"
            ),
        }
    }
}
