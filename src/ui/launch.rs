//! Run tasks: EC2 or Fargate, cluster, task definition, count, subnets, security groups,
//! public IP, placement strategies and constraints (the query language parsed as you type),
//! shown as the `aws ecs run-task` line it issues; and, below it, what became of the tasks it
//! started (read from the world on every render, so a task that fails to start after RunTask
//! answered shows here with ECS's reason and a button to its ledger).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{Actions, CommandPreview, Handle};
use crate::model::task_def::NetworkMode;
use crate::placement::request::parse_constraint;
use crate::sim::world::World;
use crate::viz::commands;
use crate::viz::outcome::{short_id, Fate, Launched};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
}

/// Placement strategy presets (ECS's common ones).
const STRATEGIES: [(&str, &str); 6] = [
    ("", "none (the sandbox picks at random)"),
    (
        "type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory",
        "AZ balanced binpack",
    ),
    (
        "type=spread,field=attribute:ecs.availability-zone type=spread,field=instanceId",
        "AZ balanced spread",
    ),
    ("type=binpack,field=memory", "binpack (memory)"),
    ("type=binpack,field=cpu", "binpack (CPU)"),
    ("type=random", "random"),
];

#[derive(Clone, PartialEq, Default)]
struct Form {
    cluster: String,
    task_def: String,
    fargate: bool,
    count: u32,
    subnets: Vec<String>,
    groups: Vec<String>,
    public_ip: bool,
    strategy: String,
    distinct: bool,
    member_of: String,
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

#[function_component(LaunchForm)]
pub fn launch_form(props: &Props) -> Html {
    let form = use_state(|| Form {
        count: 1,
        ..Form::default()
    });
    // The last run: the tasks it started, or the error the CLI printed.
    let result = use_state(|| None::<Result<Launched, String>>);
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    // The outcome sits under the Run button, which on a projector is at the bottom of a
    // scrolled panel: whenever what it says changes, it is scrolled into view.
    let said = match &*result {
        Some(Ok(l)) => l.summary(&ws.session.sim),
        Some(Err(e)) => e.clone(),
        None => String::new(),
    };
    // (This panel's own outcome, by reference: the first `.run-result` of the document may
    // be another app's, e.g. a hidden one in the browser tests' page.)
    let run_result = use_node_ref();
    use_effect_with(said, {
        let run_result = run_result.clone();
        move |said| {
            if !said.is_empty() {
                if let Some(el) = run_result.cast::<web_sys::Element>() {
                    el.scroll_into_view_with_bool(false);
                }
            }
        }
    });
    let clusters: Vec<String> = World::by_creation(&world.clusters, |c| c.created_seq)
        .into_iter()
        .filter(|c| c.status == crate::model::ecs::ClusterStatus::Active)
        .map(|c| c.name.clone())
        .collect();
    let defs: Vec<(String, NetworkMode)> = world
        .task_definitions
        .values()
        .flatten()
        .filter(|t| t.status == crate::model::task_def::TaskDefinitionStatus::Active)
        .map(|t| (format!("{}:{}", t.family, t.revision), t.network_mode()))
        .collect();
    let cluster = if clusters.contains(&form.cluster) {
        form.cluster.clone()
    } else {
        clusters.first().cloned().unwrap_or_default()
    };
    let task_def = if defs.iter().any(|(d, _)| *d == form.task_def) {
        form.task_def.clone()
    } else {
        defs.last().map(|d| d.0.clone()).unwrap_or_default()
    };
    let awsvpc = defs
        .iter()
        .any(|(d, m)| *d == task_def && *m == NetworkMode::Awsvpc);
    let subnets: Vec<(String, String)> = World::by_creation(&world.subnets, |s| s.created_seq)
        .into_iter()
        .map(|s| (s.id.clone(), format!("{} {} ({})", s.az, s.cidr(), s.id)))
        .collect();
    let vpc = form
        .subnets
        .first()
        .and_then(|s| world.subnets.get(s))
        .map(|s| s.vpc_id.clone());
    let groups: Vec<(String, String)> =
        World::by_creation(&world.security_groups, |g| g.created_seq)
            .into_iter()
            .filter(|g| vpc.as_ref().is_none_or(|v| *v == g.vpc_id))
            .map(|g| (g.id.clone(), format!("{} ({})", g.name, g.id)))
            .collect();
    let constraint_error = (!form.member_of.trim().is_empty())
        .then(|| parse_constraint("memberOf", Some(form.member_of.trim())).err())
        .flatten();

    let strategies: Vec<&str> = form.strategy.split_whitespace().collect();
    let line = commands::run_task(&commands::RunTask {
        cluster: &cluster,
        task_definition: &task_def,
        fargate: form.fargate,
        count: form.count,
        awsvpc,
        subnets: &form.subnets,
        security_groups: &form.groups,
        public_ip: form.public_ip,
        strategies: &strategies,
        distinct_instance: form.distinct,
        member_of: &form.member_of,
    });

    let update = |f: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            f(&mut next, select_value(&e));
            form.set(next);
        })
    };
    let toggle = |f: fn(&mut Form) -> &mut Vec<String>, id: String| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            let list = f(&mut next);
            match list.iter().position(|x| *x == id) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(id.clone()),
            }
            form.set(next);
        })
    };
    // The preview follows the count as it is typed, not when the field loses the focus.
    let on_count = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            next.count = v.trim().parse().unwrap_or(1);
            form.set(next);
        })
    };
    let on_member_of = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            next.member_of = e.target_unchecked_into::<HtmlInputElement>().value();
            form.set(next);
        })
    };
    let on_submit = {
        let run = props.actions.run.clone();
        let handle = props.handle.clone();
        let result = result.clone();
        let line = line.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run.emit(vec![line.clone()]);
            let ws = handle.ws.borrow();
            if let Some(r) = ws.transcript.last() {
                let world = &ws.session.sim.world;
                let launched = r
                    .outcome
                    .response
                    .as_ref()
                    .filter(|_| r.output.exit == 0)
                    .and_then(|v| Launched::from_response(world, v, r.outcome.events.start));
                result.set(Some(match launched {
                    Some(l) => Ok(l),
                    None => Err(r.output.stderr.trim().to_string()),
                }));
            }
        })
    };
    html! {
        <form class="launch" onsubmit={on_submit}>
            <h2>{ "Run tasks" }</h2>
            if clusters.is_empty() || defs.is_empty() {
                <p class="hint">{ "You need a cluster (Infrastructure) and a task definition (Task definitions) first." }</p>
            }
            <div class="grid2">
                <label>{ "Cluster" }
                    <select onchange={update(|f, v| f.cluster = v)}>
                        { for clusters.iter().map(|c| html! { <option value={c.clone()} selected={*c == cluster}>{ c }</option> }) }
                    </select>
                </label>
                <label>{ "Task definition" }
                    <select onchange={update(|f, v| f.task_def = v)}>
                        { for defs.iter().map(|(d, m)| html! { <option value={d.clone()} selected={*d == task_def}>{ format!("{d} ({m})") }</option> }) }
                    </select>
                </label>
                <fieldset class="inline">
                    <legend>{ "Launch type" }</legend>
                    <label><input type="radio" name="launch" checked={!form.fargate} onchange={update(|f, _| f.fargate = false)} />{ "EC2" }</label>
                    <label><input type="radio" name="launch" checked={form.fargate} onchange={update(|f, _| f.fargate = true)} />{ "Fargate" }</label>
                </fieldset>
                <label>{ "Count" }
                    <input type="number" min="1" max="10" value={form.count.to_string()} oninput={on_count} />
                </label>
            </div>
            if awsvpc {
                <fieldset>
                    <legend>{ "Network (awsvpc: each task gets its own ENI and private IP)" }</legend>
                    <div class="checks">
                        { for subnets.iter().map(|(id, label)| html! {
                            <label><input type="checkbox" checked={form.subnets.contains(id)} onchange={toggle(|f| &mut f.subnets, id.clone())} />{ label }</label>
                        }) }
                    </div>
                    <div class="checks">
                        <span class="muted">{ "Security groups (none: the VPC's default)" }</span>
                        { for groups.iter().map(|(id, label)| html! {
                            <label><input type="checkbox" checked={form.groups.contains(id)} onchange={toggle(|f| &mut f.groups, id.clone())} />{ label }</label>
                        }) }
                    </div>
                    if form.fargate {
                        <label><input type="checkbox" checked={form.public_ip} onchange={update(|f, _| f.public_ip = !f.public_ip)} />{ "Assign a public IP" }</label>
                    }
                </fieldset>
            }
            if !form.fargate {
                <fieldset>
                    <legend>{ "Placement (EC2 only; Fargate refuses strategies and constraints)" }</legend>
                    <label>{ "Strategy" }
                        <select onchange={update(|f, v| f.strategy = v)}>
                            { for STRATEGIES.iter().map(|(v, l)| html! { <option value={v.to_string()} selected={*v == form.strategy}>{ *l }</option> }) }
                        </select>
                    </label>
                    <label><input type="checkbox" checked={form.distinct} onchange={update(|f, _| f.distinct = !f.distinct)} />{ "distinctInstance: one task of the group per instance" }</label>
                    <label>{ "memberOf " }
                        <input type="text" value={form.member_of.clone()} oninput={on_member_of} spellcheck="false"
                            placeholder="attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"
                            aria-invalid={constraint_error.is_some().to_string()} aria-describedby="member-of-help" />
                    </label>
                    <p id="member-of-help" class={classes!("help", constraint_error.is_some().then_some("error"))}>
                        { constraint_error.clone().unwrap_or_else(|| "Cluster query language: subjects attribute:NAME, ec2InstanceId, agentConnected, agentVersion, registeredAt, runningTasksCount, task:group; operators ==, !=, >, >=, <, <=, =~, !~, in, not_in, exists, not exists; and, or, not, parentheses.".into()) }
                    </p>
                </fieldset>
            }
            <CommandPreview lines={vec![line.clone()]} />
            <button type="submit" disabled={clusters.is_empty() || defs.is_empty() || constraint_error.is_some()}>{ "Run task" }</button>
            <div class="run-result" ref={run_result}>
                { match &*result {
                    Some(Ok(l)) => outcome(l, &ws.session.sim, &props.actions),
                    Some(Err(text)) => html! { <p class="result error">{ text }</p> },
                    None => html! {},
                } }
            </div>
        </form>
    }
}

/// ECS's reason said plainly, under it (nothing when the sandbox has no gloss for it).
fn gloss(reason: &str) -> Html {
    match crate::viz::gloss::plain(reason) {
        Some(sentence) => html! { <span class="gloss">{ sentence }</span> },
        None => html! {},
    }
}

/// What became of the tasks the last RunTask started: the sentence, then each task that
/// stopped with ECS's stop code and reason and a button to its ledger. (The page's live
/// region announces the same outcomes; this is where they stay to be read.)
fn outcome(l: &Launched, sim: &crate::sim::Sim, actions: &Actions) -> Html {
    let fates = l.fates(sim);
    let failed = fates
        .iter()
        .any(|(_, f)| matches!(f, Fate::FailedToStart { .. }))
        || !l.not_placed.is_empty();
    let why = |id: &str| {
        let select = actions.select_task.clone();
        let words = format!("Why? (task {})", short_id(id));
        let id = id.to_string();
        html! {
            <button type="button" class="link" onclick={Callback::from(move |_| select.emit(Some(id.clone())))}>
                { words }
            </button>
        }
    };
    html! {
        <div class={classes!("run-outcome", failed.then_some("failed"))}>
            <p class="result">{ l.summary(sim) }</p>
            <ul class="fates">
                { for fates.iter().map(|(id, f)| match f {
                    Fate::FailedToStart { reason } => html! {
                        <li class="fate-failed">
                            <strong>{ format!("Task {} failed to start", short_id(id)) }</strong>
                            { format!(" (stopCode TaskFailedToStart): {reason} ") }
                            { why(id) }
                            { gloss(reason) }
                        </li>
                    },
                    Fate::Stopped { code, reason } => html! {
                        <li>{ format!("Task {} stopped ({code}): {reason} ", short_id(id)) }{ why(id) }{ gloss(reason) }</li>
                    },
                    _ => html! {},
                }) }
                { for l.not_placed.iter().map(|n| html! {
                    <li class="fate-failed">
                        <strong>{ "Not placed" }</strong>
                        { if n.instance.is_empty() { format!(": {}", n.reason) } else { format!(": {} on {}", n.reason, n.instance) } }
                        { gloss(&n.reason) }
                    </li>
                }) }
            </ul>
            if !l.not_placed.is_empty() {
                <p class="muted">{ "“Why here?” shows every instance's checks for the last RunTask that placed nothing." }</p>
            }
        </div>
    }
}
