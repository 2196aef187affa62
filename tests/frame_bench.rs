//! Browser benchmark of the visualizer's budgets (DESIGN.md §6), run by hand in headless
//! Chromium; it prints figures and asserts nothing about time:
//!
//! `cargo test --release --target wasm32-unknown-unknown --test frame_bench -- --nocapture`
//!
//! - first render: mounting the app on the demo scenario until the DOM is there;
//! - frame time with 2,000 tasks: each tick of the play loop (0.5 s of simulated time, the
//!   world advanced, the cluster view, the /16's IP map, the event log and the other panels
//!   re-rendered) while 2,000 Fargate tasks start, get their ENIs and move from the pending
//!   lane to their slots, and then while all of them stop, three times over; p50/p95/max over
//!   the frames in which something changed (a tick without an event renders next to nothing);
//! - the IP map of a /16 subnet with 2,000 task ENIs, drawn on its canvas;
//! - placement in wasm: 20 tasks per instance on 1,000 instances with spread(AZ) +
//!   binpack(memory) + memberOf (the native figure comes from `cargo bench --bench placement`);
//! - RunTask's whole path in wasm for every strategy chain (`run_task_chains_in_wasm`; the
//!   native figure comes from `cargo bench --bench run_task`).
#![cfg(target_arch = "wasm32")]

use ecs_sandbox::viz::scenario::Scenario;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::mount;

fn now() -> f64 {
    gloo::utils::window()
        .performance()
        .expect("performance")
        .now()
}

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .expect("an element");
    el.click();
}

/// The ID of the benchmark's /16 subnet.
fn the_16(ws: &ecs_sandbox::viz::workspace::Workspace) -> String {
    ws.session
        .sim
        .world
        .subnets
        .values()
        .find(|x| x.cidr().to_string() == "10.0.0.0/16")
        .map(|x| x.id.clone())
        .expect("the /16")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Ten Fargate tasks into the /16.
const RUN_TEN: &str = "aws ecs run-task --cluster big --task-definition f --launch-type FARGATE --count 10 --network-configuration awsvpcConfiguration={subnets=[$S]} --query 'length(tasks)'\n";

/// Rounds of 2,000 tasks starting and stopping.
const ROUNDS: usize = 3;

/// 2,000 Fargate tasks in one /16 subnet.
fn big_scenario() -> String {
    let mut s = String::from(
        "# seed: 8\naws ecs create-cluster --cluster-name big\n\
         aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'\n\
         V=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)\n\
         S=$(aws ec2 create-subnet --vpc-id $V --cidr-block 10.0.0.0/16 --availability-zone us-east-1a --query Subnet.SubnetId --output text)\n",
    );
    for _ in 0..200 {
        s.push_str(RUN_TEN);
    }
    s
}

#[wasm_bindgen_test]
async fn budgets() {
    let t = now();
    let (root, handle) = mount(&ecs_sandbox::ui::demo_script());
    yew::scheduler::flush().await;
    let first = now() - t;
    assert!(root.query_selector("svg.cluster").ok().flatten().is_some());
    handle.destroy();
    web_sys::console::log_1(&format!("first render (demo scenario): {first:.1} ms").into());

    let script = big_scenario();
    let t = now();
    let (root, handle) = mount(&script);
    yew::scheduler::flush().await;
    let load = now() - t;
    web_sys::console::log_1(&format!("load of a 2,000-task scenario: {load:.1} ms").into());
    // The animation: the 2,000 tasks start (ENIs, PENDING, RUNNING: each moves from the lane
    // to its slot), then all are stopped (STOPPING, DEPROVISIONING, gone). A frame is a tick
    // of the play loop at 5x (0.5 s of simulated time) and the re-render it causes. Only the
    // frames in which the world changed count: a tick with no event draws nothing.
    // With the /16's IP map and the event log open, as a class would watch it.
    let mut subnet = String::new();
    ecs_sandbox::ui::bench_with(|ws| subnet = the_16(ws));
    yew::scheduler::flush().await;
    click(&root, &format!("button.subnet[data-subnet='{subnet}']"));
    let events_tab = root.query_selector_all("button.tab").expect("tabs");
    for i in 0..events_tab.length() {
        let b: web_sys::HtmlElement = events_tab.get(i).expect("tab").dyn_into().expect("button");
        if b.text_content().as_deref() == Some("Events") {
            b.click();
        }
    }
    yew::scheduler::flush().await;
    assert!(
        root.query_selector("canvas").ok().flatten().is_some(),
        "the IP map is open"
    );
    assert!(
        root.query_selector("ol.event-list")
            .ok()
            .flatten()
            .is_some(),
        "the event log is open"
    );

    let mut frames = Vec::new();
    let mut idle = 0;
    let frame = || {
        let mut before = 0;
        ecs_sandbox::ui::bench_with(|ws| before = ws.world_revision());
        let t = now();
        ecs_sandbox::ui::bench_tick(500);
        let changed = {
            let mut after = 0;
            ecs_sandbox::ui::bench_with(|ws| after = ws.world_revision());
            after != before
        };
        (t, changed)
    };
    // Three rounds, for enough frames that the 95th percentile is not one noisy frame.
    for round in 0..ROUNDS {
        for phase in ["start", "stop"] {
            if phase == "start" && round > 0 {
                ecs_sandbox::ui::bench_with(|ws| {
                    ws.run(&vec![RUN_TEN.trim_end().to_string(); 200]);
                });
                yew::scheduler::flush().await;
            }
            if phase == "stop" {
                ecs_sandbox::ui::bench_with(|ws| {
                    let lines: Vec<String> = ws
                        .session
                        .sim
                        .world
                        .tasks()
                        .values()
                        .filter(|t| t.is_live())
                        .map(|t| {
                            format!(
                                "aws ecs stop-task --cluster big --task {} --query task.lastStatus",
                                t.id
                            )
                        })
                        .collect();
                    ws.run(&lines);
                });
                yew::scheduler::flush().await;
            }
            let mut quiet = 0;
            while quiet < 10 {
                let (t, changed) = frame();
                yew::scheduler::flush().await;
                if changed {
                    frames.push(now() - t);
                    quiet = 0;
                } else {
                    idle += 1;
                    quiet += 1;
                }
            }
        }
        let live = root.query_selector_all("g.task").expect("chips").length();
        assert_eq!(live, 0, "every task has left the drawing");
    }
    frames.sort_by(|a, b| a.partial_cmp(b).expect("number"));
    web_sys::console::log_1(
        &format!(
            "frame while 2,000 tasks animate (tick + render, {} frames with a change, {idle} idle ones left out): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            frames.len(),
            percentile(&frames, 0.5),
            percentile(&frames, 0.95),
            frames[frames.len() - 1],
        )
        .into(),
    );
    handle.destroy();

    let s = Scenario::from_script(&script).expect("scenario");
    let mut ws = ecs_sandbox::viz::workspace::Workspace::from_scenario(s);
    // The model's share of a frame: the world advanced and laid out, without the DOM.
    let mut model = Vec::new();
    for _ in 0..60 {
        let t = now();
        ws.advance(500);
        let view = ecs_sandbox::viz::cluster::cluster_view(&ws.session.sim, "big");
        model.push(now() - t);
        assert!(view.tasks.len() <= 2000);
    }
    model.sort_by(|a, b| a.partial_cmp(b).expect("number"));
    web_sys::console::log_1(
        &format!(
            "model only (advance 0.5 s + cluster layout), 2,000 tasks: p50 {:.1} ms, p95 {:.1} ms",
            percentile(&model, 0.5),
            percentile(&model, 0.95)
        )
        .into(),
    );
    let subnet = the_16(&ws);
    let map = ecs_sandbox::viz::ip_map::ip_map(&ws.session.sim.world, &subnet).expect("map");
    let canvas: web_sys::HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("a canvas");
    let mut draws = Vec::new();
    for _ in 0..20 {
        let t = now();
        ecs_sandbox::ui::ipmap::draw(&canvas, &map);
        draws.push(now() - t);
    }
    draws.sort_by(|a, b| a.partial_cmp(b).expect("number"));
    web_sys::console::log_1(
        &format!(
            "IP map of a /16 ({} held): p50 {:.2} ms, max {:.2} ms",
            map.taken.len() - 5,
            percentile(&draws, 0.5),
            draws[draws.len() - 1]
        )
        .into(),
    );
}

#[wasm_bindgen_test]
fn placement_in_wasm() {
    use ecs_sandbox::api::ecs_task::bench_launch;
    use ecs_sandbox::bench::{placement_cluster, placement_request};
    let mut s = placement_cluster(1_000).expect("setup");
    let req = placement_request(&s).expect("request");
    let t = now();
    let mut placed = 0;
    while placed < 20_000 {
        let got = bench_launch(&mut s.sim, "bench", "bench", &req, 10);
        assert!(got > 0);
        placed += got;
    }
    let secs = (now() - t) / 1000.0;
    web_sys::console::log_1(
        &format!(
            "placement in wasm, 1,000 instances: {placed} tasks in {secs:.3} s = {:.0} placements/s",
            placed as f64 / secs
        )
        .into(),
    );
}

/// The whole path of RunTask in wasm (the native figure comes from `cargo bench --bench
/// run_task`): on one cluster of 5,000 m5.4xlarge instances, 300 `run-task --count 10` lines
/// per strategy chain through the CLI, as the console runs them; tasks per second, and the
/// slowest single line (what a learner waits for after pressing "Run task").
#[wasm_bindgen_test]
fn run_task_chains_in_wasm() {
    use ecs_sandbox::bench::{run_task_cluster, run_task_script, RUN_TASK_CHAINS};
    let t = now();
    let mut s = run_task_cluster(5_000).expect("setup");
    web_sys::console::log_1(
        &format!(
            "run-task in wasm: 5,000 instances set up in {:.1} s",
            (now() - t) / 1000.0
        )
        .into(),
    );
    for (i, (name, options)) in RUN_TASK_CHAINS.iter().enumerate() {
        let lines: Vec<String> = run_task_script(options, 300, 5_000, &format!("c{i}g"))
            .lines()
            .map(str::to_string)
            .collect();
        let (mut placed, mut slowest) = (0u64, 0f64);
        let t = now();
        for line in &lines {
            let l = now();
            let out = s.run_script(line);
            slowest = slowest.max(now() - l);
            placed += out
                .iter()
                .map(|r| r.output.stdout.trim().parse::<u64>().unwrap_or(0))
                .sum::<u64>();
        }
        let secs = (now() - t) / 1000.0;
        web_sys::console::log_1(
            &format!(
                "run-task in wasm, {name}: {placed} tasks in {secs:.3} s = {:.0} tasks/s; slowest line {slowest:.1} ms",
                placed as f64 / secs
            )
            .into(),
        );
    }
}
