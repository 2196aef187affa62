//! Placement benchmark of the core (DESIGN.md §6): RunTask's placement and task start through
//! the API, without the CLI, for every strategy chain of the whole-path benchmark
//! (`benches/run_task.rs`): 100,000 tasks, ten per launch, onto 5,000 m5.xlarge and c5.xlarge
//! instances over six AZs. Each task keeps its compact decision, as RunTask's do.
//!
//! Run: `cargo bench --bench placement` (`-- --size N` for another cluster size, `-- --tasks N`
//! for another count, `-- --chain NAME` for the chains whose name contains NAME).
//! Budget: 100,000 placements per second on 5,000 instances, for every chain. Seconds are
//! this thread's CPU time (Linux), so the figure does not depend on what else the machine runs.

use std::time::Instant;

use ecs_sandbox::api::ecs_task::bench_launch;
use ecs_sandbox::bench::{core_chains, placement_cluster, placement_request, thread_cpu_ns};

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

fn main() {
    let size: u32 = arg("--size").and_then(|n| n.parse().ok()).unwrap_or(5000);
    let tasks: usize = arg("--tasks")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let only = arg("--chain");
    println!(
        "{size} instances, {tasks} tasks per chain\n{:<38} {:>10} {:>12} {:>16}",
        "chain", "tasks", "seconds", "placements/s"
    );
    for (name, strategies, constraints) in core_chains() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let mut s = placement_cluster(size).expect("setup");
        let mut req = placement_request(&s).expect("request");
        req.strategies = strategies;
        req.constraints = constraints;
        let (start, cpu_start) = (Instant::now(), thread_cpu_ns());
        let mut placed = 0;
        while placed < tasks {
            // distinctInstance allows one task of a group per instance: a new group every
            // half cluster keeps every launch placeable.
            req.needs.group = format!("g{}", placed / (size as usize / 2).max(1));
            let got = bench_launch(&mut s.sim, "bench", "bench", &req, 10);
            assert!(got > 0, "{name}: placement stopped after {placed} tasks");
            placed += got;
        }
        let wall = start.elapsed().as_secs_f64();
        let secs = match (cpu_start, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => wall,
        };
        println!(
            "{name:<38} {placed:>10} {secs:>12.3} {:>16.0}",
            placed as f64 / secs
        );
    }
}
