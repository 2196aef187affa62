//! The Roles tab's model: every role with whom it trusts, its policies and boundary, and what
//! uses it (instance profiles, task definitions); and "try a call": IAM's decision on an action
//! and resource made with a role's credentials, with the statements that decided.

use crate::model::iam::document::Principal;
use crate::model::iam::{managed, Role};
use crate::sim::World;
use crate::viz::task_iam::{answer, CallAnswer};

#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    pub name: String,
    pub arn: String,
    /// Who may assume it: service principals and AWS principals of its trust policy.
    pub trusted: Vec<String>,
    /// Attached managed policies, by name.
    pub attached: Vec<String>,
    pub inline: Vec<String>,
    pub boundary: Option<String>,
    /// What uses it: `instance profile NAME`, `task role of FAMILY:REV`, `execution role of ...`.
    pub used_by: Vec<String>,
    /// Instances of its profile whose agent never joined, and why (`i-... : IAM denied ...`).
    pub never_joined: Vec<String>,
}

fn trusted(role: &Role) -> Vec<String> {
    let mut out = Vec::new();
    for st in &role.assume_role_policy.document.statements {
        match &st.principal {
            Some(Principal::Everyone) => out.push("*".to_string()),
            Some(Principal::Named(kinds)) => {
                for (_, names) in kinds {
                    out.extend(names.iter().cloned());
                }
            }
            None => {}
        }
    }
    out
}

fn policy_name(world: &World, arn: &str) -> String {
    managed::by_arn(arn)
        .map(|m| m.name.to_string())
        .or_else(|| world.policies.get(arn).map(|p| p.name.clone()))
        .unwrap_or_else(|| arn.to_string())
}

/// Every role, by name.
pub fn rows(world: &World) -> Vec<RoleRow> {
    // (role, instance and why) for every agent waiting to register.
    let waiting: Vec<(&str, String)> = world
        .instances
        .values()
        .filter_map(|i| {
            let why = i.agent_waiting.as_ref()?;
            let role = crate::sim::credentials::instance_role(world, &i.id)?;
            Some((
                role.name.as_str(),
                format!("{}: {}", i.id, crate::viz::cluster::iam::never_joined(why)),
            ))
        })
        .collect();
    world
        .roles
        .values()
        .map(|r| {
            let mut used_by: Vec<String> = world
                .instance_profiles
                .values()
                .filter(|p| p.role.as_deref() == Some(r.name.as_str()))
                .map(|p| format!("instance profile {}", p.name))
                .collect();
            for td in world.task_definitions.values().flatten() {
                let rev = format!("{}:{}", td.family, td.revision);
                if td.task_role_arn.as_deref() == Some(r.arn.as_str()) {
                    used_by.push(format!("task role of {rev}"));
                }
                if td.execution_role_arn.as_deref() == Some(r.arn.as_str()) {
                    used_by.push(format!("execution role of {rev}"));
                }
            }
            RoleRow {
                name: r.name.clone(),
                arn: r.arn.clone(),
                trusted: trusted(r),
                attached: r
                    .attached_policies
                    .iter()
                    .map(|a| policy_name(world, a))
                    .collect(),
                inline: r.inline_policies.keys().cloned().collect(),
                boundary: r
                    .permissions_boundary
                    .as_deref()
                    .map(|b| policy_name(world, b)),
                used_by,
                never_joined: waiting
                    .iter()
                    .filter(|w| w.0 == r.name)
                    .map(|w| w.1.clone())
                    .collect(),
            }
        })
        .collect()
}

/// Evaluates `action` on `resource` with `role`'s policies; None without such a role.
pub fn try_call(world: &World, role: &str, action: &str, resource: &str) -> Option<CallAnswer> {
    let role = world.roles.get(role)?;
    let principal = format!(
        "arn:aws:sts::{}:assumed-role/{}/try",
        crate::model::catalog::ACCOUNT_ID,
        role.name
    );
    Some(answer(world, role, &principal, action, resource))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    #[test]
    fn roles_show_trust_policies_and_users_and_a_call_is_decided() {
        let mut s = Session::new(1);
        let out = s.run_script(
            r#"aws iam create-role --role-name app --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam put-role-policy --role-name app --policy-name read --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::assets/*"}]}'
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
aws ecs register-task-definition --family web --task-role-arn arn:aws:iam::123456789012:role/app --container-definitions '[{"name":"a","image":"nginx","memory":64}]'"#,
        );
        assert!(out.iter().all(|r| r.output.exit == 0));
        let rows = rows(&s.sim.world);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.trusted, vec!["ecs-tasks.amazonaws.com"]);
        assert_eq!(r.attached, vec!["AmazonS3ReadOnlyAccess"]);
        assert_eq!(r.inline, vec!["read"]);
        assert_eq!(r.used_by, vec!["task role of web:1"]);
        let ok = try_call(
            &s.sim.world,
            "app",
            "s3:GetObject",
            "arn:aws:s3:::assets/logo.png",
        )
        .expect("a role");
        assert!(ok.allowed());
        assert_eq!(ok.deciders[0].title, "statement 0 \"Read\" of read (role)");
        assert!(ok.deciders[0].statement.contains("arn:aws:s3:::assets/*"));
        let no = try_call(
            &s.sim.world,
            "app",
            "s3:PutObject",
            "arn:aws:s3:::assets/logo.png",
        )
        .expect("a role");
        assert_eq!(
            no.decision,
            Some(crate::model::iam::eval::Decision::ImplicitDeny)
        );
        assert!(no.error.is_some_and(|d| d.starts_with(
            "An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::123456789012:assumed-role/app/try is not authorized"
        ) && d.contains("because no identity-based policy allows")));
        assert!(try_call(&s.sim.world, "nope", "s3:GetObject", "*").is_none());
    }
}
