//! Creating and deleting load balancers, listeners and target groups, once the API has
//! validated the request: a load balancer's node in each subnet takes an address through an
//! ENI (as AWS's `ELB app/NAME/ID` interfaces do), and listeners coming and going start and
//! stop the health checks of the groups they forward to.

use super::events::ElbEvent;
use crate::model::catalog::{ACCOUNT_ID, REGION};
use crate::model::elb::{
    HealthCheck, Listener, LoadBalancer, LoadBalancerState, Protocol, Scheme, TargetGroup,
    TargetType, Zone,
};
use crate::model::ip_pool::IpError;
use crate::model::net::EniKind;
use crate::sim::log::What;
use crate::sim::world::EniSpec;
use crate::sim::Sim;

/// `arn:aws:elasticloadbalancing:us-east-1:123456789012:RESOURCE`.
pub fn elb_arn(resource: &str) -> String {
    format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT_ID}:{resource}")
}

/// A validated CreateLoadBalancer request.
#[derive(Debug, Clone)]
pub struct LoadBalancerSpec {
    pub name: String,
    pub scheme: Scheme,
    pub vpc_id: String,
    /// (AZ, subnet), one per AZ, in AZ order.
    pub subnets: Vec<(&'static str, String)>,
    pub security_groups: Vec<String>,
}

/// Creates a load balancer, `provisioning`, with a node (an ENI) in each subnet. All or
/// nothing: the caller has checked that every subnet has free addresses.
pub fn create_load_balancer(sim: &mut Sim, spec: LoadBalancerSpec) -> Result<String, IpError> {
    let id = sim.rng.hex(16);
    let resource = format!("app/{}/{id}", spec.name);
    let arn = elb_arn(&format!("loadbalancer/{resource}"));
    let dns_number = sim.rng.range_u64(100_000_000, 2_147_483_647);
    let prefix = match spec.scheme {
        Scheme::Internal => "internal-",
        Scheme::InternetFacing => "",
    };
    let dns_name = format!(
        "{prefix}{}-{dns_number}.{REGION}.elb.amazonaws.com",
        spec.name
    );
    let mut zones = Vec::new();
    for (az, subnet_id) in &spec.subnets {
        let eni_id = sim.create_eni(EniSpec {
            kind: EniKind::LoadBalancer,
            subnet_id: subnet_id.clone(),
            private_ip: None,
            description: format!("ELB {resource}"),
            groups: spec.security_groups.clone(),
            attached_to: None,
            requester_id: Some("amazon-elb".into()),
            requester_managed: true,
            interface_type: "interface",
            owner: arn.clone(),
        });
        let eni_id = match eni_id {
            Ok(e) => e,
            Err(e) => {
                for z in &zones {
                    let z: &Zone = z;
                    sim.delete_eni(&z.eni_id);
                }
                return Err(e);
            }
        };
        if spec.scheme == Scheme::InternetFacing {
            sim.assign_public_ip(&eni_id);
        }
        zones.push(Zone {
            az,
            subnet_id: subnet_id.clone(),
            eni_id,
        });
    }
    let created_seq = sim.next_seq();
    let zone_count = zones.len() as u32;
    let created_at = sim.now();
    sim.world.elb_mut().insert_load_balancer(LoadBalancer {
        arn: arn.clone(),
        name: spec.name.clone(),
        resource,
        dns_name,
        scheme: spec.scheme,
        vpc_id: spec.vpc_id,
        state: LoadBalancerState::Provisioning,
        zones,
        security_groups: spec.security_groups,
        created_at,
        created_seq,
    });
    sim.record(What::Elb(Box::new(ElbEvent::LoadBalancerCreated {
        load_balancer_arn: arn.as_str().into(),
        name: spec.name.into(),
        zones: zone_count,
    })));
    super::schedule_active(sim, &arn);
    Ok(arn)
}

/// Deletes a load balancer with its listeners, and gives its nodes' addresses back.
pub fn delete_load_balancer(sim: &mut Sim, arn: &str) {
    let groups: Vec<String> = sim
        .world
        .elb()
        .listeners()
        .filter(|l| l.load_balancer_arn == arn)
        .flat_map(|l| l.forward.iter().map(|(g, _)| g.clone()))
        .collect();
    let Some(lb) = sim.world.elb_mut().remove_load_balancer(arn) else {
        return;
    };
    for z in &lb.zones {
        sim.delete_eni(&z.eni_id);
    }
    for g in groups {
        super::group_use_changed(sim, &g);
    }
    sim.record(What::Elb(Box::new(ElbEvent::LoadBalancerDeleted {
        load_balancer_arn: arn.into(),
        name: lb.name.into(),
    })));
}

/// A validated CreateTargetGroup request.
#[derive(Debug, Clone)]
pub struct TargetGroupSpec {
    pub name: String,
    pub protocol: Protocol,
    pub port: u16,
    pub vpc_id: String,
    pub target_type: TargetType,
    pub health_check: HealthCheck,
}

pub fn create_target_group(sim: &mut Sim, spec: TargetGroupSpec) -> String {
    let id = sim.rng.hex(16);
    let arn = elb_arn(&format!("targetgroup/{}/{id}", spec.name));
    let seq = sim.next_seq();
    sim.world.elb_mut().insert_target_group(TargetGroup::new(
        arn.clone(),
        spec.name,
        spec.protocol,
        spec.port,
        spec.vpc_id,
        spec.target_type,
        spec.health_check,
        seq,
    ));
    arn
}

pub fn delete_target_group(sim: &mut Sim, arn: &str) {
    sim.world.elb_mut().remove_target_group(arn);
}

/// Creates a listener; the groups it forwards to start checking their targets.
pub fn create_listener(
    sim: &mut Sim,
    load_balancer_arn: &str,
    port: u16,
    protocol: Protocol,
    forward: Vec<(String, u32)>,
    forward_config: bool,
) -> String {
    let lb_id = load_balancer_arn
        .split_once(":loadbalancer/")
        .map_or("", |(_, r)| r)
        .to_string();
    let arn = elb_arn(&format!("listener/{lb_id}/{}", sim.rng.hex(16)));
    let created_seq = sim.next_seq();
    let groups: Vec<String> = forward.iter().map(|(g, _)| g.clone()).collect();
    let newly_used: Vec<String> = groups
        .iter()
        .filter(|g| {
            sim.world
                .elb()
                .target_group(g)
                .is_some_and(|tg| tg.load_balancer_arn.is_none())
        })
        .cloned()
        .collect();
    sim.world.elb_mut().insert_listener(Listener {
        arn: arn.clone(),
        load_balancer_arn: load_balancer_arn.to_string(),
        port,
        protocol,
        forward,
        forward_config,
        created_seq,
    });
    for g in newly_used {
        super::group_use_changed(sim, &g);
    }
    arn
}

/// Deletes a listener; a group no listener forwards to any more stops checking.
pub fn delete_listener(sim: &mut Sim, arn: &str) {
    let Some(listener) = sim.world.elb_mut().remove_listener(arn) else {
        return;
    };
    for (g, _) in &listener.forward {
        let unused = sim
            .world
            .elb()
            .target_group(g)
            .is_some_and(|tg| tg.load_balancer_arn.is_none());
        if unused {
            super::group_use_changed(sim, g);
        }
    }
}
