//! Java regular expressions (`matches`/`not_matches`): the plain shapes answered by string
//! comparison, and the translation of Java's syntax into regex-lite's.

use super::parser::{single, Argument};
use regex_lite::Regex;

/// How deeply a Java regular expression may nest character classes (`[a[b[c]]]`). Our choice.
const MAX_CLASS_NESTING: usize = 8;

/// A compiled `matches`/`not_matches` argument. ECS documents "Java regular expression syntax"
/// (java.util.regex.Pattern) and, as `Matcher.matches()` does, the pattern must match the whole
/// value: `t2.*` matches `t2.micro` but `t2` does not.
///
/// Most filters are a literal (a pattern without metacharacters, such as `linux`) or a literal
/// followed by `.*` (`t2.*`); those are answered with string comparisons, several times faster
/// than the regex engine, with Java's meaning of `.` (any character but a line terminator).
#[derive(Debug, Clone)]
pub(super) enum Pattern {
    Literal(String),
    Prefix(String),
    Regex(Regex),
}

impl Pattern {
    /// Compiles a Java pattern: translated to regex-lite (see [`translate_java_regex`]) and
    /// anchored with `\A(?:...)\z`, unless it is one of the plain shapes above.
    pub(super) fn compile(argument: Argument) -> Result<Pattern, (usize, String)> {
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

    pub(super) fn is_match(&self, value: &str) -> bool {
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
    use crate::placement::query::testing::{eval, Instance};

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
}
