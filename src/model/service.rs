//! ECS services (ECS-REFERENCE.md §6): a service keeps `desiredCount` copies of a task
//! definition running and replaces what dies; a change of task definition starts a new
//! deployment, which rolls tasks over inside the limits of `minimumHealthyPercent` and
//! `maximumPercent`.
//!
//! Plain data and the arithmetic of the limits, so the rounding ECS documents is written (and
//! tested) once; the scheduler that acts on it over time lives in `api::ecs_service`.

use std::collections::{BTreeSet, VecDeque};
use std::fmt;

use serde::Serialize;

use super::ecs::CapacityProviderItem;
use super::task::LaunchType;
use super::time::SimTime;

/// `status` of a service: ACTIVE until deleted, DRAINING while its tasks stop, then INACTIVE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ServiceStatus {
    Active,
    Draining,
    Inactive,
}

impl ServiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Active => "ACTIVE",
            ServiceStatus::Draining => "DRAINING",
            ServiceStatus::Inactive => "INACTIVE",
        }
    }
}

/// `schedulingStrategy`: REPLICA keeps a count; DAEMON one task per container instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SchedulingStrategy {
    Replica,
    Daemon,
}

impl SchedulingStrategy {
    pub fn as_str(self) -> &'static str {
        match self {
            SchedulingStrategy::Replica => "REPLICA",
            SchedulingStrategy::Daemon => "DAEMON",
        }
    }
}

/// A deployment's `status`: the newest is PRIMARY, older ones still holding tasks are ACTIVE.
/// (INACTIVE deployments, fully replaced, are dropped from the service, as describe-services
/// stops listing them.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DeploymentStatus {
    Primary,
    Active,
}

impl DeploymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeploymentStatus::Primary => "PRIMARY",
            DeploymentStatus::Active => "ACTIVE",
        }
    }
}

/// A deployment's `rolloutState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RolloutState {
    InProgress,
    Completed,
    Failed,
}

impl RolloutState {
    pub fn as_str(self) -> &'static str {
        match self {
            RolloutState::InProgress => "IN_PROGRESS",
            RolloutState::Completed => "COMPLETED",
            RolloutState::Failed => "FAILED",
        }
    }
}

/// `deploymentConfiguration`, with ECS's defaults (§6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfiguration {
    pub maximum_percent: u32,
    pub minimum_healthy_percent: u32,
    pub circuit_breaker_enable: bool,
    pub circuit_breaker_rollback: bool,
}

impl DeploymentConfiguration {
    /// REPLICA: 200 / 100; DAEMON: 100 / 0.
    pub fn default_for(strategy: SchedulingStrategy) -> DeploymentConfiguration {
        let (maximum_percent, minimum_healthy_percent) = match strategy {
            SchedulingStrategy::Replica => (200, 100),
            SchedulingStrategy::Daemon => (100, 0),
        };
        DeploymentConfiguration {
            maximum_percent,
            minimum_healthy_percent,
            circuit_breaker_enable: false,
            circuit_breaker_rollback: false,
        }
    }

    /// The most tasks (RUNNING, PENDING and STOPPING, of every deployment) the service may
    /// have: `maximumPercent` of the desired count, **rounded down** (desired 3, max 125:
    /// floor(3.75) = 3, so no extra task can start).
    pub fn max_tasks(&self, desired: u32) -> u32 {
        (u64::from(desired) * u64::from(self.maximum_percent) / 100) as u32
    }

    /// The fewest healthy RUNNING tasks the service keeps during a deployment:
    /// `minimumHealthyPercent` of the desired count, **rounded up** (desired 2, min 75:
    /// ceil(1.5) = 2, so no task can be stopped first).
    pub fn min_healthy(&self, desired: u32) -> u32 {
        (u64::from(desired) * u64::from(self.minimum_healthy_percent)).div_ceil(100) as u32
    }
}

/// The deployment circuit breaker's failure threshold (§6.3): half the desired count rounded
/// up, at least 3 (the current API reference; the 2023 guide said 10) and at most 200.
pub fn circuit_breaker_threshold(desired: u32) -> u32 {
    desired.div_ceil(2).clamp(3, 200)
}

/// How long a new task must have been RUNNING before it counts as healthy for the minimum,
/// with no load balancer and no container health check (§6.2: 40 seconds).
pub const HEALTHY_AFTER_MS: SimTime = 40_000;

/// The longest delay the throttle puts between start attempts (§6.6).
pub const MAX_THROTTLE_MS: SimTime = 15 * 60_000;

/// ECS keeps this many events per service (the newest; the console shows 100).
pub const MAX_EVENTS: usize = 100;

/// An identical message is not repeated within this time (§6.1: six hours).
pub const SUPPRESS_REPEAT_MS: SimTime = 6 * 3_600_000;

/// An awsvpc network configuration as the service keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceNetwork {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub assign_public_ip: bool,
    pub vpc_id: String,
}

/// One deployment of a service: a task definition and the tasks it started.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    /// `ecs-svc/` and 19 digits; also the `startedBy` of its tasks.
    pub id: String,
    pub status: DeploymentStatus,
    pub task_definition_arn: String,
    pub desired_count: u32,
    /// Tasks of this deployment that failed (the circuit breaker counts them).
    pub failed_tasks: u32,
    pub created_at: SimTime,
    pub updated_at: SimTime,
    pub rollout_state: RolloutState,
    pub rollout_state_reason: String,
    /// IDs of its tasks not yet seen STOPPED by the scheduler.
    pub tasks: BTreeSet<String>,
}

/// A service event's message, as data; its `Display` is ECS's exact text (§6.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind")]
pub enum ServiceMessage {
    SteadyState,
    /// Task IDs.
    StartedTasks {
        tasks: Vec<String>,
    },
    StoppedTasks {
        tasks: Vec<String>,
    },
    DeploymentCompleted {
        deployment: String,
    },
    DeploymentFailed {
        deployment: String,
    },
    RollingBack {
        deployment: String,
    },
    /// No container instance at all to place on.
    NoContainerInstances,
    /// The instance that got furthest and the reason it failed (`RESOURCE:CPU`...).
    UnableToPlace {
        container_instance: String,
        reason: String,
    },
    /// A task found no place for a reason other than the instances (Fargate).
    UnableToPlaceBecause {
        reason: String,
    },
    /// Neither a start nor a stop fits the deployment configuration.
    DeploymentConfigurationBlocks,
    UnableToConsistentlyStart,
    /// Tasks registered as targets of a target group.
    RegisteredTargets {
        count: usize,
        target_group_arn: String,
    },
    DeregisteredTargets {
        count: usize,
        target_group_arn: String,
    },
    /// A target failed its health checks: `subject` is `task <id>` (awsvpc) or
    /// `instance i-...` (bridge), with the target's port and the load balancer's reason.
    TargetUnhealthy {
        subject: String,
        port: u16,
        target_group_arn: String,
        reason: String,
    },
}

impl fmt::Display for ServiceMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HELP: &str = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
        let list = |f: &mut fmt::Formatter<'_>, ids: &[String]| -> fmt::Result {
            for (i, id) in ids.iter().enumerate() {
                let sep = if i == 0 { "" } else { " " };
                write!(f, "{sep}(task {id})")?;
            }
            f.write_str(".")
        };
        match self {
            ServiceMessage::SteadyState => f.write_str("has reached a steady state."),
            ServiceMessage::StartedTasks { tasks } => {
                write!(f, "has started {} tasks: ", tasks.len())?;
                list(f, tasks)
            }
            ServiceMessage::StoppedTasks { tasks } => {
                write!(f, "has stopped {} running tasks: ", tasks.len())?;
                list(f, tasks)
            }
            ServiceMessage::DeploymentCompleted { deployment } => {
                write!(f, "(deployment {deployment}) deployment completed.")
            }
            ServiceMessage::DeploymentFailed { deployment } => {
                write!(f, "(deployment {deployment}) deployment failed: tasks failed to start.")
            }
            ServiceMessage::RollingBack { deployment } => {
                write!(f, "rolling back to deployment {deployment}.")
            }
            ServiceMessage::NoContainerInstances => write!(
                f,
                "was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. {HELP}"
            ),
            ServiceMessage::UnableToPlace {
                container_instance,
                reason,
            } => {
                let why = match reason.as_str() {
                    "RESOURCE:CPU" => "has insufficient CPU units available".to_string(),
                    "RESOURCE:MEMORY" => "has insufficient memory available".to_string(),
                    "RESOURCE:PORTS_TCP" | "RESOURCE:PORTS_UDP" => {
                        "is already using a port required by your task".to_string()
                    }
                    "ATTRIBUTE" | "LOCATION" => {
                        "is missing an attribute required by your task".to_string()
                    }
                    other => format!("encountered error \"{other}\""),
                };
                write!(
                    f,
                    "was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance {container_instance}) {why}. {HELP}"
                )
            }
            ServiceMessage::UnableToPlaceBecause { reason } => {
                write!(f, "was unable to place a task. Reason: {reason}")
            }
            ServiceMessage::DeploymentConfigurationBlocks => f.write_str(
                "was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.",
            ),
            ServiceMessage::UnableToConsistentlyStart => {
                f.write_str("is unable to consistently start tasks successfully.")
            }
            ServiceMessage::RegisteredTargets {
                count,
                target_group_arn,
            } => write!(
                f,
                "registered {count} targets in (target-group {target_group_arn})"
            ),
            ServiceMessage::DeregisteredTargets {
                count,
                target_group_arn,
            } => write!(
                f,
                "deregistered {count} targets in (target-group {target_group_arn})"
            ),
            ServiceMessage::TargetUnhealthy {
                subject,
                port,
                target_group_arn,
                reason,
            } => write!(
                f,
                "({subject}) (port {port}) is unhealthy in (target-group {target_group_arn}) due \
                 to (reason {reason})."
            ),
        }
    }
}

/// One entry of a service's `events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceEvent {
    pub id: String,
    pub created_at: SimTime,
    pub message: ServiceMessage,
}

/// A service.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub arn: String,
    pub name: String,
    /// The cluster's name.
    pub cluster: String,
    pub status: ServiceStatus,
    pub desired_count: u32,
    pub launch_type: Option<LaunchType>,
    pub capacity_provider_strategy: Vec<CapacityProviderItem>,
    /// The task definition of the PRIMARY deployment.
    pub task_definition_arn: String,
    pub config: DeploymentConfiguration,
    pub scheduling_strategy: SchedulingStrategy,
    /// As given: (type, expression) and (type, field).
    pub placement_constraints: Vec<(String, Option<String>)>,
    pub placement_strategy: Vec<(String, Option<String>)>,
    pub network: Option<ServiceNetwork>,
    pub platform_version: Option<String>,
    /// `loadBalancers` as given (registering targets comes with the ALB).
    pub load_balancers: serde_json::Value,
    pub health_check_grace_period_s: Option<u32>,
    /// Newest (PRIMARY) first.
    pub deployments: Vec<Deployment>,
    /// Newest first, at most [`MAX_EVENTS`].
    pub events: VecDeque<ServiceEvent>,
    pub created_at: SimTime,
    pub created_seq: u64,
    /// When the scheduler's next look at the service is due (its timer; later ones are void).
    #[serde(skip)]
    pub check_at: Option<SimTime>,
    /// Whether the last look found the service steady (the event is said on the change).
    #[serde(skip)]
    pub steady: bool,
    /// Tasks in a row that stopped without reaching RUNNING (the throttle, §6.6).
    #[serde(skip)]
    pub start_failures: u32,
    /// No launch before this time (the throttle's back-off).
    #[serde(skip)]
    pub throttled_until: SimTime,
    /// When the last task failed to start: a task that reaches RUNNING after it ends the
    /// throttle's run of failures.
    #[serde(skip)]
    pub last_failed_start_at: SimTime,
    /// The last deployment that completed: (ID, task definition ARN), what a circuit breaker
    /// rolls back to.
    #[serde(skip)]
    pub last_completed: Option<(String, String)>,
}

impl Service {
    /// The group of its tasks: `service:<name>`.
    pub fn group(&self) -> String {
        format!("service:{}", self.name)
    }

    pub fn primary(&self) -> Option<&Deployment> {
        self.deployments.first()
    }

    /// Adds an event at `now`, newest first, unless the newest is the same message and less
    /// than six hours old (ECS suppresses repeats); returns whether it was added.
    pub fn add_event(&mut self, id: String, now: SimTime, message: ServiceMessage) -> bool {
        if self
            .events
            .front()
            .is_some_and(|e| e.message == message && now < e.created_at + SUPPRESS_REPEAT_MS)
        {
            return false;
        }
        self.events.push_front(ServiceEvent {
            id,
            created_at: now,
            message,
        });
        self.events.truncate(MAX_EVENTS);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(min: u32, max: u32) -> DeploymentConfiguration {
        DeploymentConfiguration {
            maximum_percent: max,
            minimum_healthy_percent: min,
            ..DeploymentConfiguration::default_for(SchedulingStrategy::Replica)
        }
    }

    #[test]
    fn the_documented_worked_examples_round_as_ecs_does() {
        // ECS-REFERENCE.md §6.2.
        assert_eq!(config(50, 200).min_healthy(4), 2);
        assert_eq!(config(75, 200).min_healthy(2), 2);
        assert_eq!(config(100, 200).max_tasks(4), 8);
        assert_eq!(config(100, 125).max_tasks(3), 3);
        assert_eq!(config(0, 100).min_healthy(7), 0);
        assert_eq!(config(100, 150).max_tasks(3), 4);
        assert_eq!(config(34, 200).min_healthy(3), 2);
        assert_eq!(config(100, 200).max_tasks(0), 0);
    }

    #[test]
    fn rounding_never_overflows() {
        let c = config(u32::MAX, u32::MAX);
        assert!(c.max_tasks(u32::MAX) >= u32::MAX / 2);
        assert!(c.min_healthy(5000) > 0);
    }

    #[test]
    fn the_breaker_threshold_is_half_clamped_to_3_and_200() {
        assert_eq!(circuit_breaker_threshold(1), 3);
        assert_eq!(circuit_breaker_threshold(6), 3);
        assert_eq!(circuit_breaker_threshold(25), 13);
        assert_eq!(circuit_breaker_threshold(400), 200);
        assert_eq!(circuit_breaker_threshold(1000), 200);
    }

    #[test]
    fn messages_read_as_ecs_writes_them() {
        let m = ServiceMessage::StartedTasks {
            tasks: vec!["a1".into(), "b2".into()],
        };
        assert_eq!(m.to_string(), "has started 2 tasks: (task a1) (task b2).");
        let m = ServiceMessage::UnableToPlace {
            container_instance: "abc".into(),
            reason: "RESOURCE:CPU".into(),
        };
        assert_eq!(m.to_string(), "was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance abc) has insufficient CPU units available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
    }

    #[test]
    fn a_repeated_message_is_suppressed_for_six_hours() {
        let mut s = Service {
            arn: String::new(),
            name: "s".into(),
            cluster: "c".into(),
            status: ServiceStatus::Active,
            desired_count: 0,
            launch_type: None,
            capacity_provider_strategy: Vec::new(),
            task_definition_arn: String::new(),
            config: config(100, 200),
            scheduling_strategy: SchedulingStrategy::Replica,
            placement_constraints: Vec::new(),
            placement_strategy: Vec::new(),
            network: None,
            platform_version: None,
            load_balancers: serde_json::Value::Null,
            health_check_grace_period_s: None,
            deployments: Vec::new(),
            events: VecDeque::new(),
            created_at: 0,
            created_seq: 0,
            check_at: None,
            steady: false,
            start_failures: 0,
            throttled_until: 0,
            last_failed_start_at: 0,
            last_completed: None,
        };
        assert!(s.add_event("1".into(), 0, ServiceMessage::SteadyState));
        assert!(!s.add_event("2".into(), 1000, ServiceMessage::SteadyState));
        assert!(s.add_event("3".into(), SUPPRESS_REPEAT_MS, ServiceMessage::SteadyState));
        for i in 0..200 {
            s.add_event(
                i.to_string(),
                0,
                ServiceMessage::StartedTasks {
                    tasks: vec![i.to_string()],
                },
            );
        }
        assert_eq!(s.events.len(), MAX_EVENTS);
    }
}
