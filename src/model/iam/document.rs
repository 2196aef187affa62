//! A policy document, read and checked the way IAM reads it (ECS-REFERENCE.md §8.2): the JSON
//! becomes typed statements once, when the policy is stored, so an evaluation never looks at
//! JSON again. A document IAM would refuse is refused here with `MalformedPolicyDocument` and
//! IAM's sentence.
//!
//! IAM documents the grammar but not every refusal text. The texts below are those IAM returns
//! to the API (as seen in CLI and SDK errors). Two are our choice where IAM's wording is not
//! documented: an unknown element (`Syntax errors in policy.`, IAM's catch-all) and an invalid
//! `Effect` (`Invalid effect: X`).

use serde_json::{Map, Value};

use super::condition::{Condition, ConditionError};

/// IAM's error code for a document it cannot accept.
pub const MALFORMED: &str = "MalformedPolicyDocument";

/// What a document is for: identity policies grant a principal actions on resources; trust
/// policies say who may assume a role (a `Principal`, no `Resource`); resource policies (an EFS
/// file system policy) say who may act on the resource they are attached to (a `Principal`,
/// and a `Resource` or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Identity,
    Trust,
    Resource,
}

/// The policy language version. Policy variables (`${aws:username}`) are read only in
/// `2012-10-17`; under `2008-10-17` (also the default when `Version` is absent) they are
/// literal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V2008,
    V2012,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// A list of patterns and whether the statement names them (`Action`, `Resource`) or
/// everything but them (`NotAction`, `NotResource`).
#[derive(Debug, Clone, PartialEq)]
pub struct Patterns {
    pub negated: bool,
    /// As written.
    pub written: Vec<String>,
    /// As matched: actions lower-cased (IAM matches them case-insensitively); resources as
    /// written (ARNs are case-sensitive).
    pub matched: Vec<String>,
    /// Whether any pattern holds a policy variable (`${...}`), read once here rather than at
    /// every evaluation.
    pub has_variables: bool,
}

impl Patterns {
    /// Whether any pattern names `text` (already lower-cased for actions), with policy
    /// variables resolved by `resolve` when the pattern holds one.
    pub fn name(&self, text: &str, resolve: &dyn Fn(&str) -> Option<String>) -> bool {
        self.matched.iter().any(|p| {
            if self.has_variables && p.contains("${") {
                resolve(p).is_some_and(|p| super::glob::matches(&p, text))
            } else {
                super::glob::matches(p, text)
            }
        })
    }
}

/// Who a trust-policy statement names: `"*"` or, per principal type (`Service`, `AWS`,
/// `Federated`, `CanonicalUser`), the names given.
#[derive(Debug, Clone, PartialEq)]
pub enum Principal {
    Everyone,
    Named(Vec<(String, Vec<String>)>),
}

impl Principal {
    /// Whether a resource policy's statement names the caller, the principal `caller_arn` (a
    /// role's ARN; `None` for an anonymous caller, as an NFS client without IAM is): `"*"`
    /// names everyone; an `AWS` entry names a principal by its ARN, or every principal of an
    /// account by its ID or root ARN (in one account, the account's own IAM policies then
    /// decide, which the callers of a resource policy check beside it).
    pub fn names_caller(&self, caller_arn: Option<&str>) -> bool {
        match self {
            Principal::Everyone => true,
            Principal::Named(kinds) => kinds.iter().any(|(k, names)| {
                k == "AWS"
                    && names.iter().any(|n| {
                        n == "*"
                            || caller_arn.is_some_and(|arn| {
                                n == arn
                                    || whole_account(n).is_some_and(|a| account_of(arn) == Some(a))
                            })
                    })
            }),
        }
    }

    /// Whether the statement names this service (`ec2.amazonaws.com`).
    pub fn names_service(&self, service: &str) -> bool {
        match self {
            Principal::Everyone => true,
            Principal::Named(kinds) => kinds
                .iter()
                .any(|(k, names)| k == "Service" && names.iter().any(|n| n == service)),
        }
    }
}

/// The account a principal entry names as a whole: by its ID (`123456789012`) or its root ARN
/// (`arn:aws:iam::123456789012:root`).
fn whole_account(entry: &str) -> Option<&str> {
    if entry.len() == 12 && entry.bytes().all(|b| b.is_ascii_digit()) {
        return Some(entry);
    }
    entry
        .strip_prefix("arn:aws:iam::")
        .and_then(|rest| rest.strip_suffix(":root"))
}

/// The account an ARN lives in.
fn account_of(arn: &str) -> Option<&str> {
    arn.strip_prefix("arn:aws:")
        .and_then(|rest| rest.split(':').nth(2))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    pub actions: Patterns,
    /// `None` in trust policies, which name no resource.
    pub resources: Option<Patterns>,
    pub principal: Option<Principal>,
    /// Written as `NotPrincipal`: the statement applies to every caller but those named.
    pub not_principal: bool,
    pub conditions: Vec<Condition>,
    /// Where the statement's object starts and ends in the document's text, as (line, column),
    /// both 1-based (the policy simulator's `StartPosition` and `EndPosition`).
    pub start: (u32, u32),
    pub end: (u32, u32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub version: Version,
    pub statements: Vec<Statement>,
}

/// Why a document is refused: IAM's sentence, under [`MALFORMED`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub String);

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn malformed(message: impl Into<String>) -> Malformed {
    Malformed(message.into())
}

fn syntax() -> Malformed {
    malformed("Syntax errors in policy.")
}

impl From<ConditionError> for Malformed {
    fn from(e: ConditionError) -> Malformed {
        Malformed(e.to_string())
    }
}

/// Reads a policy document from its text.
pub fn parse(text: &str, kind: Kind) -> Result<Document, Malformed> {
    let value: Value =
        serde_json::from_str(text).map_err(|_| malformed("This policy contains invalid Json"))?;
    let Value::Object(top) = &value else {
        return Err(syntax());
    };
    if top
        .keys()
        .any(|k| !matches!(k.as_str(), "Version" | "Id" | "Statement"))
    {
        return Err(syntax());
    }
    let version = match top.get("Version") {
        None => Version::V2008,
        Some(Value::String(v)) if v == "2012-10-17" => Version::V2012,
        Some(Value::String(v)) if v == "2008-10-17" => Version::V2008,
        Some(_) => return Err(malformed("The policy failed legacy parsing")),
    };
    let raw: Vec<&Map<String, Value>> = match top.get("Statement") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_object().ok_or_else(syntax))
            .collect::<Result<_, _>>()?,
        Some(Value::Object(one)) => vec![one],
        _ => return Err(syntax()),
    };
    let spans = statement_spans(text);
    let mut statements = Vec::with_capacity(raw.len());
    for (i, st) in raw.into_iter().enumerate() {
        let (start, end) = spans.get(i).copied().unwrap_or(((1, 1), (1, 1)));
        statements.push(statement(st, kind, start, end)?);
    }
    let mut sids: Vec<&str> = statements.iter().filter_map(|s| s.sid.as_deref()).collect();
    sids.sort_unstable();
    if sids.windows(2).any(|w| w[0] == w[1]) {
        return Err(malformed(
            "Statement IDs (SID) in a single policy must be unique.",
        ));
    }
    Ok(Document {
        version,
        statements,
    })
}

fn statement(
    st: &Map<String, Value>,
    kind: Kind,
    start: (u32, u32),
    end: (u32, u32),
) -> Result<Statement, Malformed> {
    const ELEMENTS: &[&str] = &[
        "Sid",
        "Effect",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Principal",
        "NotPrincipal",
        "Condition",
    ];
    if st.keys().any(|k| !ELEMENTS.contains(&k.as_str())) {
        return Err(syntax());
    }
    let sid = match st.get("Sid") {
        None => None,
        Some(Value::String(s)) if s.chars().all(|c| c.is_ascii_alphanumeric()) => Some(s.clone()),
        Some(Value::String(_)) => {
            return Err(malformed(
                "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the \
                 regular expression [0-9A-Za-z]*",
            ))
        }
        Some(_) => return Err(syntax()),
    };
    let effect = match st.get("Effect") {
        Some(Value::String(e)) if e == "Allow" => Effect::Allow,
        Some(Value::String(e)) if e == "Deny" => Effect::Deny,
        Some(Value::String(e)) => return Err(malformed(format!("Invalid effect: {e}"))),
        Some(_) => return Err(syntax()),
        None => return Err(malformed("Missing required field Effect")),
    };
    let actions = either(st, "Action", "NotAction")?
        .ok_or_else(|| malformed("Policy statement must contain actions."))?;
    for a in &actions.written {
        if a != "*" && !a.contains(':') {
            return Err(malformed(
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            ));
        }
    }
    let actions = Patterns {
        matched: actions
            .written
            .iter()
            .map(|a| a.to_ascii_lowercase())
            .collect(),
        has_variables: false,
        ..actions
    };
    let resources = either(st, "Resource", "NotResource")?;
    let principal = match (st.get("Principal"), st.get("NotPrincipal")) {
        (None, None) => None,
        (Some(p), None) | (None, Some(p)) => Some(principal(p)?),
        (Some(_), Some(_)) => return Err(syntax()),
    };
    match kind {
        Kind::Identity => {
            if principal.is_some() {
                return Err(malformed("Policy document should not specify a principal."));
            }
            let Some(resources) = &resources else {
                return Err(malformed("Policy statement must contain resources."));
            };
            for r in &resources.written {
                if r != "*" && !r.starts_with("arn:") {
                    return Err(malformed(format!(
                        "Resource {r} must be in ARN format or \"*\"."
                    )));
                }
            }
        }
        Kind::Resource => {
            if principal.is_none() {
                return Err(malformed("Missing required field Principal"));
            }
        }
        Kind::Trust => {
            if resources.is_some() {
                let which = if st.contains_key("Resource") {
                    "Resource"
                } else {
                    "NotResource"
                };
                return Err(malformed(format!("Has prohibited field {which}")));
            }
            if principal.is_none() {
                return Err(malformed("Missing required field Principal"));
            }
        }
    }
    let conditions = match st.get("Condition") {
        None => Vec::new(),
        Some(Value::Object(block)) => super::condition::parse_block(block)?,
        Some(_) => return Err(syntax()),
    };
    Ok(Statement {
        sid,
        effect,
        actions,
        resources,
        principal,
        not_principal: st.contains_key("NotPrincipal"),
        conditions,
        start,
        end,
    })
}

/// `Action` or `NotAction` (`Resource` or `NotResource`): a string or a list of strings.
fn either(st: &Map<String, Value>, yes: &str, no: &str) -> Result<Option<Patterns>, Malformed> {
    let (value, negated) = match (st.get(yes), st.get(no)) {
        (None, None) => return Ok(None),
        (Some(v), None) => (v, false),
        (None, Some(v)) => (v, true),
        (Some(_), Some(_)) => return Err(syntax()),
    };
    let written = strings(value)?;
    if written.is_empty() {
        return Ok(None);
    }
    Ok(Some(Patterns {
        negated,
        has_variables: written.iter().any(|w| w.contains("${")),
        matched: written.clone(),
        written,
    }))
}

fn strings(v: &Value) -> Result<Vec<String>, Malformed> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).ok_or_else(syntax))
            .collect(),
        _ => Err(syntax()),
    }
}

fn principal(v: &Value) -> Result<Principal, Malformed> {
    match v {
        Value::String(s) if s == "*" => Ok(Principal::Everyone),
        Value::Object(kinds) => {
            let mut out = Vec::new();
            for (k, names) in kinds {
                if !matches!(
                    k.as_str(),
                    "AWS" | "Service" | "Federated" | "CanonicalUser"
                ) {
                    return Err(syntax());
                }
                let names = strings(names)?;
                for n in &names {
                    if k == "Service" && !n.ends_with(".amazonaws.com") {
                        return Err(malformed(format!(
                            "Invalid principal in policy: \"SERVICE\":\"{n}\""
                        )));
                    }
                }
                out.push((k.clone(), names));
            }
            Ok(Principal::Named(out))
        }
        _ => Err(syntax()),
    }
}

/// The (line, column) where each element of the top-level `Statement` array (or the one
/// `Statement` object) starts and ends. A small scan of the text, since the JSON parser keeps
/// no positions; it runs once, when the document is stored.
fn statement_spans(text: &str) -> Vec<((u32, u32), (u32, u32))> {
    let mut out = Vec::new();
    let (mut line, mut col) = (1u32, 0u32);
    let mut depth = 0u32;
    let (mut in_string, mut escaped) = (false, false);
    // The last string read in the top-level object, and whether the next value is Statement's.
    let (mut last, mut string) = (String::new(), String::new());
    let mut statement_next = false;
    // The depth of the Statement array, and of the statement object being read.
    let (mut array, mut object): (Option<u32>, Option<u32>) = (None, None);
    let mut start = (1, 1);
    for c in text.chars() {
        if c == '\n' {
            (line, col) = (line + 1, 0);
            continue;
        }
        col += 1;
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    in_string = false;
                    if depth == 1 {
                        last = std::mem::take(&mut string);
                    }
                }
                (false, _) if depth == 1 => string.push(c),
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                statement_next = false;
            }
            ':' if depth == 1 => statement_next = last == "Statement",
            '{' => {
                depth += 1;
                if statement_next || array == Some(depth - 1) {
                    object = Some(depth);
                    start = (line, col);
                }
                statement_next = false;
            }
            '[' => {
                depth += 1;
                if statement_next {
                    array = Some(depth);
                }
                statement_next = false;
            }
            '}' | ']' => {
                if c == '}' && object == Some(depth) {
                    out.push((start, (line, col)));
                    object = None;
                } else if c == ']' && array == Some(depth) {
                    array = None;
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str, kind: Kind) -> String {
        parse(text, kind).expect_err(text).0
    }

    #[test]
    fn a_document_becomes_typed_statements_with_positions() {
        let text = "{\"Version\":\"2012-10-17\",\"Statement\":[\n  {\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"S3:Get*\",\"Resource\":\"*\"},\n  {\"Effect\":\"Deny\",\"NotAction\":[\"iam:*\"],\"NotResource\":\"arn:aws:s3:::b/*\"}\n]}";
        let d = parse(text, Kind::Identity).expect("valid");
        assert_eq!(d.version, Version::V2012);
        assert_eq!(d.statements.len(), 2);
        let a = &d.statements[0];
        assert_eq!(a.sid.as_deref(), Some("A"));
        assert_eq!(a.actions.matched, vec!["s3:get*"]);
        assert_eq!(a.actions.written, vec!["S3:Get*"]);
        assert_eq!((a.start, a.end), ((2, 3), (2, 64)));
        let b = &d.statements[1];
        assert!(b.actions.negated && b.resources.as_ref().is_some_and(|r| r.negated));
        assert_eq!(b.start, (3, 3));
        // One statement object, not in an array.
        let one = parse(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
            Kind::Identity,
        )
        .expect("valid");
        assert_eq!(one.version, Version::V2008);
        assert_eq!(
            (one.statements[0].start, one.statements[0].end),
            ((1, 14), (1, 59))
        );
    }

    #[test]
    fn refusals_use_iams_sentences() {
        let id = Kind::Identity;
        let cases = [
            ("{", "This policy contains invalid Json"),
            ("[]", "Syntax errors in policy."),
            (r#"{"Version":"2013-01-01","Statement":[]}"#, "The policy failed legacy parsing"),
            (r#"{"Statement":[{"Effect":"Allow","Resource":"*"}]}"#, "Policy statement must contain actions."),
            (r#"{"Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#, "Policy statement must contain resources."),
            (r#"{"Statement":[{"Action":"s3:*","Resource":"*"}]}"#, "Missing required field Effect"),
            (r#"{"Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}"#, "Invalid effect: Permit"),
            (r#"{"Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}"#, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
            (r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}]}"#, "Resource bucket must be in ARN format or \"*\"."),
            (r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#, "Policy document should not specify a principal."),
            (r#"{"Statement":[{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"a","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#, "Statement IDs (SID) in a single policy must be unique."),
            (r#"{"Statement":[{"Sid":"a-b","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"),
            (r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"a"}}}]}"#, "Invalid Condition type : StringEqualz"),
            (r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Extra":1}]}"#, "Syntax errors in policy."),
        ];
        for (text, want) in cases {
            assert_eq!(refusal(text, id), want, "{text}");
        }
        let trust = Kind::Trust;
        assert_eq!(
            refusal(
                r#"{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#,
                trust
            ),
            "Missing required field Principal"
        );
        assert_eq!(
            refusal(
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#,
                trust
            ),
            "Has prohibited field Resource"
        );
        assert_eq!(
            refusal(
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2"},"Action":"sts:AssumeRole"}]}"#,
                trust
            ),
            "Invalid principal in policy: \"SERVICE\":\"ec2\""
        );
    }
}
