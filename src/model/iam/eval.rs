//! Policy evaluation in one account (ECS-REFERENCE.md §8.2), as a value: the decision and the
//! statements that caused it, as IAM's policy simulator reports them (the model is cedar's
//! authorizer: a decision plus its reasons).
//!
//! The order is IAM's: an explicit `Deny` in any policy wins; otherwise any `Allow` allows;
//! otherwise the request is implicitly denied. For an explicit deny only the deny statements
//! are reported, as the simulator does.

use std::collections::BTreeMap;

use super::document::{Document, Effect, Version};

/// What a request carries beside its action and resource: the context keys (`aws:SourceIp`,
/// `aws:username`, `s3:prefix`, `aws:PrincipalTag/team`...), each with one or more values.
/// Keys are case-insensitive.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Lower-cased key -> values.
    values: BTreeMap<String, Vec<String>>,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    /// Sets a key's values (replacing what it had).
    pub fn set(&mut self, key: &str, values: Vec<String>) {
        self.values.insert(key.to_ascii_lowercase(), values);
    }

    pub fn with(mut self, key: &str, value: &str) -> Context {
        self.set(key, vec![value.to_string()]);
        self
    }

    /// A key's values, by its lower-cased name.
    pub fn get(&self, key_lower: &str) -> Option<&[String]> {
        self.values.get(key_lower).map(Vec::as_slice)
    }

    /// Replaces the policy variables of a 2012-10-17 policy (`${aws:username}`, and the
    /// escapes `${*}`, `${?}`, `${$}`) with the request's values; `None` when a variable has
    /// no value (the pattern then matches nothing).
    pub fn resolve(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let end = after.find('}')?;
            let name = &after[..end];
            match name {
                "*" | "?" | "$" => out.push_str(name),
                _ => {
                    let value = self.get(&name.trim().to_ascii_lowercase())?;
                    // A variable stands for a single value.
                    out.push_str(value.first()?);
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    }
}

/// One request: `s3:GetObject` on `arn:aws:s3:::bucket/key`, with its context.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub action: &'a str,
    pub resource: &'a str,
    pub context: &'a Context,
}

/// Where a policy came from, as the simulator's `SourcePolicyType` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceType {
    /// A document given to `simulate-custom-policy` (`IAM Policy`, as the simulator prints).
    Input,
    /// An inline policy of a role.
    Role,
    AwsManaged,
    UserManaged,
    Resource,
}

impl SourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Input => "IAM Policy",
            SourceType::Role => "role",
            SourceType::AwsManaged => "aws-managed",
            SourceType::UserManaged => "user-managed",
            SourceType::Resource => "resource",
        }
    }
}

/// A policy to evaluate, and how to name it in the result.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The simulator's `SourcePolicyId`: the inline policy's name, the managed policy's name,
    /// or `PolicyInputList.N`.
    pub id: &'a str,
    pub kind: SourceType,
    pub document: &'a Document,
}

/// `EvalDecision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicitDeny",
            Decision::ImplicitDeny => "implicitDeny",
        }
    }
}

/// A statement that decided: its policy, its index (0-based) and Sid, and where it is written.
/// Borrowed from the policies, so an evaluation allocates only its lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched<'a> {
    pub policy_id: &'a str,
    pub kind: SourceType,
    pub index: usize,
    pub sid: Option<&'a str>,
    pub start: (u32, u32),
    pub end: (u32, u32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation<'a> {
    pub decision: Decision,
    /// The allow statements that matched (allowed), or the deny statements (explicit deny);
    /// empty for an implicit deny.
    pub matched: Vec<Matched<'a>>,
    /// Condition keys the matching statements read that the request did not carry.
    pub missing_context: Vec<&'a str>,
    /// With a permissions boundary: whether it allows the request
    /// (`PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary`).
    pub allowed_by_boundary: Option<bool>,
    /// Whether the permissions boundary, not the identity policies, denied the request (AWS's
    /// message then names the boundary).
    pub boundary_decided: bool,
}

impl Evaluation<'_> {
    pub fn allowed(&self) -> bool {
        self.decision == Decision::Allowed
    }
}

/// Evaluates a request against identity policies.
pub fn evaluate<'a>(sources: &[Source<'a>], request: &Request) -> Evaluation<'a> {
    let action = request.action.to_ascii_lowercase();
    let mut allows = Vec::new();
    let mut denies = Vec::new();
    let mut missing: Vec<&'a str> = Vec::new();
    for source in sources {
        let doc: &'a Document = source.document;
        let resolve = |t: &str| match doc.version {
            Version::V2012 => request.context.resolve(t),
            Version::V2008 => Some(t.to_string()),
        };
        for (index, st) in doc.statements.iter().enumerate() {
            if st.actions.name(&action, &resolve) == st.actions.negated {
                continue;
            }
            if let Some(r) = &st.resources {
                if r.name(request.resource, &resolve) == r.negated {
                    continue;
                }
            }
            // A resource policy's statement applies to the callers it names.
            if let (SourceType::Resource, Some(p)) = (source.kind, &st.principal) {
                let caller = request
                    .context
                    .get("aws:principalarn")
                    .and_then(|v| v.first())
                    .map(String::as_str);
                if p.names_caller(caller) == st.not_principal {
                    continue;
                }
            }
            let mut holds = true;
            for c in &st.conditions {
                let values = request.context.get(&c.key_lower);
                if values.is_none() && !missing.iter().any(|m| m.eq_ignore_ascii_case(&c.key)) {
                    missing.push(&c.key);
                }
                // Every key is read (for the missing ones); the tests stop at the first false.
                holds = holds && c.holds(values, &resolve);
            }
            if !holds {
                continue;
            }
            let m = Matched {
                policy_id: source.id,
                kind: source.kind,
                index,
                sid: st.sid.as_deref(),
                start: st.start,
                end: st.end,
            };
            match st.effect {
                Effect::Allow => allows.push(m),
                Effect::Deny => denies.push(m),
            }
        }
    }
    let (decision, matched) = if !denies.is_empty() {
        (Decision::ExplicitDeny, denies)
    } else if !allows.is_empty() {
        (Decision::Allowed, allows)
    } else {
        (Decision::ImplicitDeny, Vec::new())
    };
    Evaluation {
        decision,
        matched,
        missing_context: missing,
        allowed_by_boundary: None,
        boundary_decided: false,
    }
}

/// Evaluates a request against identity policies under a permissions boundary (§8.2 step 6):
/// an explicit deny in either wins; otherwise both must allow, and a request the identity
/// policies allow but the boundary does not is implicitly denied. The statements reported are
/// the identity policies' (and a boundary's deny, when it decided).
pub fn evaluate_bounded<'a>(
    identity: &[Source<'a>],
    boundary: Option<&[Source<'a>]>,
    request: &Request,
) -> Evaluation<'a> {
    let mut e = evaluate(identity, request);
    let Some(boundary) = boundary else {
        return e;
    };
    let b = evaluate(boundary, request);
    e.allowed_by_boundary = Some(b.decision == Decision::Allowed);
    for key in b.missing_context {
        if !e.missing_context.contains(&key) {
            e.missing_context.push(key);
        }
    }
    match (e.decision, b.decision) {
        (Decision::ExplicitDeny, _) => {}
        (_, Decision::ExplicitDeny) => {
            e.decision = Decision::ExplicitDeny;
            e.matched = b.matched;
            e.boundary_decided = true;
        }
        (Decision::Allowed, Decision::ImplicitDeny) => {
            e.decision = Decision::ImplicitDeny;
            e.matched.clear();
            e.boundary_decided = true;
        }
        _ => {}
    }
    e
}

/// The `AccessDenied` sentence AWS gives a denied caller (ECS-REFERENCE.md §8.2), or `None`
/// when the request was allowed. The resource is named (`on resource: *` for actions on no
/// particular resource, as ECR's GetAuthorizationToken is reported) unless the request has
/// none at all (an empty resource).
pub fn access_denied(principal_arn: &str, request: &Request, e: &Evaluation) -> Option<String> {
    let on = if request.resource.is_empty() {
        String::new()
    } else {
        format!(" on resource: {}", request.resource)
    };
    let action = request.action;
    let layer = if e.boundary_decided {
        "permissions boundary"
    } else {
        "identity-based policy"
    };
    match e.decision {
        Decision::Allowed => None,
        Decision::ExplicitDeny => Some(format!(
            "User: {principal_arn} is not authorized to perform: {action}{on} with an explicit \
             deny in {} {layer}",
            if e.boundary_decided { "a" } else { "an" }
        )),
        Decision::ImplicitDeny => Some(format!(
            "User: {principal_arn} is not authorized to perform: {action}{on} because no \
             {layer} allows the {action} action"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::document::{parse, Kind};
    use super::*;

    fn doc(text: &str) -> Document {
        parse(text, Kind::Identity).expect("valid policy")
    }

    fn decide<'a>(
        docs: &[&'a Document],
        action: &str,
        resource: &str,
        ctx: &Context,
    ) -> Evaluation<'a> {
        let sources: Vec<Source> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| Source {
                id: ["p1", "p2", "p3"][i],
                kind: SourceType::Input,
                document: d,
            })
            .collect();
        evaluate(
            &sources,
            &Request {
                action,
                resource,
                context: ctx,
            },
        )
    }

    const V: &str = r#""Version":"2012-10-17""#;

    #[test]
    fn a_resource_policy_statement_applies_to_the_callers_it_names() {
        let fs = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
        let policy = |principal: &str| {
            parse(
                &format!(
                    r#"{{{V},"Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"elasticfilesystem:ClientMount","Resource":"{fs}"}}]}}"#
                ),
                Kind::Resource,
            )
            .expect("valid resource policy")
        };
        let decide = |d: &Document, caller: Option<&str>| {
            let ctx = match caller {
                Some(arn) => Context::new().with("aws:PrincipalArn", arn),
                None => Context::new(),
            };
            let source = Source {
                id: "file system policy",
                kind: SourceType::Resource,
                document: d,
            };
            let request = Request {
                action: "elasticfilesystem:ClientMount",
                resource: fs,
                context: &ctx,
            };
            evaluate(&[source], &request).decision
        };
        let app = Some("arn:aws:iam::123456789012:role/app");
        let other = Some("arn:aws:iam::123456789012:role/other");
        let named = policy(r#"{"AWS":"arn:aws:iam::123456789012:role/app"}"#);
        assert_eq!(decide(&named, app), Decision::Allowed);
        assert_eq!(decide(&named, other), Decision::ImplicitDeny);
        assert_eq!(decide(&named, None), Decision::ImplicitDeny);
        let account = policy(r#"{"AWS":"123456789012"}"#);
        assert_eq!(decide(&account, other), Decision::Allowed);
        let root = policy(r#"{"AWS":"arn:aws:iam::123456789012:root"}"#);
        assert_eq!(decide(&root, app), Decision::Allowed);
        assert_eq!(
            decide(&root, Some("arn:aws:iam::999999999999:role/app")),
            Decision::ImplicitDeny
        );
        let everyone = policy(r#""*""#);
        assert_eq!(decide(&everyone, None), Decision::Allowed);
        let not_app = parse(
            &format!(
                r#"{{{V},"Statement":[{{"Effect":"Deny","NotPrincipal":{{"AWS":"arn:aws:iam::123456789012:role/app"}},"Action":"*","Resource":"*"}}]}}"#
            ),
            Kind::Resource,
        )
        .expect("valid");
        assert_eq!(decide(&not_app, other), Decision::ExplicitDeny);
        assert_eq!(decide(&not_app, app), Decision::ImplicitDeny);
    }

    #[test]
    fn deny_then_allow_then_implicit_deny() {
        let allow = doc(&format!(
            r#"{{{V},"Statement":[{{"Sid":"Read","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"}}]}}"#
        ));
        let deny = doc(&format!(
            r#"{{{V},"Statement":[{{"Effect":"Allow","Action":"*","Resource":"*"}},{{"Sid":"NoSecret","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/secret/*"}}]}}"#
        ));
        let ctx = Context::new();
        let e = decide(&[&allow], "s3:GetObject", "arn:aws:s3:::b/k", &ctx);
        assert_eq!(e.decision, Decision::Allowed);
        assert_eq!(e.matched[0].sid, Some("Read"));
        assert_eq!(
            decide(&[&allow], "S3:getobject", "arn:aws:s3:::b/k", &ctx).decision,
            Decision::Allowed,
            "actions are case-insensitive"
        );
        assert_eq!(
            decide(&[&allow], "s3:GetObject", "arn:aws:s3:::B/k", &ctx).decision,
            Decision::ImplicitDeny,
            "ARNs are case-sensitive"
        );
        let e = decide(
            &[&allow, &deny],
            "s3:GetObject",
            "arn:aws:s3:::b/secret/x",
            &ctx,
        );
        assert_eq!(e.decision, Decision::ExplicitDeny);
        assert_eq!(e.matched.len(), 1, "only the deny is reported");
        assert_eq!((e.matched[0].policy_id, e.matched[0].index), ("p2", 1));
        let r = Request {
            action: "s3:GetObject",
            resource: "arn:aws:s3:::b/secret/x",
            context: &ctx,
        };
        assert_eq!(
            access_denied("arn:aws:sts::123456789012:assumed-role/app/t", &r, &e).as_deref(),
            Some("User: arn:aws:sts::123456789012:assumed-role/app/t is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/secret/x with an explicit deny in an identity-based policy")
        );
    }

    #[test]
    fn not_action_with_allow_and_deny_with_a_missing_key() {
        let not_iam = doc(&format!(
            r#"{{{V},"Statement":[{{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}]}}"#
        ));
        let ctx = Context::new();
        assert!(decide(&[&not_iam], "s3:PutObject", "*", &ctx).allowed());
        assert!(!decide(&[&not_iam], "iam:CreateRole", "*", &ctx).allowed());
        // A Deny whose condition key is absent does not apply (StringEquals on a missing key
        // is false), and the key is reported missing.
        let guarded = doc(&format!(
            r#"{{{V},"Statement":[{{"Effect":"Allow","Action":"s3:*","Resource":"*"}},{{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{{"StringEquals":{{"aws:RequestedRegion":"eu-west-1"}}}}}}]}}"#
        ));
        let e = decide(&[&guarded], "s3:GetObject", "*", &ctx);
        assert_eq!(e.decision, Decision::Allowed);
        assert_eq!(e.missing_context, vec!["aws:RequestedRegion"]);
        let eu = Context::new().with("aws:requestedregion", "eu-west-1");
        assert_eq!(
            decide(&[&guarded], "s3:GetObject", "*", &eu).decision,
            Decision::ExplicitDeny
        );
    }

    #[test]
    fn policy_variables_resolve_only_in_2012_policies() {
        let home = r#""Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]"#;
        let new = doc(&format!("{{{V},{home}}}"));
        let old = doc(&format!("{{{home}}}"));
        let alice = Context::new().with("aws:username", "alice");
        assert!(decide(&[&new], "s3:GetObject", "arn:aws:s3:::home/alice/x", &alice).allowed());
        assert!(!decide(&[&new], "s3:GetObject", "arn:aws:s3:::home/bob/x", &alice).allowed());
        assert!(!decide(
            &[&new],
            "s3:GetObject",
            "arn:aws:s3:::home/alice/x",
            &Context::new()
        )
        .allowed());
        assert!(!decide(&[&old], "s3:GetObject", "arn:aws:s3:::home/alice/x", &alice).allowed());
        assert!(decide(
            &[&old],
            "s3:GetObject",
            "arn:aws:s3:::home/${aws:username}/x",
            &alice
        )
        .allowed());
        assert_eq!(
            Context::new().resolve("a${*}b${?}${$}").as_deref(),
            Some("a*b?$")
        );
    }
}
