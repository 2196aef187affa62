//! Services over time (issue 13), measured on the whole path (`ecs-sim` script -> CLI -> API
//! -> scheduler -> simulation):
//!
//! - a 500-task rolling deployment to completion: `update-service` to a new revision, then
//!   `aws ecs wait services-stable` (max 200 / min 100: 500 new tasks start, turn healthy,
//!   500 old ones stop); budget under 100 ms natively;
//! - 100 services of 50 tasks (5,000 tasks) advanced one simulated hour with
//!   `sim advance 1h`; budget under 1 s natively (without the load balancer's health checks,
//!   which come with the ALB). Steady services give the scheduler nothing to do, so the hour
//!   is also measured with churn: every container exits after ten minutes, and the services
//!   replace all 5,000 tasks six times over.
//!
//! - the same 100 services behind an ALB: 20 target groups of type `instance` (bridge tasks
//!   with dynamic host ports), health checks every 30 s, one simulated hour; budget under 1 s
//!   natively (DESIGN.md §6).
//!
//! Run: `cargo bench --bench services`. Seconds are this thread's CPU time.

use std::time::Instant;

use ecs_sandbox::bench::{
    services_alb_script, services_cluster, services_script, thread_cpu_ns, ROLLING_SCRIPT,
};
use ecs_sandbox::cli::Session;

/// Runs a script, returning its seconds (this thread's CPU time where Linux gives it, else the
/// wall time) and its last line's stdout; panics on a failed line. The wall time is printed
/// to stderr beside it, for a machine shared with other work.
fn timed(s: &mut Session, script: &str) -> (f64, String) {
    let (start, cpu_start) = (Instant::now(), thread_cpu_ns());
    let out = s.run_script(script);
    let wall = start.elapsed().as_secs_f64();
    let secs = match (cpu_start, thread_cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e9,
        _ => wall,
    };
    eprintln!(
        "  ({} lines: {:.1} ms CPU, {:.1} ms wall)",
        script.lines().count(),
        secs * 1e3,
        wall * 1e3
    );
    if let Some(bad) = out.iter().find(|r| r.output.exit != 0) {
        panic!("{} failed: {}", bad.command, bad.output.stderr);
    }
    let last = out.last().map(|r| r.output.stdout.trim().to_string());
    (secs, last.unwrap_or_default())
}

fn main() {
    // 1. One service of 500 tasks, rolled to a new revision.
    let mut s = services_cluster(20).expect("setup");
    let (settle, _) = timed(&mut s, &services_script(1, 500, 1));
    let timers = s.sim.timers_fired();
    let (roll, last) = timed(&mut s, ROLLING_SCRIPT);
    println!(
        "500-task rolling deployment to completion: {:.1} ms ({} timers; deployments, running, rolloutState: {last}); creating and settling the 500: {:.1} ms",
        roll * 1e3,
        s.sim.timers_fired() - timers,
        settle * 1e3
    );
    // 2. 100 services of 50 tasks, one simulated hour: steady, then with churn.
    for (revision, what) in [(1, "steady"), (3, "every task replaced each 10 min")] {
        let mut s = services_cluster(100).expect("setup");
        let (settle, _) = timed(&mut s, &services_script(100, 50, revision));
        let live = s.sim.world.tasks().len();
        let timers = s.sim.timers_fired();
        let (hour, _) = timed(&mut s, "sim advance 1h\n");
        let (_, running) = timed(
            &mut s,
            "aws ecs describe-services --cluster bench --services svc0 svc99 --query 'services[].runningCount' --output text\n",
        );
        println!(
            "100 services, {live} tasks ({what}), sim advance 1h: {:.1} ms ({} timers, {} tasks started in all; running in svc0 and svc99 after: {running}); creating and settling them: {:.1} ms",
            hour * 1e3,
            s.sim.timers_fired() - timers,
            s.sim.world.decisions,
            settle * 1e3
        );
    }
    // 3. The same behind an ALB: 5,000 targets in 20 groups, checked every 30 s.
    let mut s = services_cluster(100).expect("setup");
    let (settle, _) = timed(&mut s, &services_alb_script(100, 50));
    let timers = s.sim.timers_fired();
    let (hour, _) = timed(&mut s, "sim advance 1h\n");
    let (_, healthy) = timed(
        &mut s,
        "aws elbv2 describe-target-health --target-group-arn $TG0 --query 'length(TargetHealthDescriptions[?TargetHealth.State==`healthy`])'\n",
    );
    println!(
        "100 services, {} tasks behind 20 target groups (checks every 30 s), sim advance 1h: {:.1} ms ({} timers; healthy targets in tg0 after: {healthy}); creating and settling them: {:.1} ms",
        s.sim.world.tasks().len(),
        hour * 1e3,
        s.sim.timers_fired() - timers,
        settle * 1e3
    );
}
