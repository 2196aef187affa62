//! The parser of the cluster query language: subjects, operators and their arguments, read
//! by recursive descent into the tree [`Expr`] evaluates.

use super::java_regex::Pattern;
use super::{
    Compare, Expr, Node, Ordinal, QueryError, Span, Test, TextCheck, MAX_EXPRESSION_LEN,
    MAX_NESTING,
};
use std::fmt;

/// Parses a cluster query expression, as ECS does when it accepts a `memberOf` constraint or a
/// `ListContainerInstances` filter. Enforces [`MAX_EXPRESSION_LEN`] first.
pub fn parse(expression: &str) -> Result<Expr, QueryError> {
    if expression.chars().count() > MAX_EXPRESSION_LEN {
        return Err(QueryError::whole(format!(
            "the expression is longer than the maximum of {MAX_EXPRESSION_LEN} characters"
        )));
    }
    if expression.trim().is_empty() {
        return Err(QueryError::whole("the expression is empty"));
    }
    let mut parser = Parser {
        src: expression,
        pos: 0,
        depth: 0,
    };
    let root = parser.parse_or()?;
    parser.skip_ws();
    if !parser.at_end() {
        return Err(parser.unexpected());
    }
    Ok(Expr {
        source: expression.to_string(),
        root,
    })
}

// ------------------------------------------------------------------------------------------------
// Subjects and operators

/// The field a single expression evaluates.
#[derive(Debug, Clone, PartialEq)]
enum Subject {
    Attribute(String),
    Ec2InstanceId,
    AgentConnected,
    AgentVersion,
    RegisteredAt,
    RunningTasksCount,
    TaskGroup,
}

impl Subject {
    fn from_text(text: &str) -> Option<Subject> {
        Some(match text {
            "ec2InstanceId" => Subject::Ec2InstanceId,
            "agentConnected" => Subject::AgentConnected,
            "agentVersion" => Subject::AgentVersion,
            "registeredAt" => Subject::RegisteredAt,
            "runningTasksCount" => Subject::RunningTasksCount,
            "task:group" => Subject::TaskGroup,
            _ => Subject::Attribute(text.strip_prefix("attribute:")?.to_string()),
        })
    }

    /// The operators the developer guide lists per subject. `task:group` has no list there; our
    /// choice is equality and lists, the forms its affinity examples use (a regular expression
    /// would need the instance's group names, which [`Facts`] does not enumerate).
    fn allows(&self, op: Op) -> bool {
        use Op::*;
        match self {
            Subject::Attribute(_) => true,
            Subject::Ec2InstanceId | Subject::AgentConnected => {
                matches!(op, Eq | Ne | In | NotIn | Matches | NotMatches)
            }
            Subject::AgentVersion | Subject::RegisteredAt | Subject::RunningTasksCount => {
                matches!(op, Eq | Ne | Gt | Ge | Lt | Le)
            }
            Subject::TaskGroup => matches!(op, Eq | Ne | In | NotIn),
        }
    }
}

/// A comparison operator, whichever of its spellings was used.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Exists,
    NotExists,
    In,
    NotIn,
    Matches,
    NotMatches,
}

impl Op {
    /// Both spellings of every operator of the developer guide's operator table.
    fn from_text(text: &str) -> Option<Op> {
        Some(match text {
            "==" | "equals" => Op::Eq,
            "!=" | "not_equals" => Op::Ne,
            ">" | "greater_than" => Op::Gt,
            ">=" | "greater_than_equal" => Op::Ge,
            "<" | "less_than" => Op::Lt,
            "<=" | "less_than_equal" => Op::Le,
            "exists" => Op::Exists,
            "!exists" | "not_exists" => Op::NotExists,
            "in" => Op::In,
            "!in" | "not_in" => Op::NotIn,
            "=~" | "matches" => Op::Matches,
            "!~" | "not_matches" => Op::NotMatches,
            _ => return None,
        })
    }

    fn compare(self) -> Option<Compare> {
        Some(match self {
            Op::Eq => Compare::Eq,
            Op::Ne => Compare::Ne,
            Op::Gt => Compare::Gt,
            Op::Ge => Compare::Ge,
            Op::Lt => Compare::Lt,
            Op::Le => Compare::Le,
            _ => return None,
        })
    }
}

/// An argument as written, with the byte offset where it starts (for error positions).
#[derive(Debug)]
pub(super) enum Argument {
    None,
    One(String, usize),
    List(Vec<String>, usize),
}

// ------------------------------------------------------------------------------------------------
// The parser

/// Characters that end a subject or a word.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || "()[],=!<>~'\"&|".contains(c)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A recursive-descent parser over the source text. Values are scanned in context (a bare regex
/// may contain `(`, `[` or `*`), so there is no separate tokenizer.
struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, symbol: &str) -> bool {
        if self.rest().starts_with(symbol) {
            self.pos += symbol.len();
            return true;
        }
        false
    }

    /// The run of word characters at the cursor.
    fn word(&self) -> &'a str {
        let rest = self.rest();
        let end = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
        rest.get(..end).unwrap_or("")
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        if self.word() == keyword {
            self.pos += keyword.len();
            return true;
        }
        false
    }

    /// Takes characters while `keep` holds.
    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let end = rest.find(|c| !keep(c)).unwrap_or(rest.len());
        self.pos += end;
        rest.get(..end).unwrap_or("")
    }

    /// The token at the cursor, for "unexpected token" messages.
    fn token(&self) -> &'a str {
        let rest = self.rest();
        let first = rest.chars().next().map_or(0, char::len_utf8);
        if rest.starts_with(['(', ')', '[', ']', ',']) {
            return rest.get(..first).unwrap_or("");
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || "()[],".contains(c))
            .unwrap_or(rest.len());
        rest.get(..end).unwrap_or("")
    }

    fn error(&self, at: usize, what: impl fmt::Display) -> QueryError {
        QueryError::at(self.src, at, what)
    }

    fn unexpected(&self) -> QueryError {
        self.error(self.pos, format!("unexpected token '{}'", self.token()))
    }

    /// `or` binds loosest: `a and b or c` is `(a and b) or c`.
    fn parse_or(&mut self) -> Result<Node, QueryError> {
        let mut nodes = vec![self.parse_and()?];
        loop {
            self.skip_ws();
            if !(self.eat("||") || self.eat_keyword("or")) {
                break;
            }
            nodes.push(self.parse_and()?);
        }
        Ok(collapse(nodes, Node::Any))
    }

    fn parse_and(&mut self) -> Result<Node, QueryError> {
        let mut nodes = vec![self.parse_unary()?];
        loop {
            self.skip_ws();
            if !(self.eat("&&") || self.eat_keyword("and")) {
                break;
            }
            nodes.push(self.parse_unary()?);
        }
        Ok(collapse(nodes, Node::All))
    }

    /// `not`/`!` binds tightest: `not a and b` is `(not a) and b`.
    fn parse_unary(&mut self) -> Result<Node, QueryError> {
        self.skip_ws();
        let start = self.pos;
        if self.at_end() {
            return Err(self.error(start, "expected an expression but found the end"));
        }
        if self.eat("(") {
            self.enter(start)?;
            let inner = self.parse_or()?;
            self.skip_ws();
            if self.at_end() {
                return Err(self.error(start, "missing ')' to close this '('"));
            }
            if !self.eat(")") {
                return Err(self.unexpected());
            }
            self.depth -= 1;
            return Ok(inner);
        }
        let negation = self.eat_keyword("not") || (!self.rest().starts_with("!=") && self.eat("!"));
        if negation {
            self.enter(start)?;
            let inner = self.parse_unary()?;
            self.depth -= 1;
            return Ok(Node::Not(Box::new(inner)));
        }
        self.parse_single().map(Node::Test)
    }

    fn enter(&mut self, at: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(
                at,
                format!("the expression nests more than {MAX_NESTING} levels deep"),
            ));
        }
        Ok(())
    }

    /// `subject operator [argument]`.
    fn parse_single(&mut self) -> Result<Test, QueryError> {
        let subject_at = self.pos;
        let subject_text = self.take_while(|c| !is_delimiter(c));
        if subject_text.is_empty() {
            return Err(self.unexpected());
        }
        let subject = Subject::from_text(subject_text)
            .ok_or_else(|| self.error(subject_at, format!("unknown subject '{subject_text}'")))?;
        if let Subject::Attribute(name) = &subject {
            check_attribute_name(name).map_err(|what| self.error(subject_at, what))?;
        }
        self.skip_ws();
        let op_at = self.pos;
        let op_text = self.operator_text();
        if op_text.is_empty() {
            let what = if self.at_end() {
                format!("missing operator after '{subject_text}'")
            } else {
                format!(
                    "expected an operator after '{subject_text}' but found '{}'",
                    self.token()
                )
            };
            return Err(self.error(op_at, what));
        }
        let op = Op::from_text(op_text)
            .ok_or_else(|| self.error(op_at, format!("unknown operator '{op_text}'")))?;
        if !subject.allows(op) {
            return Err(self.error(
                op_at,
                format!("operator '{op_text}' is not valid for subject '{subject_text}'"),
            ));
        }
        let argument = match op {
            Op::Exists | Op::NotExists => Argument::None,
            Op::In | Op::NotIn => self.parse_list(op_text)?,
            _ => self.parse_value(op, op_text)?,
        };
        build_test(subject, op, argument).map_err(|(at, what)| self.error(at, what))
    }

    /// The operator at the cursor: a run of `=!<>~` (with the word of `!exists`/`!in`), or a word.
    fn operator_text(&mut self) -> &'a str {
        let start = self.pos;
        if self.peek().is_some_and(|c| "=!<>~".contains(c)) {
            let symbols = self.take_while(|c| "=!<>~".contains(c));
            if symbols == "!" {
                self.take_while(is_word_char);
            }
        } else {
            self.take_while(is_word_char);
        }
        self.src.get(start..self.pos).unwrap_or("")
    }

    /// The single argument of `==`, `>`, `=~` and the like: quoted with `'` or `"`, or bare.
    fn parse_value(&mut self, op: Op, op_text: &str) -> Result<Argument, QueryError> {
        self.skip_ws();
        let at = self.pos;
        let rest = self.rest();
        if rest.is_empty()
            || rest.starts_with([')'])
            || rest.starts_with("&&")
            || rest.starts_with("||")
        {
            return Err(self.error(at, format!("missing argument for operator '{op_text}'")));
        }
        if rest.starts_with('[') && !matches!(op, Op::Matches | Op::NotMatches) {
            return Err(self.error(
                at,
                format!("operator '{op_text}' takes a single value, not a list"),
            ));
        }
        if let Some(quoted) = self.quoted()? {
            return Ok(Argument::One(quoted.to_string(), at));
        }
        Ok(Argument::One(self.bare_value().to_string(), at))
    }

    /// A bare value runs to whitespace, to `&&`/`||`, or to a `)` it did not open itself (so that
    /// `not(attribute:x =~ (a|b).*)` keeps the regex's group and leaves the closing parenthesis).
    fn bare_value(&mut self) -> &'a str {
        let rest = self.rest();
        let mut open = 0usize;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            let tail = rest.get(i..).unwrap_or("");
            if c.is_whitespace() || tail.starts_with("&&") || tail.starts_with("||") {
                end = i;
                break;
            }
            if c == '(' {
                open += 1;
            } else if c == ')' {
                if open == 0 {
                    end = i;
                    break;
                }
                open -= 1;
            }
        }
        self.pos += end;
        rest.get(..end).unwrap_or("")
    }

    /// A value in `'...'` or `"..."`; no escapes, so a regex's backslashes pass unchanged (our
    /// choice). `Ok(None)` when the cursor is not at a quote.
    fn quoted(&mut self) -> Result<Option<&'a str>, QueryError> {
        let Some(quote) = self.peek().filter(|c| *c == '\'' || *c == '"') else {
            return Ok(None);
        };
        let start = self.pos;
        let body = self.src.get(start + 1..).unwrap_or("");
        let Some(len) = body.find(quote) else {
            return Err(self.error(start, "unterminated quoted value"));
        };
        self.pos = start + 1 + len + 1;
        Ok(Some(body.get(..len).unwrap_or("")))
    }

    /// The argument list of `in`/`!in`: `[a, b, ..., n]`, items quoted or bare. A bare item runs
    /// to the next `,` or `]` and is trimmed, so it may contain spaces (our choice).
    fn parse_list(&mut self, op_text: &str) -> Result<Argument, QueryError> {
        self.skip_ws();
        let open_at = self.pos;
        if self.at_end() {
            return Err(self.error(
                open_at,
                format!("missing argument for operator '{op_text}'"),
            ));
        }
        if !self.eat("[") {
            return Err(self.error(
                open_at,
                format!(
                    "operator '{op_text}' expects a list such as [a, b] but found '{}'",
                    self.token()
                ),
            ));
        }
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            let item_at = self.pos;
            if self.rest().starts_with(']') && items.is_empty() {
                return Err(self.error(item_at, "the argument list is empty"));
            }
            let item = match self.quoted()? {
                Some(quoted) => quoted,
                None => self.take_while(|c| c != ',' && c != ']').trim_end(),
            };
            if item.is_empty() && self.rest().starts_with([',', ']']) {
                return Err(self.error(item_at, "empty item in the argument list"));
            }
            items.push(item.to_string());
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                return Ok(Argument::List(items, open_at));
            }
            if self.at_end() {
                return Err(self.error(open_at, "missing ']' to close this argument list"));
            }
            return Err(self.error(
                self.pos,
                format!(
                    "expected ',' or ']' in the argument list but found '{}'",
                    self.token()
                ),
            ));
        }
    }
}

/// One node stays itself; several become `wrap(nodes)`.
fn collapse(mut nodes: Vec<Node>, wrap: fn(Vec<Node>) -> Node) -> Node {
    if nodes.len() == 1 {
        if let Some(node) = nodes.pop() {
            return node;
        }
    }
    wrap(nodes)
}

/// The PutAttributes rule for names: 1–128 letters, digits, `-`, `_`, `/`, `\` or `.`.
fn check_attribute_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("missing attribute name after 'attribute:'".to_string());
    }
    let valid = name.chars().count() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/\\.".contains(c));
    if valid {
        Ok(())
    } else {
        Err(format!("invalid attribute name '{name}'"))
    }
}

/// Converts the argument to the subject's type, turning the operator into a typed test.
/// Errors carry the byte offset of the argument.
fn build_test(subject: Subject, op: Op, argument: Argument) -> Result<Test, (usize, String)> {
    Ok(match subject {
        Subject::Attribute(name) => Test::Attribute {
            name,
            check: text_check(op, argument)?,
        },
        Subject::Ec2InstanceId => Test::Ec2InstanceId(text_check(op, argument)?),
        Subject::AgentConnected => Test::AgentConnected(text_check(op, argument)?),
        Subject::TaskGroup => {
            let negated = matches!(op, Op::Ne | Op::NotIn);
            let groups = match argument {
                Argument::One(value, _) => vec![value],
                Argument::List(values, _) => values,
                Argument::None => Vec::new(),
            };
            Test::TaskGroup { groups, negated }
        }
        Subject::AgentVersion => {
            let (text, at) = single(argument);
            let version = parse_version(&text)
                .ok_or_else(|| (at, format!("invalid agent version '{text}'")))?;
            Test::AgentVersion(compare_of(op), version)
        }
        Subject::RegisteredAt => {
            let (text, at) = single(argument);
            let span = Span::parse(&text).ok_or_else(|| {
                (
                    at,
                    format!(
                        "invalid date '{text}'; valid formats are 2018-06-18T22:28:28+00:00, \
                         2018-06-18T22:28:28Z, 2018-06-18T22:28:28 and 2018-06-18"
                    ),
                )
            })?;
            Test::RegisteredAt(compare_of(op), span)
        }
        Subject::RunningTasksCount => {
            let (text, at) = single(argument);
            let count = (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<u64>().ok())
                .flatten()
                .ok_or_else(|| (at, format!("invalid integer '{text}'")))?;
            Test::RunningTasksCount(compare_of(op), count)
        }
    })
}

/// The single value of an ordered subject (its operators always take one).
pub(super) fn single(argument: Argument) -> (String, usize) {
    match argument {
        Argument::One(text, at) => (text, at),
        Argument::List(items, at) => (items.join(","), at),
        Argument::None => (String::new(), 0),
    }
}

/// Ordered subjects only allow the six comparisons (checked by [`Subject::allows`]).
fn compare_of(op: Op) -> Compare {
    op.compare().unwrap_or(Compare::Eq)
}

/// `1.14.5` as `[1, 14, 5]`: dot-separated non-negative integers.
fn parse_version(text: &str) -> Option<Vec<u64>> {
    text.split('.')
        .map(|part| {
            (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        })
        .collect()
}

fn text_check(op: Op, argument: Argument) -> Result<TextCheck, (usize, String)> {
    let value = |argument: Argument| single(argument).0;
    Ok(match (op, argument) {
        (Op::Exists, _) => TextCheck::Exists,
        (Op::NotExists, _) => TextCheck::NotExists,
        (Op::In, Argument::List(items, _)) => TextCheck::In(items),
        (Op::NotIn, Argument::List(items, _)) => TextCheck::NotIn(items),
        (Op::Matches, argument) => TextCheck::Matches(Pattern::compile(argument)?),
        (Op::NotMatches, argument) => TextCheck::NotMatches(Pattern::compile(argument)?),
        (Op::Eq, argument) => TextCheck::Equals(value(argument)),
        (Op::Ne, argument) => TextCheck::NotEquals(value(argument)),
        (op, argument) => TextCheck::Ordered(compare_of(op), Ordinal::new(value(argument))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placement::query::testing::{error, eval, Instance};

    #[test]
    fn parses_every_documented_example() {
        let examples = [
            // cluster-query-language examples
            "attribute:ecs.instance-type == t2.small",
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
            "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
            "task:group == service:production",
            "not(task:group == database)",
            "runningTasksCount == 1",
            "agentVersion < 1.14.5",
            "registeredAt < 2018-02-13",
            "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
            // task-placement-constraints examples
            "attribute:ecs.instance-type == g2.2xlarge",
            "attribute:stack == prod",
            "attribute:stack != prod",
            "attribute:ecs.instance-type in [t2.small, t2.medium]",
            "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a",
            "attribute:ecs.instance-type =~ t2.*",
            "task:group == databases",
            // registeredAt date formats
            "registeredAt > 2018-06-18T22:28:28+00:00",
            "registeredAt > 2018-06-18T22:28:28Z",
            "registeredAt > 2018-06-18T22:28:28",
            "registeredAt > 2018-06-18",
        ];
        for example in examples {
            assert!(
                parse(example).is_ok(),
                "{example}: {:?}",
                parse(example).err()
            );
        }
    }

    #[test]
    fn every_operator_spelling_is_accepted() {
        let i = Instance::default();
        let table: &[(&str, bool)] = &[
            ("attribute:stack == prod", true),
            ("attribute:stack equals prod", true),
            ("attribute:stack != prod", false),
            ("attribute:stack not_equals prod", false),
            ("runningTasksCount > 0", true),
            ("runningTasksCount greater_than 1", false),
            ("runningTasksCount >= 1", true),
            ("runningTasksCount greater_than_equal 2", false),
            ("runningTasksCount < 1", false),
            ("runningTasksCount less_than 2", true),
            ("runningTasksCount <= 1", true),
            ("runningTasksCount less_than_equal 0", false),
            ("attribute:stack exists", true),
            ("attribute:stack !exists", false),
            ("attribute:stack not_exists", false),
            ("attribute:stack in [dev, prod]", true),
            ("attribute:stack !in [dev, prod]", false),
            ("attribute:stack not_in [dev, test]", true),
            ("attribute:stack =~ pr.d", true),
            ("attribute:stack matches p.*", true),
            ("attribute:stack !~ pr.d", false),
            ("attribute:stack not_matches d.*", true),
        ];
        for (expression, expected) in table {
            assert_eq!(eval(expression, &i), *expected, "{expression}");
        }
    }

    #[test]
    fn symbols_need_no_surrounding_spaces() {
        let i = Instance::default();
        assert!(eval("runningTasksCount==1", &i));
        assert!(eval("attribute:stack!=dev&&attribute:stack=~prod", &i));
        assert!(eval("attribute:nope!exists||attribute:stack!in[dev]", &i));
        assert!(eval("!(attribute:stack==dev)", &i));
        assert!(eval(
            "not(attribute:stack == dev)and(runningTasksCount == 1)",
            &i
        ));
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        let i = Instance::default(); // stack=prod, running=1
                                     // and binds tighter than or: true or (false and false) = true
        assert!(eval(
            "attribute:stack == prod or attribute:stack == dev and runningTasksCount == 5",
            &i
        ));
        // (true or false) and false = false
        assert!(!eval(
            "(attribute:stack == prod or attribute:stack == dev) and runningTasksCount == 5",
            &i
        ));
        // not binds tighter than and: (not false) and true = true
        assert!(eval(
            "not attribute:stack == dev and runningTasksCount == 1",
            &i
        ));
        // not binds tighter than or: (not true) or true = true
        assert!(eval(
            "! attribute:stack == prod || runningTasksCount == 1",
            &i
        ));
        assert!(!eval(
            "not (attribute:stack == prod or runningTasksCount == 1)",
            &i
        ));
        assert!(eval("not not attribute:stack == prod", &i));
        assert!(eval("((((attribute:stack == prod))))", &i));
        assert!(eval(
            "(attribute:stack == dev || attribute:stack == prod) && !(agentConnected == false)",
            &i
        ));
    }

    #[test]
    fn values_may_be_quoted_or_bare() {
        let i = Instance {
            attributes: vec![("team", "data platform"), ("path", "a\\b")],
            ..Instance::default()
        };
        assert!(eval("attribute:team == 'data platform'", &i));
        assert!(eval("attribute:team == \"data platform\"", &i));
        assert!(eval("attribute:team in ['x', \"data platform\"]", &i));
        assert!(eval("attribute:team in [x, data platform]", &i)); // bare list items may hold spaces
        assert!(eval("attribute:path == a\\b", &i));
        assert!(eval("attribute:path == 'a\\b'", &i));
        assert!(eval("ec2InstanceId in [ 'i-abcd1234' ,i-x ]", &i));
        assert!(eval("ec2InstanceId == 'i-abcd1234'", &i));
        assert!(!eval("ec2InstanceId != \"i-abcd1234\"", &i));
    }

    #[test]
    fn invalid_expressions_report_what_and_where() {
        let table: &[(&str, &str)] = &[
            ("", "Invalid expression: the expression is empty."),
            ("   ", "Invalid expression: the expression is empty."),
            ("foo == bar", "Invalid expression at position 1: unknown subject 'foo'."),
            ("attribute == x", "Invalid expression at position 1: unknown subject 'attribute'."),
            ("Attribute:stack == x", "Invalid expression at position 1: unknown subject 'Attribute:stack'."),
            ("attribute: == x", "Invalid expression at position 1: missing attribute name after 'attribute:'."),
            ("attribute:st*ck == x", "Invalid expression at position 1: invalid attribute name 'st*ck'."),
            ("agentVersion exists", "Invalid expression at position 14: operator 'exists' is not valid for subject 'agentVersion'."),
            ("agentVersion =~ 1.*", "Invalid expression at position 14: operator '=~' is not valid for subject 'agentVersion'."),
            ("runningTasksCount in [1, 2]", "Invalid expression at position 19: operator 'in' is not valid for subject 'runningTasksCount'."),
            ("registeredAt matches 2018.*", "Invalid expression at position 14: operator 'matches' is not valid for subject 'registeredAt'."),
            ("ec2InstanceId > i-1", "Invalid expression at position 15: operator '>' is not valid for subject 'ec2InstanceId'."),
            ("agentConnected not_exists", "Invalid expression at position 16: operator 'not_exists' is not valid for subject 'agentConnected'."),
            ("task:group =~ service:.*", "Invalid expression at position 12: operator '=~' is not valid for subject 'task:group'."),
            ("attribute:stack", "Invalid expression at position 16: missing operator after 'attribute:stack'."),
            ("attribute:stack prod", "Invalid expression at position 17: unknown operator 'prod'."),
            ("attribute:stack = prod", "Invalid expression at position 17: unknown operator '='."),
            ("attribute:stack 'prod'", "Invalid expression at position 17: expected an operator after 'attribute:stack' but found ''prod''."),
            ("attribute:stack ==", "Invalid expression at position 19: missing argument for operator '=='."),
            ("(attribute:stack == )", "Invalid expression at position 21: missing argument for operator '=='."),
            ("attribute:stack in", "Invalid expression at position 19: missing argument for operator 'in'."),
            ("attribute:stack in prod", "Invalid expression at position 20: operator 'in' expects a list such as [a, b] but found 'prod'."),
            ("attribute:stack in []", "Invalid expression at position 21: the argument list is empty."),
            ("attribute:stack in [a,,b]", "Invalid expression at position 23: empty item in the argument list."),
            ("attribute:stack in [a, b", "Invalid expression at position 20: missing ']' to close this argument list."),
            ("attribute:stack in ['a' b]", "Invalid expression at position 25: expected ',' or ']' in the argument list but found 'b'."),
            ("attribute:stack == [a, b]", "Invalid expression at position 20: operator '==' takes a single value, not a list."),
            ("attribute:stack == 'prod", "Invalid expression at position 20: unterminated quoted value."),
            ("(attribute:stack == prod", "Invalid expression at position 1: missing ')' to close this '('."),
            ("attribute:stack == prod)", "Invalid expression at position 24: unexpected token ')'."),
            ("((attribute:stack == prod)", "Invalid expression at position 1: missing ')' to close this '('."),
            ("attribute:stack == prod extra", "Invalid expression at position 25: unexpected token 'extra'."),
            ("attribute:stack == prod and", "Invalid expression at position 28: expected an expression but found the end."),
            ("and attribute:stack == prod", "Invalid expression at position 1: unknown subject 'and'."),
            ("attribute:stack == prod & runningTasksCount == 1", "Invalid expression at position 25: unexpected token '&'."),
            ("not", "Invalid expression at position 4: expected an expression but found the end."),
            ("()", "Invalid expression at position 2: unexpected token ')'."),
            ("== prod", "Invalid expression at position 1: unexpected token '=='."),
            ("agentVersion < 1.x", "Invalid expression at position 16: invalid agent version '1.x'."),
            ("agentVersion < ''", "Invalid expression at position 16: invalid agent version ''."),
            ("runningTasksCount > -1", "Invalid expression at position 21: invalid integer '-1'."),
            ("runningTasksCount > one", "Invalid expression at position 21: invalid integer 'one'."),
            ("registeredAt < 2018-02-30", "Invalid expression at position 16: invalid date '2018-02-30'; valid formats are 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 and 2018-06-18."),
            ("registeredAt < 13/02/2018", "Invalid expression at position 16: invalid date '13/02/2018'; valid formats are 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 and 2018-06-18."),
            ("attribute:x =~ '[a-z&&[^q]]'", "Invalid expression at position 16: invalid regular expression '[a-z&&[^q]]': character class intersection (&&) is not supported."),
            // A bare value ends at `&&`, so this regex is cut short (quote it to keep the `&&`).
            ("attribute:x =~ [a-z&&[^q]]", "Invalid expression at position 16: invalid regular expression '[a-z': unclosed character class."),
            ("attribute:x =~ 'a(?=b)'", "Invalid expression at position 16: invalid regular expression 'a(?=b)': look-around is not supported."),
            ("ec2InstanceId =~ (i-", "Invalid expression at position 18: invalid regular expression '(i-': found open group without closing ')'."),
        ];
        for (expression, message) in table {
            assert_eq!(error(expression), *message, "{expression}");
        }
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        assert_eq!(
            error("attribute:é == x"),
            "Invalid expression at position 1: invalid attribute name 'é'."
        );
        assert_eq!(
            error("attribute:x == 'é' ünknown"),
            "Invalid expression at position 20: unexpected token 'ünknown'."
        );
    }

    #[test]
    fn length_limit_is_2000_characters() {
        let pad = |len: usize| {
            let head = "attribute:stack == ";
            format!("{head}{}", "x".repeat(len - head.len()))
        };
        assert!(parse(&pad(2000)).is_ok());
        assert_eq!(
            error(&pad(2001)),
            "Invalid expression: the expression is longer than the maximum of 2000 characters."
        );
        // Characters, not bytes: 2000 two-byte characters are still within the limit.
        let wide = format!("task:group == '{}'", "é".repeat(2000 - 16));
        assert_eq!(wide.chars().count(), 2000);
        assert!(parse(&wide).is_ok());
    }

    #[test]
    fn nesting_is_limited() {
        let deep = |n: usize| format!("{}runningTasksCount == 1{}", "(".repeat(n), ")".repeat(n));
        assert!(parse(&deep(MAX_NESTING)).is_ok());
        assert_eq!(
            error(&deep(MAX_NESTING + 1)),
            "Invalid expression at position 51: the expression nests more than 50 levels deep."
        );
        let nots = format!("{}runningTasksCount == 1", "not ".repeat(MAX_NESTING + 1));
        assert!(parse(&nots).is_err());
        let many = format!("{}runningTasksCount == 1", "(".repeat(1999));
        assert!(parse(&many).is_err());
    }

    #[test]
    fn long_flat_chains_do_not_recurse() {
        let chain = vec!["runningTasksCount == 1"; 60].join(" and ");
        let expr = parse(&chain).map_err(|e| e.message);
        assert_eq!(expr.map(|e| e.eval(&Instance::default())), Ok(true));
    }
}

/// Random expressions (proptest; native only, as proptest is): the parser refuses what it must
/// and never panics, and whatever parses evaluates.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::placement::query::testing::Instance;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    /// Characters from which no subject can be spelled.
    const NO_SUBJECT: &str = "()[]!=<>~&|,'\" \t0123456789-.*:_\\é✓\u{0}";

    /// Pieces of expressions, valid and not, to be strung together: subjects and long values...
    const WORDS: [&str; 11] = [
        "attribute:stack",
        "attribute:",
        "task:group",
        "agentVersion",
        "registeredAt",
        "runningTasksCount",
        "ec2InstanceId",
        "agentConnected",
        "not_exists",
        "2018-06-18",
        "2018-06-18T22:28:28Z",
    ];
    /// ... and short symbols, operators and values.
    const SYMBOLS: [&str; 38] = [
        "==", "!=", ">", ">=", "<", "<=", "exists", "!exists", "in", "!in", "=~", "!~", "matches",
        "and", "&&", "or", "||", "not", "!", "(", ")", "[", "]", ",", "'", "\"", "prod", "1.14.5",
        "t2.*", "(a|b)", "\\", "[^x]", "\\Q", "é", "1", "true", " ", "",
    ];

    /// A valid expression touching most of the grammar, for the mutation test.
    const BASE: &str = "not(attribute:ecs.instance-type =~ 't2.*' and task:group in [a, \"b\"]) || registeredAt >= 2018-06-18T22:28:28+02:00";

    /// Characters the mutation test inserts.
    const INSERTED: [char; 10] = ['(', ')', '[', ']', '\'', '"', '!', ' ', '\\', '{'];

    fn no_subject_text() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = NO_SUBJECT.chars().collect();
        prop::collection::vec(prop::sample::select(alphabet), 0..40)
            .prop_map(|chars| chars.into_iter().collect())
    }

    /// One to ten tokens, each followed by a space two times in three.
    fn token_soup() -> impl Strategy<Value = String> {
        let tokens: Vec<&str> = WORDS.iter().chain(&SYMBOLS).copied().collect();
        prop::collection::vec((prop::sample::select(tokens), 0u8..3), 1..=10).prop_map(|tokens| {
            let mut text = String::new();
            for (token, space) in tokens {
                text.push_str(token);
                if space != 0 {
                    text.push(' ');
                }
            }
            text
        })
    }

    /// One edit of a character vector: remove the character at an index, insert one there, or
    /// swap it with another.
    #[derive(Debug, Clone)]
    enum Edit {
        Remove(prop::sample::Index),
        Insert(prop::sample::Index, char),
        Swap(prop::sample::Index, prop::sample::Index),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            any::<prop::sample::Index>().prop_map(Edit::Remove),
            (
                any::<prop::sample::Index>(),
                prop::sample::select(&INSERTED[..])
            )
                .prop_map(|(at, c)| Edit::Insert(at, c)),
            (any::<prop::sample::Index>(), any::<prop::sample::Index>())
                .prop_map(|(at, with)| Edit::Swap(at, with)),
        ]
    }

    fn mutated(edits: &[Edit]) -> String {
        let mut chars: Vec<char> = BASE.chars().collect();
        for edit in edits {
            if chars.is_empty() {
                break;
            }
            let len = chars.len();
            match edit {
                Edit::Remove(at) => {
                    chars.remove(at.index(len));
                }
                Edit::Insert(at, c) => chars.insert(at.index(len), *c),
                Edit::Swap(at, with) => chars.swap(at.index(len), with.index(len)),
            }
        }
        chars.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn garbage_is_rejected_without_panicking(text in no_subject_text()) {
            prop_assert!(parse(&text).is_err(), "{:?}", text);
        }

        #[test]
        fn token_soup_never_panics(text in token_soup()) {
            if let Ok(expr) = parse(&text) {
                let _ = expr.eval(&Instance::default());
                let _ = expr.attribute_names();
            }
        }

        #[test]
        fn mutated_valid_expressions_never_panic(edits in prop::collection::vec(edit(), 1..=4)) {
            if let Ok(expr) = parse(&mutated(&edits)) {
                let _ = expr.eval(&Instance::default());
            }
        }
    }

    /// The soup does hold valid expressions, so the test above reaches evaluation. (A fixed
    /// sample from proptest's deterministic runner.)
    #[test]
    fn token_soup_contains_valid_expressions() {
        let mut runner = TestRunner::deterministic();
        let strategy = token_soup();
        let parsed = (0..2000)
            .filter(|_| match strategy.new_tree(&mut runner) {
                Ok(tree) => parse(&tree.current()).is_ok(),
                Err(e) => panic!("{e}"),
            })
            .count();
        assert!(parsed > 0, "the soup should contain some valid expressions");
    }
}
