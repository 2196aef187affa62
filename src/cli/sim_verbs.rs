//! The sandbox's own commands, which no AWS CLI has: `sleep` (which advances simulated time
//! instead of waiting) and `sim ...` (inspect and steer the simulation).

use serde_json::json;

use super::script::Output;
use super::verb::{fail, flag, ok};
use super::Session;
use crate::model::task::{DesiredStatus, StopCode};
use crate::model::time::{parse_duration_ms, Instant, SimTime};

const HELP: &str = "\
sim state              the whole simulated world as JSON
sim events             the event log as JSON (every change, in words)
sim advance N[s|m|h]   move simulated time forward (like sleep)
sim step               move to the next scheduled event and run it
sim time               the simulated clock
sim explain --task ID  why placement put a task where it is (every instance, every check)
sim explain --last     why the last RunTask that placed nothing failed, instance by instance
                       (or which placed task then failed to start)
sim agent-disconnect --instance ID   stop an instance's ECS agent (placement then says AGENT)
sim agent-connect --instance ID      start it again
sim agent-log --instance ID          what an EC2 instance's ECS agent did and why it waits
sim call --task ID --action S:A [--resource ARN] [--context K=V]...
                       a call the task's code makes with its credentials: IAM's decision
sim caller [--role NAME | --root]   whom your own aws lines act as (root by default; as a
                       role, iam:PassRole is checked against its policies)
sim fs write --task ID --path P --data D   write a file on a task's EFS volume
sim fs read --task ID --path P             read one (as the task sees it)
sim fs ls --file-system FS                 every file of a file system, and who wrote it
sim load --service NAME [--cluster C] [--cpu P] [--memory P] [--requests-per-minute N]
                       the work offered to a service: P% average now (shared by its tasks as
                       they scale), N requests a minute (what auto scaling tracks)
sim kill --task ID [--container NAME] [--exit-code N]   a container exits (default code 1)
sim ips --subnet ID    every address of a subnet and what holds it (reserved, instance,
                       trunk, task ENI, free)
sim interrupt --task ID   Fargate Spot reclaims a FARGATE_SPOT task (two-minute notice)
sim az-outage --zone AZ   a failure drill: the zone's EC2 instances stop (their tasks are
                       lost), its Fargate tasks are lost, and nothing launches there
sim az-restore --zone AZ  the zone is back: its instances start and their agents reconnect
sim http --load-balancer NAME [--port N] [--path P] [--count N] [--spacing-ms MS]
                       send requests through a load balancer's listener (one every MS ms,
                       default 10) and print which target, AZ and task answered each; with
                       no healthy target the ALB fails open to its unhealthy ones, and answers
                       503 itself when it has neither
sim fail-health --task ID [--status CODE | --hang]   the task's application answers CODE
                       (default 500) or nothing at all: its health checks fail
sim heal-health --task ID   the task's application answers 200 again
sim slow --task ID --latency-ms N   the task takes N ms per request (default 20; what
                       least_outstanding_requests reads)
";

fn pretty(v: &serde_json::Value) -> String {
    super::output::format(v, super::output::OutputFormat::Json, "")
}

/// `sim VERB ...`
pub fn run(session: &mut Session, args: &[String]) -> Output {
    let verb = args.first().map(String::as_str);
    match verb {
        Some("state") => ok(pretty(&session.sim.state_json())),
        Some("events") => ok(pretty(&json!({ "events": session.sim.events() }))),
        Some("advance") => advance(session, &args[1..], "sim advance"),
        Some("step") => {
            if session.sim.step() {
                ok(String::new())
            } else {
                fail("sim step: nothing is scheduled\n".into(), 1)
            }
        }
        Some("time") => ok(format!(
            "{} ({} ms since the start)\n",
            Instant(session.sim.now()).iso_cli(),
            session.sim.now()
        )),
        Some("explain") => explain(session, &args[1..]),
        Some("agent-disconnect") => agent(session, &args[1..], false),
        Some("agent-connect") => agent(session, &args[1..], true),
        Some("agent-log") => agent_log(session, &args[1..]),
        Some("call") => super::sim_call::run(session, &args[1..]),
        Some("caller") => caller(session, &args[1..]),
        Some("fs") => super::sim_fs::run(session, &args[1..]),
        Some("load") => load(session, &args[1..]),
        Some("kill") => kill(session, &args[1..]),
        Some("ips") => ips(session, &args[1..]),
        Some("interrupt") => interrupt(session, &args[1..]),
        Some("az-outage") => zone_drill(session, &args[1..], true),
        Some("az-restore") => zone_drill(session, &args[1..], false),
        Some("http") => super::sim_http::http(session, &args[1..]),
        Some("fail-health") => super::sim_http::fail_health(session, &args[1..]),
        Some("heal-health") => super::sim_http::heal_health(session, &args[1..]),
        Some("slow") => super::sim_http::slow(session, &args[1..]),
        Some("help") | None => ok(HELP.to_string()),
        Some(other) => fail(format!("sim: unknown command '{other}'\n{HELP}"), 2),
    }
}

fn explain(session: &mut Session, args: &[String]) -> Output {
    let world = &session.sim.world;
    if args.iter().any(|a| a == "--last") {
        return match &world.last_failed_placement {
            Some(l) => ok(pretty(&serde_json::to_value(l).unwrap_or_default())),
            // Placement succeeded, but a task may still have failed: say so, and where to
            // look, rather than that nothing failed.
            None => fail(
                match last_failed_to_start(world) {
                    Some(t) => format!(
                        "sim explain: every RunTask placed its tasks, but task {id} ({family}) stopped while starting: {code}: {reason}\nsim explain --task {id} shows where it was placed and why it stopped\n",
                        id = t.id,
                        family = t.family,
                        code = StopCode::TaskFailedToStart.as_str(),
                        reason = t.stopped_reason.as_deref().unwrap_or(""),
                    ),
                    None => "sim explain: no RunTask has failed to place a task yet\n".into(),
                },
                1,
            ),
        };
    }
    let Some(raw) = flag(args, "--task") else {
        return fail("sim explain: use --task ID or --last\n".into(), 2);
    };
    let id = raw.rsplit('/').next().unwrap_or(raw);
    let Some(t) = world.task(id) else {
        return fail(format!("sim explain: no task {raw}\n"), 1);
    };
    let (arn, instance_arn) = (t.arn.clone(), t.container_instance_arn.clone());
    // A large cluster's decision was recorded compactly: replay it to show every instance.
    // The replay runs the whole history again: at most its commands and the timers fired so
    // far, charged to the line's budget of work (in the browser; natively there is none).
    let ledger = if t.ledger.complete {
        Some(t.ledger.clone())
    } else {
        let decision = t.ledger.decision;
        let cost = (session.history.len() as u64).saturating_add(session.sim.timers_fired());
        if !session.sim.charge(cost) {
            return fail(
                format!("sim explain: replaying the decision for task {raw} would take more work than one line may do\n"),
                1,
            );
        }
        session.replay_decision(decision)
    };
    let Some(ledger) = ledger else {
        return fail(
            format!("sim explain: the decision for task {raw} could not be replayed\n"),
            1,
        );
    };
    let mut out = json!({
        "taskArn": arn,
        "containerInstanceArn": instance_arn,
        "placement": serde_json::to_value(&ledger).unwrap_or_default(),
    });
    // Placement is not the end of a task's story: one that stopped (or is stopping) says
    // how, with ECS's stop code and reason, and whether it ever started.
    if let Some(t) = session.sim.world.task(id) {
        if let Some(code) = t.stop_code {
            out["stopped"] = json!({
                "lastStatus": t.last_status.as_str(),
                "stopCode": code.as_str(),
                "stoppedReason": t.stopped_reason.as_deref().unwrap_or(""),
                "startedAt": t.started_at.map(|ms| Instant(ms).iso_cli()),
                "stoppedAt": t.stopped_at.map(|ms| Instant(ms).iso_cli()),
                "whileStarting": t.started_at.is_none(),
            });
        }
    }
    ok(pretty(&out))
}

/// The task that most recently stopped with `TaskFailedToStart` (by stop time, then ID).
fn last_failed_to_start(world: &crate::sim::world::World) -> Option<&crate::model::task::Task> {
    world
        .tasks()
        .values()
        .filter(|t| t.stop_code == Some(StopCode::TaskFailedToStart))
        .max_by(|a, b| {
            (a.stopped_at.or(a.stopping_at), &a.id).cmp(&(b.stopped_at.or(b.stopping_at), &b.id))
        })
        .map(|t| &**t)
}

/// Finds a container instance by EC2 instance ID, container instance ID or ARN.
fn container_instance_id(session: &Session, raw: &str) -> Option<String> {
    let short = raw.rsplit('/').next().unwrap_or(raw);
    session
        .sim
        .world
        .container_instances()
        .values()
        .filter(|ci| ci.status != crate::model::ecs::ContainerInstanceStatus::Inactive)
        .find(|ci| ci.ec2_instance_id == raw || ci.id == short)
        .map(|ci| ci.id.clone())
}

fn agent(session: &mut Session, args: &[String], connected: bool) -> Output {
    let Some(raw) = flag(args, "--instance") else {
        return fail("sim: name the instance with --instance ID\n".into(), 2);
    };
    let Some(id) = container_instance_id(session, raw) else {
        return fail(format!("sim: no registered container instance {raw}\n"), 1);
    };
    crate::sim::agent::set_connected(&mut session.sim, &id, connected);
    ok(String::new())
}

/// `sim agent-log --instance i-...`: the agent's story on one instance, in its own words:
/// every registration attempt that failed (once per reason), the registration, connection
/// changes, and what it waits for now.
fn agent_log(session: &mut Session, args: &[String]) -> Output {
    let Some(id) = flag(args, "--instance") else {
        return fail(
            "sim agent-log: name the EC2 instance with --instance ID\n".into(),
            2,
        );
    };
    let Some(inst) = session.sim.world.instances.get(id) else {
        return fail(format!("sim agent-log: no instance {id}\n"), 1);
    };
    let mut out = String::new();
    for e in session.sim.events() {
        let about_agent = matches!(
            e.kind(),
            "AgentRegistrationFailed"
                | "ContainerInstanceRegistered"
                | "ContainerInstanceRegistrationFailed"
                | "AgentConnectionChanged"
                | "ContainerInstanceDeregistered"
        );
        if about_agent && e.refs().contains(&id) {
            out.push_str(&format!(
                "{}  {}\n",
                Instant(e.time_ms).iso_seconds(),
                e.message()
            ));
        }
    }
    match &inst.agent_waiting {
        Some(reason) => out.push_str(&format!("now: waiting to retry: {reason}\n")),
        None if out.is_empty() => out.push_str("now: the agent has not started yet\n"),
        None => {}
    }
    ok(out)
}

/// `sim caller`: shows or sets whom the learner's own calls are made as.
fn caller(session: &mut Session, args: &[String]) -> Output {
    let world = &mut session.sim.world;
    match args.first().map(String::as_str) {
        None => {}
        Some("--root") => world.caller_role = None,
        Some("--role") => {
            let Some(name) = args.get(1) else {
                return fail("sim caller: --role needs a role name\n".into(), 2);
            };
            if !world.roles.contains_key(name.as_str()) {
                return fail(format!("sim caller: no role {name}\n"), 1);
            }
            world.caller_role = Some(name.clone());
        }
        Some(_) => return fail("sim caller: [--role NAME | --root]\n".into(), 2),
    }
    ok(match &world.caller_role {
        None => format!("{}\n", crate::sim::world::caller_arn()),
        Some(role) => format!(
            "arn:aws:sts::{}:assumed-role/{role}/{}\n",
            crate::model::catalog::ACCOUNT_ID,
            crate::api::pass_role::SESSION
        ),
    })
}

/// `sim load`: sets the work offered to a service. A CPU or memory figure is the average per
/// task at the service's running count now; the demand behind it stays while tasks come and go,
/// so more tasks each carry less.
fn load(session: &mut Session, args: &[String]) -> Output {
    let Some(name) = flag(args, "--service") else {
        return fail("sim load: name the service with --service NAME\n".into(), 2);
    };
    let cluster = flag(args, "--cluster").unwrap_or("default");
    let arn = crate::sim::world::ecs_arn(&format!("service/{cluster}/{name}"));
    let world = &mut session.sim.world;
    if world.service(&arn).is_none() {
        return fail(
            format!("sim load: no service {name} in cluster {cluster}\n"),
            1,
        );
    }
    let running = f64::from(crate::sim::autoscaling::running(world, &arn).max(1));
    let number = |key: &str| -> Result<Option<f64>, Output> {
        match flag(args, key) {
            None => Ok(None),
            Some(v) => crate::float::parse_f64(v)
                .filter(|n| *n >= 0.0)
                .map(Some)
                .ok_or_else(|| fail(format!("sim load: {key} takes a number of 0 or more\n"), 2)),
        }
    };
    let (cpu, memory, requests) = match (
        number("--cpu"),
        number("--memory"),
        number("--requests-per-minute"),
    ) {
        (Ok(c), Ok(m), Ok(r)) => (c, m, r),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return e,
    };
    let load = world.service_load.entry(arn).or_default();
    if let Some(c) = cpu {
        load.cpu = c * running;
    }
    if let Some(m) = memory {
        load.memory = m * running;
    }
    if let Some(r) = requests {
        load.requests_per_minute = r;
    }
    ok(format!(
        "{name}: CPU {:.0}% and memory {:.0}% on average over {running} running tasks, {:.0} \
         requests a minute\n",
        (load.cpu / running).min(100.0),
        (load.memory / running).min(100.0),
        load.requests_per_minute
    ))
}

fn kill(session: &mut Session, args: &[String]) -> Output {
    let Some(raw) = flag(args, "--task") else {
        return fail("sim kill: name the task with --task ID\n".into(), 2);
    };
    let code = match flag(args, "--exit-code").map(str::parse::<i32>) {
        None => 1,
        Some(Ok(c)) => c,
        Some(Err(_)) => return fail("sim kill: --exit-code needs an integer\n".into(), 2),
    };
    let id = raw.rsplit('/').next().unwrap_or(raw).to_string();
    let Some(task) = session.sim.world.task(&id) else {
        return fail(format!("sim kill: no task {raw}\n"), 1);
    };
    if task.last_status != crate::model::task::TaskStatus::Running {
        return fail(
            format!(
                "sim kill: task {raw} is {}, not RUNNING\n",
                task.last_status.as_str()
            ),
            1,
        );
    }
    let index = match flag(args, "--container") {
        None => task
            .containers
            .iter()
            .position(|c| c.essential)
            .unwrap_or(0),
        Some(name) => match task.containers.iter().position(|c| c.name == name) {
            Some(i) => i,
            None => return fail(format!("sim kill: task {raw} has no container {name}\n"), 1),
        },
    };
    crate::sim::task::kill_container(&mut session.sim, &id, index, code);
    ok(String::new())
}

fn ips(session: &mut Session, args: &[String]) -> Output {
    let Some(id) = flag(args, "--subnet") else {
        return fail("sim ips: name the subnet with --subnet ID\n".into(), 2);
    };
    match crate::sim::ip_map::ip_map(&session.sim.world, id) {
        Some(map) => ok(map.to_text(&session.sim.world)),
        None => fail(format!("sim ips: no subnet {id}\n"), 1),
    }
}

/// Fargate Spot takes its capacity back: the task gets the two-minute termination notice
/// (desiredStatus STOPPED, `TerminationNotice`, "Your Spot Task was interrupted.") and SIGTERM.
fn interrupt(session: &mut Session, args: &[String]) -> Output {
    let Some(raw) = flag(args, "--task") else {
        return fail("sim interrupt: name the task with --task ID\n".into(), 2);
    };
    let id = raw.rsplit('/').next().unwrap_or(raw).to_string();
    let Some(task) = session.sim.world.task(&id) else {
        return fail(format!("sim interrupt: no task {raw}\n"), 1);
    };
    if task.capacity_provider != Some(crate::model::ecs::CapacityProvider::FargateSpot) {
        return fail(
            format!("sim interrupt: task {raw} does not run on FARGATE_SPOT\n"),
            1,
        );
    }
    if task.desired_status != DesiredStatus::Running {
        return fail(
            format!("sim interrupt: task {raw} is already stopping\n"),
            1,
        );
    }
    crate::sim::task::spot_interrupted(&mut session.sim, &id);
    ok(String::new())
}

/// `sim az-outage --zone Z` / `sim az-restore --zone Z` (see `sim::outage`).
fn zone_drill(session: &mut Session, args: &[String], down: bool) -> Output {
    let verb = if down { "az-outage" } else { "az-restore" };
    let Some(zone) = flag(args, "--zone") else {
        return fail(format!("sim {verb}: name the zone with --zone AZ\n"), 2);
    };
    let sim = &mut session.sim;
    let said = if down {
        crate::sim::outage::outage(sim, zone).map(|(instances, tasks)| {
            format!("{zone} is down: {instances} EC2 instance(s) stopped, {tasks} task(s) lost\n")
        })
    } else {
        crate::sim::outage::restore(sim, zone)
            .map(|instances| format!("{zone} is back: {instances} EC2 instance(s) starting\n"))
    };
    match said {
        Ok(text) => ok(text),
        Err(refused) => fail(format!("sim {verb}: {refused}\n"), 1),
    }
}

/// `sleep N`: advances simulated time by N seconds (suffixes s, m, h, d as GNU sleep takes
/// them; fractions allowed). It never waits in real time.
pub fn sleep(session: &mut Session, args: &[String]) -> Output {
    advance(session, args, "sleep")
}

fn advance(session: &mut Session, args: &[String], name: &str) -> Output {
    match duration_args_ms(args, name) {
        Ok(total) => {
            session.sim.advance(total);
            ok(String::new())
        }
        Err(refused) => refused,
    }
}

/// The time `sleep ARGS` (or `sim advance ARGS`) lets pass: the sum of its arguments, as GNU
/// sleep sums them; or the error the command prints. The browser's replay of a scenario reads
/// `sleep` lines through this too, so a line means the same time in both.
pub fn duration_args_ms(args: &[String], name: &str) -> Result<SimTime, Output> {
    if args.is_empty() {
        return Err(fail(format!("{name}: missing operand\n"), 1));
    }
    let mut total: SimTime = 0;
    for a in args {
        match parse_duration_ms(a) {
            Some(ms) => total = total.saturating_add(ms),
            None => return Err(fail(format!("{name}: invalid time interval '{a}'\n"), 1)),
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_like_gnu_sleep() {
        let cases = [
            ("5", Some(5_000)),
            ("2.5", Some(2_500)),
            ("10s", Some(10_000)),
            ("3m", Some(180_000)),
            ("1h", Some(3_600_000)),
            ("0", Some(0)),
        ];
        for (t, want) in cases {
            assert_eq!(parse_duration_ms(t), want, "{t}");
        }
        for bad in ["", "x", "-1", "1x", "1e3", "s", "400d"] {
            assert_eq!(parse_duration_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn sleep_moves_the_clock_and_only_the_clock() {
        let mut s = Session::new(1);
        let out = sleep(&mut s, &["90".to_string()]);
        assert_eq!(out.exit, 0);
        assert_eq!(s.sim.now(), 90_000);
        assert_eq!(sleep(&mut s, &["soon".to_string()]).exit, 1);
        assert_eq!(s.sim.now(), 90_000);
    }
}
