//! The cluster drawing at classroom scale, with the page's own stylesheets: 2,000 tasks in one
//! look at 1280x720, no AZ column cut off, the pending lane gone when nothing waits, a task
//! that failed to start shown failed in words, instances counting down while they boot, and
//! zoom.
//!
//! The test page is the runner's, not index.html: these tests put the page's stylesheets
//! (index.html's, in its order) in it, and a classroom projector's 1280x720 is stood for by a 1280 px wide root and the
//! drawing's box at the height cluster.css gives it at 720 px (`100vh - 160px` = 560 px), in
//! style.css's two columns (the cluster panel is then about 700 px wide).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use super::common::mount;
use super::{click_svg, find, text, until};

/// The 1280x720 projector: the page's stylesheets, a 1280 px wide page, a 560 px drawing box.
/// The stand-ins for the projector's window apply only inside a root marked for them, so they
/// never reach another module's tests in the same page.
pub(super) fn projector(root: &Element) {
    super::page_styles();
    let doc = gloo::utils::document();
    if doc.get_element_by_id("cluster-projector-styles").is_none() {
        let style = doc.create_element("style").expect("style");
        style.set_id("cluster-projector-styles");
        style.set_text_content(Some(
            // The two columns style.css gives a wide window (the runner's may be narrower).
            ".cluster-projector .cluster-scroll { max-height: 560px !important; }\n\
             .cluster-projector .workspace { grid-template-columns: minmax(0, 7fr) minmax(360px, 5fr) !important; }",
        ));
        doc.head()
            .expect("head")
            .append_child(&style)
            .expect("styled");
    }
    root.set_attribute("style", "width: 1280px").expect("width");
    root.set_attribute("class", "cluster-projector")
        .expect("class");
}

/// Waits until the app shows a drawn cluster (a long scenario loads behind a progress bar).
pub(super) async fn drawn(root: &Element) {
    until(20_000.0, || {
        root.query_selector("svg.cluster").ok().flatten().is_some()
    })
    .await;
    yew::scheduler::flush().await;
}

pub(super) fn rect(e: &Element) -> web_sys::DomRect {
    e.get_bounding_client_rect()
}

fn inside(inner: &web_sys::DomRect, outer: &web_sys::DomRect) -> bool {
    inner.left() >= outer.left() - 0.5
        && inner.right() <= outer.right() + 0.5
        && inner.top() >= outer.top() - 0.5
        && inner.bottom() <= outer.bottom() + 0.5
}

/// Plays `ms` of simulated time in ticks of the play loop at 60x (6 s each).
pub(super) async fn play(ms: u64) {
    for _ in 0..ms.div_ceil(6_000) {
        ecs_sandbox::ui::bench_tick(6_000);
        yew::scheduler::flush().await;
    }
}

const TWO_THOUSAND_SETUP: &str = r#"# seed: 1
aws ecs create-cluster --cluster-name big
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'join(`,`, Subnets[0:3].SubnetId)' --output text)
"#;

const RUN_TEN: &str = "aws ecs run-task --cluster big --task-definition f --launch-type FARGATE --count 10 --network-configuration \"awsvpcConfiguration={subnets=[$SUBNETS]}\"\n";

/// 2,000 running Fargate tasks over three AZs: every one drawn inside the cluster panel, with
/// nothing to scroll, and no pending lane once nothing waits.
#[wasm_bindgen_test]
async fn two_thousand_tasks_fit_the_cluster_panel_at_1280x720() {
    let (root, handle) = mount(&format!("{TWO_THOUSAND_SETUP}{}", RUN_TEN.repeat(200)));
    projector(&root);
    drawn(&root).await;
    // Starting: the lane holds them, and the drawing still fits.
    let scroll = find(&root, ".cluster-scroll");
    assert!(scroll.scroll_height() <= scroll.client_height() + 1);
    play(180_000).await;
    let panel = rect(&find(&root, ".panel-cluster"));
    let canvas = find(&root, ".cluster-stage canvas.chip-canvas");
    let painted: u32 = canvas
        .get_attribute("data-count")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert_eq!(painted, 2000, "every task a chip");
    let width = find(&root, ".panel-cluster").client_width();
    assert!(
        (600..800).contains(&width),
        "the panel of a 1280 px page: {width} px"
    );
    assert!(
        inside(&rect(&canvas), &panel),
        "the chips lie inside the panel"
    );
    assert!(
        scroll.scroll_height() <= scroll.client_height() + 1
            && scroll.scroll_width() <= scroll.client_width() + 1,
        "nothing to scroll: {}x{} in {}x{}",
        scroll.scroll_width(),
        scroll.scroll_height(),
        scroll.client_width(),
        scroll.client_height()
    );
    assert!(
        root.query_selector("svg.cluster .lane")
            .expect("query")
            .is_none(),
        "no lane"
    );
    let azs = root
        .query_selector_all("svg.cluster .az-col")
        .expect("columns");
    assert_eq!(azs.length(), 3);
    handle.destroy();
}

/// Tasks in all six AZs at 1280 px: the columns wrap, and none is cut off at the right.
#[wasm_bindgen_test]
async fn no_az_column_is_clipped_at_1280_px() {
    let script = TWO_THOUSAND_SETUP.replace("Subnets[0:3]", "Subnets[0:6]")
        + &RUN_TEN.replace("--count 10", "--count 6");
    let (root, handle) = mount(&script);
    projector(&root);
    drawn(&root).await;
    play(60_000).await;
    let scroll = find(&root, ".cluster-scroll");
    let bounds = rect(&scroll);
    let columns = root
        .query_selector_all("svg.cluster .az-col .az-bg")
        .expect("columns");
    assert_eq!(columns.length(), 6);
    for i in 0..columns.length() {
        let c: Element = columns
            .item(i)
            .expect("column")
            .dyn_into()
            .expect("element");
        let r = rect(&c);
        assert!(
            r.left() >= bounds.left() - 0.5 && r.right() <= bounds.right() + 0.5,
            "column {i} at {}..{} outside {}..{}",
            r.left(),
            r.right(),
            bounds.left(),
            bounds.right()
        );
    }
    assert!(
        scroll.scroll_width() <= scroll.client_width() + 1,
        "no sideways scroll"
    );
    handle.destroy();
}

/// A cluster with nothing in it says so instead of drawing six empty columns.
#[wasm_bindgen_test]
async fn an_empty_cluster_draws_no_empty_columns() {
    let (root, handle) = mount("# seed: 1\naws ecs create-cluster --cluster-name empty\n");
    projector(&root);
    yew::scheduler::flush().await;
    assert!(root.query_selector("svg.cluster").expect("query").is_none());
    assert!(text(&find(&root, ".cluster-empty")).contains("Nothing runs in cluster empty yet"));
    handle.destroy();
}

/// The twelfth task into a /28 fails to start: its chip is drawn failed (red, with a cross)
/// and the lane says why in words; at 60x it is still there five seconds (five simulated
/// minutes) later, and gone after ten.
#[wasm_bindgen_test]
async fn a_task_that_failed_to_start_is_shown_failed_with_its_reason() {
    let script = r#"# seed: 1
aws ecs create-cluster --cluster-name c
aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"a","image":"nginx"}]'
V=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
S=$(aws ec2 create-subnet --vpc-id $V --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$S]}
aws ecs run-task --cluster c --task-definition f --launch-type FARGATE --count 2 --network-configuration awsvpcConfiguration={subnets=[$S]}
"#;
    let (root, handle) = mount(script);
    projector(&root);
    drawn(&root).await;
    play(30_000).await;
    let words = text(&find(&root, "svg.cluster .failed-line"));
    assert!(
        words.contains("1 failed to start")
            && words.contains("ResourceInitializationError")
            && words.contains("InsufficientFreeAddressesInSubnet"),
        "{words}"
    );
    let chip = find(&root, "svg.cluster g.task.failed");
    assert!(
        chip.query_selector(".failed-mark")
            .expect("query")
            .is_some(),
        "a cross on it"
    );
    assert!(
        text(&chip).contains("FAILED to start"),
        "its tooltip says so"
    );
    let svg = rect(&find(&root, "svg.cluster"));
    assert!(inside(&rect(&chip), &svg));
    play(300_000).await;
    assert!(root
        .query_selector("svg.cluster g.task.failed")
        .expect("query")
        .is_some());
    play(360_000).await;
    assert!(root
        .query_selector("svg.cluster g.task.failed")
        .expect("query")
        .is_none());
    assert!(root
        .query_selector("svg.cluster .failed-line")
        .expect("query")
        .is_none());
    handle.destroy();
}

/// An instance launched for the cluster is drawn while it boots and while its agent starts,
/// with the simulated seconds left, until it registers.
#[wasm_bindgen_test]
async fn booting_instances_are_drawn_with_their_countdown() {
    let script = format!(
        "# seed: 1\naws ecs create-cluster --cluster-name demo\n{}AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)\naws ec2 run-instances --image-id $AMI --instance-type m5.large --placement AvailabilityZone=us-east-1a --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=demo\n",
        ecs_sandbox::viz::scenario::INSTANCE_ROLE_SCRIPT
    );
    let (root, handle) = mount(&script);
    projector(&root);
    drawn(&root).await;
    let words = text(&find(&root, "svg.cluster .booting-words"));
    assert!(words.starts_with("booting · running in "), "{words}");
    for _ in 0..25 {
        ecs_sandbox::ui::bench_tick(1_000);
        yew::scheduler::flush().await;
    }
    let words = text(&find(&root, "svg.cluster .booting-words"));
    assert!(words.starts_with("agent registers in "), "{words}");
    play(60_000).await;
    assert!(root
        .query_selector("svg.cluster .booting")
        .expect("query")
        .is_none());
    assert!(root
        .query_selector("svg.cluster .instance")
        .expect("query")
        .is_some());
    handle.destroy();
}

/// An AZ's zoom button shows that AZ alone; the panel's "all AZs" brings the others back.
#[wasm_bindgen_test]
async fn zoom_into_an_az_and_back() {
    let (root, handle) = mount(&format!("{TWO_THOUSAND_SETUP}{RUN_TEN}"));
    projector(&root);
    drawn(&root).await;
    play(60_000).await;
    let count = |root: &Element| {
        root.query_selector_all("svg.cluster .az-col")
            .expect("columns")
            .length()
    };
    assert_eq!(count(&root), 3);
    click_svg(&find(&root, "svg.cluster .az-col .svg-button rect"));
    yew::scheduler::flush().await;
    assert_eq!(count(&root), 1);
    assert!(text(&find(&root, ".panel-head .zoomed")).contains("only"));
    let back: web_sys::HtmlElement = find(&root, ".panel-head .zoomed button")
        .dyn_into()
        .expect("button");
    back.click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root), 3);
    handle.destroy();
}

/// Projector mode gives the drawing's column a different share of the page (classroom.css):
/// the drawing follows its box when the mode is switched either way (a link may open in it),
/// so it takes the room it is given, no AZ column is cut off and nothing scrolls sideways.
#[wasm_bindgen_test]
async fn the_drawing_follows_its_box_when_projector_mode_switches() {
    super::page_styles();
    let script = TWO_THOUSAND_SETUP.replace("Subnets[0:3]", "Subnets[0:6]")
        + &RUN_TEN.replace("--count 10", "--count 6");
    let history = gloo::utils::window().history().expect("history");
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?projector=1"))
        .expect("projector in the link");
    let (root, handle) = mount(&script);
    root.set_attribute("style", "width: 1280px").expect("width");
    drawn(&root).await;
    play(60_000).await;
    yew::platform::time::sleep(std::time::Duration::from_millis(100)).await;
    yew::scheduler::flush().await;
    let fits = |when: &str| {
        let scroll = find(&root, ".cluster-scroll");
        let (drawing, room) = (
            rect(&find(&root, "svg.cluster")),
            f64::from(scroll.client_width()),
        );
        assert!(
            drawing.right() <= rect(&scroll).right() + 0.5
                && scroll.scroll_width() <= scroll.client_width() + 1
                && drawing.width() > room - 24.0,
            "{when}: the drawing is {} px wide in a box of {room} px",
            drawing.width()
        );
        room
    };
    let first = fits("opened in projector mode");
    for when in ["projector mode off", "projector mode on again"] {
        super::button(&root, "Projector mode").click();
        // The box changes with the page's layout, after the render: a few frames.
        yew::platform::time::sleep(std::time::Duration::from_millis(100)).await;
        yew::scheduler::flush().await;
        yew::platform::time::sleep(std::time::Duration::from_millis(100)).await;
        yew::scheduler::flush().await;
        let room = fits(when);
        if when == "projector mode off" {
            assert!(room < first - 50.0, "the box: {room} px, was {first} px");
        }
    }
    handle.destroy();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?"))
        .expect("no projector");
}
