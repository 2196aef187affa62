//! The event log as data: a test reads what happened by matching on `What`'s variants and
//! their typed fields, never on the sentences.
// Native only (the browser suite is tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::cli::Session;
use ecs_sandbox::model::task::TaskStatus;
use ecs_sandbox::sim::log::What;

const SCRIPT: &str = r#"
aws ecs create-cluster --cluster-name f
aws ecs register-task-definition --family app --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx:1.27"}]'
SUBNET=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[0].SubnetId' --output text)
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],assignPublicIp=ENABLED}"
sleep 60
"#;

#[test]
fn a_fargate_task_tells_its_story_in_typed_events() {
    let mut s = Session::new(5);
    let out = s.run_script(SCRIPT);
    assert!(out.iter().all(|r| r.output.exit == 0), "{out:?}");
    let task = s.sim.world.tasks().values().next().expect("a task");
    let eni = task.eni.as_ref().expect("awsvpc");
    let story: Vec<&What> = s
        .sim
        .events()
        .iter()
        .map(|e| &e.what)
        .filter(|w| w.task_arn() == Some(&*task.arn))
        .collect();

    let [What::TaskPlaced {
        ec2_instance_id,
        family,
        az,
        ..
    }, ..] = story[..]
    else {
        panic!("placed first: {story:?}");
    };
    assert_eq!((ec2_instance_id, &**family), (&None, "app"), "on Fargate");
    assert_eq!(*az, task.availability_zone);

    // The ENI the event names is the task's, with its addresses.
    let attached: Vec<_> = story
        .iter()
        .filter_map(|w| match w {
            What::TaskEniAttached {
                eni_id,
                subnet_id,
                private_ip,
                public_ip,
                ..
            } => Some((&**eni_id, &**subnet_id, *private_ip, *public_ip)),
            _ => None,
        })
        .collect();
    assert_eq!(
        attached,
        [(
            eni.eni_id.as_deref().expect("ENI"),
            eni.subnet_id.as_str(),
            eni.private_ip.expect("private IP"),
            eni.public_ip,
        )]
    );
    assert!(eni.public_ip.is_some(), "assignPublicIp=ENABLED");

    // Its statuses move forward only, and end where the task is.
    let statuses: Vec<TaskStatus> = story
        .iter()
        .filter_map(|w| match w {
            What::TaskStateChanged { status, .. } => Some(*status),
            _ => None,
        })
        .collect();
    assert!(statuses.windows(2).all(|w| w[0] < w[1]), "{statuses:?}");
    assert_eq!(statuses.last(), Some(&TaskStatus::Running));
    assert_eq!(task.last_status, TaskStatus::Running);
}

/// Whatever a run records, every event's kind is its variant's name and its refs include the
/// task and the subnet that views link.
#[test]
fn kinds_and_links_come_from_the_variants() {
    let mut s = Session::new(5);
    s.run_script(SCRIPT);
    for e in s.sim.events() {
        assert!(format!("{:?}", e.what).starts_with(e.kind()), "{e:?}");
        let refs = e.refs();
        if let Some(arn) = e.what.task_arn() {
            assert!(refs.contains(&arn), "{e:?}");
        }
        if let Some(subnet) = e.what.subnet_id() {
            assert!(refs.contains(&subnet), "{e:?}");
            assert!(s.sim.world.subnets.contains_key(subnet), "{e:?}");
        }
    }
}
