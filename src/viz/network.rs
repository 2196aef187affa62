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
}
