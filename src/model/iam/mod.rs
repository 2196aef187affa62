//! IAM: roles, instance profiles and policies (records), policy documents read as IAM reads them
//! ([`document`], [`condition`]), the AWS managed policies as data ([`managed`]), and evaluation
//! with its reasons ([`eval`]).

pub mod condition;
pub mod document;
pub mod eval;
mod glob;
pub mod managed;

use std::collections::BTreeMap;

use serde::Serialize;

use super::time::SimTime;
use super::Tag;
use document::{Document, Kind, Malformed};
use eval::{Source, SourceType};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub description: Option<String>,
    pub max_session_duration: u32,
    pub created: SimTime,
    /// The trust policy.
    pub assume_role_policy: PolicyDoc,
    /// Managed policy ARNs attached (AWS's or the account's), in attach order.
    pub attached_policies: Vec<String>,
    /// Inline policies: name -> document.
    pub inline_policies: BTreeMap<String, PolicyDoc>,
    /// The managed policy (ARN) that bounds what the role's policies may grant.
    pub permissions_boundary: Option<String>,
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceProfile {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub created: SimTime,
    /// An instance profile holds at most one role.
    pub role: Option<String>,
    pub tags: Vec<Tag>,
}

/// A policy document as given (what `get-role-policy` and friends print) and as read.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDoc {
    pub json: serde_json::Value,
    pub document: Document,
}

impl PolicyDoc {
    /// Reads a document, or IAM's reason for refusing it.
    pub fn parse(text: &str, kind: Kind) -> Result<PolicyDoc, Malformed> {
        let document = document::parse(text, kind)?;
        let json = serde_json::from_str(text).unwrap_or_default();
        Ok(PolicyDoc { json, document })
    }
}

/// Written as the JSON it was given.
impl Serialize for PolicyDoc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(s)
    }
}

/// One version of a customer managed policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyVersion {
    /// `v1`, `v2`... (numbers are not reused after a version is deleted).
    pub version_id: String,
    pub document: PolicyDoc,
    pub created: SimTime,
}

/// A customer managed policy (`create-policy`): up to five versions, one the default.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPolicy {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub description: Option<String>,
    pub default_version_id: String,
    pub versions: Vec<PolicyVersion>,
    /// The number the next version takes.
    pub next_version: u32,
    pub created: SimTime,
    pub updated: SimTime,
    pub tags: Vec<Tag>,
}

impl CustomerPolicy {
    pub fn default_version(&self) -> Option<&PolicyVersion> {
        self.versions
            .iter()
            .find(|v| v.version_id == self.default_version_id)
    }
}

/// A role's policies for evaluation: its identity policies and its permissions boundary.
pub struct RolePolicies<'a> {
    pub identity: Vec<Source<'a>>,
    pub boundary: Option<Vec<Source<'a>>>,
}

impl<'a> RolePolicies<'a> {
    pub fn evaluate(&self, request: &eval::Request) -> eval::Evaluation<'a> {
        eval::evaluate_bounded(&self.identity, self.boundary.as_deref(), request)
    }
}

/// A managed policy as a source: AWS's, or one of the account's (looked up by `customer`).
fn managed_source<'a>(
    arn: &str,
    customer: &dyn Fn(&str) -> Option<&'a CustomerPolicy>,
) -> Option<Source<'a>> {
    if let Some(m) = managed::by_arn(arn) {
        return Some(Source {
            id: m.name,
            kind: SourceType::AwsManaged,
            document: m.document(),
        });
    }
    let c = customer(arn)?;
    let v = c.default_version()?;
    Some(Source {
        id: &c.name,
        kind: SourceType::UserManaged,
        document: &v.document.document,
    })
}

/// A role's policies: identity ones and its boundary.
pub fn role_policies<'a>(
    role: &'a Role,
    customer: &dyn Fn(&str) -> Option<&'a CustomerPolicy>,
) -> RolePolicies<'a> {
    RolePolicies {
        identity: role_sources(role, customer),
        // A boundary whose policy is gone allows nothing (our choice; IAM keeps the policy
        // from being deleted while it is a boundary).
        boundary: role
            .permissions_boundary
            .as_ref()
            .map(|arn| managed_source(arn, customer).into_iter().collect()),
    }
}

/// A role's identity policies for evaluation: its inline policies, then the managed ones
/// attached (AWS's, or the account's looked up by `customer`).
pub fn role_sources<'a>(
    role: &'a Role,
    customer: &dyn Fn(&str) -> Option<&'a CustomerPolicy>,
) -> Vec<Source<'a>> {
    let mut out: Vec<Source<'a>> = role
        .inline_policies
        .iter()
        .map(|(name, p)| Source {
            id: name,
            kind: SourceType::Role,
            document: &p.document,
        })
        .collect();
    out.extend(
        role.attached_policies
            .iter()
            .filter_map(|arn| managed_source(arn, customer)),
    );
    out
}

/// IAM's name rule for roles, policies and instance profiles: 1-64 characters (128 for
/// policies) of `[\w+=,.@-]`.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
}

/// Whether a trust policy lets an AWS service (`ec2.amazonaws.com`) assume the role: an Allow
/// statement naming the service for `sts:AssumeRole`, and no Deny that names it.
pub fn trusts_service(trust: &Document, service: &str) -> bool {
    let names = |st: &document::Statement| {
        st.principal
            .as_ref()
            .is_some_and(|p| p.names_service(service))
            && (st.actions.name("sts:assumerole", &|t| Some(t.to_string())) != st.actions.negated)
    };
    let allowed = trust
        .statements
        .iter()
        .any(|st| st.effect == document::Effect::Allow && names(st));
    let denied = trust
        .statements
        .iter()
        .any(|st| st.effect == document::Effect::Deny && names(st));
    allowed && !denied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_iams_rule() {
        for ok in ["ecsInstanceRole", "a", "role+=,.@-_1"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "has space", "slash/", &"x".repeat(65)] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    fn role(trust: &str) -> Role {
        Role {
            name: "r".into(),
            id: "AROA".into(),
            arn: "arn:aws:iam::123456789012:role/r".into(),
            path: "/".into(),
            description: None,
            max_session_duration: 3600,
            created: 0,
            assume_role_policy: PolicyDoc::parse(trust, Kind::Trust).expect("trust"),
            attached_policies: vec![],
            inline_policies: BTreeMap::new(),
            permissions_boundary: None,
            tags: vec![],
        }
    }

    #[test]
    fn a_roles_policies_decide_with_their_sources() {
        let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        let mut r = role(trust);
        assert!(trusts_service(
            &r.assume_role_policy.document,
            "ec2.amazonaws.com"
        ));
        assert!(!trusts_service(
            &r.assume_role_policy.document,
            "ecs-tasks.amazonaws.com"
        ));
        let ctx = eval::Context::new();
        let req = eval::Request {
            action: "ecs:RegisterContainerInstance",
            resource: "*",
            context: &ctx,
        };
        assert_eq!(
            eval::evaluate(&role_sources(&r, &|_: &str| None), &req).decision,
            eval::Decision::ImplicitDeny
        );
        r.attached_policies.push(managed::CATALOGUE[3].arn());
        let e = eval::evaluate(&role_sources(&r, &|_: &str| None), &req);
        assert_eq!(e.decision, eval::Decision::Allowed);
        assert_eq!(
            e.matched[0].policy_id,
            "AmazonEC2ContainerServiceforEC2Role"
        );
        assert_eq!(e.matched[0].kind, SourceType::AwsManaged);
        r.inline_policies.insert(
            "deny".into(),
            PolicyDoc::parse(
                r#"{"Statement":{"Effect":"Deny","Action":"ecs:Register*","Resource":"*"}}"#,
                Kind::Identity,
            )
            .expect("valid"),
        );
        let e = eval::evaluate(&role_sources(&r, &|_: &str| None), &req);
        assert_eq!(e.decision, eval::Decision::ExplicitDeny);
        assert_eq!(
            (e.matched[0].policy_id, e.matched[0].kind),
            ("deny", SourceType::Role)
        );
    }
}
