//! The state of the simulated account, and the mutations that keep its invariants (an address
//! is held by exactly one ENI; an ENI lives in exactly one subnet).

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::Serialize;

use super::Sim;
use crate::model::autoscaling::{Load, ScalableTarget, ScalingActivity, ScalingPolicy};
use crate::model::catalog::{self, ACCOUNT_ID, AZS, REGION};
use crate::model::ec2::Instance;
use crate::model::ecs::{AccountSettings, CapacityProvider, Cluster, ContainerInstance};
use crate::model::efs::{AccessPoint, FileSystem, MountTarget};
use crate::model::iam::{CustomerPolicy, InstanceProfile, Role};
use crate::model::ip_pool::{IpError, IpPool};
use crate::model::net::{Eni, EniKind, Peer, Permission, SecurityGroup, Subnet, Vpc};
use crate::model::service::Service;
use crate::model::task::Task;
use crate::model::task_def::TaskDefinition;
use crate::placement::index::ClusterIndex;
use crate::placement::view::Instances;
use crate::placement::{engine, Placement, PlacementRequest};

/// The container instances of one cluster, as placement reads them.
struct ClusterInstances<'a> {
    table: &'a Table<ContainerInstance>,
    cluster: &'a str,
}

impl Instances for ClusterInstances<'_> {
    fn get(&self, id: &str) -> Option<&ContainerInstance> {
        self.table.get(id).map(Box::as_ref)
    }

    fn all(&self) -> Vec<&ContainerInstance> {
        let mut out = World::by_creation(self.table, |c| c.created_seq);
        out.retain(|ci| {
            ci.cluster == self.cluster
                && ci.status != crate::model::ecs::ContainerInstanceStatus::Inactive
        });
        out
    }
}

/// The resources of one kind, by ID. Values are boxed so that every table shares one copy of
/// the B-tree code in the wasm: the tree only moves pointers, whatever the resource type.
pub type Table<T> = BTreeMap<String, Box<T>>;

/// Everything in the account. Ordered maps throughout: iteration order is part of the output.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct World {
    pub vpcs: Table<Vpc>,
    pub subnets: Table<Subnet>,
    pub security_groups: Table<SecurityGroup>,
    /// Private: ENIs are created and deleted by [`Sim::create_eni`] and [`Sim::delete_eni`],
    /// which keep the subnets' address pools, the per-instance index and the public
    /// addresses in step; read them through [`World::enis`].
    enis: Table<Eni>,
    pub instances: Table<Instance>,
    /// By cluster name.
    pub clusters: Table<Cluster>,
    /// By container instance ID (the 32 hex digits). Private: every change goes through
    /// [`World::change_container_instance`] and friends, which keep the cluster's placement
    /// index in step, so no caller can forget to.
    container_instances: Table<ContainerInstance>,
    /// By family; revisions in order (revision n at index n-1).
    pub task_definitions: BTreeMap<String, Vec<TaskDefinition>>,
    /// Task definition ARN -> its tags.
    pub task_definition_tags: BTreeMap<String, Vec<crate::model::Tag>>,
    /// By task ID (32 hex digits). Private to `sim`: tasks change only through the task
    /// lifecycle (`sim::task`), which keeps Fargate's live counts and the placement index in
    /// step; read them through [`World::tasks`] and [`World::task`].
    pub(super) tasks: Table<Task>,
    /// By service ARN. Private: added and changed through [`World::insert_service`] and
    /// [`World::change_service`]; the scheduler (`api::ecs_service`) owns what is in them.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    services: Table<Service>,
    pub roles: Table<Role>,
    /// Customer managed policies, by ARN.
    pub policies: Table<CustomerPolicy>,
    /// Service Auto Scaling: scalable targets by resource ID, policies by ARN, activities in
    /// order, and the load `sim load` offers each service (by service ARN).
    pub scalable_targets: Table<ScalableTarget>,
    pub scaling_policies: Table<ScalingPolicy>,
    pub scaling_activities: Vec<ScalingActivity>,
    pub service_load: BTreeMap<String, Load>,
    /// EFS file systems, mount targets and access points, by ID.
    pub file_systems: Table<FileSystem>,
    pub mount_targets: Table<MountTarget>,
    pub access_points: Table<AccessPoint>,
    /// The role the learner's calls are made as (`sim caller --role`), or `None` for the
    /// account's root user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_role: Option<String>,
    pub instance_profiles: Table<InstanceProfile>,
    pub account_settings: AccountSettings,
    /// Availability Zones down by `sim az-outage` (see `sim::outage`).
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub impaired_zones: std::collections::BTreeSet<&'static str>,
    /// Placement decisions made so far (each task's ledger carries its number).
    #[serde(skip)]
    pub decisions: u64,
    /// Per-cluster placement indexes (derived from the instances, kept by every change).
    #[serde(skip)]
    placement_index: Table<ClusterIndex>,
    /// The ledger of the last RunTask placement that found no instance (`sim explain --last`).
    #[serde(skip)]
    pub last_failed_placement: Option<crate::placement::Ledger>,
    /// The region's default DHCP option set, which every VPC uses.
    pub dhcp_options_id: String,
    /// Live Fargate tasks per (cluster, group, capacity provider, AZ), for Fargate's AZ
    /// spreading without a scan of every task.
    #[serde(skip)]
    fargate_live: BTreeMap<String, usize>,
    /// Instance ID -> the IDs of the ENIs attached to it (an index of the ENIs'
    /// `attached_to`), so an instance's interfaces are found without a scan of every ENI.
    #[serde(skip)]
    enis_by_instance: BTreeMap<String, std::collections::BTreeSet<String>>,
    /// Public addresses in use (an index of the ENIs' `public_ip`), so drawing a new one
    /// does not scan every interface.
    #[serde(skip)]
    pub public_ips: std::collections::BTreeSet<Ipv4Addr>,
    /// Load balancers, listeners, target groups and their targets. Private: read through
    /// [`World::elb`]; changed by `sim::elb` and the elbv2 API through [`World::elb_mut`].
    /// Left out of `sim state` while empty, so worlds without load balancers print as before.
    #[serde(skip_serializing_if = "crate::model::elb::Elb::is_empty")]
    elb: crate::model::elb::Elb,
}

fn fargate_key(cluster: &str, group: &str, provider: Option<CapacityProvider>, az: &str) -> String {
    format!(
        "{cluster}\u{0}{group}\u{0}{}\u{0}{az}",
        provider.map_or("", CapacityProvider::as_str)
    )
}

/// Calls `f` on a cluster's placement index, created empty the first time (the cluster name
/// is copied only then).
fn with_index<R>(
    indexes: &mut Table<ClusterIndex>,
    cluster: &str,
    f: impl FnOnce(&mut ClusterIndex) -> R,
) -> R {
    if let Some(idx) = indexes.get_mut(cluster) {
        return f(idx);
    }
    f(indexes
        .entry(cluster.to_string())
        .or_insert_with(|| Box::new(ClusterIndex::new())))
}

/// The principal every call is made as: the account's root user.
pub fn caller_arn() -> String {
    format!("arn:aws:iam::{ACCOUNT_ID}:root")
}

pub fn ecs_arn(resource: &str) -> String {
    format!("arn:aws:ecs:{REGION}:{ACCOUNT_ID}:{resource}")
}

/// [`ecs_arn`] of a resource given in parts, written once at its final length (RunTask writes
/// two ARNs per task).
pub fn ecs_arn_of(parts: &[&str]) -> String {
    let head = ["arn:aws:ecs:", REGION, ":", ACCOUNT_ID, ":"];
    let len = head.iter().chain(parts).map(|p| p.len()).sum();
    let mut arn = String::with_capacity(len);
    for p in head.iter().chain(parts) {
        arn.push_str(p);
    }
    arn
}

impl World {
    /// Live Fargate tasks of a group in one AZ of a cluster, for one capacity provider.
    pub fn fargate_tasks_in(
        &self,
        cluster: &str,
        group: &str,
        az: &str,
        provider: Option<CapacityProvider>,
    ) -> usize {
        self.fargate_live
            .get(&fargate_key(cluster, group, provider, az))
            .copied()
            .unwrap_or(0)
    }

    /// The task definition revision a task runs (revision n is kept at index n-1 of its
    /// family).
    pub fn definition_of(&self, task: &Task) -> Option<&TaskDefinition> {
        let revision: usize = task.task_definition_arn.rsplit(':').next()?.parse().ok()?;
        self.task_definitions
            .get(&task.family)?
            .get(revision.checked_sub(1)?)
            .filter(|td| td.task_definition_arn == task.task_definition_arn)
    }

    /// Every task by ID, to read (changes go through `sim::task`).
    pub fn tasks(&self) -> &Table<Task> {
        &self.tasks
    }

    /// One task by ID.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.get(id).map(Box::as_ref)
    }

    /// Hands the task table over, leaving the world without tasks while its indexes still
    /// count them: only for the memory benchmark, which takes a finished world apart to weigh
    /// its pieces.
    #[doc(hidden)]
    pub fn take_tasks_to_weigh(&mut self) -> Table<Task> {
        std::mem::take(&mut self.tasks)
    }

    /// A Fargate task started (+1) or stopped (-1).
    pub(super) fn fargate_changed(&mut self, task: &Task, delta: i64) {
        let key = fargate_key(
            &task.cluster,
            &task.group,
            task.capacity_provider,
            task.availability_zone,
        );
        let n = self.fargate_live.entry(key.clone()).or_insert(0);
        *n = (*n as i64 + delta).max(0) as usize;
        if *n == 0 {
            self.fargate_live.remove(&key);
        }
    }

    /// Services by ARN, to read.
    pub fn services(&self) -> &Table<Service> {
        &self.services
    }

    pub fn service(&self, arn: &str) -> Option<&Service> {
        self.services.get(arn).map(Box::as_ref)
    }

    /// Adds a service, replacing an INACTIVE one of the same ARN (a name is free again once
    /// its service is INACTIVE).
    pub fn insert_service(&mut self, service: Service) {
        self.services.insert(service.arn.clone(), Box::new(service));
    }

    /// Changes a service; None (nothing changed) when there is no such service.
    pub fn change_service<R>(&mut self, arn: &str, f: impl FnOnce(&mut Service) -> R) -> Option<R> {
        self.services.get_mut(arn).map(|s| f(s))
    }

    /// Container instances by ID, to read (changes go through the methods below).
    pub fn container_instances(&self) -> &Table<ContainerInstance> {
        &self.container_instances
    }

    /// Adds a registered container instance and enters it in its cluster's placement index.
    pub fn add_container_instance(&mut self, ci: ContainerInstance) {
        let id = ci.id.clone();
        self.container_instances.insert(id.clone(), Box::new(ci));
        self.reindex(&id);
    }

    /// Changes a container instance, then re-enters it in its cluster's placement index;
    /// None (and nothing changed) when there is no such instance.
    pub fn change_container_instance<R>(
        &mut self,
        id: &str,
        f: impl FnOnce(&mut ContainerInstance) -> R,
    ) -> Option<R> {
        let out = f(self.container_instances.get_mut(id)?);
        self.reindex(id);
        Some(out)
    }

    /// [`World::change_container_instance`] for a task of `group` starting (`delta` +1) or
    /// stopping (-1) on the instance: the index counts the group's tasks too.
    pub fn change_container_instance_for_task<R>(
        &mut self,
        id: &str,
        group: &str,
        delta: i64,
        f: impl FnOnce(&mut ContainerInstance) -> R,
    ) -> Option<R> {
        let out = f(self.container_instances.get_mut(id)?);
        if let Some(ci) = self.container_instances.get(id) {
            with_index(&mut self.placement_index, &ci.cluster, |idx| {
                idx.update(ci);
                idx.group_changed(ci, group, delta);
            });
        }
        Some(out)
    }

    /// Re-enters a container instance in its cluster's placement index.
    fn reindex(&mut self, container_instance_id: &str) {
        if let Some(ci) = self.container_instances.get(container_instance_id) {
            with_index(&mut self.placement_index, &ci.cluster, |idx| idx.update(ci));
        }
    }

    /// Places one task of `req` in a cluster (see [`engine::place`]).
    pub fn place(
        &mut self,
        cluster: &str,
        req: &PlacementRequest,
        draw: u64,
        decision: u64,
    ) -> Placement {
        let World {
            container_instances,
            placement_index,
            ..
        } = self;
        let instances = ClusterInstances {
            table: container_instances,
            cluster,
        };
        with_index(placement_index, cluster, |idx| {
            engine::place(idx, &instances, req, draw, decision)
        })
    }

    /// The same decision through the reference path, with its complete ledger.
    pub fn place_linear(
        &self,
        cluster: &str,
        req: &PlacementRequest,
        draw: u64,
        decision: u64,
    ) -> Placement {
        let instances = ClusterInstances {
            table: &self.container_instances,
            cluster,
        };
        engine::place_linear(&instances, req, draw, decision)
    }

    /// Whether any container instance of the cluster is ACTIVE (read from the index: no
    /// visit of the instances).
    pub fn has_active_instances(&self, cluster: &str) -> bool {
        self.placement_index
            .get(cluster)
            .is_some_and(|i| i.has_active())
    }

    /// Sorted by creation: the order AWS lists things in is not documented, and creation order
    /// is what a learner expects. (Sorts through [`crate::sort`], so every caller shares one
    /// sort routine instead of instantiating one per type: it keeps the wasm small.)
    pub fn by_creation<T>(table: &Table<T>, seq: impl Fn(&T) -> u64) -> Vec<&T> {
        let mut items: Vec<&T> = table.values().map(Box::as_ref).collect();
        crate::sort::sort_by_key(&mut items, |t| seq(t));
        items
    }

    /// The account's Elastic Load Balancing resources, to read.
    pub fn elb(&self) -> &crate::model::elb::Elb {
        &self.elb
    }

    /// The ELB resources, to change (their own methods keep their indexes).
    pub(crate) fn elb_mut(&mut self) -> &mut crate::model::elb::Elb {
        &mut self.elb
    }

    /// Every ENI by ID, to read.
    pub fn enis(&self) -> &Table<Eni> {
        &self.enis
    }

    /// The ENIs attached to an instance, by ENI ID (the order of `enis`).
    pub fn enis_of<'a>(&'a self, instance_id: &str) -> impl Iterator<Item = &'a Eni> + 'a {
        self.enis_by_instance
            .get(instance_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.enis.get(id).map(Box::as_ref))
    }

    pub fn default_vpc(&self) -> Option<&Vpc> {
        self.vpcs.values().map(Box::as_ref).find(|v| v.is_default)
    }

    /// The `default` security group of a VPC.
    pub fn default_security_group(&self, vpc_id: &str) -> Option<&SecurityGroup> {
        self.security_groups
            .values()
            .map(Box::as_ref)
            .find(|g| g.vpc_id == vpc_id && g.name == "default")
    }

    pub fn cluster_active(&self, name: &str) -> Option<&Cluster> {
        self.clusters
            .get(name)
            .map(Box::as_ref)
            .filter(|c| c.status == crate::model::ecs::ClusterStatus::Active)
    }

    pub fn container_instance_by_ec2(&self, instance_id: &str) -> Option<&ContainerInstance> {
        self.container_instances
            .values()
            .map(Box::as_ref)
            .find(|ci| {
                ci.ec2_instance_id == instance_id
                    && ci.status != crate::model::ecs::ContainerInstanceStatus::Inactive
            })
    }
}

impl Sim {
    /// A new EC2-style ID: `prefix-0` and 16 hex digits, as EC2's 17-character IDs look.
    pub(crate) fn new_ec2_id(&mut self, prefix: &str) -> String {
        format!("{prefix}-0{}", self.rng.hex(16))
    }

    /// A locally administered MAC address (`0e:..`), as ENIs get.
    pub(crate) fn new_mac(&mut self) -> String {
        let h = self.rng.hex(10);
        format!(
            "0e:{}:{}:{}:{}:{}",
            &h[0..2],
            &h[2..4],
            &h[4..6],
            &h[6..8],
            &h[8..10]
        )
    }

    /// Creates an ENI in a subnet with the subnet's lowest free address.
    pub(crate) fn create_eni(&mut self, spec: EniSpec) -> Result<String, IpError> {
        let subnet = self
            .world
            .subnets
            .get(&spec.subnet_id)
            .ok_or(IpError::Unavailable)?;
        if subnet.pool.peek_lowest().is_none() {
            return Err(IpError::Exhausted);
        }
        let (vpc_id, az) = (subnet.vpc_id.clone(), subnet.az);
        let id = self.new_ec2_id("eni");
        let mac = self.new_mac();
        let attachment_id = spec
            .attached_to
            .as_ref()
            .map(|_| self.new_ec2_id("eni-attach"));
        // The lowest device index free on the instance (0 is the primary interface's).
        let device_index = match (&spec.attached_to, spec.kind) {
            (_, EniKind::InstancePrimary) | (None, _) => 0,
            (Some(inst), _) => {
                let used: Vec<u32> = self.world.enis_of(inst).map(|e| e.device_index).collect();
                (1..).find(|i| !used.contains(i)).unwrap_or(1)
            }
        };
        let created_at = self.now();
        let seq = self.next_seq();
        let subnet = self
            .world
            .subnets
            .get_mut(&spec.subnet_id)
            .ok_or(IpError::Unavailable)?;
        let private_ip = match spec.private_ip {
            Some(ip) => subnet.pool.take(ip, &id).map(|_| ip)?,
            None => subnet.pool.allocate(&id)?,
        };
        if let Some(inst) = &spec.attached_to {
            self.world
                .enis_by_instance
                .entry(inst.clone())
                .or_default()
                .insert(id.clone());
        }
        self.world.enis.insert(
            id.clone(),
            Box::new(Eni {
                id: id.clone(),
                kind: spec.kind,
                subnet_id: spec.subnet_id,
                vpc_id,
                az,
                private_ip,
                public_ip: None,
                mac,
                description: spec.description,
                groups: spec.groups,
                attached_to: spec.attached_to,
                attachment_id,
                device_index,
                created_at,
                requester_id: spec.requester_id,
                requester_managed: spec.requester_managed,
                interface_type: spec.interface_type,
                owner: spec.owner,
                created_seq: seq,
            }),
        );
        Ok(id)
    }

    /// Deletes an ENI and gives its address back to the subnet.
    pub(crate) fn delete_eni(&mut self, eni_id: &str) {
        if let Some(eni) = self.world.enis.remove(eni_id) {
            if let Some(inst) = &eni.attached_to {
                if let Some(ids) = self.world.enis_by_instance.get_mut(inst) {
                    ids.remove(eni_id);
                    if ids.is_empty() {
                        self.world.enis_by_instance.remove(inst);
                    }
                }
            }
            if let Some(ip) = eni.public_ip {
                self.world.public_ips.remove(&ip);
            }
            if let Some(subnet) = self.world.subnets.get_mut(&eni.subnet_id) {
                subnet.pool.release(eni.private_ip);
            }
        }
    }

    /// Gives an ENI a new public address ([`Sim::new_public_ip`]); None if there is no such
    /// ENI (the address is then not kept).
    pub(crate) fn assign_public_ip(&mut self, eni_id: &str) -> Option<Ipv4Addr> {
        let ip = self.new_public_ip();
        match self.world.enis.get_mut(eni_id) {
            Some(eni) => {
                eni.public_ip = Some(ip);
                Some(ip)
            }
            None => {
                self.world.public_ips.remove(&ip);
                None
            }
        }
    }

    /// A public IPv4 address from Amazon's pool (the sandbox draws from 3.208.0.0/12, which
    /// us-east-1 really uses), unique in the world.
    pub(crate) fn new_public_ip(&mut self) -> Ipv4Addr {
        loop {
            let base = u32::from(Ipv4Addr::new(3, 208, 0, 0));
            let ip = Ipv4Addr::from(base + self.rng.range_u64(1, (1 << 20) - 2) as u32);
            if self.world.public_ips.insert(ip) {
                return ip;
            }
        }
    }
}

/// What a new ENI is for.
#[derive(Debug, Clone)]
pub struct EniSpec {
    pub kind: EniKind,
    pub subnet_id: String,
    pub private_ip: Option<Ipv4Addr>,
    pub description: String,
    pub groups: Vec<String>,
    pub attached_to: Option<String>,
    pub requester_id: Option<String>,
    pub requester_managed: bool,
    pub interface_type: &'static str,
    pub owner: String,
}

/// The default VPC `172.31.0.0/16`, one default `/20` subnet per AZ (172.31.0.0/20 in the
/// first AZ, 172.31.16.0/20 in the second, ...), and the VPC's `default` security group.
pub(crate) fn create_default_network(sim: &mut Sim) {
    let vpc_cidr: Ipv4Net = catalog::DEFAULT_VPC_CIDR
        .parse()
        .expect("the default VPC CIDR is a valid constant");
    sim.world.dhcp_options_id = sim.new_ec2_id("dopt");
    sim.world.account_settings = AccountSettings::new();
    let vpc_id = sim.new_ec2_id("vpc");
    let cidr_assoc_id = sim.new_ec2_id("vpc-cidr-assoc");
    let seq = sim.next_seq();
    sim.world.vpcs.insert(
        vpc_id.clone(),
        Box::new(Vpc {
            id: vpc_id.clone(),
            cidr: vpc_cidr,
            is_default: true,
            cidr_assoc_id,
            tags: Vec::new(),
            created_seq: seq,
        }),
    );
    create_default_security_group(sim, &vpc_id);
    let subnets: Vec<Ipv4Net> = vpc_cidr
        .subnets(20)
        .expect("/20 is longer than /16")
        .take(AZS.len())
        .collect();
    for (az, cidr) in AZS.iter().zip(subnets) {
        let id = sim.new_ec2_id("subnet");
        let seq = sim.next_seq();
        sim.world.subnets.insert(
            id.clone(),
            Box::new(Subnet {
                id,
                vpc_id: vpc_id.clone(),
                az: az.name,
                default_for_az: true,
                map_public_ip_on_launch: true,
                pool: IpPool::new(cidr),
                tags: Vec::new(),
                created_seq: seq,
            }),
        );
    }
}

/// Every VPC comes with a security group named `default` that allows all traffic from itself
/// and all outbound traffic.
pub(crate) fn create_default_security_group(sim: &mut Sim, vpc_id: &str) -> String {
    let id = sim.new_ec2_id("sg");
    let seq = sim.next_seq();
    sim.world.security_groups.insert(
        id.clone(),
        Box::new(SecurityGroup {
            id: id.clone(),
            name: "default".into(),
            description: "default VPC security group".into(),
            vpc_id: vpc_id.to_string(),
            ingress: vec![Permission {
                protocol: "-1".into(),
                from_port: None,
                to_port: None,
                cidrs: Vec::new(),
                source_groups: vec![Peer::new(id.clone())],
            }],
            egress: vec![all_outbound()],
            tags: Vec::new(),
            created_seq: seq,
        }),
    );
    id
}

/// The egress rule every new security group starts with.
pub fn all_outbound() -> Permission {
    Permission {
        protocol: "-1".into(),
        from_port: None,
        to_port: None,
        cidrs: vec![Peer::new("0.0.0.0/0")],
        source_groups: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::catalog::AZS;
    use crate::sim::Sim;

    #[test]
    fn a_new_account_has_the_default_vpc_and_six_default_subnets() {
        let sim = Sim::new(1);
        let vpc = sim.world.default_vpc().expect("default VPC");
        assert_eq!(vpc.cidr.to_string(), "172.31.0.0/16");
        assert_eq!(sim.world.subnets.len(), 6);
        let mut azs: Vec<&str> = sim.world.subnets.values().map(|s| s.az).collect();
        azs.sort();
        assert_eq!(azs, AZS.iter().map(|a| a.name).collect::<Vec<_>>());
        for s in sim.world.subnets.values() {
            assert!(s.default_for_az);
            assert_eq!(s.cidr().prefix_len(), 20);
            assert_eq!(s.pool.free_count(), 4091);
            assert!(vpc.cidr.contains(&s.cidr()));
        }
        assert!(sim.world.default_security_group(&vpc.id).is_some());
    }

    #[test]
    fn an_arn_of_parts_is_the_arn_of_their_concatenation() {
        assert_eq!(
            super::ecs_arn_of(&["task/", "c", "/", "0123"]),
            super::ecs_arn("task/c/0123")
        );
        assert_eq!(super::ecs_arn_of(&[]), super::ecs_arn(""));
    }

    #[test]
    fn ids_are_derived_from_the_seed() {
        let (a, b, c) = (Sim::new(5), Sim::new(5), Sim::new(6));
        let ids = |s: &Sim| s.world.subnets.keys().cloned().collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        assert_ne!(ids(&a), ids(&c));
        for id in ids(&a) {
            assert!(
                id.starts_with("subnet-0") && id.len() == "subnet-".len() + 17,
                "{id}"
            );
        }
    }
}
