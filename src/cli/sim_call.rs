//! `sim call --task ID --action SERVICE:Action --resource ARN [--context KEY=VALUE]...`: a call
//! the task's code makes to AWS with the credentials it would really have (its task role, or
//! on EC2 without one the instance role), answered with IAM's decision and the statements that
//! made it, or with the `AccessDenied` error AWS would give.

use super::script::Output;
use super::Session;
use crate::model::iam::eval::{self, Request};
use crate::sim::credentials::{self, Credentials};

pub fn run(session: &mut Session, args: &[String]) -> Output {
    let usage =
        "sim call: --task ID --action SERVICE:Action [--resource ARN] [--context KEY=VALUE]...\n";
    let mut task = None;
    let mut action = None;
    let mut resource = "*".to_string();
    let mut extra = Vec::new();
    let mut words = args.iter();
    while let Some(w) = words.next() {
        let Some(value) = words.next() else {
            return fail(usage, 2);
        };
        match w.as_str() {
            "--task" => task = Some(value.rsplit('/').next().unwrap_or(value).to_string()),
            "--action" => action = Some(value.clone()),
            "--resource" => resource = value.clone(),
            "--context" => match value.split_once('=') {
                Some((k, v)) if !k.is_empty() => extra.push((k.to_string(), v.to_string())),
                _ => return fail("sim call: --context takes KEY=VALUE\n", 2),
            },
            _ => return fail(usage, 2),
        }
    }
    let (Some(task_id), Some(action)) = (task, action) else {
        return fail(usage, 2);
    };
    if action
        .split_once(':')
        .is_none_or(|(s, a)| s.is_empty() || a.is_empty())
    {
        return fail(
            "sim call: --action takes SERVICE:Action (s3:GetObject)\n",
            2,
        );
    }
    let world = &session.sim.world;
    let Some(task) = world.task(&task_id) else {
        return fail(&format!("sim call: no task {task_id}\n"), 1);
    };
    let creds = credentials::of_task(world, task);
    let (role, via) = match &creds {
        Credentials::TaskRole(r) => (*r, format!("the task role {}", r.name)),
        Credentials::InstanceRole { role, instance_id } => (
            *role,
            format!(
                "no task role, so the SDK fell back to the instance role {} of {instance_id} \
                 through the instance metadata service; every task on the instance can do what \
                 its ECS agent can, which is what task roles exist to prevent",
                role.name
            ),
        ),
        Credentials::None(why) => {
            return fail(&format!("sim call: {why}\n"), 255);
        }
    };
    let ctx = credentials::context(role, &extra);
    let request = Request {
        action: &action,
        resource: &resource,
        context: &ctx,
    };
    let decision = credentials::decide(world, role, &request);
    let principal = credentials::session_arn(&creds, task).unwrap_or_default();
    let mut out = format!(
        "{}: {action} on {resource}\n  as {principal}\n  credentials: {via}\n",
        decision.decision.as_str()
    );
    for m in &decision.matched {
        let sid = m.sid.map(|s| format!(" \"{s}\"")).unwrap_or_default();
        out.push_str(&format!(
            "  decided by statement {}{sid} of {} ({}), line {} column {}\n",
            m.index,
            m.policy_id,
            m.kind.as_str(),
            m.start.0,
            m.start.1
        ));
    }
    if !decision.missing_context.is_empty() {
        out.push_str(&format!(
            "  context keys the policies read that the call did not carry: {}\n",
            decision.missing_context.join(", ")
        ));
    }
    match eval::access_denied(&principal, &request, &decision) {
        None => Output {
            stdout: out,
            stderr: String::new(),
            exit: 0,
        },
        Some(message) => Output {
            stdout: out,
            stderr: format!("\n{}\n", access_denied_error(&action, &message)),
            exit: 254,
        },
    }
}

/// The error the AWS CLI prints for a denied call: S3 says `AccessDenied`, most services
/// `AccessDeniedException` (the Roles tab and a task's "try a call" say the same).
pub fn access_denied_error(action: &str, message: &str) -> String {
    let operation = action.split_once(':').map_or("", |(_, a)| a);
    let code = if action.to_ascii_lowercase().starts_with("s3:") {
        "AccessDenied"
    } else {
        "AccessDeniedException"
    };
    format!("An error occurred ({code}) when calling the {operation} operation: {message}")
}

fn fail(message: &str, exit: i32) -> Output {
    super::verb::fail(message.to_string(), exit)
}
