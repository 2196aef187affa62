//! Property tests of the AZ outage drill (`sim az-outage`, `sim az-restore`; src/sim/outage.rs):
//! whatever the fleet, the tasks and the zone that fails,
//! - right after the outage nothing of the zone is live: no task there (EC2 or Fargate) and no
//!   instance there running; its container instances hold no reservation and count no task;
//! - a service keeps its desired count from the zones left when they have room, and none of
//!   its tasks lands in the zone while it is down;
//! - after the restore the zone's instances run again and their agents reconnect to the same
//!   container instances (none registered twice);
//! - a task's address is never held twice, through it all.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use ecs_sandbox::cli::Session;
use ecs_sandbox::model::ec2::InstanceState;
use ecs_sandbox::viz::scenario::INSTANCE_ROLE_SCRIPT;
use proptest::prelude::*;

const AZS: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];

fn setup(per_az: [u8; 3], fargate: u8, service: u8) -> String {
    let mut s = format!("aws ecs create-cluster --cluster-name p\n{INSTANCE_ROLE_SCRIPT}");
    s.push_str(
        r#"AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx","cpu":256,"memory":256}]'
aws ecs register-task-definition --family fg --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"fg","image":"nginx"}]'
"#,
    );
    for (i, (az, n)) in AZS.iter().zip(per_az).enumerate() {
        s.push_str(&format!(
            "SUB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values={az} --query 'Subnets[0].SubnetId' --output text)\nS{i}=$SUB\n"
        ));
        if n > 0 {
            s.push_str(&format!(
                "aws ec2 run-instances --image-id $AMI --instance-type m5.large --count {n} --subnet-id $SUB --iam-instance-profile Name=ecsInstanceRole --user-data 'echo ECS_CLUSTER=p >> /etc/ecs/ecs.config'\n"
            ));
        }
    }
    s.push_str("sleep 120\n");
    if fargate > 0 {
        s.push_str(&format!(
            "aws ecs run-task --cluster p --task-definition fg --launch-type FARGATE --count {fargate} --network-configuration \"awsvpcConfiguration={{subnets=[$S0,$S1,$S2]}}\"\n"
        ));
    }
    if service > 0 {
        s.push_str(&format!(
            "aws ecs create-service --cluster p --service-name svc --task-definition app --desired-count {service}\n"
        ));
    }
    s.push_str("sleep 60\n");
    s
}

fn zone_of_subnet(s: &Session, subnet: &str) -> &'static str {
    s.sim.world.subnets.get(subnet).map_or("", |n| n.az)
}

fn assert_unique_addresses(s: &Session) -> Result<(), TestCaseError> {
    let mut seen = BTreeSet::new();
    for eni in s.sim.world.enis().values() {
        prop_assert!(seen.insert(eni.private_ip), "{} held twice", eni.private_ip);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn an_outage_takes_the_zone_and_a_restore_gives_it_back(
        per_az in prop::array::uniform3(0u8..3),
        fargate in 0u8..6,
        service in 0u8..6,
        down in 0usize..3,
        seed in 0u64..1000,
    ) {
        let zone = AZS[down];
        let mut s = Session::new(seed);
        let records = s.run_script(&setup(per_az, fargate, service));
        prop_assert!(records.iter().all(|r| r.output.exit == 0), "setup failed: {:?}",
            records.iter().find(|r| r.output.exit != 0));
        let registered_before = s.sim.world.container_instances().len();
        let out = s.run_script(&format!("sim az-outage --zone {zone}"));
        prop_assert_eq!(out[0].output.exit, 0);

        // Right after: nothing of the zone is live.
        for t in s.sim.world.tasks().values().filter(|t| t.is_live()) {
            prop_assert_ne!(t.availability_zone, zone, "task {} still live in the zone", t.id);
        }
        for i in s.sim.world.instances.values() {
            if zone_of_subnet(&s, &i.subnet_id) == zone {
                prop_assert!(!matches!(i.state, InstanceState::Running | InstanceState::Pending));
            }
        }
        for ci in s.sim.world.container_instances().values() {
            let inst = &s.sim.world.instances[&ci.ec2_instance_id];
            if zone_of_subnet(&s, &inst.subnet_id) == zone {
                prop_assert!(!ci.agent_connected);
                prop_assert_eq!(ci.running_tasks_count, 0);
                prop_assert_eq!((ci.reserved_cpu_units, ci.reserved_memory_mib), (0, 0));
            }
        }
        assert_unique_addresses(&s)?;

        // The service re-places in the zones left, never in the one that is down.
        s.run_script("sleep 120");
        for t in s.sim.world.tasks().values().filter(|t| t.is_live()) {
            prop_assert_ne!(t.availability_zone, zone);
        }
        if service > 0 {
            let room: u32 = AZS.iter().zip(per_az).filter(|(az, _)| **az != zone)
                .map(|(_, n)| u32::from(n) * 7).sum();
            let running = s.sim.world.tasks().values()
                .filter(|t| t.group == "service:svc" && t.is_live()).count() as u32;
            prop_assert_eq!(running, u32::from(service).min(room));
        }
        assert_unique_addresses(&s)?;

        // The restore: the zone's instances run again, and reconnect.
        let out = s.run_script(&format!("sim az-restore --zone {zone}\nsleep 120"));
        prop_assert_eq!(out[0].output.exit, 0);
        prop_assert_eq!(s.sim.world.container_instances().len(), registered_before);
        for ci in s.sim.world.container_instances().values() {
            prop_assert!(ci.agent_connected, "{} did not reconnect", ci.ec2_instance_id);
        }
        assert_unique_addresses(&s)?;
    }
}
