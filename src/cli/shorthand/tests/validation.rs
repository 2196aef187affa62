//! botocore's validator, and hostile input to the grammars.

use super::*;

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
