//! The EFS tab: every file system with its mount targets (one per AZ, each with its address),
//! its access points, the tasks that mount it (through which mount target, and which of its
//! directories each container sees where), and a browser of its files by directory, with who
//! wrote what and when, and the access points that confine tasks to a directory (`viz::efs`,
//! tested natively). Empty until a file system exists.

use yew::prelude::*;

use super::Handle;
use crate::viz::efs::{file_systems, Directory, FileSystemView, Mount};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
}

#[function_component(Efs)]
pub fn efs(props: &Props) -> Html {
    let ws = props.handle.ws.borrow();
    let all = file_systems(&ws.session.sim.world);
    if all.is_empty() {
        return html! {
            <p class="efs-empty">
                { "No file systems yet. Create one in the console: " }
                <code>{ "aws efs create-file-system --tags Key=Name,Value=shared" }</code>
                { ", then a mount target in each AZ with " }
                <code>{ "aws efs create-mount-target" }</code>
                { "." }
            </p>
        };
    }
    html! { <div class="efs">{ for all.iter().map(file_system) }</div> }
}

fn file_system(fs: &FileSystemView) -> Html {
    let id = format!("efs-{}", fs.id);
    let title = match &fs.name {
        Some(n) => format!("{n} ({}, {})", fs.id, fs.state),
        None => format!("{} ({})", fs.id, fs.state),
    };
    html! {
        <section class="file-system" aria-labelledby={id.clone()}>
            <h3 id={id}>{ title }</h3>
            <h4>{ "Mount targets" }</h4>
            if fs.mount_targets.is_empty() {
                <p>{ "None: no task can mount it yet." }</p>
            } else {
                <ul>{ for fs.mount_targets.iter().map(|(id, az, ip, state)| html! {
                    <li>{ format!("{az}: {ip} ({id}, {state})") }</li>
                }) }</ul>
            }
            if !fs.access_points.is_empty() {
                <h4>{ "Access points" }</h4>
                <ul>{ for fs.access_points.iter().map(|(id, root, user)| html! {
                    <li>{ format!("{id}: root {root}{}", user.as_ref().map(|u| format!(", as {u}")).unwrap_or_default()) }</li>
                }) }</ul>
            }
            <h4>{ "Mounted by" }</h4>
            if fs.mounted_by.is_empty() {
                <p>{ "No running task." }</p>
            } else {
                <ul>{ for fs.mounted_by.iter().map(mount) }</ul>
            }
            <h4>{ "Files" }</h4>
            if fs.directories.is_empty() {
                <p>{ "No files yet: write one with " }<code>{ "sim fs write --task ID --path P --data D" }</code></p>
            } else {
                <ul class="efs-files">{ for fs.directories.iter().map(directory) }</ul>
            }
        </section>
    }
}

fn mount(m: &Mount) -> Html {
    let through = m
        .mount_target
        .as_deref()
        .unwrap_or("no mount target in its AZ");
    html! {
        <li>
            { format!("task {} in {} through {through}", &m.task[..8.min(m.task.len())], m.az) }
            if !m.paths.is_empty() {
                <ul>{ for m.paths.iter().map(|p| {
                    let via = p.access_point.as_ref().map(|(ap, user)| format!(
                        ", confined by access point {ap}{}",
                        user.as_ref().map(|u| format!(" as {u}")).unwrap_or_default()
                    )).unwrap_or_default();
                    html! {
                        <li>
                            { format!("container {}: ", p.container) }<code>{ &p.container_path }</code>
                            { " is " }<code>{ &p.fs_path }</code>
                            { format!(" of the file system{via}{}", if p.read_only { ", read-only" } else { "" }) }
                        </li>
                    }
                }) }</ul>
            }
        </li>
    }
}

fn directory(d: &Directory) -> Html {
    html! {
        <li class="efs-dir">
            <code>{ format!("{}/", d.path.trim_end_matches('/')) }</code>
            if !d.roots_of.is_empty() {
                { format!(" root of access point {}", d.roots_of.join(", ")) }
            }
            if d.files.is_empty() {
                { " (no files yet)" }
            } else {
                <ul>{ for d.files.iter().map(|f| html! {
                    <li>
                        <code>{ &f.path }</code>
                        { format!(" {} bytes, owner {}, written by {} at {}: ", f.bytes, f.owner, f.writer, f.at) }
                        <q class="efs-preview">{ &f.preview }</q>
                    </li>
                }) }</ul>
            }
        </li>
    }
}
