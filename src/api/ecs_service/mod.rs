//! ECS service operations (ECS-REFERENCE.md §6): CreateService, UpdateService, DeleteService,
//! DescribeServices and ListServices. Each validates the whole request first, so a refused
//! call leaves the world as it was; what happens next over time is the scheduler's
//! ([`scheduler`]), which the first CreateService installs in the simulation.
//!
//! Messages are ECS's where it is known to say them; where no text is documented or observed
//! the wording is ours and a comment says so.

pub mod scheduler;

use serde_json::{Map, Value};

use super::awsvpc::{self, NetworkConfig};
use super::capacity;
use super::ecs_cluster::{active_cluster, cluster_name};
use super::ecs_task_def::{resolve, TaskDefRef};
use super::error::ApiError;
use super::input::Input;
use crate::json::{json, put};
use crate::model::service::{
    Deployment, DeploymentConfiguration, DeploymentStatus, RolloutState, SchedulingStrategy,
    Service, ServiceNetwork, ServiceStatus,
};
use crate::model::task::{LaunchType, TaskStatus};
use crate::model::task_def::TaskDefinition;
use crate::model::time::Instant;
use crate::placement::request::{parse_constraint, MAX_CONSTRAINTS, MAX_STRATEGIES};
use crate::placement::Strategy;
use crate::sim::log::What;
use crate::sim::world::{caller_arn, ecs_arn_of};
use crate::sim::Sim;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::invalid_parameter(message)
}

fn service_not_found() -> ApiError {
    ApiError::new("ServiceNotFoundException", "Service not found.")
}

fn service_not_active() -> ApiError {
    ApiError::new("ServiceNotActiveException", "Service was not ACTIVE.")
}

/// The ARN of a service named by name or ARN in a cluster.
fn service_arn(cluster: &str, raw: &str) -> String {
    let name = if raw.starts_with("arn:") {
        raw.rsplit('/').next().unwrap_or(raw)
    } else {
        raw
    };
    ecs_arn_of(&["service/", cluster, "/", name])
}

/// The service a request's `service` member names, in its cluster.
fn named_service(sim: &Sim, input: &Input) -> Result<String, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let raw = input.req_str("service", || invalid("service is required"))?;
    let arn = service_arn(&cluster, raw);
    match sim.world.service(&arn) {
        None => Err(service_not_found()),
        Some(s) if s.status == ServiceStatus::Inactive => Err(service_not_found()),
        Some(_) => Ok(arn),
    }
}

/// The task definition named by `taskDefinition`, ACTIVE, whose roles the caller may pass.
fn task_definition(sim: &Sim, text: &str) -> Result<TaskDefinition, ApiError> {
    let td = TaskDefRef::parse(text)
        .and_then(|r| resolve(&sim.world, &r))
        .ok_or_else(|| invalid("TaskDefinition not found."))?;
    if td.status != crate::model::task_def::TaskDefinitionStatus::Active {
        return Err(invalid("TaskDefinition is inactive"));
    }
    // The caller hands the definition's roles to the service's tasks.
    crate::api::pass_role::check(
        sim,
        &[
            td.task_role_arn.as_deref(),
            td.execution_role_arn.as_deref(),
        ],
    )?;
    Ok(td.clone())
}

/// Reads `deploymentConfiguration` over `base`.
fn deployment_configuration(
    input: &Input,
    base: DeploymentConfiguration,
    strategy: SchedulingStrategy,
) -> Result<DeploymentConfiguration, ApiError> {
    let mut c = base;
    let Some(d) = input.object("deploymentConfiguration")? else {
        return Ok(c);
    };
    if let Some(max) = d.i64("maximumPercent")? {
        c.maximum_percent =
            u32::try_from(max).map_err(|_| invalid("maximumPercent can not be negative."))?;
    }
    if let Some(min) = d.i64("minimumHealthyPercent")? {
        c.minimum_healthy_percent = u32::try_from(min)
            .map_err(|_| invalid("minimumHealthyPercent can not be negative."))?;
    }
    if let Some(b) = d.object("deploymentCircuitBreaker")? {
        c.circuit_breaker_enable = b.bool("enable")?.unwrap_or(false);
        c.circuit_breaker_rollback = b.bool("rollback")?.unwrap_or(false);
    }
    // Our wording for the bounds ECS enforces: the minimum is a percentage of the desired
    // count (0-100), the maximum at least the minimum, and a daemon's maximum 100.
    if c.minimum_healthy_percent > 100 {
        return Err(invalid("minimumHealthyPercent must be between 0 and 100."));
    }
    if c.maximum_percent < c.minimum_healthy_percent {
        return Err(invalid(
            "maximumPercent must be greater than or equal to minimumHealthyPercent.",
        ));
    }
    if c.maximum_percent == 0 {
        return Err(invalid("maximumPercent must be greater than 0."));
    }
    if strategy == SchedulingStrategy::Daemon && c.maximum_percent != 100 {
        return Err(invalid(
            "The maximumPercent of a daemon service must be 100.",
        ));
    }
    Ok(c)
}

/// `placementConstraints` and `placementStrategy` as given, after checking they parse.
type Placement = (Vec<(String, Option<String>)>, Vec<(String, Option<String>)>);

fn placement(input: &Input, td: &TaskDefinition) -> Result<Placement, ApiError> {
    let mut constraints = Vec::new();
    for c in input.list("placementConstraints")? {
        let kind = c.str("type")?.unwrap_or_default();
        let expression = c.str("expression")?;
        parse_constraint(kind, expression).map_err(invalid)?;
        constraints.push((kind.to_string(), expression.map(str::to_string)));
    }
    if constraints.len() + td.placement_constraints.len() > MAX_CONSTRAINTS {
        return Err(invalid(format!(
            "The maximum number of placement constraints is {MAX_CONSTRAINTS} (the task definition's and the request's together)."
        )));
    }
    let items = input.list("placementStrategy")?;
    if items.len() > MAX_STRATEGIES {
        return Err(invalid(format!(
            "The maximum number of placement strategies is {MAX_STRATEGIES}."
        )));
    }
    let mut strategies = Vec::new();
    for s in items {
        let kind = s.str("type")?.unwrap_or_default();
        let field = s.str("field")?;
        Strategy::parse(kind, field).map_err(invalid)?;
        strategies.push((kind.to_string(), field.map(str::to_string)));
    }
    Ok((constraints, strategies))
}

fn network_of(n: NetworkConfig) -> ServiceNetwork {
    ServiceNetwork {
        subnets: n.subnets,
        security_groups: n.security_groups,
        assign_public_ip: n.assign_public_ip,
        vpc_id: n.vpc_id,
    }
}

/// A new deployment ID: `ecs-svc/` and 19 digits.
fn new_deployment_id(sim: &mut Sim) -> String {
    let n = sim
        .rng
        .range_u64(1_000_000_000_000_000_000, 9_999_999_999_999_999_999);
    format!("ecs-svc/{n}")
}

/// A new PRIMARY deployment of `td` for `desired` tasks.
pub(crate) fn new_deployment(sim: &mut Sim, td_arn: &str, desired: u32) -> Deployment {
    let id = new_deployment_id(sim);
    Deployment {
        rollout_state_reason: format!("ECS deployment {id} in progress."),
        id,
        status: DeploymentStatus::Primary,
        task_definition_arn: td_arn.to_string(),
        desired_count: desired,
        failed_tasks: 0,
        created_at: sim.now(),
        updated_at: sim.now(),
        rollout_state: RolloutState::InProgress,
        tasks: Default::default(),
    }
}

/// Checks the `loadBalancers` entries against the task definition (registering targets comes
/// with the load balancer simulation); returns them as given.
fn load_balancers(sim: &Sim, input: &Input, td: &TaskDefinition) -> Result<Value, ApiError> {
    let items = input.list("loadBalancers")?;
    if items.len() > 5 {
        return Err(invalid("loadBalancers can have at most 5 items."));
    }
    for lb in &items {
        let name = lb.str("containerName")?.unwrap_or_default();
        let Some(container) = td.container_definitions.iter().find(|c| c.name == name) else {
            return Err(invalid(format!(
                "The container {name} does not exist in the task definition."
            )));
        };
        let port = lb.i64("containerPort")?.unwrap_or(0);
        if !container
            .port_mappings
            .iter()
            .any(|m| m.container_port.map(i64::from) == Some(port))
        {
            return Err(invalid(format!(
                "The container {name} did not have a container port {port} defined."
            )));
        }
        let Some(arn) = lb.str("targetGroupArn")? else {
            continue;
        };
        let tg = sim.world.elb().target_group(arn).ok_or_else(|| {
            invalid(format!(
                "The target group with targetGroupArn {arn} does not exist."
            ))
        })?;
        if tg.load_balancer_arn.is_none() {
            return Err(invalid(format!(
                "The target group with targetGroupArn {arn} does not have an associated load \
                 balancer."
            )));
        }
        // awsvpc tasks register their IP; bridge and host tasks their instance.
        let mode = td.network_mode();
        let fits = match tg.target_type {
            crate::model::elb::TargetType::Ip => {
                mode == crate::model::task_def::NetworkMode::Awsvpc
            }
            crate::model::elb::TargetType::Instance => {
                mode != crate::model::task_def::NetworkMode::Awsvpc
            }
        };
        if !fits {
            return Err(invalid(format!(
                "The provided target group {arn} has target type {}, which is incompatible with \
                 the {} network mode specified in the task definition.",
                tg.target_type.as_str(),
                mode.as_str()
            )));
        }
    }
    Ok(Value::Array(items.iter().map(Input::as_value).collect()))
}

pub fn create_service(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let name = input.req_str("serviceName", || invalid("serviceName is required"))?;
    if name.is_empty()
        || name.len() > 255
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(invalid(
            "Invalid service name. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.",
        ));
    }
    let strategy = match input.str("schedulingStrategy")? {
        None | Some("REPLICA") => SchedulingStrategy::Replica,
        Some("DAEMON") => SchedulingStrategy::Daemon,
        Some(_) => {
            return Err(ApiError::one_of(
                "schedulingStrategy",
                &["REPLICA", "DAEMON"],
            ))
        }
    };
    if let Some(c) = input.object("deploymentController")? {
        match c.str("type")? {
            Some("ECS") | None => {}
            Some("CODE_DEPLOY" | "EXTERNAL") => {
                // Our wording: the sandbox simulates the rolling (ECS) controller only.
                return Err(invalid(
                    "The sandbox simulates the ECS (rolling update) deployment controller only.",
                ));
            }
            Some(_) => {
                return Err(ApiError::one_of(
                    "deploymentController.type",
                    &["ECS", "CODE_DEPLOY", "EXTERNAL"],
                ))
            }
        }
    }
    let td_text = input.req_str("taskDefinition", || {
        invalid("TaskDefinition is required for the ECS deployment controller.")
    })?;
    let td = task_definition(sim, td_text)?;
    let desired = match (strategy, input.i64("desiredCount")?) {
        (SchedulingStrategy::Daemon, Some(_)) => {
            return Err(invalid(
                "The daemon scheduling strategy does not support a desired count for services.",
            ))
        }
        // A daemon's desired count is its cluster's ACTIVE instances.
        (SchedulingStrategy::Daemon, None) => sim
            .world
            .container_instances()
            .values()
            .filter(|ci| {
                ci.cluster == cluster
                    && ci.status == crate::model::ecs::ContainerInstanceStatus::Active
            })
            .count() as u32,
        (SchedulingStrategy::Replica, n) => u32::try_from(n.unwrap_or(0))
            .ok()
            .filter(|n| *n <= 5_000)
            // Our wording; 5,000 tasks per service is ECS's quota (§6.1).
            .ok_or_else(|| invalid("desiredCount must be between 0 and 5000."))?,
    };
    let (launch_type, providers) = launch(sim, input, &cluster, &td)?;
    let fargate = launch_type == Some(LaunchType::Fargate) || !providers.is_empty();
    if strategy == SchedulingStrategy::Daemon && fargate {
        return Err(invalid(
            "The daemon scheduling strategy is not supported with the FARGATE launch type.",
        ));
    }
    let config = deployment_configuration(
        input,
        DeploymentConfiguration::default_for(strategy),
        strategy,
    )?;
    let network = awsvpc::parse(&sim.world, input, &td, fargate)?.map(network_of);
    let (constraints, strategies) = placement(input, &td)?;
    if fargate && !(constraints.is_empty() && strategies.is_empty()) {
        return Err(invalid(
            "Placement constraints are not supported with FARGATE launch type.",
        ));
    }
    if strategy == SchedulingStrategy::Daemon && !strategies.is_empty() {
        // Our wording: a daemon places one task per instance and takes no strategy.
        return Err(invalid(
            "Placement strategies are not supported for the DAEMON scheduling strategy.",
        ));
    }
    let lbs = load_balancers(sim, input, &td)?;
    let grace = input.i64("healthCheckGracePeriodSeconds")?;
    if grace.is_some() && lbs.as_array().is_none_or(Vec::is_empty) {
        return Err(invalid(
            "Health check grace period is only valid for services configured to use load balancers",
        ));
    }
    let grace = grace
        .map(|g| {
            u32::try_from(g)
                .map_err(|_| invalid("healthCheckGracePeriodSeconds can not be negative."))
        })
        .transpose()?;
    let arn = service_arn(&cluster, name);
    if sim
        .world
        .service(&arn)
        .is_some_and(|s| s.status != ServiceStatus::Inactive)
    {
        return Err(invalid("Creation of service was not idempotent."));
    }
    let platform_version = platform_version(input, fargate, None)?;
    // Everything is checked: from here the call changes the world.
    let deployment = new_deployment(sim, &td.task_definition_arn, desired);
    let seq = sim.next_seq();
    let service = Service {
        arn: arn.clone(),
        name: name.to_string(),
        cluster: cluster.clone(),
        status: ServiceStatus::Active,
        desired_count: desired,
        launch_type,
        capacity_provider_strategy: providers,
        task_definition_arn: td.task_definition_arn.clone(),
        config,
        scheduling_strategy: strategy,
        placement_constraints: constraints,
        placement_strategy: strategies,
        network,
        platform_version,
        load_balancers: lbs,
        health_check_grace_period_s: grace,
        deployments: vec![deployment],
        events: Default::default(),
        created_at: sim.now(),
        created_seq: seq,
        check_at: None,
        steady: false,
        start_failures: 0,
        throttled_until: 0,
        last_failed_start_at: 0,
        last_completed: None,
    };
    let deployment_id = service.deployments[0].id.clone();
    sim.world.insert_service(service);
    sim.set_service_scheduler(scheduler::look);
    sim.record(What::ServiceCreated {
        service_arn: arn.as_str().into(),
        service: name.into(),
        desired_count: desired,
    });
    sim.record(What::DeploymentStarted {
        service_arn: arn.as_str().into(),
        service: name.into(),
        deployment_id: deployment_id.into(),
        task_definition_arn: td.task_definition_arn.as_str().into(),
    });
    sim.request_service_check(&arn, crate::sim::SERVICE_REACTION_MS);
    Ok(json!({ "service": service_json(sim, &arn) }))
}

/// The platform version of a Fargate service as given (`LATEST` when not), checked against
/// the versions Fargate has (ECS-REFERENCE.md §4.2); `current` when not given on an update.
fn platform_version(
    input: &Input,
    fargate: bool,
    current: Option<&str>,
) -> Result<Option<String>, ApiError> {
    match (input.str("platformVersion")?, fargate) {
        (None, false) => Ok(None),
        (Some(_), false) => Err(invalid(
            "A platform version can only be given for tasks on Fargate.",
        )),
        (None, true) => Ok(Some(current.unwrap_or("LATEST").to_string())),
        (Some(v @ ("LATEST" | "1.4.0" | "1.3.0")), true) => Ok(Some(v.to_string())),
        (Some(_), true) => Err(invalid("The specified platform version does not exist.")),
    }
}

/// The launch type or capacity provider strategy of a new service: as given, else the
/// cluster's default strategy, else EC2.
fn launch(
    sim: &Sim,
    input: &Input,
    cluster: &str,
    td: &TaskDefinition,
) -> Result<
    (
        Option<LaunchType>,
        Vec<crate::model::ecs::CapacityProviderItem>,
    ),
    ApiError,
> {
    let (launch_type, providers) = capacity::launch_choice(sim, input, cluster)?;
    // A service with neither runs on EC2 (the default launch type).
    let launch_type = match launch_type {
        None if providers.is_empty() => Some(LaunchType::Ec2),
        other => other,
    };
    let fargate = launch_type == Some(LaunchType::Fargate) || !providers.is_empty();
    if fargate && !td.is_fargate_compatible() {
        return Err(invalid(
            "Task definition does not support launch_type FARGATE.",
        ));
    }
    if !fargate
        && td
            .requires_compatibilities
            .as_ref()
            .is_some_and(|c| !c.contains(&crate::model::task_def::Compatibility::Ec2))
    {
        return Err(invalid("Task definition does not support launch_type EC2."));
    }
    Ok((launch_type, providers))
}

pub fn update_service(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = named_service(sim, input)?;
    let svc = sim
        .world
        .service(&arn)
        .cloned()
        .ok_or_else(service_not_found)?;
    if svc.status != ServiceStatus::Active {
        return Err(service_not_active());
    }
    let daemon = svc.scheduling_strategy == SchedulingStrategy::Daemon;
    let desired = match input.i64("desiredCount")? {
        Some(_) if daemon => {
            return Err(invalid(
                "The daemon scheduling strategy does not support a desired count for services.",
            ))
        }
        Some(n) => Some(
            u32::try_from(n)
                .ok()
                .filter(|n| *n <= 5_000)
                .ok_or_else(|| invalid("desiredCount must be between 0 and 5000."))?,
        ),
        None => None,
    };
    let td = match input.str("taskDefinition")? {
        Some(t) => task_definition(sim, t)?,
        None => {
            let r = TaskDefRef::parse(&svc.task_definition_arn).ok_or_else(service_not_found)?;
            resolve(&sim.world, &r)
                .cloned()
                .ok_or_else(service_not_found)?
        }
    };
    if input.has("launchType") {
        return Err(invalid("launchType can not be updated."));
    }
    let fargate =
        svc.launch_type == Some(LaunchType::Fargate) || !svc.capacity_provider_strategy.is_empty();
    let config = deployment_configuration(input, svc.config, svc.scheduling_strategy)?;
    let network = if input.has("networkConfiguration") {
        awsvpc::parse(&sim.world, input, &td, fargate)?.map(network_of)
    } else if td.network_mode() == crate::model::task_def::NetworkMode::Awsvpc {
        if svc.network.is_none() {
            return Err(invalid(
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
            ));
        }
        svc.network.clone()
    } else {
        None
    };
    let new_placement = if input.has("placementConstraints") || input.has("placementStrategy") {
        Some(placement(input, &td)?)
    } else {
        None
    };
    let platform = platform_version(input, fargate, svc.platform_version.as_deref())?;
    let providers = if input.has("capacityProviderStrategy") {
        if !fargate {
            // Our wording: the sandbox's capacity providers are Fargate's, and ECS moves a
            // service between launch type and providers only with a new deployment.
            return Err(invalid(
                "The capacity provider strategy of a service on the EC2 launch type can not be updated: the sandbox's capacity providers are FARGATE and FARGATE_SPOT.",
            ));
        }
        let associated = sim
            .world
            .clusters
            .get(&svc.cluster)
            .map_or(&[][..], |c| c.capacity_providers.as_slice());
        Some(capacity::parse_strategy(
            input,
            "capacityProviderStrategy",
            associated,
        )?)
    } else {
        None
    };
    let force = input.bool("forceNewDeployment")?.unwrap_or(false);
    // Everything is checked: from here the call changes the world.
    let new_td = td.task_definition_arn != svc.task_definition_arn;
    let redeploy = force
        || new_td
        || network != svc.network
        || platform != svc.platform_version
        || providers
            .as_ref()
            .is_some_and(|p| *p != svc.capacity_provider_strategy);
    let desired_now = desired.unwrap_or(svc.desired_count);
    let deployment = redeploy.then(|| new_deployment(sim, &td.task_definition_arn, desired_now));
    let now = sim.now();
    let deployment_id = deployment.as_ref().map(|d| d.id.clone());
    sim.world.change_service(&arn, |s| {
        s.config = config;
        s.network = network;
        s.desired_count = desired_now;
        s.task_definition_arn = td.task_definition_arn.clone();
        s.platform_version = platform;
        if let Some(p) = providers {
            s.launch_type = None;
            s.capacity_provider_strategy = p;
        }
        if let Some((c, p)) = new_placement {
            s.placement_constraints = c;
            s.placement_strategy = p;
        }
        // An update resets the throttle (§6.6).
        s.start_failures = 0;
        s.throttled_until = 0;
        if let Some(d) = deployment {
            for old in &mut s.deployments {
                old.status = DeploymentStatus::Active;
                old.updated_at = now;
            }
            s.deployments.insert(0, d);
            s.steady = false;
        } else if let Some(p) = s.deployments.first_mut() {
            if p.desired_count != desired_now {
                p.desired_count = desired_now;
                p.updated_at = now;
                s.steady = false;
            }
        }
    });
    if desired.is_some_and(|d| d != svc.desired_count) {
        sim.record(What::ServiceDesiredCountChanged {
            service_arn: arn.as_str().into(),
            service: svc.name.as_str().into(),
            desired_count: desired_now,
        });
    }
    if let Some(id) = deployment_id {
        sim.record(What::DeploymentStarted {
            service_arn: arn.as_str().into(),
            service: svc.name.as_str().into(),
            deployment_id: id.into(),
            task_definition_arn: td.task_definition_arn.as_str().into(),
        });
    }
    sim.request_service_check(&arn, crate::sim::SERVICE_REACTION_MS);
    Ok(json!({ "service": service_json(sim, &arn) }))
}

pub fn delete_service(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let arn = named_service(sim, input)?;
    let svc = sim.world.service(&arn).ok_or_else(service_not_found)?;
    if svc.status != ServiceStatus::Active {
        return Err(service_not_active());
    }
    let force = input.bool("force")?.unwrap_or(false);
    if svc.scheduling_strategy == SchedulingStrategy::Replica && svc.desired_count > 0 && !force {
        return Err(invalid(
            "The service cannot be stopped while it is scaled above 0.",
        ));
    }
    let name = svc.name.clone();
    sim.world.change_service(&arn, |s| {
        s.status = ServiceStatus::Draining;
        s.desired_count = 0;
        for d in &mut s.deployments {
            d.desired_count = 0;
        }
    });
    sim.record(What::ServiceDeleted {
        service_arn: arn.as_str().into(),
        service: name.into(),
    });
    sim.request_service_check(&arn, crate::sim::SERVICE_REACTION_MS);
    Ok(json!({ "service": service_json(sim, &arn) }))
}

pub fn describe_services(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = cluster_name(input)?.to_string();
    if !sim.world.clusters.contains_key(&cluster) {
        return Err(ApiError::cluster_not_found());
    }
    let wanted = input.strings("services")?;
    if wanted.is_empty() {
        return Err(invalid("Services cannot be empty."));
    }
    if wanted.len() > 10 {
        return Err(invalid("services can have at most 10 items."));
    }
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for raw in wanted {
        let arn = service_arn(&cluster, raw);
        if sim.world.service(&arn).is_some() {
            out.push(service_json(sim, &arn));
        } else {
            failures.push(json!({"arn": arn, "reason": "MISSING"}));
        }
    }
    Ok(json!({ "services": out, "failures": failures }))
}

pub fn list_services(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let launch_type = match input.str("launchType")? {
        None => None,
        Some(l) => Some(
            LaunchType::parse(l)
                .ok_or_else(|| ApiError::one_of("launchType", &["EC2", "FARGATE", "EXTERNAL"]))?,
        ),
    };
    let strategy = match input.str("schedulingStrategy")? {
        None => None,
        Some("REPLICA") => Some(SchedulingStrategy::Replica),
        Some("DAEMON") => Some(SchedulingStrategy::Daemon),
        Some(_) => {
            return Err(ApiError::one_of(
                "schedulingStrategy",
                &["REPLICA", "DAEMON"],
            ))
        }
    };
    let arns: Vec<&str> = crate::sim::World::by_creation(sim.world.services(), |s| s.created_seq)
        .into_iter()
        .filter(|s| s.cluster == cluster && s.status != ServiceStatus::Inactive)
        .filter(|s| launch_type.is_none_or(|l| s.launch_type == Some(l)))
        .filter(|s| strategy.is_none_or(|st| s.scheduling_strategy == st))
        .map(|s| s.arn.as_str())
        .collect();
    Ok(json!({ "serviceArns": arns }))
}

/// Counts of a deployment's tasks: (running, pending).
fn counts(sim: &Sim, d: &Deployment) -> (u32, u32) {
    let (mut running, mut pending) = (0, 0);
    for t in d.tasks.iter().filter_map(|id| sim.world.task(id)) {
        match t.last_status {
            TaskStatus::Running => running += 1,
            s if s < TaskStatus::Running => pending += 1,
            _ => {}
        }
    }
    (running, pending)
}

fn at(ms: u64) -> String {
    Instant(ms).iso_cli()
}

fn network_json(n: &Option<ServiceNetwork>) -> Option<Value> {
    n.as_ref().map(|n| {
        json!({"awsvpcConfiguration": {
            "subnets": n.subnets,
            "securityGroups": n.security_groups,
            "assignPublicIp": if n.assign_public_ip { "ENABLED" } else { "DISABLED" }
        }})
    })
}

fn pairs_json(items: &[(String, Option<String>)], second: &str) -> Value {
    Value::Array(
        items
            .iter()
            .map(|(t, v)| {
                let mut m = Map::new();
                put(&mut m, "type", json!(t));
                if let Some(v) = v {
                    put(&mut m, second, json!(v));
                }
                Value::Object(m)
            })
            .collect(),
    )
}

/// A service as DescribeServices returns it (members in the order ECS sends them).
pub fn service_json(sim: &Sim, arn: &str) -> Value {
    let Some(s) = sim.world.service(arn) else {
        return Value::Null;
    };
    let mut m = Map::new();
    put(&mut m, "serviceArn", json!(s.arn));
    put(&mut m, "serviceName", json!(s.name));
    put(
        &mut m,
        "clusterArn",
        json!(ecs_arn_of(&["cluster/", &s.cluster])),
    );
    put(
        &mut m,
        "loadBalancers",
        match &s.load_balancers {
            Value::Array(_) => s.load_balancers.clone(),
            _ => json!([]),
        },
    );
    put(&mut m, "serviceRegistries", json!([]));
    put(&mut m, "status", json!(s.status.as_str()));
    let deployments: Vec<(&Deployment, (u32, u32))> =
        s.deployments.iter().map(|d| (d, counts(sim, d))).collect();
    let running: u32 = deployments.iter().map(|(_, c)| c.0).sum();
    let pending: u32 = deployments.iter().map(|(_, c)| c.1).sum();
    put(&mut m, "desiredCount", json!(s.desired_count));
    put(&mut m, "runningCount", json!(running));
    put(&mut m, "pendingCount", json!(pending));
    if let Some(l) = s.launch_type {
        put(&mut m, "launchType", json!(l.as_str()));
    } else {
        put(
            &mut m,
            "capacityProviderStrategy",
            capacity::strategy_json(&s.capacity_provider_strategy),
        );
    }
    if let Some(p) = &s.platform_version {
        put(&mut m, "platformVersion", json!(p));
        put(&mut m, "platformFamily", json!("Linux"));
    }
    put(&mut m, "taskDefinition", json!(s.task_definition_arn));
    put(
        &mut m,
        "deploymentConfiguration",
        json!({
            "deploymentCircuitBreaker": {
                "enable": s.config.circuit_breaker_enable,
                "rollback": s.config.circuit_breaker_rollback
            },
            "maximumPercent": s.config.maximum_percent,
            "minimumHealthyPercent": s.config.minimum_healthy_percent
        }),
    );
    let ds: Vec<Value> = deployments
        .iter()
        .map(|(d, (running, pending))| {
            let mut o = Map::new();
            put(&mut o, "id", json!(d.id));
            put(&mut o, "status", json!(d.status.as_str()));
            put(&mut o, "taskDefinition", json!(d.task_definition_arn));
            put(&mut o, "desiredCount", json!(d.desired_count));
            put(&mut o, "pendingCount", json!(pending));
            put(&mut o, "runningCount", json!(running));
            put(&mut o, "failedTasks", json!(d.failed_tasks));
            put(&mut o, "createdAt", json!(at(d.created_at)));
            put(&mut o, "updatedAt", json!(at(d.updated_at)));
            if let Some(l) = s.launch_type {
                put(&mut o, "launchType", json!(l.as_str()));
            } else {
                put(
                    &mut o,
                    "capacityProviderStrategy",
                    capacity::strategy_json(&s.capacity_provider_strategy),
                );
            }
            if let Some(p) = &s.platform_version {
                put(&mut o, "platformVersion", json!(p));
                put(&mut o, "platformFamily", json!("Linux"));
            }
            if let Some(n) = network_json(&s.network) {
                put(&mut o, "networkConfiguration", n);
            }
            put(&mut o, "rolloutState", json!(d.rollout_state.as_str()));
            put(&mut o, "rolloutStateReason", json!(d.rollout_state_reason));
            Value::Object(o)
        })
        .collect();
    put(&mut m, "deployments", Value::Array(ds));
    let events: Vec<Value> = s
        .events
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "createdAt": at(e.created_at),
                "message": format!("(service {}) {}", s.name, e.message)
            })
        })
        .collect();
    put(&mut m, "events", Value::Array(events));
    put(&mut m, "createdAt", json!(at(s.created_at)));
    put(
        &mut m,
        "placementConstraints",
        pairs_json(&s.placement_constraints, "expression"),
    );
    put(
        &mut m,
        "placementStrategy",
        pairs_json(&s.placement_strategy, "field"),
    );
    if let Some(n) = network_json(&s.network) {
        put(&mut m, "networkConfiguration", n);
    }
    if let Some(g) = s.health_check_grace_period_s {
        put(&mut m, "healthCheckGracePeriodSeconds", json!(g));
    }
    put(
        &mut m,
        "schedulingStrategy",
        json!(s.scheduling_strategy.as_str()),
    );
    put(&mut m, "deploymentController", json!({"type": "ECS"}));
    put(&mut m, "createdBy", json!(caller_arn()));
    put(&mut m, "enableECSManagedTags", json!(false));
    put(&mut m, "propagateTags", json!("NONE"));
    put(&mut m, "enableExecuteCommand", json!(false));
    Value::Object(m)
}
