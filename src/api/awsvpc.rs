//! The awsvpc network configuration of RunTask and StartTask (ECS-REFERENCE.md §3.2): up to 16
//! subnets of one VPC, up to 5 security groups of that VPC (the VPC's `default` group when
//! none), and whether Fargate gives the task a public IP.
//!
//! ECS checks the subnets and groups with EC2 and passes EC2's error on; where the wording of
//! a check is not documented the text here is ours and says so.

use super::error::ApiError;
use super::input::Input;
use crate::model::task_def::{NetworkMode, TaskDefinition};
use crate::placement::request::{EniNeeds, TaskNeeds};
use crate::sim::world::World;

const MAX_SUBNETS: usize = 16;
const MAX_SECURITY_GROUPS: usize = 5;

/// A validated `awsvpcConfiguration`.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkConfig {
    /// In the order given, without repeats.
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub assign_public_ip: bool,
    pub vpc_id: String,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::invalid_parameter(message)
}

impl NetworkConfig {
    /// What placement on EC2 needs: an instance in one of the subnets' AZs, in their VPC.
    pub fn needs(&self, world: &World) -> EniNeeds {
        let mut azs: Vec<&'static str> = Vec::new();
        for s in &self.subnets {
            if let Some(subnet) = world.subnets.get(s) {
                if !azs.contains(&subnet.az) {
                    azs.push(subnet.az);
                }
            }
        }
        EniNeeds {
            vpc_id: self.vpc_id.clone(),
            azs,
        }
    }

    /// Adds what an awsvpc task needs of an EC2 instance: an ENI slot where its subnets
    /// are, and the `ecs.capability.task-eni` attribute.
    pub fn require_on_instances(&self, world: &World, needs: &mut TaskNeeds) {
        needs.eni = Some(self.needs(world));
        needs
            .attributes
            .push(("ecs.capability.task-eni".into(), None));
    }

    /// The task's subnets in one AZ, in the order given.
    pub fn subnets_in(&self, world: &World, az: &str) -> Vec<String> {
        self.subnets
            .iter()
            .filter(|s| world.subnets.get(*s).is_some_and(|x| x.az == az))
            .cloned()
            .collect()
    }
}

/// The IDs given, in order, each once.
fn unique(ids: Vec<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.iter().any(|x| x == id) {
            out.push(id.to_string());
        }
    }
    out
}

/// The IDs that name nothing.
fn absent(ids: &[String], exists: impl Fn(&str) -> bool) -> Vec<&str> {
    ids.iter()
        .map(String::as_str)
        .filter(|id| !exists(id))
        .collect()
}

/// A VPC's `default` security group.
pub fn default_security_group(world: &World, vpc_id: &str) -> Option<String> {
    world
        .security_groups
        .values()
        .find(|g| g.vpc_id == vpc_id && g.name == "default")
        .map(|g| g.id.clone())
}

/// Reads and checks `networkConfiguration` against the task definition's network mode.
/// `fargate` decides whether `assignPublicIp=ENABLED` is allowed.
pub fn parse(
    world: &World,
    input: &Input,
    td: &TaskDefinition,
    fargate: bool,
) -> Result<Option<NetworkConfig>, ApiError> {
    let given = input.object("networkConfiguration")?;
    if td.network_mode() != NetworkMode::Awsvpc {
        if given.is_some() {
            return Err(invalid(
                "Network Configuration is not valid for the given networkMode of this task definition.",
            ));
        }
        return Ok(None);
    }
    let Some(config) = given
        .map(|g| g.object("awsvpcConfiguration"))
        .transpose()?
        .flatten()
    else {
        return Err(invalid(
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        ));
    };
    let subnets = unique(config.strings("subnets")?);
    if subnets.is_empty() {
        return Err(invalid("subnets can not be empty."));
    }
    if subnets.len() > MAX_SUBNETS {
        return Err(invalid(format!(
            "subnets can have at most {MAX_SUBNETS} items."
        )));
    }
    let missing = absent(&subnets, |s| world.subnets.contains_key(s));
    if let Some(first) = missing.first() {
        return Err(invalid(format!(
            "Error retrieving subnet information for [{}]: The subnet ID '{first}' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidSubnetID.NotFound)",
            missing.join(", ")
        )));
    }
    let vpc_id = world.subnets[&subnets[0]].vpc_id.clone();
    if let Some(other) = subnets.iter().find(|s| world.subnets[*s].vpc_id != vpc_id) {
        // Our wording: ECS requires one VPC but its text is not documented.
        return Err(invalid(format!(
            "The subnets of a task must be in the same VPC: {} is in {vpc_id}, {other} is in {}.",
            subnets[0], world.subnets[other].vpc_id
        )));
    }
    let mut groups = unique(config.strings("securityGroups")?);
    if groups.len() > MAX_SECURITY_GROUPS {
        return Err(invalid(format!(
            "securityGroups can have at most {MAX_SECURITY_GROUPS} items."
        )));
    }
    let missing = absent(&groups, |g| world.security_groups.contains_key(g));
    if let Some(first) = missing.first() {
        return Err(invalid(format!(
            "Error retrieving security group information for [{}]: The security group '{first}' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound)",
            missing.join(", ")
        )));
    }
    if let Some(g) = groups
        .iter()
        .find(|g| world.security_groups[*g].vpc_id != vpc_id)
    {
        // Our wording, as above.
        return Err(invalid(format!(
            "Security group {g} is in {}, not in the VPC of the task's subnets ({vpc_id}).",
            world.security_groups[g].vpc_id
        )));
    }
    if groups.is_empty() {
        // ECS uses the VPC's default security group when none is given.
        groups.extend(default_security_group(world, &vpc_id));
    }
    let assign_public_ip = match config.str("assignPublicIp")? {
        None | Some("DISABLED") => false,
        Some("ENABLED") => true,
        Some(_) => return Err(ApiError::one_of("assignPublicIp", &["ENABLED", "DISABLED"])),
    };
    if assign_public_ip && !fargate {
        return Err(invalid(
            "Assign public IP is not supported for this launch type.",
        ));
    }
    Ok(Some(NetworkConfig {
        subnets,
        security_groups: groups,
        assign_public_ip,
        vpc_id,
    }))
}
