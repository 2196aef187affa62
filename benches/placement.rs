//! Placement benchmark (DESIGN.md §6): places 20 tasks per container instance onto clusters of
//! 500 to 5,000 instances spread over six AZs, with spread(attribute:ecs.availability-zone),
//! binpack(memory) and a memberOf constraint, the ledger on (each task keeps its decision).
//!
//! Run: `cargo bench --bench placement` (add `-- --quick` for the 500-instance size alone, or
//! `-- --size N` for one size).
//! Budget: 100,000 placements per second on 5,000 instances.

use std::time::Instant;

use ecs_sandbox::api::ecs_task::{bench_launch, needs_of};
use ecs_sandbox::cli::Session;
use ecs_sandbox::placement::request::parse_constraint;
use ecs_sandbox::placement::{PlacementRequest, Resource, SpreadField, Strategy};

/// A cluster of `instances` m5.xlarge/c5.xlarge instances over the six default subnets.
fn cluster(instances: u32) -> Session {
    let mut s = Session::new(42);
    let mut script = String::from(
        "aws ecs create-cluster --cluster-name bench
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ecs register-task-definition --family bench --container-definitions '[{\"name\":\"app\",\"image\":\"nginx\",\"cpu\":128,\"memory\":256}]'
",
    );
    let azs = [
        "us-east-1a",
        "us-east-1b",
        "us-east-1c",
        "us-east-1d",
        "us-east-1e",
        "us-east-1f",
    ];
    let mut left = instances;
    let mut i = 0;
    while left > 0 {
        let n = left.min(100);
        let ty = if i % 2 == 0 { "m5.xlarge" } else { "c5.xlarge" };
        script.push_str(&format!(
            "aws ec2 run-instances --image-id $AMI --instance-type {ty} --count {n} --placement AvailabilityZone={} --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=bench' --query ReservationId\n",
            azs[i % 6]
        ));
        left -= n;
        i += 1;
    }
    script.push_str("sleep 120\n");
    for r in s.run_script(&script) {
        assert_eq!(
            r.output.exit, 0,
            "setup failed: {} {}",
            r.command, r.output.stderr
        );
    }
    s
}

fn request(s: &Session) -> PlacementRequest {
    let needs = needs_of(&s.sim, "bench", "family:bench").expect("task definition");
    PlacementRequest {
        needs,
        constraints: vec![parse_constraint(
            "memberOf",
            Some("attribute:ecs.instance-type in [m5.xlarge, c5.xlarge]"),
        )
        .expect("expression")],
        strategies: vec![
            Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into())),
            Strategy::Binpack(Resource::Memory),
        ],
        default_strategy: false,
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // `--size N` measures one cluster size alone (for profiling).
    let only: Option<u32> = std::env::args()
        .skip_while(|a| a != "--size")
        .nth(1)
        .and_then(|n| n.parse().ok());
    let sizes: Vec<u32> = match (only, quick) {
        (Some(n), _) => vec![n],
        (None, true) => vec![500],
        (None, false) => vec![500, 1000, 2000, 5000],
    };
    println!(
        "{:>10} {:>10} {:>12} {:>16}",
        "instances", "tasks", "seconds", "placements/s"
    );
    for n in sizes {
        let mut s = cluster(n);
        let registered = s.sim.world.container_instances.len();
        assert_eq!(registered as u32, n, "every instance registered");
        let req = request(&s);
        let tasks = 20 * n;
        let start = Instant::now();
        let mut placed = 0;
        while placed < tasks as usize {
            let got = bench_launch(&mut s.sim, "bench", "bench", &req, 10);
            assert!(got > 0, "placement stopped after {placed} tasks");
            placed += got;
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{n:>10} {placed:>10} {secs:>12.3} {:>16.0}",
            placed as f64 / secs
        );
    }
}
