//! Target tracking in simulated time (ECS-REFERENCE.md §6.8): every minute each policy reads
//! its metric from the service's load (`sim load`) and tasks, and counts the minutes its two
//! alarms would: above the target value three minutes in a row raises the high alarm, which
//! scales out to `ceil(running × metric / target)`; below 90% of it fifteen minutes in a row
//! raises the low alarm, which scales in the same way (unless scale-in is disabled). Cooldowns
//! hold a scale-out for `ScaleOutCooldown` after the last one, a scale-in for `ScaleInCooldown`
//! after any. The counts (3 and 15 datapoints, 90%) are those of the alarms target tracking
//! creates; the rest of CloudWatch is not simulated.

use super::log::What;
use super::queue::Timer;
use super::Sim;
use super::World;
use crate::model::autoscaling::{Metric, ScalingActivity};
use crate::model::task::TaskStatus;
use crate::model::time::SECOND_MS;

/// Minutes above the target before the high alarm fires.
const HIGH_MINUTES: u32 = 3;
/// Minutes below 90% of the target before the low alarm fires.
const LOW_MINUTES: u32 = 15;
const MINUTE_MS: u64 = 60 * SECOND_MS;

/// The service ARN of a resource ID (`service/CLUSTER/NAME`).
pub fn service_arn(resource_id: &str) -> String {
    super::world::ecs_arn(resource_id)
}

/// Starts the minute timer of a scalable target, if it is not running.
pub fn start_ticking(sim: &mut Sim, resource_id: &str) {
    let Some(t) = sim.world.scalable_targets.get_mut(resource_id) else {
        return;
    };
    if std::mem::replace(&mut t.ticking, true) {
        return;
    }
    sim.schedule_in(
        MINUTE_MS,
        Timer::ScalingTick {
            resource_id: resource_id.to_string(),
        },
    );
}

/// A service's running tasks (what its load is shared by).
pub fn running(world: &World, service_arn: &str) -> u32 {
    let Some(svc) = world.service(service_arn) else {
        return 0;
    };
    svc.deployments
        .iter()
        .flat_map(|d| d.tasks.iter())
        .filter(|id| {
            world
                .task(id)
                .is_some_and(|t| t.last_status == TaskStatus::Running)
        })
        .count() as u32
}

/// The metric's value now, or None without data (no running task).
pub fn metric_value(sim: &Sim, service_arn: &str, metric: &Metric) -> Option<f64> {
    let n = running(&sim.world, service_arn);
    if n == 0 {
        return None;
    }
    let load = sim
        .world
        .service_load
        .get(service_arn)
        .copied()
        .unwrap_or_default();
    let per = |demand: f64| (demand / f64::from(n)).min(100.0);
    Some(match metric {
        Metric::Cpu => per(load.cpu),
        Metric::Memory => per(load.memory),
        Metric::RequestsPerTarget { .. } => load.requests_per_minute / f64::from(n),
    })
}

pub(crate) fn tick(sim: &mut Sim, resource_id: &str) {
    let Some(target) = sim.world.scalable_targets.get(resource_id) else {
        return;
    };
    let (min, max, last) = (target.min, target.max, target.last_scaled_at);
    let policies: Vec<String> = sim
        .world
        .scaling_policies
        .values()
        .filter(|p| p.resource_id == resource_id)
        .map(|p| p.arn.clone())
        .collect();
    if policies.is_empty() {
        if let Some(t) = sim.world.scalable_targets.get_mut(resource_id) {
            t.ticking = false;
        }
        return;
    }
    sim.schedule_in(
        MINUTE_MS,
        Timer::ScalingTick {
            resource_id: resource_id.to_string(),
        },
    );
    let arn = service_arn(resource_id);
    let Some(desired) = sim.world.service(&arn).map(|s| s.desired_count) else {
        return;
    };
    let n = running(&sim.world, &arn);
    let now = sim.now();
    // The largest count any policy asks for wins a scale-out; a scale-in needs every policy
    // to agree (Application Auto Scaling's rule for several policies).
    let mut out: Option<(u32, String)> = None;
    let mut ins: Vec<(u32, String)> = Vec::new();
    for policy_arn in policies {
        let Some(p) = sim.world.scaling_policies.get(&policy_arn) else {
            continue;
        };
        let Some(m) = metric_value(sim, &arn, &p.metric) else {
            continue;
        };
        let (high, low) = (m > p.target_value, m < 0.9 * p.target_value);
        let (target_value, name) = (p.target_value, p.name.clone());
        let (alarm_high, alarm_low) = (p.alarm_high.clone(), p.alarm_low.clone());
        let (out_cool, in_cool, no_in) = (
            u64::from(p.scale_out_cooldown_s) * SECOND_MS,
            u64::from(p.scale_in_cooldown_s) * SECOND_MS,
            p.disable_scale_in,
        );
        let (mh, ml) = match sim.world.scaling_policies.get_mut(&policy_arn) {
            Some(p) => {
                p.minutes_high = if high { p.minutes_high + 1 } else { 0 };
                p.minutes_low = if low { p.minutes_low + 1 } else { 0 };
                (p.minutes_high, p.minutes_low)
            }
            None => continue,
        };
        let wanted = ((f64::from(n) * m / target_value).ceil() as u32).clamp(min, max);
        let cooled = |cool: u64| last.is_none_or(|at| now >= at + cool);
        if mh >= HIGH_MINUTES && wanted > desired && cooled(out_cool) {
            let cause =
                format!("monitor alarm {alarm_high} in state ALARM triggered policy {name}");
            if out.as_ref().is_none_or(|(w, _)| wanted > *w) {
                out = Some((wanted, cause));
            }
        } else if ml >= LOW_MINUTES && !no_in && wanted < desired && cooled(in_cool) {
            ins.push((
                wanted,
                format!("monitor alarm {alarm_low} in state ALARM triggered policy {name}"),
            ));
        } else {
            // This policy does not agree to a scale-in now.
            ins.push((desired, String::new()));
        }
    }
    let change = match out {
        Some(o) => Some(o),
        None => ins
            .iter()
            .max_by_key(|(w, _)| *w)
            .filter(|(w, _)| *w < desired)
            .cloned(),
    };
    if let Some((count, cause)) = change {
        set_desired(sim, &arn, resource_id, count, cause);
    }
}

/// Sets a service's desired count as a scaling activity.
fn set_desired(sim: &mut Sim, service_arn: &str, resource_id: &str, count: u32, cause: String) {
    let now = sim.now();
    let Some(name) = sim.world.change_service(service_arn, |s| {
        s.desired_count = count;
        if let Some(p) = s.deployments.first_mut() {
            p.desired_count = count;
            p.updated_at = now;
        }
        s.steady = false;
        s.name.clone()
    }) else {
        return;
    };
    if let Some(t) = sim.world.scalable_targets.get_mut(resource_id) {
        t.last_scaled_at = Some(now);
    }
    let id = sim.rng.uuid_v4();
    sim.world.scaling_activities.push(ScalingActivity {
        id,
        resource_id: resource_id.to_string(),
        description: format!("Setting desired count to {count}."),
        cause,
        at: now,
        status_message: format!(
            "Successfully set desired count to {count}. Change successfully fulfilled by ecs."
        ),
    });
    sim.record(What::ServiceDesiredCountChanged {
        service_arn: service_arn.into(),
        service: name.into(),
        desired_count: count,
    });
    sim.request_service_check(service_arn, super::SERVICE_REACTION_MS);
}
