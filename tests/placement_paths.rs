//! The indexed placement path and the reference path choose the same instance, whatever the
//! cluster's state, strategies and constraints; and every placed task satisfied its
//! constraints while resources stay exactly accounted.
// Native only: proptest is native.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::cli::Session;
use ecs_sandbox::placement::request::parse_constraint;
use ecs_sandbox::placement::{PlacementRequest, Resource, SpreadField, TaskNeeds};
use proptest::prelude::*;

/// How many instances the test clusters start with (plus `extra`).
const INSTANCES: u32 = 70;

/// A cluster of mixed types over three AZs, with some instances draining and some tasks
/// already running.
fn world(seed: u64, extra: u32) -> Session {
    let mut s = Session::new(seed);
    let mut script = String::from(
        "aws ecs create-cluster --cluster-name c
aws iam create-role --role-name r --assume-role-policy-document '{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'
aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name r
aws iam add-role-to-instance-profile --instance-profile-name r --role-name r
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id --query Parameter.Value --output text)
aws ecs register-task-definition --family small --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\",\"cpu\":256,\"memory\":700}]'
",
    );
    let total = INSTANCES + extra;
    for (i, (ty, az)) in [
        ("t3.medium", "us-east-1a"),
        ("m5.large", "us-east-1b"),
        ("c5.large", "us-east-1c"),
    ]
    .iter()
    .enumerate()
    {
        let n = total / 3 + u32::from(i == 0) * (total % 3);
        script.push_str(&format!(
            "aws ec2 run-instances --image-id $AMI --instance-type {ty} --count {n} --placement AvailabilityZone={az} --iam-instance-profile Name=r --user-data ECS_CLUSTER=c\n"
        ));
    }
    script.push_str("sleep 120\n");
    script.push_str("aws ecs run-task --cluster c --task-definition small --count 10 --placement-strategy type=binpack,field=memory\n");
    script.push_str(
        "aws ecs run-task --cluster c --task-definition small --count 10 --group family:other\n",
    );
    script.push_str("CI=$(aws ecs list-container-instances --cluster c --query 'containerInstanceArns[3]' --output text)\n");
    script.push_str("aws ecs update-container-instances-state --cluster c --container-instances $CI --status DRAINING\n");
    script.push_str("sleep 30\n");
    for r in s.run_script(&script) {
        assert_eq!(r.output.exit, 0, "{} -> {}", r.command, r.output.stderr);
    }
    s
}

fn strategies() -> impl proptest::strategy::Strategy<Value = Vec<ecs_sandbox::placement::Strategy>>
{
    let az = || {
        ecs_sandbox::placement::Strategy::Spread(SpreadField::Attribute(
            "ecs.availability-zone".into(),
        ))
    };
    let ty = || {
        ecs_sandbox::placement::Strategy::Spread(SpreadField::Attribute("ecs.instance-type".into()))
    };
    prop_oneof![
        Just(vec![ecs_sandbox::placement::Strategy::Binpack(
            Resource::Memory
        )]),
        Just(vec![ecs_sandbox::placement::Strategy::Binpack(
            Resource::Cpu
        )]),
        Just(vec![az()]),
        Just(vec![ty()]),
        Just(vec![
            az(),
            ecs_sandbox::placement::Strategy::Binpack(Resource::Memory)
        ]),
        Just(vec![
            ty(),
            ecs_sandbox::placement::Strategy::Binpack(Resource::Cpu)
        ]),
        Just(vec![ecs_sandbox::placement::Strategy::Random]),
        Just(vec![ecs_sandbox::placement::Strategy::Spread(
            SpreadField::Instance
        )]),
        Just(vec![
            ecs_sandbox::placement::Strategy::Spread(SpreadField::Instance),
            ecs_sandbox::placement::Strategy::Binpack(Resource::Cpu)
        ]),
        Just(vec![
            ecs_sandbox::placement::Strategy::Binpack(Resource::Memory),
            az()
        ]),
        Just(vec![
            az(),
            ecs_sandbox::placement::Strategy::Spread(SpreadField::Instance),
            ecs_sandbox::placement::Strategy::Random
        ]),
        Just(vec![
            ecs_sandbox::placement::Strategy::Random,
            ecs_sandbox::placement::Strategy::Binpack(Resource::Memory)
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn both_paths_choose_the_same_instance(
        seed in 0u64..1000,
        extra in 0u32..12,
        cpu in prop::sample::select(vec![0u32, 128, 512, 1024, 2048]),
        memory in prop::sample::select(vec![64u32, 512, 1500, 3000, 7000]),
        group in prop::sample::select(vec!["family:small", "family:other", "family:new"]),
        constraint in prop::sample::select(vec![None, Some("distinct"), Some("attribute:ecs.instance-type != t3.medium"), Some("runningTasksCount < 2")]),
        strategies in strategies(),
        draws in prop::collection::vec(any::<u64>(), 1..6),
    ) {
        let mut s = world(seed, extra);
        let constraints = match constraint {
            None => vec![],
            Some("distinct") => vec![parse_constraint("distinctInstance", None).unwrap()],
            Some(e) => vec![parse_constraint("memberOf", Some(e)).unwrap()],
        };
        let req = PlacementRequest {
            needs: TaskNeeds { cpu_units: cpu, memory_mib: memory, group: group.to_string(), ..TaskNeeds::default() },
            constraints,
            strategies,
            default_strategy: false,
        };
        for draw in draws {
            let slow = s.sim.world.place_linear("c", &req, draw, 0);
            let quick = s.sim.world.place("c", &req, draw, 0);
            prop_assert_eq!(quick.container_instance_id, slow.container_instance_id, "{:?}", req.strategies);
        }
    }
}

#[test]
fn resources_stay_exactly_accounted_through_runs_and_stops() {
    let mut s = world(7, 3);
    s.run_script(
        "aws ecs run-task --cluster c --task-definition small --count 10 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory\n\
         T=$(aws ecs list-tasks --cluster c --query 'taskArns[0]' --output text)\n\
         aws ecs stop-task --cluster c --task $T\n\
         sleep 5\n\
         aws ecs run-task --cluster c --task-definition small --count 10 --placement-constraints type=distinctInstance\n\
         sleep 60",
    );
    let world = &s.sim.world;
    for ci in world.container_instances().values() {
        let live: Vec<_> = world
            .tasks()
            .values()
            .filter(|t| t.container_instance_id == ci.id && t.is_live())
            .collect();
        assert_eq!(
            ci.reserved_cpu_units,
            live.iter().map(|t| t.cpu_units).sum::<u32>()
        );
        assert_eq!(
            ci.reserved_memory_mib,
            live.iter().map(|t| t.memory_mib).sum::<u32>()
        );
        let groups: u32 = ci.task_groups.values().sum();
        assert_eq!(groups as usize, live.len());
    }
    // distinctInstance: no two live tasks of its group share an instance.
    let mut seen = std::collections::BTreeSet::new();
    for t in world.tasks().values().filter(|t| {
        t.is_live()
            && t.group == "family:small"
            && t.ledger.constraints.iter().any(|c| c == "distinctInstance")
    }) {
        assert!(seen.insert(t.container_instance_id.clone()));
    }
}

#[test]
fn no_port_is_held_twice_and_every_task_satisfied_its_constraints() {
    let mut s = world(11, 0);
    s.run_script(
        "aws ecs register-task-definition --family web --container-definitions '[{\"name\":\"w\",\"image\":\"nginx\",\"cpu\":64,\"memory\":64,\"portMappings\":[{\"containerPort\":80,\"hostPort\":8080}]}]'\n\
         aws ecs run-task --cluster c --task-definition web --count 10 --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type != t3.medium'\n\
         aws ecs run-task --cluster c --task-definition web --count 10 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=cpu\n\
         sleep 30",
    );
    let world = &s.sim.world;
    for ci in world.container_instances().values() {
        let mut ports = ci.task_tcp_ports.clone();
        ports.sort_unstable();
        let n = ports.len();
        ports.dedup();
        assert_eq!(ports.len(), n, "a host port is held twice on {}", ci.id);
        assert!(ports.iter().all(|p| !ci.reserved_tcp_ports.contains(p)));
    }
    for t in world
        .tasks()
        .values()
        .filter(|t| t.is_live() && t.family == "web")
    {
        if t.ledger.constraints.iter().any(|c| c.contains("t3.medium")) {
            let ci = &world.container_instances()[&t.container_instance_id];
            let ty = ci
                .attribute("ecs.instance-type")
                .and_then(|a| a.value.clone())
                .unwrap_or_default();
            assert_ne!(
                ty, "t3.medium",
                "task {} broke its memberOf constraint",
                t.id
            );
        }
    }
}

#[test]
fn explain_replays_a_compact_decision_to_the_same_winner() {
    let mut s = world(5, 4);
    let out = s.run_script(
        "T=$(aws ecs run-task --cluster c --task-definition small --placement-strategy type=binpack,field=memory --query 'tasks[0].taskArn' --output text)\n\
         sim explain --task $T",
    );
    let explained: serde_json::Value =
        serde_json::from_str(&out.last().unwrap().output.stdout).unwrap();
    let placement = &explained["placement"];
    assert_eq!(
        placement["complete"], true,
        "the replay lists every instance"
    );
    assert_eq!(placement["winner"], explained["containerInstanceArn"]);
    let listed = placement["instances"].as_array().unwrap().len();
    assert_eq!(listed, s.sim.world.container_instances().len());
}

#[test]
fn the_same_seed_replays_to_the_same_bytes() {
    let run = || {
        let s = world(3, 2);
        serde_json::to_string(&s.sim.state_json()).unwrap()
    };
    assert_eq!(run(), run());
}

#[test]
fn spread_over_a_custom_attribute_follows_attribute_changes() {
    let mut s = world(21, 5);
    let spread = PlacementRequest {
        needs: TaskNeeds {
            cpu_units: 64,
            memory_mib: 64,
            group: "family:small".into(),
            ..TaskNeeds::default()
        },
        constraints: vec![],
        strategies: vec![ecs_sandbox::placement::Strategy::Spread(
            SpreadField::Attribute("stack".into()),
        )],
        default_strategy: false,
    };
    let compare = |s: &mut Session| {
        for draw in [1u64, 99, 12345, u64::MAX / 3] {
            let slow = s
                .sim
                .world
                .place_linear("c", &spread, draw, 0)
                .container_instance_id;
            let quick = s
                .sim
                .world
                .place("c", &spread, draw, 0)
                .container_instance_id;
            assert_eq!(quick, slow, "draw {draw}");
        }
    };
    // Tag a few instances (some already running tasks), track the attribute, then move them.
    let tag = |s: &mut Session, index: usize, value: &str| {
        let out = s.run_script(&format!(
            "CI=$(aws ecs list-container-instances --cluster c --query 'containerInstanceArns[{index}]' --output text)\n\
             aws ecs put-attributes --cluster c --attributes name=stack,value={value},targetId=$CI"
        ));
        assert!(
            out.iter().all(|r| r.output.exit == 0),
            "{:?}",
            out.last().map(|r| &r.output.stderr)
        );
    };
    let n = s.sim.world.container_instances().len();
    let colours = ["blue", "green", "red"];
    for i in 0..n {
        tag(&mut s, i, colours[i % 3]);
    }
    compare(&mut s);
    s.run_script("aws ecs run-task --cluster c --task-definition small --count 10 --placement-strategy type=spread,field=attribute:stack");
    compare(&mut s);
    // Move most of the "blue" instances, which now run tasks, to "red".
    for i in (0..n).filter(|i| i % 3 == 0).take(n / 4) {
        tag(&mut s, i, "red");
    }
    compare(&mut s);
    s.run_script("aws ecs run-task --cluster c --task-definition small --count 10 --placement-strategy type=spread,field=attribute:stack");
    compare(&mut s);
}

/// One change to the cluster, by the index of a container instance or task (modulo how many
/// there are).
#[derive(Debug, Clone)]
enum Change {
    /// RunTask of `count` tasks with strategy chain `chain` of [`chains`] and constraint
    /// `constraint` of [`CONSTRAINTS`].
    Run {
        chain: usize,
        constraint: usize,
        count: u32,
    },
    Stop(usize),
    Tag(usize, &'static str),
    Untag(usize),
    Drain(usize),
    Activate(usize),
    Disconnect(usize),
    Connect(usize),
    Sleep(u32),
}

/// Strategy chains, as RunTask flags and as requests: those the walk serves, then those the
/// scan does (random, the RunTask default, spread by instance, and chains mixing them).
fn chains() -> Vec<(&'static str, Vec<ecs_sandbox::placement::Strategy>)> {
    use ecs_sandbox::placement::Strategy;
    let spread = |a: &str| Strategy::Spread(SpreadField::Attribute(a.to_string()));
    vec![
        (
            "type=binpack,field=memory",
            vec![Strategy::Binpack(Resource::Memory)],
        ),
        (
            "type=binpack,field=cpu",
            vec![Strategy::Binpack(Resource::Cpu)],
        ),
        ("type=spread,field=attribute:stack", vec![spread("stack")]),
        (
            "type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory",
            vec![
                spread("ecs.availability-zone"),
                Strategy::Binpack(Resource::Memory),
            ],
        ),
        (
            "type=spread,field=attribute:stack type=binpack,field=cpu",
            vec![spread("stack"), Strategy::Binpack(Resource::Cpu)],
        ),
        ("type=random", vec![Strategy::Random]),
        (
            "type=spread,field=instanceId",
            vec![Strategy::Spread(SpreadField::Instance)],
        ),
        (
            "type=spread,field=host type=binpack,field=memory",
            vec![
                Strategy::Spread(SpreadField::Instance),
                Strategy::Binpack(Resource::Memory),
            ],
        ),
        (
            "type=binpack,field=cpu type=spread,field=attribute:stack",
            vec![Strategy::Binpack(Resource::Cpu), spread("stack")],
        ),
        (
            "type=spread,field=attribute:stack type=spread,field=instanceId type=random",
            vec![
                spread("stack"),
                Strategy::Spread(SpreadField::Instance),
                Strategy::Random,
            ],
        ),
    ]
}

/// Constraints: none, fixed (answers kept per instance), and ones that read what changes.
const CONSTRAINTS: [Option<&str>; 5] = [
    None,
    Some("attribute:stack == blue"),
    Some("attribute:stack exists and attribute:ecs.instance-type != t3.medium"),
    Some("attribute:stack != red and runningTasksCount < 3"),
    Some("distinct"),
];

fn changes() -> impl proptest::strategy::Strategy<Value = Vec<Change>> {
    let colour = prop::sample::select(vec!["blue", "green", "red"]);
    prop::collection::vec(
        prop_oneof![
            3 => (0usize..chains().len(), 0usize..5, 1u32..6).prop_map(|(chain, constraint, count)| Change::Run { chain, constraint, count }),
            1 => any::<usize>().prop_map(Change::Stop),
            2 => (any::<usize>(), colour).prop_map(|(i, c)| Change::Tag(i, c)),
            1 => any::<usize>().prop_map(Change::Untag),
            1 => any::<usize>().prop_map(Change::Drain),
            1 => any::<usize>().prop_map(Change::Activate),
            1 => any::<usize>().prop_map(Change::Disconnect),
            1 => any::<usize>().prop_map(Change::Connect),
            1 => (1u32..40).prop_map(Change::Sleep),
        ],
        1..10,
    )
}

/// The shell commands of a change (they may fail, say when no task is left to stop: the
/// cluster then stays as it was).
fn script(change: &Change, instances: usize) -> String {
    let ci = |i: usize| {
        format!(
            "CI=$(aws ecs list-container-instances --cluster c --query 'containerInstanceArns[{}]' --output text)\n",
            i % instances.max(1)
        )
    };
    match change {
        Change::Run {
            chain,
            constraint,
            count,
        } => {
            let strategy = chains()[*chain].0;
            let constraint = match CONSTRAINTS[*constraint] {
                None => String::new(),
                Some("distinct") => " --placement-constraints type=distinctInstance".into(),
                Some(e) => format!(" --placement-constraints 'type=memberOf,expression={e}'"),
            };
            format!("aws ecs run-task --cluster c --task-definition small --count {count} --placement-strategy {strategy}{constraint}\n")
        }
        Change::Stop(i) => format!(
            "T=$(aws ecs list-tasks --cluster c --query 'taskArns[{}]' --output text)\naws ecs stop-task --cluster c --task $T\n",
            i % 8
        ),
        Change::Tag(i, colour) => format!(
            "{}aws ecs put-attributes --cluster c --attributes name=stack,value={colour},targetId=$CI\n",
            ci(*i)
        ),
        Change::Untag(i) => format!(
            "{}aws ecs delete-attributes --cluster c --attributes name=stack,targetId=$CI\n",
            ci(*i)
        ),
        Change::Drain(i) => format!(
            "{}aws ecs update-container-instances-state --cluster c --container-instances $CI --status DRAINING\n",
            ci(*i)
        ),
        Change::Activate(i) => format!(
            "{}aws ecs update-container-instances-state --cluster c --container-instances $CI --status ACTIVE\n",
            ci(*i)
        ),
        Change::Disconnect(i) => format!("{}sim agent-disconnect --instance $CI\n", ci(*i)),
        Change::Connect(i) => format!("{}sim agent-connect --instance $CI\n", ci(*i)),
        Change::Sleep(s) => format!("sleep {s}\n"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// The index is kept up to date through tasks, attribute changes, draining and agents
    /// coming and going, and builds what a request needs the first time it is asked: after
    /// every change, both paths choose the same instance for every request.
    #[test]
    fn both_paths_agree_through_a_history_of_changes(
        seed in 0u64..1000,
        changes in changes(),
        group in prop::sample::select(vec!["family:small", "family:other"]),
    ) {
        let mut s = world(seed, 0);
        let instances = s.sim.world.container_instances().len();
        let requests: Vec<PlacementRequest> = chains()
            .into_iter()
            .flat_map(|(_, strategies)| {
                CONSTRAINTS.iter().map(move |c| PlacementRequest {
                    needs: TaskNeeds {
                        cpu_units: 128,
                        memory_mib: 300,
                        group: group.to_string(),
                        ..TaskNeeds::default()
                    },
                    constraints: match c {
                        None => vec![],
                        Some("distinct") => vec![parse_constraint("distinctInstance", None).unwrap()],
                        Some(e) => vec![parse_constraint("memberOf", Some(e)).unwrap()],
                    },
                    strategies: strategies.clone(),
                    default_strategy: false,
                })
            })
            .collect();
        for change in &changes {
            s.run_script(&script(change, instances));
            for (i, req) in requests.iter().enumerate() {
                // A different draw per request and change, so rotations vary.
                let draw = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i as u64 * 7919);
                let slow = s.sim.world.place_linear("c", req, draw, 0);
                let quick = s.sim.world.place("c", req, draw, 0);
                prop_assert_eq!(quick.container_instance_id, slow.container_instance_id, "{:?} {:?} after {:?}", req.strategies, req.constraints, change);
            }
        }
    }
}

#[test]
fn a_compact_ledger_reads_as_it_always_did() {
    let mut s = world(9, 0);
    let out = s.run_script(
        "aws ecs run-task --cluster c --task-definition small --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type != t3.medium'",
    );
    assert_eq!(out.last().map(|r| r.output.exit), Some(0));
    let instances = s.sim.world.container_instances().len();
    let placed: Vec<_> = s
        .sim
        .world
        .tasks()
        .values()
        .filter(|t| !t.ledger.constraints.is_empty())
        .collect();
    assert_eq!(placed.len(), 2);
    for t in placed {
        let ledger = serde_json::to_value(&t.ledger).unwrap();
        assert_eq!(ledger["complete"], false);
        assert_eq!(
            ledger["constraints"],
            serde_json::json!(["memberOf(attribute:ecs.instance-type != t3.medium)"])
        );
        assert_eq!(
            ledger["strategies"],
            serde_json::json!(["spread(attribute:ecs.availability-zone)", "binpack(memory)"])
        );
        assert_eq!(
            ledger["winner"],
            serde_json::json!(t.container_instance_arn)
        );
        assert_eq!(
            ledger["summary"],
            serde_json::json!(format!(
                "Of {instances} instances, {} ranked first by spread(attribute:ecs.availability-zone), then binpack(memory) (sim explain replays the decision over every instance).",
                t.ec2_instance_id
            ))
        );
        assert_eq!(
            ledger["instances"][0]["ec2InstanceId"],
            serde_json::json!(t.ec2_instance_id)
        );
        assert_eq!(&*t.ledger.summary, ledger["summary"].as_str().unwrap());
    }
}
