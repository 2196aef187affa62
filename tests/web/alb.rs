//! The load balancer drawn in front of the tasks (issue 13): a scenario with an ALB draws it
//! above the AZ columns with its listener, its target group counted by health state, a health
//! marker on each target task's chip, and the requests of a `sim http` line as dots that leave
//! from the band; a dense drawing counts targets per area instead of marking chips.

use wasm_bindgen_test::*;
use web_sys::Element;

use super::cluster::{drawn, play, projector, rect};
use super::common::mount;
use super::{find, until};

fn alb(desired: u32) -> String {
    format!(
        r#"# seed: 2
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
aws ecs create-cluster --cluster-name web
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{{"name":"web","image":"nginx","portMappings":[{{"containerPort":80}}]}}]'
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count {desired} --launch-type FARGATE --network-configuration "awsvpcConfiguration={{subnets=[$SA,$SB]}}" --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80
sleep 100
"#
    )
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .collect()
}

fn attr(e: &Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_alb_is_drawn_in_front_of_its_tasks_with_health_markers_and_requests() {
    let script = alb(3) + "sim http --load-balancer web --count 30\n";
    let (root, handle) = mount(&script);
    projector(&root);
    drawn(&root).await;
    let lb = find(&root, "svg.alb-band [data-load-balancer='web']");
    let words = lb.text_content().unwrap_or_default();
    assert!(words.contains("web") && words.contains("active"), "{words}");
    assert!(words.contains("HTTP:80 forwards to"), "{words}");
    let group = find(&lb, "[data-target-group='web-ip']");
    assert_eq!(attr(&group, "data-healthy"), "3");
    assert!(
        group
            .text_content()
            .unwrap_or_default()
            .contains("target group web-ip: ● 3 healthy"),
        "{:?}",
        group.text_content()
    );
    assert!(
        words.contains("last sim http: 30 request(s) → 3 task(s)"),
        "{words}"
    );
    // The band is above the AZ columns.
    let band = rect(&find(&root, "svg.alb-band"));
    let column = rect(&find(&root, "svg.cluster .az-col .az-bg"));
    assert!(band.bottom() <= column.top() + 0.5);
    // A marker on each target's chip (its top-right corner), saying healthy by its shape.
    let markers = all(&root, "svg.alb-overlay .alb-marker");
    assert_eq!(markers.len(), 3);
    for m in &markers {
        assert_eq!(attr(m, "data-state"), "healthy");
        assert!(m.query_selector("circle").expect("query").is_some());
    }
    // Each marker sits on its chip's top-right corner (once the chips have glided to where
    // the measured panel puts them: the first frame is laid out for a guessed size).
    let on_corners = || {
        markers.iter().all(|m| {
            let chip = find(
                &root,
                &format!(
                    "svg.cluster g.task[data-task='{}'] rect",
                    attr(m, "data-task")
                ),
            );
            let (c, k) = (rect(&chip), rect(m));
            let (mx, my) = ((k.left() + k.right()) / 2.0, (k.top() + k.bottom()) / 2.0);
            (mx - c.right()).abs() <= 1.0 && (my - c.top()).abs() <= 1.0
        })
    };
    until(3_000.0, on_corners).await;
    // The requests: 24 dots drawn, leaving from the band's nodes.
    let dots = all(&root, "svg.alb-overlay .alb-dots circle.alb-dot");
    assert_eq!(dots.len(), 24);
    for d in &dots {
        let cy: f64 = attr(d, "cy").parse().expect("cy");
        assert!(cy <= band.height(), "leaves from the band");
    }
    let scroll = find(&root, ".cluster-scroll");
    assert!(
        scroll.scroll_width() <= scroll.client_width() + 1,
        "no sideways scroll"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_dense_drawing_counts_targets_per_area() {
    let (root, handle) = mount(&alb(320));
    projector(&root);
    drawn(&root).await;
    play(120_000).await;
    assert!(root
        .query_selector(".cluster-stage canvas.chip-canvas")
        .expect("query")
        .is_some());
    assert!(all(&root, "svg.alb-overlay .alb-marker").is_empty());
    let tallies = all(&root, "svg.alb-overlay .alb-tally");
    assert_eq!(tallies.len(), 2, "one per Fargate area (two AZs)");
    let total: u32 = tallies
        .iter()
        .map(|t| attr(t, "data-total").parse::<u32>().unwrap_or(0))
        .sum();
    assert_eq!(total, 320);
    let group = find(&root, "svg.alb-band [data-target-group='web-ip']");
    assert_eq!(attr(&group, "data-healthy"), "320");
    handle.destroy();
}
