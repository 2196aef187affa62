//! The placement pipeline over one cluster: [`place`] picks the path, and [`place_linear`] is
//! the reference path, which evaluates every instance and records the full ledger (what
//! `sim explain` prints, and what the indexed paths are proven against).

use std::collections::BTreeMap;

use super::facts::InstanceFacts;
use super::index::ClusterIndex;
use super::ledger::{Check, CheckKind, InstanceRecord, Ledger};
use super::request::{Constraint, PlacementRequest, Resource, SpreadField, Strategy};
use super::view::Instances;
use crate::model::ecs::{ContainerInstance, ContainerInstanceStatus};

/// The outcome of placing one task.
#[derive(Debug, Clone)]
pub struct Placement {
    /// The chosen container instance's ID, if any instance could take the task.
    pub container_instance_id: Option<String>,
    pub ledger: Ledger,
}

/// A well-mixed 64-bit hash (SplitMix64's finaliser) of the decision's random draw and an
/// instance's creation number: random keys and tie-breaks without drawing per instance, so
/// every path through placement consumes the RNG identically.
pub fn mix(draw: u64, salt: u64) -> u64 {
    let mut z = draw ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The tie-break after every strategy: a rotation of the instances' creation order starting
/// at a seeded point. (A rotation rather than a per-instance hash, so the indexed path can
/// find the same winner with one range query.)
pub fn tie_break(seq: u64, rotation: u64) -> u64 {
    seq.wrapping_sub(rotation)
}

/// Where the rotation starts: the draw reduced to the cluster's creation numbers.
pub fn rotation(draw: u64, max_seq: u64) -> u64 {
    draw % max_seq.saturating_add(1)
}

/// Places one task: the walk or the scan finds the winner from the cluster's index and
/// records it alone (a decision is replayed in full when a learner asks why); when no
/// instance can take the task, the reference path lists every instance's reason, which is
/// what RunTask answers and `sim explain --last` prints.
pub fn place(
    idx: &mut ClusterIndex,
    instances: &dyn Instances,
    req: &PlacementRequest,
    draw: u64,
    decision: u64,
) -> Placement {
    let found = if super::fast::serves(req) {
        super::fast::place(idx, instances, req, draw, decision)
    } else {
        super::scan::place(idx, instances, req, draw, decision)
    };
    found.unwrap_or_else(|| place_linear(instances, req, draw, decision))
}

/// The reference path: every check on every instance, and the complete ledger.
pub fn place_linear(
    instances: &dyn Instances,
    req: &PlacementRequest,
    draw: u64,
    decision: u64,
) -> Placement {
    let instances = instances.all();
    let rot = rotation(
        draw,
        instances.iter().map(|c| c.created_seq).max().unwrap_or(0),
    );
    let spread_counts = spread_counts(&instances, req);
    let mut records = Vec::with_capacity(instances.len());
    let mut best: Option<(Vec<u64>, u64, usize)> = None;
    for (i, ci) in instances.iter().enumerate() {
        let checks = run_checks(ci, req);
        let eligible = checks.iter().all(|c| c.passed);
        let keys: Vec<u64> = req
            .strategies
            .iter()
            .enumerate()
            .map(|(s, strategy)| strategy_key(ci, strategy, s, req, &spread_counts, draw))
            .collect();
        let tie_break = tie_break(ci.created_seq, rot);
        if eligible {
            let better = match &best {
                None => true,
                Some((k, t, _)) => (&keys, tie_break) < (k, *t),
            };
            if better {
                best = Some((keys.clone(), tie_break, i));
            }
        }
        records.push(InstanceRecord {
            container_instance_arn: ci.arn.clone(),
            ec2_instance_id: ci.ec2_instance_id.clone(),
            checks,
            eligible,
            strategy_keys: keys,
            tie_break,
        });
    }
    let winner = best.map(|(_, _, i)| i);
    let summary = summarize(&records, winner, req);
    Placement {
        container_instance_id: winner.map(|i| instances[i].id.clone()),
        ledger: Ledger {
            group: req.needs.group.clone(),
            constraints: req.constraints.iter().map(Constraint::describe).collect(),
            strategies: req.strategies.iter().map(Strategy::describe).collect(),
            default_strategy: req.default_strategy,
            winner: winner.map(|i| records[i].container_instance_arn.clone()),
            instances: records,
            summary: summary.into(),
            complete: true,
            decision,
        },
    }
}

fn check(kind: CheckKind, passed: bool, detail: String, reason: &str) -> Check {
    Check {
        check: kind,
        passed,
        detail,
        reason: (!passed).then(|| reason.to_string()),
    }
}

/// Every check on one instance, in ECS's order. All are evaluated, so a learner sees every
/// reason an instance could not take the task, not just the first.
pub fn run_checks(ci: &ContainerInstance, req: &PlacementRequest) -> Vec<Check> {
    let needs = &req.needs;
    let mut out = Vec::with_capacity(7 + req.constraints.len());
    out.push(check(
        CheckKind::Agent,
        ci.agent_connected,
        if ci.agent_connected {
            "agent connected".into()
        } else {
            "agent disconnected".into()
        },
        "AGENT",
    ));
    let active = ci.status == ContainerInstanceStatus::Active;
    out.push(check(
        CheckKind::Status,
        active,
        format!(
            "status {}{}",
            ci.status.as_str(),
            if active { "" } else { ": takes no new tasks" }
        ),
        "INACTIVE",
    ));
    let cpu = ci.remaining_cpu_units();
    out.push(check(
        CheckKind::Cpu,
        cpu >= needs.cpu_units,
        format!(
            "needs {} CPU units; {cpu} of {} remain",
            needs.cpu_units, ci.cpu_units
        ),
        "RESOURCE:CPU",
    ));
    let mem = ci.remaining_memory_mib();
    out.push(check(
        CheckKind::Memory,
        mem >= needs.memory_mib,
        format!(
            "needs {} MiB; {mem} of {} MiB remain",
            needs.memory_mib, ci.memory_mib
        ),
        "RESOURCE:MEMORY",
    ));
    let busy_tcp: Vec<u16> = needs
        .tcp_ports
        .iter()
        .copied()
        .filter(|p| ci.reserved_tcp_ports.contains(p) || ci.task_tcp_ports.contains(p))
        .collect();
    out.push(check(
        CheckKind::PortsTcp,
        busy_tcp.is_empty(),
        ports_detail(&needs.tcp_ports, &busy_tcp, "tcp"),
        "RESOURCE:PORTS",
    ));
    let busy_udp: Vec<u16> = needs
        .udp_ports
        .iter()
        .copied()
        .filter(|p| ci.reserved_udp_ports.contains(p) || ci.task_udp_ports.contains(p))
        .collect();
    out.push(check(
        CheckKind::PortsUdp,
        busy_udp.is_empty(),
        ports_detail(&needs.udp_ports, &busy_udp, "udp"),
        "RESOURCE:PORTS_UDP",
    ));
    if let Some(eni) = &needs.eni {
        out.push(check(
            CheckKind::Eni,
            eni.slot_free(ci),
            format!(
                "needs a task ENI; {} of {} ENI slots in use{}",
                ci.task_enis,
                ci.eni_slots,
                if ci.trunk_eni.is_some() {
                    " (trunked)"
                } else {
                    ""
                }
            ),
            "RESOURCE:ENI",
        ));
        out.push(check(
            CheckKind::Location,
            eni.located(ci),
            format!(
                "instance in {} ({}); the task's subnets are in {} ({})",
                ci.az,
                ci.vpc_id,
                eni.azs.join(", "),
                eni.vpc_id
            ),
            "LOCATION",
        ));
    }
    let missing: Vec<String> = needs
        .attributes
        .iter()
        .filter(|(name, value)| match ci.attribute(name) {
            None => true,
            Some(a) => value.as_ref().is_some_and(|v| a.value.as_ref() != Some(v)),
        })
        .map(|(name, value)| match value {
            Some(v) => format!("{name}={v}"),
            None => name.clone(),
        })
        .collect();
    out.push(check(
        CheckKind::Attribute,
        missing.is_empty(),
        if missing.is_empty() {
            format!("has the {} required attributes", needs.attributes.len())
        } else {
            format!("lacks {}", missing.join(", "))
        },
        "ATTRIBUTE",
    ));
    let facts = InstanceFacts::from_instance(ci);
    for (i, c) in req.constraints.iter().enumerate() {
        let (passed, detail, reason) = match c {
            Constraint::DistinctInstance => {
                let n = ci.task_groups.get(&needs.group).copied().unwrap_or(0);
                (
                    n == 0,
                    format!(
                        "distinctInstance: {n} task(s) of {} already here",
                        needs.group
                    ),
                    "DistinctInstance placement constraint unsatisfied.",
                )
            }
            Constraint::MemberOf(expr) => {
                let ok = expr.eval(&facts);
                (
                    ok,
                    format!("memberOf({}) is {ok}", expr.as_str()),
                    "MemberOf placement constraint unsatisfied.",
                )
            }
        };
        out.push(check(CheckKind::Constraint(i), passed, detail, reason));
    }
    out
}

fn ports_detail(needed: &[u16], busy: &[u16], proto: &str) -> String {
    if needed.is_empty() {
        return format!("no static {proto} host ports needed");
    }
    let list = |ps: &[u16]| {
        ps.iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if busy.is_empty() {
        format!("{proto} host ports {} are free", list(needed))
    } else {
        format!("{proto} host ports {} already in use", list(busy))
    }
}

/// For each spread strategy, tasks of the group per field value (per instance ID for
/// `instanceId`). Instances without the attribute share the bucket "".
fn spread_counts(
    instances: &[&ContainerInstance],
    req: &PlacementRequest,
) -> Vec<BTreeMap<String, u64>> {
    req.strategies
        .iter()
        .map(|s| {
            let mut counts = BTreeMap::new();
            if let Strategy::Spread(field) = s {
                for ci in instances {
                    let n = u64::from(ci.task_groups.get(&req.needs.group).copied().unwrap_or(0));
                    *counts.entry(spread_value(ci, field)).or_insert(0) += n;
                }
            }
            counts
        })
        .collect()
}

fn spread_value(ci: &ContainerInstance, field: &SpreadField) -> String {
    match field {
        SpreadField::Instance => ci.id.clone(),
        SpreadField::Attribute(name) => ci
            .attribute(name)
            .map(|a| a.value.clone().unwrap_or_default())
            .unwrap_or_default(),
    }
}

fn strategy_key(
    ci: &ContainerInstance,
    strategy: &Strategy,
    index: usize,
    req: &PlacementRequest,
    spread_counts: &[BTreeMap<String, u64>],
    draw: u64,
) -> u64 {
    match strategy {
        // Least remaining after placing wins; an instance that cannot fit ranks last.
        Strategy::Binpack(Resource::Cpu) => {
            u64::from(ci.remaining_cpu_units().saturating_sub(req.needs.cpu_units))
        }
        Strategy::Binpack(Resource::Memory) => u64::from(
            ci.remaining_memory_mib()
                .saturating_sub(req.needs.memory_mib),
        ),
        Strategy::Spread(field) => spread_counts
            .get(index)
            .and_then(|c| c.get(&spread_value(ci, field)))
            .copied()
            .unwrap_or(0),
        Strategy::Random => mix(draw ^ (index as u64 + 1), ci.created_seq),
    }
}

pub(crate) fn summarize(
    records: &[InstanceRecord],
    winner: Option<usize>,
    req: &PlacementRequest,
) -> String {
    if records.is_empty() {
        return "No Container Instances were found in your cluster.".into();
    }
    match winner {
        Some(w) => {
            let r = &records[w];
            let eligible = records.iter().filter(|r| r.eligible).count();
            let by = if req.strategies.is_empty() {
                "the seeded tie-break".to_string()
            } else {
                req.strategies
                    .iter()
                    .map(Strategy::describe)
                    .collect::<Vec<_>>()
                    .join(", then ")
            };
            format!(
                "{} of {} instances could take the task; {} ({}) ranked first by {by}.",
                eligible,
                records.len(),
                r.ec2_instance_id,
                short_arn(&r.container_instance_arn),
            )
        }
        None => {
            let closest = records
                .iter()
                .enumerate()
                .max_by_key(|(i, r)| (r.progress(), std::cmp::Reverse(*i)))
                .map(|(_, r)| r);
            match closest {
                Some(c) => {
                    format!(
                    "No instance met every requirement. The closest matching ({}, {}) failed {}.",
                    c.ec2_instance_id,
                    short_arn(&c.container_instance_arn),
                    c.failure_reason().unwrap_or("a check").trim_end_matches('.')
                )
                }
                None => "No instance met every requirement.".into(),
            }
        }
    }
}

fn short_arn(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ecs::Attribute;
    use crate::placement::request::parse_constraint;
    use crate::placement::TaskNeeds;

    /// An ACTIVE, connected instance of cluster `c` with 2048 CPU units and 4000 MiB.
    fn instance(n: u64, az: &str) -> ContainerInstance {
        ContainerInstance {
            id: format!("ci{n}"),
            arn: format!("arn:aws:ecs:us-east-1:123456789012:container-instance/c/ci{n}"),
            cluster: "c".into(),
            ec2_instance_id: format!("i-{n}"),
            status: ContainerInstanceStatus::Active,
            agent_connected: true,
            agent_version: "1.99.1".into(),
            docker_version: "DockerVersion: 25.0.8".into(),
            cpu_units: 2048,
            memory_mib: 4000,
            reserved_cpu_units: 0,
            reserved_memory_mib: 0,
            reserved_tcp_ports: vec![22, 2376, 2375, 51678, 51679],
            reserved_udp_ports: vec![],
            task_tcp_ports: vec![],
            task_udp_ports: vec![],
            running_tasks_count: 0,
            pending_tasks_count: 0,
            task_groups: Default::default(),
            attributes: vec![
                Attribute {
                    name: "ecs.availability-zone".into(),
                    value: Some(az.into()),
                },
                Attribute {
                    name: "ecs.cpu-architecture".into(),
                    value: Some("x86_64".into()),
                },
                Attribute {
                    name: "ecs.capability.task-eni".into(),
                    value: None,
                },
            ],
            az: crate::model::catalog::AZS
                .iter()
                .map(|a| a.name)
                .find(|a| *a == az)
                .unwrap_or("us-east-1a"),
            vpc_id: "vpc-1".into(),
            eni_slots: 2,
            task_enis: 0,
            trunk_eni: None,
            attributes_epoch: 0,
            registered_at: 0,
            version: 1,
            tags: vec![],
            created_seq: n,
        }
    }

    fn world(instances: Vec<ContainerInstance>) -> Vec<ContainerInstance> {
        instances
    }

    fn req(cpu: u32, mem: u32) -> PlacementRequest {
        PlacementRequest {
            needs: TaskNeeds {
                cpu_units: cpu,
                memory_mib: mem,
                group: "family:web".into(),
                ..TaskNeeds::default()
            },
            constraints: vec![],
            strategies: vec![],
            default_strategy: false,
        }
    }

    #[test]
    fn each_check_fails_with_ecs_reason() {
        type Tweak = fn(&mut ContainerInstance, &mut PlacementRequest);
        let cases: &[(&str, Tweak, &str)] = &[
            ("agent", |ci, _| ci.agent_connected = false, "AGENT"),
            (
                "draining",
                |ci, _| ci.status = ContainerInstanceStatus::Draining,
                "INACTIVE",
            ),
            ("cpu", |ci, _| ci.reserved_cpu_units = 2000, "RESOURCE:CPU"),
            (
                "memory",
                |ci, _| ci.reserved_memory_mib = 3900,
                "RESOURCE:MEMORY",
            ),
            (
                "agent port",
                |_, r| r.needs.tcp_ports = vec![22],
                "RESOURCE:PORTS",
            ),
            (
                "task port",
                |ci, r| {
                    ci.task_tcp_ports = vec![80];
                    r.needs.tcp_ports = vec![80]
                },
                "RESOURCE:PORTS",
            ),
            (
                "udp port",
                |ci, r| {
                    ci.task_udp_ports = vec![53];
                    r.needs.udp_ports = vec![53]
                },
                "RESOURCE:PORTS_UDP",
            ),
            (
                "attribute",
                |_, r| r.needs.attributes = vec![("ecs.capability.efs".into(), None)],
                "ATTRIBUTE",
            ),
            (
                "architecture",
                |_, r| {
                    r.needs.attributes = vec![("ecs.cpu-architecture".into(), Some("arm64".into()))]
                },
                "ATTRIBUTE",
            ),
            (
                "distinct",
                |ci, r| {
                    ci.task_groups.insert("family:web".into(), 1);
                    r.constraints = vec![parse_constraint("distinctInstance", None).unwrap()];
                },
                "DistinctInstance placement constraint unsatisfied.",
            ),
            (
                "memberOf",
                |_, r| {
                    r.constraints = vec![parse_constraint(
                        "memberOf",
                        Some("attribute:ecs.availability-zone == us-east-1b"),
                    )
                    .unwrap()]
                },
                "MemberOf placement constraint unsatisfied.",
            ),
        ];
        for (name, tweak, reason) in cases {
            let mut ci = instance(1, "us-east-1a");
            let mut r = req(256, 512);
            tweak(&mut ci, &mut r);
            let w = world(vec![ci]);
            let p = place_linear(&w, &r, 7, 1);
            assert_eq!(p.container_instance_id, None, "{name} should refuse");
            assert_eq!(
                p.ledger.instances[0].failure_reason(),
                Some(*reason),
                "{name}"
            );
            assert!(
                p.ledger.summary.contains(reason),
                "{name}: {}",
                p.ledger.summary
            );
        }
        // And the same instance untouched takes the task.
        let p = place_linear(
            &world(vec![instance(1, "us-east-1a")]),
            &req(256, 512),
            7,
            1,
        );
        assert_eq!(p.container_instance_id.as_deref(), Some("ci1"));
        assert!(p.ledger.complete && p.ledger.instances[0].checks.iter().all(|c| c.passed));
    }

    #[test]
    fn each_strategy_ranks_as_ecs_documents() {
        // ci1 has the least memory left, ci3 the least CPU; ci2 and ci3 are in us-east-1b,
        // where the group already runs two tasks.
        let mut a = instance(1, "us-east-1a");
        a.reserved_memory_mib = 3000;
        let mut b = instance(2, "us-east-1b");
        b.task_groups.insert("family:web".into(), 2);
        let mut c = instance(3, "us-east-1b");
        c.reserved_cpu_units = 1500;
        let w = world(vec![a, b, c]);
        let winner = |strategies: Vec<Strategy>| {
            let mut r = req(100, 100);
            r.strategies = strategies;
            place_linear(&w, &r, 7, 1).container_instance_id.unwrap()
        };
        assert_eq!(winner(vec![Strategy::Binpack(Resource::Memory)]), "ci1");
        assert_eq!(winner(vec![Strategy::Binpack(Resource::Cpu)]), "ci3");
        assert_eq!(
            winner(vec![Strategy::Spread(SpreadField::Attribute(
                "ecs.availability-zone".into()
            ))]),
            "ci1"
        );
        // spread(instanceId): ci1 and ci3 have no task of the group; binpack(cpu) then picks ci3.
        assert_eq!(
            winner(vec![
                Strategy::Spread(SpreadField::Instance),
                Strategy::Binpack(Resource::Cpu)
            ]),
            "ci3"
        );
        // random covers every eligible instance over enough draws.
        let mut seen = std::collections::BTreeSet::new();
        for draw in 0..64 {
            let mut r = req(100, 100);
            r.strategies = vec![Strategy::Random];
            seen.insert(
                place_linear(&w, &r, draw * 7919, 1)
                    .container_instance_id
                    .unwrap(),
            );
        }
        assert_eq!(seen.len(), 3);
    }

    #[test]
    fn strategies_and_constraints_parse_with_ecs_errors() {
        assert_eq!(
            Strategy::parse("binpack", Some("memory")),
            Ok(Strategy::Binpack(Resource::Memory))
        );
        assert_eq!(
            Strategy::parse("spread", Some("host")),
            Ok(Strategy::Spread(SpreadField::Instance))
        );
        assert_eq!(Strategy::parse("random", None), Ok(Strategy::Random));
        assert!(Strategy::parse("binpack", Some("disk")).is_err());
        assert!(Strategy::parse("spread", Some("attribute:")).is_err());
        assert!(Strategy::parse("pack", None).is_err());
        assert!(parse_constraint("distinctInstance", Some("x == y")).is_err());
        assert!(parse_constraint("memberOf", None).is_err());
        assert!(parse_constraint("memberOf", Some("attribute:x ==")).is_err());
        assert!(parse_constraint("sameInstance", None).is_err());
    }
}
