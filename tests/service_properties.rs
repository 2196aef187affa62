//! Property tests of rolling deployments (ECS-REFERENCE.md §6.2): whatever the desired count,
//! the deployment configuration and when new revisions arrive, a service never has more tasks
//! (RUNNING, PENDING or STOPPING, of all its deployments) than `floor(desired × maximumPercent
//! / 100)`, and once it has been steady it never has fewer healthy RUNNING tasks than
//! `ceil(desired × minimumHealthyPercent / 100)`. Checked after every timer that fires, not
//! only at the end.
// Native only: proptest is native.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::cli::Session;
use ecs_sandbox::model::task::{DesiredStatus, TaskStatus};
use proptest::prelude::*;

const SETUP: &str = r#"
aws ecs create-cluster --cluster-name p
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.xlarge --count 3 --iam-instance-profile Name=ecsInstanceRole --user-data "echo ECS_CLUSTER=p >> /etc/ecs/ecs.config"
sleep 120
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx","cpu":64,"memory":64}]'
"#;

/// (live tasks, healthy RUNNING tasks) of the service right now.
fn counts(s: &Session) -> (u32, u32) {
    let now = s.sim.now();
    let (mut live, mut healthy) = (0, 0);
    for t in s.sim.world.tasks().values() {
        if t.group != "service:svc" || t.last_status == TaskStatus::Stopped {
            continue;
        }
        live += 1;
        if t.last_status == TaskStatus::Running
            && t.desired_status == DesiredStatus::Running
            && t.started_at.is_some_and(|s| s + 40_000 <= now)
        {
            healthy += 1;
        }
    }
    (live, healthy)
}

/// Moves time on by `ms`, one timer at a time, checking the limits after each.
fn advance_checking(
    s: &mut Session,
    ms: u64,
    max_total: u32,
    min_healthy: u32,
    steady: &mut bool,
) -> Result<(), TestCaseError> {
    let until = s.sim.now() + ms;
    loop {
        let (live, healthy) = counts(s);
        prop_assert!(
            live <= max_total,
            "{live} tasks, more than the maximum {max_total} at t={}",
            s.sim.now()
        );
        if *steady {
            prop_assert!(
                healthy >= min_healthy,
                "{healthy} healthy tasks, fewer than the minimum {min_healthy} at t={}",
                s.sim.now()
            );
        } else if healthy >= min_healthy && live <= max_total {
            *steady = true;
        }
        match s.sim.next_timer_at() {
            Some(at) if at <= until => {
                s.sim.advance(at - s.sim.now());
            }
            _ => break,
        }
    }
    let rest = until.saturating_sub(s.sim.now());
    s.sim.advance(rest);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn deployments_stay_within_maximum_and_minimum(
        desired in 1u32..12,
        min in 0u32..=100,
        max in 100u32..=250,
        steps in prop::collection::vec((0u64..90_000, any::<bool>()), 1..6),
    ) {
        let mut s = Session::new(21);
        for r in s.run_script(SETUP) {
            prop_assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        let create = format!(
            "aws ecs create-service --cluster p --service-name svc --task-definition app --desired-count {desired} --deployment-configuration maximumPercent={max},minimumHealthyPercent={min}"
        );
        let out = s.run_script(&create);
        prop_assert_eq!(out[0].output.exit, 0, "{}", out[0].output.stderr);
        let max_total = (desired * max) / 100;
        let min_healthy = (desired * min).div_ceil(100);
        let mut steady = false;
        // Let the first deployment settle (it starts from nothing, so only the maximum holds).
        advance_checking(&mut s, 120_000, max_total, 0, &mut steady)?;
        steady = false;
        let mut revision = 1;
        for (wait_ms, deploy) in steps {
            if deploy {
                revision += 1;
                let out = s.run_script(&format!(
                    "aws ecs register-task-definition --family app --container-definitions '[{{\"name\":\"app\",\"image\":\"nginx:{revision}\",\"cpu\":64,\"memory\":64}}]'\n\
                     aws ecs update-service --cluster p --service svc --task-definition app:{revision}"
                ));
                prop_assert!(out.iter().all(|r| r.output.exit == 0));
            }
            advance_checking(&mut s, wait_ms, max_total, min_healthy, &mut steady)?;
        }
        // And with time, every deployment finishes unless the limits forbid it.
        advance_checking(&mut s, 600_000, max_total, min_healthy, &mut steady)?;
        let out = s.run_script(
            "aws ecs describe-services --cluster p --services svc --query 'services[0].[length(deployments),runningCount]' --output text",
        );
        let stuck = max_total <= desired && min_healthy >= desired;
        if !stuck {
            prop_assert_eq!(out[0].output.stdout.trim(), format!("1\t{desired}"));
        }
    }
}
