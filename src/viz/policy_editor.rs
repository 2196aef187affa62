//! The Roles tab's policy editor: a role's trust policy or one of its inline policies as JSON,
//! checked as the learner types by the very validator `put-role-policy` and
//! `update-assume-role-policy` use (`MalformedPolicyDocument` with IAM's sentence), and the
//! `aws iam ...` line that Save runs, so the change is a line of the scenario like any other
//! (undo, share-by-URL).

use crate::model::iam::document::{Kind, MALFORMED};
use crate::model::iam::PolicyDoc;
use crate::sim::World;
use crate::viz::commands::shell_quote;

/// What is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The role's trust policy (`update-assume-role-policy`).
    Trust,
    /// An inline policy by name, existing or new (`put-role-policy`).
    Inline(String),
}

impl Target {
    /// The document kind IAM reads it as.
    pub fn kind(&self) -> Kind {
        match self {
            Target::Trust => Kind::Trust,
            Target::Inline(_) => Kind::Identity,
        }
    }
}

/// What a new inline policy starts as: a statement to edit, valid as it stands.
pub const NEW_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadAssets",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-bucket/*"
    }
  ]
}"#;

/// The document as stored, pretty-printed for editing (`NEW_POLICY` for an inline policy the
/// role does not have yet); None without such a role.
pub fn stored_text(world: &World, role: &str, target: &Target) -> Option<String> {
    let role = world.roles.get(role)?;
    let doc = match target {
        Target::Trust => Some(&role.assume_role_policy),
        Target::Inline(name) => role.inline_policies.get(name),
    };
    Some(match doc {
        Some(d) => serde_json::to_string_pretty(&d.json).unwrap_or_default(),
        None => NEW_POLICY.to_string(),
    })
}

/// IAM's verdict on what is typed: Ok, or the error IAM would answer with (code and message),
/// checked in IAM's order (the policy name, then the document).
pub fn check(target: &Target, text: &str) -> Result<(), (String, String)> {
    if let Target::Inline(name) = target {
        crate::api::iam::check_name(name, "policyName").map_err(|e| (e.code, e.message))?;
    }
    PolicyDoc::parse(text, target.kind())
        .map(|_| ())
        .map_err(|m| (MALFORMED.to_string(), m.0))
}

/// The verdict as the editor says it.
pub fn verdict_words(verdict: &Result<(), (String, String)>, target: &Target) -> String {
    match verdict {
        Ok(()) => match target {
            Target::Trust => "IAM would accept this trust policy.".into(),
            Target::Inline(_) => "IAM would accept this policy.".into(),
        },
        Err((code, message)) => format!("{code}: {message}"),
    }
}

/// JSON text without the whitespace between its tokens (strings kept as typed, members in
/// their order), so a document fits on one command line.
pub fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The line Save runs.
pub fn save_line(role: &str, target: &Target, text: &str) -> String {
    let doc = shell_quote(&compact(text));
    match target {
        Target::Trust => format!(
            "aws iam update-assume-role-policy --role-name {} --policy-document {doc}",
            shell_quote(role)
        ),
        Target::Inline(name) => format!(
            "aws iam put-role-policy --role-name {} --policy-name {} --policy-document {doc}",
            shell_quote(role),
            shell_quote(name)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;

    fn session() -> Session {
        let mut s = Session::new(1);
        let out = s.run_script(crate::viz::scenario::INSTANCE_ROLE_SCRIPT);
        assert!(out.iter().all(|r| r.output.exit == 0));
        s
    }

    #[test]
    fn iam_s_own_refusals_show_as_the_learner_types() {
        let inline = Target::Inline("read".into());
        assert_eq!(check(&inline, NEW_POLICY), Ok(()));
        let bad_json = check(&inline, "{\"Version\": \"2012-10-17\",").unwrap_err();
        assert_eq!(
            bad_json,
            (
                "MalformedPolicyDocument".into(),
                "This policy contains invalid Json".into()
            )
        );
        let no_resource =
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"#;
        let e = check(&inline, no_resource).unwrap_err();
        assert_eq!(e.0, "MalformedPolicyDocument");
        assert_eq!(
            verdict_words(&Err(e.clone()), &inline),
            format!("MalformedPolicyDocument: {}", e.1)
        );
        // The same sentence put-role-policy answers with.
        let mut s = session();
        let out = s.run_script(&save_line("ecsInstanceRole", &inline, no_resource));
        assert!(
            out[0].output.stderr.contains(&e.1) && out[0].output.stderr.contains(&e.0),
            "{}",
            out[0].output.stderr
        );
        // A trust policy is read as one: it names a Principal.
        assert!(check(&Target::Trust, NEW_POLICY).is_err());
        let name = check(&Target::Inline("no spaces".into()), NEW_POLICY).unwrap_err();
        assert_eq!(name.0, "ValidationError");
        let out = s.run_script(&save_line(
            "ecsInstanceRole",
            &Target::Inline("no spaces".into()),
            NEW_POLICY,
        ));
        assert!(out[0].output.stderr.contains(&name.1), "{out:?}");
    }

    #[test]
    fn save_runs_the_line_that_stores_what_was_typed() {
        let mut s = session();
        let doc = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"Read\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/${aws:username} it's\"}]\n}";
        let target = Target::Inline("it's read".into());
        assert_eq!(
            check(&target, doc).map_err(|e| e.0),
            Err("ValidationError".into())
        );
        let target = Target::Inline("read".into());
        assert_eq!(check(&target, doc), Ok(()));
        let line = save_line("ecsInstanceRole", &target, doc);
        assert!(!line.contains('\n'), "{line}");
        let out = s.run_script(&line);
        assert_eq!(out[0].output.exit, 0, "{:?}", out[0].output);
        let stored = stored_text(&s.sim.world, "ecsInstanceRole", &target).expect("role");
        let want: serde_json::Value = serde_json::from_str(doc).expect("json");
        assert_eq!(stored, serde_json::to_string_pretty(&want).expect("text"));
        // Member order is kept, and text inside strings (spaces, $) untouched.
        assert!(stored.find("\"Sid\"") < stored.find("\"Effect\""));
        assert!(stored.contains("b/${aws:username} it's"));
        // A policy not there yet starts from the template; an unknown role has none.
        assert_eq!(
            stored_text(
                &s.sim.world,
                "ecsInstanceRole",
                &Target::Inline("new".into())
            ),
            Some(NEW_POLICY.to_string())
        );
        assert_eq!(stored_text(&s.sim.world, "nope", &Target::Trust), None);
        // The trust policy is replaced through update-assume-role-policy.
        let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#;
        assert_eq!(check(&Target::Trust, trust), Ok(()));
        let line = save_line("ecsInstanceRole", &Target::Trust, trust);
        assert!(line.starts_with(
            "aws iam update-assume-role-policy --role-name ecsInstanceRole --policy-document '{"
        ));
        assert_eq!(s.run_script(&line)[0].output.exit, 0);
        assert!(stored_text(&s.sim.world, "ecsInstanceRole", &Target::Trust)
            .is_some_and(|t| t.contains("ecs-tasks.amazonaws.com")));
    }

    #[test]
    fn compacting_keeps_strings_and_drops_the_rest_of_the_whitespace() {
        assert_eq!(
            compact("{ \"a b\" : [ 1 , \"x \\\" y\" ],\n\t\"c\": {} }"),
            "{\"a b\":[1,\"x \\\" y\"],\"c\":{}}"
        );
        assert_eq!(compact(""), "");
    }
}
