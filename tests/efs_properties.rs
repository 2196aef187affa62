//! Property tests of EFS mount targets over random histories of creations and deletions
//! through the CLI: a file system never has two mount targets in one AZ nor mount targets in
//! two VPCs, and every mount target holds a real address of its subnet (held by its own ENI)
//! until it is gone, when the address is free again.
// Native only: proptest is native.
#![cfg(not(target_arch = "wasm32"))]

use ecs_sandbox::cli::Session;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    /// Create a mount target for file system `fs` (0..2) in subnet `subnet` (0..5).
    Create { fs: usize, subnet: usize },
    /// Delete the n-th mount target (modulo how many there are).
    Delete(usize),
    /// Let time pass (seconds).
    Wait(u32),
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            4 => (0..2usize, 0..5usize).prop_map(|(fs, subnet)| Op::Create { fs, subnet }),
            2 => any::<usize>().prop_map(Op::Delete),
            2 => (1..120u32).prop_map(Op::Wait),
        ],
        1..25,
    )
}

fn run(s: &mut Session, line: &str) -> String {
    let r = s.run_script(line);
    r.last()
        .map(|r| r.output.stdout.trim().to_string())
        .unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn mount_targets_keep_to_one_per_az_and_hold_real_addresses(ops in ops()) {
        let mut s = Session::new(5);
        // Subnets: three AZs of the default VPC (two in us-east-1a), and one of another VPC.
        let mut subnets: Vec<String> = ["us-east-1a", "us-east-1b", "us-east-1c"]
            .iter()
            .map(|az| run(&mut s, &format!("aws ec2 describe-subnets --filters Name=availability-zone,Values={az} Name=default-for-az,Values=true --query 'Subnets[0].SubnetId' --output text")))
            .collect();
        let vpc = run(&mut s, "aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text");
        subnets.push(run(&mut s, &format!("aws ec2 create-subnet --vpc-id {vpc} --cidr-block 172.31.200.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text")));
        let other = run(&mut s, "aws ec2 create-vpc --cidr-block 10.7.0.0/16 --query Vpc.VpcId --output text");
        subnets.push(run(&mut s, &format!("aws ec2 create-subnet --vpc-id {other} --cidr-block 10.7.0.0/28 --availability-zone us-east-1b --query Subnet.SubnetId --output text")));
        let fss: Vec<String> = (0..2)
            .map(|i| run(&mut s, &format!("aws efs create-file-system --creation-token fs{i} --query FileSystemId --output text")))
            .collect();
        run(&mut s, "sleep 10");
        for op in ops {
            match op {
                Op::Create { fs, subnet } => {
                    s.run_script(&format!("aws efs create-mount-target --file-system-id {} --subnet-id {}", fss[fs], subnets[subnet]));
                }
                Op::Delete(n) => {
                    let all: Vec<String> = s.sim.world.mount_targets.keys().cloned().collect();
                    if !all.is_empty() {
                        s.run_script(&format!("aws efs delete-mount-target --mount-target-id {}", all[n % all.len()]));
                    }
                }
                Op::Wait(sec) => {
                    s.run_script(&format!("sleep {sec}"));
                }
            }
            let w = &s.sim.world;
            for fs in &fss {
                let mine: Vec<_> = w.mount_targets.values().filter(|m| &m.file_system_id == fs).collect();
                let mut azs: Vec<&str> = mine.iter().map(|m| m.az).collect();
                azs.sort_unstable();
                let n = azs.len();
                azs.dedup();
                prop_assert_eq!(azs.len(), n, "two mount targets of {} in one AZ", fs);
                let mut vpcs: Vec<&str> = mine.iter().map(|m| m.vpc_id.as_str()).collect();
                vpcs.dedup();
                prop_assert!(vpcs.len() <= 1, "mount targets of {} in two VPCs", fs);
            }
            for mt in w.mount_targets.values() {
                let subnet = &w.subnets[&mt.subnet_id];
                prop_assert!(subnet.cidr().contains(&mt.ip));
                prop_assert_eq!(subnet.pool.holder(mt.ip), Some(mt.eni_id.as_str()));
                prop_assert_eq!(w.enis().get(&mt.eni_id).map(|e| e.private_ip), Some(mt.ip));
            }
            // Every EFS ENI belongs to a mount target that still exists.
            for e in w.enis().values().filter(|e| e.kind == ecs_sandbox::model::net::EniKind::EfsMountTarget) {
                prop_assert!(w.mount_targets.contains_key(&e.owner));
            }
        }
    }
}
