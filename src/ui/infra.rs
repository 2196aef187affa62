//! Infrastructure: clusters, VPCs and subnets, the instance role, container instances (type,
//! subnet, count), and the account's ENI trunking. Each form shows the lines it runs.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{Actions, CommandPreview, Handle};
use crate::model::catalog::AZS;
use crate::sim::world::World;
use crate::viz::commands;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
}

const INSTANCE_TYPES: [&str; 10] = [
    "t3.micro",
    "t3.medium",
    "m5.large",
    "m5.xlarge",
    "c5.large",
    "c5.xlarge",
    "r5.large",
    "m5.2xlarge",
    "c5.4xlarge",
    "m6i.large",
];

/// The IAM role and instance profile the ECS agent needs.
pub fn instance_role_lines() -> Vec<String> {
    crate::viz::scenario::INSTANCE_ROLE_SCRIPT
        .lines()
        .map(str::to_string)
        .collect()
}

#[derive(Clone, PartialEq)]
struct Form {
    cluster_name: String,
    vpc_cidr: String,
    subnet_vpc: String,
    /// None until the learner types one: then the form suggests a free /28 of the VPC.
    subnet_cidr: Option<String>,
    subnet_az: String,
    instance_type: String,
    instance_subnet: String,
    instance_count: String,
    instance_cluster: String,
}

fn text(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn chosen(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

#[function_component(InfraPanel)]
pub fn infra_panel(props: &Props) -> Html {
    let form = use_state(|| Form {
        cluster_name: "demo".into(),
        vpc_cidr: "10.0.0.0/16".into(),
        subnet_vpc: String::new(),
        subnet_cidr: None,
        subnet_az: AZS[0].name.into(),
        instance_type: "m5.large".into(),
        instance_subnet: String::new(),
        instance_count: "1".into(),
        instance_cluster: String::new(),
    });
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    let vpcs: Vec<(String, String)> = World::by_creation(&world.vpcs, |v| v.created_seq)
        .into_iter()
        .map(|v| {
            (
                v.id.clone(),
                format!(
                    "{} {}{}",
                    v.id,
                    v.cidr,
                    if v.is_default { " (default)" } else { "" }
                ),
            )
        })
        .collect();
    let subnets: Vec<(String, String)> = World::by_creation(&world.subnets, |s| s.created_seq)
        .into_iter()
        .map(|s| (s.id.clone(), format!("{} {} ({})", s.az, s.cidr(), s.id)))
        .collect();
    let clusters: Vec<String> = World::by_creation(&world.clusters, |c| c.created_seq)
        .into_iter()
        .filter(|c| c.status == crate::model::ecs::ClusterStatus::Active)
        .map(|c| c.name.clone())
        .collect();
    let has_role = world.instance_profiles.contains_key("ecsInstanceRole");
    let trunking = world
        .account_settings
        .defaults
        .get("awsvpcTrunking")
        .is_some_and(|v| v == "enabled");
    let subnet_vpc = if vpcs.iter().any(|v| v.0 == form.subnet_vpc) {
        form.subnet_vpc.clone()
    } else {
        vpcs.first().map(|v| v.0.clone()).unwrap_or_default()
    };
    let instance_subnet = if subnets.iter().any(|s| s.0 == form.instance_subnet) {
        form.instance_subnet.clone()
    } else {
        subnets.first().map(|s| s.0.clone()).unwrap_or_default()
    };
    let instance_cluster = if clusters.contains(&form.instance_cluster) {
        form.instance_cluster.clone()
    } else {
        clusters
            .first()
            .cloned()
            .unwrap_or_else(|| "default".into())
    };

    let subnet_cidr = form.subnet_cidr.clone().unwrap_or_else(|| {
        crate::viz::network::free_cidr(world, &subnet_vpc, 28).unwrap_or_default()
    });
    let cluster_line = commands::create_cluster(&form.cluster_name);
    let vpc_line = commands::create_vpc(&form.vpc_cidr);
    let subnet_line = commands::create_subnet(&subnet_vpc, &subnet_cidr, &form.subnet_az);
    let instance_lines = vec![
        commands::AMI_LOOKUP.to_string(),
        commands::run_instances(
            &form.instance_type,
            &instance_subnet,
            &form.instance_count,
            &instance_cluster,
        ),
    ];
    let trunk_line = commands::set_trunking(!trunking);

    let set = |f: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            f(&mut next, text(&e));
            form.set(next);
        })
    };
    let pick = |f: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            f(&mut next, chosen(&e));
            form.set(next);
        })
    };
    let run = |lines: Vec<String>| {
        let run = props.actions.run.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run.emit(lines.clone());
        })
    };
    let last = ws
        .transcript
        .last()
        .filter(|r| r.output.exit != 0)
        .map(|r| r.output.stderr.trim().to_string());
    html! {
        <div class="infra">
            <h2>{ "Infrastructure" }</h2>
            if let Some(err) = last { <p class="result error" role="status">{ err }</p> }
            <form onsubmit={run(vec![cluster_line.clone()])}>
                <h3>{ "Cluster" }</h3>
                <label>{ "Name" }<input value={form.cluster_name.clone()} oninput={set(|f, v| f.cluster_name = v)} /></label>
                <CommandPreview lines={vec![cluster_line.clone()]} />
                <button type="submit">{ "Create cluster" }</button>
            </form>
            <form onsubmit={run(vec![vpc_line.clone()])}>
                <h3>{ "VPC" }</h3>
                <label>{ "IPv4 CIDR (/16 to /28)" }<input value={form.vpc_cidr.clone()} oninput={set(|f, v| f.vpc_cidr = v)} /></label>
                <CommandPreview lines={vec![vpc_line.clone()]} />
                <button type="submit">{ "Create VPC" }</button>
            </form>
            <form onsubmit={run(vec![subnet_line.clone()])}>
                <h3>{ "Subnet" }</h3>
                <div class="grid2">
                    // Another VPC: the suggested CIDR follows it, unless one was typed.
                    <label>{ "VPC" }<select onchange={pick(|f, v| { f.subnet_vpc = v; f.subnet_cidr = None; })}>
                        { for vpcs.iter().map(|(id, l)| html! { <option value={id.clone()} selected={*id == subnet_vpc}>{ l }</option> }) }
                    </select></label>
                    <label>{ "AZ" }<select onchange={pick(|f, v| f.subnet_az = v)}>
                        { for AZS.iter().map(|az| html! { <option value={az.name} selected={az.name == form.subnet_az}>{ az.name }</option> }) }
                    </select></label>
                    <label>{ "CIDR (5 addresses reserved: a /28 has 11)" }<input value={subnet_cidr.clone()} oninput={set(|f, v| f.subnet_cidr = Some(v))} /></label>
                </div>
                <CommandPreview lines={vec![subnet_line.clone()]} />
                <button type="submit">{ "Create subnet" }</button>
            </form>
            <form onsubmit={run(instance_role_lines())}>
                <h3>{ "Instance role" }</h3>
                <p class="muted">{ if has_role { "ecsInstanceRole exists: instances launched with it can register with a cluster." } else { "The ECS agent calls ECS with the instance's role: without it, instances never register." } }</p>
                <CommandPreview lines={instance_role_lines()} />
                <button type="submit" disabled={has_role}>{ "Create ecsInstanceRole" }</button>
            </form>
            <form onsubmit={run(instance_lines.clone())}>
                <h3>{ "Container instances" }</h3>
                <div class="grid2">
                    <label>{ "Type" }<select onchange={pick(|f, v| f.instance_type = v)}>
                        { for INSTANCE_TYPES.iter().map(|t| html! { <option value={*t} selected={*t == form.instance_type}>{ *t }</option> }) }
                    </select></label>
                    <label>{ "Subnet" }<select onchange={pick(|f, v| f.instance_subnet = v)}>
                        { for subnets.iter().map(|(id, l)| html! { <option value={id.clone()} selected={*id == instance_subnet}>{ l }</option> }) }
                    </select></label>
                    <label>{ "Count" }<input type="number" min="1" max="20" value={form.instance_count.clone()} oninput={set(|f, v| f.instance_count = v)} /></label>
                    <label>{ "Cluster (ECS_CLUSTER in user data)" }<select onchange={pick(|f, v| f.instance_cluster = v)}>
                        { for clusters.iter().map(|c| html! { <option value={c.clone()} selected={*c == instance_cluster}>{ c }</option> }) }
                    </select></label>
                </div>
                <CommandPreview lines={instance_lines.clone()} />
                <button type="submit" disabled={!has_role}>{ "Launch instances" }</button>
                if !has_role { <p class="muted">{ "Create the instance role first." }</p> }
            </form>
            <form onsubmit={run(vec![trunk_line.clone()])}>
                <h3>{ "ENI trunking" }</h3>
                <p class="muted">{ format!("awsvpcTrunking is {} for the account. Instances registered after you enable it get a trunk ENI and more awsvpc task slots (an m5.large: 2 -> 10).", if trunking { "enabled" } else { "disabled" }) }</p>
                <CommandPreview lines={vec![trunk_line.clone()]} />
                <button type="submit">{ if trunking { "Disable trunking" } else { "Enable trunking" } }</button>
            </form>
        </div>
    }
}
