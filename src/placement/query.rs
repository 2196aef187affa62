//! The ECS *cluster query language*: the expressions of `memberOf` placement constraints and of
//! `ListContainerInstances --filter` (AWS developer guide, "Create expressions to define container
//! instances for Amazon ECS tasks").
//!
//! An expression is `subject operator [argument]`, combined with `and`/`&&`, `or`/`||`,
//! `not`/`!` and parentheses. AWS shows parentheses setting precedence
//! (`(expression1 or expression2) and expression3`); without them `not` binds tightest, then
//! `and`, then `or`, the conventional order.
//!
//! [`parse`] does all the work that does not depend on a container instance: it checks every
//! subject against the operators AWS lists for it, compiles regular expressions once, and turns
//! versions, dates and counts into numbers. [`Expr::eval`] then answers for one instance through
//! the [`Facts`] trait without allocating, because the scheduler asks it for thousands of
//! instances per placement.
//!
//! Where AWS documents nothing, the choice made here is marked "our choice". AWS's exact parse
//! error texts are not public; every [`QueryError`] message is "our wording".

use regex_lite::Regex;
use std::cmp::Ordering;
use std::fmt;

/// Maximum expression length ECS accepts ("The expression can have a maximum length of 2000
/// characters", PlacementConstraint API reference). Counted in characters, not bytes.
pub const MAX_EXPRESSION_LEN: usize = 2000;

/// How deeply parentheses and `not` may nest. Our choice: real expressions nest a few levels; the
/// limit keeps the recursive parser and evaluator within a small, fixed stack (also in wasm).
const MAX_NESTING: usize = 50;

/// How deeply a Java regular expression may nest character classes (`[a[b[c]]]`). Our choice.
const MAX_CLASS_NESTING: usize = 8;

/// A parse error of a cluster query expression. ECS rejects such an expression with an
/// `InvalidParameterException` (RunTask, CreateService, UpdateService, RegisterTaskDefinition,
/// ListContainerInstances); `message` is the text that goes with it.
///
/// AWS's real texts for malformed expressions could not be found in public material, so every
/// message is our wording in AWS's style: `Invalid expression at position N: <what>.`, where N is
/// the 1-based character position.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryError {
    /// The exception message, e.g. `Invalid expression at position 1: unknown subject 'foo'.`
    pub message: String,
}

impl QueryError {
    /// An error about the token that starts at byte offset `at` of `source`.
    fn at(source: &str, at: usize, what: impl fmt::Display) -> Self {
        let position = source.get(..at).map_or(0, |s| s.chars().count()) + 1;
        QueryError {
            message: format!("Invalid expression at position {position}: {what}."),
        }
    }

    /// An error about the expression as a whole.
    fn whole(what: impl fmt::Display) -> Self {
        QueryError {
            message: format!("Invalid expression: {what}."),
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// What an expression can ask about one container instance. The scheduler and
/// ListContainerInstances implement it over their own instance records.
pub trait Facts {
    /// The value of a built-in or custom attribute (`ecs.instance-type`, `stack`, ...), `None`
    /// when the instance lacks it. An attribute that is present without a value (as many
    /// `ecs.capability.*` attributes are) should answer `Some("")`, so that `exists` holds.
    fn attribute(&self, name: &str) -> Option<&str>;
    /// The EC2 instance ID, e.g. `i-0123456789abcdef0`.
    fn ec2_instance_id(&self) -> &str;
    /// Whether the container agent is connected (`agentConnected`).
    fn agent_connected(&self) -> bool;
    /// The container agent version, e.g. `1.87.1` (`versionInfo.agentVersion`).
    fn agent_version(&self) -> &str;
    /// When the instance registered (`registeredAt`), in milliseconds since the Unix epoch.
    fn registered_at_epoch_ms(&self) -> i64;
    /// The number of tasks in the RUNNING state on the instance (`runningTasksCount`).
    fn running_tasks_count(&self) -> u32;
    /// Whether a task of this group runs (or is pending) on the instance.
    fn has_task_group(&self, group: &str) -> bool;
}

/// A parsed expression, ready to evaluate many times (regexes compiled once).
#[derive(Debug, Clone)]
pub struct Expr {
    source: String,
    root: Node,
}

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

impl Expr {
    /// Whether the instance described by `facts` satisfies the expression (is a member of the
    /// group the expression defines). Allocation-free.
    pub fn eval(&self, facts: &dyn Facts) -> bool {
        self.root.eval(facts)
    }

    /// The attribute names this expression reads (for indexing by the scheduler), in order of
    /// first appearance, without duplicates.
    pub fn attribute_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        self.root.visit(&mut |test| {
            if let Test::Attribute { name, .. } = test {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        });
        names
    }

    /// The task groups this expression tests with `task:group` (affinity or anti-affinity), in
    /// order of first appearance, without duplicates; lets the scheduler index tasks by group.
    pub fn task_groups(&self) -> Vec<String> {
        let mut groups: Vec<String> = Vec::new();
        self.root.visit(&mut |test| {
            if let Test::TaskGroup { groups: tested, .. } = test {
                for group in tested {
                    if !groups.contains(group) {
                        groups.push(group.clone());
                    }
                }
            }
        });
        groups
    }

    /// Whether the answer for an instance depends only on what stays fixed while its attributes
    /// do: attributes, the EC2 instance ID, the agent version and the registration time. Not
    /// when the expression reads `agentConnected`, `runningTasksCount` or `task:group`, which
    /// change as agents and tasks come and go. (The scheduler keeps fixed answers per instance
    /// until the instance's attributes change.)
    pub fn reads_only_fixed_subjects(&self) -> bool {
        let mut fixed = true;
        self.root.visit(&mut |test| {
            fixed &= matches!(
                test,
                Test::Attribute { .. }
                    | Test::Ec2InstanceId(_)
                    | Test::AgentVersion(..)
                    | Test::RegisteredAt(..)
            );
        });
        fixed
    }

    /// The expression text as the user wrote it (what DescribeServices and DescribeTasks echo).
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl std::str::FromStr for Expr {
    type Err = QueryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

// ------------------------------------------------------------------------------------------------
// The tree

/// A compound expression: the boolean structure over single expressions.
#[derive(Debug, Clone)]
enum Node {
    Test(Test),
    Not(Box<Node>),
    All(Vec<Node>),
    Any(Vec<Node>),
}

impl Node {
    fn eval(&self, facts: &dyn Facts) -> bool {
        match self {
            Node::Test(test) => test.eval(facts),
            Node::Not(inner) => !inner.eval(facts),
            Node::All(nodes) => nodes.iter().all(|n| n.eval(facts)),
            Node::Any(nodes) => nodes.iter().any(|n| n.eval(facts)),
        }
    }

    /// Calls `f` on every single expression; recursion depth is bounded by [`MAX_NESTING`].
    fn visit(&self, f: &mut dyn FnMut(&Test)) {
        match self {
            Node::Test(test) => f(test),
            Node::Not(inner) => inner.visit(f),
            Node::All(nodes) | Node::Any(nodes) => nodes.iter().for_each(|n| n.visit(f)),
        }
    }
}

/// A single expression with its argument already converted to the subject's type.
#[derive(Debug, Clone)]
enum Test {
    Attribute {
        name: String,
        check: TextCheck,
    },
    Ec2InstanceId(TextCheck),
    AgentConnected(TextCheck),
    AgentVersion(Compare, Vec<u64>),
    RegisteredAt(Compare, Span),
    RunningTasksCount(Compare, u64),
    /// `==`/`in` (affinity) when `negated` is false; `!=`/`!in` (anti-affinity) when true.
    TaskGroup {
        groups: Vec<String>,
        negated: bool,
    },
}

impl Test {
    fn eval(&self, facts: &dyn Facts) -> bool {
        match self {
            Test::Attribute { name, check } => check.eval(facts.attribute(name)),
            Test::Ec2InstanceId(check) => check.eval(Some(facts.ec2_instance_id())),
            Test::AgentConnected(check) => check.eval(Some(if facts.agent_connected() {
                "true"
            } else {
                "false"
            })),
            Test::AgentVersion(op, version) => {
                compare_version(facts.agent_version(), version).is_some_and(|o| op.holds(o))
            }
            Test::RegisteredAt(op, span) => span.holds(*op, facts.registered_at_epoch_ms()),
            Test::RunningTasksCount(op, count) => {
                op.holds(u64::from(facts.running_tasks_count()).cmp(count))
            }
            Test::TaskGroup { groups, negated } => {
                groups.iter().any(|g| facts.has_task_group(g)) != *negated
            }
        }
    }
}

/// A test on a string-valued subject (an attribute, the instance ID, the agent status).
#[derive(Debug, Clone)]
enum TextCheck {
    Exists,
    NotExists,
    Equals(String),
    NotEquals(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    Matches(Pattern),
    NotMatches(Pattern),
    Ordered(Compare, Ordinal),
}

impl TextCheck {
    /// `value` is `None` when an attribute is absent. The developer guide's example
    /// `attribute:stack != prod` "lists the instances with the custom attribute stack unless the
    /// attribute value is prod", so an absent attribute satisfies only `not_exists`.
    fn eval(&self, value: Option<&str>) -> bool {
        let Some(value) = value else {
            return matches!(self, TextCheck::NotExists);
        };
        match self {
            TextCheck::Exists => true,
            TextCheck::NotExists => false,
            TextCheck::Equals(arg) => value == arg,
            TextCheck::NotEquals(arg) => value != arg,
            TextCheck::In(args) => args.iter().any(|a| a == value),
            TextCheck::NotIn(args) => !args.iter().any(|a| a == value),
            TextCheck::Matches(pattern) => pattern.is_match(value),
            TextCheck::NotMatches(pattern) => !pattern.is_match(value),
            TextCheck::Ordered(op, arg) => op.holds(arg.compare(value)),
        }
    }
}

/// The six comparison operators, applied to an [`Ordering`] of `instance value` vs `argument`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Compare {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Compare {
    fn holds(self, ordering: Ordering) -> bool {
        match self {
            Compare::Eq => ordering == Ordering::Equal,
            Compare::Ne => ordering != Ordering::Equal,
            Compare::Gt => ordering == Ordering::Greater,
            Compare::Ge => ordering != Ordering::Less,
            Compare::Lt => ordering == Ordering::Less,
            Compare::Le => ordering != Ordering::Greater,
        }
    }
}

/// The argument of `>`, `>=`, `<`, `<=` on an attribute. Our choice (AWS documents only
/// "greater than"): numbers compare as numbers when both sides are decimal numbers (so
/// `attribute:size > 9` holds for `10`); anything else compares as text, byte by byte.
#[derive(Debug, Clone)]
struct Ordinal {
    text: String,
    number: Option<f64>,
}

impl Ordinal {
    fn new(text: String) -> Self {
        let number = parse_decimal(&text);
        Ordinal { text, number }
    }

    fn compare(&self, value: &str) -> Ordering {
        if let (Some(arg), Some(v)) = (self.number, parse_decimal(value)) {
            if let Some(ordering) = v.partial_cmp(&arg) {
                return ordering;
            }
        }
        value.cmp(self.text.as_str())
    }
}

/// `-?digits(.digits)?` as a number; `None` for anything else (no exponents, no `inf`).
fn parse_decimal(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let mut parts = unsigned.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    crate::float::parse_f64(text)
}

/// Compares an agent version such as `1.87.1` with a parsed argument, component by component as
/// numbers, so `1.9.0 < 1.10.0`. Missing components count as 0 (`1.14` == `1.14.0`, our choice).
/// Each instance component is read up to its first non-digit (`1.87.1-beta` reads as 1.87.1);
/// an instance version that does not start with digits compares with nothing (`None`).
fn compare_version(instance: &str, arg: &[u64]) -> Option<Ordering> {
    let mut parts = instance.split('.');
    let mut index = 0;
    loop {
        let part = parts.next();
        let wanted = arg.get(index);
        if part.is_none() && wanted.is_none() {
            return Some(Ordering::Equal);
        }
        let have = match part {
            Some(text) => leading_number(text)?,
            None => 0,
        };
        let ordering = have.cmp(&wanted.copied().unwrap_or(0));
        if ordering != Ordering::Equal {
            return Some(ordering);
        }
        index += 1;
    }
}

/// The number formed by the leading ASCII digits of `text`; `None` when there are none or it
/// overflows.
fn leading_number(text: &str) -> Option<u64> {
    let end = text
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(text.len());
    text.get(..end)?.parse().ok()
}

/// The instant an argument of `registeredAt` names, as the interval `[start, end)` it covers:
/// one day for `2018-06-18`, one second for the date-time formats. Our choice, so that
/// `registeredAt == 2018-06-18` selects the instances registered that day, and
/// `registeredAt < 2018-02-13` those registered before that day began.
#[derive(Debug, Clone, Copy)]
struct Span {
    start_ms: i64,
    end_ms: i64,
}

impl Span {
    fn holds(self, op: Compare, at_ms: i64) -> bool {
        let inside = self.start_ms <= at_ms && at_ms < self.end_ms;
        match op {
            Compare::Eq => inside,
            Compare::Ne => !inside,
            Compare::Gt => at_ms >= self.end_ms,
            Compare::Ge => at_ms >= self.start_ms,
            Compare::Lt => at_ms < self.start_ms,
            Compare::Le => at_ms < self.end_ms,
        }
    }

    /// Parses the four formats the developer guide lists for `registeredAt`:
    /// `2018-06-18T22:28:28+00:00` (any `±HH:MM` offset), `2018-06-18T22:28:28Z`,
    /// `2018-06-18T22:28:28` (UTC, our choice) and `2018-06-18` (UTC).
    fn parse(text: &str) -> Option<Span> {
        let b = text.as_bytes();
        let day = days_from_civil_checked(number(b, 0, 4)?, number(b, 5, 2)?, number(b, 8, 2)?)?;
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let day_ms = day.checked_mul(86_400_000)?;
        if b.len() == 10 {
            return Some(Span {
                start_ms: day_ms,
                end_ms: day_ms + 86_400_000,
            });
        }
        if b.get(10) != Some(&b'T') || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return None;
        }
        let (hour, minute, second) = (number(b, 11, 2)?, number(b, 14, 2)?, number(b, 17, 2)?);
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let offset_s = match b.get(19..) {
            Some([]) | Some([b'Z']) => 0,
            Some([sign @ (b'+' | b'-'), _, _, b':', _, _]) => {
                let (oh, om) = (number(b, 20, 2)?, number(b, 23, 2)?);
                if oh > 18 || om > 59 {
                    return None;
                }
                let offset = oh * 3600 + om * 60;
                if *sign == b'+' {
                    offset
                } else {
                    -offset
                }
            }
            _ => return None,
        };
        let start_ms = day_ms + ((hour * 3600 + minute * 60 + second) - offset_s) * 1000;
        Some(Span {
            start_ms,
            end_ms: start_ms + 1000,
        })
    }
}

/// The decimal number in `bytes[at..at + len]`, all ASCII digits.
fn number(bytes: &[u8], at: usize, len: usize) -> Option<i64> {
    let digits = bytes.get(at..at + len)?;
    digits.iter().try_fold(0i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date, `None` when the date does not exist.
fn days_from_civil_checked(year: i64, month: i64, day: i64) -> Option<i64> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_len = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > month_len {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
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
enum Argument {
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
fn single(argument: Argument) -> (String, usize) {
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

// ------------------------------------------------------------------------------------------------
// Java regular expressions

/// A compiled `matches`/`not_matches` argument. ECS documents "Java regular expression syntax"
/// (java.util.regex.Pattern) and, as `Matcher.matches()` does, the pattern must match the whole
/// value: `t2.*` matches `t2.micro` but `t2` does not.
///
/// Most filters are a literal (a pattern without metacharacters, such as `linux`) or a literal
/// followed by `.*` (`t2.*`); those are answered with string comparisons, several times faster
/// than the regex engine, with Java's meaning of `.` (any character but a line terminator).
#[derive(Debug, Clone)]
enum Pattern {
    Literal(String),
    Prefix(String),
    Regex(Regex),
}

impl Pattern {
    /// Compiles a Java pattern: translated to regex-lite (see [`translate_java_regex`]) and
    /// anchored with `\A(?:...)\z`, unless it is one of the plain shapes above.
    fn compile(argument: Argument) -> Result<Pattern, (usize, String)> {
        let (pattern, at) = single(argument);
        let is_plain = |text: &str| !text.contains(|c| "\\.[]{}()*+?^$|".contains(c));
        if is_plain(&pattern) {
            return Ok(Pattern::Literal(pattern));
        }
        if let Some(prefix) = pattern.strip_suffix(".*").filter(|p| is_plain(p)) {
            return Ok(Pattern::Prefix(prefix.to_string()));
        }
        let invalid = |why: String| (at, format!("invalid regular expression '{pattern}': {why}"));
        let translated = translate_java_regex(&pattern).map_err(invalid)?;
        let regex = Regex::new(&format!(r"\A(?:{translated})\z")).map_err(|e| {
            let why = e.to_string();
            invalid(why.lines().last().unwrap_or("").trim().to_string())
        })?;
        Ok(Pattern::Regex(regex))
    }

    fn is_match(&self, value: &str) -> bool {
        match self {
            Pattern::Literal(literal) => value == literal,
            Pattern::Prefix(prefix) => value
                .strip_prefix(prefix.as_str())
                .is_some_and(|rest| !rest.contains(is_java_line_terminator)),
            Pattern::Regex(regex) => regex.is_match(value),
        }
    }
}

/// The characters Java's `.` does not match (without the DOTALL flag).
fn is_java_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Java's horizontal (`\h`) and vertical (`\v`, Java 8) whitespace, as class contents.
const H_SPACE: &str = r" \t\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
const V_SPACE: &str = r"\n\x{0B}\x{0C}\r\x{85}\x{2028}\x{2029}";

/// Rewrites the Java-only parts of a pattern into regex-lite syntax:
/// - `\Q...\E` quoting, `\p{Alpha}`-style POSIX classes, `\h`, `\v`, `\R`, `\e`, `\a`, `\cX`,
///   octal `\0nn`;
/// - union of nested classes `[a[bc]]` (flattened; Java reads `[[:alpha:]]` as such a union, not
///   as a POSIX class, and so do we);
/// - possessive quantifiers `*+ ++ ?+ {n}+` become greedy (same result for the flat patterns
///   filters use; an approximation in general);
/// - inline flags: `i m s` kept, `d u U` dropped (Java's `U` is not regex-lite's), `x` refused;
/// - `\Z` becomes `\z` (the same under whole-value matching when it ends the pattern).
///
/// Constructs regex-lite lacks (look-around, back-references, atomic groups, class intersection,
/// Unicode classes) are reported as errors rather than silently changed.
fn translate_java_regex(pattern: &str) -> Result<String, String> {
    let mut t = Translator {
        chars: pattern.chars().collect(),
        index: 0,
        out: String::with_capacity(pattern.len() + 8),
    };
    t.outside()?;
    Ok(t.out)
}

struct Translator {
    chars: Vec<char>,
    index: usize,
    out: String,
}

impl Translator {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.index).copied();
        self.index += usize::from(c.is_some());
        c
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.index + ahead).copied()
    }

    fn outside(&mut self) -> Result<(), String> {
        let mut after_quantifier = false;
        while let Some(c) = self.next() {
            let follows_quantifier = after_quantifier;
            after_quantifier = false;
            match c {
                '\\' => self.escape(false)?,
                '[' => self.class()?,
                '(' => self.group()?,
                '+' if follows_quantifier => {} // possessive: read as greedy
                '?' if follows_quantifier => self.out.push('?'), // lazy
                '*' | '+' | '?' => {
                    self.out.push(c);
                    after_quantifier = true;
                }
                '{' => after_quantifier = self.repetition(),
                _ => self.out.push(c),
            }
        }
        Ok(())
    }

    /// Copies `{n}`, `{n,}` or `{n,m}`; returns whether it was one.
    fn repetition(&mut self) -> bool {
        self.out.push('{');
        let mut len = 0;
        while let Some(c) = self.peek(len) {
            if c == '}' {
                let body: String = self.chars.iter().skip(self.index).take(len).collect();
                self.out.push_str(&body);
                self.out.push('}');
                self.index += len + 1;
                return !body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || c == ',');
            }
            if !(c.is_ascii_digit() || c == ',') {
                break;
            }
            len += 1;
        }
        false
    }

    /// After `(`: inline flags are translated, every other group form is copied for regex-lite
    /// to accept (`(?:`, `(?<name>`) or refuse (look-around, atomic groups).
    fn group(&mut self) -> Result<(), String> {
        if self.peek(0) != Some('?') {
            self.out.push('(');
            return Ok(());
        }
        let mut len = 1;
        while self
            .peek(len)
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
        {
            len += 1;
        }
        let end = self.peek(len);
        if len == 1 || !matches!(end, Some(')') | Some(':')) {
            self.out.push('(');
            return Ok(());
        }
        let flags: String = self
            .chars
            .iter()
            .skip(self.index + 1)
            .take(len - 1)
            .collect();
        self.index += len + 1;
        let (on, off) = flags.split_once('-').unwrap_or((flags.as_str(), ""));
        let keep = |set: &str| -> Result<String, String> {
            if set.contains('x') {
                return Err("the comments flag (?x) is not supported".to_string());
            }
            Ok(set
                .chars()
                .filter(|c| !matches!(c, 'd' | 'u' | 'U'))
                .collect())
        };
        let (on, off) = (keep(on)?, keep(off)?);
        let flags = if off.is_empty() {
            on
        } else {
            format!("{on}-{off}")
        };
        match (flags.is_empty(), end) {
            (true, Some(':')) => self.out.push_str("(?:"),
            (true, _) => {}
            (false, Some(':')) => self.out.push_str(&format!("(?{flags}:")),
            (false, _) => self.out.push_str(&format!("(?{flags})")),
        }
        Ok(())
    }

    /// A character class; Java's nested classes are unions, flattened into one class.
    fn class(&mut self) -> Result<(), String> {
        self.out.push('[');
        if self.peek(0) == Some('^') {
            self.index += 1;
            self.out.push('^');
        }
        self.class_body(1)?;
        self.out.push(']');
        Ok(())
    }

    fn class_body(&mut self, depth: usize) -> Result<(), String> {
        if depth > MAX_CLASS_NESTING {
            return Err("character classes nest too deeply".to_string());
        }
        loop {
            match self.next() {
                None => return Err("unclosed character class".to_string()),
                Some(']') => return Ok(()),
                Some('[') => {
                    if self.peek(0) == Some('^') {
                        return Err("negated nested character classes are not supported".into());
                    }
                    self.class_body(depth + 1)?;
                }
                Some('&') if self.peek(0) == Some('&') => {
                    return Err("character class intersection (&&) is not supported".into())
                }
                Some('\\') => self.escape(true)?,
                Some(c @ (':' | '~' | '&')) => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                Some(c) => self.out.push(c),
            }
        }
    }

    /// After `\`, outside or inside a class.
    fn escape(&mut self, in_class: bool) -> Result<(), String> {
        let Some(c) = self.next() else {
            return Err("the pattern ends with a lone backslash".to_string());
        };
        match c {
            'Q' => self.quote(),
            'E' => {} // a stray \E is ignored, as in Java
            'p' | 'P' => self.posix(c == 'P', in_class)?,
            'h' | 'v' => {
                let set = if c == 'h' { H_SPACE } else { V_SPACE };
                self.push_set(set, false, in_class)?;
            }
            'H' | 'V' => {
                let set = if c == 'H' { H_SPACE } else { V_SPACE };
                self.push_set(set, true, in_class)?;
            }
            'R' if !in_class => self.out.push_str(&format!(r"(?:\r\n|[{V_SPACE}])")),
            'e' => self.push_code(0x1B),
            'a' => self.push_code(0x07),
            'c' => {
                let control = self.next().ok_or("\\c needs a control letter")?;
                self.push_code(u32::from(control) ^ 0x40);
            }
            '0' => {
                let mut code = 0u32;
                let mut digits = 0;
                while digits < 3 {
                    let Some(d) = self.peek(0).and_then(|d| d.to_digit(8)) else {
                        break;
                    };
                    if digits == 2 && code > 0o37 {
                        break;
                    }
                    code = code * 8 + d;
                    digits += 1;
                    self.index += 1;
                }
                if digits == 0 {
                    return Err("illegal octal escape \\0".to_string());
                }
                self.push_code(code);
            }
            'Z' if !in_class => self.out.push_str(r"\z"),
            'G' | 'k' | 'X' | 'N' => return Err(format!("\\{c} is not supported")),
            _ => {
                self.out.push('\\');
                self.out.push(c);
            }
        }
        Ok(())
    }

    /// `\Q...\E`: everything up to `\E` (or the end) is literal.
    fn quote(&mut self) {
        while let Some(c) = self.next() {
            if c == '\\' && self.peek(0) == Some('E') {
                self.index += 1;
                return;
            }
            if c.is_ascii_alphanumeric() {
                self.out.push(c);
            } else {
                self.push_code(u32::from(c));
            }
        }
    }

    fn push_code(&mut self, code: u32) {
        self.out.push_str(&format!("\\x{{{code:X}}}"));
    }

    fn push_set(&mut self, set: &str, negated: bool, in_class: bool) -> Result<(), String> {
        match (in_class, negated) {
            (true, true) => Err("a negated class inside a character class is not supported".into()),
            (true, false) => {
                self.out.push_str(set);
                Ok(())
            }
            (false, negated) => {
                let caret = if negated { "^" } else { "" };
                self.out.push_str(&format!("[{caret}{set}]"));
                Ok(())
            }
        }
    }

    /// `\p{Alpha}`, `\P{Digit}`, `\pL`...: Java's POSIX (US-ASCII) classes map to regex-lite's
    /// ASCII classes; Unicode classes are not supported by regex-lite.
    fn posix(&mut self, negated: bool, in_class: bool) -> Result<(), String> {
        let name: String = if self.peek(0) == Some('{') {
            let close = (1..)
                .take_while(|i| self.peek(*i).is_some())
                .find(|i| self.peek(*i) == Some('}'))
                .ok_or("unclosed \\p{...} class")?;
            let name = self
                .chars
                .iter()
                .skip(self.index + 1)
                .take(close - 1)
                .collect();
            self.index += close + 1;
            name
        } else {
            self.next().map(String::from).unwrap_or_default()
        };
        let ascii_name = match name.as_str() {
            "Lower" => "lower",
            "Upper" => "upper",
            "Alpha" => "alpha",
            "Digit" => "digit",
            "Alnum" => "alnum",
            "Punct" => "punct",
            "Graph" => "graph",
            "Print" => "print",
            "Blank" => "blank",
            "Cntrl" => "cntrl",
            "XDigit" => "xdigit",
            "Space" => "space",
            "ASCII" => return self.push_set(r"\x00-\x7F", negated, in_class),
            _ => {
                return Err(format!(
                    "the character class \\p{{{name}}} is not supported"
                ))
            }
        };
        let caret = if negated { "^" } else { "" };
        let class = format!("[:{caret}{ascii_name}:]");
        if in_class {
            self.out.push_str(&class);
        } else {
            self.out.push_str(&format!("[{class}]"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A container instance for tests.
    #[derive(Clone)]
    struct Instance {
        attributes: Vec<(&'static str, &'static str)>,
        instance_id: &'static str,
        connected: bool,
        version: &'static str,
        registered_ms: i64,
        running: u32,
        groups: Vec<&'static str>,
    }

    impl Default for Instance {
        fn default() -> Self {
            Instance {
                attributes: vec![
                    ("ecs.instance-type", "t2.micro"),
                    ("ecs.availability-zone", "us-east-1a"),
                    ("ecs.os-type", "linux"),
                    ("stack", "prod"),
                    ("ecs.capability.task-eni", ""),
                ],
                instance_id: "i-abcd1234",
                connected: true,
                version: "1.87.1",
                // 2018-06-18T22:28:28Z
                registered_ms: 1_529_360_908_000,
                running: 1,
                groups: vec!["service:production", "family:web"],
            }
        }
    }

    impl Facts for Instance {
        fn attribute(&self, name: &str) -> Option<&str> {
            self.attributes
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
        }
        fn ec2_instance_id(&self) -> &str {
            self.instance_id
        }
        fn agent_connected(&self) -> bool {
            self.connected
        }
        fn agent_version(&self) -> &str {
            self.version
        }
        fn registered_at_epoch_ms(&self) -> i64 {
            self.registered_ms
        }
        fn running_tasks_count(&self) -> u32 {
            self.running
        }
        fn has_task_group(&self, group: &str) -> bool {
            self.groups.contains(&group)
        }
    }

    fn eval(expression: &str, instance: &Instance) -> bool {
        match parse(expression) {
            Ok(expr) => expr.eval(instance),
            Err(e) => panic!("{expression:?} should parse: {}", e.message),
        }
    }

    fn error(expression: &str) -> String {
        match parse(expression) {
            Ok(expr) => panic!("{expression:?} should not parse: {expr:?}"),
            Err(e) => e.message,
        }
    }

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
    fn documented_examples_select_the_documented_instances() {
        let t2 = Instance::default();
        let g2 = Instance {
            attributes: vec![
                ("ecs.instance-type", "g2.2xlarge"),
                ("ecs.availability-zone", "us-east-1d"),
            ],
            instance_id: "i-wxyx7890",
            groups: vec!["database"],
            running: 0,
            version: "1.14.4",
            registered_ms: 1_518_000_000_000, // 2018-02-07
            ..Instance::default()
        };
        let table: &[(&str, bool, bool)] = &[
            ("attribute:ecs.instance-type == t2.small", false, false),
            ("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", true, false),
            (
                "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
                false,
                false,
            ),
            ("attribute:ecs.instance-type =~ g2.* or attribute:ecs.availability-zone != us-east-1d", true, true),
            ("task:group == service:production", true, false),
            ("not(task:group == database)", true, false),
            ("runningTasksCount == 1", true, false),
            ("agentVersion < 1.14.5", false, true),
            ("registeredAt < 2018-02-13", false, true),
            ("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", true, true),
            ("attribute:stack != prod", false, false),
        ];
        for (expression, on_t2, on_g2) in table {
            assert_eq!(eval(expression, &t2), *on_t2, "{expression} on t2");
            assert_eq!(eval(expression, &g2), *on_g2, "{expression} on g2");
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
    fn regex_is_a_whole_value_match() {
        let i = Instance::default(); // t2.micro
        let table: &[(&str, bool)] = &[
            ("attribute:ecs.instance-type =~ t2.*", true),
            ("attribute:ecs.instance-type =~ t2", false),
            ("attribute:ecs.instance-type =~ micro", false),
            ("attribute:ecs.instance-type =~ .*micro", true),
            ("attribute:ecs.instance-type =~ t2|t2.micro", true), // alternation stays inside the anchors
            ("attribute:ecs.instance-type =~ t3.*|m5.*", false),
            ("attribute:ecs.instance-type =~ t2\\.micro", true),
            ("attribute:ecs.instance-type =~ 't2\\.(micro|nano)'", true),
            ("attribute:ecs.instance-type =~ (t2|t3)\\.[a-z]+", true),
            ("not(attribute:ecs.instance-type =~ (t3|m5).*)", true),
            ("attribute:ecs.instance-type =~ T2.*", false),
            ("attribute:ecs.instance-type =~ (?i)T2.*", true),
            ("attribute:ecs.instance-type !~ t2", true),
            ("ec2InstanceId =~ i-[0-9a-f]{8}", true),
            ("ec2InstanceId =~ i-\\p{XDigit}+", true),
            ("ec2InstanceId =~ \\Qi-abcd\\E\\d+", true),
            ("ec2InstanceId =~ i-\\w++", true), // possessive read as greedy
            ("agentConnected =~ tr.*", true),
            ("agentConnected !~ f.*", true),
        ];
        for (expression, expected) in table {
            assert_eq!(eval(expression, &i), *expected, "{expression}");
        }
    }

    #[test]
    fn plain_patterns_take_the_fast_path_with_the_same_answers() {
        let compile = |p: &str| Pattern::compile(Argument::One(p.to_string(), 0));
        assert!(matches!(compile("linux"), Ok(Pattern::Literal(_))));
        assert!(matches!(compile("t2.*"), Ok(Pattern::Prefix(_))));
        assert!(matches!(compile(".*"), Ok(Pattern::Prefix(_))));
        assert!(matches!(compile("t2.m.*"), Ok(Pattern::Regex(_))));
        let values = ["", "t2", "t2.micro", "t2x", "xt2.micro", "linux", "t2\nx"];
        for pattern in ["linux", "t2", "t2.*", ".*", "t2-a b:c/d@e.*"] {
            let fast = compile(pattern).map_err(|e| e.1);
            let slow = translate_java_regex(pattern)
                .and_then(|t| Regex::new(&format!(r"\A(?:{t})\z")).map_err(|e| e.to_string()));
            for value in values {
                assert_eq!(
                    fast.as_ref().map(|p| p.is_match(value)),
                    slow.as_ref().map(|r| r.is_match(value)),
                    "{pattern} on {value:?}"
                );
            }
        }
        // Java's `.` stops at every line terminator, not only at `\n`.
        assert_eq!(
            compile("t2.*").map(|p| p.is_match("t2\r")).ok(),
            Some(false)
        );
    }

    #[test]
    fn java_regex_translation() {
        let table: &[(&str, &str)] = &[
            ("t2.*", "t2.*"),
            (r"\Qa.b\E.", r"a\x{2E}b."),
            (r"\p{Alpha}+", "[[:alpha:]]+"),
            (r"[\p{Digit}_]", "[[:digit:]_]"),
            (r"\P{Lower}", "[[:^lower:]]"),
            (r"[[:alpha:]]", r"[\:alpha\:]"), // Java: a union of the characters :alph
            ("[a[bc]]", "[abc]"),
            ("a*+b++c?+d{2}+", "a*b+c?d{2}"),
            ("a*?", "a*?"),
            ("(?iu)x(?-U:y)", "(?i)x(?:y)"),
            ("(?<name>x)", "(?<name>x)"),
            (r"\e\a\0101\cA", r"\x{1B}\x{7}\x{41}\x{1}"),
            (r"x\Z", r"x\z"),
        ];
        for (java, lite) in table {
            assert_eq!(translate_java_regex(java).as_deref(), Ok(*lite), "{java}");
        }
        let refused: &[(&str, &str)] = &[
            ("(?x)a # b", "the comments flag (?x) is not supported"),
            (
                "[a-z&&[^aeiou]]",
                "character class intersection (&&) is not supported",
            ),
            (
                "[a[^b]]",
                "negated nested character classes are not supported",
            ),
            (r"\p{L}", r"the character class \p{L} is not supported"),
            (r"a\G", r"\G is not supported"),
            ("a\\", "the pattern ends with a lone backslash"),
            ("[ab", "unclosed character class"),
        ];
        for (java, why) in refused {
            assert_eq!(translate_java_regex(java), Err(why.to_string()), "{java}");
        }
    }

    #[test]
    fn exists_and_missing_attributes() {
        let i = Instance::default();
        let table: &[(&str, bool)] = &[
            ("attribute:ecs.capability.task-eni exists", true), // present without a value
            ("attribute:missing exists", false),
            ("attribute:missing not_exists", true),
            ("attribute:missing !exists", true),
            ("attribute:missing == x", false),
            ("attribute:missing != x", false), // only instances that have the attribute
            ("attribute:missing in [x]", false),
            ("attribute:missing !in [x]", false),
            ("attribute:missing =~ .*", false),
            ("attribute:missing !~ x", false),
            ("attribute:missing > 1", false),
            ("not(attribute:missing == x)", true),
        ];
        for (expression, expected) in table {
            assert_eq!(eval(expression, &i), *expected, "{expression}");
        }
    }

    #[test]
    fn attribute_ordering_is_numeric_for_numbers_else_textual() {
        let i = Instance {
            attributes: vec![("size", "10"), ("tier", "b"), ("ratio", "0.5")],
            ..Instance::default()
        };
        let table: &[(&str, bool)] = &[
            ("attribute:size > 9", true), // 10 > 9 numerically, not "10" < "9"
            ("attribute:size >= 10", true),
            ("attribute:size < 10.5", true),
            ("attribute:size <= -1", false),
            ("attribute:tier > a", true),
            ("attribute:tier < c", true),
            ("attribute:tier greater_than_equal b", true),
            ("attribute:ratio > 0.25", true),
            ("attribute:size > abc", false), // "10" < "abc" as text
        ];
        for (expression, expected) in table {
            assert_eq!(eval(expression, &i), *expected, "{expression}");
        }
    }

    #[test]
    fn agent_versions_compare_as_dotted_numbers() {
        let at = |version: &'static str| Instance {
            version,
            ..Instance::default()
        };
        let table: &[(&str, &str, bool)] = &[
            ("1.14.5", "agentVersion < 1.87.1", true),
            ("1.87.1", "agentVersion > 1.14.5", true),
            ("1.9.0", "agentVersion < 1.10.0", true),
            ("1.10.0", "agentVersion > 1.9.0", true),
            ("1.14.5", "agentVersion == 1.14.5", true),
            ("1.14.0", "agentVersion == 1.14", true),
            ("1.14.5", "agentVersion != 1.14.5", false),
            ("1.14.5", "agentVersion >= 1.14.5", true),
            ("1.14.5", "agentVersion <= 1.14.4", false),
            ("1.87.1-beta", "agentVersion == 1.87.1", true),
            ("", "agentVersion < 9", false),
            ("unknown", "agentVersion != 1.0.0", false),
        ];
        for (version, expression, expected) in table {
            assert_eq!(
                eval(expression, &at(version)),
                *expected,
                "{version}: {expression}"
            );
        }
    }

    #[test]
    fn registered_at_accepts_the_four_formats() {
        let ms = |s: &str| {
            let span = Span::parse(s).unwrap_or(Span {
                start_ms: i64::MIN,
                end_ms: i64::MIN,
            });
            (span.start_ms, span.end_ms)
        };
        assert_eq!(
            ms("2018-06-18T22:28:28+00:00"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-18T22:28:28Z"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-18T22:28:28"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-19T00:28:28+02:00"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-18T17:28:28-05:00"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(ms("2018-06-18"), (1_529_280_000_000, 1_529_366_400_000));
        assert_eq!(ms("1970-01-01"), (0, 86_400_000));
        assert_eq!(ms("1969-12-31"), (-86_400_000, 0));
        assert_eq!(ms("2000-02-29"), (951_782_400_000, 951_868_800_000));
        for bad in [
            "2018-02-30",
            "2019-02-29",
            "1900-02-29",
            "2018-13-01",
            "2018-00-10",
            "2018-6-18",
            "2018-06-18T24:00:00",
            "2018-06-18T22:60:00",
            "2018-06-18T22:28:28.123Z",
            "2018-06-18T22:28",
            "2018-06-18T22:28:28+0000",
            "2018-06-18T22:28:28+19:00",
            "2018-06-18 22:28:28",
            "18-06-18",
            "yesterday",
            "",
        ] {
            assert!(Span::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn registered_at_compares_against_the_named_day_or_second() {
        let i = Instance::default(); // 2018-06-18T22:28:28.000Z
        let later = Instance {
            registered_ms: 1_529_360_908_999,
            ..Instance::default()
        };
        let table: &[(&str, bool)] = &[
            ("registeredAt == 2018-06-18", true),
            ("registeredAt != 2018-06-18", false),
            ("registeredAt < 2018-06-18", false),
            ("registeredAt <= 2018-06-18", true),
            ("registeredAt > 2018-06-18", false),
            ("registeredAt >= 2018-06-18", true),
            ("registeredAt < 2018-06-19", true),
            ("registeredAt > 2018-06-17", true),
            ("registeredAt == 2018-06-18T22:28:28Z", true),
            ("registeredAt == 2018-06-18T22:28:27Z", false),
            ("registeredAt > 2018-06-18T22:28:27+00:00", true),
            ("registeredAt < 2018-06-18T22:28:29", true),
            ("registeredAt < 2018-02-13", false),
        ];
        for (expression, expected) in table {
            assert_eq!(eval(expression, &i), *expected, "{expression}");
        }
        assert!(eval("registeredAt == 2018-06-18T22:28:28Z", &later));
        assert!(eval("registeredAt equals '2018-06-18T22:28:28Z'", &later));
    }

    #[test]
    fn running_tasks_count_and_agent_connected() {
        let idle = Instance {
            running: 0,
            connected: false,
            ..Instance::default()
        };
        assert!(eval("runningTasksCount == 0", &idle));
        assert!(eval("runningTasksCount < 3", &idle));
        assert!(!eval("runningTasksCount > 0", &idle));
        assert!(eval("runningTasksCount != 4294967296", &idle));
        assert!(eval("agentConnected == false", &idle));
        assert!(eval("agentConnected != true", &idle));
        assert!(eval("agentConnected in [false]", &idle));
        assert!(eval("agentConnected not_in [true]", &idle));
        assert!(eval("agentConnected == true", &Instance::default()));
    }

    #[test]
    fn task_group_affinity_and_anti_affinity() {
        let with_db = Instance {
            groups: vec!["database", "service:production"],
            ..Instance::default()
        };
        let empty = Instance {
            groups: vec![],
            ..Instance::default()
        };
        let table: &[(&str, bool, bool)] = &[
            ("task:group == database", true, false),
            ("not(task:group == database)", false, true),
            ("task:group != database", false, true),
            ("task:group in [cache, database]", true, false),
            ("task:group !in [cache, database]", false, true),
            ("task:group == 'service:production'", true, false),
            (
                "task:group == service:production and not(task:group == cache)",
                true,
                false,
            ),
        ];
        for (expression, on_db, on_empty) in table {
            assert_eq!(eval(expression, &with_db), *on_db, "{expression}");
            assert_eq!(eval(expression, &empty), *on_empty, "{expression} on empty");
        }
    }

    #[test]
    fn attribute_names_and_task_groups_are_listed_once_in_order() {
        let expr = parse(
            "attribute:b == 1 and (attribute:a exists or not attribute:b != 2) \
             or task:group in [x, y] or task:group != x",
        );
        let expr = expr.map_err(|e| e.message);
        assert_eq!(
            expr.as_ref().map(Expr::attribute_names),
            Ok(vec!["b".to_string(), "a".to_string()])
        );
        assert_eq!(
            expr.as_ref().map(Expr::task_groups),
            Ok(vec!["x".to_string(), "y".to_string()])
        );
        assert_eq!(
            parse("runningTasksCount == 1").map(|e| e.attribute_names()),
            Ok(vec![])
        );
    }

    #[test]
    fn fixed_subjects_are_told_from_the_ones_that_change() {
        let fixed = |text: &str| parse(text).map(|e| e.reads_only_fixed_subjects());
        for text in [
            "attribute:ecs.instance-type in [m5.xlarge, c5.xlarge]",
            "ec2InstanceId == i-1 or agentVersion >= 1.2.3",
            "not (registeredAt < 2018-02-13 and attribute:stack exists)",
        ] {
            assert_eq!(fixed(text), Ok(true), "{text}");
        }
        for text in [
            "runningTasksCount < 2",
            "attribute:stack == prod and task:group == x",
            "attribute:stack == prod or agentConnected == true",
        ] {
            assert_eq!(fixed(text), Ok(false), "{text}");
        }
    }

    #[test]
    fn the_expression_keeps_its_text() {
        let text = "attribute:stack == prod";
        assert_eq!(parse(text).map(|e| e.to_string()), Ok(text.to_string()));
        assert_eq!(
            text.parse::<Expr>().map(|e| e.as_str().to_string()),
            Ok(text.to_string())
        );
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

    /// Deterministic xorshift64*.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            let index = (self.next() % items.len() as u64) as usize;
            &items[index]
        }
    }

    #[test]
    fn garbage_is_rejected_without_panicking() {
        // No subject can be spelled from these characters, so every string must be an error.
        let alphabet: Vec<char> = "()[]!=<>~&|,'\" \t0123456789-.*:_\\é✓\u{0}"
            .chars()
            .collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..5000 {
            let len = (rng.next() % 40) as usize;
            let text: String = (0..len).map(|_| *rng.pick(&alphabet)).collect();
            assert!(parse(&text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn token_soup_never_panics() {
        let tokens = [
            "attribute:stack",
            "attribute:",
            "task:group",
            "agentVersion",
            "registeredAt",
            "runningTasksCount",
            "ec2InstanceId",
            "agentConnected",
            "==",
            "!=",
            ">",
            ">=",
            "<",
            "<=",
            "exists",
            "!exists",
            "not_exists",
            "in",
            "!in",
            "=~",
            "!~",
            "matches",
            "and",
            "&&",
            "or",
            "||",
            "not",
            "!",
            "(",
            ")",
            "[",
            "]",
            ",",
            "'",
            "\"",
            "prod",
            "1.14.5",
            "2018-06-18",
            "2018-06-18T22:28:28Z",
            "t2.*",
            "(a|b)",
            "\\",
            "[^x]",
            "\\Q",
            "é",
            "1",
            "true",
            " ",
            "",
        ];
        let mut rng = Rng(42);
        let instance = Instance::default();
        let mut parsed = 0;
        for _ in 0..20_000 {
            let count = 1 + (rng.next() % 10) as usize;
            let mut text = String::new();
            for _ in 0..count {
                let token: &&str = rng.pick(&tokens[..]);
                text.push_str(token);
                if !rng.next().is_multiple_of(3) {
                    text.push(' ');
                }
            }
            if let Ok(expr) = parse(&text) {
                parsed += 1;
                let _ = expr.eval(&instance);
                let _ = expr.attribute_names();
            }
        }
        assert!(parsed > 0, "the soup should contain some valid expressions");
    }

    #[test]
    fn mutated_valid_expressions_never_panic() {
        let base = "not(attribute:ecs.instance-type =~ 't2.*' and task:group in [a, \"b\"]) || registeredAt >= 2018-06-18T22:28:28+02:00";
        let chars: Vec<char> = base.chars().collect();
        let mut rng = Rng(7);
        let instance = Instance::default();
        for _ in 0..5000 {
            let mut mutated = chars.clone();
            for _ in 0..(1 + rng.next() % 4) {
                if mutated.is_empty() {
                    break;
                }
                let len = mutated.len() as u64;
                let at = (rng.next() % len) as usize;
                match rng.next() % 3 {
                    0 => {
                        mutated.remove(at);
                    }
                    1 => mutated.insert(
                        at,
                        *rng.pick(&['(', ')', '[', ']', '\'', '"', '!', ' ', '\\', '{']),
                    ),
                    _ => mutated.swap(at, (rng.next() % len) as usize),
                }
            }
            let text: String = mutated.into_iter().collect();
            if let Ok(expr) = parse(&text) {
                let _ = expr.eval(&instance);
            }
        }
    }
}
