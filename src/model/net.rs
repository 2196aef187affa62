//! VPC networking: VPCs, subnets, security groups and network interfaces (ENIs).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Serialize, Serializer};

use super::ip_pool::IpPool;
use super::Tag;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vpc {
    pub id: String,
    #[serde(serialize_with = "as_display")]
    pub cidr: Ipv4Net,
    pub is_default: bool,
    /// `vpc-cidr-assoc-...` of its primary CIDR block.
    pub cidr_assoc_id: String,
    pub tags: Vec<Tag>,
    pub created_seq: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subnet {
    pub id: String,
    pub vpc_id: String,
    pub az: &'static str,
    pub default_for_az: bool,
    /// Default subnets give instances a public IP; subnets you create do not.
    pub map_public_ip_on_launch: bool,
    pub pool: IpPool,
    pub tags: Vec<Tag>,
    pub created_seq: u64,
}

impl Subnet {
    pub fn cidr(&self) -> Ipv4Net {
        self.pool.net()
    }
}

/// One rule of a security group, as `IpPermissions` describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Permission {
    /// `tcp`, `udp`, `icmp` or `-1` for all.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub cidrs: Vec<Peer>,
    pub source_groups: Vec<Peer>,
}

/// The other side of a rule (a CIDR block or a security group ID) with its description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Peer {
    pub target: String,
    pub description: Option<String>,
}

impl Peer {
    pub fn new(target: impl Into<String>) -> Peer {
        Peer {
            target: target.into(),
            description: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub description: String,
    pub vpc_id: String,
    pub ingress: Vec<Permission>,
    pub egress: Vec<Permission>,
    pub tags: Vec<Tag>,
    pub created_seq: u64,
}

/// What an ENI is for; decides how `describe-network-interfaces` and the IP map show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EniKind {
    /// An EC2 instance's primary interface (device index 0).
    InstancePrimary,
    /// The trunk interface ECS attaches to instances when awsvpcTrunking is on.
    Trunk,
    /// An awsvpc task's interface (EC2 or Fargate).
    Task,
    /// An EFS mount target's interface (requester-managed by EFS).
    EfsMountTarget,
    /// A load balancer node's interface in one of its subnets (owner: the load balancer ARN).
    LoadBalancer,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Eni {
    pub id: String,
    pub kind: EniKind,
    pub subnet_id: String,
    pub vpc_id: String,
    pub az: &'static str,
    pub private_ip: Ipv4Addr,
    pub public_ip: Option<Ipv4Addr>,
    pub mac: String,
    pub description: String,
    pub groups: Vec<String>,
    /// The instance it is attached to, when it is.
    pub attached_to: Option<String>,
    /// `eni-attach-...`, when attached.
    pub attachment_id: Option<String>,
    /// Its slot on the instance it is attached to (0 for the primary interface).
    pub device_index: u32,
    /// When the interface was created (and, for attached ones, attached).
    pub created_at: crate::model::time::SimTime,
    /// `amazon-aws` for interfaces AWS manages on your behalf (ECS task ENIs on Fargate).
    pub requester_id: Option<String>,
    pub requester_managed: bool,
    /// EC2's interface type: `interface`, `trunk`, `branch`...
    pub interface_type: &'static str,
    /// What the interface serves, for the sandbox's own views (task ARN, instance id).
    pub owner: String,
    pub created_seq: u64,
}

fn as_display<S: Serializer, T: std::fmt::Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

impl Serialize for IpPool {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("IpPool", 3)?;
        st.serialize_field("cidr", &self.net().to_string())?;
        st.serialize_field("available", &self.free_count())?;
        let held: Vec<(String, &str)> = self.holders().map(|(ip, h)| (ip.to_string(), h)).collect();
        st.serialize_field("held", &held)?;
        st.end()
    }
}
