//! The load balancer view: every Application Load Balancer with its node in each AZ, its
//! listeners, the target groups they forward to, and each target with its health and the task
//! that answers it. What the visualizer draws in front of the tasks, computed from the world
//! without any browser crate so it is tested natively.

use crate::model::elb::{TargetGroup, TargetState};
use crate::sim::elb::health_of;
use crate::sim::world::World;

/// One target as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetView {
    pub id: String,
    pub port: u16,
    pub az: &'static str,
    pub state: TargetState,
    /// The reason code when the state has one (`Target.ResponseCodeMismatch`...).
    pub reason: Option<&'static str>,
    pub description: Option<String>,
    /// The task that answered the target's last health check, by ID.
    pub task_id: Option<String>,
}

/// A target group behind a listener, with its weight in the forward action.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub arn: String,
    pub name: String,
    pub weight: u32,
    pub target_type: &'static str,
    pub algorithm: &'static str,
    pub targets: Vec<TargetView>,
}

impl GroupView {
    /// How many targets are in `state`.
    pub fn count(&self, state: TargetState) -> usize {
        self.targets.iter().filter(|t| t.state == state).count()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListenerView {
    pub port: u16,
    pub protocol: &'static str,
    pub groups: Vec<GroupView>,
}

/// A load balancer node: its AZ, subnet and address.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    pub az: &'static str,
    pub subnet_id: String,
    pub ip: Option<std::net::Ipv4Addr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlbView {
    pub name: String,
    pub dns_name: String,
    pub state: &'static str,
    pub scheme: &'static str,
    pub nodes: Vec<NodeView>,
    pub listeners: Vec<ListenerView>,
}

fn group_view(world: &World, tg: &TargetGroup, weight: u32) -> GroupView {
    GroupView {
        arn: tg.arn.clone(),
        name: tg.name.clone(),
        weight,
        target_type: tg.target_type.as_str(),
        algorithm: tg.attributes.algorithm.as_str(),
        targets: tg
            .targets()
            .map(|t| {
                let h = health_of(world, tg, t);
                TargetView {
                    id: t.key.id.clone(),
                    port: t.key.port,
                    az: t.az,
                    state: h.state,
                    reason: h.reason.map(|r| r.as_str()),
                    description: h.description,
                    task_id: t.task_hint.as_deref().map(str::to_string),
                }
            })
            .collect(),
    }
}

/// Every load balancer in creation order, listeners by port.
pub fn albs(world: &World) -> Vec<AlbView> {
    let elb = world.elb();
    let mut lbs: Vec<_> = elb.load_balancers().collect();
    lbs.sort_by_key(|l| l.created_seq);
    lbs.into_iter()
        .map(|lb| {
            let mut listeners: Vec<_> = elb
                .listeners()
                .filter(|l| l.load_balancer_arn == lb.arn)
                .collect();
            listeners.sort_by_key(|l| l.port);
            AlbView {
                name: lb.name.clone(),
                dns_name: lb.dns_name.clone(),
                state: lb.state.as_str(),
                scheme: lb.scheme.as_str(),
                nodes: lb
                    .zones
                    .iter()
                    .map(|z| NodeView {
                        az: z.az,
                        subnet_id: z.subnet_id.clone(),
                        ip: world.enis().get(&z.eni_id).map(|e| e.private_ip),
                    })
                    .collect(),
                listeners: listeners
                    .into_iter()
                    .map(|l| ListenerView {
                        port: l.port,
                        protocol: l.protocol.as_str(),
                        groups: l
                            .forward
                            .iter()
                            .filter_map(|(arn, w)| {
                                elb.target_group(arn).map(|tg| group_view(world, tg, *w))
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api;
    use crate::sim::Sim;
    use serde_json::json;

    fn call(sim: &mut Sim, op: &str, input: serde_json::Value) -> serde_json::Value {
        api::call(sim, "elbv2", op, &input).unwrap_or_else(|e| panic!("{op}: {e}"))
    }

    #[test]
    fn the_view_shows_nodes_listeners_groups_and_targets() {
        let mut sim = Sim::new(5);
        let subnets: Vec<(String, &str, String)> = sim
            .world
            .subnets
            .values()
            .map(|s| (s.id.clone(), s.az, s.vpc_id.clone()))
            .collect();
        let (a, b) = (&subnets[0], &subnets[1]);
        let lb = call(
            &mut sim,
            "CreateLoadBalancer",
            json!({"Name": "web", "Subnets": [a.0, b.0]}),
        );
        let lb_arn = lb["LoadBalancers"][0]["LoadBalancerArn"].clone();
        let tg = call(
            &mut sim,
            "CreateTargetGroup",
            json!({"Name": "web", "Protocol": "HTTP", "Port": 80, "VpcId": a.2, "TargetType": "ip"}),
        );
        let tg_arn = tg["TargetGroups"][0]["TargetGroupArn"].clone();
        call(
            &mut sim,
            "CreateListener",
            json!({"LoadBalancerArn": lb_arn, "Protocol": "HTTP", "Port": 80,
                   "DefaultActions": [{"Type": "forward", "TargetGroupArn": tg_arn}]}),
        );
        let net = sim.world.subnets[&a.0].cidr();
        let ip = std::net::Ipv4Addr::from(u32::from(net.network()) + 100).to_string();
        call(
            &mut sim,
            "RegisterTargets",
            json!({"TargetGroupArn": tg_arn, "Targets": [{"Id": ip}]}),
        );
        let views = albs(&sim.world);
        assert_eq!(views.len(), 1);
        let v = &views[0];
        assert_eq!((v.name.as_str(), v.state), ("web", "provisioning"));
        assert_eq!(v.nodes.len(), 2);
        assert!(v.nodes.iter().all(|n| n.ip.is_some()));
        let g = &v.listeners[0].groups[0];
        assert_eq!(
            (v.listeners[0].port, g.weight, g.target_type),
            (80, 1, "ip")
        );
        assert_eq!(g.targets[0].state, TargetState::Initial);
        assert_eq!(g.targets[0].az, a.1);
        // Nothing answers at that address: after the load balancer is up and two checks
        // fail, the target is unhealthy and says why.
        sim.advance(10 * 60 * 1000);
        let g = &albs(&sim.world)[0].listeners[0].groups[0];
        assert_eq!(g.count(TargetState::Unhealthy), 1);
        assert_eq!(g.targets[0].reason, Some("Target.Timeout"));
    }
}
