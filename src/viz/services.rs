//! Services as the visualizer shows them: each service's desired, running and pending counts,
//! its deployments with their rollout, its newest events in ECS's words, and samples over time
//! for a chart of desired against running (ECS-REFERENCE.md §6). Computed from the world
//! without any browser crate, so it is tested natively; the charts are drawn by
//! [`crate::viz::charts::line_chart`], as every chart is.

use std::collections::BTreeMap;

use crate::model::service::{Service, ServiceStatus};
use crate::model::task::TaskStatus;
use crate::sim::world::World;
use crate::viz::charts::Series;

/// One deployment of a service.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentRow {
    pub id: String,
    /// `PRIMARY` or `ACTIVE`.
    pub status: &'static str,
    /// `family:revision`.
    pub task_definition: String,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    pub failed: u32,
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
    pub rollout: &'static str,
}

/// One service, as a row of the services panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    pub arn: String,
    pub name: String,
    pub cluster: String,
    pub status: &'static str,
    pub scheduling: &'static str,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    pub deployments: Vec<DeploymentRow>,
    /// The newest events first: (time, message as describe-services prints it).
    pub events: Vec<(u64, String)>,
}

/// Running and pending tasks of a set of task IDs.
fn counts(world: &World, ids: &std::collections::BTreeSet<String>) -> (u32, u32) {
    let (mut running, mut pending) = (0, 0);
    for t in ids.iter().filter_map(|id| world.task(id)) {
        match t.last_status {
            TaskStatus::Running => running += 1,
            s if s < TaskStatus::Running => pending += 1,
            _ => {}
        }
    }
    (running, pending)
}

fn row(world: &World, s: &Service, events: usize) -> ServiceRow {
    let deployments: Vec<DeploymentRow> = s
        .deployments
        .iter()
        .map(|d| {
            let (running, pending) = counts(world, &d.tasks);
            DeploymentRow {
                id: d.id.clone(),
                status: d.status.as_str(),
                task_definition: d
                    .task_definition_arn
                    .rsplit('/')
                    .next()
                    .unwrap_or(&d.task_definition_arn)
                    .to_string(),
                desired: d.desired_count,
                running,
                pending,
                failed: d.failed_tasks,
                rollout: d.rollout_state.as_str(),
            }
        })
        .collect();
    ServiceRow {
        arn: s.arn.clone(),
        name: s.name.clone(),
        cluster: s.cluster.clone(),
        status: s.status.as_str(),
        scheduling: s.scheduling_strategy.as_str(),
        desired: s.desired_count,
        running: deployments.iter().map(|d| d.running).sum(),
        pending: deployments.iter().map(|d| d.pending).sum(),
        deployments,
        events: s
            .events
            .iter()
            .take(events)
            .map(|e| (e.created_at, format!("(service {}) {}", s.name, e.message)))
            .collect(),
    }
}

/// Every service that is not INACTIVE, in creation order, with its `events` newest events.
pub fn rows(world: &World, events: usize) -> Vec<ServiceRow> {
    World::by_creation(world.services(), |s| s.created_seq)
        .into_iter()
        .filter(|s| s.status != ServiceStatus::Inactive)
        .map(|s| row(world, s, events))
        .collect()
}

/// Desired, running and pending counts of every service at one instant, by service ARN (the
/// workspace's samples keep them beside the other charts' figures).
pub fn counts_now(world: &World) -> BTreeMap<String, (u32, u32, u32)> {
    world
        .services()
        .values()
        .filter(|s| s.status != ServiceStatus::Inactive)
        .map(|s| {
            let (running, pending) = s
                .deployments
                .iter()
                .map(|d| counts(world, &d.tasks))
                .fold((0, 0), |(r, p), (a, b)| (r + a, p + b));
            (s.arn.clone(), (s.desired_count, running, pending))
        })
        .collect()
}

/// The chart of one service: desired, running and pending over time (Okabe-Ito blue for
/// desired; the task phase colours for running and pending).
pub fn desired_vs_running(
    samples: &[crate::viz::charts::Sample],
    service_arn: &str,
) -> Vec<Series> {
    let line = |name: &str, colour: &'static str, pick: fn((u32, u32, u32)) -> u32| Series {
        name: name.into(),
        colour,
        points: samples
            .iter()
            .filter_map(|s| {
                s.services
                    .get(service_arn)
                    .map(|c| (s.time_ms, u64::from(pick(*c))))
            })
            .collect(),
    };
    vec![
        line("desired", "#0072B2", |c| c.0),
        line(
            "running",
            crate::viz::palette::Phase::Running.colour(),
            |c| c.1,
        ),
        line(
            "pending",
            crate::viz::palette::Phase::Starting.colour(),
            |c| c.2,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    #[test]
    fn a_fargate_service_scaling_out_is_drawn_desired_against_running() {
        let mut s = Session::new(3);
        let out = s.run_script(
            "SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
aws ecs create-cluster --cluster-name f
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'
aws ecs create-service --cluster f --service-name web --task-definition f --desired-count 2 --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}",
        );
        assert!(out.iter().all(|r| r.output.exit == 0));
        let mut samples = vec![crate::viz::charts::sample(&s.sim.world, s.sim.now())];
        for i in 0..90 {
            if i == 60 {
                s.run_script("aws ecs update-service --cluster f --service web --desired-count 3");
            }
            s.run_script("sleep 1");
            samples.push(crate::viz::charts::sample(&s.sim.world, s.sim.now()));
        }
        let arn = "arn:aws:ecs:us-east-1:123456789012:service/f/web";
        assert_eq!(samples[0].services.get(arn), Some(&(2, 0, 0)));
        assert_eq!(samples[59].services.get(arn), Some(&(2, 2, 0)));
        assert_eq!(
            samples.last().and_then(|s| s.services.get(arn)),
            Some(&(3, 3, 0))
        );
        let rows = rows(&s.sim.world, 3);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            (r.name.as_str(), r.desired, r.running, r.pending),
            ("web", 3, 3, 0)
        );
        assert_eq!(r.deployments.len(), 1);
        assert_eq!(r.deployments[0].task_definition, "f:1");
        assert_eq!(r.deployments[0].status, "PRIMARY");
        assert!(r.events[0]
            .1
            .starts_with("(service web) has started 1 tasks: (task "));
        let series = desired_vs_running(&samples, arn);
        assert_eq!(series.len(), 3);
        assert_eq!(series[0].points.last(), Some(&(s.sim.now(), 3)));
        let svg = crate::viz::charts::line_chart("web: desired and running", "", &series, 400, 180);
        assert!(svg.contains("desired") && svg.contains("running"));
        assert!(!svg.contains("could not be drawn"));
    }
}
