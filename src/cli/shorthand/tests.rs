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

// --- whole parameters ---------------------------------------------------------------------

#[test]
fn shorthand_parameters_convert_to_the_api_json() {
    let cases: Vec<(&str, Shape, Vec<&str>, Value)> = vec![
        (
            "filters",
            ec2_filters(),
            vec!["Name=availability-zone,Values=us-east-1a,us-east-1b"],
            json!([{"Name": "availability-zone", "Values": ["us-east-1a", "us-east-1b"]}]),
        ),
        (
            "filters",
            ec2_filters(),
            vec!["Name=instance-state-name,Values=running", "Name=tag:Env,Values=prod"],
            json!([
                {"Name": "instance-state-name", "Values": ["running"]},
                {"Name": "tag:Env", "Values": ["prod"]}
            ]),
        ),
        (
            "filters",
            ec2_filters(),
            vec!["Name = instance-id, Values = i-1,i-2", "Name=architecture,Values="],
            json!([
                {"Name": "instance-id", "Values": ["i-1", "i-2"]},
                {"Name": "architecture", "Values": [""]}
            ]),
        ),
        (
            "network-configuration",
            network_configuration(),
            vec!["awsvpcConfiguration={subnets=[subnet-1,subnet-2],securityGroups=[sg-1],assignPublicIp=ENABLED}"],
            json!({"awsvpcConfiguration": {
                "subnets": ["subnet-1", "subnet-2"],
                "securityGroups": ["sg-1"],
                "assignPublicIp": "ENABLED"
            }}),
        ),
        (
            "network-configuration",
            network_configuration(),
            vec!["awsvpcConfiguration={subnets=subnet-1,assignPublicIp=DISABLED}"],
            json!({"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "DISABLED"}}),
        ),
        (
            "placement-strategy",
            placement_strategy(),
            vec!["type=spread,field=attribute:ecs.availability-zone", "type=binpack,field=memory"],
            json!([
                {"type": "spread", "field": "attribute:ecs.availability-zone"},
                {"type": "binpack", "field": "memory"}
            ]),
        ),
        (
            "port-mappings",
            list(port_mapping()),
            vec!["containerPort=80,hostPort=8080", "containerPort=443,protocol=tcp"],
            json!([
                {"containerPort": 80, "hostPort": 8080},
                {"containerPort": 443, "protocol": "tcp"}
            ]),
        ),
        (
            "container-definitions",
            container_definitions(),
            vec!["name=web,image=nginx:1.27,cpu=256,memory=512,essential=true,portMappings=[{containerPort=80,hostPort=80,protocol=tcp}],dockerLabels={team=web}"],
            json!([{
                "name": "web",
                "image": "nginx:1.27",
                "cpu": 256,
                "memory": 512,
                "essential": true,
                "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
                "dockerLabels": {"team": "web"}
            }]),
        ),
        (
            "tags",
            ecs_tags(),
            vec!["key=team,value=web", "key=Name,value=My Service"],
            json!([{"key": "team", "value": "web"}, {"key": "Name", "value": "My Service"}]),
        ),
        (
            "tags",
            ecs_tags(),
            vec!["key=owners,value='alice,bob'", "key=rule,value=\"a,b=c\"", "key=csv,value=x\\,y"],
            json!([
                {"key": "owners", "value": "alice,bob"},
                {"key": "rule", "value": "a,b=c"},
                {"key": "csv", "value": "x,y"}
            ]),
        ),
        (
            "deployment-configuration",
            deployment_configuration(),
            vec!["maximumPercent=200,minimumHealthyPercent=50,deploymentCircuitBreaker={enable=TRUE,rollback=false}"],
            json!({
                "maximumPercent": 200,
                "minimumHealthyPercent": 50,
                "deploymentCircuitBreaker": {"enable": true, "rollback": false}
            }),
        ),
        (
            // Booleans other than true/false, and unknown keys, are left for the validator.
            "deployment-configuration",
            deployment_configuration(),
            vec!["deploymentCircuitBreaker={enable=yes},Foo=1"],
            json!({"deploymentCircuitBreaker": {"enable": "yes"}, "Foo": "1"}),
        ),
        (
            "filters",
            ec2_filters(),
            vec!["Name=a,Foo=b"],
            json!([{"Name": "a", "Foo": "b"}]),
        ),
        (
            "docker-labels",
            Shape::Map(Box::new(Shape::String)),
            vec!["env=prod,team=web"],
            json!({"env": "prod", "team": "web"}),
        ),
        (
            "limits",
            Shape::Map(Box::new(Shape::Integer)),
            vec!["cpu=1,memory=2"],
            json!({"cpu": 1, "memory": 2}),
        ),
        (
            // A single value given for a list member is wrapped, not converted.
            "port-lists",
            structure(&[("ports", list(Shape::Integer))]),
            vec!["ports=80"],
            json!({"ports": ["80"]}),
        ),
        (
            "port-lists",
            structure(&[("ports", list(Shape::Integer)), ("ratio", Shape::Double)]),
            vec!["ports=80,81,ratio=0.5"],
            json!({"ports": [80, 81], "ratio": 0.5}),
        ),
        (
            "instance-terminate-behavior",
            structure(&[("Value", Shape::String)]),
            vec!["shutdown"],
            json!({"Value": "shutdown"}),
        ),
        (
            "tags",
            ecs_tags(),
            vec!["key@=team,value@=web"],
            json!([{"key": "team", "value": "web"}]),
        ),
        ("filters", ec2_filters(), vec![], json!([])),
    ];
    for (option, shape, values, expected) in cases {
        assert_eq!(
            parse(option, &shape, &values),
            Ok(expected),
            "--{option} {values:?}"
        );
    }
}

#[test]
fn json_parameters_are_taken_as_written() {
    let cases: Vec<(&str, Shape, Vec<&str>, Value)> = vec![
        (
            "filters",
            ec2_filters(),
            vec![r#"[{"Name": "vpc-id", "Values": ["vpc-1"]}]"#],
            json!([{"Name": "vpc-id", "Values": ["vpc-1"]}]),
        ),
        (
            "filters",
            ec2_filters(),
            vec![r#"{"Name": "a", "Values": ["1"]}"#, r#" {"Name": "b"}"#],
            json!([{"Name": "a", "Values": ["1"]}, {"Name": "b"}]),
        ),
        (
            "network-configuration",
            network_configuration(),
            vec!["  {\"awsvpcConfiguration\": {\"subnets\": [\"subnet-1\"], \"x\": 1.5e3}}"],
            json!({"awsvpcConfiguration": {"subnets": ["subnet-1"], "x": 1500.0}}),
        ),
        (
            // JSON is not converted by the model: "80" stays a string.
            "port-mappings",
            list(port_mapping()),
            vec![r#"[{"containerPort": "80", "hostPort": 8080}]"#],
            json!([{"containerPort": "80", "hostPort": 8080}]),
        ),
        (
            "docker-labels",
            Shape::Map(Box::new(Shape::String)),
            vec![r#"{"a": "1", "b": "2", "a": "3"}"#],
            json!({"a": "3", "b": "2"}),
        ),
        (
            "subnets",
            strings(),
            vec![r#"["subnet-1", "subnet-\u00e9"]"#],
            json!(["subnet-1", "subnet-\u{e9}"]),
        ),
        (
            "values",
            strings(),
            vec![r#"[null, true, -0, 12345678901234567890, "\ud83d\ude00"]"#],
            json!([null, true, 0, 12_345_678_901_234_567_890_u64, "\u{1F600}"]),
        ),
    ];
    for (option, shape, values, expected) in cases {
        assert_eq!(
            parse(option, &shape, &values),
            Ok(expected),
            "--{option} {values:?}"
        );
    }
}

#[test]
fn scalar_and_list_of_scalar_options_convert_like_the_cli() {
    let cases: Vec<(Shape, Vec<&str>, Value)> = vec![
        (Shape::String, vec!["my-cluster"], json!("my-cluster")),
        (Shape::Integer, vec!["3"], json!(3)),
        (Shape::Long, vec![" -1_000 "], json!(-1000)),
        (Shape::Double, vec!["0.25"], json!(0.25)),
        (Shape::Double, vec!["1e3"], json!(1000.0)),
        (Shape::Boolean, vec!["false"], json!(false)),
        (Shape::Boolean, vec!["FALSE"], json!(false)),
        (Shape::Boolean, vec!["true"], json!(true)),
        (Shape::Boolean, vec!["no"], json!(true)),
        (Shape::Boolean, vec![""], json!(false)),
        (
            Shape::Timestamp,
            vec!["2024-01-01T00:00:00Z"],
            json!("2024-01-01T00:00:00Z"),
        ),
        (Shape::Blob, vec!["aGVsbG8="], json!("aGVsbG8=")),
        (
            strings(),
            vec!["subnet-a", "subnet-b"],
            json!(["subnet-a", "subnet-b"]),
        ),
        (strings(), vec!["a,b"], json!(["a,b"])),
        (strings(), vec!["{not json}"], json!(["{not json}"])),
        (list(Shape::Integer), vec!["1", "2"], json!([1, 2])),
        (list(Shape::Integer), vec!["[1, 2]"], json!([1, 2])),
        (list(Shape::Integer), vec![], json!([])),
    ];
    for (shape, values, expected) in cases {
        assert_eq!(
            parse("x", &shape, &values),
            Ok(expected),
            "{shape:?} {values:?}"
        );
    }
}

#[test]
fn errors_are_worded_and_classified_like_the_cli() {
    let cases: Vec<(&str, Shape, Vec<&str>, String, i32)> = vec![
        (
            "filters",
            ec2_filters(),
            vec!["Name"],
            "Error parsing parameter '--filters': Expected: '=', received: 'EOF' for input:\nName\n    ^".into(),
            252,
        ),
        (
            "filters",
            ec2_filters(),
            vec!["Name:tag:Name,Values:foo"],
            format!(
                "Error parsing parameter '--filters': Expected: '=', received: ',' for input:\n\
                 Name:tag:Name,Values:foo\n{}^",
                " ".repeat(13)
            ),
            252,
        ),
        (
            "filters",
            ec2_filters(),
            vec!["Name=a", r#"{"Name": "b"}"#],
            "Error parsing parameter '--filters': Expected: '=', received: '{' for input:\n{\"Name\": \"b\"}\n^".into(),
            252,
        ),
        (
            "network-configuration",
            network_configuration(),
            vec!["awsvpcConfiguration={subnets=subnet-1,subnet-2}"],
            format!(
                "Error parsing parameter '--network-configuration': Expected: '=', received: '}}' for input:\n\
                 awsvpcConfiguration={{subnets=subnet-1,subnet-2}}\n{}^",
                " ".repeat(46)
            ),
            252,
        ),
        (
            "network-configuration",
            network_configuration(),
            vec![""],
            "Error parsing parameter '--network-configuration': Expected: '=', received: 'EOF' for input:\n\n^".into(),
            252,
        ),
        (
            "network-configuration",
            network_configuration(),
            vec![r#"{"awsvpcConfiguration": }"#],
            "Error parsing parameter '--network-configuration': Invalid JSON: Expecting value: line 1 column 25 (char 24)\nJSON received: {\"awsvpcConfiguration\": }".into(),
            252,
        ),
        (
            "network-configuration",
            network_configuration(),
            vec!["{'awsvpcConfiguration': 1}"],
            "Error parsing parameter '--network-configuration': Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\nJSON received: {'awsvpcConfiguration': 1}".into(),
            252,
        ),
        (
            "network-configuration",
            network_configuration(),
            vec!["[1]"],
            "Error parsing parameter '--network-configuration': Invalid JSON:\n[1]".into(),
            252,
        ),
        (
            "docker-labels",
            Shape::Map(Box::new(Shape::String)),
            vec!["{\"a\": \"b\"} x"],
            "Error parsing parameter '--docker-labels': Invalid JSON: Extra data: line 1 column 12 (char 11)\nJSON received: {\"a\": \"b\"} x".into(),
            252,
        ),
        (
            "filters",
            ec2_filters(),
            vec![r#"[{"Name":"a"},]"#],
            "Error parsing parameter '--filters': Invalid JSON: Illegal trailing comma before end of array: line 1 column 14 (char 13)\nJSON received: [{\"Name\":\"a\"},]".into(),
            252,
        ),
        (
            "filters",
            ec2_filters(),
            vec!["[{\"Name\":\n\"a\" \"b\"}]"],
            "Error parsing parameter '--filters': Invalid JSON: Expecting ',' delimiter: line 2 column 5 (char 14)\nJSON received: [{\"Name\":\n\"a\" \"b\"}]".into(),
            252,
        ),
        (
            "filters",
            ec2_filters(),
            vec![r#"{"Name": "a"}"#, "Name=b"],
            "Error parsing parameter '--filters': Invalid JSON:\nName=b".into(),
            252,
        ),
        (
            "desired-count",
            Shape::Integer,
            vec!["three"],
            "invalid literal for int() with base 10: 'three'".into(),
            255,
        ),
        (
            "ratio",
            Shape::Double,
            vec!["1,5"],
            "could not convert string to float: '1,5'".into(),
            255,
        ),
        (
            "ports",
            list(Shape::Integer),
            vec!["80", "http"],
            "Error parsing parameter '--ports': 80".into(),
            252,
        ),
        (
            "port-mappings",
            list(port_mapping()),
            vec!["containerPort=eighty"],
            "invalid literal for int() with base 10: 'eighty'".into(),
            255,
        ),
        (
            "port-mappings",
            list(port_mapping()),
            vec!["containerPort=[80,81]"],
            "int() argument must be a string, a bytes-like object or a real number, not 'list'".into(),
            255,
        ),
        (
            "deployment-configuration",
            deployment_configuration(),
            vec!["deploymentCircuitBreaker={enable=[true]}"],
            "'list' object has no attribute 'lower'".into(),
            255,
        ),
        (
            "tags",
            ecs_tags(),
            vec!["key=a,value@=file://value.txt"],
            "Unable to load paramfile file://value.txt: files cannot be read from shorthand (@=) in this sandbox".into(),
            255,
        ),
        (
            "cluster",
            Shape::String,
            vec![],
            "argument --cluster: expected one argument".into(),
            252,
        ),
    ];
    for (option, shape, values, expected, status) in cases {
        match parse(option, &shape, &values) {
            Ok(value) => panic!("--{option} {values:?} parsed to {value}"),
            Err(error) => {
                assert_eq!(error.message, expected, "--{option} {values:?}");
                assert_eq!(error.to_string(), expected);
                assert_eq!(error.exit_status(), status, "--{option} {values:?}");
            }
        }
    }
}

#[test]
fn json_decoder_positions_match_cpython() {
    let cases = [
        (
            "{",
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        (
            "{\"a\" 1}",
            "Expecting ':' delimiter: line 1 column 6 (char 5)",
        ),
        (
            "{\"a\": 1,}",
            "Illegal trailing comma before end of object: line 1 column 8 (char 7)",
        ),
        ("[1, 2", "Expecting ',' delimiter: line 1 column 6 (char 5)"),
        ("[1,", "Expecting value: line 1 column 4 (char 3)"),
        ("[-]", "Expecting value: line 1 column 2 (char 1)"),
        ("[01]", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
        (
            "[\"abc]",
            "Unterminated string starting at: line 1 column 2 (char 1)",
        ),
        (
            "[\"a\tb\"]",
            "Invalid control character at: line 1 column 4 (char 3)",
        ),
        ("[\"a\\qb\"]", "Invalid \\escape: line 1 column 4 (char 3)"),
        (
            "[\"\\u12G4\"]",
            "Invalid \\uXXXX escape: line 1 column 4 (char 3)",
        ),
        (
            "{\"a\":\"\\u1234",
            "Invalid \\uXXXX escape: line 1 column 8 (char 7)",
        ),
        ("[1]\n\n x", "Extra data: line 3 column 2 (char 6)"),
    ];
    for (text, expected) in cases {
        match python::json::loads(text) {
            Err(python::json::JsonError::Decode(detail)) => {
                assert_eq!(detail, expected, "{text:?}")
            }
            _ => panic!("{text:?} should fail to decode"),
        }
    }
}

#[test]
fn nesting_is_bounded() {
    let deep_json = "[".repeat(5000);
    assert_eq!(
        message(parse("x", &strings(), &[deep_json.as_str()])),
        "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
    );
    let deep_shorthand = format!("a={}", "[".repeat(5000));
    assert_eq!(
        message(parse("x", &structure(&[]), &[deep_shorthand.as_str()])),
        "maximum recursion depth exceeded"
    );
    let deep_hash = format!("a={}", "{b=".repeat(5000));
    assert_eq!(
        message(parse("x", &structure(&[]), &[deep_hash.as_str()])),
        "maximum recursion depth exceeded"
    );
    let allowed = format!("{}{}", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING));
    assert!(parse("x", &strings(), &[allowed.as_str()]).is_ok());
}

// --- botocore's validator -----------------------------------------------------------------

fn create_service_members() -> Vec<Member> {
    vec![
        member("cluster", Shape::String, false),
        member("serviceName", Shape::String, true),
        member("desiredCount", Shape::Integer, false),
        member("networkConfiguration", network_configuration(), false),
        member("placementStrategy", placement_strategy(), false),
        member("deploymentConfiguration", deployment_configuration(), false),
        member("tags", ecs_tags(), false),
        member("filters", ec2_filters(), false),
        member("ratio", Shape::Double, false),
        member("createdAt", Shape::Timestamp, false),
        member("labels", Shape::Map(Box::new(Shape::String)), false),
    ]
}

#[test]
fn validator_reports_like_botocore() {
    let all = "cluster, serviceName, desiredCount, networkConfiguration, placementStrategy, \
               deploymentConfiguration, tags, filters, ratio, createdAt, labels";
    let cases: Vec<(Value, String)> = vec![
        (json!({}), "Missing required parameter in input: \"serviceName\"".into()),
        (
            json!({"serviceName": "web", "filters": [{"Name": "a", "Foo": "b"}]}),
            "Unknown parameter in filters[0]: \"Foo\", must be one of: Name, Values".into(),
        ),
        (
            json!({"serviceName": "web", "desiredCount": "3"}),
            "Invalid type for parameter desiredCount, value: 3, type: <class 'str'>, valid types: <class 'int'>".into(),
        ),
        (
            json!({"serviceName": "web", "networkConfiguration": {"awsvpcConfiguration": {"assignPublicIp": "ENABLED"}}}),
            "Missing required parameter in networkConfiguration.awsvpcConfiguration: \"subnets\"".into(),
        ),
        (
            json!({"serviceName": "web", "networkConfiguration": {"awsvpcConfiguration": {"subnets": "subnet-1"}}}),
            "Invalid type for parameter networkConfiguration.awsvpcConfiguration.subnets, value: subnet-1, type: <class 'str'>, valid types: <class 'list'>, <class 'tuple'>".into(),
        ),
        (
            json!({"serviceName": "web", "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": "yes"}}}),
            "Invalid type for parameter deploymentConfiguration.deploymentCircuitBreaker.enable, value: yes, type: <class 'str'>, valid types: <class 'bool'>".into(),
        ),
        (
            json!({"serviceName": "web", "tags": {"key": "a"}}),
            "Invalid type for parameter tags, value: {'key': 'a'}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>".into(),
        ),
        (
            json!({"serviceName": "web", "placementStrategy": ["spread"]}),
            "Invalid type for parameter placementStrategy[0], value: spread, type: <class 'str'>, valid types: <class 'dict'>".into(),
        ),
        (
            json!({"serviceName": "web", "ratio": "0.5", "labels": {"a": 1.0, "b": ["x", "it's"]}}),
            "Invalid type for parameter ratio, value: 0.5, type: <class 'str'>, valid types: <class 'float'>, <class 'decimal.Decimal'>, <class 'int'>\n\
             Invalid type for parameter labels.a, value: 1.0, type: <class 'float'>, valid types: <class 'str'>\n\
             Invalid type for parameter labels.b, value: ['x', \"it's\"], type: <class 'list'>, valid types: <class 'str'>".into(),
        ),
        (
            json!({"serviceName": null, "createdAt": [1], "cluster": 1e16}),
            "Invalid type for parameter serviceName, value: None, type: <class 'NoneType'>, valid types: <class 'str'>\n\
             Invalid type for parameter createdAt, value: [1], type: <class 'list'>, valid types: <class 'datetime.datetime'>, timestamp-string\n\
             Invalid type for parameter cluster, value: 1e+16, type: <class 'float'>, valid types: <class 'str'>".into(),
        ),
        (
            json!({"Cluster": "c", "desiredCount": "x"}),
            format!(
                "Missing required parameter in input: \"serviceName\"\n\
                 Unknown parameter in input: \"Cluster\", must be one of: {all}\n\
                 Invalid type for parameter desiredCount, value: x, type: <class 'str'>, valid types: <class 'int'>"
            ),
        ),
        (
            json!([]),
            "Invalid type for parameter input, value: [], type: <class 'list'>, valid types: <class 'dict'>".into(),
        ),
    ];
    let members = create_service_members();
    for (input, expected) in cases {
        let error = validate_request(&input, &members).expect_err("should be rejected");
        assert_eq!(
            error.message,
            format!("Parameter validation failed:\n{expected}")
        );
        assert_eq!(error.exit_status(), 252);
    }
}

#[test]
fn validator_accepts_what_botocore_accepts() {
    let members = create_service_members();
    let accepted = [
        json!({"serviceName": "web"}),
        json!({"serviceName": "web", "desiredCount": true, "ratio": 2, "createdAt": 1700000000}),
        json!({"serviceName": "web", "createdAt": "2024-05-01T10:00:00Z", "labels": {"a": "b"}}),
        json!({"serviceName": "web", "filters": [{"Name": "a", "Values": ["b"]}]}),
    ];
    for input in accepted {
        assert_eq!(validate_request(&input, &members), Ok(()), "{input}");
    }
}

#[test]
fn shorthand_then_validation_reports_unknown_keys() {
    let filters = parse("filters", &ec2_filters(), &["Name=vpc-id,Valuez=vpc-1"])
        .expect("parses: unknown keys pass through");
    let request = json!({"Filters": filters});
    let members = [member("Filters", ec2_filters(), false)];
    assert_eq!(
        validate_request(&request, &members).map_err(|e| e.message),
        Err("Parameter validation failed:\nUnknown parameter in Filters[0]: \"Valuez\", must be one of: Name, Values".to_string())
    );
}

// --- hostile input ----------------------------------------------------------------------------

/// Characters that matter to the shorthand and JSON grammars, and some that do not.
#[cfg(not(target_arch = "wasm32"))]
const ALPHABET: &[char] = &[
    'a',
    'Z',
    '0',
    '=',
    ',',
    '[',
    ']',
    '{',
    '}',
    '"',
    '\'',
    '\\',
    ' ',
    '\n',
    '@',
    ':',
    '-',
    '.',
    '\u{e9}',
    '\u{1F600}',
    '\u{0}',
    'e',
    'n',
    'u',
    'l',
    '1',
];

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Garbage never panics (and what parses, validates without panicking); a leading comma can
    /// never start a key, and "{," can never start JSON.
    #[test]
    fn garbage_never_panics_and_broken_input_is_rejected(
        chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40),
        which in 0usize..8,
    ) {
        let garbage: String = chars.into_iter().collect();
        let shapes = [
            ec2_filters(),
            network_configuration(),
            container_definitions(),
            deployment_configuration(),
            Shape::Map(Box::new(Shape::Integer)),
            list(Shape::Integer),
            Shape::Integer,
            Shape::Double,
        ];
        if let Ok(value) = parse("x", &shapes[which], &[garbage.as_str()]) {
            let _ = validate_request(&json!({ "x": value }), &create_service_members());
        }
        let broken = format!(",{garbage}");
        proptest::prop_assert!(parse("x", &network_configuration(), &[broken.as_str()]).is_err());
        let broken_json = format!("{{,{garbage}");
        proptest::prop_assert!(parse("x", &network_configuration(), &[broken_json.as_str()]).is_err());
    }
}
