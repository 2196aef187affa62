//! The EFS tab: every file system with its mount targets (one per AZ, each with its address),
//! its access points, the tasks that mount it and through which mount target, and its files
//! with who wrote them (`viz::efs`, tested natively). Empty until a file system exists.

use yew::prelude::*;

use super::Handle;
use crate::viz::efs::{file_systems, FileSystemView};

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
                <ul>{ for fs.mounted_by.iter().map(|(task, az, mt)| html! {
                    <li>{ format!("task {} in {az} through {}", &task[..8.min(task.len())], mt.as_deref().unwrap_or("no mount target in its AZ")) }</li>
                }) }</ul>
            }
            <h4>{ "Files" }</h4>
            if fs.files.is_empty() {
                <p>{ "No files yet: write one with " }<code>{ "sim fs write --task ID --path P --data D" }</code></p>
            } else {
                <ul class="efs-files">{ for fs.files.iter().map(|(path, bytes, owner, writer, at)| html! {
                    <li><code>{ path }</code>{ format!(" {bytes} bytes, owner {owner}, written by {writer} at {at}") }</li>
                }) }</ul>
            }
        </section>
    }
}
