//! Browser tests of issue 16 ("the visualizer in a classroom"): every outcome where the
//! learner looks, the fixes listed in the issue, projector mode and keyboard use. Each test
//! that depends on layout runs at the classroom projector's 1280x720 and at 1920x1080: the
//! app is mounted in a root of that size with the page's own stylesheets (the tests mount it
//! without index.html, so `styled` adds them), and the checks read the laid-out page.
//! (The window itself is 1280x720, webdriver.json: heights are the projector's in both.)

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::common::mount;
use super::{button, find, text, type_into};

/// The two viewports the issue asks for.
const VIEWPORTS: [(u32, u32); 2] = [(1280, 720), (1920, 1080)];

/// The page's stylesheets (all of index.html's, in its order), added once to the test page.
fn styled() {
    super::page_styles();
}

/// Mounts `script` as `common::mount` does, after hiding any app an earlier test left in the
/// page (a test that fails never unmounts its app), so that one cannot push this one's
/// layout around.
fn mount_clean(script: &str) -> (Element, yew::AppHandle<ecs_sandbox::ui::App>) {
    let body = gloo::utils::document().body().expect("body");
    let children = body.children();
    for i in 0..children.length() {
        if let Some(el) = children.item(i) {
            if el.query_selector(".app").ok().flatten().is_some() {
                let _ = el.set_attribute("style", "display: none");
            }
        }
    }
    mount(script)
}

/// Mounts `script` in a root of the viewport's size, with the page's styles.
fn mount_sized(
    script: &str,
    (w, h): (u32, u32),
) -> (Element, yew::AppHandle<ecs_sandbox::ui::App>) {
    styled();
    let (root, handle) = mount_clean(script);
    root.set_attribute(
        "style",
        &format!("width: {w}px; min-height: {h}px; position: relative"),
    )
    .expect("style");
    (root, handle)
}

/// An element's box: (left, top, right, bottom) in CSS pixels of the window.
fn rect(el: &Element) -> (f64, f64, f64, f64) {
    let f: js_sys::Function = js_sys::Reflect::get(el, &"getBoundingClientRect".into())
        .expect("getBoundingClientRect")
        .dyn_into()
        .expect("a function");
    let r = f.call0(el).expect("a rect");
    let n = |k: &str| {
        js_sys::Reflect::get(&r, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN)
    };
    (n("left"), n("top"), n("right"), n("bottom"))
}

/// A property of an element's computed style (through JS: web-sys's binding needs a feature
/// the app does not).
fn computed(el: &Element, property: &str) -> String {
    let window = gloo::utils::window();
    let get: js_sys::Function = js_sys::Reflect::get(&window, &"getComputedStyle".into())
        .expect("getComputedStyle")
        .dyn_into()
        .expect("a function");
    let style = get.call1(&window, el).expect("a style");
    let value: js_sys::Function = js_sys::Reflect::get(&style, &"getPropertyValue".into())
        .expect("getPropertyValue")
        .dyn_into()
        .expect("a function");
    value
        .call1(&style, &property.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A keydown of `key` on `el`, bubbling, as a keyboard sends it.
fn key(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    el.dispatch_event(&e).expect("dispatch");
}

fn click(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().expect("html").click();
}

async fn settle() {
    yew::scheduler::flush().await;
}

/// Real time for the play loop's interval (it ticks every 100 ms).
async fn wait_ms(ms: u32) {
    yew::platform::time::sleep(std::time::Duration::from_millis(u64::from(ms))).await;
    yew::scheduler::flush().await;
}

/// No element inside `el` needs sideways scrolling, nor `el` itself, and no box that clips
/// (classroom.css makes the tab body `overflow-x: hidden`) cuts off content sideways.
fn assert_no_sideways_scroll(el: &Element, what: &str) {
    let all = el.query_selector_all("*").expect("all");
    let check = |e: &Element| {
        assert!(
            e.scroll_width() <= e.client_width() + 1 || e.client_width() == 0,
            "{what}: <{} class='{}'> has {} px of content in {} px",
            e.tag_name(),
            e.class_name(),
            e.scroll_width(),
            e.client_width()
        );
    };
    check(el);
    for i in 0..all.length() {
        if let Some(e) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            // Only boxes that would scroll or clip: a visible overflow is drawn. A box of
            // 1 px is visually hidden on purpose (its text is for screen readers).
            let style = computed(&e, "overflow-x");
            let clips = style == "hidden" || style == "clip";
            if style == "auto" || style == "scroll" || (clips && e.client_width() > 1) {
                check(&e);
            }
        }
    }
}

const FULL_28: &str = r#"# seed: 7
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ecs create-cluster --cluster-name tiny
aws ecs register-task-definition --family app --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx:1.27"}]'
aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}"
sleep 10
"#;

/// The /28 story from the Run panel: two more tasks into a /28 with one address left. The
/// twelfth fails to start after RunTask answered: the Run panel and the live region under
/// the header say so with ECS's reason (without opening a tab), both within the viewport,
/// and the button leads to its ledger, which says it was placed and then failed.
#[wasm_bindgen_test]
async fn a_task_that_fails_to_start_is_told_where_the_class_looks() {
    for size in VIEWPORTS {
        settle().await;
        let (root, handle) = mount_sized(FULL_28, size);
        settle().await;
        let radios = root
            .query_selector_all("input[name='launch']")
            .expect("radios");
        click(&radios.item(1).expect("fargate").dyn_into().expect("el"));
        settle().await;
        // The /28 (the first subnets listed are the default VPC's).
        let checks = root
            .query_selector_all(".launch .checks label")
            .expect("labels");
        let label = (0..checks.length())
            .filter_map(|i| checks.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .find(|l| text(l).contains("10.0.0.0/28"))
            .expect("the /28");
        click(&find(&label, "input"));
        settle().await;
        let count = find(&root, ".launch input[type='number']");
        type_into(&count, "2");
        settle().await;
        button(&root, "Run task").click();
        settle().await;
        let outcome = text(&find(&root, ".run-outcome"));
        assert!(outcome.contains("RunTask started 2 tasks"), "{outcome}");
        for _ in 0..20 {
            if text(&find(&root, ".run-outcome")).contains("1 running, 1 failed to start") {
                break;
            }
            button(&root, "Step").click();
            settle().await;
        }
        let outcome = text(&find(&root, ".run-outcome"));
        assert!(
            outcome.contains("1 running, 1 failed to start"),
            "{outcome}"
        );
        assert!(
            outcome.contains("TaskFailedToStart")
                && outcome.contains("ResourceInitializationError")
                && outcome.contains("InsufficientFreeAddressesInSubnet"),
            "{outcome}"
        );
        // ECS's reason, then the same said plainly.
        let gloss = text(&find(&root, ".run-outcome .fate-failed .gloss"));
        assert!(gloss.contains("no free address left"), "{gloss}");
        // The live region: polite, and it says the same.
        let live = find(&root, ".outcome-bar [role='status']");
        assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
        let said = text(&live);
        assert!(
            said.contains("failed to start") && said.contains("InsufficientFreeAddressesInSubnet"),
            "{said}"
        );
        // Both in view: nothing to scroll to, at this size.
        let w = f64::from(size.0);
        let inner = gloo::utils::window()
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let (root_left, _, _, _) = rect(&root);
        for sel in [".outcome-bar", ".run-outcome .fate-failed"] {
            let (l, t, r, b) = rect(&find(&root, sel));
            let (l, r) = (l - root_left, r - root_left);
            assert!(l >= -0.5 && r <= w + 0.5, "{sel} at {l}..{r} in {w} px");
            assert!(
                t >= 0.0 && b <= inner + 0.5,
                "{sel} at {t}..{b} in a window {inner} px high"
            );
        }
        // Its ledger: placed, then failed.
        let why = find(&root, ".run-outcome .fate-failed button");
        click(&why);
        settle().await;
        let note = text(&find(&root, ".ledger-panel .stopped-note"));
        assert!(
            note.contains("Placed, then failed to start") && note.contains("TaskFailedToStart"),
            "{note}"
        );
        assert!(text(&find(&root, ".ledger-panel")).contains("Fargate: us-east-1a"));
        handle.destroy();
        settle().await;
    }
}

/// Undo while time plays pauses first and takes back the last action; Redo is then there.
#[wasm_bindgen_test]
async fn undo_while_playing_pauses_and_keeps_redo() {
    settle().await;
    let (root, handle) = mount_clean("# seed: 1\naws ecs create-cluster --cluster-name a\n");
    settle().await;
    button(&root, "Infrastructure").click();
    settle().await;
    button(&root, "Create cluster").click();
    settle().await;
    let last = || {
        let mut out = (String::new(), 0usize);
        ecs_sandbox::ui::bench_with(|ws| {
            out = (
                ws.scenario
                    .actions
                    .last()
                    .map(|a| a.join("\n"))
                    .unwrap_or_default(),
                ws.scenario.undone.len(),
            )
        });
        out
    };
    click(&find(&root, ".controls button.play"));
    // Until the play loop has recorded time (a `sleep` after the action), however busy the
    // machine.
    for _ in 0..60 {
        wait_ms(50).await;
        if last().0.starts_with("sleep ") {
            break;
        }
    }
    assert!(
        last().0.starts_with("sleep "),
        "time was recorded: {:?}",
        last()
    );
    button(&root, "Undo").click();
    settle().await;
    assert!(
        root.query_selector(".controls button.play")
            .expect("q")
            .is_some(),
        "Undo paused time"
    );
    // The time played is what was undone, and nothing more is recorded while paused.
    let after = last();
    assert!(
        after.0.contains("create-cluster --cluster-name demo"),
        "{after:?}"
    );
    assert_eq!(after.1, 1, "one action to redo");
    wait_ms(250).await;
    assert_eq!(last(), after, "time stays paused after Undo");
    let redo = button(&root, "Redo");
    assert!(!redo.has_attribute("disabled"), "Redo is enabled");
    // Once more takes back the cluster "demo"; Redo brings it back.
    button(&root, "Undo").click();
    settle().await;
    assert!(!text(&find(&root, ".panel-cluster")).contains("demo"));
    button(&root, "Redo").click();
    settle().await;
    assert!(text(&find(&root, ".panel-cluster")).contains("demo"));
    handle.destroy();
    settle().await;
}

/// The console opens on its newest output and follows what is appended.
#[wasm_bindgen_test]
async fn the_console_shows_the_newest_output() {
    let mut script = String::from("# seed: 1\n");
    for i in 0..60 {
        script.push_str(&format!("aws ecs create-cluster --cluster-name c{i}\n"));
    }
    for size in VIEWPORTS {
        settle().await;
        let (root, handle) = mount_sized(&script, size);
        settle().await;
        button(&root, "Console").click();
        settle().await;
        let log = find(&root, ".console-log");
        assert!(log.scroll_height() > log.client_height(), "the log scrolls");
        assert!(
            log.scroll_top() + log.client_height() >= log.scroll_height() - 2,
            "at the bottom: {} + {} of {}",
            log.scroll_top(),
            log.client_height(),
            log.scroll_height()
        );
        let input = find(&root, "#console-line");
        input
            .dyn_ref::<HtmlInputElement>()
            .expect("input")
            .set_value("help");
        button(&root, "Run").click();
        settle().await;
        let log = find(&root, ".console-log");
        assert!(log.scroll_top() + log.client_height() >= log.scroll_height() - 2);
        assert!(text(&log).contains("`sim help` lists the sandbox's own commands"));
        assert_eq!(log.get_attribute("tabindex").as_deref(), Some("0"));
        assert_no_sideways_scroll(&find(&root, ".column-right"), "console");
        handle.destroy();
        settle().await;
    }
}

/// The subnet form's default is a CIDR EC2 accepts in the selected VPC (the default VPC's
/// first free /28), and creating it works.
#[wasm_bindgen_test]
async fn the_subnet_form_defaults_to_a_free_cidr_of_its_vpc() {
    for size in VIEWPORTS {
        settle().await;
        let (root, handle) = mount_sized("# seed: 1\n", size);
        settle().await;
        button(&root, "Infrastructure").click();
        settle().await;
        let previews = root
            .query_selector_all(".infra .command-preview pre")
            .expect("pre");
        let subnet_line = (0..previews.length())
            .filter_map(|i| previews.item(i))
            .map(|n| n.text_content().unwrap_or_default())
            .find(|t| t.contains("create-subnet"))
            .expect("the subnet line");
        assert!(
            subnet_line.contains("--cidr-block 172.31.96.0/28"),
            "{subnet_line}"
        );
        button(&root, "Create subnet").click();
        settle().await;
        assert!(root
            .query_selector(".infra .result.error")
            .expect("q")
            .is_none());
        assert!(text(&root).contains("172.31.96.0/28"));
        // The next suggestion moves on.
        let next = text(&root);
        assert!(next.contains("--cidr-block 172.31.96.16/28"));
        assert_no_sideways_scroll(&find(&root, ".column-right"), "infrastructure");
        handle.destroy();
        settle().await;
    }
}

/// Selecting a subnet brings its IP map into view.
#[wasm_bindgen_test]
async fn a_chosen_subnets_ip_map_scrolls_into_view() {
    for size in VIEWPORTS {
        settle().await;
        let (root, handle) = mount_sized("# seed: 1\n", size);
        settle().await;
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
        let card = find(&root, "[data-az='us-east-1f'] button.subnet");
        click(&card);
        settle().await;
        let (_, top, _, _) = rect(&find(&root, ".panel-ipmap"));
        let inner = gloo::utils::window()
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        assert!(
            top >= -1.0 && top < inner,
            "the map's top at {top} of {inner}"
        );
        handle.destroy();
        settle().await;
    }
}

/// Arrow keys, Home and End move between the tabs (the ARIA tabs pattern): the selection and
/// the focus move, and only the selected tab is a tab stop.
#[wasm_bindgen_test]
async fn arrow_keys_move_between_tabs() {
    settle().await;
    let (root, handle) = mount_clean("# seed: 1\n");
    settle().await;
    let selected = || {
        let tabs = root.query_selector_all("[role='tab']").expect("tabs");
        let mut out = Vec::new();
        for i in 0..tabs.length() {
            let t: Element = tabs.item(i).expect("tab").dyn_into().expect("el");
            if t.get_attribute("aria-selected").as_deref() == Some("true") {
                out.push((
                    t.text_content().unwrap_or_default(),
                    t.get_attribute("tabindex"),
                ));
            } else {
                assert_eq!(t.get_attribute("tabindex").as_deref(), Some("-1"));
            }
        }
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].1.as_deref(), Some("0"));
        out[0].0.clone()
    };
    assert_eq!(selected(), "Run tasks");
    let first = find(&root, "[role='tab']");
    click(&first);
    key(&first, "ArrowRight");
    settle().await;
    assert_eq!(selected(), "Task definitions");
    let active = gloo::utils::document().active_element().expect("focus");
    assert_eq!(active.text_content().as_deref(), Some("Task definitions"));
    key(&active, "ArrowLeft");
    settle().await;
    key(
        &gloo::utils::document().active_element().expect("focus"),
        "ArrowLeft",
    );
    settle().await;
    assert_eq!(
        selected(),
        "Console",
        "Left from the first wraps to the last"
    );
    key(
        &gloo::utils::document().active_element().expect("focus"),
        "Home",
    );
    settle().await;
    assert_eq!(selected(), "Run tasks");
    key(
        &gloo::utils::document().active_element().expect("focus"),
        "End",
    );
    settle().await;
    assert_eq!(selected(), "Console");
    let panel = find(&root, "[role='tabpanel']");
    assert_eq!(
        panel.get_attribute("aria-labelledby").as_deref(),
        Some("tab-console")
    );
    handle.destroy();
    settle().await;
}

/// Copy answers (the browser copied, or refused); the share panel closes on Esc and gives
/// the focus back; the header clock is a timer no screen reader reads at every tick.
#[wasm_bindgen_test]
async fn copy_answers_esc_closes_share_and_the_clock_is_quiet() {
    settle().await;
    let (root, handle) = mount_clean("# seed: 1\n");
    settle().await;
    button(&root, "Infrastructure").click();
    settle().await;
    let copy = find(&root, ".command-preview button");
    assert_eq!(text(&copy), "Copy");
    click(&copy);
    let mut said = String::new();
    for _ in 0..20 {
        wait_ms(25).await;
        said = text(&find(&root, ".command-preview button"));
        if said != "Copy" {
            break;
        }
    }
    assert!(said == "Copied" || said == "Not copied", "{said}");
    // Share: open, Esc, closed, focus back on its button.
    button(&root, "Share / export").click();
    settle().await;
    let dialog = find(&root, ".share[role='dialog']");
    key(&dialog, "Escape");
    settle().await;
    assert!(root.query_selector(".share").expect("q").is_none());
    let active = gloo::utils::document().active_element().expect("focus");
    assert_eq!(active.text_content().as_deref(), Some("Share / export"));
    // The clock: role timer, never live, and no live region around it.
    let clock = find(&root, ".clock");
    assert_eq!(clock.get_attribute("role").as_deref(), Some("timer"));
    assert_eq!(clock.get_attribute("aria-live").as_deref(), Some("off"));
    let mut up = clock.parent_element();
    while let Some(e) = up {
        assert!(
            !e.has_attribute("aria-live"),
            "the clock sits in a live region"
        );
        up = e.parent_element();
    }
    handle.destroy();
    settle().await;
}

/// An Events filter that matches nothing says so.
#[wasm_bindgen_test]
async fn an_events_filter_without_match_says_so() {
    settle().await;
    let (root, handle) = mount_clean("# seed: 1\naws ecs create-cluster --cluster-name a\n");
    settle().await;
    button(&root, "Events").click();
    settle().await;
    assert!(root.query_selector(".empty-filter").expect("q").is_none());
    type_into(&find(&root, ".events input[type='search']"), "zzzz");
    settle().await;
    assert_eq!(
        text(&find(&root, ".empty-filter")),
        "No event matches “zzzz”."
    );
    handle.destroy();
    settle().await;
}

/// Terminate asks first: Cancel (or Esc) leaves the instance alone; Terminate goes ahead.
#[wasm_bindgen_test]
async fn terminate_asks_for_confirmation() {
    settle().await;
    let (root, handle) = mount_clean(&ecs_sandbox::ui::demo_script());
    settle().await;
    let x = find(&root, "svg.cluster .svg-button[aria-label^='terminate']");
    let id = x
        .get_attribute("aria-label")
        .unwrap_or_default()
        .trim_start_matches("terminate ")
        .to_string();
    // Focused first, as a keyboard user would have it: the focus comes back to it.
    let focus: js_sys::Function = js_sys::Reflect::get(&x, &"focus".into())
        .expect("focus")
        .dyn_into()
        .expect("a function");
    focus.call0(&x).expect("focused");
    super::click_svg(&x);
    settle().await;
    let dialog = find(&root, ".confirm[role='alertdialog']");
    assert!(
        text(&dialog).contains(&format!("Terminate {id}?")),
        "{}",
        text(&dialog)
    );
    assert_eq!(
        gloo::utils::document()
            .active_element()
            .map(|e| e.text_content().unwrap_or_default()),
        Some("Cancel".to_string()),
        "Cancel has the focus"
    );
    // Tab stays between its two buttons.
    key(&dialog, "Tab");
    settle().await;
    assert_eq!(
        gloo::utils::document()
            .active_element()
            .map(|e| e.text_content().unwrap_or_default()),
        Some("Terminate".to_string())
    );
    key(&dialog, "Tab");
    settle().await;
    assert_eq!(
        gloo::utils::document()
            .active_element()
            .map(|e| e.text_content().unwrap_or_default()),
        Some("Cancel".to_string())
    );
    key(&dialog, "Escape");
    settle().await;
    assert!(root.query_selector(".confirm").expect("q").is_none());
    assert_eq!(
        gloo::utils::document()
            .active_element()
            .and_then(|e| e.get_attribute("aria-label")),
        Some(format!("terminate {id}")),
        "the focus is back on the terminate button"
    );
    super::click_svg(&find(
        &root,
        "svg.cluster .svg-button[aria-label^='terminate']",
    ));
    settle().await;
    button(&root, "Cancel").click();
    settle().await;
    assert!(root.query_selector(".confirm").expect("q").is_none());
    assert!(!ecs_sandbox_scenario_has("terminate-instances"));
    super::click_svg(&find(
        &root,
        "svg.cluster .svg-button[aria-label^='terminate']",
    ));
    settle().await;
    button(&root, "Terminate").click();
    settle().await;
    assert!(ecs_sandbox_scenario_has(&format!(
        "terminate-instances --instance-ids {id}"
    )));
    handle.destroy();
    settle().await;
}

/// Whether the mounted app's scenario holds a line containing `needle`.
fn ecs_sandbox_scenario_has(needle: &str) -> bool {
    let mut found = false;
    ecs_sandbox::ui::bench_with(|ws| found = ws.scenario.lines().any(|l| l.contains(needle)));
    found
}

/// The count's CLI preview follows typing (an input event, not the field losing focus).
#[wasm_bindgen_test]
async fn the_count_preview_follows_typing() {
    settle().await;
    let (root, handle) = mount_clean(super::FARGATE_READY);
    settle().await;
    type_into(&find(&root, ".launch input[type='number']"), "7");
    settle().await;
    let line = text(&find(&root, ".launch .command-preview pre"));
    assert!(line.contains("--count 7"), "{line}");
    handle.destroy();
    settle().await;
}

/// "Why here?" folds into cards when narrow: no sideways scrolling at either size. A random
/// strategy's keys read as draws, not 19-digit numbers.
#[wasm_bindgen_test]
async fn the_ledger_fits_and_reads_random_keys() {
    let script = format!(
        "{}\naws ecs run-task --cluster demo --task-definition web --placement-strategy type=random\nsleep 5\n",
        ecs_sandbox::ui::demo_script()
    );
    for size in VIEWPORTS {
        settle().await;
        let (root, handle) = mount_sized(&script, size);
        settle().await;
        let mut id = String::new();
        // The link replays in slices of real time between frames: on a busy machine the
        // last line (the random RunTask) may come a few frames after the mount.
        for _ in 0..200 {
            ecs_sandbox::ui::bench_with(|ws| {
                id = ws
                    .session
                    .sim
                    .world
                    .tasks()
                    .values()
                    .find(|t| {
                        t.family == "web" && t.ledger.strategies.iter().any(|s| s == "random")
                    })
                    .map(|t| t.id.clone())
                    .unwrap_or_default();
            });
            if !id.is_empty() {
                break;
            }
            wait_ms(25).await;
        }
        assert!(!id.is_empty(), "the random task");
        button(&root, "Events").click();
        settle().await;
        type_into(&find(&root, ".events input[type='search']"), &id);
        settle().await;
        click(&find(&root, &format!("button[data-task='{id}']")));
        settle().await;
        let panel = find(&root, ".ledger-panel");
        let t = text(&panel);
        assert!(t.contains("draw 0."), "{t}");
        assert!(
            !t.split(|c: char| !c.is_ascii_digit())
                .any(|n| n.len() >= 16),
            "a raw 64-bit key: {t}"
        );
        let row = find(&panel, "table.ledger tbody tr");
        let display = computed(&row, "display");
        assert_eq!(display, "block", "folded into a card at {size:?}");
        assert_no_sideways_scroll(&find(&root, ".column-right"), "why here");
        let (_, _, right, _) = rect(&panel);
        assert!(
            right <= f64::from(size.0) + 0.5,
            "the ledger ends at {right}"
        );
        handle.destroy();
        settle().await;
    }
}

/// Fargate's choice among tied AZs says it was a tie and how it was broken (the demo's first
/// Fargate task: three AZs with no task of its group).
#[wasm_bindgen_test]
async fn fargates_tie_is_explained() {
    settle().await;
    let (root, handle) = mount_clean(&ecs_sandbox::ui::demo_script());
    settle().await;
    let mut id = String::new();
    ecs_sandbox::ui::bench_with(|ws| {
        id = ws
            .session
            .sim
            .world
            .tasks()
            .values()
            .filter(|t| t.family == "api")
            .min_by_key(|t| t.ledger.decision)
            .map(|t| t.id.clone())
            .unwrap_or_default();
    });
    button(&root, "Events").click();
    settle().await;
    type_into(&find(&root, ".events input[type='search']"), &id);
    settle().await;
    click(&find(&root, &format!("button[data-task='{id}']")));
    settle().await;
    let t = text(&find(&root, ".ledger-panel .summary"));
    assert!(
        t.contains("us-east-1a, us-east-1b, us-east-1c were tied with 0")
            && t.contains("the seeded draw picked"),
        "{t}"
    );
    handle.destroy();
    settle().await;
}

/// Projector mode: a header toggle that enlarges the type, marks the page's root for every
/// stylesheet, gives the drawing more of the width, and is kept in the address (so the share
/// link carries it); toggled off, all of it goes.
#[wasm_bindgen_test]
async fn projector_mode_is_a_toggle_kept_in_the_link() {
    for size in VIEWPORTS {
        settle().await;
        let (root, handle) = mount_sized(&ecs_sandbox::ui::demo_script(), size);
        settle().await;
        let html = gloo::utils::document().document_element().expect("html");
        let font = || computed(&html, "font-size");
        let cluster_width = || {
            let (l, _, r, _) = rect(&find(&root, ".panel-cluster"));
            r - l
        };
        assert_eq!(font(), "15px");
        let before = cluster_width();
        let toggle = button(&root, "Projector mode");
        assert_eq!(
            toggle.get_attribute("aria-pressed").as_deref(),
            Some("false")
        );
        toggle.click();
        settle().await;
        assert_eq!(html.get_attribute("data-projector").as_deref(), Some("1"));
        assert!(root.query_selector(".app.projector").expect("q").is_some());
        assert_eq!(font(), "19px");
        assert!(
            cluster_width() > before,
            "the drawing gets more of the width"
        );
        let search = gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default();
        assert!(search.contains("projector=1"), "{search}");
        button(&root, "Share / export").click();
        settle().await;
        let link = find(&root, ".share input")
            .dyn_into::<HtmlInputElement>()
            .expect("input")
            .value();
        assert!(
            link.contains("projector=1") && link.contains("#scenario="),
            "{link}"
        );
        button(&root, "Share / export").click();
        settle().await;
        button(&root, "Projector mode").click();
        settle().await;
        assert!(html.get_attribute("data-projector").is_none());
        assert_eq!(font(), "15px");
        let search = gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default();
        assert!(!search.contains("projector"), "{search}");
        handle.destroy();
        settle().await;
    }
}

/// The cluster drawing's "activate" (an instance being drained) fits inside its button.
#[wasm_bindgen_test]
async fn activate_fits_its_button() {
    styled();
    settle().await;
    let (root, handle) = mount_clean(&ecs_sandbox::ui::demo_script());
    settle().await;
    super::click_svg(&find(
        &root,
        "svg.cluster .svg-button[aria-label^='drain:']",
    ));
    settle().await;
    let b = find(&root, "svg.cluster .svg-button[aria-label^='set ACTIVE:']");
    let (bl, _, br, _) = rect(&find(&b, "rect"));
    let (tl, _, tr, _) = rect(&find(&b, "text"));
    assert_eq!(text(&find(&b, "text")), "activate");
    assert!(
        tl >= bl - 0.5 && tr <= br + 0.5,
        "text {tl}..{tr} in button {bl}..{br}"
    );
    handle.destroy();
    settle().await;
}

/// A refused action is announced too, as a failure, with the error the CLI printed; Dismiss
/// empties the live region (which stays in the page, out of sight).
#[wasm_bindgen_test]
async fn a_refused_action_is_announced() {
    settle().await;
    let (root, handle) = mount_clean("# seed: 1\n");
    settle().await;
    button(&root, "Infrastructure").click();
    settle().await;
    let cidr = root
        .query_selector_all(".infra input")
        .expect("inputs")
        .item(2)
        .expect("the subnet CIDR")
        .dyn_into::<Element>()
        .expect("el");
    type_into(&cidr, "10.9.0.0/28");
    settle().await;
    button(&root, "Create subnet").click();
    settle().await;
    let bar = find(&root, ".outcome-bar");
    assert!(
        bar.class_name().split_whitespace().any(|c| c == "failed"),
        "{}",
        bar.class_name()
    );
    let said = text(&find(&bar, "[role='status']"));
    assert!(
        said.contains("InvalidSubnet.Range") && said.contains("CreateSubnet"),
        "{said}"
    );
    button(&root, "Dismiss").click();
    settle().await;
    let bar = find(&root, ".outcome-bar");
    assert!(bar.class_name().split_whitespace().any(|c| c == "empty"));
    assert_eq!(text(&find(&bar, "[role='status']")), "");
    handle.destroy();
    settle().await;
}
