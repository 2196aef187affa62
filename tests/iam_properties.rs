//! Property tests of IAM evaluation over random policies and requests: an explicit deny always
//! wins; adding an Allow never turns an allowed request into a denied one (nor an implicit deny
//! into an explicit one); the matched statements are exactly the ones of the deciding effect.
// Native only: proptest is native.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::model::iam::document::{parse, Document, Kind};
use ecs_sandbox::model::iam::eval::{
    evaluate, evaluate_bounded, Context, Decision, Request, Source, SourceType,
};
use proptest::prelude::*;

const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "ecs:RunTask",
    "ecs:RegisterContainerInstance",
    "iam:PassRole",
];
const ACTION_PATTERNS: &[&str] = &[
    "s3:*",
    "s3:Get*",
    "S3:getobject",
    "ecs:*",
    "ecs:R?nTask",
    "iam:PassRole",
    "*",
    "ec2:*",
];
const RESOURCES: &[&str] = &[
    "arn:aws:s3:::assets/logo.png",
    "arn:aws:s3:::assets/secret/key",
    "arn:aws:ecs:us-east-1:123456789012:cluster/lab",
    "*",
];
const RESOURCE_PATTERNS: &[&str] = &[
    "*",
    "arn:aws:s3:::assets/*",
    "arn:aws:s3:::assets/secret/*",
    "arn:aws:ecs:*:*:cluster/*",
    "arn:aws:s3:::Assets/*",
];
const CONDITIONS: &[&str] = &[
    "",
    r#","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#,
    r#","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}"#,
    r#","Condition":{"StringEqualsIfExists":{"aws:RequestedRegion":"eu-west-1"}}"#,
    r#","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
    r#","Condition":{"ForAllValues:StringLike":{"s3:prefix":["home/*"]}}"#,
    r#","Condition":{"Null":{"aws:SourceIp":"true"}}"#,
];

#[derive(Debug, Clone)]
struct St {
    deny: bool,
    not_action: bool,
    action: usize,
    resource: usize,
    condition: usize,
}

fn statement() -> impl Strategy<Value = St> {
    (
        any::<bool>(),
        prop::bool::weighted(0.2),
        0..ACTION_PATTERNS.len(),
        0..RESOURCE_PATTERNS.len(),
        0..CONDITIONS.len(),
    )
        .prop_map(|(deny, not_action, action, resource, condition)| St {
            deny,
            not_action,
            action,
            resource,
            condition,
        })
}

fn text(statements: &[St]) -> String {
    let body: Vec<String> = statements
        .iter()
        .map(|s| {
            format!(
                r#"{{"Effect":"{}","{}":"{}","Resource":"{}"{}}}"#,
                if s.deny { "Deny" } else { "Allow" },
                if s.not_action { "NotAction" } else { "Action" },
                ACTION_PATTERNS[s.action],
                RESOURCE_PATTERNS[s.resource],
                CONDITIONS[s.condition]
            )
        })
        .collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        body.join(",")
    )
}

fn policies() -> impl Strategy<Value = Vec<Vec<St>>> {
    prop::collection::vec(prop::collection::vec(statement(), 1..5), 1..4)
}

fn context() -> impl Strategy<Value = Context> {
    (
        prop::option::of(prop::sample::select(vec!["us-east-1", "eu-west-1"])),
        prop::option::of(prop::sample::select(vec!["10.1.2.3", "203.0.113.9"])),
        prop::option::of(prop::collection::vec(
            prop::sample::select(vec!["home/a", "home/b", "tmp/x"]),
            0..3,
        )),
    )
        .prop_map(|(region, ip, prefixes)| {
            let mut c = Context::new();
            if let Some(r) = region {
                c.set("aws:RequestedRegion", vec![r.to_string()]);
            }
            if let Some(ip) = ip {
                c.set("aws:SourceIp", vec![ip.to_string()]);
            }
            if let Some(p) = prefixes {
                c.set("s3:prefix", p.into_iter().map(str::to_string).collect());
            }
            c
        })
}

fn decide(docs: &[Document], action: &str, resource: &str, ctx: &Context) -> Decision {
    let ids: Vec<String> = (1..=docs.len()).map(|i| format!("p{i}")).collect();
    let sources: Vec<Source> = docs
        .iter()
        .zip(&ids)
        .map(|(d, id)| Source {
            id,
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
    .decision
}

fn read(statements: &[Vec<St>]) -> Vec<Document> {
    statements
        .iter()
        .map(|s| parse(&text(s), Kind::Identity).expect("generated policies are valid"))
        .collect()
}

fn sources<'a>(docs: &'a [Document], ids: &'a [String]) -> Vec<Source<'a>> {
    docs.iter()
        .zip(ids)
        .map(|(d, id)| Source {
            id,
            kind: SourceType::Input,
            document: d,
        })
        .collect()
}

proptest! {
    #[test]
    fn an_explicit_deny_always_wins(
        ps in policies(),
        action in 0..ACTIONS.len(),
        resource in 0..RESOURCES.len(),
        ctx in context(),
    ) {
        let (action, resource) = (ACTIONS[action], RESOURCES[resource]);
        let mut docs = read(&ps);
        // A statement that denies exactly this request, unconditionally.
        docs.push(parse(
            &format!(r#"{{"Statement":{{"Effect":"Deny","Action":"{action}","Resource":"{resource}"}}}}"#),
            Kind::Identity,
        ).expect("valid"));
        prop_assert_eq!(decide(&docs, action, resource, &ctx), Decision::ExplicitDeny);
    }

    #[test]
    fn adding_an_allow_never_denies_more(
        ps in policies(),
        extra in statement(),
        action in 0..ACTIONS.len(),
        resource in 0..RESOURCES.len(),
        ctx in context(),
    ) {
        let (action, resource) = (ACTIONS[action], RESOURCES[resource]);
        let before = decide(&read(&ps), action, resource, &ctx);
        let mut more = ps.clone();
        more.push(vec![St { deny: false, ..extra }]);
        let after = decide(&read(&more), action, resource, &ctx);
        match before {
            Decision::Allowed => prop_assert_eq!(after, Decision::Allowed),
            Decision::ExplicitDeny => prop_assert_eq!(after, Decision::ExplicitDeny),
            Decision::ImplicitDeny => prop_assert_ne!(after, Decision::ExplicitDeny),
        }
    }

    #[test]
    fn the_matched_statements_are_those_of_the_deciding_effect(
        ps in policies(),
        action in 0..ACTIONS.len(),
        resource in 0..RESOURCES.len(),
        ctx in context(),
    ) {
        let (action, resource) = (ACTIONS[action], RESOURCES[resource]);
        let docs = read(&ps);
        let ids: Vec<String> = (1..=docs.len()).map(|i| format!("p{i}")).collect();
        let sources: Vec<Source> = docs.iter().zip(&ids).map(|(d, id)| Source { id, kind: SourceType::Input, document: d }).collect();
        let e = evaluate(&sources, &Request { action, resource, context: &ctx });
        for m in &e.matched {
            let p: usize = m.policy_id[1..].parse().unwrap();
            let st = &ps[p - 1][m.index];
            prop_assert_eq!(st.deny, e.decision == Decision::ExplicitDeny);
        }
        prop_assert_eq!(e.matched.is_empty(), e.decision == Decision::ImplicitDeny);
    }

    #[test]
    fn a_boundary_never_allows_more(
        ps in policies(),
        bs in policies(),
        action in 0..ACTIONS.len(),
        resource in 0..RESOURCES.len(),
        ctx in context(),
    ) {
        let (action, resource) = (ACTIONS[action], RESOURCES[resource]);
        let (identity, boundary) = (read(&ps), read(&bs));
        let ids: Vec<String> = (1..=identity.len().max(boundary.len())).map(|i| format!("p{i}")).collect();
        let (i, b) = (sources(&identity, &ids), sources(&boundary, &ids));
        let request = Request { action, resource, context: &ctx };
        let bounded = evaluate_bounded(&i, Some(&b), &request);
        let alone = evaluate(&i, &request).decision;
        let cap = evaluate(&b, &request).decision;
        prop_assert_eq!(
            bounded.decision == Decision::Allowed,
            alone == Decision::Allowed && cap == Decision::Allowed
        );
        prop_assert_eq!(
            bounded.decision == Decision::ExplicitDeny,
            alone == Decision::ExplicitDeny || cap == Decision::ExplicitDeny
        );
        prop_assert_eq!(bounded.allowed_by_boundary, Some(cap == Decision::Allowed));
    }
}
