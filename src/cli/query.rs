//! `--query`: JMESPath over the response, as the AWS CLI applies it.
//!
//! Two things the Rust `jmespath` crate does differently from the Python one the CLI uses are
//! put right here: literals that are not JSON (`` `CPU` ``) are read as strings, and objects in
//! the result keep their keys in the order the CLI prints them (the response's order, and for
//! a multi-select hash `{b: x, a: y}` the order written), where the crate sorts them.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// A compiled `--query` expression.
pub struct Query {
    text: String,
    expr: jmespath::Expression<'static>,
}

/// Bounds on `--query` (the sandbox's own): the JMESPath parser recurses, and the browser's
/// stack is small, so absurd queries are refused before they are compiled.
const MAX_QUERY_CHARS: usize = 4096;
const MAX_QUERY_DEPTH: usize = 48;
/// How many distinct object shapes of a response are remembered for ordering results.
const MAX_SHAPES: usize = 512;

impl Query {
    /// Compiles an expression; the error is the text the CLI prints (without its leading blank
    /// line), exit status 252.
    pub fn compile(text: &str) -> Result<Query, String> {
        if too_complex(text) {
            return Err(format!(
                "Bad value for --query {text}: the sandbox accepts queries of at most {MAX_QUERY_CHARS} characters nested at most {MAX_QUERY_DEPTH} deep"
            ));
        }
        jmespath::compile(&legacy_literals(text))
            .map(|expr| Query {
                text: text.to_string(),
                expr,
            })
            .map_err(|e| format!("Bad value for --query {text}: Invalid jmespath expression: {e}"))
    }

    /// Applies the expression to a response.
    pub fn search(&self, response: &Value) -> Result<Value, String> {
        let result = self
            .expr
            .search(response.clone())
            .map_err(|e| e.to_string())?;
        let mut value = serde_json::to_value(&*result).unwrap_or(Value::Null);
        // Only objects have a key order to restore (a count or a list of IDs has none, and
        // the walk over the whole response would cost more than the search).
        if has_object(&value) {
            let ranks = KeyRanks::new(&self.text, response);
            ranks.reorder(&mut value, 0);
        }
        Ok(value)
    }
}

fn has_object(v: &Value) -> bool {
    match v {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().any(has_object),
        _ => false,
    }
}

fn too_complex(q: &str) -> bool {
    let mut depth = 0usize;
    let mut deepest = 0;
    let mut chain = 0usize;
    for c in q.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            // Long chains of operators nest in the parser too.
            '.' | '|' | '&' | '!' => chain += 1,
            _ => {}
        }
        deepest = deepest.max(depth);
    }
    q.len() > MAX_QUERY_CHARS || deepest > MAX_QUERY_DEPTH || chain > 4 * MAX_QUERY_DEPTH
}

/// The order keys should appear in: first the keys a multi-select hash names, in the order
/// the query writes them; then every key of the response in the order a depth-first walk first
/// meets it (AWS responses list a key's siblings consistently, so this is their order).
struct KeyRanks {
    rank: BTreeMap<String, usize>,
    /// Every object of the response, as its keys in order: a result object takes the order of
    /// the first response object that has all its keys (a sub-object of the response keeps
    /// its own order, whatever other objects do with the same key names).
    shapes: Vec<Vec<String>>,
    /// How many leading ranks belong to multi-select hash keys (the order written wins).
    selected: usize,
}

impl KeyRanks {
    fn new(query: &str, response: &Value) -> KeyRanks {
        let mut ranks = KeyRanks {
            rank: BTreeMap::new(),
            shapes: Vec::new(),
            selected: 0,
        };
        for key in multiselect_keys(query) {
            ranks.add(key);
        }
        ranks.selected = ranks.rank.len();
        ranks.walk(response, 0);
        ranks
    }

    fn add(&mut self, key: String) {
        let next = self.rank.len();
        self.rank.entry(key).or_insert(next);
    }

    fn walk(&mut self, v: &Value, depth: usize) {
        if depth > 64 {
            return;
        }
        match v {
            Value::Object(m) => {
                for k in m.keys() {
                    self.add(k.clone());
                }
                let keys: Vec<String> = m.keys().cloned().collect();
                if self.shapes.len() < MAX_SHAPES && !self.shapes.contains(&keys) {
                    self.shapes.push(keys);
                }
                for child in m.values() {
                    self.walk(child, depth + 1);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.walk(i, depth + 1)),
            _ => {}
        }
    }

    fn reorder(&self, v: &mut Value, depth: usize) {
        if depth > 64 {
            return;
        }
        match v {
            Value::Object(m) => {
                let mut entries: Vec<(String, Value)> = std::mem::take(m).into_iter().collect();
                let written = entries
                    .iter()
                    .all(|(k, _)| self.rank.get(k).is_some_and(|r| *r < self.selected));
                let shape = self
                    .shapes
                    .iter()
                    .find(|shape| !written && entries.iter().all(|(k, _)| shape.contains(k)));
                match shape {
                    // (The crate's shared sort: `sort_by_key` would instantiate one per closure.)
                    Some(shape) => crate::sort::sort_by_key(&mut entries, |(k, _)| {
                        shape.iter().position(|s| s == k)
                    }),
                    None => crate::sort::sort_by_key(&mut entries, |(k, _)| {
                        self.rank.get(k).copied().unwrap_or(usize::MAX)
                    }),
                }
                let mut out = Map::new();
                for (k, mut child) in entries {
                    self.reorder(&mut child, depth + 1);
                    out.insert(k, child);
                }
                *m = out;
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.reorder(i, depth + 1)),
            _ => {}
        }
    }
}

/// The keys of multi-select hashes in a query (`{Name: a, "Id": b}` gives Name, Id), in order.
fn multiselect_keys(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    let mut keys = Vec::new();
    // Whether each open bracket is a `{` (a hash): keys follow `{` or a `,` directly inside one.
    let mut stack: Vec<char> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '`' => {
                // Raw strings and literals: skip to the closing quote.
                i += 1;
                while i < chars.len() && chars[i] != c {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                expect_key = false;
            }
            '{' | '[' | '(' => {
                stack.push(c);
                expect_key = c == '{';
            }
            '}' | ']' | ')' => {
                stack.pop();
                expect_key = false;
            }
            ',' => expect_key = stack.last() == Some(&'{'),
            c if c.is_whitespace() => {}
            _ if expect_key => {
                let (key, end) = read_key(&chars, i);
                let after = chars[end..].iter().find(|c| !c.is_whitespace());
                if after == Some(&':') && !key.is_empty() {
                    keys.push(key);
                }
                expect_key = false;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Reads an identifier or a quoted identifier starting at `i`; returns it and the index after.
fn read_key(chars: &[char], mut i: usize) -> (String, usize) {
    let mut key = String::new();
    if chars.get(i) == Some(&'"') {
        i += 1;
        while i < chars.len() && chars[i] != '"' {
            if chars[i] == '\\' && i + 1 < chars.len() {
                i += 1;
            }
            key.push(chars[i]);
            i += 1;
        }
        return (key, i + 1);
    }
    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
        key.push(chars[i]);
        i += 1;
    }
    (key, i)
}

/// JMESPath literals that are not valid JSON (`` `CPU` ``) are read as strings, as the Python
/// jmespath the AWS CLI uses still does (with a deprecation warning); AWS's own examples rely
/// on it. The Rust crate is strict, so such literals are quoted before compiling.
fn legacy_literals(expr: &str) -> String {
    let mut out = String::with_capacity(expr.len() + 8);
    let mut chars = expr.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Raw strings and quoted identifiers may contain backticks: copy them through.
            '\'' | '"' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            '`' => {
                let mut lit = String::new();
                while let Some(d) = chars.next() {
                    if d == '\\' && chars.peek() == Some(&'`') {
                        lit.push('`');
                        chars.next();
                    } else if d == '`' {
                        break;
                    } else {
                        lit.push(d);
                    }
                }
                out.push('`');
                if serde_json::from_str::<Value>(&lit).is_ok() {
                    out.push_str(&lit.replace('`', "\\`"));
                } else {
                    let quoted = Value::String(lit.trim().to_string()).to_string();
                    out.push_str(&quoted.replace('`', "\\`"));
                }
                out.push('`');
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(q: &str, v: Value) -> String {
        Query::compile(q).unwrap().search(&v).unwrap().to_string()
    }

    #[test]
    fn results_keep_the_responses_key_order() {
        let resp = json!({"setting": {"name": "awsvpcTrunking", "value": "enabled", "principalArn": "arn", "type": "user"}});
        assert_eq!(
            run("setting", resp),
            r#"{"name":"awsvpcTrunking","value":"enabled","principalArn":"arn","type":"user"}"#
        );
        let resp = json!({"cluster": {"clusterName": "web", "status": "ACTIVE"}});
        assert_eq!(
            run("cluster.{z:clusterName,a:status}", resp.clone()),
            r#"{"z":"web","a":"ACTIVE"}"#
        );
        assert_eq!(
            run("cluster.{\"Name\": clusterName, Id: status}", resp),
            r#"{"Name":"web","Id":"ACTIVE"}"#
        );
        // A sub-object keeps its own order even where another object orders the same keys
        // differently.
        let resp =
            json!({"a": [{"name": "n", "value": "v"}], "tags": [{"key": "k", "value": "v"}]});
        assert_eq!(run("tags[0]", resp.clone()), r#"{"key":"k","value":"v"}"#);
        assert_eq!(
            run("tags[0].{value: value, key: key}", resp),
            r#"{"value":"v","key":"k"}"#
        );
        let resp = json!({"Roles": [{"RoleName": "r", "Arn": "a"}]});
        assert_eq!(
            run("Roles[].{Name:RoleName,Arn:Arn}", resp),
            r#"[{"Name":"r","Arn":"a"}]"#
        );
    }

    #[test]
    fn multiselect_keys_are_found_in_order() {
        assert_eq!(
            multiselect_keys("a[?b=='{x:1}'].{z: c, \"q\": d, a: {m: e}}"),
            vec!["z", "q", "a", "m"]
        );
        assert!(multiselect_keys("a[0].[b, c]").is_empty());
    }

    #[test]
    fn bare_literals_become_json_strings() {
        let cases = [
            ("a[?name==`CPU`]", "a[?name==`\"CPU\"`]"),
            ("a[?n==`1`]", "a[?n==`1`]"),
            ("a[?n==`\"x\"`]", "a[?n==`\"x\"`]"),
            ("a[?n=='`raw`']", "a[?n=='`raw`']"),
            (
                "a[?t==`ecs.instance-type`]",
                "a[?t==`\"ecs.instance-type\"`]",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(legacy_literals(input), want, "{input}");
            assert!(
                jmespath::compile(&legacy_literals(input)).is_ok(),
                "{input}"
            );
        }
    }
}
