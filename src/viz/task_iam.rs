//! A task's IAM, for its details: which roles it names (task role, execution role), whose
//! credentials its code really gets (the task role; on EC2 without one, the instance role,
//! said plainly since that is what task roles exist to prevent), and "try a call" with those
//! credentials: IAM's decision, with each statement that decided shown as written. The same
//! answer as `sim call --task ID ...`, its CLI twin ([`sim_call_line`]).

use crate::model::iam::eval::{self, Decision, Matched, Request, SourceType};
use crate::model::iam::{managed, Role};
use crate::model::task::Task;
use crate::sim::credentials::{self, Credentials};
use crate::sim::World;
use crate::viz::commands::shell_quote;

/// The roles of a task, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRoles {
    /// The task role's name (its ARN when no such role exists), if it names one.
    pub task_role: Option<String>,
    pub execution_role: Option<String>,
    /// Whose credentials the task's code gets, in a sentence.
    pub credentials: String,
    /// The role those credentials are for, if any.
    pub acting_role: Option<String>,
    /// Whether it is the instance role, for want of a task role.
    pub fallback: bool,
}

fn credentials_words(creds: &Credentials) -> (String, Option<String>, bool) {
    match creds {
        Credentials::TaskRole(r) => (
            format!("its task role {}, served by ECS to the task alone", r.name),
            Some(r.name.clone()),
            false,
        ),
        Credentials::InstanceRole { role, instance_id } => (
            format!(
                "no task role, so the SDK falls back to the instance role {} of {instance_id} \
                 (instance metadata): every task on the instance can do what its ECS agent \
                 can, which is what task roles exist to prevent",
                role.name
            ),
            Some(role.name.clone()),
            true,
        ),
        Credentials::None(why) => (format!("none: {why}"), None, false),
    }
}

/// The roles of task `id` (by ID or ARN); None without such a task.
pub fn task_roles(world: &World, id: &str) -> Option<TaskRoles> {
    let task = world.task(id)?;
    let (credentials, acting_role, fallback) =
        credentials_words(&credentials::of_task(world, task));
    let name_of = |arn: &str| {
        world
            .roles
            .values()
            .find(|r| r.arn == arn)
            .map_or_else(|| arn.to_string(), |r| r.name.clone())
    };
    Some(TaskRoles {
        task_role: credentials::task_role_arn(world, task).map(name_of),
        execution_role: world
            .definition_of(task)
            .and_then(|td| td.execution_role_arn.as_deref())
            .map(name_of),
        credentials,
        acting_role,
        fallback,
    })
}

/// A statement that decided: where it is, and its JSON as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Decider {
    /// `statement 0 "Read" of read (role)`: index and Sid, policy and its kind.
    pub title: String,
    /// The statement, pretty-printed (empty if its policy cannot be found).
    pub statement: String,
}

/// IAM's answer to a call made with a role's credentials (a task's, or the Roles tab's).
#[derive(Debug, Clone, PartialEq)]
pub struct CallAnswer {
    /// None when the call could not be made (no credentials, or an action without a service).
    pub decision: Option<Decision>,
    pub deciders: Vec<Decider>,
    /// The error the SDK would raise: AWS's AccessDenied, or why there are no credentials.
    pub error: Option<String>,
    /// Condition keys the policies read that the call did not carry.
    pub missing_context: Vec<String>,
}

impl CallAnswer {
    fn refused(error: String) -> CallAnswer {
        CallAnswer {
            decision: None,
            deciders: Vec::new(),
            error: Some(error),
            missing_context: Vec::new(),
        }
    }

    pub fn allowed(&self) -> bool {
        self.decision == Some(Decision::Allowed)
    }
}

/// The JSON of the statement `m` points at, pretty-printed.
fn statement_text(world: &World, role: &Role, m: &Matched) -> String {
    let doc: Option<serde_json::Value> = match m.kind {
        SourceType::Role => role
            .inline_policies
            .get(m.policy_id)
            .map(|p| p.json.clone()),
        SourceType::AwsManaged => managed::CATALOGUE
            .iter()
            .find(|p| p.name == m.policy_id)
            .and_then(|p| serde_json::from_str(p.text).ok()),
        SourceType::UserManaged => world
            .policies
            .values()
            .find(|p| p.name == m.policy_id)
            .and_then(|p| p.default_version())
            .map(|v| v.document.json.clone()),
        SourceType::Input | SourceType::Resource => None,
    };
    let st = doc.and_then(|d| match &d["Statement"] {
        serde_json::Value::Array(list) => list.get(m.index).cloned(),
        one @ serde_json::Value::Object(_) if m.index == 0 => Some(one.clone()),
        _ => None,
    });
    st.and_then(|s| serde_json::to_string_pretty(&s).ok())
        .unwrap_or_default()
}

/// IAM's answer to `action` on `resource` called as `principal` with `role`'s policies.
pub fn answer(
    world: &World,
    role: &Role,
    principal: &str,
    action: &str,
    resource: &str,
) -> CallAnswer {
    let action = action.trim();
    let resource = match resource.trim() {
        "" => "*",
        r => r,
    };
    if action
        .split_once(':')
        .is_none_or(|(s, a)| s.is_empty() || a.is_empty())
    {
        return CallAnswer::refused(
            "An action is SERVICE:Action, for example s3:GetObject.".into(),
        );
    }
    let ctx = credentials::context(role, &[]);
    let request = Request {
        action,
        resource,
        context: &ctx,
    };
    let e = credentials::decide(world, role, &request);
    let deciders = e
        .matched
        .iter()
        .map(|m| {
            let sid = m.sid.map(|s| format!(" \"{s}\"")).unwrap_or_default();
            Decider {
                title: format!(
                    "statement {}{sid} of {} ({})",
                    m.index,
                    m.policy_id,
                    m.kind.as_str()
                ),
                statement: statement_text(world, role, m),
            }
        })
        .collect();
    CallAnswer {
        decision: Some(e.decision),
        deciders,
        error: eval::access_denied(principal, &request, &e)
            .map(|message| crate::cli::sim_call::access_denied_error(action, &message)),
        missing_context: e.missing_context.iter().map(|k| k.to_string()).collect(),
    }
}

/// Makes `action` on `resource` from task `id`'s code with the credentials it would have; None
/// without such a task.
pub fn try_task_call(world: &World, id: &str, action: &str, resource: &str) -> Option<CallAnswer> {
    let task: &Task = world.task(id)?;
    let creds = credentials::of_task(world, task);
    let role = match &creds {
        Credentials::TaskRole(r) => *r,
        Credentials::InstanceRole { role, .. } => *role,
        Credentials::None(why) => {
            return Some(CallAnswer::refused(format!("No credentials: {why}.")))
        }
    };
    let principal = credentials::session_arn(&creds, task).unwrap_or_default();
    Some(answer(world, role, &principal, action, resource))
}

/// The CLI twin of a try: `sim call --task ID --action A --resource R`.
pub fn sim_call_line(task_id: &str, action: &str, resource: &str) -> String {
    let resource = match resource.trim() {
        "" => "*",
        r => r,
    };
    format!(
        "sim call --task {} --action {} --resource {}",
        shell_quote(task_id),
        shell_quote(action.trim()),
        shell_quote(resource)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    /// An EC2 cluster with a task of a task role allowed S3 reads of `assets`, and a task of
    /// no task role (which falls back to the instance role).
    fn world() -> (Session, String, String) {
        let mut s = Session::new(1);
        let script = format!(
            "aws ecs create-cluster --cluster-name apps\n{}{}",
            crate::viz::scenario::INSTANCE_ROLE_SCRIPT,
            r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=apps
sleep 90
aws iam create-role --role-name reader --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam put-role-policy --role-name reader --policy-name assets --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::assets/*"},{"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::assets/secret/*"}]}'
aws ecs register-task-definition --family app --task-role-arn arn:aws:iam::123456789012:role/reader --execution-role-arn arn:aws:iam::123456789012:role/reader --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs register-task-definition --family bare --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs run-task --cluster apps --task-definition app
aws ecs run-task --cluster apps --task-definition bare
sleep 30"#
        );
        let out = s.run_script(&script);
        assert!(out.iter().all(|r| r.output.exit == 0), "{out:?}");
        let id = |family: &str| {
            s.sim
                .world
                .tasks()
                .values()
                .find(|t| t.family == family)
                .map(|t| t.id.clone())
                .expect("task")
        };
        let (app, bare) = (id("app"), id("bare"));
        (s, app, bare)
    }

    #[test]
    fn a_task_names_its_roles_and_whose_credentials_its_code_gets() {
        let (s, app, bare) = world();
        let r = task_roles(&s.sim.world, &app).expect("task");
        assert_eq!(r.task_role.as_deref(), Some("reader"));
        assert_eq!(r.execution_role.as_deref(), Some("reader"));
        assert_eq!(r.acting_role.as_deref(), Some("reader"));
        assert!(!r.fallback);
        let r = task_roles(&s.sim.world, &bare).expect("task");
        assert_eq!((r.task_role, r.execution_role), (None, None));
        assert_eq!(r.acting_role.as_deref(), Some("ecsInstanceRole"));
        assert!(r.fallback);
        assert!(
            r.credentials
                .contains("falls back to the instance role ecsInstanceRole"),
            "{}",
            r.credentials
        );
        assert!(task_roles(&s.sim.world, "nope").is_none());
    }

    #[test]
    fn a_call_from_a_task_is_decided_with_the_statement_that_decided() {
        let (s, app, bare) = world();
        let w = &s.sim.world;
        let ok =
            try_task_call(w, &app, "s3:GetObject", "arn:aws:s3:::assets/logo.png").expect("task");
        assert_eq!(ok.decision, Some(Decision::Allowed));
        assert_eq!(ok.error, None);
        assert_eq!(
            ok.deciders[0].title,
            "statement 0 \"Read\" of assets (role)"
        );
        assert!(ok.deciders[0].statement.contains("\"Sid\": \"Read\""));
        let deny =
            try_task_call(w, &app, "s3:GetObject", "arn:aws:s3:::assets/secret/k").expect("task");
        assert_eq!(deny.decision, Some(Decision::ExplicitDeny));
        assert_eq!(
            deny.deciders[0].title,
            "statement 1 \"NoSecrets\" of assets (role)"
        );
        assert!(deny.deciders[0].statement.contains("\"Effect\": \"Deny\""));
        let e = deny.error.expect("denied");
        assert!(
            e.starts_with("An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/reader/")
                && e.ends_with("with an explicit deny in an identity-based policy"),
            "{e}"
        );
        let none = try_task_call(w, &app, "dynamodb:GetItem", "").expect("task");
        assert_eq!(none.decision, Some(Decision::ImplicitDeny));
        assert!(none.deciders.is_empty());
        assert!(none
            .error
            .is_some_and(|e| e.contains("(AccessDeniedException)")));
        // The instance role's fallback: an AWS managed policy decides, shown as written.
        let agent = try_task_call(
            w,
            &bare,
            "ecs:RegisterContainerInstance",
            "arn:aws:ecs:us-east-1:123456789012:cluster/apps",
        )
        .expect("task");
        assert_eq!(agent.decision, Some(Decision::Allowed));
        assert!(agent.deciders[0]
            .title
            .contains("of AmazonEC2ContainerServiceforEC2Role (aws-managed)"));
        assert!(agent.deciders[0]
            .statement
            .contains("ecs:RegisterContainerInstance"));
        let bad = try_task_call(w, &app, "GetObject", "*").expect("task");
        assert_eq!(bad.decision, None);
        assert!(bad.error.is_some());
        assert!(try_task_call(w, "nope", "s3:GetObject", "*").is_none());
    }

    #[test]
    fn the_cli_twin_gives_the_same_decision() {
        let (mut s, app, _) = world();
        let line = sim_call_line(&app, "s3:GetObject", "arn:aws:s3:::assets/secret/k");
        assert_eq!(
            line,
            format!("sim call --task {app} --action s3:GetObject --resource arn:aws:s3:::assets/secret/k")
        );
        let out = s.run_script(&line);
        assert!(out[0].output.stdout.starts_with("explicitDeny"), "{out:?}");
        assert!(out[0]
            .output
            .stdout
            .contains("\"NoSecrets\" of assets (role)"));
        assert!(sim_call_line("t", "s3:Get Object", " ")
            .ends_with("--action 's3:Get Object' --resource '*'"));
    }
}
