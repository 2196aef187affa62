//! ECS task operations: RunTask, StartTask, StopTask, DescribeTasks and ListTasks, on EC2
//! container instances (bridge, host or awsvpc network mode) and on Fargate.

use serde_json::Value;

use crate::json::json;

use super::awsvpc::{self, NetworkConfig};
use super::capacity;
use super::ecs_cluster::{active_cluster, parse_ecs_tags};
use super::ecs_task_def::{resolve, TaskDefRef};
use super::error::ApiError;
use super::input::Input;
use crate::model::ecs::{CapacityProvider, ContainerInstanceStatus};
use crate::model::task::{
    scripted_exit, AttachmentStatus, Container, ContainerStatus, DesiredStatus, LaunchType,
    StopCode, Task, TaskEni, TaskStatus,
};
use crate::model::task_def::{
    is_valid_fargate_size, Compatibility, NetworkMode, TaskDefinition, TaskDefinitionStatus,
};
use crate::placement::engine;
use crate::placement::fargate::{self, AzTasks};
use crate::placement::ledger::Summary;
use crate::placement::request::{parse_constraint, MAX_CONSTRAINTS, MAX_STRATEGIES};
use crate::placement::{Constraint, Ledger, PlacementRequest, Strategy, TaskNeeds};
use crate::sim::log::What;
use crate::sim::task as lifecycle;
use crate::sim::world::{ecs_arn, ecs_arn_of, World};
use crate::sim::Sim;

/// RunTask and StartTask launch at most this many tasks per call.
const MAX_COUNT: i64 = 10;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::invalid_parameter(message)
}

/// The task definition a request names, ACTIVE.
fn task_definition<'a>(sim: &'a Sim, input: &Input) -> Result<&'a TaskDefinition, ApiError> {
    let text = input.req_str("taskDefinition", || invalid("taskDefinition is required"))?;
    let td = TaskDefRef::parse(text)
        .and_then(|r| resolve(&sim.world, &r))
        .ok_or_else(|| invalid("TaskDefinition not found."))?;
    if td.status != TaskDefinitionStatus::Active {
        return Err(invalid("TaskDefinition is inactive"));
    }
    Ok(td)
}

fn constraints(input: &Input, td: &TaskDefinition) -> Result<Vec<Constraint>, ApiError> {
    let mut out = Vec::new();
    for c in &td.placement_constraints {
        out.push(parse_constraint(&c.constraint_type, c.expression.as_deref()).map_err(invalid)?);
    }
    for c in input.list("placementConstraints")? {
        let kind = c.str("type")?.unwrap_or_default();
        out.push(parse_constraint(kind, c.str("expression")?).map_err(invalid)?);
    }
    if out.len() > MAX_CONSTRAINTS {
        return Err(invalid(format!(
            "The maximum number of placement constraints is {MAX_CONSTRAINTS} (the task definition's and the request's together)."
        )));
    }
    Ok(out)
}

fn strategies(input: &Input) -> Result<(Vec<Strategy>, bool), ApiError> {
    let items = input.list("placementStrategy")?;
    if items.len() > MAX_STRATEGIES {
        return Err(invalid(format!(
            "The maximum number of placement strategies is {MAX_STRATEGIES}."
        )));
    }
    let mut out = Vec::new();
    for s in items {
        out.push(
            Strategy::parse(s.str("type")?.unwrap_or_default(), s.str("field")?)
                .map_err(invalid)?,
        );
    }
    if out.is_empty() {
        // ECS documents no default for standalone tasks; the sandbox places them at random
        // (our choice), and the ledger says so.
        return Ok((vec![Strategy::Random], true));
    }
    Ok((out, false))
}

fn check_group_and_started_by<'a>(
    input: &Input<'a>,
    td: &TaskDefinition,
) -> Result<(String, Option<String>), ApiError> {
    let group = match input.str("group")? {
        Some(g) if g.is_empty() || g.len() > 255 => {
            return Err(invalid("group must be 1-255 characters."))
        }
        Some(g) => g.to_string(),
        None => format!("family:{}", td.family),
    };
    let started_by = match input.str("startedBy")? {
        Some(s) if s.len() > 36 || !s.chars().all(|c| c.is_ascii_alphanumeric() || "-/_".contains(c)) => {
            return Err(invalid(
                "startedBy: up to 36 letters (uppercase and lowercase), numbers, hyphens, forward slashes and underscores are allowed.",
            ))
        }
        other => other.map(str::to_string),
    };
    Ok((group, started_by))
}

/// Where RunTask sends its tasks.
#[derive(Debug, Clone, PartialEq)]
enum Capacity {
    /// The EC2 launch type: placement on the cluster's container instances.
    Ec2,
    /// Fargate, each task with the capacity provider that took it (None for `launchType`).
    Fargate(Vec<Option<CapacityProvider>>),
}

/// Decides between EC2 and Fargate from `launchType`, `capacityProviderStrategy` or the
/// cluster's default strategy, and checks the task definition can run there.
fn capacity(
    sim: &Sim,
    input: &Input,
    cluster: &str,
    td: &TaskDefinition,
    count: u32,
) -> Result<Capacity, ApiError> {
    let (launch_type, strategy) = capacity::launch_choice(sim, input, cluster)?;
    let kind = match launch_type {
        _ if !strategy.is_empty() => Capacity::Fargate(
            capacity::assign(&strategy, count)
                .into_iter()
                .map(Some)
                .collect(),
        ),
        None | Some(LaunchType::Ec2) => Capacity::Ec2,
        Some(LaunchType::Fargate) => Capacity::Fargate(vec![None; count as usize]),
    };
    match kind {
        Capacity::Ec2 => {
            require_ec2(td)?;
            if input.has("platformVersion") {
                // Our wording: platform versions belong to Fargate.
                return Err(invalid(
                    "A platform version can only be given for tasks on Fargate.",
                ));
            }
        }
        Capacity::Fargate(_) => {
            if !td.is_fargate_compatible() {
                return Err(invalid(
                    "Task definition does not support launch_type FARGATE.",
                ));
            }
            if !input.list("placementConstraints")?.is_empty() {
                return Err(invalid(
                    "Placement constraints are not supported with FARGATE launch type.",
                ));
            }
            if !input.list("placementStrategy")?.is_empty() {
                // The constraints' text [obs], said of strategies (our wording).
                return Err(invalid(
                    "Placement strategies are not supported with FARGATE launch type.",
                ));
            }
        }
    }
    Ok(kind)
}

/// A definition that requires other compatibilities than EC2 cannot run on instances.
fn require_ec2(td: &TaskDefinition) -> Result<(), ApiError> {
    if td
        .requires_compatibilities
        .as_ref()
        .is_some_and(|c| !c.contains(&Compatibility::Ec2))
    {
        return Err(invalid("Task definition does not support launch_type EC2."));
    }
    Ok(())
}

/// The platform version a Fargate task runs on (ECS-REFERENCE.md §4.2): `LATEST` is 1.4.0.
fn platform_version(input: &Input) -> Result<String, ApiError> {
    match input.str("platformVersion")? {
        None | Some("LATEST") | Some("1.4.0") => Ok("1.4.0".into()),
        Some("1.3.0") => Ok("1.3.0".into()),
        Some(_) => Err(invalid("The specified platform version does not exist.")),
    }
}

/// Where one new task goes.
enum Target {
    /// An EC2 container instance (by ID).
    Instance(String),
    /// Fargate, in an AZ and one of the task's subnets there.
    Fargate {
        az: &'static str,
        subnet_id: String,
        capacity_provider: Option<CapacityProvider>,
    },
}

/// Builds a task for a chosen instance or Fargate slot (not yet started).
fn new_task(sim: &mut Sim, launch: &Launch, target: &Target, ledger: Ledger) -> Task {
    let (cluster, td, overrides, needs) = (
        launch.cluster,
        launch.td,
        launch.overrides,
        &launch.req.needs,
    );
    let id = sim.rng.hex(32);
    let seq = sim.next_seq();
    let arn = ecs_arn_of(&["task/", cluster, "/", &id]);
    let (ci_id, ci_arn, ec2_instance_id) = match target {
        Target::Instance(ci_id) => match sim.world.container_instances().get(ci_id) {
            Some(ci) => (ci.id.clone(), ci.arn.clone(), ci.ec2_instance_id.clone()),
            None => Default::default(),
        },
        Target::Fargate { .. } => Default::default(),
    };
    let instance = sim.world.instances.get(&ec2_instance_id);
    let az = match target {
        Target::Fargate { az, .. } => az,
        Target::Instance(_) => instance.map_or("", |i| i.az),
    };
    let arch = instance.map_or("x86_64", |i| i.ami.arch.as_str());
    let eni = launch.network.map(|net| {
        let subnets = match target {
            Target::Fargate { subnet_id, .. } => vec![subnet_id.clone()],
            Target::Instance(_) => net.subnets_in(&sim.world, az),
        };
        TaskEni {
            attachment_id: String::new(),
            status: AttachmentStatus::Precreated,
            subnet_id: subnets.first().cloned().unwrap_or_default(),
            subnets,
            security_groups: net.security_groups.clone(),
            assign_public_ip: net.assign_public_ip,
            eni_id: None,
            private_ip: None,
            mac: None,
            public_ip: None,
        }
    });
    let eni = eni.map(|mut e| {
        e.attachment_id = sim.rng.uuid_v4();
        e
    });
    let mut conts = Vec::new();
    for part in containers(td, overrides) {
        let d = part.def;
        let command = part.command;
        let uuid = sim.rng.uuid_v4();
        let runtime_id = sim.rng.hex(64);
        let bindings = if matches!(td.network_mode(), NetworkMode::Bridge | NetworkMode::Host) {
            d.port_mappings
                .iter()
                .filter_map(|p| {
                    let container = p.container_port?;
                    // A dynamic host port comes from the ECS-optimized AMI's ephemeral range.
                    let host = match p.host_port {
                        Some(h) if h > 0 => h,
                        _ => 32768 + (sim.rng.range_u64(0, 28_232) as u16),
                    };
                    Some((container, host, p.protocol.clone()))
                })
                .collect()
        } else {
            Vec::new()
        };
        conts.push(Container {
            arn: ecs_arn_of(&["container/", cluster, "/", &id, "/", &uuid]),
            runtime_id,
            image: d.image.clone(),
            essential: d.essential,
            last_status: ContainerStatus::Pending,
            exit_code: None,
            reason: None,
            cpu: part.cpu,
            memory: part.memory,
            memory_reservation: part.memory_reservation,
            network_bindings: bindings,
            scripted_exit: command.as_deref().and_then(scripted_exit),
            command,
            name: d.name.clone(),
        });
    }
    let fargate = matches!(target, Target::Fargate { .. });
    let capacity_provider = match target {
        Target::Fargate {
            capacity_provider, ..
        } => *capacity_provider,
        Target::Instance(_) => None,
    };
    Task {
        id,
        arn: arn.into(),
        cluster: cluster.to_string(),
        task_definition_arn: td.task_definition_arn.clone(),
        family: td.family.clone(),
        container_instance_id: ci_id,
        container_instance_arn: ci_arn,
        ec2_instance_id,
        availability_zone: az,
        launch_type: if fargate {
            LaunchType::Fargate
        } else {
            LaunchType::Ec2
        },
        capacity_provider,
        platform_version: fargate.then(|| launch.platform_version.clone()),
        ephemeral_storage_gib: fargate
            .then(|| td.ephemeral_storage.as_ref().map_or(20, |e| e.size_in_gib)),
        eni,
        group: needs.group.clone(),
        started_by: launch.started_by.clone(),
        last_status: TaskStatus::Provisioning,
        desired_status: DesiredStatus::Running,
        cpu_units: needs.cpu_units,
        memory_mib: needs.memory_mib,
        cpu: needs.cpu_units.to_string(),
        memory: needs.memory_mib.to_string(),
        tcp_ports: needs.tcp_ports.clone(),
        udp_ports: needs.udp_ports.clone(),
        containers: conts,
        overrides: overrides.raw.clone(),
        cpu_architecture: arch,
        created_at: sim.now(),
        pull_started_at: None,
        pull_stopped_at: None,
        started_at: None,
        connectivity_at: None,
        stopping_at: None,
        execution_stopped_at: None,
        stopped_at: None,
        stop_code: None,
        stopped_reason: None,
        version: 1,
        tags: launch.tags.to_vec(),
        ledger,
        created_seq: seq,
    }
}

/// A validated RunTask: what to place and how.
pub struct Launch<'a> {
    pub cluster: &'a str,
    pub td: &'a TaskDefinition,
    overrides: &'a Overrides,
    pub req: &'a PlacementRequest,
    pub started_by: Option<String>,
    pub tags: &'a [crate::model::Tag],
    /// awsvpc: the task's subnets and security groups.
    pub network: Option<&'a NetworkConfig>,
    /// Fargate: the resolved platform version.
    pub platform_version: String,
}

impl Launch<'_> {
    /// Places and starts up to `count` tasks, one decision each; stops at the first task no
    /// instance can take and reports every instance's reason for it.
    pub fn run(&self, sim: &mut Sim, count: u32) -> (Vec<String>, Vec<Value>) {
        let mut tasks = Vec::new();
        let mut failures = Vec::new();
        for _ in 0..count {
            let draw = sim.rng.next_u64();
            sim.world.decisions += 1;
            let decision = sim.world.decisions;
            let placement = sim.place(self.cluster, self.req, draw, decision);
            let Some(ci_id) = placement.container_instance_id else {
                for r in &placement.ledger.instances {
                    if let Some(reason) = r.failure_reason().filter(|r| *r != "INACTIVE") {
                        failures.push(json!({"arn": r.container_instance_arn, "reason": reason}));
                    }
                }
                sim.record(What::TaskNotPlaced {
                    task_definition_arn: self.td.task_definition_arn.as_str().into(),
                    family: self.td.family.as_str().into(),
                    reason: placement.ledger.summary.to_string().into(),
                });
                sim.world.last_failed_placement = Some(placement.ledger);
                break;
            };
            let task = new_task(sim, self, &Target::Instance(ci_id), placement.ledger);
            tasks.push(task.id.clone());
            lifecycle::start(sim, task);
        }
        (tasks, failures)
    }

    /// Starts one Fargate task per provider entry, each where [`fargate::choose`] puts it.
    pub fn run_fargate(
        &self,
        sim: &mut Sim,
        providers: &[Option<CapacityProvider>],
    ) -> Vec<String> {
        let Some(net) = self.network else {
            return Vec::new();
        };
        let mut azs: Vec<&'static str> = Vec::new();
        for s in &net.subnets {
            if let Some(subnet) = sim.world.subnets.get(s) {
                if !azs.contains(&subnet.az) {
                    azs.push(subnet.az);
                }
            }
        }
        azs.sort_unstable();
        // While a zone is down (`sim az-outage`), Fargate places in the task's other zones; a
        // task with no other zone is still placed there and lost at once (sim::outage).
        if azs.iter().any(|az| !sim.world.impaired_zones.contains(az)) {
            azs.retain(|az| !sim.world.impaired_zones.contains(az));
        }
        let mut tasks = Vec::new();
        for provider in providers {
            let counts: Vec<usize> = azs
                .iter()
                .map(|az| {
                    sim.world
                        .fargate_tasks_in(self.cluster, &self.req.needs.group, az, *provider)
                })
                .collect();
            let azs = azs
                .iter()
                .zip(counts)
                .map(|(&az, tasks)| AzTasks { az, tasks })
                .collect();
            let rng = &mut sim.rng;
            let Some(choice) = fargate::choose(
                &self.req.needs.group,
                azs,
                |az| net.subnets_in(&sim.world, az),
                &mut |n| rng.index(n),
            ) else {
                break;
            };
            sim.world.decisions += 1;
            let (az, subnet_id) = (choice.az, choice.subnet_id.clone());
            let ledger = Ledger {
                group: self.req.needs.group.clone(),
                constraints: Default::default(),
                strategies: Default::default(),
                default_strategy: false,
                winner: None,
                instances: Vec::new(),
                summary: Summary::fargate(choice),
                complete: true,
                decision: sim.world.decisions,
            };
            let target = Target::Fargate {
                az,
                subnet_id,
                capacity_provider: *provider,
            };
            let task = new_task(sim, self, &target, ledger);
            let id = task.id.clone();
            tasks.push(id.clone());
            lifecycle::start(sim, task);
            if sim.world.impaired_zones.contains(az) {
                lifecycle::stop(sim, &id, None, crate::sim::outage::fargate_lost_reason(az));
                lifecycle::lost(sim, &id);
            }
        }
        tasks
    }
}

/// A launch for benchmarks and tests: the task definition's needs, the given strategies and
/// constraints, no overrides; with `subnets`, an awsvpc launch (on Fargate when `fargate`).
pub fn bench_launch(
    sim: &mut Sim,
    cluster: &str,
    family: &str,
    req: &PlacementRequest,
    count: u32,
) -> usize {
    bench_launch_in(sim, cluster, family, req, count, None)
}

/// As [`bench_launch`], in awsvpc mode on the given subnets: on Fargate when `req` has no
/// strategies, else on EC2.
pub fn bench_launch_in(
    sim: &mut Sim,
    cluster: &str,
    family: &str,
    req: &PlacementRequest,
    count: u32,
    subnets: Option<&[String]>,
) -> usize {
    let Some(td) = resolve(
        &sim.world,
        &TaskDefRef {
            family: family.to_string(),
            revision: None,
        },
    )
    .cloned() else {
        return 0;
    };
    let overrides = Overrides {
        raw: json!({}).into(),
        task_cpu: None,
        task_memory: None,
        containers: Vec::new(),
    };
    let network = subnets.and_then(|list| {
        let vpc_id = sim.world.subnets.get(list.first()?)?.vpc_id.clone();
        Some(NetworkConfig {
            subnets: list.to_vec(),
            security_groups: vec![awsvpc::default_security_group(&sim.world, &vpc_id)?],
            assign_public_ip: false,
            vpc_id,
        })
    });
    let launch = Launch {
        cluster,
        td: &td,
        overrides: &overrides,
        req,
        started_by: None,
        tags: &[],
        network: network.as_ref(),
        platform_version: "1.4.0".into(),
    };
    if network.is_some() && req.strategies.is_empty() {
        return launch.run_fargate(sim, &vec![None; count as usize]).len();
    }
    launch.run(sim, count).0.len()
}

/// The placement request RunTask would build for a task definition (for benchmarks and tests).
pub fn needs_of(sim: &Sim, family: &str, group: &str) -> Option<TaskNeeds> {
    let td = resolve(
        &sim.world,
        &TaskDefRef {
            family: family.to_string(),
            revision: None,
        },
    )?;
    let overrides = Overrides {
        raw: json!({}).into(),
        task_cpu: None,
        task_memory: None,
        containers: Vec::new(),
    };
    Some(needs(td, &overrides, group))
}

/// Checks a Fargate task's overridden size against the Fargate table.
fn check_fargate_overrides(needs: &TaskNeeds, overrides: &Overrides) -> Result<(), ApiError> {
    if (overrides.task_cpu.is_some() || overrides.task_memory.is_some())
        && !is_valid_fargate_size(needs.cpu_units, needs.memory_mib)
    {
        return Err(ApiError::client(format!(
            "No Fargate configuration exists for given values: {} CPU, {} memory. See the Amazon ECS documentation for the valid values.",
            needs.cpu_units, needs.memory_mib
        )));
    }
    Ok(())
}

pub fn run_task(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let td = task_definition(sim, input)?.clone();
    let count = input.i64("count")?.unwrap_or(1);
    if !(1..=MAX_COUNT).contains(&count) {
        return Err(invalid(format!("count must be between 1 and {MAX_COUNT}.")));
    }
    let kind = capacity(sim, input, &cluster, &td, count as u32)?;
    let fargate = matches!(kind, Capacity::Fargate(_));
    let network = awsvpc::parse(&sim.world, input, &td, fargate)?;
    let platform_version = if fargate {
        platform_version(input)?
    } else {
        String::new()
    };
    let (group, started_by) = check_group_and_started_by(input, &td)?;
    let overrides = parse_overrides(input, &td)?;
    pass_roles(sim, &td, &overrides)?;
    let constraints = if fargate {
        Vec::new()
    } else {
        constraints(input, &td)?
    };
    let (strategies, default_strategy) = if fargate {
        (Vec::new(), false)
    } else {
        strategies(input)?
    };
    let tags = parse_ecs_tags(input)?;
    let mut task_needs = needs(&td, &overrides, &group);
    if fargate {
        check_fargate_overrides(&task_needs, &overrides)?;
    } else {
        // Our reading: ECS looks for ACTIVE instances; a cluster whose instances are all
        // DRAINING has none to offer, and says so rather than returning nothing at all.
        if !sim.world.has_active_instances(&cluster) {
            return Err(invalid(
                "No Container Instances were found in your cluster.",
            ));
        }
        if let Some(net) = &network {
            net.require_on_instances(&sim.world, &mut task_needs);
        }
    }
    let req = PlacementRequest {
        needs: task_needs,
        constraints,
        strategies,
        default_strategy,
    };
    let launch = Launch {
        cluster: &cluster,
        td: &td,
        overrides: &overrides,
        req: &req,
        started_by,
        tags: &tags,
        network: network.as_ref(),
        platform_version,
    };
    let (tasks, failures) = match &kind {
        Capacity::Ec2 => launch.run(sim, count as u32),
        Capacity::Fargate(providers) => (launch.run_fargate(sim, providers), Vec::new()),
    };
    Ok(launched_json(sim, &tasks, failures))
}

pub fn start_task(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let td = task_definition(sim, input)?.clone();
    require_ec2(&td)?;
    let network = awsvpc::parse(&sim.world, input, &td, false)?;
    let wanted = input.strings("containerInstances")?;
    if wanted.is_empty() || wanted.len() > MAX_COUNT as usize {
        return Err(invalid(format!(
            "containerInstances must name 1 to {MAX_COUNT} container instances."
        )));
    }
    let (group, started_by) = check_group_and_started_by(input, &td)?;
    let overrides = parse_overrides(input, &td)?;
    pass_roles(sim, &td, &overrides)?;
    let constraints = constraints(input, &td)?;
    let tags = parse_ecs_tags(input)?;
    let mut task_needs = needs(&td, &overrides, &group);
    if let Some(net) = &network {
        net.require_on_instances(&sim.world, &mut task_needs);
    }
    let req = PlacementRequest {
        needs: task_needs,
        constraints,
        strategies: Vec::new(),
        default_strategy: false,
    };
    let launch = Launch {
        cluster: &cluster,
        td: &td,
        overrides: &overrides,
        req: &req,
        started_by,
        tags: &tags,
        network: network.as_ref(),
        platform_version: String::new(),
    };
    let mut tasks = Vec::new();
    let mut failures = Vec::new();
    for raw in wanted {
        let id = raw.rsplit('/').next().unwrap_or(raw);
        let Some(ci) = sim
            .world
            .container_instances()
            .get(id)
            .filter(|ci| ci.cluster == cluster)
        else {
            let arn = if raw.starts_with("arn:") {
                raw.to_string()
            } else {
                ecs_arn(&format!("container-instance/{cluster}/{raw}"))
            };
            failures.push(json!({"arn": arn, "reason": "MISSING"}));
            continue;
        };
        if ci.status == ContainerInstanceStatus::Inactive {
            failures.push(json!({"arn": ci.arn, "reason": "INACTIVE"}));
            continue;
        }
        // StartTask skips the strategies but not the checks: the named instance must fit.
        let checks = engine::run_checks(ci, &req);
        if let Some(failed) = checks.iter().find(|c| !c.passed) {
            failures
                .push(json!({"arn": ci.arn, "reason": failed.reason.clone().unwrap_or_default()}));
            continue;
        }
        let ledger = Ledger {
            group: group.clone(),
            constraints: req.constraints.iter().map(Constraint::describe).collect(),
            strategies: Default::default(),
            default_strategy: false,
            instances: vec![crate::placement::InstanceRecord {
                container_instance_arn: ci.arn.clone(),
                ec2_instance_id: ci.ec2_instance_id.clone(),
                checks,
                eligible: true,
                strategy_keys: Vec::new(),
                tie_break: 0,
            }],
            winner: Some(ci.arn.clone()),
            summary: format!(
                "StartTask named {}: it passed every check.",
                ci.ec2_instance_id
            )
            .into(),
            complete: true,
            decision: 0,
        };
        let ci_id = ci.id.clone();
        let task = new_task(sim, &launch, &Target::Instance(ci_id), ledger);
        tasks.push(task.id.clone());
        lifecycle::start(sim, task);
    }
    Ok(launched_json(sim, &tasks, failures))
}

/// What RunTask and StartTask answer: the tasks started, and the failures.
fn launched_json(sim: &Sim, tasks: &[String], failures: Vec<Value>) -> Value {
    let out: Vec<Value> = tasks
        .iter()
        .filter_map(|id| sim.world.task(id))
        .map(|t| task_json(t, false, sim.now()))
        .collect();
    json!({ "tasks": out, "failures": failures })
}

/// Finds a task of a cluster by ID or ARN.
fn find_task<'a>(world: &'a World, cluster: &str, raw: &str) -> Option<&'a Task> {
    let id = raw.rsplit('/').next().unwrap_or(raw);
    world.task(id).filter(|t| t.cluster == cluster)
}

pub fn stop_task(sim: &mut Sim, input: &Input) -> Result<Value, ApiError> {
    let cluster = active_cluster(sim, input)?;
    let raw = input.req_str("task", || invalid("task is required"))?;
    let reason = input.str("reason")?.unwrap_or("Task stopped by user");
    if reason.len() > 255 {
        return Err(invalid("reason can be at most 255 characters."));
    }
    let id = find_task(&sim.world, &cluster, raw)
        .map(|t| t.id.clone())
        .ok_or_else(|| invalid("The referenced task was not found."))?;
    lifecycle::stop(sim, &id, Some(StopCode::UserInitiated), reason.to_string());
    Ok(
        json!({ "task": task_json(sim.world.task(&id).expect("the task just stopped"), false, sim.now()) }),
    )
}

mod describe;
mod overrides;

pub use describe::{describe_tasks, list_tasks, task_json};
use overrides::{containers, needs, parse_overrides, pass_roles, Overrides};

/// What the service scheduler launches for one deployment: RunTask's path with the service's
/// group (`service:<name>`), `startedBy` (the deployment ID), network and placement.
pub(crate) struct ServiceLaunch<'a> {
    pub cluster: &'a str,
    pub td: &'a TaskDefinition,
    pub group: String,
    pub started_by: String,
    pub network: Option<NetworkConfig>,
    pub constraints: Vec<Constraint>,
    pub strategies: Vec<Strategy>,
    /// Fargate: the provider of each task to start (None: the FARGATE launch type); EC2 when
    /// not set.
    pub fargate: Option<Vec<Option<CapacityProvider>>>,
    pub platform_version: String,
}

/// Why a service task found no place.
pub(crate) enum NotPlaced {
    /// No container instance in the cluster at all.
    NoInstances,
    /// The instance that got furthest, and the reason it failed.
    Closest {
        container_instance_id: String,
        reason: String,
    },
    /// Fargate found no subnet to use.
    NoSubnet,
}

impl ServiceLaunch<'_> {
    fn with_launch<R>(&self, sim: &mut Sim, f: impl FnOnce(&mut Sim, &Launch) -> R) -> R {
        let overrides = Overrides {
            raw: json!({}).into(),
            task_cpu: None,
            task_memory: None,
            containers: Vec::new(),
        };
        let mut task_needs = needs(self.td, &overrides, &self.group);
        if self.fargate.is_none() {
            if let Some(net) = &self.network {
                net.require_on_instances(&sim.world, &mut task_needs);
            }
        }
        let req = PlacementRequest {
            needs: task_needs,
            constraints: self.constraints.clone(),
            strategies: self.strategies.clone(),
            default_strategy: false,
        };
        let launch = Launch {
            cluster: self.cluster,
            td: self.td,
            overrides: &overrides,
            req: &req,
            started_by: Some(self.started_by.clone()),
            tags: &[],
            network: self.network.as_ref(),
            platform_version: self.platform_version.clone(),
        };
        f(sim, &launch)
    }

    /// Places and starts up to `count` tasks; stops at the first that finds no place.
    pub fn run(&self, sim: &mut Sim, count: u32) -> (Vec<String>, Option<NotPlaced>) {
        if let Some(providers) = &self.fargate {
            let providers: Vec<_> = providers.iter().take(count as usize).copied().collect();
            let tasks = self.with_launch(sim, |sim, l| l.run_fargate(sim, &providers));
            let short = (tasks.len() < providers.len()).then_some(NotPlaced::NoSubnet);
            return (tasks, short);
        }
        self.with_launch(sim, |sim, launch| {
            let mut tasks = Vec::new();
            for _ in 0..count {
                if !sim.world.has_active_instances(launch.cluster) {
                    return (tasks, Some(NotPlaced::NoInstances));
                }
                let draw = sim.rng.next_u64();
                sim.world.decisions += 1;
                let decision = sim.world.decisions;
                let placement = sim.place(launch.cluster, launch.req, draw, decision);
                let Some(ci_id) = placement.container_instance_id else {
                    let closest = placement
                        .ledger
                        .instances
                        .iter()
                        .filter(|r| r.failure_reason().is_some_and(|r| r != "INACTIVE"))
                        .max_by_key(|r| {
                            (r.progress(), std::cmp::Reverse(r.ec2_instance_id.clone()))
                        });
                    let why = match closest {
                        Some(r) => NotPlaced::Closest {
                            container_instance_id: r
                                .container_instance_arn
                                .rsplit('/')
                                .next()
                                .unwrap_or_default()
                                .to_string(),
                            reason: r.failure_reason().unwrap_or_default().to_string(),
                        },
                        None => NotPlaced::NoInstances,
                    };
                    return (tasks, Some(why));
                };
                let task = new_task(sim, launch, &Target::Instance(ci_id), placement.ledger);
                tasks.push(task.id.clone());
                lifecycle::start(sim, task);
            }
            (tasks, None)
        })
    }

    /// Starts one task on a given container instance (a DAEMON task), if it passes every
    /// check there.
    pub fn run_on(&self, sim: &mut Sim, container_instance_id: &str) -> Result<String, NotPlaced> {
        self.with_launch(sim, |sim, launch| {
            let Some(ci) = sim.world.container_instances().get(container_instance_id) else {
                return Err(NotPlaced::NoInstances);
            };
            let checks = engine::run_checks(ci, launch.req);
            if let Some(failed) = checks.iter().find(|c| !c.passed) {
                return Err(NotPlaced::Closest {
                    container_instance_id: ci.id.clone(),
                    reason: failed.reason.clone().unwrap_or_default(),
                });
            }
            let decision = sim.world.decisions + 1;
            let ledger = Ledger {
                group: launch.req.needs.group.clone(),
                constraints: launch
                    .req
                    .constraints
                    .iter()
                    .map(Constraint::describe)
                    .collect(),
                strategies: Default::default(),
                default_strategy: false,
                instances: vec![crate::placement::InstanceRecord {
                    container_instance_arn: ci.arn.clone(),
                    ec2_instance_id: ci.ec2_instance_id.clone(),
                    checks,
                    eligible: true,
                    strategy_keys: Vec::new(),
                    tie_break: 0,
                }],
                winner: Some(ci.arn.clone()),
                summary: format!(
                    "The DAEMON service's task for {}: it passed every check.",
                    ci.ec2_instance_id
                )
                .into(),
                complete: true,
                decision,
            };
            let ci_id = ci.id.clone();
            sim.world.decisions = decision;
            let task = new_task(sim, launch, &Target::Instance(ci_id), ledger);
            let id = task.id.clone();
            lifecycle::start(sim, task);
            Ok(id)
        })
    }
}
