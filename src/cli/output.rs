//! The AWS CLI v2 output formatters: what `aws ... --output json|text|table` prints.
//!
//! `ecs-sim` answers like the real `aws ecs ...` command, so a learner can paste its output next
//! to real output, pipe `--output text` into `awk`, or read a `--output table` box exactly as AWS
//! draws it. Each formatter reproduces the AWS CLI's own Python implementation
//! (`awscli/formatter.py`, `awscli/text.py`, `awscli/table.py`), including how Python's `str()`,
//! `repr()` and `json.dump` print values. The value given is the response *after* `--query` was
//! applied, so it may be any JSON value. Removing `ResponseMetadata` is the caller's job, as in
//! the CLI.
//!
//! Where the CLI itself would crash with a Python exception (for instance a list mixing objects
//! and strings in a table), we print a plausible rendering instead; each such place is marked
//! "our choice".

use serde_json::{Map, Value};

/// The `--output` choices of the AWS CLI that the sandbox supports (the CLI v2 also knows `yaml`,
/// `yaml-stream` and `off`, which the sandbox does not model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// `--output json`: Python's `json.dump(indent=4, ensure_ascii=False)`, the CLI default.
    Json,
    /// `--output text`: tab-separated lines, one per object, for shell pipelines.
    Text,
    /// `--output table`: the boxed, human-oriented rendering.
    Table,
}

impl OutputFormat {
    /// Parses the value of `--output` (or the `output` profile setting); the CLI's argument
    /// parser accepts only these exact lowercase spellings, so anything else is `None`.
    pub fn parse(s: &str) -> Option<OutputFormat> {
        match s {
            "json" => Some(OutputFormat::Json),
            "text" => Some(OutputFormat::Text),
            "table" => Some(OutputFormat::Table),
            _ => None,
        }
    }
}

/// Formats a response (after `--query` was applied, so it can be any JSON value) the way the
/// AWS CLI prints it to a non-terminal stdout. `command_title` is the operation name in
/// PascalCase (e.g. "DescribeClusters"), which the CLI uses as the title of a table.
///
/// An empty string means the CLI prints nothing (an empty object in json; an empty or "falsy"
/// value in table; an empty list or object in text).
pub fn format(value: &Value, format: OutputFormat, command_title: &str) -> String {
    match format {
        OutputFormat::Json => json_output::render(value),
        OutputFormat::Text => text_output::render(value),
        OutputFormat::Table => {
            table_output::render(value, command_title, Some(NON_TTY_TERMINAL_WIDTH))
        }
    }
}

/// How deep the formatters descend into nested values. Our choice: the CLI is bounded only by
/// Python's recursion limit; 256 is far beyond any AWS response (and serde_json's own parser stops
/// at 128), and it keeps our recursion bounded on hand-built values.
const MAX_DEPTH: usize = 256;

/// The terminal width the table formatter assumes when stdout is not a terminal: `awscli/table.py`
/// asks the tty for its size and falls back to 80 columns when that fails (a pipe or a file).
/// A table wider than this has its single-row sections turned vertical.
const NON_TTY_TERMINAL_WIDTH: usize = 80;

/// How Python prints values: `str()`, `repr()`, float formatting, truthiness and display width.
mod python {
    use super::{Map, Value, MAX_DEPTH, WIDE_RANGES};
    use std::fmt::Write as _;

    /// Python's truth test (`if not current:` in the table formatter): `None`, `False`, zero,
    /// `""`, `[]` and `{}` are false.
    pub(super) fn is_truthy(value: &Value) -> bool {
        match value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => u != 0,
                (_, Some(i), _) => i != 0,
                (_, _, Some(f)) => f != 0.0,
                _ => true,
            },
            Value::String(s) => !s.is_empty(),
            Value::Array(items) => !items.is_empty(),
            Value::Object(map) => !map.is_empty(),
        }
    }

    /// Whether the formatters treat a value as a scalar (anything but a list or a dict).
    pub(super) fn is_scalar(value: &Value) -> bool {
        !matches!(value, Value::Array(_) | Value::Object(_))
    }

    /// Python's `str(value)` of a decoded JSON value: strings unquoted, `True`/`False`/`None`,
    /// and lists/dicts printed as their `repr`.
    pub(super) fn str_of(value: &Value) -> String {
        match value {
            Value::String(s) => s.clone(),
            other => {
                let mut out = String::new();
                write_repr(other, 0, &mut out);
                out
            }
        }
    }

    /// Python's `repr()` of a decoded JSON value, e.g. `{'name': 'web', 'ports': [80, 443]}`.
    fn write_repr(value: &Value, depth: usize, out: &mut String) {
        if depth > MAX_DEPTH {
            // Our choice: Python prints `...` for self-referencing containers; we reuse it.
            out.push_str("...");
            return;
        }
        match value {
            Value::Null => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Number(n) => out.push_str(&number_repr(n)),
            Value::String(s) => write_string_repr(s, out),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_repr(item, depth + 1, out);
                }
                out.push(']');
            }
            Value::Object(map) => write_dict_repr(map, depth, out),
        }
    }

    fn write_dict_repr(map: &Map<String, Value>, depth: usize, out: &mut String) {
        out.push('{');
        for (i, (key, item)) in map.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_string_repr(key, out);
            out.push_str(": ");
            write_repr(item, depth + 1, out);
        }
        out.push('}');
    }

    /// Python's `repr(str)`: single quotes unless the text holds `'` but no `"`, with escapes for
    /// the quote, backslash and non-printable characters.
    fn write_string_repr(s: &str, out: &mut String) {
        let quote = if s.contains('\'') && !s.contains('"') {
            '"'
        } else {
            '\''
        };
        out.push(quote);
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c if c == quote => {
                    out.push('\\');
                    out.push(c);
                }
                c if !is_printable(c) => write_char_escape(c, out),
                c => out.push(c),
            }
        }
        out.push(quote);
    }

    fn write_char_escape(c: char, out: &mut String) {
        let code = u32::from(c);
        // Writing to a String cannot fail.
        let _ = if code < 0x100 {
            write!(out, "\\x{code:02x}")
        } else if code < 0x1_0000 {
            write!(out, "\\u{code:04x}")
        } else {
            write!(out, "\\U{code:08x}")
        };
    }

    /// Python's `str.isprintable()` for one character, approximated (our choice): control
    /// characters, the separators other than the ASCII space, the common format characters and
    /// the private-use areas are non-printable; Python also counts unassigned code points.
    fn is_printable(c: char) -> bool {
        let code = u32::from(c);
        let separator = matches!(
            code,
            0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
        );
        let format = matches!(
            code,
            0xAD | 0x600..=0x605
                | 0x61C
                | 0x6DD
                | 0x70F
                | 0x180E
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
        );
        let private = matches!(code, 0xE000..=0xF8FF | 0xF_0000..=0x10_FFFF);
        !(c.is_control() || separator || format || private)
    }

    /// Python's `repr()`/`str()` of a JSON number: integers as they are, floats like `repr(float)`.
    pub(super) fn number_repr(n: &serde_json::Number) -> String {
        if let Some(u) = n.as_u64() {
            u.to_string()
        } else if let Some(i) = n.as_i64() {
            i.to_string()
        } else {
            float_repr(n.as_f64().unwrap_or(f64::NAN))
        }
    }

    /// Python's `repr(float)`.
    pub(super) fn float_repr(f: f64) -> String {
        crate::cli::python::float_repr(f)
    }

    /// `awscli.table.get_text_length`: the display width of text, counting characters whose
    /// Unicode East Asian Width is Wide, Fullwidth or Ambiguous as two columns.
    pub(super) fn text_length(text: &str) -> usize {
        text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
    }

    fn is_wide(c: char) -> bool {
        let code = u32::from(c);
        let (pairs, _) = WIDE_RANGES.as_chunks::<2>();
        pairs
            .binary_search_by(|&[start, end]| {
                if end < code {
                    std::cmp::Ordering::Less
                } else if start > code {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// `--output json`: `json.dump(response, indent=4, ensure_ascii=False)` plus a newline.
mod json_output {
    use super::{python, Map, Value, MAX_DEPTH};
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
}

/// `--output text`: the `awscli/text.py` algorithm. Each object becomes one tab-separated line of
/// its scalar values sorted by key, led by the uppercased key it was found under; nested lists and
/// objects follow on their own lines.
mod text_output {
    use super::{python, Map, Value, MAX_DEPTH};
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
                items.iter().partition(|item| python::is_scalar(item));
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
                    entries.into_iter().partition(|(_, v)| python::is_scalar(v));
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
                .filter(|(_, v)| python::is_scalar(v))
                .map(|(k, _)| k.as_str()),
        );
        keys.into_iter().map(str::to_string).collect()
    }
}

/// `--output table`: the `awscli/table.py` `MultiTable`. The response is walked into a list of
/// titled sections (an object's scalars become one header row and one value row, or a single
/// `key | value` row; a list of objects becomes a column table; nested values become indented
/// sub-sections titled by their key), then every section is drawn at the width of the widest.
mod table_output {
    use super::{python, Map, Value, MAX_DEPTH};
    use std::collections::BTreeSet;

    /// Cells are padded by two spaces on each side of the widest entry.
    const CELL_PADDING: usize = 4;

    /// Renders `value` under `title`. With `terminal_width`, a table wider than it has its
    /// single-row sections turned vertical (the CLI's auto-reformat); `None` renders as is.
    pub(super) fn render(value: &Value, title: &str, terminal_width: Option<usize>) -> String {
        let mut builder = TableBuilder::default();
        if !builder.build(Some(title), value, 0, 0) {
            return String::new();
        }
        let mut sections = builder.sections;
        let mut max_width = table_width(&sections);
        if terminal_width.is_some_and(|width| max_width > width) {
            convert_to_vertical(&mut sections);
            max_width = table_width(&sections);
        }
        let mut out = "-".repeat(max_width);
        out.push('\n');
        for section in &sections {
            render_section(section, max_width, &mut out);
        }
        out
    }

    /// One titled block of the table: optional column headers and rows of cells.
    struct Section {
        /// `None` models Python's `None` title (a list of objects nested directly in a list):
        /// never drawn, yet it counts as the 4 characters of "None" in the width.
        title: Option<String>,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
        indent: usize,
        num_cols: Option<usize>,
        max_widths: Vec<usize>,
    }

    impl Section {
        fn new(title: Option<&str>, indent: usize) -> Section {
            Section {
                title: title.map(str::to_owned),
                headers: Vec::new(),
                rows: Vec::new(),
                indent,
                num_cols: None,
                max_widths: Vec::new(),
            }
        }

        fn add_header(&mut self, headers: Vec<String>) {
            self.update_max_widths(&headers);
            self.num_cols.get_or_insert(headers.len());
            self.headers = headers;
        }

        /// The CLI raises an error for a row whose length differs from the first; we pad or
        /// truncate it to the section's column count instead (our choice).
        fn add_row(&mut self, mut row: Vec<String>) {
            let num_cols = *self.num_cols.get_or_insert(row.len());
            row.resize(num_cols, String::new());
            self.update_max_widths(&row);
            self.rows.push(row);
        }

        fn update_max_widths(&mut self, cells: &[String]) {
            if self.max_widths.is_empty() {
                self.max_widths = cells.iter().map(|c| python::text_length(c)).collect();
                return;
            }
            for (i, cell) in cells.iter().enumerate() {
                let width = python::text_length(cell);
                match self.max_widths.get_mut(i) {
                    Some(max) => *max = (*max).max(width),
                    None => self.max_widths.push(width), // our choice; the CLI would crash
                }
            }
        }

        fn title_length(&self) -> usize {
            self.title.as_deref().map_or(4, python::text_length)
        }

        /// The width this section needs: padded columns plus the two border characters, or its
        /// title plus borders, plus one indentation bar on each side per nesting level.
        fn total_width(&self) -> usize {
            let columns: usize = self.max_widths.iter().map(|w| w + CELL_PADDING).sum();
            let outer = 2 * self.indent;
            (self.title_length() + 2 + outer).max(columns + 2 + outer)
        }

        /// Column widths stretched proportionally to fill `max_width` exactly (Python's
        /// `round()` is round-half-even), then corrected one column at a time.
        fn column_widths(&self, max_width: i64) -> Vec<i64> {
            let unscaled: Vec<i64> = self
                .max_widths
                .iter()
                .map(|&w| i64::try_from(w + CELL_PADDING).unwrap_or(i64::MAX))
                .collect();
            let total: i64 = unscaled.iter().sum();
            if total == 0 {
                return unscaled;
            }
            let scale = max_width as f64 / total as f64;
            let mut scaled: Vec<i64> = unscaled
                .iter()
                .map(|&w| (scale * w as f64).round_ties_even() as i64)
                .collect();
            let mut off_by = scaled.iter().sum::<i64>() - max_width;
            while off_by != 0 {
                if off_by > 0 {
                    for width in scaled.iter_mut() {
                        *width -= 1;
                        off_by -= 1;
                        if off_by == 0 {
                            break;
                        }
                    }
                } else {
                    for width in scaled.iter_mut().rev() {
                        *width += 1;
                        off_by += 1;
                        if off_by == 0 {
                            break;
                        }
                    }
                }
            }
            scaled
        }
    }

    /// Walks the response into sections, as `TableFormatter._build_table` does.
    #[derive(Default)]
    struct TableBuilder {
        sections: Vec<Section>,
    }

    impl TableBuilder {
        fn new_section(&mut self, title: Option<&str>, indent: usize) {
            self.sections.push(Section::new(title, indent));
        }

        fn add_header(&mut self, headers: Vec<String>) {
            if let Some(section) = self.sections.last_mut() {
                section.add_header(headers);
            }
        }

        fn add_row(&mut self, row: Vec<String>) {
            if let Some(section) = self.sections.last_mut() {
                section.add_row(row);
            }
        }

        /// Returns false (and adds nothing) for a "falsy" value, which the CLI does not draw.
        fn build(
            &mut self,
            title: Option<&str>,
            value: &Value,
            indent: usize,
            depth: usize,
        ) -> bool {
            if !python::is_truthy(value) || depth > MAX_DEPTH {
                return false;
            }
            if title.is_some() {
                self.new_section(title, indent);
            }
            match value {
                Value::Array(items) if items.first().is_some_and(Value::is_object) => {
                    self.sub_table_from_list(items, title, indent, depth);
                }
                Value::Array(items) => self.rows_from_list(items, depth),
                Value::Object(map) => self.sub_table_from_dict(map, indent, depth),
                _ => {} // A bare scalar draws only its title, as in the CLI.
            }
            true
        }

        /// A list not starting with an object: each scalar is a one-cell row, each list of
        /// scalars a row (an object counts as the list of its keys, as Python iterates it), and
        /// anything else is walked into the current section.
        fn rows_from_list(&mut self, items: &[Value], depth: usize) {
            for item in items {
                match item {
                    Value::Array(cells) if cells.iter().all(python::is_scalar) => {
                        self.add_row(cells.iter().map(python::str_of).collect());
                    }
                    Value::Array(_) => {
                        self.build(None, item, 0, depth + 1);
                    }
                    Value::Object(map) => self.add_row(map.keys().cloned().collect()),
                    scalar => self.add_row(vec![python::str_of(scalar)]),
                }
            }
        }

        fn sub_table_from_dict(&mut self, map: &Map<String, Value>, indent: usize, depth: usize) {
            let (headers, nested) = group_scalar_keys(map);
            if let [only] = headers.as_slice() {
                let value = map.get(only).map(python::str_of).unwrap_or_default();
                self.add_row(vec![only.clone(), value]);
            } else if !headers.is_empty() {
                let row = headers
                    .iter()
                    .map(|key| map.get(key).map(python::str_of).unwrap_or_default())
                    .collect();
                self.add_header(headers);
                self.add_row(row);
            }
            for key in nested {
                if let Some(value) = map.get(&key) {
                    self.build(Some(&key), value, indent + 1, depth + 1);
                }
            }
        }

        /// A list of objects: one header row of the union of scalar keys. When the objects have
        /// nested values, each object after the first starts a new section with the same title
        /// and headers, followed by its nested sub-sections.
        fn sub_table_from_list(
            &mut self,
            items: &[Value],
            title: Option<&str>,
            indent: usize,
            depth: usize,
        ) {
            // A non-object after the first object acts as an object without keys: that is what
            // the CLI does for `""` and `[]`, and it crashes on the others (our choice).
            let no_keys = Map::new();
            let objects: Vec<&Map<String, Value>> = items
                .iter()
                .map(|item| item.as_object().unwrap_or(&no_keys))
                .collect();
            let (headers, nested) = group_scalar_keys_of_list(&objects);
            self.add_header(headers.clone());
            for (i, object) in objects.iter().enumerate() {
                if i > 0 && !nested.is_empty() {
                    self.new_section(title, indent);
                    self.add_header(headers.clone());
                }
                let row = headers
                    .iter()
                    .map(|key| object.get(key).map(python::str_of).unwrap_or_default())
                    .collect();
                self.add_row(row);
                for key in &nested {
                    if let Some(value) = object.get(key) {
                        self.build(Some(key), value, indent + 1, depth + 1);
                    }
                }
            }
        }
    }

    /// Splits an object's keys into those holding scalars and the rest, each sorted.
    fn group_scalar_keys(map: &Map<String, Value>) -> (Vec<String>, Vec<String>) {
        let (scalars, nested): (BTreeSet<&str>, BTreeSet<&str>) = map
            .keys()
            .map(String::as_str)
            .partition(|key| map.get(*key).is_some_and(python::is_scalar));
        (
            scalars.into_iter().map(str::to_string).collect(),
            nested.into_iter().map(str::to_string).collect(),
        )
    }

    /// The sorted unions of scalar keys and of nested keys over all objects (a key can be in
    /// both when its kind differs between objects).
    fn group_scalar_keys_of_list(objects: &[&Map<String, Value>]) -> (Vec<String>, Vec<String>) {
        let mut scalars = BTreeSet::new();
        let mut nested = BTreeSet::new();
        for object in objects {
            let (s, n) = group_scalar_keys(object);
            scalars.extend(s);
            nested.extend(n);
        }
        (scalars.into_iter().collect(), nested.into_iter().collect())
    }

    fn table_width(sections: &[Section]) -> usize {
        sections.iter().map(Section::total_width).max().unwrap_or(0)
    }

    /// Turns every section with headers and exactly one row into `header | value` rows.
    fn convert_to_vertical(sections: &mut [Section]) {
        for section in sections.iter_mut() {
            if section.rows.len() != 1 || section.headers.is_empty() {
                continue;
            }
            let mut vertical = Section::new(section.title.as_deref(), section.indent);
            let values = section.rows.first().cloned().unwrap_or_default();
            for (header, value) in section.headers.iter().zip(values) {
                vertical.add_row(vec![header.clone(), value]);
            }
            *section = vertical;
        }
    }

    /// Draws one section; nested sections carry one `|` per level on both sides.
    fn render_section(section: &Section, max_width: usize, out: &mut String) {
        let inner = i64::try_from(max_width.saturating_sub(2 * section.indent)).unwrap_or(0);
        let mut lines = Vec::new();
        render_title(section, inner, &mut lines);
        render_column_titles(section, inner, &mut lines);
        render_rows(section, inner, &mut lines);
        let bars = "|".repeat(section.indent);
        for line in lines {
            out.push_str(&bars);
            out.push_str(&line);
            out.push_str(&bars);
            out.push('\n');
        }
    }

    fn render_title(section: &Section, width: i64, lines: &mut Vec<String>) {
        let Some(title) = section.title.as_deref().filter(|t| !t.is_empty()) else {
            return;
        };
        lines.push(center_text(title, width, "|", "|"));
        if section.headers.is_empty() && section.rows.is_empty() {
            lines.push(format!("+{}+", repeat('-', width - 2)));
        }
    }

    fn render_column_titles(section: &Section, width: i64, lines: &mut Vec<String>) {
        if section.headers.is_empty() {
            return;
        }
        let widths = section.column_widths(width);
        let mut line = String::new();
        for (i, column_width) in widths.iter().enumerate() {
            let header = section.headers.get(i).map_or("", String::as_str);
            let left = if i == 0 { "|" } else { "" };
            line.push_str(&center_text(header, *column_width, left, "|"));
        }
        lines.push(line_break(&widths));
        lines.push(line);
    }

    fn render_rows(section: &Section, width: i64, lines: &mut Vec<String>) {
        if section.rows.is_empty() {
            return;
        }
        let widths = section.column_widths(width);
        if widths.is_empty() {
            return;
        }
        lines.push(line_break(&widths));
        for row in &section.rows {
            let mut line = String::new();
            for (i, column_width) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                let left = if i == 0 { "|" } else { "" };
                line.push_str(&align_left(cell, *column_width, left, "|"));
            }
            lines.push(line);
        }
        lines.push(line_break(&widths));
    }

    /// `+-----+------+` under and over column blocks.
    fn line_break(widths: &[i64]) -> String {
        let mut line = String::new();
        for (i, &width) in widths.iter().enumerate() {
            if i == 0 {
                line.push('+');
                line.push_str(&repeat('-', width - 2));
            } else {
                line.push_str(&repeat('-', width - 1));
            }
            line.push('+');
        }
        line
    }

    /// `center_text`: the text starts at `length / 2 - text_length / 2 - 1` spaces after the
    /// left edge, so odd leftovers go to the right.
    fn center_text(text: &str, length: i64, left: &str, right: &str) -> String {
        let text_length = to_i64(python::text_length(text));
        let start = length / 2 - text_length / 2 - 1;
        let so_far = to_i64(left.len()) + start + text_length;
        let right_spaces = length - to_i64(right.len()) - so_far;
        format!(
            "{left}{}{text}{}{right}",
            repeat(' ', start),
            repeat(' ', right_spaces)
        )
    }

    /// `align_left`: two spaces of left padding when they fit, then the text, then spaces.
    fn align_left(text: &str, length: i64, left: &str, right: &str) -> String {
        let text_length = to_i64(python::text_length(text));
        let edges = to_i64(left.len() + right.len());
        let padding = if length - (text_length + 2 + edges) >= 0 {
            2
        } else {
            0
        };
        let trailing = length - (to_i64(left.len()) + padding + text_length) - to_i64(right.len());
        format!(
            "{left}{}{text}{}{right}",
            repeat(' ', padding),
            repeat(' ', trailing)
        )
    }

    /// Python's `char * n`: empty for a negative count.
    fn repeat(c: char, count: i64) -> String {
        let count = usize::try_from(count).unwrap_or(0);
        std::iter::repeat_n(c, count).collect()
    }

    fn to_i64(n: usize) -> i64 {
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    #[cfg(test)]
    pub(super) fn render_without_reformat(value: &Value, title: &str) -> String {
        render(value, title, None)
    }
}

/// Inclusive code point ranges, as flat `start, end` pairs sorted ascending, whose Unicode
/// East Asian Width is W, F or A (generated from Python 3.11's `unicodedata`, Unicode 14.0).
const WIDE_RANGES: [u32; 1702] = [
    0xA1, 0xA1, 0xA4, 0xA4, 0xA7, 0xA8, 0xAA, 0xAA, 0xAD, 0xAE, 0xB0, 0xB4, 0xB6, 0xBA, 0xBC, 0xBF,
    0xC6, 0xC6, 0xD0, 0xD0, 0xD7, 0xD8, 0xDE, 0xE1, 0xE6, 0xE6, 0xE8, 0xEA, 0xEC, 0xED, 0xF0, 0xF0,
    0xF2, 0xF3, 0xF7, 0xFA, 0xFC, 0xFC, 0xFE, 0xFE, 0x101, 0x101, 0x111, 0x111, 0x113, 0x113,
    0x11B, 0x11B, 0x126, 0x127, 0x12B, 0x12B, 0x131, 0x133, 0x138, 0x138, 0x13F, 0x142, 0x144,
    0x144, 0x148, 0x14B, 0x14D, 0x14D, 0x152, 0x153, 0x166, 0x167, 0x16B, 0x16B, 0x1CE, 0x1CE,
    0x1D0, 0x1D0, 0x1D2, 0x1D2, 0x1D4, 0x1D4, 0x1D6, 0x1D6, 0x1D8, 0x1D8, 0x1DA, 0x1DA, 0x1DC,
    0x1DC, 0x251, 0x251, 0x261, 0x261, 0x2C4, 0x2C4, 0x2C7, 0x2C7, 0x2C9, 0x2CB, 0x2CD, 0x2CD,
    0x2D0, 0x2D0, 0x2D8, 0x2DB, 0x2DD, 0x2DD, 0x2DF, 0x2DF, 0x300, 0x36F, 0x378, 0x379, 0x380,
    0x383, 0x38B, 0x38B, 0x38D, 0x38D, 0x391, 0x3A9, 0x3B1, 0x3C1, 0x3C3, 0x3C9, 0x401, 0x401,
    0x410, 0x44F, 0x451, 0x451, 0x530, 0x530, 0x557, 0x558, 0x58B, 0x58C, 0x590, 0x590, 0x5C8,
    0x5CF, 0x5EB, 0x5EE, 0x5F5, 0x5FF, 0x70E, 0x70E, 0x74B, 0x74C, 0x7B2, 0x7BF, 0x7FB, 0x7FC,
    0x82E, 0x82F, 0x83F, 0x83F, 0x85C, 0x85D, 0x85F, 0x85F, 0x86B, 0x86F, 0x88F, 0x88F, 0x892,
    0x897, 0x984, 0x984, 0x98D, 0x98E, 0x991, 0x992, 0x9A9, 0x9A9, 0x9B1, 0x9B1, 0x9B3, 0x9B5,
    0x9BA, 0x9BB, 0x9C5, 0x9C6, 0x9C9, 0x9CA, 0x9CF, 0x9D6, 0x9D8, 0x9DB, 0x9DE, 0x9DE, 0x9E4,
    0x9E5, 0x9FF, 0xA00, 0xA04, 0xA04, 0xA0B, 0xA0E, 0xA11, 0xA12, 0xA29, 0xA29, 0xA31, 0xA31,
    0xA34, 0xA34, 0xA37, 0xA37, 0xA3A, 0xA3B, 0xA3D, 0xA3D, 0xA43, 0xA46, 0xA49, 0xA4A, 0xA4E,
    0xA50, 0xA52, 0xA58, 0xA5D, 0xA5D, 0xA5F, 0xA65, 0xA77, 0xA80, 0xA84, 0xA84, 0xA8E, 0xA8E,
    0xA92, 0xA92, 0xAA9, 0xAA9, 0xAB1, 0xAB1, 0xAB4, 0xAB4, 0xABA, 0xABB, 0xAC6, 0xAC6, 0xACA,
    0xACA, 0xACE, 0xACF, 0xAD1, 0xADF, 0xAE4, 0xAE5, 0xAF2, 0xAF8, 0xB00, 0xB00, 0xB04, 0xB04,
    0xB0D, 0xB0E, 0xB11, 0xB12, 0xB29, 0xB29, 0xB31, 0xB31, 0xB34, 0xB34, 0xB3A, 0xB3B, 0xB45,
    0xB46, 0xB49, 0xB4A, 0xB4E, 0xB54, 0xB58, 0xB5B, 0xB5E, 0xB5E, 0xB64, 0xB65, 0xB78, 0xB81,
    0xB84, 0xB84, 0xB8B, 0xB8D, 0xB91, 0xB91, 0xB96, 0xB98, 0xB9B, 0xB9B, 0xB9D, 0xB9D, 0xBA0,
    0xBA2, 0xBA5, 0xBA7, 0xBAB, 0xBAD, 0xBBA, 0xBBD, 0xBC3, 0xBC5, 0xBC9, 0xBC9, 0xBCE, 0xBCF,
    0xBD1, 0xBD6, 0xBD8, 0xBE5, 0xBFB, 0xBFF, 0xC0D, 0xC0D, 0xC11, 0xC11, 0xC29, 0xC29, 0xC3A,
    0xC3B, 0xC45, 0xC45, 0xC49, 0xC49, 0xC4E, 0xC54, 0xC57, 0xC57, 0xC5B, 0xC5C, 0xC5E, 0xC5F,
    0xC64, 0xC65, 0xC70, 0xC76, 0xC8D, 0xC8D, 0xC91, 0xC91, 0xCA9, 0xCA9, 0xCB4, 0xCB4, 0xCBA,
    0xCBB, 0xCC5, 0xCC5, 0xCC9, 0xCC9, 0xCCE, 0xCD4, 0xCD7, 0xCDC, 0xCDF, 0xCDF, 0xCE4, 0xCE5,
    0xCF0, 0xCF0, 0xCF3, 0xCFF, 0xD0D, 0xD0D, 0xD11, 0xD11, 0xD45, 0xD45, 0xD49, 0xD49, 0xD50,
    0xD53, 0xD64, 0xD65, 0xD80, 0xD80, 0xD84, 0xD84, 0xD97, 0xD99, 0xDB2, 0xDB2, 0xDBC, 0xDBC,
    0xDBE, 0xDBF, 0xDC7, 0xDC9, 0xDCB, 0xDCE, 0xDD5, 0xDD5, 0xDD7, 0xDD7, 0xDE0, 0xDE5, 0xDF0,
    0xDF1, 0xDF5, 0xE00, 0xE3B, 0xE3E, 0xE5C, 0xE80, 0xE83, 0xE83, 0xE85, 0xE85, 0xE8B, 0xE8B,
    0xEA4, 0xEA4, 0xEA6, 0xEA6, 0xEBE, 0xEBF, 0xEC5, 0xEC5, 0xEC7, 0xEC7, 0xECE, 0xECF, 0xEDA,
    0xEDB, 0xEE0, 0xEFF, 0xF48, 0xF48, 0xF6D, 0xF70, 0xF98, 0xF98, 0xFBD, 0xFBD, 0xFCD, 0xFCD,
    0xFDB, 0xFFF, 0x10C6, 0x10C6, 0x10C8, 0x10CC, 0x10CE, 0x10CF, 0x1100, 0x115F, 0x1249, 0x1249,
    0x124E, 0x124F, 0x1257, 0x1257, 0x1259, 0x1259, 0x125E, 0x125F, 0x1289, 0x1289, 0x128E, 0x128F,
    0x12B1, 0x12B1, 0x12B6, 0x12B7, 0x12BF, 0x12BF, 0x12C1, 0x12C1, 0x12C6, 0x12C7, 0x12D7, 0x12D7,
    0x1311, 0x1311, 0x1316, 0x1317, 0x135B, 0x135C, 0x137D, 0x137F, 0x139A, 0x139F, 0x13F6, 0x13F7,
    0x13FE, 0x13FF, 0x169D, 0x169F, 0x16F9, 0x16FF, 0x1716, 0x171E, 0x1737, 0x173F, 0x1754, 0x175F,
    0x176D, 0x176D, 0x1771, 0x1771, 0x1774, 0x177F, 0x17DE, 0x17DF, 0x17EA, 0x17EF, 0x17FA, 0x17FF,
    0x181A, 0x181F, 0x1879, 0x187F, 0x18AB, 0x18AF, 0x18F6, 0x18FF, 0x191F, 0x191F, 0x192C, 0x192F,
    0x193C, 0x193F, 0x1941, 0x1943, 0x196E, 0x196F, 0x1975, 0x197F, 0x19AC, 0x19AF, 0x19CA, 0x19CF,
    0x19DB, 0x19DD, 0x1A1C, 0x1A1D, 0x1A5F, 0x1A5F, 0x1A7D, 0x1A7E, 0x1A8A, 0x1A8F, 0x1A9A, 0x1A9F,
    0x1AAE, 0x1AAF, 0x1ACF, 0x1AFF, 0x1B4D, 0x1B4F, 0x1B7F, 0x1B7F, 0x1BF4, 0x1BFB, 0x1C38, 0x1C3A,
    0x1C4A, 0x1C4C, 0x1C89, 0x1C8F, 0x1CBB, 0x1CBC, 0x1CC8, 0x1CCF, 0x1CFB, 0x1CFF, 0x1F16, 0x1F17,
    0x1F1E, 0x1F1F, 0x1F46, 0x1F47, 0x1F4E, 0x1F4F, 0x1F58, 0x1F58, 0x1F5A, 0x1F5A, 0x1F5C, 0x1F5C,
    0x1F5E, 0x1F5E, 0x1F7E, 0x1F7F, 0x1FB5, 0x1FB5, 0x1FC5, 0x1FC5, 0x1FD4, 0x1FD5, 0x1FDC, 0x1FDC,
    0x1FF0, 0x1FF1, 0x1FF5, 0x1FF5, 0x1FFF, 0x1FFF, 0x2010, 0x2010, 0x2013, 0x2016, 0x2018, 0x2019,
    0x201C, 0x201D, 0x2020, 0x2022, 0x2024, 0x2027, 0x2030, 0x2030, 0x2032, 0x2033, 0x2035, 0x2035,
    0x203B, 0x203B, 0x203E, 0x203E, 0x2065, 0x2065, 0x2072, 0x2074, 0x207F, 0x207F, 0x2081, 0x2084,
    0x208F, 0x208F, 0x209D, 0x209F, 0x20AC, 0x20AC, 0x20C1, 0x20CF, 0x20F1, 0x20FF, 0x2103, 0x2103,
    0x2105, 0x2105, 0x2109, 0x2109, 0x2113, 0x2113, 0x2116, 0x2116, 0x2121, 0x2122, 0x2126, 0x2126,
    0x212B, 0x212B, 0x2153, 0x2154, 0x215B, 0x215E, 0x2160, 0x216B, 0x2170, 0x2179, 0x2189, 0x2189,
    0x218C, 0x2199, 0x21B8, 0x21B9, 0x21D2, 0x21D2, 0x21D4, 0x21D4, 0x21E7, 0x21E7, 0x2200, 0x2200,
    0x2202, 0x2203, 0x2207, 0x2208, 0x220B, 0x220B, 0x220F, 0x220F, 0x2211, 0x2211, 0x2215, 0x2215,
    0x221A, 0x221A, 0x221D, 0x2220, 0x2223, 0x2223, 0x2225, 0x2225, 0x2227, 0x222C, 0x222E, 0x222E,
    0x2234, 0x2237, 0x223C, 0x223D, 0x2248, 0x2248, 0x224C, 0x224C, 0x2252, 0x2252, 0x2260, 0x2261,
    0x2264, 0x2267, 0x226A, 0x226B, 0x226E, 0x226F, 0x2282, 0x2283, 0x2286, 0x2287, 0x2295, 0x2295,
    0x2299, 0x2299, 0x22A5, 0x22A5, 0x22BF, 0x22BF, 0x2312, 0x2312, 0x231A, 0x231B, 0x2329, 0x232A,
    0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x2427, 0x243F, 0x244B, 0x24E9, 0x24EB, 0x254B,
    0x2550, 0x2573, 0x2580, 0x258F, 0x2592, 0x2595, 0x25A0, 0x25A1, 0x25A3, 0x25A9, 0x25B2, 0x25B3,
    0x25B6, 0x25B7, 0x25BC, 0x25BD, 0x25C0, 0x25C1, 0x25C6, 0x25C8, 0x25CB, 0x25CB, 0x25CE, 0x25D1,
    0x25E2, 0x25E5, 0x25EF, 0x25EF, 0x25FD, 0x25FE, 0x2605, 0x2606, 0x2609, 0x2609, 0x260E, 0x260F,
    0x2614, 0x2615, 0x261C, 0x261C, 0x261E, 0x261E, 0x2640, 0x2640, 0x2642, 0x2642, 0x2648, 0x2653,
    0x2660, 0x2661, 0x2663, 0x2665, 0x2667, 0x266A, 0x266C, 0x266D, 0x266F, 0x266F, 0x267F, 0x267F,
    0x2693, 0x2693, 0x269E, 0x269F, 0x26A1, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BF, 0x26C4, 0x26E1,
    0x26E3, 0x26E3, 0x26E8, 0x26FF, 0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x273D, 0x273D,
    0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2776, 0x277F, 0x2795, 0x2797,
    0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B59, 0x2B74, 0x2B75,
    0x2B96, 0x2B96, 0x2CF4, 0x2CF8, 0x2D26, 0x2D26, 0x2D28, 0x2D2C, 0x2D2E, 0x2D2F, 0x2D68, 0x2D6E,
    0x2D71, 0x2D7E, 0x2D97, 0x2D9F, 0x2DA7, 0x2DA7, 0x2DAF, 0x2DAF, 0x2DB7, 0x2DB7, 0x2DBF, 0x2DBF,
    0x2DC7, 0x2DC7, 0x2DCF, 0x2DCF, 0x2DD7, 0x2DD7, 0x2DDF, 0x2DDF, 0x2E5E, 0x303E, 0x3040, 0x4DBF,
    0x4E00, 0xA4CF, 0xA62C, 0xA63F, 0xA6F8, 0xA6FF, 0xA7CB, 0xA7CF, 0xA7D2, 0xA7D2, 0xA7D4, 0xA7D4,
    0xA7DA, 0xA7F1, 0xA82D, 0xA82F, 0xA83A, 0xA83F, 0xA878, 0xA87F, 0xA8C6, 0xA8CD, 0xA8DA, 0xA8DF,
    0xA954, 0xA95E, 0xA960, 0xA97F, 0xA9CE, 0xA9CE, 0xA9DA, 0xA9DD, 0xA9FF, 0xA9FF, 0xAA37, 0xAA3F,
    0xAA4E, 0xAA4F, 0xAA5A, 0xAA5B, 0xAAC3, 0xAADA, 0xAAF7, 0xAB00, 0xAB07, 0xAB08, 0xAB0F, 0xAB10,
    0xAB17, 0xAB1F, 0xAB27, 0xAB27, 0xAB2F, 0xAB2F, 0xAB6C, 0xAB6F, 0xABEE, 0xABEF, 0xABFA, 0xD7AF,
    0xD7C7, 0xD7CA, 0xD7FC, 0xD7FF, 0xE000, 0xFAFF, 0xFB07, 0xFB12, 0xFB18, 0xFB1C, 0xFB37, 0xFB37,
    0xFB3D, 0xFB3D, 0xFB3F, 0xFB3F, 0xFB42, 0xFB42, 0xFB45, 0xFB45, 0xFBC3, 0xFBD2, 0xFD90, 0xFD91,
    0xFDC8, 0xFDCE, 0xFDD0, 0xFDEF, 0xFE00, 0xFE1F, 0xFE30, 0xFE6F, 0xFE75, 0xFE75, 0xFEFD, 0xFEFE,
    0xFF00, 0xFF60, 0xFFBF, 0xFFC1, 0xFFC8, 0xFFC9, 0xFFD0, 0xFFD1, 0xFFD8, 0xFFD9, 0xFFDD, 0xFFE7,
    0xFFEF, 0xFFF8, 0xFFFD, 0xFFFF, 0x1000C, 0x1000C, 0x10027, 0x10027, 0x1003B, 0x1003B, 0x1003E,
    0x1003E, 0x1004E, 0x1004F, 0x1005E, 0x1007F, 0x100FB, 0x100FF, 0x10103, 0x10106, 0x10134,
    0x10136, 0x1018F, 0x1018F, 0x1019D, 0x1019F, 0x101A1, 0x101CF, 0x101FE, 0x1027F, 0x1029D,
    0x1029F, 0x102D1, 0x102DF, 0x102FC, 0x102FF, 0x10324, 0x1032C, 0x1034B, 0x1034F, 0x1037B,
    0x1037F, 0x1039E, 0x1039E, 0x103C4, 0x103C7, 0x103D6, 0x103FF, 0x1049E, 0x1049F, 0x104AA,
    0x104AF, 0x104D4, 0x104D7, 0x104FC, 0x104FF, 0x10528, 0x1052F, 0x10564, 0x1056E, 0x1057B,
    0x1057B, 0x1058B, 0x1058B, 0x10593, 0x10593, 0x10596, 0x10596, 0x105A2, 0x105A2, 0x105B2,
    0x105B2, 0x105BA, 0x105BA, 0x105BD, 0x105FF, 0x10737, 0x1073F, 0x10756, 0x1075F, 0x10768,
    0x1077F, 0x10786, 0x10786, 0x107B1, 0x107B1, 0x107BB, 0x107FF, 0x10806, 0x10807, 0x10809,
    0x10809, 0x10836, 0x10836, 0x10839, 0x1083B, 0x1083D, 0x1083E, 0x10856, 0x10856, 0x1089F,
    0x108A6, 0x108B0, 0x108DF, 0x108F3, 0x108F3, 0x108F6, 0x108FA, 0x1091C, 0x1091E, 0x1093A,
    0x1093E, 0x10940, 0x1097F, 0x109B8, 0x109BB, 0x109D0, 0x109D1, 0x10A04, 0x10A04, 0x10A07,
    0x10A0B, 0x10A14, 0x10A14, 0x10A18, 0x10A18, 0x10A36, 0x10A37, 0x10A3B, 0x10A3E, 0x10A49,
    0x10A4F, 0x10A59, 0x10A5F, 0x10AA0, 0x10ABF, 0x10AE7, 0x10AEA, 0x10AF7, 0x10AFF, 0x10B36,
    0x10B38, 0x10B56, 0x10B57, 0x10B73, 0x10B77, 0x10B92, 0x10B98, 0x10B9D, 0x10BA8, 0x10BB0,
    0x10BFF, 0x10C49, 0x10C7F, 0x10CB3, 0x10CBF, 0x10CF3, 0x10CF9, 0x10D28, 0x10D2F, 0x10D3A,
    0x10E5F, 0x10E7F, 0x10E7F, 0x10EAA, 0x10EAA, 0x10EAE, 0x10EAF, 0x10EB2, 0x10EFF, 0x10F28,
    0x10F2F, 0x10F5A, 0x10F6F, 0x10F8A, 0x10FAF, 0x10FCC, 0x10FDF, 0x10FF7, 0x10FFF, 0x1104E,
    0x11051, 0x11076, 0x1107E, 0x110C3, 0x110CC, 0x110CE, 0x110CF, 0x110E9, 0x110EF, 0x110FA,
    0x110FF, 0x11135, 0x11135, 0x11148, 0x1114F, 0x11177, 0x1117F, 0x111E0, 0x111E0, 0x111F5,
    0x111FF, 0x11212, 0x11212, 0x1123F, 0x1127F, 0x11287, 0x11287, 0x11289, 0x11289, 0x1128E,
    0x1128E, 0x1129E, 0x1129E, 0x112AA, 0x112AF, 0x112EB, 0x112EF, 0x112FA, 0x112FF, 0x11304,
    0x11304, 0x1130D, 0x1130E, 0x11311, 0x11312, 0x11329, 0x11329, 0x11331, 0x11331, 0x11334,
    0x11334, 0x1133A, 0x1133A, 0x11345, 0x11346, 0x11349, 0x1134A, 0x1134E, 0x1134F, 0x11351,
    0x11356, 0x11358, 0x1135C, 0x11364, 0x11365, 0x1136D, 0x1136F, 0x11375, 0x113FF, 0x1145C,
    0x1145C, 0x11462, 0x1147F, 0x114C8, 0x114CF, 0x114DA, 0x1157F, 0x115B6, 0x115B7, 0x115DE,
    0x115FF, 0x11645, 0x1164F, 0x1165A, 0x1165F, 0x1166D, 0x1167F, 0x116BA, 0x116BF, 0x116CA,
    0x116FF, 0x1171B, 0x1171C, 0x1172C, 0x1172F, 0x11747, 0x117FF, 0x1183C, 0x1189F, 0x118F3,
    0x118FE, 0x11907, 0x11908, 0x1190A, 0x1190B, 0x11914, 0x11914, 0x11917, 0x11917, 0x11936,
    0x11936, 0x11939, 0x1193A, 0x11947, 0x1194F, 0x1195A, 0x1199F, 0x119A8, 0x119A9, 0x119D8,
    0x119D9, 0x119E5, 0x119FF, 0x11A48, 0x11A4F, 0x11AA3, 0x11AAF, 0x11AF9, 0x11BFF, 0x11C09,
    0x11C09, 0x11C37, 0x11C37, 0x11C46, 0x11C4F, 0x11C6D, 0x11C6F, 0x11C90, 0x11C91, 0x11CA8,
    0x11CA8, 0x11CB7, 0x11CFF, 0x11D07, 0x11D07, 0x11D0A, 0x11D0A, 0x11D37, 0x11D39, 0x11D3B,
    0x11D3B, 0x11D3E, 0x11D3E, 0x11D48, 0x11D4F, 0x11D5A, 0x11D5F, 0x11D66, 0x11D66, 0x11D69,
    0x11D69, 0x11D8F, 0x11D8F, 0x11D92, 0x11D92, 0x11D99, 0x11D9F, 0x11DAA, 0x11EDF, 0x11EF9,
    0x11FAF, 0x11FB1, 0x11FBF, 0x11FF2, 0x11FFE, 0x1239A, 0x123FF, 0x1246F, 0x1246F, 0x12475,
    0x1247F, 0x12544, 0x12F8F, 0x12FF3, 0x12FFF, 0x1342F, 0x1342F, 0x13439, 0x143FF, 0x14647,
    0x167FF, 0x16A39, 0x16A3F, 0x16A5F, 0x16A5F, 0x16A6A, 0x16A6D, 0x16ABF, 0x16ABF, 0x16ACA,
    0x16ACF, 0x16AEE, 0x16AEF, 0x16AF6, 0x16AFF, 0x16B46, 0x16B4F, 0x16B5A, 0x16B5A, 0x16B62,
    0x16B62, 0x16B78, 0x16B7C, 0x16B90, 0x16E3F, 0x16E9B, 0x16EFF, 0x16F4B, 0x16F4E, 0x16F88,
    0x16F8E, 0x16FA0, 0x1BBFF, 0x1BC6B, 0x1BC6F, 0x1BC7D, 0x1BC7F, 0x1BC89, 0x1BC8F, 0x1BC9A,
    0x1BC9B, 0x1BCA4, 0x1CEFF, 0x1CF2E, 0x1CF2F, 0x1CF47, 0x1CF4F, 0x1CFC4, 0x1CFFF, 0x1D0F6,
    0x1D0FF, 0x1D127, 0x1D128, 0x1D1EB, 0x1D1FF, 0x1D246, 0x1D2DF, 0x1D2F4, 0x1D2FF, 0x1D357,
    0x1D35F, 0x1D379, 0x1D3FF, 0x1D455, 0x1D455, 0x1D49D, 0x1D49D, 0x1D4A0, 0x1D4A1, 0x1D4A3,
    0x1D4A4, 0x1D4A7, 0x1D4A8, 0x1D4AD, 0x1D4AD, 0x1D4BA, 0x1D4BA, 0x1D4BC, 0x1D4BC, 0x1D4C4,
    0x1D4C4, 0x1D506, 0x1D506, 0x1D50B, 0x1D50C, 0x1D515, 0x1D515, 0x1D51D, 0x1D51D, 0x1D53A,
    0x1D53A, 0x1D53F, 0x1D53F, 0x1D545, 0x1D545, 0x1D547, 0x1D549, 0x1D551, 0x1D551, 0x1D6A6,
    0x1D6A7, 0x1D7CC, 0x1D7CD, 0x1DA8C, 0x1DA9A, 0x1DAA0, 0x1DAA0, 0x1DAB0, 0x1DEFF, 0x1DF1F,
    0x1DFFF, 0x1E007, 0x1E007, 0x1E019, 0x1E01A, 0x1E022, 0x1E022, 0x1E025, 0x1E025, 0x1E02B,
    0x1E0FF, 0x1E12D, 0x1E12F, 0x1E13E, 0x1E13F, 0x1E14A, 0x1E14D, 0x1E150, 0x1E28F, 0x1E2AF,
    0x1E2BF, 0x1E2FA, 0x1E2FE, 0x1E300, 0x1E7DF, 0x1E7E7, 0x1E7E7, 0x1E7EC, 0x1E7EC, 0x1E7EF,
    0x1E7EF, 0x1E7FF, 0x1E7FF, 0x1E8C5, 0x1E8C6, 0x1E8D7, 0x1E8FF, 0x1E94C, 0x1E94F, 0x1E95A,
    0x1E95D, 0x1E960, 0x1EC70, 0x1ECB5, 0x1ED00, 0x1ED3E, 0x1EDFF, 0x1EE04, 0x1EE04, 0x1EE20,
    0x1EE20, 0x1EE23, 0x1EE23, 0x1EE25, 0x1EE26, 0x1EE28, 0x1EE28, 0x1EE33, 0x1EE33, 0x1EE38,
    0x1EE38, 0x1EE3A, 0x1EE3A, 0x1EE3C, 0x1EE41, 0x1EE43, 0x1EE46, 0x1EE48, 0x1EE48, 0x1EE4A,
    0x1EE4A, 0x1EE4C, 0x1EE4C, 0x1EE50, 0x1EE50, 0x1EE53, 0x1EE53, 0x1EE55, 0x1EE56, 0x1EE58,
    0x1EE58, 0x1EE5A, 0x1EE5A, 0x1EE5C, 0x1EE5C, 0x1EE5E, 0x1EE5E, 0x1EE60, 0x1EE60, 0x1EE63,
    0x1EE63, 0x1EE65, 0x1EE66, 0x1EE6B, 0x1EE6B, 0x1EE73, 0x1EE73, 0x1EE78, 0x1EE78, 0x1EE7D,
    0x1EE7D, 0x1EE7F, 0x1EE7F, 0x1EE8A, 0x1EE8A, 0x1EE9C, 0x1EEA0, 0x1EEA4, 0x1EEA4, 0x1EEAA,
    0x1EEAA, 0x1EEBC, 0x1EEEF, 0x1EEF2, 0x1EFFF, 0x1F004, 0x1F004, 0x1F02C, 0x1F02F, 0x1F094,
    0x1F09F, 0x1F0AF, 0x1F0B0, 0x1F0C0, 0x1F0C0, 0x1F0CF, 0x1F0D0, 0x1F0F6, 0x1F10A, 0x1F110,
    0x1F12D, 0x1F130, 0x1F169, 0x1F170, 0x1F1AC, 0x1F1AE, 0x1F1E5, 0x1F200, 0x1F320, 0x1F32D,
    0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA, 0x1F3CF, 0x1F3D3, 0x1F3E0,
    0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440, 0x1F442, 0x1F4FC, 0x1F4FF,
    0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A, 0x1F595, 0x1F596, 0x1F5A4,
    0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC, 0x1F6D0, 0x1F6D2, 0x1F6D5,
    0x1F6DF, 0x1F6EB, 0x1F6EF, 0x1F6F4, 0x1F6FF, 0x1F774, 0x1F77F, 0x1F7D9, 0x1F7FF, 0x1F80C,
    0x1F80F, 0x1F848, 0x1F84F, 0x1F85A, 0x1F85F, 0x1F888, 0x1F88F, 0x1F8AE, 0x1F8AF, 0x1F8B2,
    0x1F8FF, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA54, 0x1FA5F, 0x1FA6E,
    0x1FAFF, 0x1FB93, 0x1FB93, 0x1FBCB, 0x1FBEF, 0x1FBFA, 0xE0000, 0xE0002, 0xE001F, 0xE0080,
    0x10FFFF,
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Every expected output below was produced by the real AWS CLI formatters (the `awscli`
    // Python package, `awscli/formatter.py`, `text.py` and `table.py`, with stdout not a tty),
    // and the `aws_cli_*` ones are copied from the aws-cli test suite
    // (tests/unit/output/test_table_formatter.py).

    /// (case, command title, response after --query, exact CLI output)
    const JSON_CASES: &[(&str, &str, &str, &str)] = &[
        (
            "describe_clusters",
            "DescribeClusters",
            r#"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default", "clusterName": "default", "status": "ACTIVE", "registeredContainerInstancesCount": 2, "runningTasksCount": 3, "pendingTasksCount": 0, "activeServicesCount": 1, "statistics": [], "tags": [{"key": "team", "value": "platform"}], "settings": [{"name": "containerInsights", "value": "enabled"}], "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}], "failures": []}"#,
            r#"
{
    "clusters": [
        {
            "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default",
            "clusterName": "default",
            "status": "ACTIVE",
            "registeredContainerInstancesCount": 2,
            "runningTasksCount": 3,
            "pendingTasksCount": 0,
            "activeServicesCount": 1,
            "statistics": [],
            "tags": [
                {
                    "key": "team",
                    "value": "platform"
                }
            ],
            "settings": [
                {
                    "name": "containerInsights",
                    "value": "enabled"
                }
            ],
            "capacityProviders": [
                "FARGATE",
                "FARGATE_SPOT"
            ],
            "defaultCapacityProviderStrategy": []
        }
    ],
    "failures": []
}
"#,
        ),
        ("empty_object_prints_nothing", "X", r#"{}"#, ""),
        (
            "empty_list",
            "X",
            r#"[]"#,
            r#"
[]
"#,
        ),
        (
            "null",
            "X",
            r#"null"#,
            r#"
null
"#,
        ),
        (
            "false",
            "X",
            r#"false"#,
            r#"
false
"#,
        ),
        (
            "string",
            "X",
            r#""default""#,
            r#"
"default"
"#,
        ),
        (
            "unicode_and_escapes",
            "X",
            r#"{"name": "café 東京", "command": "echo \"hi\"\tdone\\n", "control": "\u0001\u001f", "newline": "a\nb"}"#,
            r#"
{
    "name": "café 東京",
    "command": "echo \"hi\"\tdone\\n",
    "control": "\u0001\u001f",
    "newline": "a\nb"
}
"#,
        ),
        (
            "floats_and_empty_containers",
            "X",
            r#"{"cpu": 0.25, "one": 1.0, "big": 1e+16, "small": 1.5e-05, "tiny": 0.0001, "negative": -2.5, "empty": {}, "none": []}"#,
            r#"
{
    "cpu": 0.25,
    "one": 1.0,
    "big": 1e+16,
    "small": 1.5e-05,
    "tiny": 0.0001,
    "negative": -2.5,
    "empty": {},
    "none": []
}
"#,
        ),
        (
            "list_of_lists",
            "X",
            r#"[["default", "ACTIVE", 3], ["prod", "ACTIVE", 12]]"#,
            r#"
[
    [
        "default",
        "ACTIVE",
        3
    ],
    [
        "prod",
        "ACTIVE",
        12
    ]
]
"#,
        ),
    ];

    /// (case, command title, response after --query, exact CLI output)
    const TEXT_CASES: &[(&str, &str, &str, &str)] = &[
        (
            "describe_clusters",
            "X",
            r#"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default", "clusterName": "default", "status": "ACTIVE", "registeredContainerInstancesCount": 2, "runningTasksCount": 3, "pendingTasksCount": 0, "activeServicesCount": 1, "statistics": [], "tags": [{"key": "team", "value": "platform"}], "settings": [{"name": "containerInsights", "value": "enabled"}], "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}], "failures": []}"#,
            "\
CLUSTERS\t1\tarn:aws:ecs:us-east-1:123456789012:cluster/default\tdefault\t0\t2\t3\tACTIVE
CAPACITYPROVIDERS\tFARGATE
CAPACITYPROVIDERS\tFARGATE_SPOT
SETTINGS\tcontainerInsights\tenabled
TAGS\tteam\tplatform
",
        ),
        (
            "describe_subnets_with_tags",
            "X",
            r#"{"Subnets": [{"AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 4089, "CidrBlock": "172.31.0.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": false, "State": "available", "SubnetId": "subnet-0bb1c79de3EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE", "Tags": [{"Key": "Name", "Value": "my-subnet-01"}, {"Key": "CostCenter", "Value": "123"}]}, {"AvailabilityZone": "us-east-1b", "AvailableIpAddressCount": 4091, "CidrBlock": "172.31.16.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": true, "State": "available", "SubnetId": "subnet-8EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE"}]}"#,
            "\
SUBNETS\tus-east-1a\t4089\t172.31.0.0/20\tTrue\tFalse\tavailable\tsubnet-0bb1c79de3EXAMPLE\tvpc-0ee975135dEXAMPLE
TAGS\tName\tmy-subnet-01
TAGS\tCostCenter\t123
SUBNETS\tus-east-1b\t4091\t172.31.16.0/20\tTrue\tTrue\tavailable\tsubnet-8EXAMPLE\tvpc-0ee975135dEXAMPLE
",
        ),
        (
            "list_of_lists",
            "X",
            r#"[["default", "ACTIVE", 3], ["prod", "ACTIVE", 12]]"#,
            "\
default\tACTIVE\t3
prod\tACTIVE\t12
",
        ),
        (
            "list_clusters",
            "X",
            r#"{"clusterArns": ["arn:aws:ecs:us-east-1:123456789012:cluster/default", "arn:aws:ecs:us-east-1:123456789012:cluster/prod"]}"#,
            "\
CLUSTERARNS\tarn:aws:ecs:us-east-1:123456789012:cluster/default
CLUSTERARNS\tarn:aws:ecs:us-east-1:123456789012:cluster/prod
",
        ),
        (
            "scalar",
            "X",
            r#""default""#,
            r#"
default
"#,
        ),
        (
            "null",
            "X",
            r#"null"#,
            r#"
None
"#,
        ),
        (
            "true",
            "X",
            r#"true"#,
            r#"
True
"#,
        ),
        (
            "float",
            "X",
            r#"1.0"#,
            r#"
1.0
"#,
        ),
        (
            "int",
            "X",
            r#"3"#,
            r#"
3
"#,
        ),
        (
            "empty_object",
            "X",
            r#"{}"#,
            "",
        ),
        (
            "empty_list",
            "X",
            r#"[]"#,
            "",
        ),
        (
            "repr_of_nested_in_column",
            "X",
            r#"[{"name": "web", "ports": 80}, {"name": "api", "ports": [80, 443], "labels": {"tier": "it's"}}]"#,
            "\
web\t80
api\t[80, 443]
LABELS\tit's
",
        ),
        (
            "nested_scalar_lists",
            "X",
            r#"{"ports": [[80, 443], [8080]], "mixed": [1, [2, 3]], "names": ["web", "api"]}"#,
            "\
MIXED\t1
MIXED\t2
MIXED\t3
NAMES\tweb
NAMES\tapi
PORTS\t80
PORTS\t443
PORTS\t8080
",
        ),
        (
            "floats",
            "X",
            r#"{"cpu": 0.25, "one": 1.0, "big": 1e+16, "small": 1.5e-05, "tiny": 0.0001, "negative": -2.5, "empty": {}, "none": []}"#,
            "\
1e+16\t0.25\t-2.5\t1.0\t1.5e-05\t0.0001
",
        ),
    ];

    /// (case, command title, response after --query, exact CLI output)
    const TABLE_CASES: &[(&str, &str, &str, &str)] = &[
        (
            "describe_clusters_turns_vertical_past_80",
            "DescribeClusters",
            r#"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default", "clusterName": "default", "status": "ACTIVE", "registeredContainerInstancesCount": 2, "runningTasksCount": 3, "pendingTasksCount": 0, "activeServicesCount": 1, "statistics": [], "tags": [{"key": "team", "value": "platform"}], "settings": [{"name": "containerInsights", "value": "enabled"}], "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}], "failures": []}"#,
            r#"
-----------------------------------------------------------------------------------------------
|                                      DescribeClusters                                       |
+---------------------------------------------------------------------------------------------+
||                                         clusters                                          ||
|+------------------------------------+------------------------------------------------------+|
||  activeServicesCount               |  1                                                   ||
||  clusterArn                        |  arn:aws:ecs:us-east-1:123456789012:cluster/default  ||
||  clusterName                       |  default                                             ||
||  pendingTasksCount                 |  0                                                   ||
||  registeredContainerInstancesCount |  2                                                   ||
||  runningTasksCount                 |  3                                                   ||
||  status                            |  ACTIVE                                              ||
|+------------------------------------+------------------------------------------------------+|
|||                                    capacityProviders                                    |||
||+-----------------------------------------------------------------------------------------+||
|||  FARGATE                                                                                |||
|||  FARGATE_SPOT                                                                           |||
||+-----------------------------------------------------------------------------------------+||
|||                                        settings                                         |||
||+-------------------------+---------------------------------------------------------------+||
|||  name                   |  containerInsights                                            |||
|||  value                  |  enabled                                                      |||
||+-------------------------+---------------------------------------------------------------+||
|||                                          tags                                           |||
||+-------------------------------------+---------------------------------------------------+||
|||  key                                |  team                                             |||
|||  value                              |  platform                                         |||
||+-------------------------------------+---------------------------------------------------+||
"#,
        ),
        (
            "describe_subnets_with_tags",
            "DescribeSubnets",
            r#"{"Subnets": [{"AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 4089, "CidrBlock": "172.31.0.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": false, "State": "available", "SubnetId": "subnet-0bb1c79de3EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE", "Tags": [{"Key": "Name", "Value": "my-subnet-01"}, {"Key": "CostCenter", "Value": "123"}]}, {"AvailabilityZone": "us-east-1b", "AvailableIpAddressCount": 4091, "CidrBlock": "172.31.16.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": true, "State": "available", "SubnetId": "subnet-8EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE"}]}"#,
            r#"
-----------------------------------------------------------
|                     DescribeSubnets                     |
+---------------------------------------------------------+
||                        Subnets                        ||
|+--------------------------+----------------------------+|
||  AvailabilityZone        |  us-east-1a                ||
||  AvailableIpAddressCount |  4089                      ||
||  CidrBlock               |  172.31.0.0/20             ||
||  DefaultForAz            |  True                      ||
||  MapPublicIpOnLaunch     |  False                     ||
||  State                   |  available                 ||
||  SubnetId                |  subnet-0bb1c79de3EXAMPLE  ||
||  VpcId                   |  vpc-0ee975135dEXAMPLE     ||
|+--------------------------+----------------------------+|
|||                        Tags                         |||
||+------------------------+----------------------------+||
|||           Key          |           Value            |||
||+------------------------+----------------------------+||
|||  Name                  |  my-subnet-01              |||
|||  CostCenter            |  123                       |||
||+------------------------+----------------------------+||
||                        Subnets                        ||
|+----------------------------+--------------------------+|
||  AvailabilityZone          |  us-east-1b              ||
||  AvailableIpAddressCount   |  4091                    ||
||  CidrBlock                 |  172.31.16.0/20          ||
||  DefaultForAz              |  True                    ||
||  MapPublicIpOnLaunch       |  True                    ||
||  State                     |  available               ||
||  SubnetId                  |  subnet-8EXAMPLE         ||
||  VpcId                     |  vpc-0ee975135dEXAMPLE   ||
|+----------------------------+--------------------------+|
"#,
        ),
        (
            "list_of_lists",
            "DescribeClusters",
            r#"[["default", "ACTIVE", 3], ["prod", "ACTIVE", 12]]"#,
            r#"
-----------------------------
|     DescribeClusters      |
+----------+----------+-----+
|  default |  ACTIVE  |  3  |
|  prod    |  ACTIVE  |  12 |
+----------+----------+-----+
"#,
        ),
        (
            "list_clusters",
            "ListClusters",
            r#"{"clusterArns": ["arn:aws:ecs:us-east-1:123456789012:cluster/default", "arn:aws:ecs:us-east-1:123456789012:cluster/prod"]}"#,
            r#"
----------------------------------------------------------
|                      ListClusters                      |
+--------------------------------------------------------+
||                      clusterArns                     ||
|+------------------------------------------------------+|
||  arn:aws:ecs:us-east-1:123456789012:cluster/default  ||
||  arn:aws:ecs:us-east-1:123456789012:cluster/prod     ||
|+------------------------------------------------------+|
"#,
        ),
        (
            "scalar_prints_only_title",
            "DescribeClusters",
            r#""default""#,
            r#"
------------------
|DescribeClusters|
+----------------+
"#,
        ),
        ("null", "X", r#"null"#, ""),
        ("empty_object", "X", r#"{}"#, ""),
        ("empty_list", "X", r#"[]"#, ""),
        ("false", "X", r#"false"#, ""),
        ("zero", "X", r#"0"#, ""),
        ("empty_string", "X", r#""""#, ""),
        (
            "true",
            "DescribeClusters",
            r#"true"#,
            r#"
------------------
|DescribeClusters|
+----------------+
"#,
        ),
        (
            "wide_and_ambiguous_characters",
            "TagResource",
            r#"{"tags": [{"key": "Name", "value": "東京"}, {"key": "Owner", "value": "café±"}]}"#,
            r#"
------------------------
|      TagResource     |
+----------------------+
||        tags        ||
|+--------+-----------+|
||   key  |   value   ||
|+--------+-----------+|
||  Name  |  東京     ||
||  Owner |  café±  ||
|+--------+-----------+|
"#,
        ),
        (
            "repr_and_title_only_sections",
            "ListTasks",
            r#"[{"name": "web", "ports": 80}, {"name": "api", "ports": [80, 443], "labels": {"tier": "it's"}}]"#,
            r#"
-----------------------
|      ListTasks      |
+---------+-----------+
|  name   |   ports   |
+---------+-----------+
|  web    |  80       |
+---------+-----------+
||       ports       ||
|+-------------------+|
|      ListTasks      |
+-------+-------------+
| name  |    ports    |
+-------+-------------+
|  api  |  [80, 443]  |
+-------+-------------+
||      labels       ||
|+--------+----------+|
||  tier  |  it's    ||
|+--------+----------+|
||       ports       ||
|+-------------------+|
||  80               ||
||  443              ||
|+-------------------+|
"#,
        ),
        (
            // 24 * 9 / 16 = 13.5: Python's round() goes to the even 14, then no correction.
            "column_scaling_rounds_half_to_even",
            "DescribeTaskDefinition",
            r#"[{"image": "nginx", "mem": 512}, {"image": "redis", "mem": 256}]"#,
            r#"
------------------------
|DescribeTaskDefinition|
+------------+---------+
|    image   |   mem   |
+------------+---------+
|  nginx     |  512    |
|  redis     |  256    |
+------------+---------+
"#,
        ),
        (
            "aws_cli_simple_list",
            "OperationName",
            r#"{"QueueUrls": ["https://us-west-2.queue.amazonaws.com/1/queue1", "https://us-west-2.queue.amazonaws.com/1/queue2", "https://us-west-2.queue.amazonaws.com/1/queue3", "https://us-west-2.queue.amazonaws.com/1/queue4"]}"#,
            r#"
------------------------------------------------------
|                    OperationName                   |
+----------------------------------------------------+
||                     QueueUrls                    ||
|+--------------------------------------------------+|
||  https://us-west-2.queue.amazonaws.com/1/queue1  ||
||  https://us-west-2.queue.amazonaws.com/1/queue2  ||
||  https://us-west-2.queue.amazonaws.com/1/queue3  ||
||  https://us-west-2.queue.amazonaws.com/1/queue4  ||
|+--------------------------------------------------+|
"#,
        ),
        (
            "aws_cli_simple_dict",
            "OperationName",
            r#"{"Attributes": {"a": "0", "b": "345600", "c": "0", "d": "65536", "e": "1351044153", "f": "0"}}"#,
            r#"
----------------------------------------------------
|                   OperationName                  |
+--------------------------------------------------+
||                   Attributes                   ||
|+---+---------+----+--------+--------------+-----+|
|| a |    b    | c  |   d    |      e       |  f  ||
|+---+---------+----+--------+--------------+-----+|
||  0|  345600 |  0 |  65536 |  1351044153  |  0  ||
|+---+---------+----+--------+--------------+-----+|
"#,
        ),
        (
            "aws_cli_jmespath_filtered_response",
            "OperationName",
            r#"[[["i-12345", "ami-12345", "ebs", "t1.micro", "running", "disabled", "util"]], [["i-56789", "ami-56789", "ebs", "c1.medium", "running", "disabled", "myname"]]]"#,
            r#"
-------------------------------------------------------------------------------
|                                OperationName                                |
+---------+------------+------+------------+----------+------------+----------+
|  i-12345|  ami-12345 |  ebs |  t1.micro  |  running |  disabled  |  util    |
|  i-56789|  ami-56789 |  ebs |  c1.medium |  running |  disabled  |  myname  |
+---------+------------+------+------------+----------+------------+----------+
"#,
        ),
        (
            "aws_cli_jmespath_filtered_dict_response",
            "OperationName",
            r#"[[{"InstanceId": "i-12345", "RootDeviceType": "ebs", "InstanceType": "t1.micro", "ImageId": "ami-12345"}], [{"InstanceId": "i-56789", "RootDeviceType": "ebs", "InstanceType": "c1.medium", "ImageId": "ami-56789"}]]"#,
            r#"
---------------------------------------------------------------
|                        OperationName                        |
+-----------+-------------+----------------+------------------+
|  ImageId  | InstanceId  | InstanceType   | RootDeviceType   |
+-----------+-------------+----------------+------------------+
|  ami-12345|  i-12345    |  t1.micro      |  ebs             |
|  ami-56789|  i-56789    |  c1.medium     |  ebs             |
+-----------+-------------+----------------+------------------+
"#,
        ),
    ];

    /// aws-cli tests/unit/output/test_table_formatter.py LIST_OF_DICTS (rendered there with
    /// auto_reformat=False).
    const AWS_CLI_LIST_OF_DICTS: &str = r#"{"OrderableDBInstanceOptions": [{"AvailabilityZones": [{"Name": "us-east-1a", "ProvisionedIopsCapable": false}, {"Name": "us-east-1d", "ProvisionedIopsCapable": true}], "DBInstanceClass": "db.m1.large", "Engine": "mysql", "EngineVersion": "5.1.45", "LicenseModel": "general-public-license", "MultiAZCapable": true, "ReadReplicaCapable": true, "Vpc": false}, {"AvailabilityZones": [{"Name": "us-west-2a", "ProvisionedIopsCapable": true}, {"Name": "us-west-2b", "ProvisionedIopsCapable": true}], "DBInstanceClass": "db.m1.xlarge", "Engine": "mysql", "EngineVersion": "5.1.57", "LicenseModel": "general-public-license", "MultiAZCapable": true, "ReadReplicaCapable": true, "Vpc": false}, {"AvailabilityZones": [{"Name": "us-west-2a", "ProvisionedIopsCapable": true}], "DBInstanceClass": "db.m1.xlarge", "Engine": "mysql", "EngineVersion": "5.1.57", "LicenseModel": "general-public-license", "MultiAZCapable": true, "ReadReplicaCapable": true, "Vpc": true}]}"#;

    const AWS_CLI_LIST_OF_DICTS_TABLE: &str = r#"
-----------------------------------------------------------------------------------------------------------------------------
|                                                       OperationName                                                       |
+---------------------------------------------------------------------------------------------------------------------------+
||                                               OrderableDBInstanceOptions                                                ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|| DBInstanceClass | Engine  | EngineVersion  |      LicenseModel       | MultiAZCapable  | ReadReplicaCapable   |   Vpc   ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
||  db.m1.large    |  mysql  |  5.1.45        |  general-public-license |  True           |  True                |  False  ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|||                                                   AvailabilityZones                                                   |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||                  Name                  |                           ProvisionedIopsCapable                             |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||  us-east-1a                            |  False                                                                       |||
|||  us-east-1d                            |  True                                                                        |||
||+----------------------------------------+------------------------------------------------------------------------------+||
||                                               OrderableDBInstanceOptions                                                ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|| DBInstanceClass | Engine  | EngineVersion  |      LicenseModel       | MultiAZCapable  | ReadReplicaCapable   |   Vpc   ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
||  db.m1.xlarge   |  mysql  |  5.1.57        |  general-public-license |  True           |  True                |  False  ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|||                                                   AvailabilityZones                                                   |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||                  Name                  |                           ProvisionedIopsCapable                             |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||  us-west-2a                            |  True                                                                        |||
|||  us-west-2b                            |  True                                                                        |||
||+----------------------------------------+------------------------------------------------------------------------------+||
||                                               OrderableDBInstanceOptions                                                ||
|+-----------------+---------+----------------+--------------------------+-----------------+----------------------+--------+|
|| DBInstanceClass | Engine  | EngineVersion  |      LicenseModel        | MultiAZCapable  | ReadReplicaCapable   |  Vpc   ||
|+-----------------+---------+----------------+--------------------------+-----------------+----------------------+--------+|
||  db.m1.xlarge   |  mysql  |  5.1.57        |  general-public-license  |  True           |  True                |  True  ||
|+-----------------+---------+----------------+--------------------------+-----------------+----------------------+--------+|
|||                                                   AvailabilityZones                                                   |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||                  Name                  |                           ProvisionedIopsCapable                             |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||  us-west-2a                            |  True                                                                        |||
||+----------------------------------------+------------------------------------------------------------------------------+||
"#;

    /// The same response as a non-tty CLI prints it: wider than 80 columns, so its single-row
    /// sections turn vertical.
    const AWS_CLI_LIST_OF_DICTS_NON_TTY: &str = r#"
----------------------------------------------------
|                   OperationName                  |
+--------------------------------------------------+
||           OrderableDBInstanceOptions           ||
|+---------------------+--------------------------+|
||  DBInstanceClass    |  db.m1.large             ||
||  Engine             |  mysql                   ||
||  EngineVersion      |  5.1.45                  ||
||  LicenseModel       |  general-public-license  ||
||  MultiAZCapable     |  True                    ||
||  ReadReplicaCapable |  True                    ||
||  Vpc                |  False                   ||
|+---------------------+--------------------------+|
|||               AvailabilityZones              |||
||+---------------+------------------------------+||
|||     Name      |   ProvisionedIopsCapable     |||
||+---------------+------------------------------+||
|||  us-east-1a   |  False                       |||
|||  us-east-1d   |  True                        |||
||+---------------+------------------------------+||
||           OrderableDBInstanceOptions           ||
|+---------------------+--------------------------+|
||  DBInstanceClass    |  db.m1.xlarge            ||
||  Engine             |  mysql                   ||
||  EngineVersion      |  5.1.57                  ||
||  LicenseModel       |  general-public-license  ||
||  MultiAZCapable     |  True                    ||
||  ReadReplicaCapable |  True                    ||
||  Vpc                |  False                   ||
|+---------------------+--------------------------+|
|||               AvailabilityZones              |||
||+---------------+------------------------------+||
|||     Name      |   ProvisionedIopsCapable     |||
||+---------------+------------------------------+||
|||  us-west-2a   |  True                        |||
|||  us-west-2b   |  True                        |||
||+---------------+------------------------------+||
||           OrderableDBInstanceOptions           ||
|+---------------------+--------------------------+|
||  DBInstanceClass    |  db.m1.xlarge            ||
||  Engine             |  mysql                   ||
||  EngineVersion      |  5.1.57                  ||
||  LicenseModel       |  general-public-license  ||
||  MultiAZCapable     |  True                    ||
||  ReadReplicaCapable |  True                    ||
||  Vpc                |  True                    ||
|+---------------------+--------------------------+|
|||               AvailabilityZones              |||
||+-----------------------------+----------------+||
|||  Name                       |  us-west-2a    |||
|||  ProvisionedIopsCapable     |  True          |||
||+-----------------------------+----------------+||
"#;

    fn parse(input: &str) -> Value {
        serde_json::from_str(input).expect("fixture is valid JSON")
    }

    /// Expected outputs written as raw strings open with a newline only for readability.
    fn expected_text(expected: &str) -> &str {
        expected.strip_prefix('\n').unwrap_or(expected)
    }

    fn check(cases: &[(&str, &str, &str, &str)], output: OutputFormat) {
        for &(name, title, input, expected) in cases {
            let got = format(&parse(input), output, title);
            assert_eq!(got, expected_text(expected), "{output:?} case {name}");
        }
    }

    #[test]
    fn json_matches_aws_cli() {
        check(JSON_CASES, OutputFormat::Json);
    }

    #[test]
    fn text_matches_aws_cli() {
        check(TEXT_CASES, OutputFormat::Text);
    }

    #[test]
    fn table_matches_aws_cli() {
        check(TABLE_CASES, OutputFormat::Table);
    }

    #[test]
    fn table_without_reformat_matches_aws_cli_test_suite() {
        let got =
            table_output::render_without_reformat(&parse(AWS_CLI_LIST_OF_DICTS), "OperationName");
        assert_eq!(got, expected_text(AWS_CLI_LIST_OF_DICTS_TABLE));
    }

    #[test]
    fn table_wider_than_80_turns_single_row_sections_vertical() {
        let got = format(
            &parse(AWS_CLI_LIST_OF_DICTS),
            OutputFormat::Table,
            "OperationName",
        );
        assert_eq!(got, expected_text(AWS_CLI_LIST_OF_DICTS_NON_TTY));
    }

    #[test]
    fn parse_accepts_only_the_exact_cli_choices() {
        let cases = [
            ("json", Some(OutputFormat::Json)),
            ("text", Some(OutputFormat::Text)),
            ("table", Some(OutputFormat::Table)),
            ("JSON", None),
            ("yaml", None),
            ("yaml-stream", None),
            (" text", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(OutputFormat::parse(input), expected, "{input:?}");
        }
    }

    #[test]
    fn floats_print_like_python_repr() {
        let cases = [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (0.0001, "0.0001"),
            (1.5e-5, "1.5e-05"),
            (-0.0, "-0.0"),
            (123_456_789_012_345_680.0, "1.2345678901234568e+17"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            // Exactly halfway between two shortest candidates: Python keeps the even digit.
            (-811_376_019_104_808.2, "-811376019104808.2"),
            (247_600_580_198_296.62, "247600580198296.62"),
        ];
        for (input, expected) in cases {
            assert_eq!(python::float_repr(input), expected, "{input:e}");
        }
    }

    #[test]
    fn python_str_of_containers_is_their_repr() {
        let value = json!([
            "it's",
            "say \"hi\"",
            "a\\b",
            {"k": null, "t": true},
            1.5,
            "both ' and \"",
            "\u{a0}x",
            "tab\there",
            "\u{7f}"
        ]);
        let expected = r#"["it's", 'say "hi"', 'a\\b', {'k': None, 't': True}, 1.5, 'both \' and "', '\xa0x', 'tab\there', '\x7f']"#;
        assert_eq!(python::str_of(&value), expected);
    }

    #[test]
    fn display_width_counts_wide_and_ambiguous_characters_twice() {
        let cases = [
            ("", 0),
            ("abc", 3),
            ("東京", 4),
            ("café", 5),
            ("±°", 4),
            ("😀", 2),
        ];
        for (input, expected) in cases {
            assert_eq!(python::text_length(input), expected, "{input:?}");
        }
    }

    #[test]
    fn deep_nesting_is_cut_without_overflowing_the_stack() {
        let mut value = json!("leaf");
        for _ in 0..2000 {
            value = Value::Array(vec![value]);
        }
        let json_out = format(&value, OutputFormat::Json, "X");
        assert!(json_out.contains("\"...\""));
        assert_eq!(format(&value, OutputFormat::Text, "X"), "");
        assert_eq!(format(&value, OutputFormat::Table, "X"), "---\n|X|\n+-+\n");
    }

    /// A deterministic xorshift64 generator, so the random tests replay exactly.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            let index = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
            items.get(index).copied().unwrap_or("")
        }
    }

    const WORDS: &[&str] = &[
        "",
        "ACTIVE",
        "arn:aws:ecs:us-east-1:123456789012:cluster/default",
        "東京",
        "café±",
        "it's \"q\"",
        "tab\there",
        "new\nline",
        "😀",
        "a-much-longer-value-that-pushes-the-table-past-eighty-columns-wide",
    ];
    const KEYS: &[&str] = &["name", "Name", "status", "Tags", "Key", "value", "ä", ""];

    fn random_value(rng: &mut XorShift, depth: u32) -> Value {
        let kind = if depth > 4 {
            rng.below(5)
        } else {
            rng.below(9)
        };
        match kind {
            0 => Value::Null,
            1 => Value::Bool(rng.below(2) == 0),
            2 => json!(rng.below(100_000)),
            3 => json!([0.5, 1.0, -2.25, 1e16, 0.0][rng.below(5) as usize]),
            4 => json!(rng.pick(WORDS)),
            5 | 6 => {
                let mut map = Map::new();
                for _ in 0..rng.below(5) {
                    map.insert(rng.pick(KEYS).to_owned(), random_value(rng, depth + 1));
                }
                Value::Object(map)
            }
            _ => (0..rng.below(4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        }
    }

    #[test]
    fn random_values_never_panic_and_keep_invariants() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let value = random_value(&mut rng, 0);
            let json_out = format(&value, OutputFormat::Json, "RunTask");
            if value != json!({}) {
                let reparsed: Value = serde_json::from_str(&json_out).expect("valid JSON");
                assert_eq!(reparsed, value);
            }
            let text_out = format(&value, OutputFormat::Text, "RunTask");
            assert!(text_out.is_empty() || text_out.ends_with('\n'));
            let table_out = format(&value, OutputFormat::Table, "RunTask");
            let widths: Vec<usize> = table_out.lines().map(python::text_length).collect();
            assert!(
                widths.windows(2).all(|w| w[0] == w[1]) || value_has_newline(&value),
                "ragged table for {value}:\n{table_out}"
            );
        }
    }

    /// A string holding a newline splits a table line, as it does in the CLI.
    fn value_has_newline(value: &Value) -> bool {
        value.to_string().contains("\\n")
    }

    #[test]
    fn garbage_format_names_are_rejected() {
        let mut rng = XorShift(42);
        for _ in 0..2000 {
            let len = rng.below(8);
            let name: String = (0..len)
                .map(|_| {
                    char::from_u32(u32::try_from(rng.below(0x250)).unwrap_or(0)).unwrap_or('?')
                })
                .collect();
            let expected = match name.as_str() {
                "json" => Some(OutputFormat::Json),
                "text" => Some(OutputFormat::Text),
                "table" => Some(OutputFormat::Table),
                _ => None,
            };
            assert_eq!(OutputFormat::parse(&name), expected, "{name:?}");
        }
    }
}
