//! The sandbox's traffic and application faults for load balancers: `sim http` (requests
//! through a listener, one line per request saying where it went) and `sim fail-health`,
//! `sim heal-health`, `sim slow` (what a task's application answers, and how fast).

use super::script::Output;
use super::verb::{fail, flag, ok};
use super::Session;
use crate::sim::elb::http::{reason_phrase, send, Burst};

/// The most requests one `sim http` line sends (a bound on the work and the output).
const MAX_REQUESTS: u32 = 10_000;

pub fn http(session: &mut Session, args: &[String]) -> Output {
    let Some(name) = flag(args, "--load-balancer") else {
        return fail(
            "sim http: name the load balancer with --load-balancer NAME\n".into(),
            2,
        );
    };
    let path = flag(args, "--path").unwrap_or("/");
    let number = |key: &str, default: u64, max: u64| -> Result<u64, Output> {
        match flag(args, key).map(str::parse::<u64>) {
            None => Ok(default),
            Some(Ok(n)) if n <= max => Ok(n),
            _ => Err(fail(
                format!("sim http: {key} needs a whole number up to {max}\n"),
                2,
            )),
        }
    };
    let (count, spacing, port) = match (
        number("--count", 1, u64::from(MAX_REQUESTS)),
        number("--spacing-ms", 10, 60_000),
        flag(args, "--port").map(str::parse::<u16>),
    ) {
        (Ok(c), Ok(s), None) => (c as u32, s, None),
        (Ok(c), Ok(s), Some(Ok(p))) => (c as u32, s, Some(p)),
        (Err(e), _, _) | (_, Err(e), _) => return e,
        (_, _, Some(Err(_))) => return fail("sim http: --port needs a port number\n".into(), 2),
    };
    if !session.sim.charge(u64::from(count)) {
        return fail(
            "sim http: that many requests would take more work than one line may do\n".into(),
            1,
        );
    }
    let routed = match send(&mut session.sim, name, port, count, spacing) {
        Ok(r) => r,
        Err(message) => return fail(format!("sim http: {message}\n"), 1),
    };
    let serial = session.history.len() as u64;
    session.traffic = Some(Burst::of(serial, name, &routed));
    let mut out = String::new();
    let mut tally: Vec<(String, u32)> = Vec::new();
    for r in &routed {
        let status = format!("{} {}", r.status, reason_phrase(r.status));
        let status = status.trim_end();
        match &r.target {
            Some((id, port)) => {
                let task = r
                    .task_id
                    .as_deref()
                    .map_or(String::from("no task"), |t| format!("task {t}"));
                let open = if r.failed_open { ", failed open" } else { "" };
                out.push_str(&format!(
                    "#{} GET {path} -> {} {id}:{port} ({}, {task}{open}): {status}\n",
                    r.number,
                    r.target_group,
                    r.az.unwrap_or("")
                ));
                let key = format!("{id}:{port} ({})", r.az.unwrap_or(""));
                match tally.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += 1,
                    None => tally.push((key, 1)),
                }
            }
            None => out.push_str(&format!(
                "#{} GET {path} -> no target of {} can take it: {status} (from the load balancer)\n",
                r.number, r.target_group
            )),
        }
    }
    if routed.len() > 1 {
        out.push_str(&format!("{} requests:", routed.len()));
        for (k, n) in &tally {
            out.push_str(&format!(" {k} x{n};"));
        }
        let lb = routed.iter().filter(|r| r.target.is_none()).count();
        if lb > 0 {
            out.push_str(&format!(" answered by the load balancer x{lb};"));
        }
        out.pop();
        out.push('\n');
    }
    ok(out)
}

/// The task ID in `--task` (an ID or ARN), if such a task exists.
fn task_arg(session: &Session, args: &[String], verb: &str) -> Result<String, Output> {
    let Some(raw) = flag(args, "--task") else {
        return Err(fail(
            format!("sim {verb}: name the task with --task ID\n"),
            2,
        ));
    };
    let id = raw.rsplit('/').next().unwrap_or(raw).to_string();
    if session.sim.world.task(&id).is_none() {
        return Err(fail(format!("sim {verb}: no task {raw}\n"), 1));
    }
    Ok(id)
}

pub fn fail_health(session: &mut Session, args: &[String]) -> Output {
    let id = match task_arg(session, args, "fail-health") {
        Ok(id) => id,
        Err(e) => return e,
    };
    let hang = args.iter().any(|a| a == "--hang");
    let status = match flag(args, "--status").map(str::parse::<u16>) {
        None => 500,
        Some(Ok(s)) if (100..=599).contains(&s) => s,
        Some(_) => {
            return fail(
                "sim fail-health: --status needs an HTTP status code\n".into(),
                2,
            )
        }
    };
    session.sim.world.elb_mut().set_fault(&id, |f| {
        f.hang = hang;
        f.status = (!hang).then_some(status);
    });
    ok(String::new())
}

pub fn heal_health(session: &mut Session, args: &[String]) -> Output {
    let id = match task_arg(session, args, "heal-health") {
        Ok(id) => id,
        Err(e) => return e,
    };
    session.sim.world.elb_mut().set_fault(&id, |f| {
        f.hang = false;
        f.status = None;
    });
    ok(String::new())
}

pub fn slow(session: &mut Session, args: &[String]) -> Output {
    let id = match task_arg(session, args, "slow") {
        Ok(id) => id,
        Err(e) => return e,
    };
    let latency = match flag(args, "--latency-ms").map(str::parse::<u32>) {
        Some(Ok(ms)) if ms <= 60_000 => ms,
        _ => {
            return fail(
                "sim slow: --latency-ms needs a number of ms up to 60000\n".into(),
                2,
            )
        }
    };
    session
        .sim
        .world
        .elb_mut()
        .set_fault(&id, |f| f.latency_ms = Some(latency));
    ok(String::new())
}
