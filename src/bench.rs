//! The placement benchmark's world, shared by `benches/placement.rs` (native) and
//! `tests/frame_bench.rs` (wasm) so both measure the same thing: a cluster of m5.xlarge and
//! c5.xlarge instances over the six AZs, and a RunTask request with spread(AZ) +
//! binpack(memory) + a memberOf constraint; and the whole-path RunTask benchmark's cluster,
//! chains and script (`benches/run_task.rs` natively, `tests/frame_bench.rs` in wasm).

use crate::api::ecs_task::needs_of;
use crate::cli::Session;
use crate::placement::request::parse_constraint;
use crate::placement::{Constraint, PlacementRequest, Resource, SpreadField, Strategy};

/// A session whose cluster `bench` has `instances` registered container instances, in
/// batches of 100 of the `types` in turn going round the AZs, and the `bench` task definition
/// (128 CPU units, 256 MiB); `Err` names the first setup line that failed.
fn bench_cluster(instances: u32, types: &[&str]) -> Result<Session, String> {
    let mut s = Session::new(42);
    let mut script = format!(
        "aws ecs create-cluster --cluster-name bench\n{}{}",
        crate::viz::scenario::INSTANCE_ROLE_SCRIPT,
        r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ecs register-task-definition --family bench --container-definitions '[{"name":"app","image":"nginx","cpu":128,"memory":256}]'
"#
    );
    let azs = crate::model::catalog::AZS;
    let (mut left, mut i) = (instances, 0);
    while left > 0 {
        let n = left.min(100);
        script.push_str(&format!(
            "aws ec2 run-instances --image-id $AMI --instance-type {} --count {n} --placement AvailabilityZone={} --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=bench' --query ReservationId\n",
            types[i % types.len()],
            azs[i % azs.len()].name
        ));
        left -= n;
        i += 1;
    }
    script.push_str("sleep 120\n");
    if let Some(r) = s.run_script(&script).iter().find(|r| r.output.exit != 0) {
        return Err(format!("setup failed: {} {}", r.command, r.output.stderr));
    }
    Ok(s)
}

/// The placement benchmark's cluster: `instances` m5.xlarge and c5.xlarge in turn.
pub fn placement_cluster(instances: u32) -> Result<Session, String> {
    bench_cluster(instances, &["m5.xlarge", "c5.xlarge"])
}

/// The benchmark's request: the `bench` definition's needs, spread(AZ) + binpack(memory),
/// and a memberOf constraint every instance meets.
pub fn placement_request(s: &Session) -> Option<PlacementRequest> {
    Some(PlacementRequest {
        needs: needs_of(&s.sim, "bench", "family:bench")?,
        constraints: vec![parse_constraint(
            "memberOf",
            Some("attribute:ecs.instance-type in [m5.xlarge, c5.xlarge]"),
        )
        .ok()?],
        strategies: vec![
            Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into())),
            Strategy::Binpack(Resource::Memory),
        ],
        default_strategy: false,
    })
}

/// Every strategy chain the issue names, as the run-task options a learner writes.
pub const RUN_TASK_CHAINS: &[(&str, &str)] = &[
    ("none (RunTask default)", ""),
    ("random", "--placement-strategy type=random"),
    ("binpack(cpu)", "--placement-strategy type=binpack,field=cpu"),
    ("binpack(memory)", "--placement-strategy type=binpack,field=memory"),
    ("spread(AZ)", "--placement-strategy type=spread,field=attribute:ecs.availability-zone"),
    ("spread(instanceId)", "--placement-strategy type=spread,field=instanceId"),
    ("spread(host)+binpack(cpu)", "--placement-strategy type=spread,field=host type=binpack,field=cpu"),
    ("spread(AZ)+binpack(memory)+memberOf", "--placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type == m5.4xlarge'"),
    ("memberOf", r#"--placement-constraints '[{"type":"memberOf","expression":"attribute:ecs.availability-zone in [us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e]"}]'"#),
    ("distinctInstance", "--placement-constraints type=distinctInstance"),
    ("random+distinctInstance+memberOf", "--placement-strategy type=random --placement-constraints type=distinctInstance 'type=memberOf,expression=attribute:ecs.availability-zone != us-east-1f'"),
    ("spread(AZ)+spread(instanceId)", "--placement-strategy type=spread,field=attribute:ecs.availability-zone type=spread,field=instanceId"),
    ("binpack(memory)+spread(AZ)", "--placement-strategy type=binpack,field=memory type=spread,field=attribute:ecs.availability-zone"),
    ("memberOf(runningTasksCount)", "--placement-constraints 'type=memberOf,expression=runningTasksCount < 100'"),
];

/// The whole-path RunTask benchmark's cluster: `n` m5.4xlarge instances.
pub fn run_task_cluster(n: u32) -> Result<Session, String> {
    bench_cluster(n, &["m5.4xlarge"])
}

/// Nanoseconds the calling thread has run on a CPU (Linux's schedstat), so a benchmark's
/// figure does not depend on what else the machine runs; None where it cannot be read.
pub fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `calls` lines of `aws ecs run-task --count 10` with the chain's `options`, each printing
/// how many tasks it started. distinctInstance allows one task of a group per instance, so
/// the group changes every `instances / 20` calls and every call can place its ten.
/// Groups are named `PREFIX` and a number, so chains run one after another on one cluster
/// keep to their own groups.
pub fn run_task_script(options: &str, calls: u32, instances: u32, prefix: &str) -> String {
    let per_group = (instances / 20).max(1);
    (0..calls)
        .map(|c| {
            format!(
                "aws ecs run-task --cluster bench --task-definition bench --count 10 --group {prefix}{} {options} --query 'length(tasks)'\n",
                c / per_group
            )
        })
        .collect()
}

/// A chain's name, strategies and constraints.
pub type CoreChain = (&'static str, Vec<Strategy>, Vec<Constraint>);

/// The chains of [`RUN_TASK_CHAINS`] as placement requests, for the core benchmark (the API
/// without the CLI): strategies and constraints as RunTask would parse them.
pub fn core_chains() -> Vec<CoreChain> {
    let az = || Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into()));
    let member = |e: &str| parse_constraint("memberOf", Some(e)).ok();
    let distinct = || parse_constraint("distinctInstance", None).ok();
    #[allow(clippy::type_complexity)]
    let chains: Vec<(&str, Vec<Strategy>, Vec<Option<Constraint>>)> = vec![
        ("none (RunTask default)", vec![Strategy::Random], vec![]),
        ("random", vec![Strategy::Random], vec![]),
        ("binpack(cpu)", vec![Strategy::Binpack(Resource::Cpu)], vec![]),
        ("binpack(memory)", vec![Strategy::Binpack(Resource::Memory)], vec![]),
        ("spread(AZ)", vec![az()], vec![]),
        ("spread(instanceId)", vec![Strategy::Spread(SpreadField::Instance)], vec![]),
        (
            "spread(host)+binpack(cpu)",
            vec![Strategy::Spread(SpreadField::Instance), Strategy::Binpack(Resource::Cpu)],
            vec![],
        ),
        (
            "spread(AZ)+binpack(memory)+memberOf",
            vec![az(), Strategy::Binpack(Resource::Memory)],
            vec![member("attribute:ecs.instance-type in [m5.xlarge, c5.xlarge]")],
        ),
        (
            "memberOf",
            vec![Strategy::Random],
            vec![member("attribute:ecs.availability-zone in [us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e]")],
        ),
        ("distinctInstance", vec![Strategy::Random], vec![distinct()]),
        (
            "random+distinctInstance+memberOf",
            vec![Strategy::Random],
            vec![distinct(), member("attribute:ecs.availability-zone != us-east-1f")],
        ),
        (
            "spread(AZ)+spread(instanceId)",
            vec![az(), Strategy::Spread(SpreadField::Instance)],
            vec![],
        ),
        (
            "binpack(memory)+spread(AZ)",
            vec![Strategy::Binpack(Resource::Memory), az()],
            vec![],
        ),
        (
            "memberOf(runningTasksCount)",
            vec![Strategy::Random],
            vec![member("runningTasksCount < 100")],
        ),
    ];
    chains
        .into_iter()
        .map(|(name, s, c)| (name, s, c.into_iter().flatten().collect()))
        .collect()
}

/// The services benchmark's cluster: `instances` m5.4xlarge (128 tasks of the `bench`
/// definition each), a second revision of `bench` to roll to, and a third whose container
/// exits after ten minutes (`sleep 600`), so its services replace every task six times an
/// hour.
pub fn services_cluster(instances: u32) -> Result<Session, String> {
    let mut s = bench_cluster(instances, &["m5.4xlarge"])?;
    let lines = r#"aws ecs register-task-definition --family bench --container-definitions '[{"name":"app","image":"nginx:2","cpu":128,"memory":256}]' --query taskDefinition.revision
aws ecs register-task-definition --family bench --container-definitions '[{"name":"app","image":"busybox","command":["sleep","600"],"cpu":128,"memory":256}]' --query taskDefinition.revision"#;
    match s.run_script(lines).iter().find(|r| r.output.exit != 0) {
        None => Ok(s),
        Some(r) => Err(r.output.stderr.clone()),
    }
}

/// `count` REPLICA services `svc0`.. of `tasks` tasks each on `revision` of `bench`, and time
/// for them to settle.
pub fn services_script(count: u32, tasks: u32, revision: u32) -> String {
    let mut script: String = (0..count)
        .map(|i| {
            format!("aws ecs create-service --cluster bench --service-name svc{i} --task-definition bench:{revision} --desired-count {tasks} --query service.status\n")
        })
        .collect();
    script.push_str("sim advance 5m\n");
    script
}

/// `count` services of `tasks` bridge tasks with dynamic host ports behind an ALB: 20 target
/// groups of type `instance` (health checks every 30 s, the default), one listener each, the
/// services spread over them; then time for the tasks to start and the targets to turn
/// healthy.
pub fn services_alb_script(count: u32, tasks: u32) -> String {
    let mut script = String::from(
        r#"SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name bench --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws ecs register-task-definition --family bench --container-definitions '[{"name":"app","image":"nginx:2","cpu":128,"memory":256,"portMappings":[{"containerPort":80,"hostPort":0}]}]' --query taskDefinition.revision
"#,
    );
    for g in 0..20 {
        script.push_str(&format!(
            "TG{g}=$(aws elbv2 create-target-group --name tg{g} --protocol HTTP --port 80 --vpc-id $VPC --query 'TargetGroups[0].TargetGroupArn' --output text)
             aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port {} --default-actions Type=forward,TargetGroupArn=$TG{g} --query 'Listeners[0].Port'
",
            8000 + g
        ));
    }
    for i in 0..count {
        script.push_str(&format!(
            "aws ecs create-service --cluster bench --service-name svc{i} --task-definition bench:4 --desired-count {tasks} --load-balancers targetGroupArn=$TG{},containerName=app,containerPort=80 --query service.status
",
            i % 20
        ));
    }
    script.push_str(
        "sim advance 5m
",
    );
    script
}

/// Rolls service `svc0` to revision 2 and waits for the rollout to complete.
pub const ROLLING_SCRIPT: &str = "aws ecs update-service --cluster bench --service svc0 --task-definition bench:2 --query service.status
aws ecs wait services-stable --cluster bench --services svc0
aws ecs describe-services --cluster bench --services svc0 --query 'services[0].[length(deployments),runningCount,deployments[0].rolloutState]' --output text
";
