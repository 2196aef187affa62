//! The IP map of a subnet: every address and what holds it (reserved, an instance's primary
//! ENI, a trunk ENI, a task ENI, an EFS mount target, or free). `sim ips` prints it; the UI draws it.
//!
//! Only reserved and held addresses are listed one by one; free addresses are the rest, so a
//! /16 with a handful of tasks costs a handful of entries, not 65,536.

use std::net::Ipv4Addr;

use crate::model::net::EniKind;
use crate::sim::world::World;

/// What holds an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HolderKind {
    Reserved,
    Instance,
    Trunk,
    TaskEni,
    /// An EFS mount target's interface.
    MountTarget,
    /// A load balancer node.
    LoadBalancer,
    Free,
}

impl HolderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HolderKind::Reserved => "reserved",
            HolderKind::Instance => "instance",
            HolderKind::Trunk => "trunk",
            HolderKind::TaskEni => "task",
            HolderKind::MountTarget => "efs",
            HolderKind::LoadBalancer => "elb",
            HolderKind::Free => "free",
        }
    }
}

/// One address that is not free.
#[derive(Debug, Clone, PartialEq)]
pub struct IpSlot {
    /// From the subnet's first address.
    pub offset: u32,
    pub address: Ipv4Addr,
    pub kind: HolderKind,
    /// The ENI holding it (None for reserved addresses).
    pub eni_id: Option<String>,
}

impl IpSlot {
    /// What holds it, in words: "VPC router", "i-0abc (primary ENI)", the task's ARN... Looked
    /// up when asked (a hover, a list, `sim ips`), not for every address on every change.
    pub fn detail(&self, world: &World) -> String {
        let Some(eni) = &self.eni_id else {
            return RESERVED_USES
                .get(self.offset as usize)
                .copied()
                .unwrap_or("broadcast (reserved)")
                .to_string();
        };
        match world.enis().get(eni) {
            Some(e) => match e.kind {
                EniKind::InstancePrimary => format!("{} (primary ENI)", e.owner),
                EniKind::Trunk => format!("{} (trunk ENI)", e.owner),
                EniKind::Task => e.owner.clone(),
                EniKind::EfsMountTarget => e.description.clone(),
                EniKind::LoadBalancer => format!("{} (load balancer node)", e.owner),
            },
            None => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IpMap {
    pub subnet_id: String,
    pub cidr: String,
    pub az: &'static str,
    /// Every address of the block, reserved ones included.
    pub size: u32,
    pub free: u32,
    /// Reserved and held addresses, in address order.
    pub taken: Vec<IpSlot>,
}

const RESERVED_USES: [&str; 4] = [
    "network address",
    "VPC router",
    "Amazon DNS",
    "reserved for future use",
];

/// The map of one subnet, or None if there is no such subnet.
pub fn ip_map(world: &World, subnet_id: &str) -> Option<IpMap> {
    let subnet = world.subnets.get(subnet_id)?;
    let net = subnet.cidr();
    let base = u32::from(net.network());
    let size = subnet.pool.size();
    let slot = |offset: u32, kind, eni_id| IpSlot {
        offset,
        address: Ipv4Addr::from(base + offset),
        kind,
        eni_id,
    };
    let mut taken: Vec<IpSlot> = (0..RESERVED_USES.len() as u32)
        .map(|i| slot(i, HolderKind::Reserved, None))
        .collect();
    for (ip, holder) in subnet.pool.holders() {
        let kind = match world.enis().get(holder).map(|e| e.kind) {
            Some(EniKind::Trunk) => HolderKind::Trunk,
            Some(EniKind::Task) => HolderKind::TaskEni,
            Some(EniKind::EfsMountTarget) => HolderKind::MountTarget,
            Some(EniKind::LoadBalancer) => HolderKind::LoadBalancer,
            Some(EniKind::InstancePrimary) | None => HolderKind::Instance,
        };
        taken.push(slot(u32::from(ip) - base, kind, Some(holder.to_string())));
    }
    taken.push(slot(size - 1, HolderKind::Reserved, None));
    Some(IpMap {
        subnet_id: subnet.id.clone(),
        cidr: net.to_string(),
        az: subnet.az,
        size,
        free: subnet.pool.free_count(),
        taken,
    })
}

impl IpMap {
    /// Every address in order as lines of text, runs of free addresses folded into one line.
    pub fn to_text(&self, world: &World) -> String {
        let held = self
            .taken
            .iter()
            .filter(|s| s.kind != HolderKind::Reserved)
            .count();
        let mut out = format!(
            "{} {} ({}): {} addresses, 5 reserved, {held} held, {} free\n",
            self.subnet_id, self.cidr, self.az, self.size, self.free
        );
        let mut next = 0u32;
        let base = u32::from(self.taken[0].address);
        let free_run = |out: &mut String, from: u32, to: u32| {
            let (a, b) = (Ipv4Addr::from(base + from), Ipv4Addr::from(base + to));
            if from == to {
                out.push_str(&format!("{a:<15} free\n"));
            } else {
                out.push_str(&format!("{a}-{b} free ({} addresses)\n", to - from + 1));
            }
        };
        for s in &self.taken {
            if s.offset > next {
                free_run(&mut out, next, s.offset - 1);
            }
            let who = match &s.eni_id {
                Some(eni) => format!("{eni} {}", s.detail(world)),
                None => s.detail(world),
            };
            out.push_str(&format!(
                "{:<15} {:<8} {who}\n",
                s.address.to_string(),
                s.kind.as_str()
            ));
            next = s.offset + 1;
        }
        out
    }
}
