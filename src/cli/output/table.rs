//! `--output table`: the `awscli/table.py` `MultiTable`. The response is walked into a list of
//! titled sections (an object's scalars become one header row and one value row, or a single
//! `key | value` row; a list of objects becomes a column table; nested values become indented
//! sub-sections titled by their key), then every section is drawn at the width of the widest.

use super::{is_scalar, MAX_DEPTH};
use crate::cli::python;
use serde_json::{Map, Value};
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
    fn build(&mut self, title: Option<&str>, value: &Value, indent: usize, depth: usize) -> bool {
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
                Value::Array(cells) if cells.iter().all(is_scalar) => {
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
        .partition(|key| map.get(*key).is_some_and(is_scalar));
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
