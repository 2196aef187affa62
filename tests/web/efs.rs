//! EFS in the visualizer (issue 15): a file system's mount targets drawn in their subnets with
//! a line from each mounting task, and the task definition form's EFS volume and mount points.

use wasm_bindgen_test::*;
use web_sys::Element;

use super::common::mount;
use super::{button, find, text, until};

/// A file system with mount targets in us-east-1a and us-east-1b, and one Fargate task in
/// each AZ mounting it.
const TWO_AZS: &str = r#"# seed: 5
S1=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
S2=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
FS=$(aws efs create-file-system --creation-token t --tags Key=Name,Value=shared --query FileSystemId --output text)
sleep 10
aws efs create-mount-target --file-system-id $FS --subnet-id $S1
aws efs create-mount-target --file-system-id $FS --subnet-id $S2
sleep 100
aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family w --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\"}}]" --container-definitions '[{"name":"a","image":"busybox","mountPoints":[{"sourceVolume":"v","containerPath":"/data"}]}]'
aws ecs run-task --cluster c --task-definition w --launch-type FARGATE --count 2 --network-configuration "awsvpcConfiguration={subnets=[$S1,$S2]}"
sleep 60
"#;

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .collect()
}

#[wasm_bindgen_test]
async fn mount_targets_in_two_azs_are_drawn_with_a_line_from_each_mounting_task() {
    let (root, handle) = mount(TWO_AZS);
    until(20_000.0, || {
        root.query_selector("svg.cluster .efs-mt")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    yew::scheduler::flush().await;
    let marks = all(&root, "svg.cluster .efs-mt");
    assert_eq!(marks.len(), 2);
    let mut ids = Vec::new();
    for (m, az) in marks.iter().zip(["us-east-1a", "us-east-1b"]) {
        let t = text(m);
        assert!(
            t.contains("EFS fsmt-") && t.contains("· available · shared"),
            "{t}"
        );
        let label = m.get_attribute("aria-label").unwrap_or_default();
        assert!(label.contains(&format!("in {az}")), "{label}");
        assert!(
            label.contains("1 task(s) of this cluster mount through it"),
            "{label}"
        );
        // Inside its subnet's box.
        let subnet = find(
            &root,
            &format!(
                ".subnet-box[data-subnet='{}'] .subnet-bg",
                m.get_attribute("data-subnet").unwrap_or_default()
            ),
        );
        let (inner, outer) = (
            m.get_bounding_client_rect(),
            subnet.get_bounding_client_rect(),
        );
        assert!(inner.top() >= outer.top() && inner.bottom() <= outer.bottom() + 0.5);
        assert!(inner.width() > 100.0, "drawn at its size");
        ids.push(m.get_attribute("data-mount-target").expect("its ID"));
    }
    // One line per task, each to the mount target of its own AZ.
    let links = all(&root, "svg.cluster .efs-link");
    assert_eq!(links.len(), 2);
    let mut to: Vec<String> = links
        .iter()
        .map(|l| l.get_attribute("data-mount-target").unwrap_or_default())
        .collect();
    to.sort();
    ids.sort();
    assert_eq!(to, ids);
    for l in &links {
        let line = find(l, "line").get_bounding_client_rect();
        assert!(line.width() + line.height() > 10.0, "a line that shows");
    }
    handle.destroy();
}

/// The failure a task without a mount target in its AZ meets reads as such in the lane.
#[wasm_bindgen_test]
async fn a_task_that_cannot_mount_waits_failed_with_the_efs_reason() {
    let script = TWO_AZS
        .replace("Values=us-east-1b", "Values=us-east-1c")
        .replace(
            "aws efs create-mount-target --file-system-id $FS --subnet-id $S2\n",
            "",
        )
        .replace("sleep 60\n", "sleep 20\n");
    let (root, handle) = mount(&script);
    until(20_000.0, || {
        root.query_selector("svg.cluster .failed-line")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    yew::scheduler::flush().await;
    let failed = text(&find(&root, "svg.cluster .failed-line"));
    assert!(
        failed.contains(
            "1 failed to start: ResourceInitializationError · no EFS mount target in its AZ"
        ),
        "{failed}"
    );
    handle.destroy();
}

/// Sets a `<select>` as a user would (a `change` event that bubbles).
fn choose(el: &Element, value: &str) {
    let select: &web_sys::HtmlSelectElement = wasm_bindgen::JsCast::dyn_ref(el).expect("a select");
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let e = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    el.dispatch_event(&e).expect("dispatch");
}

fn click(el: &Element) {
    let h: &web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_ref(el).expect("an HTML element");
    h.click();
}

/// The form adds an EFS volume on a file system of the account and a mount point; ECS's
/// refusal of an access point without encryption in transit shows live and on Register, and
/// with encryption on, the definition registers with the volume.
#[wasm_bindgen_test]
async fn the_form_makes_an_efs_volume_and_shows_ecs_refusal_of_an_access_point_without_encryption()
{
    let (root, handle) = mount(
        "# seed: 6
FS=$(aws efs create-file-system --creation-token t --tags Key=Name,Value=shared --query FileSystemId --output text)
sleep 10
aws efs create-access-point --file-system-id $FS --posix-user Uid=1000,Gid=1000 --root-directory 'Path=/app,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=755}'
",
    );
    yew::scheduler::flush().await;
    button(&root, "Task definitions").click();
    yew::scheduler::flush().await;
    button(&root, "Add an EFS volume").click();
    yew::scheduler::flush().await;
    let selects = all(&root, ".taskdef .volume-form select");
    assert_eq!(selects.len(), 2, "file system and access point");
    let fs: &web_sys::HtmlSelectElement =
        wasm_bindgen::JsCast::dyn_ref(&selects[0]).expect("select");
    let fs_id = fs.value();
    assert!(
        fs_id.starts_with("fs-"),
        "the account's file system is chosen: {fs_id}"
    );
    assert!(text(&selects[0]).contains(&format!("shared ({fs_id})")));
    button(&root, "Add a mount point").click();
    yew::scheduler::flush().await;
    let json = text(&find(&root, ".command-preview pre"));
    assert!(
        json.contains(&format!(
            r#""volumes":[{{"name":"efs","efsVolumeConfiguration":{{"fileSystemId":"{fs_id}"}}}}]"#
        )),
        "{json}"
    );
    assert!(
        json.contains(r#""mountPoints":[{"sourceVolume":"efs","containerPath":"/mnt/efs"}]"#),
        "{json}"
    );
    assert!(text(&find(&root, ".validation")).contains("ECS would accept"));
    // Read-only, through the access point: refused without encryption in transit.
    let read_only = find(&root, ".taskdef .mount-point input[type=checkbox]");
    click(&read_only);
    let selects = all(&root, ".taskdef .volume-form select");
    let ap = text(&selects[1]);
    assert!(ap.contains("(root /app, as 1000:1000)"), "{ap}");
    let ap_id = ap
        .split("fsap-")
        .nth(1)
        .map(|rest| format!("fsap-{}", &rest[..17]))
        .expect("an access point");
    choose(&selects[1], &ap_id);
    yew::scheduler::flush().await;
    let v = text(&find(&root, ".validation"));
    assert!(
        v.contains("an access point requires transitEncryption to be ENABLED"),
        "{v}"
    );
    button(&root, "Register").click();
    yew::scheduler::flush().await;
    let r = text(&find(&root, ".taskdef .result"));
    assert!(r.contains("(ClientException) when calling the RegisterTaskDefinition operation: Volume 'efs': an access point requires transitEncryption"), "{r}");
    // Encryption in transit on: accepted, and registered with the volume.
    let transit = find(&root, ".taskdef .volume-form input[type=checkbox]");
    click(&transit);
    yew::scheduler::flush().await;
    assert!(text(&find(&root, ".validation")).contains("ECS would accept"));
    let json = text(&find(&root, ".command-preview pre"));
    assert!(
        json.contains(&format!(
            r#""transitEncryption":"ENABLED","authorizationConfig":{{"accessPointId":"{ap_id}"}}"#
        )),
        "{json}"
    );
    assert!(json.contains(r#""readOnly":true"#), "{json}");
    button(&root, "Register").click();
    yew::scheduler::flush().await;
    assert!(text(&find(&root, ".taskdef .result")).contains("task-definition/web:1"));
    handle.destroy();
}
