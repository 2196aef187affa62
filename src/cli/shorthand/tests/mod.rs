use super::*;
use serde_json::json;

// --- shapes modelled on the real service models -------------------------------------------

fn member(name: &str, shape: Shape, required: bool) -> Member {
    Member {
        name: name.to_string(),
        shape,
        required,
    }
}

fn structure(members: &[(&str, Shape)]) -> Shape {
    Shape::Structure(
        members
            .iter()
            .map(|(name, shape)| member(name, shape.clone(), false))
            .collect(),
    )
}

fn list(of: Shape) -> Shape {
    Shape::List(Box::new(of))
}

fn strings() -> Shape {
    list(Shape::String)
}

/// EC2 `--filters`: a list of `Filter{Name, Values}`.
fn ec2_filters() -> Shape {
    list(structure(&[("Name", Shape::String), ("Values", strings())]))
}

/// ECS `--network-configuration`.
fn network_configuration() -> Shape {
    Shape::Structure(vec![member(
        "awsvpcConfiguration",
        Shape::Structure(vec![
            member("subnets", strings(), true),
            member("securityGroups", strings(), false),
            member("assignPublicIp", Shape::String, false),
        ]),
        false,
    )])
}

/// ECS `--placement-strategy`.
fn placement_strategy() -> Shape {
    list(structure(&[
        ("type", Shape::String),
        ("field", Shape::String),
    ]))
}

fn port_mapping() -> Shape {
    structure(&[
        ("containerPort", Shape::Integer),
        ("hostPort", Shape::Integer),
        ("protocol", Shape::String),
    ])
}

/// ECS `--container-definitions` (a subset of `ContainerDefinition`).
fn container_definitions() -> Shape {
    list(structure(&[
        ("name", Shape::String),
        ("image", Shape::String),
        ("cpu", Shape::Integer),
        ("memory", Shape::Integer),
        ("essential", Shape::Boolean),
        ("portMappings", list(port_mapping())),
        ("dockerLabels", Shape::Map(Box::new(Shape::String))),
    ]))
}

/// ECS `--tags`.
fn ecs_tags() -> Shape {
    list(structure(&[
        ("key", Shape::String),
        ("value", Shape::String),
    ]))
}

/// ECS `--deployment-configuration` (a subset).
fn deployment_configuration() -> Shape {
    structure(&[
        (
            "deploymentCircuitBreaker",
            structure(&[("enable", Shape::Boolean), ("rollback", Shape::Boolean)]),
        ),
        ("maximumPercent", Shape::Integer),
        ("minimumHealthyPercent", Shape::Integer),
    ])
}

fn words(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

fn parse(option: &str, shape: &Shape, values: &[&str]) -> Result<Value, ParamError> {
    parse_param(option, shape, &words(values))
}

fn message(result: Result<Value, ParamError>) -> String {
    match result {
        Ok(value) => panic!("expected an error, got {value}"),
        Err(error) => error.message,
    }
}

// --- the grammar: aws-cli's own PARSING_TEST_CASES ----------------------------------------

fn grammar(text: &str) -> Result<Value, String> {
    parse_shorthand(text)
        .map(|pairs| ShorthandValue::Map(pairs).into_json())
        .map_err(|fault| fault.into_error("--x").message)
}

#[test]
fn grammar_matches_the_cli_test_suite() {
    let cases: Vec<(&str, Value)> = vec![
        ("foo=bar", json!({"foo": "bar"})),
        ("foo=bar,baz=qux", json!({"foo": "bar", "baz": "qux"})),
        ("a=b,c=d,e=f", json!({"a": "b", "c": "d", "e": "f"})),
        ("foo=", json!({"foo": ""})),
        ("foo=,bar=", json!({"foo": "", "bar": ""})),
        ("foo=\u{2713}", json!({"foo": "\u{2713}"})),
        (
            "foo=\u{2713},\u{2713}",
            json!({"foo": ["\u{2713}", "\u{2713}"]}),
        ),
        ("foo=a,b", json!({"foo": ["a", "b"]})),
        ("foo=a,b,c", json!({"foo": ["a", "b", "c"]})),
        (
            "foo=a,b,bar=c,d",
            json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
        ),
        (
            "foo=a,b,c,bar=d,e,f",
            json!({"foo": ["a", "b", "c"], "bar": ["d", "e", "f"]}),
        ),
        ("foo=a,b=with space", json!({"foo": "a", "b": "with space"})),
        (
            "foo=a,b=with trailing space  ",
            json!({"foo": "a", "b": "with trailing space"}),
        ),
        ("foo=first space", json!({"foo": "first space"})),
        ("with-dash=bar", json!({"with-dash": "bar"})),
        ("with_underscore=bar", json!({"with_underscore": "bar"})),
        ("with.dot=bar", json!({"with.dot": "bar"})),
        ("#key=value", json!({"#key": "value"})),
        ("some/thing=value", json!({"some/thing": "value"})),
        (
            "aws:service:region:124:foo/bar=baz",
            json!({"aws:service:region:124:foo/bar": "baz"}),
        ),
        ("foo=[]", json!({"foo": []})),
        ("foo=[a]", json!({"foo": ["a"]})),
        ("foo=[a,b,c]", json!({"foo": ["a", "b", "c"]})),
        (
            "foo=[a,b],bar=c,d",
            json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
        ),
        (
            "foo=a,b,bar=[c,d]",
            json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
        ),
        ("foo=[a=b,c=d]", json!({"foo": ["a=b", "c=d"]})),
        ("foo=[ a , b  , c  ]", json!({"foo": ["a", "b", "c"]})),
        ("foo  =  [ a , b  , c  ]", json!({"foo": ["a", "b", "c"]})),
        ("foo=[,,]", json!({"foo": ["", ""]})),
        ("foo='bar'", json!({"foo": "bar"})),
        ("foo='bar,baz'", json!({"foo": "bar,baz"})),
        ("foo='bar','baz'", json!({"foo": ["bar", "baz"]})),
        ("foo=bar,'baz'", json!({"foo": ["bar", "baz"]})),
        ("foo=bar,'baz=qux'", json!({"foo": ["bar", "baz=qux"]})),
        (
            "foo=bar,'--option=bar space'",
            json!({"foo": ["bar", "--option=bar space"]}),
        ),
        ("foo='bar\\'baz'", json!({"foo": "bar'baz"})),
        ("foo='bar\\\\baz'", json!({"foo": "bar\\baz"})),
        ("foo=\"bar\"", json!({"foo": "bar"})),
        ("foo=\"bar,baz\"", json!({"foo": "bar,baz"})),
        ("foo=\"bar\",\"baz\"", json!({"foo": ["bar", "baz"]})),
        ("foo=bar,\"baz=qux\"", json!({"foo": ["bar", "baz=qux"]})),
        ("foo=\"bar\\\"baz\"", json!({"foo": "bar\"baz"})),
        ("foo=\"bar\\\\baz\"", json!({"foo": "bar\\baz"})),
        ("foo=a\\,b", json!({"foo": "a,b"})),
        ("foo=a\\,", json!({"foo": "a,"})),
        ("foo=\\,", json!({"foo": ","})),
        ("foo=a,b\\,c", json!({"foo": ["a", "b,c"]})),
        ("foo=a,b\\,", json!({"foo": ["a", "b,"]})),
        ("foo=a,\\,bc", json!({"foo": ["a", ",bc"]})),
        ("foo= bar", json!({"foo": "bar"})),
        ("foo =bar", json!({"foo": "bar"})),
        ("foo  =   bar", json!({"foo": "bar"})),
        ("foo = bar,baz = qux", json!({"foo": "bar", "baz": "qux"})),
        (
            "a = b,  c = d , e = f",
            json!({"a": "b", "c": "d", "e": "f"}),
        ),
        ("foo = ", json!({"foo": ""})),
        ("a=b,c=  d,  e,  f", json!({"a": "b", "c": ["d", "e", "f"]})),
        (
            "Name=foo,Values=  a  ,  b  ,  c  ",
            json!({"Name": "foo", "Values": ["a", "b", "c"]}),
        ),
        (
            "Name=foo,\nValues=a,b,c",
            json!({"Name": "foo", "Values": ["a", "b", "c"]}),
        ),
        ("A=b,\nC=d,\nE=f\n", json!({"A": "b", "C": "d", "E": "f"})),
        (
            "Name={foo=bar,baz=qux}",
            json!({"Name": {"foo": "bar", "baz": "qux"}}),
        ),
        (
            "Name={foo=[a,b,c],bar=baz}",
            json!({"Name": {"foo": ["a", "b", "c"], "bar": "baz"}}),
        ),
        (
            "Bar=baz,Name={foo=bar}",
            json!({"Bar": "baz", "Name": {"foo": "bar"}}),
        ),
        (
            "a={b={c=d,e=f},g=h}",
            json!({"a": {"b": {"c": "d", "e": "f"}, "g": "h"}}),
        ),
        (
            "Name=[{foo=bar}, {baz=qux}]",
            json!({"Name": [{"foo": "bar"}, {"baz": "qux"}]}),
        ),
        (
            "Name=[{foo=[a,b]}, {bar=[c,d]}]",
            json!({"Name": [{"foo": ["a", "b"]}, {"bar": ["c", "d"]}]}),
        ),
        ("foo@=bar,baz@=qux", json!({"foo": "bar", "baz": "qux"})),
        ("foo@=,bar@=", json!({"foo": "", "bar": ""})),
        (
            "foo@=a,b,bar=c,d",
            json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
        ),
        ("foo  @=  [ a , b  , c  ]", json!({"foo": ["a", "b", "c"]})),
        ("A=b,\nC@=d,\nE@=f\n", json!({"A": "b", "C": "d", "E": "f"})),
        (
            "Bar@=baz,Name={foo@=bar}",
            json!({"Bar": "baz", "Name": {"foo": "bar"}}),
        ),
        // Our additions, traced through the same grammar.
        ("a={x=1,x=2}", json!({"a": {"x": "2"}})),
        ("k=a=b", json!({"k": "a=b"})),
        ("k=]", json!({"k": "]"})),
        ("=bar", json!({"": "bar"})),
        ("a=b,,c=d", json!({"a": "b", "c": "d"})),
    ];
    for (text, expected) in cases {
        assert_eq!(grammar(text), Ok(expected), "input {text:?}");
    }
}

#[test]
fn grammar_errors_are_worded_like_the_cli() {
    let cases: Vec<(&str, String)> = vec![
        (
            "foo",
            "Expected: '=', received: 'EOF' for input:\nfoo\n   ^".into(),
        ),
        (
            "foo=\"bar",
            "Expected: '<double quoted>', received: '<none>' for input:\nfoo=\"bar\n    ^".into(),
        ),
        (
            "\"foo=bar",
            "Expected: '=', received: '\"' for input:\n\"foo=bar\n^".into(),
        ),
        (
            "foo='bar",
            "Expected: '<singled quoted>', received: '<none>' for input:\nfoo='bar\n    ^".into(),
        ),
        (
            "foo=[bar",
            "Expected: ',', received: 'EOF' for input:\nfoo=[bar\n        ^".into(),
        ),
        (
            "foo={bar",
            "Expected: '=', received: 'EOF' for input:\nfoo={bar\n        ^".into(),
        ),
        (
            "foo={bar}",
            "Expected: '=', received: '}' for input:\nfoo={bar}\n        ^".into(),
        ),
        (
            "foo={bar=bar",
            "Expected: ',', received: 'EOF' for input:\nfoo={bar=bar\n            ^".into(),
        ),
        (
            "foo=bar,",
            "Expected: '<second>', received: '<none>' for input:\nfoo=bar,\n        ^".into(),
        ),
        (
            "foo==bar,\nbar=baz",
            "Expected: ',', received: '=' for input:\nfoo==bar,\n    ^\nbar=baz".into(),
        ),
        (
            "foo=bar,\nbar==baz",
            "Expected: ',', received: '=' for input:\nfoo=bar,\nbar==baz\n    ^".into(),
        ),
        (
            "foo=bar,foo=qux",
            "Second instance of key \"foo\" encountered for input:\nfoo=bar,foo=qux\n        ^\n\
             This is often because there is a preceding \",\" instead of a space."
                .into(),
        ),
        (
            "ApplicationName:foo,TemplateName:bar",
            format!(
                "Expected: '=', received: ',' for input:\n\
                 ApplicationName:foo,TemplateName:bar\n{}^",
                " ".repeat(19)
            ),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(
            grammar(text),
            Err(format!("Error parsing parameter '--x': {expected}"))
        );
    }
}

#[test]
fn unclosed_quotes_followed_by_backslashes_fail_fast() {
    for quote in ['"', '\''] {
        let text = format!("foo={quote}{}", "\\".repeat(100));
        assert!(grammar(&text).is_err());
    }
}

mod parameters;
mod validation;
