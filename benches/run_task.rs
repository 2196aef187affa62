//! The whole path of RunTask (issue: every placement path lean): 1,000 `aws ecs run-task
//! --count 10` lines per strategy chain, on a cluster of 5,000 m5.4xlarge container
//! instances over six AZs, run as `ecs-sim` runs a script (script dialect -> CLI -> API ->
//! placement -> simulation). Prints tasks per second and heap bytes per task (a counting
//! allocator: bytes still allocated after the run, over the tasks placed, so it includes each
//! task's own fields, its events and the command history).
//!
//! Run: `cargo bench --bench run_task` (`-- --instances N --calls N` to change the size,
//! `-- --chain NAME` for one chain).
//! Budget (DESIGN.md §6): at least 20,000 tasks per second, under 2 KB per task beyond the
//! task's own fields.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

use ecs_sandbox::cli::Session;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Every strategy chain the issue names, as the run-task options a learner writes.
const CHAINS: &[(&str, &str)] = &[
    ("none (RunTask default)", ""),
    ("random", "--placement-strategy type=random"),
    ("binpack(cpu)", "--placement-strategy type=binpack,field=cpu"),
    ("binpack(memory)", "--placement-strategy type=binpack,field=memory"),
    ("spread(AZ)", "--placement-strategy type=spread,field=attribute:ecs.availability-zone"),
    ("spread(instanceId)", "--placement-strategy type=spread,field=instanceId"),
    ("spread(host)+binpack(cpu)", "--placement-strategy type=spread,field=host type=binpack,field=cpu"),
    ("spread(AZ)+binpack(memory)+memberOf", "--placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type == m5.4xlarge'"),
    ("memberOf", "--placement-constraints 'type=memberOf,expression=attribute:ecs.availability-zone in [us-east-1a, us-east-1b]'"),
    ("distinctInstance", "--placement-constraints type=distinctInstance"),
    ("random+distinctInstance+memberOf", "--placement-strategy type=random --placement-constraints type=distinctInstance 'type=memberOf,expression=attribute:ecs.availability-zone != us-east-1f'"),
    ("spread(AZ)+spread(instanceId)", "--placement-strategy type=spread,field=attribute:ecs.availability-zone type=spread,field=instanceId"),
    ("binpack(memory)+spread(AZ)", "--placement-strategy type=binpack,field=memory type=spread,field=attribute:ecs.availability-zone"),
    ("memberOf(runningTasksCount)", "--placement-constraints 'type=memberOf,expression=runningTasksCount < 100'"),
];

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

/// A cluster of `n` m5.4xlarge instances registered with cluster `bench`, in batches of 100
/// going round the six AZs, and the `bench` task definition (128 CPU units, 256 MiB).
fn cluster(n: u32) -> Session {
    let mut s = Session::new(42);
    let mut script = format!(
        "aws ecs create-cluster --cluster-name bench\n{}{}",
        ecs_sandbox::viz::scenario::INSTANCE_ROLE_SCRIPT,
        r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ecs register-task-definition --family bench --container-definitions '[{"name":"app","image":"nginx","cpu":128,"memory":256}]'
"#
    );
    let azs = ecs_sandbox::model::catalog::AZS;
    let (mut left, mut i) = (n, 0);
    while left > 0 {
        let k = left.min(100);
        script.push_str(&format!(
            "aws ec2 run-instances --image-id $AMI --instance-type m5.4xlarge --count {k} --placement AvailabilityZone={} --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=bench' --query ReservationId\n",
            azs[i % azs.len()].name
        ));
        left -= k;
        i += 1;
    }
    script.push_str("sleep 120\n");
    for r in s.run_script(&script) {
        assert_eq!(r.output.exit, 0, "setup: {} {}", r.command, r.output.stderr);
    }
    s
}

fn main() {
    let instances: u32 = arg("--instances")
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let calls: u32 = arg("--calls").and_then(|n| n.parse().ok()).unwrap_or(1000);
    let only = arg("--chain");
    println!(
        "{instances} instances, {calls} run-task calls of 10 tasks per chain\n{:<38} {:>10} {:>12} {:>14} {:>12}",
        "chain", "tasks", "seconds", "tasks/s", "bytes/task"
    );
    for (name, options) in CHAINS {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let mut s = cluster(instances);
        // distinctInstance allows one task of a group per instance: a new group every
        // (instances / 10) calls keeps every call placeable.
        let per_group = (instances / 10).max(1);
        let script: String = (0..calls)
            .map(|c| {
                format!(
                    "aws ecs run-task --cluster bench --task-definition bench --count 10 --group g{} {options} --query 'length(tasks)'\n",
                    c / per_group
                )
            })
            .collect();
        let before = LIVE.load(Ordering::Relaxed);
        let start = Instant::now();
        let out = s.run_script(&script);
        let secs = start.elapsed().as_secs_f64();
        let after = LIVE.load(Ordering::Relaxed);
        let placed: u64 = out
            .iter()
            .map(|r| r.output.stdout.trim().parse::<u64>().unwrap_or(0))
            .sum();
        if let Some(bad) = out.iter().find(|r| r.output.exit != 0) {
            println!("  {name}: a call failed: {}", bad.output.stderr.trim());
        }
        // What the records of the run itself hold (stdout of each line) is not the world's.
        drop(out);
        let held = LIVE.load(Ordering::Relaxed);
        let _ = after;
        println!(
            "{name:<38} {placed:>10} {secs:>12.3} {:>14.0} {:>12.0}",
            placed as f64 / secs,
            (held - before) as f64 / placed.max(1) as f64
        );
    }
}
