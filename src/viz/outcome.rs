//! What became of an action, in words a class can read from the back of the room.
//!
//! RunTask answering "10 tasks started" is not the end of the story: a task placed by ECS may
//! still stop while it starts (its subnet out of addresses: `TaskFailedToStart`). So the Run
//! panel keeps the tasks a RunTask returned ([`Launched`]) and reads their fate from the world
//! on every render ([`Launched::fates`]); and the page's live region announces the outcomes
//! that arrive later, read from the typed events ([`announcement`]), never from stdout.

use serde_json::Value;

use crate::model::task::{StopCode, TaskStatus};
use crate::sim::log::{Event, What};
use crate::sim::world::World;
use crate::sim::Sim;

/// A task RunTask could not place: ECS's reason and the instance it names, as the drawing
/// names it (`i-...`; ECS's failure names the container instance ARN).
#[derive(Debug, Clone, PartialEq)]
pub struct NotPlaced {
    pub reason: String,
    /// The EC2 instance ID when the failure names a known container instance, else the last
    /// part of the ARN ECS gave (empty when it gave none).
    pub instance: String,
}

/// The tasks one RunTask started and those it could not place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Launched {
    /// Task IDs, in the response's order.
    pub tasks: Vec<String>,
    pub not_placed: Vec<NotPlaced>,
    /// Where the RunTask's events start in the log: a task the world no longer lists (ECS
    /// forgets a stopped task after about an hour) is looked up there.
    pub events_from: usize,
}

/// Where one of the launched tasks is now.
#[derive(Debug, Clone, PartialEq)]
pub enum Fate {
    Starting,
    Running,
    /// Stopped (or stopping) before it ever ran: ECS's stop code and reason.
    FailedToStart {
        reason: String,
    },
    /// Stopped after running, or stopped by a user.
    Stopped {
        code: &'static str,
        reason: String,
    },
    /// No longer in the world (its record expired) and not found failing in the log.
    Gone,
}

/// The EC2 instance ID of a container instance named by its ARN or ID, if the world has it.
pub fn ec2_instance_of(world: &World, container_instance: &str) -> Option<String> {
    let id = container_instance
        .rsplit('/')
        .next()
        .unwrap_or(container_instance);
    world
        .container_instances()
        .values()
        .find(|ci| ci.id == id || ci.arn == container_instance)
        .map(|ci| ci.ec2_instance_id.clone())
}

impl Launched {
    /// Reads a RunTask response (`tasks` and `failures`) whose events start at `events_from`;
    /// None for any other response.
    pub fn from_response(world: &World, response: &Value, events_from: usize) -> Option<Launched> {
        let tasks = response.get("tasks")?.as_array()?;
        let failures = response.get("failures")?.as_array()?;
        Some(Launched {
            tasks: tasks
                .iter()
                .filter_map(|t| t["taskArn"].as_str())
                .map(|arn| arn.rsplit('/').next().unwrap_or(arn).to_string())
                .collect(),
            not_placed: failures
                .iter()
                .map(|f| {
                    let arn = f["arn"].as_str().unwrap_or("");
                    NotPlaced {
                        reason: f["reason"].as_str().unwrap_or("").to_string(),
                        instance: ec2_instance_of(world, arn)
                            .unwrap_or_else(|| arn.rsplit('/').next().unwrap_or("").to_string()),
                    }
                })
                .collect(),
            events_from,
        })
    }

    /// Each launched task's ID with its fate now.
    pub fn fates(&self, sim: &Sim) -> Vec<(String, Fate)> {
        let world = &sim.world;
        self.tasks
            .iter()
            .map(|id| {
                let fate = match world.task(id) {
                    None => failed_in_log(sim, self.events_from, id)
                        .map_or(Fate::Gone, |reason| Fate::FailedToStart { reason }),
                    Some(t) => match (t.stop_code, t.last_status) {
                        (Some(StopCode::TaskFailedToStart), _) => Fate::FailedToStart {
                            reason: t.stopped_reason.clone().unwrap_or_default(),
                        },
                        (Some(code), _) => Fate::Stopped {
                            code: code.as_str(),
                            reason: t.stopped_reason.clone().unwrap_or_default(),
                        },
                        (None, TaskStatus::Running) => Fate::Running,
                        (None, _) => Fate::Starting,
                    },
                };
                (id.clone(), fate)
            })
            .collect()
    }

    /// One sentence for the whole launch as it stands: started, running, still starting,
    /// failed to start, stopped, and not placed.
    pub fn summary(&self, sim: &Sim) -> String {
        let fates = self.fates(sim);
        let count = |f: fn(&Fate) -> bool| fates.iter().filter(|(_, x)| f(x)).count();
        let mut parts = Vec::new();
        let (running, starting) = (
            count(|f| matches!(f, Fate::Running)),
            count(|f| matches!(f, Fate::Starting)),
        );
        let failed = count(|f| matches!(f, Fate::FailedToStart { .. }));
        let stopped = count(|f| matches!(f, Fate::Stopped { .. }));
        let gone = count(|f| matches!(f, Fate::Gone));
        if running > 0 {
            parts.push(format!("{running} running"));
        }
        if starting > 0 {
            parts.push(format!("{starting} still starting"));
        }
        if failed > 0 {
            parts.push(format!("{failed} failed to start"));
        }
        if stopped > 0 {
            parts.push(format!("{stopped} stopped"));
        }
        if gone > 0 {
            parts.push(format!("{gone} stopped and no longer listed"));
        }
        let mut s = format!(
            "RunTask started {} task{}",
            self.tasks.len(),
            if self.tasks.len() == 1 { "" } else { "s" }
        );
        if !parts.is_empty() {
            s.push_str(&format!(": {}", parts.join(", ")));
        }
        if !self.not_placed.is_empty() {
            let reasons: Vec<String> = self
                .not_placed
                .iter()
                .map(|n| {
                    if n.instance.is_empty() {
                        n.reason.clone()
                    } else {
                        format!("{} on {}", n.reason, n.instance)
                    }
                })
                .collect();
            s.push_str(&format!(
                "; {} not placed ({})",
                self.not_placed.len(),
                reasons.join(", ")
            ));
        }
        s.push('.');
        s
    }
}

/// The reason a task that the world no longer lists failed to start, from its
/// `TaskFailedToStart` event at or after `from` (None if it did not fail so).
fn failed_in_log(sim: &Sim, from: usize, id: &str) -> Option<String> {
    sim.events()
        .get(from..)?
        .iter()
        .find_map(|e| match &e.what {
            What::TaskFailedToStart {
                task_arn, reason, ..
            } if task_arn.rsplit('/').next() == Some(id) => Some(reason.to_string()),
            _ => None,
        })
}

/// What the page's live region says: a sentence, the task it is about (to link to its
/// ledger), and whether it tells of a failure (drawn as one).
#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    pub text: String,
    pub task: Option<String>,
    pub failed: bool,
}

/// The short form of a task ID the views use (its first 8 characters).
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// What the page's live region says about events that arrived (a tick of the clock, a step,
/// an action): tasks that failed to start and tasks RunTask could not place, newest last;
/// None when none of the events is such an outcome.
pub fn announcement(events: &[Event]) -> Option<Announcement> {
    let mut failed: Vec<(&str, &str, &str)> = Vec::new();
    let mut not_placed = 0usize;
    let mut not_placed_reason = "";
    for e in events {
        match &e.what {
            What::TaskFailedToStart {
                task_arn,
                family,
                reason,
            } => failed.push((task_arn, family, reason)),
            What::TaskNotPlaced { reason, .. } => {
                not_placed += 1;
                not_placed_reason = reason;
            }
            _ => {}
        }
    }
    let mut sentences = Vec::new();
    let mut link = None;
    if let Some((arn, family, reason)) = failed.last() {
        let id = arn.rsplit('/').next().unwrap_or(arn);
        link = Some(id.to_string());
        let others = match failed.len() {
            1 => String::new(),
            n => format!(" ({} tasks failed to start; this is the last)", n),
        };
        sentences.push(format!(
            "Task {} ({family}) failed to start{others}: {}: {reason}",
            short_id(id),
            StopCode::TaskFailedToStart.as_str()
        ));
    }
    if not_placed > 0 {
        sentences.push(format!(
            "{not_placed} task{} not placed: {not_placed_reason}",
            if not_placed == 1 { "" } else { "s" }
        ));
    }
    (!sentences.is_empty()).then(|| Announcement {
        text: sentences.join(" "),
        task: link,
        failed: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    const FULL_28: &str = r#"VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ecs create-cluster --cluster-name tiny
aws ecs register-task-definition --family app --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}"
sleep 5
aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --count 2 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}""#;

    #[test]
    fn a_task_that_fails_after_placement_is_told_and_announced() {
        let mut s = Session::new(7);
        let out = s.run_script(FULL_28);
        let last = out.last().expect("the second RunTask");
        let response = last.outcome.response.clone().expect("a response");
        let launched = Launched::from_response(&s.sim.world, &response, last.outcome.events.start)
            .expect("RunTask");
        assert_eq!(launched.tasks.len(), 2);
        assert_eq!(
            launched.summary(&s.sim),
            "RunTask started 2 tasks: 2 still starting."
        );
        let from = s.sim.events().len();
        s.run_script("sleep 30");
        let summary = launched.summary(&s.sim);
        assert_eq!(
            summary, "RunTask started 2 tasks: 1 running, 1 failed to start.",
            "{summary}"
        );
        let failed: Vec<_> = launched
            .fates(&s.sim)
            .into_iter()
            .filter_map(|(id, f)| match f {
                Fate::FailedToStart { reason } => Some((id, reason)),
                _ => None,
            })
            .collect();
        assert_eq!(failed.len(), 1);
        assert!(failed[0].1.contains(
            "ResourceInitializationError: unable to create the task's network interface"
        ));
        assert!(failed[0].1.contains("InsufficientFreeAddressesInSubnet"));
        let a = announcement(&s.sim.events()[from..]).expect("an announcement");
        assert_eq!(a.task.as_deref(), Some(failed[0].0.as_str()));
        assert!(a.failed);
        assert!(a.text.starts_with(&format!(
            "Task {} (app) failed to start: TaskFailedToStart: ResourceInitializationError",
            &failed[0].0[..8]
        )));
        // Nothing to say about events that are not outcomes.
        assert_eq!(announcement(&s.sim.events()[..from.min(3)]), None);
        // An hour on, ECS has forgotten the stopped task; its failure is still told (from
        // the log).
        s.run_script("sleep 3700");
        assert!(!s.sim.world.tasks().contains_key(&failed[0].0));
        assert_eq!(
            launched.summary(&s.sim),
            "RunTask started 2 tasks: 1 running, 1 failed to start."
        );
    }

    #[test]
    fn tasks_not_placed_name_the_ec2_instance() {
        let mut s = Session::new(2);
        let out = s.run_script(
            r#"aws ecs create-cluster --cluster-name c
aws iam create-role --role-name r --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name r
aws iam add-role-to-instance-profile --instance-profile-name r --role-name r
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --iam-instance-profile Name=r --user-data ECS_CLUSTER=c
sleep 90
aws ecs register-task-definition --family big --container-definitions '[{"name":"a","image":"nginx","memory":2048}]'
aws ecs run-task --cluster c --task-definition big"#,
        );
        let response = out.last().and_then(|r| r.outcome.response.clone());
        let launched = Launched::from_response(&s.sim.world, &response.expect("a response"), 0)
            .expect("RunTask");
        assert!(launched.tasks.is_empty());
        assert_eq!(launched.not_placed.len(), 1);
        let n = &launched.not_placed[0];
        assert_eq!(n.reason, "RESOURCE:MEMORY");
        assert!(n.instance.starts_with("i-"), "{}", n.instance);
        assert_eq!(
            launched.summary(&s.sim),
            format!(
                "RunTask started 0 tasks; 1 not placed (RESOURCE:MEMORY on {}).",
                n.instance
            )
        );
        // Any other response is not a launch.
        assert_eq!(
            Launched::from_response(&s.sim.world, &serde_json::json!({"cluster": {}}), 0),
            None
        );
    }
}
