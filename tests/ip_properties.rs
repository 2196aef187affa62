//! Property tests of the awsvpc address invariants (issue: awsvpc and Fargate): whatever
//! sequence of Fargate and EC2 awsvpc tasks is run, stopped and waited on, and whatever
//! instances terminate, no address is ever held twice, none is reserved, each is inside its
//! subnet, a subnet's free count is its size minus 5 minus its holders, every task ENI belongs
//! to a live task that shows the same address, and no instance holds more task ENIs than it
//! has slots.
// Native only: proptest is native.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use ecs_sandbox::cli::Session;
use ecs_sandbox::model::net::EniKind;
use ecs_sandbox::model::task::{DesiredStatus, TaskStatus};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    /// Fargate tasks over both small subnets.
    Fargate(u32),
    /// awsvpc tasks on the EC2 instances.
    Ec2(u32),
    /// Stop the n-th live task (modulo their number).
    Stop(usize),
    /// Let simulated time pass (seconds).
    Wait(u64),
    /// Terminate the n-th running instance.
    Terminate(usize),
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            (1u32..=10).prop_map(Op::Fargate),
            (1u32..=4).prop_map(Op::Ec2),
            any::<usize>().prop_map(Op::Stop),
            (0u64..40).prop_map(Op::Wait),
            any::<usize>().prop_map(Op::Terminate),
        ],
        1..14,
    )
}

const SETUP: &str = r#"VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
A=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
B=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/27 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
ROLE=$(aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text)
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
aws ecs put-account-setting-default --name awsvpcTrunking --value enabled
aws ecs create-cluster --cluster-name c
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $A --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=c
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $B --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=c
sleep 90
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
aws ecs register-task-definition --family e --network-mode awsvpc --container-definitions '[{"name":"a","image":"nginx","cpu":16,"memory":32}]'
"#;

fn check(s: &Session) -> Result<(), TestCaseError> {
    let world = &s.sim.world;
    let mut seen = BTreeSet::new();
    for eni in world.enis().values() {
        prop_assert!(
            seen.insert(eni.private_ip),
            "{} is held twice",
            eni.private_ip
        );
        let subnet = &world.subnets[&eni.subnet_id];
        prop_assert!(
            subnet.cidr().contains(&eni.private_ip),
            "{} outside {}",
            eni.private_ip,
            subnet.cidr()
        );
        prop_assert!(
            !subnet.pool.is_reserved(eni.private_ip),
            "{} is reserved",
            eni.private_ip
        );
        prop_assert_eq!(subnet.pool.holder(eni.private_ip), Some(eni.id.as_str()));
        if eni.kind == EniKind::Task {
            let live = world.tasks().values().find(|t| {
                t.is_live()
                    && t.eni.as_ref().and_then(|n| n.eni_id.as_deref()) == Some(eni.id.as_str())
            });
            let owner = live.ok_or_else(|| {
                TestCaseError::fail(format!("task ENI {} has no live task", eni.id))
            })?;
            prop_assert_eq!(
                owner.eni.as_ref().and_then(|n| n.private_ip),
                Some(eni.private_ip)
            );
        }
    }
    for subnet in world.subnets.values() {
        let holders = world
            .enis()
            .values()
            .filter(|e| e.subnet_id == subnet.id)
            .count() as u32;
        prop_assert_eq!(subnet.pool.free_count(), subnet.pool.size() - 5 - holders);
    }
    for ci in world.container_instances().values() {
        let live = world
            .tasks()
            .values()
            .filter(|t| t.container_instance_id == ci.id && t.is_live() && t.eni.is_some())
            .count() as u32;
        prop_assert_eq!(ci.task_enis, live);
        prop_assert!(ci.task_enis <= ci.eni_slots);
    }
    // The index of an instance's interfaces lists exactly what a scan of every ENI finds.
    for i in world.instances.values() {
        let indexed: Vec<&str> = world.enis_of(&i.id).map(|e| e.id.as_str()).collect();
        let scanned: Vec<&str> = world
            .enis()
            .values()
            .filter(|e| e.attached_to.as_deref() == Some(i.id.as_str()))
            .map(|e| e.id.as_str())
            .collect();
        prop_assert_eq!(indexed, scanned);
    }
    for t in world.tasks().values() {
        if t.last_status == TaskStatus::Stopped {
            if let Some(id) = t.eni.as_ref().and_then(|n| n.eni_id.as_ref()) {
                prop_assert!(!world.enis().contains_key(id), "stopped task kept ENI {id}");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn task_addresses_stay_unique_inside_and_counted(ops in ops()) {
        let mut s = Session::new(3);
        for r in s.run_script(SETUP) {
            prop_assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        for op in ops {
            match op {
                Op::Fargate(n) => {
                    s.run_script(&format!("aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count {n} --network-configuration awsvpcConfiguration={{subnets=[$A,$B]}}"));
                }
                Op::Ec2(n) => {
                    s.run_script(&format!("aws ecs run-task --cluster c --task-definition e --count {n} --network-configuration awsvpcConfiguration={{subnets=[$A,$B]}}"));
                }
                Op::Stop(i) => {
                    let live: Vec<String> = s.sim.world.tasks().values().filter(|t| t.desired_status == DesiredStatus::Running).map(|t| t.arn.to_string()).collect();
                    if !live.is_empty() {
                        s.run_script(&format!("aws ecs stop-task --cluster c --task {}", live[i % live.len()]));
                    }
                }
                Op::Wait(secs) => {
                    s.run_script(&format!("sleep {secs}"));
                }
                Op::Terminate(i) => {
                    let running: Vec<String> = s.sim.world.instances.values().filter(|x| x.state == ecs_sandbox::model::ec2::InstanceState::Running).map(|x| x.id.clone()).collect();
                    if !running.is_empty() {
                        s.run_script(&format!("aws ec2 terminate-instances --instance-ids {}", running[i % running.len()]));
                    }
                }
            }
            check(&s)?;
        }
        s.run_script("sleep 3600");
        check(&s)?;
        // Once everything has stopped and gone, only the instances' own interfaces are left.
        let task_enis = s.sim.world.enis().values().filter(|e| e.kind == EniKind::Task).count();
        let live = s.sim.world.tasks().values().filter(|t| t.is_live() && t.eni.as_ref().is_some_and(|n| n.eni_id.is_some())).count();
        prop_assert_eq!(task_enis, live);
    }
}

/// A new /28 shows its five reserved addresses and eleven free ones, in the map and its text.
#[test]
fn a_new_subnet_is_reserved_and_free() {
    let mut s = Session::new(1);
    s.run_script(
        "VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28",
    );
    let id = s
        .sim
        .world
        .subnets
        .values()
        .find(|x| x.cidr().to_string() == "10.0.0.0/28")
        .map(|x| x.id.clone())
        .expect("subnet");
    let map = ecs_sandbox::sim::ip_map::ip_map(&s.sim.world, &id).expect("map");
    assert_eq!((map.size, map.free, map.taken.len()), (16, 11, 5));
    let text = map.to_text(&s.sim.world);
    assert!(
        text.contains("10.0.0.4-10.0.0.14 free (11 addresses)"),
        "{text}"
    );
    assert!(
        text.contains("10.0.0.15       reserved broadcast"),
        "{text}"
    );
}
