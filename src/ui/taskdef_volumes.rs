//! The task definition editor's EFS volumes and each container's mount points
//! (`viz::taskdef_volumes`): a volume names a file system of the account and, optionally, one
//! of its access points; a mount point puts a volume at a path of the container. ECS's
//! refusals show in the editor's live validation, as for every other field.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::viz::taskdef_form::TaskDefForm;
use crate::viz::taskdef_volumes::{EfsVolumeForm, FileSystemChoice, MountPointForm};

type Form = UseStateHandle<TaskDefForm>;
type Draft = UseStateHandle<Option<String>>;

/// A callback that edits the form (and drops a JSON draft that did not parse). The edit is
/// boxed so that the callback's code exists once per event type, not once per field (a
/// dozen copies in the bundle otherwise).
fn edit<E: 'static>(
    form: &Form,
    draft: &Draft,
    f: impl Fn(&mut TaskDefForm, &E) + 'static,
) -> Callback<E> {
    edit_boxed(form.clone(), draft.clone(), Box::new(f))
}

#[allow(clippy::type_complexity)]
fn edit_boxed<E: 'static>(
    form: Form,
    draft: Draft,
    f: Box<dyn Fn(&mut TaskDefForm, &E)>,
) -> Callback<E> {
    Callback::from(move |e: E| {
        let mut next = (*form).clone();
        f(&mut next, &e);
        draft.set(None);
        form.set(next);
    })
}

fn typed(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn chosen(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A `<select>`'s options: a first "none" choice, the choices, and the current value when it
/// is none of them (typed in the JSON, or since deleted), so the field never lies.
fn options(none: &str, choices: &[(String, String)], current: &str) -> Html {
    let unknown = !current.is_empty() && !choices.iter().any(|(id, _)| id == current);
    html! {
        <>
            <option value="" selected={current.is_empty()}>{ none.to_string() }</option>
            { for choices.iter().map(|(id, label)| html! {
                <option value={id.clone()} selected={id == current}>{ label.clone() }</option>
            }) }
            if unknown {
                <option value={current.to_string()} selected=true>{ format!("{current} (not in this account)") }</option>
            }
        </>
    }
}

/// The EFS volumes, with a button to add one.
pub fn volumes(form: &Form, draft: &Draft, choices: &[FileSystemChoice]) -> Html {
    if !form.volumes_in_form() {
        return html! {
            <p class="muted">{ "This definition's volumes are edited in its JSON (the form's fields are for EFS volumes)." }</p>
        };
    }
    let first = choices.first().map(|c| c.id.clone()).unwrap_or_default();
    let add = edit(form, draft, move |f, _: &MouseEvent| {
        let n = f.volumes.len() + 1;
        let name = if n == 1 {
            "efs".to_string()
        } else {
            format!("efs{n}")
        };
        f.volumes.push(EfsVolumeForm::new(name, first.clone()));
    });
    html! {
        <>
            { for form.volumes.iter().enumerate().map(|(i, v)| volume(form, draft, choices, i, v)) }
            if choices.is_empty() {
                <p class="muted">{ "No EFS file system yet: create one (" }<code>{ "aws efs create-file-system" }</code>{ ") and it is offered here." }</p>
            }
            <button type="button" class="secondary" onclick={add}>{ "Add an EFS volume" }</button>
        </>
    }
}

fn volume(
    form: &Form,
    draft: &Draft,
    choices: &[FileSystemChoice],
    i: usize,
    v: &EfsVolumeForm,
) -> Html {
    let set = |f: fn(&mut EfsVolumeForm, String)| {
        edit(form, draft, move |t, e: &InputEvent| {
            if let Some(v) = t.volumes.get_mut(i) {
                f(v, typed(e));
            }
        })
    };
    let flip = |f: fn(&mut EfsVolumeForm)| {
        edit(form, draft, move |t, _: &Event| {
            if let Some(v) = t.volumes.get_mut(i) {
                f(v);
            }
        })
    };
    // Renaming a volume renames it in the mount points that use it.
    let rename = edit(form, draft, move |t, e: &InputEvent| {
        let name = typed(e);
        let Some(v) = t.volumes.get_mut(i) else {
            return;
        };
        let old = std::mem::replace(&mut v.name, name.clone());
        for m in t.containers.iter_mut().flat_map(|c| &mut c.mount_points) {
            if m.source_volume == old {
                m.source_volume = name.clone();
            }
        }
    });
    let aps_of = |fs: &str| -> Vec<(String, String)> {
        choices
            .iter()
            .find(|c| c.id == fs)
            .map(|c| c.access_points.clone())
            .unwrap_or_default()
    };
    let all_aps: Vec<Vec<(String, String)>> =
        choices.iter().map(|c| c.access_points.clone()).collect();
    let ids: Vec<String> = choices.iter().map(|c| c.id.clone()).collect();
    let pick_fs = edit(form, draft, move |t, e: &Event| {
        let fs = chosen(e);
        if let Some(v) = t.volumes.get_mut(i) {
            // An access point belongs to one file system.
            let kept = ids
                .iter()
                .position(|id| *id == fs)
                .is_some_and(|k| all_aps[k].iter().any(|(a, _)| *a == v.access_point_id));
            if !kept {
                v.access_point_id.clear();
            }
            v.file_system_id = fs;
        }
    });
    let pick_ap = edit(form, draft, move |t, e: &Event| {
        if let Some(v) = t.volumes.get_mut(i) {
            v.access_point_id = chosen(e);
        }
    });
    let remove = edit(form, draft, move |t, _: &MouseEvent| {
        if i < t.volumes.len() {
            t.volumes.remove(i);
        }
    });
    let fs_choices: Vec<(String, String)> = choices
        .iter()
        .map(|c| (c.id.clone(), c.label.clone()))
        .collect();
    html! {
        <fieldset class="volume-form">
            <legend>{ format!("EFS volume {}", i + 1) }</legend>
            <div class="grid2">
                <label>{ "Volume name" }<input value={v.name.clone()} oninput={rename} /></label>
                <label>{ "File system" }
                    <select onchange={pick_fs}>{ options("choose a file system", &fs_choices, &v.file_system_id) }</select>
                </label>
                <label>{ "Root directory" }<input value={v.root_directory.clone()} oninput={set(|v, s| v.root_directory = s)} placeholder="/ (the default)" /></label>
                <label>{ "Access point" }
                    <select onchange={pick_ap}>{ options("none", &aps_of(&v.file_system_id), &v.access_point_id) }</select>
                </label>
                <label class="check"><input type="checkbox" checked={v.transit_encryption} onchange={flip(|v| v.transit_encryption = !v.transit_encryption)} />{ "Encryption in transit" }</label>
                <label class="check"><input type="checkbox" checked={v.iam} onchange={flip(|v| v.iam = !v.iam)} />{ "IAM authorization (the task role)" }</label>
            </div>
            <button type="button" class="secondary" onclick={remove}>{ "Remove volume" }</button>
        </fieldset>
    }
}

/// A container's mount points, with a button to add one (when there is a volume to mount).
pub fn mount_points(form: &Form, draft: &Draft, c: usize) -> Html {
    let Some(container) = form.containers.get(c) else {
        return html! {};
    };
    if container.extra.contains_key("mountPoints") {
        return html! {};
    }
    let names: Vec<(String, String)> = form
        .volumes
        .iter()
        .map(|v| (v.name.clone(), v.name.clone()))
        .collect();
    let first = names.first().map(|n| n.0.clone()).unwrap_or_default();
    let add = edit(form, draft, move |t, _: &MouseEvent| {
        if let Some(k) = t.containers.get_mut(c) {
            k.mount_points.push(MountPointForm {
                source_volume: first.clone(),
                container_path: "/mnt/efs".into(),
                read_only: false,
            });
        }
    });
    let rows = container.mount_points.iter().enumerate().map(|(m, p)| {
        let source = edit(form, draft, move |t, e: &Event| {
            if let Some(p) = mount_at(t, c, m) {
                p.source_volume = chosen(e);
            }
        });
        let path = edit(form, draft, move |t, e: &InputEvent| {
            if let Some(p) = mount_at(t, c, m) {
                p.container_path = typed(e);
            }
        });
        let read_only = edit(form, draft, move |t, _: &Event| {
            if let Some(p) = mount_at(t, c, m) {
                p.read_only = !p.read_only;
            }
        });
        let remove = edit(form, draft, move |t, _: &MouseEvent| {
            if let Some(k) = t.containers.get_mut(c) {
                if m < k.mount_points.len() {
                    k.mount_points.remove(m);
                }
            }
        });
        html! {
            <div class="grid2 mount-point">
                <label>{ format!("Mount point {}: source volume", m + 1) }
                    <select onchange={source}>{ options("choose a volume", &names, &p.source_volume) }</select>
                </label>
                <label>{ "Container path" }<input value={p.container_path.clone()} oninput={path} placeholder="/data" /></label>
                <label class="check"><input type="checkbox" checked={p.read_only} onchange={read_only} />{ "Read-only" }</label>
                <button type="button" class="secondary" onclick={remove}>{ "Remove mount point" }</button>
            </div>
        }
    });
    html! {
        <>
            { for rows }
            if !form.volumes.is_empty() {
                <button type="button" class="secondary" onclick={add}>{ "Add a mount point" }</button>
            }
        </>
    }
}

fn mount_at(t: &mut TaskDefForm, c: usize, m: usize) -> Option<&mut MountPointForm> {
    t.containers.get_mut(c)?.mount_points.get_mut(m)
}
