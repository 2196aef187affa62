//! Service Auto Scaling records (ECS-REFERENCE.md §6.8): a scalable target (a service's desired
//! count between a minimum and a maximum), its target tracking policies, and the scaling
//! activities they cause.

use serde::Serialize;

use super::time::SimTime;

/// The metric a target tracking policy tracks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Metric {
    /// `ECSServiceAverageCPUUtilization`, percent.
    Cpu,
    /// `ECSServiceAverageMemoryUtilization`, percent.
    Memory,
    /// `ALBRequestCountPerTarget`: requests per target per minute, for the target group named
    /// by the resource label (`app/NAME/ID/targetgroup/NAME/ID`).
    RequestsPerTarget { resource_label: String },
}

impl Metric {
    pub fn as_str(&self) -> &'static str {
        match self {
            Metric::Cpu => "ECSServiceAverageCPUUtilization",
            Metric::Memory => "ECSServiceAverageMemoryUtilization",
            Metric::RequestsPerTarget { .. } => "ALBRequestCountPerTarget",
        }
    }
}

/// `register-scalable-target` for `ecs:service:DesiredCount`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalableTarget {
    /// `service/CLUSTER/SERVICE`.
    pub resource_id: String,
    pub min: u32,
    pub max: u32,
    pub created: SimTime,
    /// When a policy last changed the desired count (for the cooldowns).
    pub last_scaled_at: Option<SimTime>,
    /// Whether the minute timer that evaluates its policies is running.
    pub ticking: bool,
}

/// A target tracking scaling policy, with the state of the two CloudWatch alarms it creates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalingPolicy {
    pub name: String,
    pub arn: String,
    pub resource_id: String,
    pub target_value: f64,
    pub metric: Metric,
    pub scale_out_cooldown_s: u32,
    pub scale_in_cooldown_s: u32,
    pub disable_scale_in: bool,
    /// The alarms' IDs (`TargetTracking-service/c/s-AlarmHigh-<uuid>`, `...AlarmLow-<uuid>`).
    pub alarm_high: String,
    pub alarm_low: String,
    /// Consecutive minutes above the target (the high alarm fires at 3) and below 90% of it
    /// (the low alarm fires at 15), as target tracking's alarms count them.
    pub minutes_high: u32,
    pub minutes_low: u32,
    pub created: SimTime,
}

/// One change of a service's desired count by a policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalingActivity {
    pub id: String,
    pub resource_id: String,
    pub description: String,
    pub cause: String,
    pub at: SimTime,
    pub status_message: String,
}

/// What a learner sets with `sim load`: the work offered to a service, which its tasks share.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Load {
    /// CPU demand in task-percent (90% on 4 tasks is 360): each running task's average is this
    /// divided by the running count, at most 100.
    pub cpu: f64,
    /// Memory demand, the same way.
    pub memory: f64,
    /// Requests per minute arriving for the service.
    pub requests_per_minute: f64,
}
