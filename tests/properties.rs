//! Property tests of invariants: a subnet's IP pool never hands out a reserved or a held
//! address, gives every address back, and counts free addresses exactly; and the same holds
//! when instances come and go through the API.
// Native only: proptest and the ecs-sim binary are native.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use ecs_sandbox::cli::Session;
use ecs_sandbox::model::ip_pool::IpPool;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Allocate,
    /// Release the n-th held address (modulo the number held).
    Release(usize),
    /// Take a specific offset into the block.
    Take(u32),
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            4 => Just(Op::Allocate),
            3 => any::<usize>().prop_map(Op::Release),
            1 => any::<u32>().prop_map(Op::Take),
        ],
        0..300,
    )
}

proptest! {
    #[test]
    fn the_pool_never_hands_out_reserved_or_held_addresses(prefix in 24u8..=28, ops in ops()) {
        let net = format!("10.20.0.0/{prefix}").parse().unwrap();
        let mut pool = IpPool::new(net);
        let size = 1u32 << (32 - u32::from(prefix));
        let base = u32::from(Ipv4Addr::new(10, 20, 0, 0));
        let mut held: BTreeSet<Ipv4Addr> = BTreeSet::new();
        for (i, op) in ops.iter().enumerate() {
            match op {
                Op::Allocate => match pool.allocate(&format!("h{i}")) {
                    Ok(ip) => {
                        let off = u32::from(ip) - base;
                        prop_assert!(off >= 4 && off < size - 1, "reserved address {ip} handed out");
                        prop_assert!(held.insert(ip), "{ip} handed out twice");
                        // Lowest free first: nothing below it is free.
                        for o in 4..off {
                            prop_assert!(held.contains(&Ipv4Addr::from(base + o)), "{ip} given while a lower address was free");
                        }
                    }
                    Err(_) => prop_assert_eq!(held.len() as u32, size - 5),
                },
                Op::Release(n) => {
                    if !held.is_empty() {
                        let ip = *held.iter().nth(n % held.len()).unwrap();
                        prop_assert!(pool.release(ip));
                        held.remove(&ip);
                    }
                }
                Op::Take(o) => {
                    let ip = Ipv4Addr::from(base + (o % (size + 8)));
                    let ok = pool.take(ip, "t").is_ok();
                    let off = u32::from(ip) - base;
                    let should = off >= 4 && off < size - 1 && !held.contains(&ip);
                    prop_assert_eq!(ok, should, "take {}", ip);
                    if ok {
                        held.insert(ip);
                    }
                }
            }
            prop_assert_eq!(pool.free_count(), size - 5 - held.len() as u32);
            prop_assert_eq!(pool.holders().count(), held.len());
        }
        for ip in held.clone() {
            prop_assert!(pool.release(ip));
        }
        prop_assert_eq!(pool.free_count(), size - 5);
        prop_assert_eq!(pool.allocate("again").unwrap(), Ipv4Addr::from(base + 4));
    }

    #[test]
    fn instances_coming_and_going_keep_subnet_counts_exact(batches in prop::collection::vec((1u32..4, any::<bool>(), 0u64..90), 1..8)) {
        let mut s = Session::new(9);
        let setup = s.run_script(
            "VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)\n\
             SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)\n\
             AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id --query Parameter.Value --output text)",
        );
        prop_assert!(setup.iter().all(|r| r.output.exit == 0));
        for (count, terminate, wait) in batches {
            let out = s.run_script(&format!(
                "aws ec2 run-instances --image-id $AMI --subnet-id $SUBNET --count {count} --query 'Instances[].InstanceId' --output text"
            ));
            if terminate && out[0].output.exit == 0 {
                let ids = out[0].output.stdout.trim().replace('\t', " ");
                s.run_script(&format!("aws ec2 terminate-instances --instance-ids {ids}"));
            }
            s.run_script(&format!("sleep {wait}"));
            let world = &s.sim.world;
            for subnet in world.subnets.values() {
                let holders = world.enis().values().filter(|e| e.subnet_id == subnet.id).count() as u32;
                prop_assert_eq!(subnet.pool.free_count(), subnet.pool.usable() - holders);
                prop_assert_eq!(subnet.pool.held_count(), holders);
            }
            let ips: BTreeSet<Ipv4Addr> = world.enis().values().map(|e| e.private_ip).collect();
            prop_assert_eq!(ips.len(), world.enis().len(), "an address is held twice");
        }
    }
}
