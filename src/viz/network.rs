//! The network view: the region's AZs, and in each the subnets with their CIDRs and free
//! addresses.

use crate::model::catalog::{self, AZS};
use crate::sim::world::World;

/// One subnet as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SubnetView {
    pub id: String,
    pub vpc_id: String,
    pub cidr: String,
    pub default_for_az: bool,
    pub usable: u32,
    pub free: u32,
    /// Used addresses as a fraction of usable ones, 0.0..=1.0, for the fill bar.
    pub used_fraction: f64,
}

/// One Availability Zone column.
#[derive(Debug, Clone, PartialEq)]
pub struct AzView {
    pub name: &'static str,
    pub id: &'static str,
    pub subnets: Vec<SubnetView>,
}

/// The AZs in the region's order, each with its subnets in creation order.
pub fn azs(world: &World) -> Vec<AzView> {
    AZS.iter()
        .map(|az| {
            let subnets = World::by_creation(&world.subnets, |s| s.created_seq)
                .into_iter()
                .filter(|s| s.az == az.name)
                .map(|s| {
                    let usable = s.pool.usable();
                    let free = s.pool.free_count();
                    SubnetView {
                        id: s.id.clone(),
                        vpc_id: s.vpc_id.clone(),
                        cidr: s.cidr().to_string(),
                        default_for_az: s.default_for_az,
                        usable,
                        free,
                        used_fraction: if usable == 0 {
                            0.0
                        } else {
                            f64::from(usable - free) / f64::from(usable)
                        },
                    }
                })
                .collect();
            AzView {
                name: az.name,
                id: catalog::az(az.name).map_or("", |a| a.id),
                subnets,
            }
        })
        .collect()
}

/// The first CIDR of this prefix length inside the VPC that overlaps none of its subnets:
/// what the subnet form suggests, so its default is one EC2 accepts (in the default VPC,
/// 172.31.0.0/16 with six /20s, the first free /28 is 172.31.96.0/28). None when the VPC is
/// unknown, the prefix is shorter than the VPC's, or nothing of that size is left.
pub fn free_cidr(world: &World, vpc_id: &str, prefix: u8) -> Option<String> {
    let vpc = world.vpcs.get(vpc_id)?;
    let taken: Vec<ipnet::Ipv4Net> = world
        .subnets
        .values()
        .filter(|s| s.vpc_id == vpc_id)
        .map(|s| s.cidr())
        .collect();
    // At most 2^12 candidates (a /16 cut into /28s), each checked against the VPC's subnets.
    vpc.cidr
        .subnets(prefix)
        .ok()?
        .find(|c| {
            !taken
                .iter()
                .any(|t| t.contains(&c.network()) || c.contains(&t.network()))
        })
        .map(|c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Sim;

    #[test]
    fn the_default_world_shows_six_azs_each_with_its_default_subnet() {
        let sim = Sim::new(3);
        let view = azs(&sim.world);
        assert_eq!(view.len(), 6);
        for (i, az) in view.iter().enumerate() {
            assert_eq!(az.subnets.len(), 1);
            let s = &az.subnets[0];
            assert_eq!(s.cidr, format!("172.31.{}.0/20", i * 16));
            assert_eq!((s.usable, s.free), (4091, 4091));
            assert_eq!(s.used_fraction, 0.0);
        }
    }

    #[test]
    fn the_suggested_subnet_cidr_is_free_in_its_vpc() {
        let mut s = crate::cli::Session::new(3);
        let vpc = s
            .sim
            .world
            .vpcs
            .keys()
            .next()
            .cloned()
            .expect("the default VPC");
        assert_eq!(
            free_cidr(&s.sim.world, &vpc, 28).as_deref(),
            Some("172.31.96.0/28")
        );
        s.run_script(&format!(
            "aws ec2 create-subnet --vpc-id {vpc} --cidr-block 172.31.96.0/28 --availability-zone us-east-1a"
        ));
        assert_eq!(
            free_cidr(&s.sim.world, &vpc, 28).as_deref(),
            Some("172.31.96.16/28")
        );
        assert_eq!(free_cidr(&s.sim.world, &vpc, 8), None, "wider than the VPC");
        assert_eq!(free_cidr(&s.sim.world, "vpc-none", 28), None);
    }
}
