//! Fargate allocation benchmark (awsvpc and Fargate issue): 50,000 Fargate tasks into /16
//! subnets, each task getting an ENI with the lowest free address of its subnet, then the
//! subnets described and every address handed back. A /16 has 65,531 usable addresses; the
//! point is that an allocation, a release and a `describe-subnets` never cost work in
//! proportion to that.
//!
//! Run: `cargo bench --bench fargate` (add `-- --quick` for 5,000 tasks).

use std::time::Instant;

use ecs_sandbox::api::ecs_task::{bench_launch_in, needs_of};
use ecs_sandbox::cli::Session;
use ecs_sandbox::placement::PlacementRequest;

fn setup() -> (Session, Vec<String>) {
    let mut s = Session::new(42);
    let script = r#"aws ecs create-cluster --cluster-name bench
aws ecs register-task-definition --family bench --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx"}]'
"#;
    s.run_script(script);
    // A /16 subnet fills its /16 VPC: one VPC per subnet.
    let mut subnets = Vec::new();
    for (i, az) in ["us-east-1a", "us-east-1b"].iter().enumerate() {
        let out = s.run_script(&format!(
            "V=$(aws ec2 create-vpc --cidr-block 10.{}.0.0/16 --query Vpc.VpcId --output text)\n\
             aws ec2 create-subnet --vpc-id $V --cidr-block 10.{}.0.0/16 --availability-zone {az} --query Subnet.SubnetId --output text",
            10 + i,
            10 + i
        ));
        subnets.push(out[1].output.stdout.trim().to_string());
    }
    (s, subnets)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let total: usize = if quick { 5_000 } else { 50_000 };
    // The subnets must share a VPC for one task's configuration: run each subnet's half
    // separately (Fargate spreads a single launch over the AZs of its own subnets).
    let (mut s, subnets) = setup();
    let req = PlacementRequest {
        needs: needs_of(&s.sim, "bench", "family:bench").expect("task definition"),
        constraints: Vec::new(),
        strategies: Vec::new(),
        default_strategy: false,
    };
    let start = Instant::now();
    let mut launched = 0;
    let mut turn = 0;
    while launched < total {
        let subnet = &subnets[turn % subnets.len()];
        turn += 1;
        launched += bench_launch_in(
            &mut s.sim,
            "bench",
            "bench",
            &req,
            10,
            Some(std::slice::from_ref(subnet)),
        );
    }
    let launch_secs = start.elapsed().as_secs_f64();
    // PROVISIONING ends (every ENI is created and takes its address) and the tasks run.
    let start = Instant::now();
    s.sim.advance(60_000);
    let eni_secs = start.elapsed().as_secs_f64();
    let enis = s.sim.world.enis().len();
    let start = Instant::now();
    let mut free = 0;
    for _ in 0..1000 {
        let out = s.run_script(&format!(
            "aws ec2 describe-subnets --subnet-ids {} --query 'Subnets[0].AvailableIpAddressCount'",
            subnets[0]
        ));
        free = out[0].output.stdout.trim().parse::<u64>().unwrap_or(0);
    }
    let describe_us = start.elapsed().as_secs_f64() * 1000.0;
    // Stop everything: DEPROVISIONING deletes each ENI and its address returns.
    let ids: Vec<String> = s.sim.world.tasks().keys().cloned().collect();
    let start = Instant::now();
    for id in &ids {
        ecs_sandbox::sim::task::stop(
            &mut s.sim,
            id,
            Some(ecs_sandbox::model::task::StopCode::UserInitiated),
            "bench".into(),
        );
    }
    s.sim.advance(3_600_000 - 1);
    let stop_secs = start.elapsed().as_secs_f64();
    let left: u32 = subnets
        .iter()
        .map(|id| s.sim.world.subnets[id].pool.held_count())
        .sum();
    println!("Fargate tasks into two /16 subnets (65,531 usable addresses each)");
    println!("  run-task (10 per call), PROVISIONING: {launched} tasks in {launch_secs:.3} s = {:.0} tasks/s", launched as f64 / launch_secs);
    println!("  ENIs created (lowest free address each): {enis} in {eni_secs:.3} s = {:.0} ENIs/s (with the tasks' PENDING and RUNNING steps)", enis as f64 / eni_secs);
    println!("  describe-subnets (AvailableIpAddressCount {free}): {describe_us:.1} us per call");
    println!("  stop and DEPROVISIONING (ENIs deleted, addresses back): {} tasks in {stop_secs:.3} s; addresses still held: {left}", ids.len());
    assert_eq!(left, 0, "every address came back");
}
