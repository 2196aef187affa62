//! EFS in the visualizer (issue 15): a file system's mount targets drawn in their subnets with
//! a line from each mounting task, and the task definition form's EFS volume and mount points.

use wasm_bindgen_test::*;
use web_sys::Element;

use super::common::mount;
use super::{button, find, text, type_into, until};

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
            label.contains("1 running task(s) of this cluster mount through it"),
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
