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

/// Lines a hostile link could carry: sleeps of any length and shape, huge counts, variables
/// that double, very long lines, and junk.
fn hostile_line() -> impl Strategy<Value = String> {
    let suffix = prop::sample::select(vec!["", "s", "m", "h", "d", ".5", "e9", "x"]);
    prop_oneof![
        (any::<u64>(), suffix.clone()).prop_map(|(n, s)| format!("sleep {n}{s}")),
        (0u64..400, suffix).prop_map(|(n, s)| format!("sleep {n}{s}")),
        (1usize..40).prop_map(|n| format!("sleep {}", vec!["366d"; n].join(" "))),
        any::<u32>().prop_map(|n| format!(
            "aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count {n} --network-configuration awsvpcConfiguration={{subnets=[$SUBNET]}}"
        )),
        any::<i64>().prop_map(|n| format!(
            "aws ec2 run-instances --image-id $AMI --count {n} --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=c"
        )),
        Just("aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}".to_string()),
        (1usize..200).prop_map(|n| format!("A=x$A{}", "$A".repeat(n))),
        (1usize..60_000).prop_map(|n| format!("echo {}", "ab ".repeat(n))),
        (1usize..20_000).prop_map(|n| format!("aws ecs list-clusters --query '{}'", "[".repeat(n))),
        Just("aws ecs wait tasks-running --cluster c --tasks $(aws ecs list-tasks --cluster c --query taskArns --output text)".to_string()),
        Just("sim state".to_string()),
        Just("sim explain --last".to_string()),
        line(),
        // A file whose bytes are not UTF-8, read as the browser reads an imported file.
        prop::collection::vec(any::<u8>(), 0..200)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// What the hostile lines run on: a cluster, a Fargate family, a subnet and an AMI.
const HOSTILE_PREAMBLE: &str = r#"# seed: 7
aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx","command":["sleep","30"]}]'
SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
"#;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Whatever a link carries, the page's replay returns (no panic) within a work budget
    /// fixed by the scenario's size: each line fires at most LINE_STEP_BUDGET timers, time
    /// costs pieces of `sleep` in proportion to the events in it, not to its length, and the
    /// charts and console stay bounded.
    #[test]
    fn any_scenario_replays_within_a_fixed_work_budget(lines in prop::collection::vec(hostile_line(), 1..24)) {
        use ecs_sandbox::viz::scenario::Scenario;
        use ecs_sandbox::viz::workspace::{Replay, LINE_STEP_BUDGET};
        let script = format!("{HOSTILE_PREAMBLE}{}\n", lines.join("\n"));
        let Ok(scenario) = Scenario::from_script(&script) else {
            // Refused as too big: nothing ran.
            prop_assert!(script.len() > ecs_sandbox::viz::scenario::MAX_BYTES);
            return Ok(());
        };
        let count = scenario.lines().count();
        let mut replay = Replay::new(scenario);
        let mut steps = 0;
        while !replay.step() {
            steps += 1;
            // Each line is one step; a line stopped by its budget restarts the replay once.
            prop_assert!(steps <= 2 * count + 2, "{steps} steps for {count} lines");
        }
        let (w, _) = replay.finish();
        let fired = w.session.sim.timers_fired();
        prop_assert!(fired <= count as u64 * LINE_STEP_BUDGET);
        // The sleeps' pieces: a few a line, and one more at most per timer fired.
        let pieces = w.session.history.len() as u64;
        prop_assert!(pieces <= 8 * count as u64 + 2 * fired + 64, "{pieces} commands, {fired} timers, {count} lines");
        prop_assert!(w.samples.len() <= 2_001);
        prop_assert!(w.transcript.len() <= 1_000);
    }
}

/// The issue's links, natively: each gives the world or a message, fast.
#[test]
fn the_issues_hostile_links_replay_or_are_refused() {
    use ecs_sandbox::viz::scenario::{Refusal, Scenario, MAX_LINES};
    use ecs_sandbox::viz::workspace::Workspace;
    // `sleep 100000000`: refused by the CLI's parser, the clock does not move.
    let w = Workspace::from_scenario(
        Scenario::from_script("# seed: 1\nsleep 100000000\n").expect("scenario"),
    );
    assert_eq!(w.session.sim.now(), 0);
    assert_eq!(
        w.transcript[0].output.stderr,
        "sleep: invalid time interval '100000000'\n"
    );
    // A year of sleeps, a second at a time for the last hour of it.
    let mut year = String::from("# seed: 1\n");
    for _ in 0..364 {
        year.push_str("sleep 1d\n");
    }
    for _ in 0..3_600 {
        year.push_str("sleep 1\n");
    }
    year.push_str("sleep 23h\n");
    let w = Workspace::from_scenario(Scenario::from_script(&year).expect("scenario"));
    assert_eq!(w.session.sim.now(), 365 * 86_400_000);
    // 20,000 lines load; one more is refused with the reason.
    let lines = "aws ecs list-clusters --query 'clusterArns[0]'\n".repeat(MAX_LINES);
    let s = Scenario::from_script(&format!("# seed: 1\n{lines}")).expect("20,000 lines");
    assert_eq!(s.lines().count(), MAX_LINES);
    let w = Workspace::from_scenario(s);
    assert_eq!(w.scenario.lines().count(), MAX_LINES);
    let e = Scenario::from_script(&format!("# seed: 1\n{lines}echo one more\n"))
        .expect_err("20,001 lines");
    assert_eq!(e, Refusal::TooManyLines { lines: 20_001 });
    assert_eq!(
        e.to_string(),
        "it has 20,001 command lines, more than the 20,000 a scenario may hold"
    );
    // 5 MB of text: refused before anything is read.
    let big = format!("# seed: 1\n{}", "x".repeat(5 << 20));
    let e = Scenario::from_script(&big).expect_err("5 MB");
    assert_eq!(e, Refusal::TooLarge { bytes: big.len() });
    assert_eq!(
        e.to_string(),
        "it is 5,121 KB long, more than the 1 MB a scenario may hold"
    );
}

/// How long a line at the edge of its budget takes (LINE_STEP_BUDGET's figure): Fargate tasks
/// started ten a line until the next sleep has more timers due than a line may fire.
/// `cargo test --release --test robustness -- --ignored --nocapture`
#[test]
#[ignore]
fn a_line_at_its_budget_takes_well_under_a_second() {
    use ecs_sandbox::viz::scenario::Scenario;
    use ecs_sandbox::viz::workspace::{Workspace, LINE_STEP_BUDGET};
    let mut script = String::from("# seed: 1\nVPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)\nSUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/16 --availability-zone us-east-1a --query Subnet.SubnetId --output text)\naws ecs create-cluster --cluster-name c\naws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\",\"command\":[\"sleep\",\"60\"]}]'\n");
    for _ in 0..6_000 {
        script.push_str("aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}\n");
    }
    let start = std::time::Instant::now();
    let mut w = Workspace::from_scenario(Scenario::from_script(&script).expect("scenario"));
    println!(
        "{} lines replayed in {:?}",
        w.scenario.lines().count(),
        start.elapsed()
    );
    let tasks = w.session.sim.world.tasks().len();
    let fired = w.session.sim.timers_fired();
    let start = std::time::Instant::now();
    w.session.sim.limit_firing(Some(LINE_STEP_BUDGET));
    w.session.run_script("sleep 600");
    let took = start.elapsed();
    println!(
        "{tasks} tasks: `sleep 600` fired {} timers in {took:?} (stopped by the budget: {})",
        w.session.sim.timers_fired() - fired,
        w.session.sim.fire_limit_hit()
    );
    assert!(w.session.sim.fire_limit_hit());
}
