//! A corpus of IAM evaluation cases (tests/data/iam_corpus.json), each a policy set (documents
//! given inline, or AWS managed policies by name), a request and its context, and the expected
//! decision, deciding statements (`policy.statement`, 1-based policies, 0-based statements;
//! managed policies by name) and missing context keys. The cases follow the evaluation rules
//! and examples of IAM's documentation (ECS-REFERENCE.md §8.2).

use ecs_sandbox::model::iam::document::{parse, Kind};
use ecs_sandbox::model::iam::eval::{evaluate, Context, Request, Source, SourceType};
use ecs_sandbox::model::iam::managed;
use serde_json::Value;

#[test]
fn every_case_decides_as_iam_does() {
    let corpus: Vec<Value> =
        serde_json::from_str(include_str!("data/iam_corpus.json")).expect("the corpus is JSON");
    let mut failures = Vec::new();
    for case in &corpus {
        let name = case["name"].as_str().expect("name");
        let inline: Vec<_> = case["policies"]
            .as_array()
            .map(|a| a.to_vec())
            .unwrap_or_default()
            .iter()
            .map(|p| parse(&p.to_string(), Kind::Identity).expect(name))
            .collect();
        let ids: Vec<String> = (1..=inline.len()).map(|i| i.to_string()).collect();
        let mut sources: Vec<Source> = inline
            .iter()
            .zip(&ids)
            .map(|(d, id)| Source {
                id,
                kind: SourceType::Input,
                document: d,
            })
            .collect();
        for m in case["managed"].as_array().into_iter().flatten() {
            let m = managed::CATALOGUE
                .iter()
                .find(|p| Some(p.name) == m.as_str())
                .expect("a known managed policy");
            sources.push(Source {
                id: m.name,
                kind: SourceType::AwsManaged,
                document: m.document(),
            });
        }
        let mut ctx = Context::new();
        if let Some(c) = case["context"].as_object() {
            for (k, v) in c {
                let values = v
                    .as_array()
                    .expect("values")
                    .iter()
                    .map(|s| s.as_str().expect("string").to_string())
                    .collect();
                ctx.set(k, values);
            }
        }
        let e = evaluate(
            &sources,
            &Request {
                action: case["action"].as_str().expect("action"),
                resource: case["resource"].as_str().expect("resource"),
                context: &ctx,
            },
        );
        let matched: Vec<String> = e
            .matched
            .iter()
            .map(|m| format!("{}.{}", m.policy_id, m.index))
            .collect();
        let want_matched: Vec<&str> = case["matched"]
            .as_array()
            .expect("matched")
            .iter()
            .map(|s| s.as_str().expect("string"))
            .collect();
        let want_missing: Vec<&str> = case["missing"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if e.decision.as_str() != case["decision"]
            || matched != want_matched
            || (case.get("missing").is_some() && e.missing_context != want_missing)
        {
            failures.push(format!(
                "{name}: got {} {matched:?} missing {:?}",
                e.decision.as_str(),
                e.missing_context
            ));
        }
    }
    assert!(corpus.len() >= 40, "the corpus has {} cases", corpus.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
