//! Elastic Load Balancing v2, Application Load Balancers (ECS-REFERENCE.md §7): load
//! balancers with a node (an ENI) in each enabled Availability Zone, listeners that forward
//! to target groups, and target groups with their targets and health check settings.
//!
//! [`Elb`] keeps every table private behind methods, because the tables index each other: a
//! target group knows the load balancer its listeners give it (a target group serves one load
//! balancer at most), and health check timers find groups by number and targets by
//! registration serial (small integers, so a check every 30 s for thousands of targets clones
//! no strings).

pub mod health;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::time::SimTime;
pub use health::{CheckOutcome, Health, Matcher, ReasonCode, TargetHealth, TargetState};

/// `Scheme`: where the load balancer's nodes take traffic from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scheme {
    #[serde(rename = "internet-facing")]
    InternetFacing,
    #[serde(rename = "internal")]
    Internal,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::InternetFacing => "internet-facing",
            Scheme::Internal => "internal",
        }
    }
}

/// `State.Code` of a load balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadBalancerState {
    Provisioning,
    Active,
}

impl LoadBalancerState {
    pub fn as_str(self) -> &'static str {
        match self {
            LoadBalancerState::Provisioning => "provisioning",
            LoadBalancerState::Active => "active",
        }
    }
}

/// A listener's or a target group's protocol (an ALB speaks HTTP and HTTPS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Protocol {
    #[serde(rename = "HTTP")]
    Http,
    #[serde(rename = "HTTPS")]
    Https,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Http => "HTTP",
            Protocol::Https => "HTTPS",
        }
    }

    pub fn parse(s: &str) -> Option<Protocol> {
        match s {
            "HTTP" => Some(Protocol::Http),
            "HTTPS" => Some(Protocol::Https),
            _ => None,
        }
    }
}

/// `TargetType`: what a target's `Id` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetType {
    /// An EC2 instance ID; traffic goes to its primary private address (ECS bridge tasks
    /// register their instance and host port).
    Instance,
    /// A private IPv4 address in the VPC (ECS awsvpc and Fargate tasks register their ENI's).
    Ip,
}

impl TargetType {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetType::Instance => "instance",
            TargetType::Ip => "ip",
        }
    }
}

/// `load_balancing.algorithm.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    RoundRobin,
    LeastOutstandingRequests,
}

impl Algorithm {
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::RoundRobin => "round_robin",
            Algorithm::LeastOutstandingRequests => "least_outstanding_requests",
        }
    }

    pub fn parse(s: &str) -> Option<Algorithm> {
        match s {
            "round_robin" => Some(Algorithm::RoundRobin),
            "least_outstanding_requests" => Some(Algorithm::LeastOutstandingRequests),
            _ => None,
        }
    }
}

/// A load balancer node: the subnet it sits in and the ENI holding its address there.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    pub az: &'static str,
    pub subnet_id: String,
    pub eni_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancer {
    pub arn: String,
    pub name: String,
    /// `app/NAME/ID`, the ARN's resource part (ENI descriptions use it).
    pub resource: String,
    pub dns_name: String,
    pub scheme: Scheme,
    pub vpc_id: String,
    pub state: LoadBalancerState,
    /// One per enabled Availability Zone, in AZ order.
    pub zones: Vec<Zone>,
    pub security_groups: Vec<String>,
    pub created_at: SimTime,
    pub created_seq: u64,
}

impl LoadBalancer {
    pub fn covers(&self, az: &str) -> bool {
        self.zones.iter().any(|z| z.az == az)
    }
}

/// A listener with its forward action: the target groups and their weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listener {
    pub arn: String,
    pub load_balancer_arn: String,
    pub port: u16,
    pub protocol: Protocol,
    /// (target group ARN, weight); one entry with weight 1 for a plain `TargetGroupArn`.
    pub forward: Vec<(String, u32)>,
    /// Whether the action was given as `ForwardConfig` (describe-listeners echoes the form).
    pub forward_config: bool,
    pub created_seq: u64,
}

/// A target's identity in its group: its ID (instance ID or IP) and port.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TargetKey {
    pub id: String,
    pub port: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub key: TargetKey,
    /// The Availability Zone the target is in (its subnet's, or its instance's).
    pub az: &'static str,
    /// Unique among all registrations: health check timers name the target by it.
    pub serial: u64,
    pub registered_at: SimTime,
    pub health: Health,
    /// Bumped whenever checking starts or stops, so that timers of an older chain of checks
    /// find a different epoch and end.
    pub epoch: u32,
    /// Since when the target drains after deregistration.
    pub draining_since: Option<SimTime>,
    /// An `ip` target's address, parsed once at registration.
    #[serde(skip)]
    pub ip: Option<std::net::Ipv4Addr>,
    /// The task that answered the last check (by ID): checked first next time, so a check
    /// of a target whose task has not changed costs one lookup instead of a walk from the
    /// address through its subnet and ENI.
    #[serde(skip)]
    pub task_hint: Option<Box<str>>,
}

/// Health check settings (ECS-REFERENCE.md §7.3).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    pub enabled: bool,
    pub protocol: Protocol,
    /// None: `traffic-port`, the target's own port.
    pub port: Option<u16>,
    pub path: String,
    pub interval_s: u32,
    pub timeout_s: u32,
    pub healthy_threshold: u32,
    pub unhealthy_threshold: u32,
    pub matcher: Matcher,
}

impl HealthCheck {
    /// An ALB target group's defaults for `instance` and `ip` targets.
    pub fn alb_default() -> HealthCheck {
        HealthCheck {
            enabled: true,
            protocol: Protocol::Http,
            port: None,
            path: "/".into(),
            interval_s: 30,
            timeout_s: 5,
            healthy_threshold: 5,
            unhealthy_threshold: 2,
            matcher: Matcher("200".into()),
        }
    }
}

/// Target group attributes (ECS-REFERENCE.md §7.4).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attributes {
    pub deregistration_delay_s: u32,
    pub algorithm: Algorithm,
    pub slow_start_s: u32,
    pub stickiness_enabled: bool,
    pub stickiness_type: String,
    pub stickiness_cookie_s: u32,
}

impl Default for Attributes {
    fn default() -> Self {
        Attributes {
            deregistration_delay_s: 300,
            algorithm: Algorithm::RoundRobin,
            slow_start_s: 0,
            stickiness_enabled: false,
            stickiness_type: "lb_cookie".into(),
            stickiness_cookie_s: 86_400,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetGroup {
    pub arn: String,
    pub name: String,
    /// Health check timers name the group by it.
    pub number: u32,
    pub protocol: Protocol,
    pub port: u16,
    pub vpc_id: String,
    pub target_type: TargetType,
    pub health_check: HealthCheck,
    pub attributes: Attributes,
    /// The load balancer whose listeners forward to this group (one at most).
    pub load_balancer_arn: Option<String>,
    /// By registration serial: registration order.
    targets: BTreeMap<u64, Target>,
    by_key: BTreeMap<TargetKey, u64>,
    /// Round robin's position.
    pub next_turn: u64,
    pub created_seq: u64,
}

impl TargetGroup {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        arn: String,
        name: String,
        protocol: Protocol,
        port: u16,
        vpc_id: String,
        target_type: TargetType,
        health_check: HealthCheck,
        created_seq: u64,
    ) -> TargetGroup {
        TargetGroup {
            arn,
            name,
            number: 0,
            protocol,
            port,
            vpc_id,
            target_type,
            health_check,
            attributes: Attributes::default(),
            load_balancer_arn: None,
            targets: BTreeMap::new(),
            by_key: BTreeMap::new(),
            next_turn: 0,
            created_seq,
        }
    }

    /// Targets in registration order.
    pub fn targets(&self) -> impl Iterator<Item = &Target> + '_ {
        self.targets.values()
    }

    pub fn target_count(&self) -> usize {
        self.targets.len()
    }

    pub fn target(&self, key: &TargetKey) -> Option<&Target> {
        self.targets.get(self.by_key.get(key)?)
    }

    pub fn target_by_serial(&self, serial: u64) -> Option<&Target> {
        self.targets.get(&serial)
    }

    pub fn target_by_serial_mut(&mut self, serial: u64) -> Option<&mut Target> {
        self.targets.get_mut(&serial)
    }

    pub fn target_mut(&mut self, key: &TargetKey) -> Option<&mut Target> {
        self.targets.get_mut(self.by_key.get(key)?)
    }

    pub fn insert_target(&mut self, target: Target) {
        if let Some(old) = self.by_key.insert(target.key.clone(), target.serial) {
            self.targets.remove(&old);
        }
        self.targets.insert(target.serial, target);
    }

    pub fn remove_target(&mut self, key: &TargetKey) -> Option<Target> {
        let serial = self.by_key.remove(key)?;
        self.targets.remove(&serial)
    }

    /// Serials of every target, in registration order.
    pub fn serials(&self) -> Vec<u64> {
        self.targets.keys().copied().collect()
    }
}

/// A sandbox fault on a task's application (`sim fail-health`, `sim slow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppFault {
    /// The status code the application answers with instead of 200.
    pub status: Option<u16>,
    /// The application does not answer at all (health checks time out).
    pub hang: bool,
    /// How long each request takes, in ms (default [`DEFAULT_LATENCY_MS`]).
    pub latency_ms: Option<u32>,
}

/// How long a simulated request takes at a task with no `sim slow` fault.
pub const DEFAULT_LATENCY_MS: u32 = 20;

/// Every ELB resource of the account.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Elb {
    load_balancers: BTreeMap<String, Box<LoadBalancer>>,
    listeners: BTreeMap<String, Box<Listener>>,
    /// By number (creation order): health check timers find their group without comparing
    /// ARNs.
    target_groups: BTreeMap<u32, Box<TargetGroup>>,
    /// Target group ARN -> number (an index of `target_groups`).
    #[serde(skip)]
    group_numbers: BTreeMap<String, u32>,
    #[serde(skip)]
    next_number: u32,
    #[serde(skip)]
    next_serial: u64,
    /// Faults on tasks' applications, by task ID.
    faults: BTreeMap<String, AppFault>,
}

impl Elb {
    pub fn is_empty(&self) -> bool {
        self.load_balancers.is_empty()
            && self.target_groups.is_empty()
            && self.faults.is_empty()
            && self.listeners.is_empty()
    }

    pub fn load_balancers(&self) -> impl Iterator<Item = &LoadBalancer> + '_ {
        self.load_balancers.values().map(Box::as_ref)
    }

    pub fn load_balancer(&self, arn: &str) -> Option<&LoadBalancer> {
        self.load_balancers.get(arn).map(Box::as_ref)
    }

    pub fn load_balancer_named(&self, name: &str) -> Option<&LoadBalancer> {
        self.load_balancers().find(|l| l.name == name)
    }

    pub fn load_balancer_mut(&mut self, arn: &str) -> Option<&mut LoadBalancer> {
        self.load_balancers.get_mut(arn).map(Box::as_mut)
    }

    pub fn insert_load_balancer(&mut self, lb: LoadBalancer) {
        self.load_balancers.insert(lb.arn.clone(), Box::new(lb));
    }

    /// Removes a load balancer and its listeners (which frees their target groups).
    pub fn remove_load_balancer(&mut self, arn: &str) -> Option<LoadBalancer> {
        let listeners: Vec<String> = self
            .listeners()
            .filter(|l| l.load_balancer_arn == arn)
            .map(|l| l.arn.clone())
            .collect();
        for l in listeners {
            self.remove_listener(&l);
        }
        self.load_balancers.remove(arn).map(|b| *b)
    }

    pub fn listeners(&self) -> impl Iterator<Item = &Listener> + '_ {
        self.listeners.values().map(Box::as_ref)
    }

    pub fn listener(&self, arn: &str) -> Option<&Listener> {
        self.listeners.get(arn).map(Box::as_ref)
    }

    /// Adds a listener; its target groups now serve its load balancer.
    pub fn insert_listener(&mut self, listener: Listener) {
        for (tg, _) in &listener.forward {
            if let Some(g) = self.target_group_mut(tg) {
                g.load_balancer_arn = Some(listener.load_balancer_arn.clone());
            }
        }
        self.listeners
            .insert(listener.arn.clone(), Box::new(listener));
    }

    /// Removes a listener; a target group no other listener forwards to serves no load
    /// balancer any more.
    pub fn remove_listener(&mut self, arn: &str) -> Option<Listener> {
        let listener = self.listeners.remove(arn)?;
        for (tg, _) in &listener.forward {
            let still_used = self
                .listeners
                .values()
                .any(|l| l.forward.iter().any(|(t, _)| t == tg));
            if !still_used {
                if let Some(g) = self.target_group_mut(tg) {
                    g.load_balancer_arn = None;
                }
            }
        }
        Some(*listener)
    }

    pub fn target_groups(&self) -> impl Iterator<Item = &TargetGroup> + '_ {
        self.target_groups.values().map(Box::as_ref)
    }

    pub fn target_group(&self, arn: &str) -> Option<&TargetGroup> {
        self.target_group_by_number(*self.group_numbers.get(arn)?)
    }

    pub fn target_group_mut(&mut self, arn: &str) -> Option<&mut TargetGroup> {
        self.target_group_by_number_mut(*self.group_numbers.get(arn)?)
    }

    pub fn target_group_by_number(&self, number: u32) -> Option<&TargetGroup> {
        self.target_groups.get(&number).map(Box::as_ref)
    }

    pub fn target_group_by_number_mut(&mut self, number: u32) -> Option<&mut TargetGroup> {
        self.target_groups.get_mut(&number).map(Box::as_mut)
    }

    /// Adds a target group, giving it its number.
    pub fn insert_target_group(&mut self, mut tg: TargetGroup) -> u32 {
        self.next_number += 1;
        tg.number = self.next_number;
        self.group_numbers.insert(tg.arn.clone(), tg.number);
        let n = tg.number;
        self.target_groups.insert(n, Box::new(tg));
        n
    }

    pub fn remove_target_group(&mut self, arn: &str) -> Option<TargetGroup> {
        let n = self.group_numbers.remove(arn)?;
        self.target_groups.remove(&n).map(|b| *b)
    }

    /// A new registration serial.
    pub fn next_serial(&mut self) -> u64 {
        self.next_serial += 1;
        self.next_serial
    }

    pub fn fault(&self, task_id: &str) -> Option<&AppFault> {
        self.faults.get(task_id)
    }

    /// Changes a task's fault; a fault with nothing left in it is removed.
    pub fn set_fault(&mut self, task_id: &str, f: impl FnOnce(&mut AppFault)) {
        let entry = self.faults.entry(task_id.to_string()).or_insert(AppFault {
            status: None,
            hang: false,
            latency_ms: None,
        });
        f(entry);
        if entry.status.is_none() && !entry.hang && entry.latency_ms.is_none() {
            self.faults.remove(task_id);
        }
    }
}
