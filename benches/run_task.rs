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

use ecs_sandbox::bench::{run_task_cluster, run_task_script, thread_cpu_ns, RUN_TASK_CHAINS};

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

/// Where a task's bytes go: each part is dropped in turn and the heap measured again
/// (`--breakdown`, for looking, not for the table).
fn breakdown(s: &mut ecs_sandbox::cli::Session, tasks: u64) {
    let mut last = LIVE.load(Ordering::Relaxed);
    let mut step = |what: &str| {
        let now = LIVE.load(Ordering::Relaxed);
        println!(
            "    {what:<32} {:>8.0} B/task",
            (last - now) as f64 / tasks as f64
        );
        last = now;
    };
    // Events render their sentences on demand, so what the log holds is its data: measured
    // as the heap a copy of it takes (the log itself cannot be dropped from outside the sim).
    let live = LIVE.load(Ordering::Relaxed);
    let copy = s.sim.events().to_vec();
    let events = (LIVE.load(Ordering::Relaxed) - live) as usize;
    drop(copy);
    println!(
        "    {:<32} {:>8.0} B/task ({} events)",
        "event log (a copy of it)",
        events as f64 / tasks as f64,
        s.sim.events().len()
    );
    s.history = Vec::new();
    step("command history");
    let mut tasks = s.sim.world.take_tasks_to_weigh();
    for t in tasks.values_mut() {
        t.overrides = serde_json::Value::Null.into();
    }
    step("overrides (shared by a call)");
    for t in tasks.values_mut() {
        t.ledger.instances = Vec::new();
        t.ledger.group = String::new();
        t.ledger.winner = None;
        t.ledger.summary = String::new().into();
    }
    step("ledger (record, summary, copies)");
    for t in tasks.values_mut() {
        t.containers = Vec::new();
    }
    step("containers");
    drop(tasks);
    step("rest of the tasks (and their map)");
}

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

fn main() {
    let instances: u32 = arg("--instances")
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let calls: u32 = arg("--calls").and_then(|n| n.parse().ok()).unwrap_or(1000);
    let only = arg("--chain");
    println!(
        "{instances} instances, {calls} run-task calls of 10 tasks per chain (seconds: this thread's CPU time)\n{:<38} {:>10} {:>12} {:>14} {:>12} {:>12}",
        "chain", "tasks", "seconds", "tasks/s", "heap B/task", "JSON B/task"
    );
    for (name, options) in RUN_TASK_CHAINS {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let mut s = run_task_cluster(instances).expect("setup");
        let script = run_task_script(options, calls, instances, "g");
        let before = LIVE.load(Ordering::Relaxed);
        let (start, cpu_start) = (Instant::now(), thread_cpu_ns());
        let out = s.run_script(&script);
        let wall = start.elapsed().as_secs_f64();
        let secs = match (cpu_start, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => wall,
        };
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
        // What a task shows of itself: its describe-tasks JSON, compact.
        let json: usize = s
            .sim
            .world
            .tasks()
            .values()
            .map(|t| {
                serde_json::to_string(&ecs_sandbox::api::ecs_task::task_json(t, false, 0))
                    .map_or(0, |j| j.len())
            })
            .sum();
        let per = |bytes: f64| bytes / placed.max(1) as f64;
        if std::env::args().any(|a| a == "--breakdown") {
            breakdown(&mut s, placed.max(1));
        }
        println!(
            "{name:<38} {placed:>10} {secs:>12.3} {:>14.0} {:>12.0} {:>12.0}",
            placed as f64 / secs,
            per((held - before) as f64),
            per(json as f64)
        );
    }
}
