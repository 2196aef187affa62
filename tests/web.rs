//! Browser tests: the app mounted in headless Chromium (wasm-bindgen-test), asserting on the
//! DOM after `yew::scheduler::flush()`, never after sleeps.
#![cfg(target_arch = "wasm32")]

use ecs_sandbox::cli::{MemFiles, Session};
use ecs_sandbox::model::catalog::AZS;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> (Element, yew::AppHandle<ecs_sandbox::ui::App>) {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = yew::Renderer::<ecs_sandbox::ui::App>::with_root(root.clone()).render();
    (root, handle)
}

#[wasm_bindgen_test]
async fn the_app_shows_every_az_with_its_default_subnet() {
    let (root, handle) = mount();
    yew::scheduler::flush().await;
    for (i, az) in AZS.iter().enumerate() {
        let card = root
            .query_selector(&format!("[data-az='{}']", az.name))
            .expect("selector")
            .unwrap_or_else(|| panic!("no card for {}", az.name));
        let text = card.text_content().unwrap_or_default();
        assert!(text.contains(az.id), "{text}");
        assert!(text.contains(&format!("172.31.{}.0/20", i * 16)), "{text}");
        assert!(text.contains("4,091 of 4,091 addresses free"), "{text}");
    }
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_console_line_runs_through_the_cli_and_updates_the_view() {
    let (root, handle) = mount();
    yew::scheduler::flush().await;
    let input: HtmlInputElement = root
        .query_selector("#console-line")
        .expect("selector")
        .expect("console input")
        .dyn_into()
        .expect("input element");
    input.set_value("aws ec2 create-subnet --vpc-id $(aws ec2 describe-vpcs --query Vpcs[0].VpcId --output text) --cidr-block 172.31.96.0/28 --availability-zone us-east-1b --query Subnet.AvailableIpAddressCount");
    let button: HtmlElement = root
        .query_selector(".console-input button")
        .expect("selector")
        .expect("run button")
        .dyn_into()
        .expect("button");
    button.click();
    yew::scheduler::flush().await;
    let log = root
        .query_selector(".console-log")
        .expect("selector")
        .expect("log");
    assert!(
        log.text_content().unwrap_or_default().contains("11"),
        "{:?}",
        log.text_content()
    );
    let az_b = root
        .query_selector("[data-az='us-east-1b']")
        .expect("selector")
        .expect("card");
    let text = az_b.text_content().unwrap_or_default();
    assert!(
        text.contains("172.31.96.0/28") && text.contains("11 of 11 addresses free"),
        "{text}"
    );
    handle.destroy();
}

/// Runs a scenario in wasm as tests/scenarios.rs runs it natively (its `# seed:` line, its
/// data files), returning the transcript.
fn transcript(script: &str) -> String {
    let seed = script
        .lines()
        .find_map(|l| l.trim().strip_prefix("# seed:"))
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let mut files = MemFiles::default();
    files.0.insert(
        "data/iam_ec2_trust.json".into(),
        include_str!("scenarios/data/iam_ec2_trust.json").into(),
    );
    let mut session = Session::with_files(seed, Box::new(files));
    let mut transcript = String::new();
    for r in session.run_script(script) {
        transcript.push_str(&format!(
            "### line {} (t={}ms, exit {}): {}\n",
            r.line, r.sim_time_ms, r.output.exit, r.command
        ));
        transcript.push_str(&r.output.stdout);
        if !r.output.stderr.is_empty() {
            transcript.push_str("### stderr\n");
            transcript.push_str(&r.output.stderr);
            if !r.output.stderr.ends_with('\n') {
                transcript.push('\n');
            }
        }
    }
    transcript
}

/// The same seed and script give the same bytes in the browser as natively: these scenarios'
/// expected transcripts were produced by the native ecs-sim (a whole account, and tasks placed,
/// run and stopped over simulated time).
#[wasm_bindgen_test]
fn the_core_is_deterministic_in_wasm_as_natively() {
    assert_eq!(
        transcript(include_str!("scenarios/default_world.sh")),
        include_str!("scenarios/default_world.expected")
    );
    assert_eq!(
        transcript(include_str!("scenarios/ecs_task_lifecycle.sh")),
        include_str!("scenarios/ecs_task_lifecycle.expected")
    );
    assert_eq!(
        transcript(include_str!("scenarios/ecs_task_spread.sh")),
        include_str!("scenarios/ecs_task_spread.expected")
    );
    assert_eq!(
        transcript(include_str!("scenarios/awsvpc_fargate_fill_28.sh")),
        include_str!("scenarios/awsvpc_fargate_fill_28.expected")
    );
    assert_eq!(
        transcript(include_str!("scenarios/fargate_capacity_providers.sh")),
        include_str!("scenarios/fargate_capacity_providers.expected")
    );
}
