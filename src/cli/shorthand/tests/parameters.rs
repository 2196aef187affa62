//! Whole parameters: shorthand and JSON values converted to the API's JSON, and the errors.

use super::*;

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
