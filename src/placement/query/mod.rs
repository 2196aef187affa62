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
//!
//! The parts: this file holds the public surface and the tree ([`Expr`] and the nodes it
//! evaluates); `parser` reads an expression into that tree; `java_regex` compiles the arguments
//! of `matches`/`not_matches` (Java's syntax into regex-lite's, with string fast paths);
//! `iso_date` reads the dates and date-times `registeredAt` compares with.

use std::cmp::Ordering;
use std::fmt;

mod iso_date;
mod java_regex;
mod parser;
#[cfg(test)]
mod testing;

use java_regex::Pattern;
pub use parser::parse;

/// Maximum expression length ECS accepts ("The expression can have a maximum length of 2000
/// characters", PlacementConstraint API reference). Counted in characters, not bytes.
pub const MAX_EXPRESSION_LEN: usize = 2000;

/// How deeply parentheses and `not` may nest. Our choice: real expressions nest a few levels; the
/// limit keeps the recursive parser and evaluator within a small, fixed stack (also in wasm).
const MAX_NESTING: usize = 50;

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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placement::query::testing::{eval, Instance};

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
}
