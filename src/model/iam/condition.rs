//! The `Condition` element (ECS-REFERENCE.md §8.2): operators, `...IfExists`, `Null`, the set
//! qualifiers `ForAnyValue:` and `ForAllValues:`, and what each does when the request carries
//! no value for its key.
//!
//! The rules, as IAM documents them: several operators, and several keys under one operator,
//! must all hold (AND); several values for one key are alternatives (OR), and for the negated
//! operators (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`...) a value must match none of
//! them (NOR). A key the request does not carry makes a condition false, except that a negated
//! operator is then true, `...IfExists` is true, `ForAllValues:` is true (every one of no
//! values matches) and `Null` asks exactly that question. Key names are case-insensitive.

use std::net::IpAddr;

use serde_json::{Map, Value};

/// What a condition compares, after its qualifiers are taken off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

impl Operator {
    fn parse(name: &str) -> Option<Operator> {
        use Operator::*;
        Some(match name {
            "StringEquals" => StringEquals,
            "StringNotEquals" => StringNotEquals,
            "StringEqualsIgnoreCase" => StringEqualsIgnoreCase,
            "StringNotEqualsIgnoreCase" => StringNotEqualsIgnoreCase,
            "StringLike" => StringLike,
            "StringNotLike" => StringNotLike,
            "NumericEquals" => NumericEquals,
            "NumericNotEquals" => NumericNotEquals,
            "NumericLessThan" => NumericLessThan,
            "NumericLessThanEquals" => NumericLessThanEquals,
            "NumericGreaterThan" => NumericGreaterThan,
            "NumericGreaterThanEquals" => NumericGreaterThanEquals,
            "DateEquals" => DateEquals,
            "DateNotEquals" => DateNotEquals,
            "DateLessThan" => DateLessThan,
            "DateLessThanEquals" => DateLessThanEquals,
            "DateGreaterThan" => DateGreaterThan,
            "DateGreaterThanEquals" => DateGreaterThanEquals,
            "Bool" => Bool,
            "BinaryEquals" => BinaryEquals,
            "IpAddress" => IpAddress,
            "NotIpAddress" => NotIpAddress,
            "ArnEquals" => ArnEquals,
            "ArnLike" => ArnLike,
            "ArnNotEquals" => ArnNotEquals,
            "ArnNotLike" => ArnNotLike,
            "Null" => Null,
            _ => return None,
        })
    }

    /// The operators that hold when a value matches none of theirs.
    fn negated(self) -> bool {
        use Operator::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
                | ArnNotEquals
                | ArnNotLike
        )
    }

    /// Whether one request value matches one policy value, before negation.
    fn matches(self, request: &str, policy: &str) -> bool {
        use std::cmp::Ordering::*;
        use Operator::*;
        match self {
            StringEquals | StringNotEquals => request == policy,
            // Compared upper-cased: the wasm already carries the upper-case tables (the CLI's
            // text output uses them), not the lower-case ones.
            StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => {
                request.to_uppercase() == policy.to_uppercase()
            }
            StringLike | StringNotLike => super::glob::matches(policy, request),
            NumericEquals | NumericNotEquals => number_cmp(request, policy) == Some(Equal),
            NumericLessThan => number_cmp(request, policy) == Some(Less),
            NumericLessThanEquals => matches!(number_cmp(request, policy), Some(Less | Equal)),
            NumericGreaterThan => number_cmp(request, policy) == Some(Greater),
            NumericGreaterThanEquals => {
                matches!(number_cmp(request, policy), Some(Greater | Equal))
            }
            DateEquals | DateNotEquals => date_cmp(request, policy) == Some(Equal),
            DateLessThan => date_cmp(request, policy) == Some(Less),
            DateLessThanEquals => matches!(date_cmp(request, policy), Some(Less | Equal)),
            DateGreaterThan => date_cmp(request, policy) == Some(Greater),
            DateGreaterThanEquals => matches!(date_cmp(request, policy), Some(Greater | Equal)),
            Bool => request.eq_ignore_ascii_case(policy),
            BinaryEquals => request == policy,
            IpAddress | NotIpAddress => ip_in(request, policy),
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => arn_like(policy, request),
            // Answered before any value is compared.
            Null => false,
        }
    }
}

/// Numbers through the crate's own float parser (std's would add its tables to the wasm; see
/// `float.rs`).
fn number_cmp(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let (a, b) = (
        crate::float::parse_f64(a.trim())?,
        crate::float::parse_f64(b.trim())?,
    );
    a.partial_cmp(&b)
}

/// Dates as IAM takes them: ISO 8601 (`2026-12-05T10:00:00Z`, or a day) or epoch seconds.
fn date_cmp(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let ms = |t: &str| {
        crate::model::time::parse_iso_to_unix_ms(t)
            .or_else(|| t.trim().parse::<i64>().ok().map(|s| s * 1000))
    };
    Some(ms(a)?.cmp(&ms(b)?))
}

/// Whether an address falls in a CIDR block (or equals a bare address).
fn ip_in(address: &str, block: &str) -> bool {
    let Ok(ip) = address.trim().parse::<IpAddr>() else {
        return false;
    };
    if let Ok(net) = block.trim().parse::<ipnet::IpNet>() {
        return net.contains(&ip);
    }
    block.trim().parse::<IpAddr>() == Ok(ip)
}

/// ARN matching: each of the six colon-separated parts matched on its own, case-sensitively,
/// with `*` and `?` (the resource part keeps its own colons).
fn arn_like(pattern: &str, arn: &str) -> bool {
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    if pattern == "*" {
        return true;
    }
    p.len() == 6 && a.len() == 6 && p.iter().zip(&a).all(|(p, a)| super::glob::matches(p, a))
}

/// `ForAnyValue:` or `ForAllValues:`, for keys that carry several values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    ForAnyValue,
    ForAllValues,
}

/// One test: an operator, one key, and the values any of which may match.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub operator: Operator,
    pub qualifier: Option<SetQualifier>,
    pub if_exists: bool,
    /// The operator as written (`ForAnyValue:StringLikeIfExists`).
    pub written: String,
    /// The key as written, and lower-cased for lookup (keys are case-insensitive).
    pub key: String,
    pub key_lower: String,
    pub values: Vec<String>,
}

/// Why a `Condition` block is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionError {
    /// An operator IAM does not know.
    InvalidType(String),
    /// A block that is not `{Operator: {Key: value or [values]}}`.
    Syntax,
}

impl std::fmt::Display for ConditionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConditionError::InvalidType(op) => write!(f, "Invalid Condition type : {op}"),
            ConditionError::Syntax => f.write_str("Syntax errors in policy."),
        }
    }
}

/// Reads a statement's `Condition` block.
pub fn parse_block(block: &Map<String, Value>) -> Result<Vec<Condition>, ConditionError> {
    let mut out = Vec::new();
    for (written, keys) in block {
        let (qualifier, rest) = if let Some(r) = written.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else if let Some(r) = written.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else {
            (None, written.as_str())
        };
        let (if_exists, name) = match rest.strip_suffix("IfExists") {
            Some(n) if n != "Null" => (true, n),
            _ => (false, rest),
        };
        let operator =
            Operator::parse(name).ok_or_else(|| ConditionError::InvalidType(written.clone()))?;
        let Value::Object(keys) = keys else {
            return Err(ConditionError::Syntax);
        };
        for (key, values) in keys {
            let values = match values {
                Value::Array(items) => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
                v => scalar(v).map(|v| vec![v]),
            }
            .ok_or(ConditionError::Syntax)?;
            out.push(Condition {
                operator,
                qualifier,
                if_exists,
                written: written.clone(),
                key: key.clone(),
                key_lower: key.to_ascii_lowercase(),
                values,
            });
        }
    }
    Ok(out)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Condition {
    /// Whether the condition holds for the request's values of its key (`None`: the request
    /// does not carry the key). `resolve` replaces policy variables in the policy's values
    /// (`None` when a variable has no value, so that value matches nothing).
    pub fn holds(
        &self,
        request: Option<&[String]>,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> bool {
        let request = request.filter(|r| !r.is_empty());
        if self.operator == Operator::Null {
            let absent = request.is_none();
            return self
                .values
                .iter()
                .any(|v| v.eq_ignore_ascii_case(&absent.to_string()));
        }
        let Some(request) = request else {
            return self.if_exists
                || self.qualifier == Some(SetQualifier::ForAllValues)
                || (self.qualifier.is_none() && self.operator.negated());
        };
        let one = |r: &String| {
            let any = self.values.iter().any(|v| {
                if v.contains("${") {
                    resolve(v).is_some_and(|p| self.operator.matches(r, &p))
                } else {
                    self.operator.matches(r, v)
                }
            });
            any != self.operator.negated()
        };
        match self.qualifier {
            Some(SetQualifier::ForAllValues) => request.iter().all(one),
            Some(SetQualifier::ForAnyValue) | None => request.iter().any(one),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cond(block: Value) -> Condition {
        let Value::Object(m) = block else { panic!() };
        parse_block(&m).expect("valid").remove(0)
    }

    fn holds(c: &Condition, values: Option<&[&str]>) -> bool {
        let owned: Option<Vec<String>> = values.map(|v| v.iter().map(|s| s.to_string()).collect());
        c.holds(owned.as_deref(), &|v| {
            Some(v.replace("${aws:username}", "alice"))
        })
    }

    #[test]
    fn operators_compare_as_iam_documents() {
        let cases: Vec<(Value, &[&str], bool)> = vec![
            (json!({"StringEquals": {"k": "a"}}), &["a"], true),
            (json!({"StringEquals": {"k": "a"}}), &["A"], false),
            (json!({"StringEqualsIgnoreCase": {"k": "a"}}), &["A"], true),
            (json!({"StringNotEquals": {"k": ["a", "b"]}}), &["b"], false),
            (json!({"StringNotEquals": {"k": ["a", "b"]}}), &["c"], true),
            (
                json!({"StringLike": {"k": "home/${aws:username}/*"}}),
                &["home/alice/x"],
                true,
            ),
            (
                json!({"StringLike": {"k": "home/${aws:username}/*"}}),
                &["home/bob/x"],
                false,
            ),
            (json!({"NumericLessThan": {"k": 10}}), &["9.5"], true),
            (json!({"NumericLessThan": {"k": "10"}}), &["ten"], false),
            (
                json!({"NumericGreaterThanEquals": {"k": 10}}),
                &["10"],
                true,
            ),
            (
                json!({"DateLessThan": {"k": "2026-12-31T00:00:00Z"}}),
                &["2026-12-05T10:00:00Z"],
                true,
            ),
            (
                json!({"DateGreaterThan": {"k": "2026-12-31"}}),
                &["1798761600"],
                true,
            ),
            (json!({"Bool": {"k": true}}), &["true"], true),
            (json!({"Bool": {"k": "true"}}), &["false"], false),
            (
                json!({"IpAddress": {"k": "203.0.113.0/24"}}),
                &["203.0.113.9"],
                true,
            ),
            (
                json!({"IpAddress": {"k": "203.0.113.0/24"}}),
                &["198.51.100.1"],
                false,
            ),
            (
                json!({"NotIpAddress": {"k": "203.0.113.0/24"}}),
                &["198.51.100.1"],
                true,
            ),
            (
                json!({"IpAddress": {"k": "2001:db8::/32"}}),
                &["2001:db8::1"],
                true,
            ),
            (
                json!({"ArnLike": {"k": "arn:aws:iam::*:role/ecs*"}}),
                &["arn:aws:iam::123456789012:role/ecsTask"],
                true,
            ),
            (
                json!({"ArnEquals": {"k": "arn:aws:iam::*:role/ecs*"}}),
                &["arn:aws:iam::123456789012:user/ecs"],
                false,
            ),
            (
                json!({"ArnNotLike": {"k": "arn:aws:s3:::b/*"}}),
                &["arn:aws:s3:::c/x"],
                true,
            ),
        ];
        for (block, values, want) in cases {
            assert_eq!(
                holds(&cond(block.clone()), Some(values)),
                want,
                "{block} on {values:?}"
            );
        }
    }

    #[test]
    fn absent_keys_and_sets_follow_the_documented_rules() {
        let absent: Vec<(Value, bool)> = vec![
            (json!({"StringEquals": {"k": "a"}}), false),
            (json!({"StringNotEquals": {"k": "a"}}), true),
            (json!({"StringEqualsIfExists": {"k": "a"}}), true),
            (json!({"ForAllValues:StringEquals": {"k": "a"}}), true),
            (json!({"ForAnyValue:StringEquals": {"k": "a"}}), false),
            (json!({"Null": {"k": "true"}}), true),
            (json!({"Null": {"k": "false"}}), false),
        ];
        for (block, want) in absent {
            assert_eq!(
                holds(&cond(block.clone()), None),
                want,
                "{block} without the key"
            );
        }
        let all = cond(json!({"ForAllValues:StringEquals": {"k": ["a", "b"]}}));
        assert!(holds(&all, Some(&["a", "b"])));
        assert!(!holds(&all, Some(&["a", "c"])));
        assert!(holds(&all, Some(&[])), "ForAllValues on an empty set holds");
        let any = cond(json!({"ForAnyValue:StringEquals": {"k": ["a", "b"]}}));
        assert!(holds(&any, Some(&["c", "b"])));
        assert!(!holds(&any, Some(&["c"])));
        let present = cond(json!({"Null": {"k": "false"}}));
        assert!(holds(&present, Some(&["x"])));
        let refused = parse_block(json!({"StringEqualz": {"k": "a"}}).as_object().unwrap());
        assert_eq!(
            refused.unwrap_err().to_string(),
            "Invalid Condition type : StringEqualz"
        );
    }
}
