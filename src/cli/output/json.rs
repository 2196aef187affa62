//! `--output json`: `json.dump(response, indent=4, ensure_ascii=False)` plus a newline.

use super::MAX_DEPTH;
use crate::cli::python;
use serde_json::{Map, Value};
use std::fmt::Write as _;

const INDENT: &str = "    ";

/// The CLI skips an empty object (operations without a response body) but prints every
/// other value, including `[]`, `null` and `false`.
pub(super) fn render(value: &Value) -> String {
    if matches!(value, Value::Object(map) if map.is_empty()) {
        return String::new();
    }
    let mut out = String::new();
    write_value(value, 0, &mut out);
    out.push('\n');
    out
}

fn write_value(value: &Value, level: usize, out: &mut String) {
    if level > MAX_DEPTH {
        // Our choice: stop descending and mark the cut.
        out.push_str("\"...\"");
        return;
    }
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&python::number_repr(n)),
        Value::String(s) => write_string(s, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => write_array(items, level, out),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => write_object(map, level, out),
    }
}

fn write_array(items: &[Value], level: usize, out: &mut String) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        push_indent(level + 1, out);
        write_value(item, level + 1, out);
    }
    out.push('\n');
    push_indent(level, out);
    out.push(']');
}

fn write_object(map: &Map<String, Value>, level: usize, out: &mut String) {
    out.push('{');
    for (i, (key, item)) in map.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        push_indent(level + 1, out);
        write_string(key, out);
        out.push_str(": ");
        write_value(item, level + 1, out);
    }
    out.push('\n');
    push_indent(level, out);
    out.push('}');
}

fn push_indent(level: usize, out: &mut String) {
    for _ in 0..level {
        out.push_str(INDENT);
    }
}

/// Python's JSON string escaping with `ensure_ascii=False`: only `"`, `\` and control
/// characters below U+0020 are escaped; everything else is written as is.
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
