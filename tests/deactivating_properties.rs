//! Property tests of how a load-balanced service task stops (ECS-REFERENCE.md §5.1, §7.2):
//! whatever the deregistration delay, the desired counts and the stops asked, a service task
//! whose target drains never reaches STOPPING before the delay has passed since it was asked
//! to stop (it waits DEACTIVATING), and never stays DEACTIVATING once its target is gone.
//! Checked after every timer that fires.
// Native only: proptest is native.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::cli::Session;
use ecs_sandbox::model::task::TaskStatus;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    Scale(u32),
    StopOne,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            4 => (1u64..=200).prop_map(Step::Advance),
            2 => (0u32..=4).prop_map(Step::Scale),
            1 => Just(Step::StopOne),
        ],
        1..12,
    )
}

/// Every task of the service: (ID, status, asked to stop at, whether a target of it is still
/// in the group).
fn tasks(s: &Session, tg_arn: &str) -> Vec<(String, TaskStatus, Option<u64>, bool)> {
    let world = &s.sim.world;
    let tg = world.elb().target_group(tg_arn);
    world
        .tasks()
        .values()
        .filter(|t| t.group == "service:api")
        .map(|t| {
            let ip = t.eni.as_ref().and_then(|n| n.private_ip);
            let in_group = tg.is_some_and(|g| {
                g.targets()
                    .any(|x| ip.is_some_and(|ip| x.key.id == ip.to_string()))
            });
            (t.id.clone(), t.last_status, t.stopping_at, in_group)
        })
        .collect()
}

fn check(s: &Session, tg_arn: &str) -> Result<(), TestCaseError> {
    let now = s.sim.now();
    for (id, status, asked, in_group) in tasks(s, tg_arn) {
        if status == TaskStatus::Deactivating {
            prop_assert!(
                in_group,
                "task {id} DEACTIVATING at t={now} with no target left"
            );
        }
        // Its containers are only stopped once its target has drained and left the group.
        if matches!(status, TaskStatus::Stopping | TaskStatus::Deprovisioning) {
            prop_assert!(
                !in_group,
                "task {id} {status:?} at t={now} (asked at {asked:?}) while its target is still in the group"
            );
        }
    }
    Ok(())
}

fn advance_checking(s: &mut Session, ms: u64, tg: &str) -> Result<(), TestCaseError> {
    let until = s.sim.now() + ms;
    loop {
        check(s, tg)?;
        match s.sim.next_timer_at() {
            Some(at) if at <= until => s.sim.advance(at - s.sim.now()),
            _ => break,
        }
    }
    let rest = until.saturating_sub(s.sim.now());
    s.sim.advance(rest);
    check(s, tg)
}

/// Runs lines, every one of which must succeed; the last one's stdout.
fn out(s: &mut Session, lines: &str) -> Result<String, TestCaseError> {
    let records = s.run_script(lines);
    for r in &records {
        prop_assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
    let last = records.last().expect("a record");
    Ok(last.output.stdout.trim().to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn a_draining_task_waits_deactivating_for_the_delay(
        delay_s in prop_oneof![Just(0u64), 1u64..=400],
        desired in 1u32..=4,
        steps in steps(),
    ) {
        let mut s = Session::new(9);
        let setup = format!(r#"
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
LB=$(aws elbv2 create-load-balancer --name p --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name p --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value={delay_s}
aws ecs create-cluster --cluster-name p
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{{"name":"web","image":"nginx","portMappings":[{{"containerPort":80}}]}}]'
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
aws ecs create-service --cluster p --service-name api --task-definition web --desired-count {desired} --launch-type FARGATE --network-configuration "awsvpcConfiguration={{subnets=[$SA,$SB]}}" --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80
echo $TG
"#);
        let tg = out(&mut s, &setup)?;
        let delay = delay_s * 1000;
        let mut stopped: Vec<(String, u64)> = Vec::new();
        advance_checking(&mut s, 60_000, &tg)?;
        for step in steps {
            match step {
                Step::Advance(secs) => advance_checking(&mut s, secs * 1000, &tg)?,
                Step::Scale(n) => {
                    out(&mut s, &format!("aws ecs update-service --cluster p --service api --desired-count {n}"))?;
                }
                Step::StopOne => {
                    let running = tasks(&s, &tg).into_iter().find(|t| t.1 == TaskStatus::Running && t.3 && t.2.is_none());
                    if let Some((id, ..)) = running {
                        out(&mut s, &format!("aws ecs stop-task --cluster p --task {id}"))?;
                        stopped.push((id, s.sim.now()));
                    }
                }
            }
        }
        advance_checking(&mut s, (delay_s + 120) * 1000, &tg)?;
        // Every task stopped by hand while its target was registered waited out the delay
        // before its containers were stopped, and is STOPPED by now.
        for (id, at) in stopped {
            let t = s.sim.world.task(&id).expect("stopped tasks are kept an hour");
            prop_assert_eq!(t.last_status, TaskStatus::Stopped);
            let exec = t.execution_stopped_at.expect("its containers stopped");
            prop_assert!(exec >= at + delay, "task {} stopped its containers at {} < {} + {}", id, exec, at, delay);
        }
    }
}
