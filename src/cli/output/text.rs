//! `--output text`: the `awscli/text.py` algorithm. Each object becomes one tab-separated line of
//! its scalar values sorted by key, led by the uppercased key it was found under; nested lists and
//! objects follow on their own lines.

use super::{is_scalar, MAX_DEPTH};
use crate::cli::python;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

pub(super) fn render(value: &Value) -> String {
    let mut out = String::new();
    format_value(value, None, None, 0, &mut out);
    out
}

/// `_format_text`: dispatches on the value's kind. `scalar_keys` is the shared column set
/// when the value is one object of a list of objects.
fn format_value(
    value: &Value,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    depth: usize,
    out: &mut String,
) {
    if depth > MAX_DEPTH {
        return; // Our choice: stop descending.
    }
    match value {
        Value::Object(map) => format_dict(map, identifier, scalar_keys, depth, out),
        Value::Array(items) => format_list(items, identifier, depth, out),
        scalar => {
            out.push_str(&python::str_of(scalar));
            out.push('\n');
        }
    }
}

fn format_list(items: &[Value], identifier: Option<&str>, depth: usize, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        let keys = all_scalar_keys(items);
        for item in items {
            format_value(item, identifier, Some(&keys), depth + 1, out);
        }
    } else if items.iter().any(Value::is_array) {
        let (scalars, nested): (Vec<&Value>, Vec<&Value>) =
            items.iter().partition(|item| is_scalar(item));
        if !scalars.is_empty() {
            format_scalar_list(&scalars, identifier, out);
        }
        for item in nested {
            format_value(item, identifier, None, depth + 1, out);
        }
    } else {
        let scalars: Vec<&Value> = items.iter().collect();
        format_scalar_list(&scalars, identifier, out);
    }
}

/// Under a key, one `KEY<TAB>value` line per element; a bare list is one tab-joined line.
fn format_scalar_list(items: &[&Value], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(identifier) => {
            let upper = identifier.to_uppercase();
            for item in items {
                out.push_str(&upper);
                out.push('\t');
                out.push_str(&python::str_of(item));
                out.push('\n');
            }
        }
        None => {
            let cells: Vec<String> = items.iter().map(|item| python::str_of(item)).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
}

fn format_dict(
    map: &Map<String, Value>,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    depth: usize,
    out: &mut String,
) {
    let (mut cells, nested) = partition_dict(map, scalar_keys);
    if !cells.is_empty() {
        if let Some(identifier) = identifier {
            cells.insert(0, identifier.to_uppercase());
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    for (key, item) in nested {
        format_value(item, Some(key), None, depth + 1, out);
    }
}

/// Splits an object into the printed scalar cells and the nested values (sorted by key).
/// With shared `scalar_keys`, a missing key prints as an empty cell.
fn partition_dict<'a>(
    map: &'a Map<String, Value>,
    scalar_keys: Option<&[String]>,
) -> (Vec<String>, Vec<(&'a str, &'a Value)>) {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
    match scalar_keys {
        None => {
            let (scalars, nested): (Vec<_>, Vec<_>) =
                entries.into_iter().partition(|(_, v)| is_scalar(v));
            let cells = scalars.iter().map(|(_, v)| python::str_of(v)).collect();
            let nested = nested.into_iter().map(|(k, v)| (k.as_str(), v)).collect();
            (cells, nested)
        }
        Some(keys) => {
            let cells = keys
                .iter()
                .map(|key| map.get(key).map(python::str_of).unwrap_or_default())
                .collect();
            let nested = entries
                .into_iter()
                .filter(|(k, _)| !keys.contains(k))
                .map(|(k, v)| (k.as_str(), v))
                .collect();
            (cells, nested)
        }
    }
}

/// The sorted union of the keys holding a scalar in any object of the list. The CLI crashes
/// when such a list also holds non-objects; we skip those here (our choice).
fn all_scalar_keys(items: &[Value]) -> Vec<String> {
    // (`extend`, not `collect`: collecting into a set instantiates a sort.)
    let mut keys = BTreeSet::new();
    keys.extend(
        items
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|map| map.iter())
            .filter(|(_, v)| is_scalar(v))
            .map(|(k, _)| k.as_str()),
    );
    keys.into_iter().map(str::to_string).collect()
}
