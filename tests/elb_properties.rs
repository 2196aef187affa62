//! Property tests of target health timing (ECS-REFERENCE.md §7.3), whatever the settings and
//! however a task's application fails and recovers:
//! - a registered target is never `healthy` before one health check interval has passed since
//!   checking began (the ALB guide: a new target must pass one check);
//! - a target that went `unhealthy` is never `healthy` again before healthy-threshold x
//!   interval (that many consecutive passes, one interval apart);
//! - a target never goes `unhealthy` before unhealthy-threshold x interval after checking
//!   began or after it last went `healthy`.
// Native only: proptest is native.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::cli::{MemFiles, Session};
use ecs_sandbox::model::elb::TargetState;
use ecs_sandbox::sim::elb::{target_health, ElbEvent};
use ecs_sandbox::sim::log::What;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    Fail,
    Hang,
    Heal,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            5 => (1u64..=120).prop_map(Step::Advance),
            1 => Just(Step::Fail),
            1 => Just(Step::Hang),
            2 => Just(Step::Heal),
        ],
        1..40,
    )
}

/// The last line's stdout, trimmed.
fn out(session: &mut Session, line: &str) -> String {
    let records = session.run_script(line);
    let last = records.last().expect("a record");
    assert_eq!(last.output.exit, 0, "{line}: {}", last.output.stderr);
    last.output.stdout.trim().to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn target_health_respects_the_thresholds_and_interval(
        interval in 5u64..=60,
        healthy in 2u64..=10,
        unhealthy in 2u64..=10,
        steps in steps(),
    ) {
        let mut s = Session::with_files(3, Box::new(MemFiles::default()));
        let setup = format!(r#"
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
LB=$(aws elbv2 create-load-balancer --name p --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
TG=$(aws elbv2 create-target-group --name p --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds {interval} --health-check-timeout-seconds 2 --healthy-threshold-count {healthy} --unhealthy-threshold-count {unhealthy} --query 'TargetGroups[0].TargetGroupArn' --output text)
aws ecs create-cluster --cluster-name p
aws ecs register-task-definition --family p --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{{"name":"web","image":"nginx"}}]'
T=$(aws ecs run-task --cluster p --task-definition p --launch-type FARGATE --network-configuration "awsvpcConfiguration={{subnets=[$SA]}}" --query 'tasks[0].taskArn' --output text)
aws ecs wait tasks-running --cluster p --tasks $T
IP=$(aws ecs describe-tasks --cluster p --tasks $T --query 'tasks[0].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
aws elbv2 register-targets --target-group-arn $TG --targets Id=$IP
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
"#);
        for r in s.run_script(&setup) {
            prop_assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        let tg = out(&mut s, "echo $TG");
        let ip = out(&mut s, "echo $IP");
        let task = out(&mut s, "echo $T");
        let began = s.sim.now();
        let interval_ms = interval * 1000;
        for step in &steps {
            match step {
                Step::Advance(secs) => s.sim.advance(secs * 1000),
                Step::Fail => { out(&mut s, &format!("sim fail-health --task {task}")); }
                Step::Hang => { out(&mut s, &format!("sim fail-health --task {task} --hang")); }
                Step::Heal => { out(&mut s, &format!("sim heal-health --task {task}")); }
            }
            let h = target_health(&s.sim.world, &tg, &ip, 80).expect("the group");
            if h.state == TargetState::Healthy {
                prop_assert!(s.sim.now() >= began + interval_ms, "healthy at {} < {}", s.sim.now(), began + interval_ms);
            }
        }
        // The transitions, from the event log, at the instants they happened.
        let mut since_healthy = began;
        let mut since_unhealthy: Option<u64> = None;
        for e in s.sim.events() {
            let What::Elb(ev) = &e.what else { continue };
            let ElbEvent::TargetHealthChanged { from, to, .. } = ev.as_ref() else { continue };
            match (from, to) {
                (TargetState::Initial, TargetState::Healthy) => {
                    prop_assert!(e.time_ms >= began + interval_ms);
                    since_healthy = e.time_ms;
                }
                (TargetState::Unhealthy, TargetState::Healthy) => {
                    let u = since_unhealthy.expect("unhealthy before");
                    prop_assert!(e.time_ms >= u + healthy * interval_ms,
                        "healthy again at {} after unhealthy at {u}", e.time_ms);
                    since_healthy = e.time_ms;
                }
                (_, TargetState::Unhealthy) => {
                    prop_assert!(e.time_ms >= since_healthy + unhealthy * interval_ms,
                        "unhealthy at {} after {since_healthy}", e.time_ms);
                    since_unhealthy = Some(e.time_ms);
                }
                _ => {}
            }
        }
    }
}
