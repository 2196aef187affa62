//! Health checks at scale (issue 13's speed budget, DESIGN.md §6): 5,000 Fargate tasks
//! registered as `ip` targets of 20 target groups (250 each) behind one Application Load
//! Balancer with 20 listeners, checked every 30 s, then `sim advance 1h` run through the CLI
//! as a script line runs (script dialect -> sim verb -> simulation): 600,000 health checks.
//! Prints the wall and CPU time of the hour, and checks per second.
//!
//! Run: `cargo bench --bench elb_health` (`-- --tasks N --groups N` to change the size).
//! Budget: the hour in under 1 s natively.

use std::time::Instant;

use ecs_sandbox::bench::thread_cpu_ns;
use ecs_sandbox::cli::Session;
use ecs_sandbox::model::elb::TargetState;

fn arg(name: &str, default: u32) -> u32 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run(s: &mut Session, script: &str) {
    for r in s.run_script(script) {
        assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
    }
}

fn main() {
    let tasks = arg("--tasks", 5_000);
    let groups = arg("--groups", 20).max(1);
    let mut s = Session::new(42);
    let setup_start = Instant::now();
    run(
        &mut s,
        r#"VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
SUBNETS=$(aws ec2 describe-subnets --query 'Subnets[].SubnetId' --output text)
SUBNET_LIST=$(aws ec2 describe-subnets --query 'join(`,`, Subnets[].SubnetId)' --output text)
LB=$(aws elbv2 create-load-balancer --name bench --subnets $SUBNETS --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws ecs create-cluster --cluster-name bench
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx","portMappings":[{"containerPort":80}]}]'
"#,
    );
    let mut script = String::new();
    for _ in 0..tasks.div_ceil(10) {
        script.push_str("aws ecs run-task --cluster bench --task-definition web --launch-type FARGATE --count 10 --network-configuration \"awsvpcConfiguration={subnets=[$SUBNET_LIST]}\" --query 'length(tasks)'\n");
    }
    script.push_str("sleep 120\n");
    for g in 0..groups {
        script.push_str(&format!(
            "TG{g}=$(aws elbv2 create-target-group --name tg-{g} --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)\n\
             aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port {} --default-actions Type=forward,TargetGroupArn=$TG{g}\n",
            8000 + g
        ));
    }
    run(&mut s, &script);
    let ips: Vec<String> = s
        .sim
        .world
        .tasks()
        .values()
        .filter_map(|t| t.eni.as_ref()?.private_ip.map(|ip| ip.to_string()))
        .collect();
    let mut script = String::new();
    for (g, chunk) in ips
        .chunks(ips.len().div_ceil(groups as usize).max(1))
        .enumerate()
    {
        for part in chunk.chunks(50) {
            let targets: Vec<String> = part.iter().map(|ip| format!("Id={ip}")).collect();
            script.push_str(&format!(
                "aws elbv2 register-targets --target-group-arn $TG{g} --targets {}\n",
                targets.join(" ")
            ));
        }
    }
    script.push_str("sleep 60\n");
    run(&mut s, &script);
    let healthy = s
        .sim
        .world
        .elb()
        .target_groups()
        .flat_map(|tg| tg.targets().map(move |t| (tg, t)))
        .filter(|(tg, t)| {
            ecs_sandbox::sim::elb::health_of(&s.sim.world, tg, t).state == TargetState::Healthy
        })
        .count();
    println!(
        "setup: {} tasks, {} targets in {groups} groups ({healthy} healthy), {:.1} s",
        s.sim.world.tasks().len(),
        ips.len(),
        setup_start.elapsed().as_secs_f64()
    );
    let fired = s.sim.timers_fired();
    let cpu0 = thread_cpu_ns();
    let start = Instant::now();
    run(&mut s, "sim advance 1h");
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) => format!("{:.3} s CPU", (b - a) as f64 / 1e9),
        _ => "CPU time not available".into(),
    };
    let checks = s.sim.timers_fired() - fired;
    println!(
        "sim advance 1h: {checks} timers (health checks) in {wall:.3} s wall, {cpu}: {:.0} checks/s; budget 1 s: {}",
        checks as f64 / wall,
        if wall < 1.0 { "met" } else { "MISSED" }
    );
}
