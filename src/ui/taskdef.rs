//! The task definition editor: a form side by side with its JSON, each editable; ECS's own
//! validation messages as you type; paste a definition from AWS and it loads; registered
//! revisions listed.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{Actions, CommandPreview, Handle};
use crate::model::task_def::fargate_memory_options_mib;
use crate::viz::taskdef_form::{check, registrable, ContainerForm, TaskDefForm};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
}

/// Fargate's task sizes (ECS-REFERENCE.md §4.1), offered as choices.
const FARGATE_CPU: [u32; 7] = [256, 512, 1024, 2048, 4096, 8192, 16384];

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[function_component(TaskDefEditor)]
pub fn task_def_editor(props: &Props) -> Html {
    let form = use_state(TaskDefForm::starter);
    // The JSON as typed, while it does not parse into a form.
    let draft = use_state(|| None::<String>);
    let result = use_state(|| None::<(bool, String)>);
    let json = serde_json::to_string_pretty(&form.to_json()).unwrap_or_default();
    let shown_json = (*draft).clone().unwrap_or_else(|| json.clone());
    let verdict: Result<(), String> = match &*draft {
        Some(text) => registrable(text).and_then(|v| check(&v)),
        None => check(&form.to_json()),
    };
    let compact = match &*draft {
        Some(text) => registrable(text)
            .ok()
            .and_then(|v| serde_json::to_string(&v).ok())
            .unwrap_or_default(),
        None => serde_json::to_string(&form.to_json()).unwrap_or_default(),
    };
    let line = crate::viz::commands::register_task_definition(&compact);

    let edit = |f: fn(&mut TaskDefForm, String)| {
        let form = form.clone();
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            f(&mut next, input_value(&e));
            draft.set(None);
            form.set(next);
        })
    };
    let edit_container = |i: usize, f: fn(&mut ContainerForm, String)| {
        let form = form.clone();
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            if let Some(c) = next.containers.get_mut(i) {
                f(c, input_value(&e));
            }
            draft.set(None);
            form.set(next);
        })
    };
    let flip = |f: fn(&mut TaskDefForm)| {
        let form = form.clone();
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            f(&mut next);
            draft.set(None);
            form.set(next);
        })
    };
    let on_json = {
        let form = form.clone();
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            match registrable(&text).and_then(|v| TaskDefForm::from_json(&v)) {
                Ok(f) => {
                    form.set(f);
                    draft.set(None);
                }
                Err(_) => draft.set(Some(text)),
            }
        })
    };
    let add_container = flip(|f| {
        let n = f.containers.len() + 1;
        f.containers.push(ContainerForm {
            name: format!("sidecar{n}"),
            image: "busybox".into(),
            memory: "64".into(),
            command: "sleep 3600".into(),
            essential: false,
            ..ContainerForm::default()
        })
    });
    let on_register = {
        let run = props.actions.run.clone();
        let handle = props.handle.clone();
        let result = result.clone();
        let line = line.clone();
        Callback::from(move |_| {
            run.emit(vec![line.clone()]);
            if let Some(r) = handle.ws.borrow().transcript.last() {
                let ok = r.output.exit == 0;
                let text = if ok {
                    let arn = r
                        .outcome
                        .response
                        .as_ref()
                        .and_then(|v| v["taskDefinition"]["taskDefinitionArn"].as_str());
                    format!("Registered {}.", arn.unwrap_or(""))
                } else {
                    r.output.stderr.trim().to_string()
                };
                result.set(Some((ok, text)));
            }
        })
    };
    let ws = props.handle.ws.borrow();
    let revisions: Vec<(String, String, String)> = ws
        .session
        .sim
        .world
        .task_definitions
        .values()
        .flatten()
        .map(|t| {
            (
                format!("{}:{}", t.family, t.revision),
                t.status.as_str().to_string(),
                t.compatibilities
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
        .collect();
    let file_systems = crate::viz::taskdef_volumes::file_system_choices(&ws.session.sim.world);
    let memory_choices = form
        .cpu
        .trim()
        .parse::<u32>()
        .map(fargate_memory_options_mib)
        .unwrap_or_default();
    html! {
        <div class="taskdef">
            <h2>{ "Task definitions" }</h2>
            <div class="split">
                <div class="form">
                    <label>{ "Family" }<input value={form.family.clone()} oninput={edit(|f, v| f.family = v)} /></label>
                    <fieldset class="inline">
                        <legend>{ "Requires compatibilities" }</legend>
                        <label><input type="checkbox" checked={form.ec2} onchange={flip(|f| f.ec2 = !f.ec2)} />{ "EC2" }</label>
                        <label><input type="checkbox" checked={form.fargate} onchange={flip(|f| { f.fargate = !f.fargate; if f.fargate { f.network_mode = "awsvpc".into(); if f.cpu.is_empty() { f.cpu = "256".into(); f.memory = "512".into(); } } })} />{ "Fargate" }</label>
                    </fieldset>
                    <label>{ "Network mode" }
                        <select onchange={{
                            let form = form.clone();
                            let draft = draft.clone();
                            Callback::from(move |e: Event| {
                                let mut next = (*form).clone();
                                next.network_mode = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                                draft.set(None);
                                form.set(next);
                            })
                        }}>
                            { for [("", "default (bridge)"), ("bridge", "bridge"), ("host", "host"), ("awsvpc", "awsvpc (an ENI per task)"), ("none", "none")].iter().map(|(v, l)| html! {
                                <option value={v.to_string()} selected={form.network_mode == *v}>{ *l }</option>
                            }) }
                        </select>
                    </label>
                    <div class="grid2">
                        <label>{ "Task CPU units" }
                            <input list="fargate-cpu" value={form.cpu.clone()} oninput={edit(|f, v| f.cpu = v)} placeholder="optional on EC2" />
                        </label>
                        <label>{ "Task memory (MiB)" }
                            <input list="fargate-memory" value={form.memory.clone()} oninput={edit(|f, v| f.memory = v)} placeholder="optional on EC2" />
                        </label>
                    </div>
                    <datalist id="fargate-cpu">{ for FARGATE_CPU.iter().map(|c| html! { <option value={c.to_string()} /> }) }</datalist>
                    <datalist id="fargate-memory">{ for memory_choices.iter().map(|m| html! { <option value={m.to_string()} /> }) }</datalist>
                    if form.fargate {
                        <p class="muted">{ "Fargate sizes: 256 CPU with 512-2048 MiB, 512 with 1-4 GiB, 1024 with 2-8 GiB, 2048 with 4-16 GiB, 4096 with 8-30 GiB, 8192 with 16-60 GiB, 16384 with 32-120 GiB." }</p>
                    }
                    { for form.containers.iter().enumerate().map(|(i, c)| {
                        let remove = {
                            let form = form.clone();
                            let draft = draft.clone();
                            Callback::from(move |_| {
                                let mut next = (*form).clone();
                                if next.containers.len() > 1 { next.containers.remove(i); }
                                draft.set(None);
                                form.set(next);
                            })
                        };
                        let essential = {
                            let form = form.clone();
                            let draft = draft.clone();
                            Callback::from(move |_: Event| {
                                let mut next = (*form).clone();
                                if let Some(c) = next.containers.get_mut(i) { c.essential = !c.essential; }
                                draft.set(None);
                                form.set(next);
                            })
                        };
                        html! {
                            <fieldset class="container-form">
                                <legend>{ format!("Container {}", i + 1) }</legend>
                                <div class="grid2">
                                    <label>{ "Name" }<input value={c.name.clone()} oninput={edit_container(i, |c, v| c.name = v)} /></label>
                                    <label>{ "Image" }<input value={c.image.clone()} oninput={edit_container(i, |c, v| c.image = v)} /></label>
                                    <label>{ "CPU units" }<input value={c.cpu.clone()} oninput={edit_container(i, |c, v| c.cpu = v)} /></label>
                                    <label>{ "Memory (hard, MiB)" }<input value={c.memory.clone()} oninput={edit_container(i, |c, v| c.memory = v)} /></label>
                                    <label>{ "Memory reservation (soft)" }<input value={c.memory_reservation.clone()} oninput={edit_container(i, |c, v| c.memory_reservation = v)} /></label>
                                    <label>{ "Port mappings" }<input value={c.ports.clone()} oninput={edit_container(i, |c, v| c.ports = v)} placeholder="80, 8080:80, 53/udp" /></label>
                                    <label>{ "Command" }<input value={c.command.clone()} oninput={edit_container(i, |c, v| c.command = v)} placeholder="sleep 300" /></label>
                                    <label class="check"><input type="checkbox" checked={c.essential} onchange={essential} />{ "Essential" }</label>
                                </div>
                                { super::taskdef_volumes::mount_points(&form, &draft, i) }
                                if form.containers.len() > 1 {
                                    <button type="button" class="secondary" onclick={remove}>{ "Remove container" }</button>
                                }
                            </fieldset>
                        }
                    }) }
                    <button type="button" class="secondary" onclick={Callback::from(move |_| add_container.emit(web_sys::Event::new("change").expect("event")))}>{ "Add a container" }</button>
                    { super::taskdef_volumes::volumes(&form, &draft, &file_systems) }
                </div>
                <div class="json">
                    <label for="taskdef-json">{ "JSON (edit it, or paste one from AWS)" }</label>
                    <textarea id="taskdef-json" spellcheck="false" rows="22" value={shown_json} oninput={on_json} />
                </div>
            </div>
            <p class={classes!("validation", verdict.is_err().then_some("error"))} role="status" aria-live="polite">
                { match &verdict { Ok(()) => "ECS would accept this definition.".to_string(), Err(e) => e.clone() } }
            </p>
            <CommandPreview lines={vec![line]} />
            <button type="button" onclick={on_register}>{ "Register" }</button>
            if let Some((ok, text)) = &*result {
                <p class={classes!("result", (!ok).then_some("error"))} role="status">{ text }</p>
            }
            <h3>{ "Registered revisions" }</h3>
            if revisions.is_empty() {
                <p class="muted">{ "None yet." }</p>
            } else {
                <ul class="revisions">
                    { for revisions.iter().map(|(name, status, compat)| html! {
                        <li><code>{ name }</code>{ format!(" {status} · {compat}") }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
