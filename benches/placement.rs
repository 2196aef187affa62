//! Placement benchmark (DESIGN.md §6): places 20 tasks per container instance onto clusters of
//! 500 to 5,000 instances spread over six AZs, with spread(attribute:ecs.availability-zone),
//! binpack(memory) and a memberOf constraint, the ledger on (each task keeps its decision).
//!
//! Run: `cargo bench --bench placement` (add `-- --quick` for the 500-instance size alone, or
//! `-- --size N` for one size).
//! Budget: 100,000 placements per second on 5,000 instances.

use std::time::Instant;

use ecs_sandbox::api::ecs_task::bench_launch;
use ecs_sandbox::bench::{placement_cluster, placement_request};

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
        let mut s = placement_cluster(n).expect("setup");
        let registered = s.sim.world.container_instances.len();
        assert_eq!(registered as u32, n, "every instance registered");
        let req = placement_request(&s).expect("request");
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
