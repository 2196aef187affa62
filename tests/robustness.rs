//! Nothing a user types can panic the simulator: random command lines built from real and
//! garbage tokens, and random JSON thrown at every API operation, only ever produce output or
//! errors.
// Native only: proptest and the ecs-sim binary are native.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::api;
use ecs_sandbox::cli::Session;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Words a command line is built from: real services, operations and options, values that
/// look right, and junk.
const WORDS: &[&str] = &[
    "aws",
    "ecs",
    "ec2",
    "iam",
    "ssm",
    "sim",
    "sleep",
    "echo",
    "help",
    "--",
    "-",
    "create-cluster",
    "describe-clusters",
    "delete-cluster",
    "list-container-instances",
    "describe-container-instances",
    "register-task-definition",
    "describe-task-definition",
    "put-attributes",
    "list-attributes",
    "put-account-setting",
    "list-account-settings",
    "create-vpc",
    "create-subnet",
    "describe-subnets",
    "run-instances",
    "terminate-instances",
    "describe-instances",
    "create-role",
    "attach-role-policy",
    "get-parameter",
    "get-parameters",
    "authorize-security-group-ingress",
    "create-security-group",
    "describe-network-interfaces",
    "--cluster",
    "--cluster-name",
    "--cidr-block",
    "--vpc-id",
    "--subnet-id",
    "--image-id",
    "--count",
    "--filters",
    "--filter",
    "--attributes",
    "--query",
    "--output",
    "--region",
    "--cli-input-json",
    "--container-definitions",
    "--family",
    "--cpu",
    "--memory",
    "--status",
    "--role-name",
    "--policy-arn",
    "--names",
    "--name",
    "--value",
    "--user-data",
    "--no-force",
    "--force",
    "--tags",
    "--protocol",
    "--port",
    "--cidr",
    "--assume-role-policy-document",
    "10.0.0.0/16",
    "10.0.0.0/28",
    "172.31.0.0/16",
    "0.0.0.0/0",
    "us-east-1a",
    "m5.large",
    "json",
    "text",
    "table",
    "yaml",
    "Name=x,Values=a,b",
    "key=a,value=b",
    "name=x,value=y",
    "[]",
    "{}",
    "[{",
    "{\"a\":1}",
    "'",
    "\"",
    "\\",
    "$(",
    ")",
    "${",
    "}",
    "$X",
    "X=1",
    ";",
    "&&",
    "||",
    "|",
    ">",
    "#",
    "`",
    "[?a==`b`]",
    "length(x)",
    "@",
    "*",
    "0",
    "-1",
    "1e309",
    "99999999999999999999",
    "file://nope.json",
    "fileb://x",
    "attribute:ecs.instance-type ==",
    "not(",
    "=~",
    "t2.*",
    "vpc-0",
    "subnet-0",
    "i-0",
    "ami-0",
    "sg-0",
    "arn:aws:ecs:::",
    "1 vCPU",
    "2 GB",
    "FARGATE",
    "awsvpc",
    "ACTIVE",
    "DRAINING",
    "\u{1F600}",
    "\u{0}",
    "\t",
];

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..14).prop_map(|w| w.join(" "))
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "[a-zA-Z0-9:/._ -]{0,12}".prop_map(Value::String),
        prop::sample::select(WORDS).prop_map(|w| Value::String(w.to_string())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,20}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Request members real operations use, so random requests reach past the first check.
const MEMBERS: &[&str] = &[
    "cluster",
    "clusterName",
    "containerInstances",
    "containerInstance",
    "status",
    "filter",
    "attributes",
    "family",
    "containerDefinitions",
    "taskDefinition",
    "cpu",
    "memory",
    "networkMode",
    "requiresCompatibilities",
    "name",
    "value",
    "principalArn",
    "CidrBlock",
    "VpcId",
    "SubnetId",
    "AvailabilityZone",
    "Filters",
    "ImageId",
    "InstanceType",
    "MinCount",
    "MaxCount",
    "IamInstanceProfile",
    "UserData",
    "RoleName",
    "AssumeRolePolicyDocument",
    "PolicyArn",
    "PolicyDocument",
    "InstanceProfileName",
    "Names",
    "Name",
    "GroupName",
    "Description",
    "IpPermissions",
    "InstanceIds",
    "force",
    "targetType",
    "tags",
];

fn request() -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(MEMBERS), json_value()), 0..6)
        .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn random_command_lines_never_panic(lines in prop::collection::vec(line(), 1..6)) {
        let mut session = Session::new(3);
        for l in &lines {
            for r in session.run_script(l) {
                // Every failure says why; every success is quiet on stderr or says something.
                if r.output.exit != 0 {
                    prop_assert!(!r.output.stderr.is_empty(), "silent failure for {l:?}");
                }
            }
        }
    }

    #[test]
    fn random_requests_to_every_operation_only_return_errors_or_responses(req in request(), other in json_value()) {
        for op in api::OPERATIONS {
            let mut sim = ecs_sandbox::sim::Sim::new(5);
            let _ = api::call(&mut sim, op.service, op.name, &req);
            let _ = api::call(&mut sim, op.service, op.name, &other);
        }
    }
}

#[test]
fn deeply_nested_json_is_refused_not_overflowed() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut session = Session::new(1);
    let out = session.run_script(&format!(
        "aws ecs register-task-definition --family x --container-definitions '{deep}'"
    ));
    assert_ne!(out[0].output.exit, 0);
    let deep_query = format!(
        "aws ecs list-clusters --query '{}a{}'",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    let out = session.run_script(&deep_query);
    assert_eq!(out.len(), 1);
}
