//! The request side of the AWS service models the CLI needs, written in a compact text form
//! (`src/cli/models/*.model`) and parsed once.
//!
//! ```text
//! service ecs
//! shape Tag { key: String, value: String }
//! op RunTask { cluster: String, taskDefinition!: String, count: Integer, tags: [Tag] }
//! ```
//! `!` marks a required member; types are `String Integer Long Boolean Double Timestamp Blob`,
//! `[T]` (list), `map<T>` (string-keyed map), `{ ... }` (inline structure) or a shape name.
//! Option names come from member names the way botocore derives them (`xform_name`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::shape::{Member, Shape};

/// One operation as the CLI sees it.
#[derive(Debug, Clone)]
pub struct OperationModel {
    pub service: String,
    /// As in the API: `DescribeSubnets`.
    pub name: String,
    /// As on the command line: `describe-subnets`.
    pub cli_name: String,
    pub input: Vec<Member>,
}

/// All the services' operations.
#[derive(Debug, Default)]
pub struct Models {
    /// service -> cli operation name -> model.
    pub services: BTreeMap<String, BTreeMap<String, OperationModel>>,
}

const SOURCES: &[&str] = &[
    include_str!("models/application-autoscaling.model"),
    include_str!("models/ec2.model"),
    include_str!("models/ecs.model"),
    include_str!("models/efs.model"),
    include_str!("models/elbv2.model"),
    include_str!("models/iam.model"),
    include_str!("models/ssm.model"),
];

/// The parsed models. The texts are part of the program; a unit test parses them, so a
/// mistake there fails the build's tests rather than a learner's page.
pub fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| {
        let mut m = Models::default();
        for src in SOURCES {
            parse_into(src, &mut m).unwrap_or_else(|e| panic!("bad service model: {e}"));
        }
        m
    })
}

impl Models {
    pub fn operation(&self, service: &str, cli_name: &str) -> Option<&OperationModel> {
        self.services.get(service)?.get(cli_name)
    }
}

/// botocore's `xform_name` with `-` as the separator: `DescribeSubnets` -> `describe-subnets`,
/// `taskDefinition` -> `task-definition`, `VpcIds` -> `vpc-ids`, `ClusterARNs` -> `cluster-arns`.
pub fn xform_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    // A trailing run of 2+ capitals followed by `s` (ARNs, ACLs) becomes `-arns`.
    let mut end = chars.len();
    let mut suffix = String::new();
    if end >= 3 && chars[end - 1] == 's' {
        let mut start = end - 1;
        while start > 0 && chars[start - 1].is_ascii_uppercase() {
            start -= 1;
        }
        if end - 1 - start >= 2 {
            suffix = format!(
                "-{}",
                chars[start..end]
                    .iter()
                    .collect::<String>()
                    .to_ascii_lowercase()
            );
            end = start;
        }
    }
    let chars = &chars[..end];
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            // `(.)([A-Z][a-z]+)` and `([a-z0-9])([A-Z])` from botocore.
            if next_lower || prev.is_ascii_lowercase() || prev.is_ascii_digit() {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    if out.is_empty() && suffix.starts_with('-') {
        suffix.remove(0);
    }
    out + &suffix
}

// ---- the model text parser ------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Sym(char),
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, String> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("");
        let mut chars = line.chars().peekable();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
            } else if c.is_ascii_alphanumeric() || c == '_' {
                let mut s = String::new();
                while let Some(&c) = chars.peek() {
                    // A hyphen continues a name: service names have them
                    // (`application-autoscaling`).
                    if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                        s.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push((n + 1, Tok::Ident(s)));
            } else if "{}[]:,!<>".contains(c) {
                out.push((n + 1, Tok::Sym(c)));
                chars.next();
            } else {
                return Err(format!("line {}: unexpected {c:?}", n + 1));
            }
        }
    }
    Ok(out)
}

/// A type as written, before shape names are resolved.
#[derive(Debug, Clone)]
enum RawType {
    Named(String),
    List(Box<RawType>),
    Map(Box<RawType>),
    Struct(Vec<(String, bool, RawType)>),
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn line(&self) -> usize {
        self.toks.get(self.pos).map_or(0, |(l, _)| *l)
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.toks.get(self.pos) {
            Some((_, Tok::Ident(s))) => {
                self.pos += 1;
                Ok(s.clone())
            }
            other => Err(format!(
                "line {}: expected a name, found {other:?}",
                self.line()
            )),
        }
    }

    fn sym(&mut self, c: char) -> Result<(), String> {
        if self.peek() == Some(&Tok::Sym(c)) {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!(
                "line {}: expected '{c}', found {:?}",
                self.line(),
                self.peek()
            ))
        }
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.peek() == Some(&Tok::Sym(c));
        if yes {
            self.pos += 1;
        }
        yes
    }

    fn structure(&mut self) -> Result<Vec<(String, bool, RawType)>, String> {
        self.sym('{')?;
        let mut members = Vec::new();
        while !self.eat('}') {
            let name = self.ident()?;
            let required = self.eat('!');
            self.sym(':')?;
            members.push((name, required, self.ty()?));
            if !self.eat(',') {
                self.sym('}')?;
                break;
            }
        }
        Ok(members)
    }

    fn ty(&mut self) -> Result<RawType, String> {
        if self.eat('[') {
            let inner = self.ty()?;
            self.sym(']')?;
            return Ok(RawType::List(Box::new(inner)));
        }
        if self.peek() == Some(&Tok::Sym('{')) {
            return Ok(RawType::Struct(self.structure()?));
        }
        let name = self.ident()?;
        if name == "map" {
            self.sym('<')?;
            let inner = self.ty()?;
            self.sym('>')?;
            return Ok(RawType::Map(Box::new(inner)));
        }
        Ok(RawType::Named(name))
    }
}

fn resolve(t: &RawType, shapes: &BTreeMap<String, RawType>, depth: u32) -> Result<Shape, String> {
    if depth > 32 {
        return Err("shapes nest too deeply (recursive shape?)".into());
    }
    Ok(match t {
        RawType::Named(n) => match n.as_str() {
            "String" => Shape::String,
            "Integer" => Shape::Integer,
            "Long" => Shape::Long,
            "Boolean" => Shape::Boolean,
            "Double" => Shape::Double,
            "Timestamp" => Shape::Timestamp,
            "Blob" => Shape::Blob,
            other => {
                let raw = shapes
                    .get(other)
                    .ok_or_else(|| format!("unknown shape {other}"))?;
                resolve(raw, shapes, depth + 1)?
            }
        },
        RawType::List(inner) => Shape::List(Box::new(resolve(inner, shapes, depth + 1)?)),
        RawType::Map(inner) => Shape::Map(Box::new(resolve(inner, shapes, depth + 1)?)),
        RawType::Struct(members) => Shape::Structure(
            members
                .iter()
                .map(|(name, required, t)| {
                    Ok(Member {
                        name: name.clone(),
                        required: *required,
                        shape: resolve(t, shapes, depth + 1)?,
                    })
                })
                .collect::<Result<_, String>>()?,
        ),
    })
}

fn parse_into(src: &str, models: &mut Models) -> Result<(), String> {
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
    };
    let mut service = None;
    let mut shapes = BTreeMap::new();
    let mut ops = Vec::new();
    while p.peek().is_some() {
        match p.ident()?.as_str() {
            "service" => service = Some(p.ident()?),
            "shape" => {
                let name = p.ident()?;
                shapes.insert(name, RawType::Struct(p.structure()?));
            }
            "op" => {
                let name = p.ident()?;
                ops.push((name, RawType::Struct(p.structure()?)));
            }
            other => return Err(format!("line {}: unexpected {other}", p.line())),
        }
    }
    let service = service.ok_or("a model file must name its service")?;
    let table = models.services.entry(service.clone()).or_default();
    for (name, raw) in ops {
        let Shape::Structure(input) = resolve(&raw, &shapes, 0)? else {
            return Err(format!("{name}: input is not a structure"));
        };
        let cli_name = xform_name(&name);
        table.insert(
            cli_name.clone(),
            OperationModel {
                service: service.clone(),
                name,
                cli_name,
                input,
            },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_transform_as_botocore_does() {
        let cases = [
            ("DescribeSubnets", "describe-subnets"),
            ("taskDefinition", "task-definition"),
            ("VpcIds", "vpc-ids"),
            ("DryRun", "dry-run"),
            ("Ipv6CidrBlock", "ipv6-cidr-block"),
            ("IamInstanceProfile", "iam-instance-profile"),
            ("ClusterARNs", "cluster-arns"),
            ("cluster", "cluster"),
            ("CidrIp", "cidr-ip"),
            (
                "AmazonProvidedIpv6CidrBlock",
                "amazon-provided-ipv6-cidr-block",
            ),
            ("containerInstances", "container-instances"),
            ("awsvpcConfiguration", "awsvpc-configuration"),
        ];
        for (from, want) in cases {
            assert_eq!(xform_name(from), want, "{from}");
        }
    }

    #[test]
    fn every_model_parses_and_matches_an_implemented_operation() {
        let m = models();
        let mut count = 0;
        for (service, ops) in &m.services {
            for op in ops.values() {
                count += 1;
                assert!(
                    crate::api::operation(service, &op.name).is_some(),
                    "{service} {} is in the CLI model but not implemented",
                    op.name
                );
            }
        }
        assert_eq!(
            count,
            crate::api::OPERATIONS.len(),
            "every implemented operation has a CLI model"
        );
        let run = m.operation("ec2", "run-instances").unwrap();
        let min = run.input.iter().find(|m| m.name == "MinCount").unwrap();
        assert!(min.required && min.shape == Shape::Integer);
        let reg = m.operation("ecs", "register-task-definition").unwrap();
        let cds = reg
            .input
            .iter()
            .find(|m| m.name == "containerDefinitions")
            .unwrap();
        let Shape::List(cd) = &cds.shape else {
            panic!("list")
        };
        let Shape::Structure(members) = cd.as_ref() else {
            panic!("structure")
        };
        assert!(members.iter().any(|m| m.name == "portMappings"));
    }

    #[test]
    fn model_errors_are_reported_not_panicked() {
        let mut m = Models::default();
        assert!(parse_into("service x\nop A { b: Nope }", &mut m).is_err());
        assert!(parse_into("service x\nop A { b String }", &mut m).is_err());
        assert!(parse_into("op A { }", &mut m).is_err());
        assert!(parse_into("service x\nshape S { s: S }\nop A { s: S }", &mut m).is_err());
    }
}
