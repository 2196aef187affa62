//! Lessons in the browser (issue 17): a lesson opened from its text (the tests cannot rely on
//! fetch) starts its own world with its goals unticked; running its solution ticks them and
//! the live region says so; undo unticks them; a prediction is committed, its action runs and
//! it is scored right or wrong (the score kept in localStorage); a lesson that cannot be read
//! is shown plainly; a lesson from another site is refused.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

use super::common::{mount, mount_url};
use super::{button, find, saved, storage, text};

const LESSON: &str = r#"
title = "Clusters in the browser"
teaches = "A cluster is made by one call."
seed = 9
setup = '''
aws ecs create-cluster --cluster-name setup
'''

[[step]]
title = "Make a cluster"
text = """
Create a cluster called `learn`:

    aws ecs create-cluster --cluster-name learn
"""
hints = ["The console takes AWS CLI lines.", "It is one line."]
solution = '''
aws ecs create-cluster --cluster-name learn
'''

[[step.goal]]
says = "learn is ACTIVE"
command = "aws ecs describe-clusters --clusters learn"
query = "clusters[0].status"
expect = "ACTIVE"

[[step]]
title = "Guess"
text = "One more cluster."

[step.predict]
question = "Will a third cluster be made?"
options = [{ label = "Yes", value = true }, { label = "No", value = false }]
act = '''
aws ecs create-cluster --cluster-name third
'''
answer = { command = "aws ecs list-clusters", query = "length(clusterArns) == `3`" }
reveal = "events"
explain = "CreateCluster makes one cluster."
"#;

const KEY: &str = "lessons/test-clusters.toml";

fn goals(root: &Element) -> (u32, u32) {
    let all = root
        .query_selector_all(".goals li")
        .expect("goals")
        .length();
    let met = root
        .query_selector_all(".goals li.met")
        .expect("met")
        .length();
    (met, all)
}

fn said(root: &Element) -> String {
    text(&find(root, "#lesson-said"))
}

async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
    }
}

async fn open(root: &Element) {
    button(root, "Lessons").click();
    settle().await;
    ecs_sandbox::ui::open_lesson_text(KEY, LESSON);
    settle().await;
    assert!(text(&find(root, ".lesson h2")).contains("Clusters in the browser"));
}

#[wasm_bindgen_test]
async fn a_lesson_starts_its_world_unsolved_and_its_solution_ticks_the_goals() {
    let (root, handle) = mount("# seed: 1\naws ecs create-cluster --cluster-name mine\n");
    settle().await;
    open(&root).await;
    // The lesson's world: its seed and setup, in the link and autosave.
    let script = saved().expect("saved");
    assert!(script.starts_with("# seed: 9\n"), "{script}");
    assert!(script.contains("--cluster-name setup") && !script.contains("mine"));
    assert!(text(&find(&root, ".lesson h3")).contains("Step 1 of 2: Make a cluster"));
    assert_eq!(goals(&root), (0, 1));
    assert!(text(&find(&root, ".goals")).contains("Not met yet"));
    // Hints one at a time.
    button(&root, "Hint (1 of 2)").click();
    settle().await;
    assert!(text(&find(&root, ".hints")).contains("console takes"));
    assert!(!text(&find(&root, ".hints")).contains("one line"));
    // Show, then run, the solution.
    button(&root, "Show solution").click();
    settle().await;
    assert!(text(&find(&root, "pre.solution")).contains("create-cluster --cluster-name learn"));
    button(&root, "Run solution").click();
    settle().await;
    assert_eq!(goals(&root), (1, 1));
    assert!(
        said(&root).contains("Every goal of this step is met"),
        "{}",
        said(&root)
    );
    // Undo takes the solution back: the goal unticks.
    button(&root, "Undo").click();
    settle().await;
    assert_eq!(goals(&root), (0, 1));
    // Undo stops at the lesson's start: the setup stays.
    button(&root, "Undo").click();
    settle().await;
    assert!(saved().expect("saved").contains("--cluster-name setup"));
    // The command in the prose goes to the console; typed there, it ticks the goal.
    button(&root, "Put in console").click();
    settle().await;
    let input = find(&root, "#console-line");
    let line = input.dyn_ref::<HtmlInputElement>().expect("input").value();
    assert_eq!(line, "aws ecs create-cluster --cluster-name learn");
    button(&root, "Run").click();
    settle().await;
    assert!(said(&root).contains("Every goal"), "{}", said(&root));
    button(&root, "Lessons").click();
    settle().await;
    assert_eq!(goals(&root), (1, 1));
    button(&root, "Next step").click();
    settle().await;
    assert!(text(&find(&root, ".lesson h3")).contains("Step 2 of 2: Guess"));
    let progress = storage()
        .get_item("ecs-sandbox.lessons.progress")
        .expect("read")
        .expect("kept");
    assert!(progress.contains(r#""steps_done":1"#), "{progress}");
    handle.destroy();
}

/// Opens the lesson at its question (step 2) and commits choice `i`.
async fn predict(root: &Element, choice: &str) {
    open(root).await;
    button(root, "Run solution").click();
    settle().await;
    button(root, "Next step").click();
    settle().await;
    assert!(text(&find(root, ".question legend")).contains("Will a third cluster be made?"));
    let labels = root.query_selector_all(".question label").expect("labels");
    for i in 0..labels.length() {
        let l: Element = labels.item(i).expect("label").dyn_into().expect("el");
        if text(&l).trim() == choice {
            let radio = l.query_selector("input").expect("q").expect("radio");
            radio.dyn_ref::<web_sys::HtmlElement>().expect("el").click();
        }
    }
    settle().await;
    let before = saved().expect("saved");
    button(root, "Commit my answer").click();
    settle().await;
    // The action ran in the world, recorded like a console line.
    let script = saved().expect("saved");
    assert_eq!(
        script.lines().count(),
        before.lines().count() + 1,
        "{before}\n---\n{script}"
    );
    assert!(script.contains("--cluster-name third"));
}

#[wasm_bindgen_test]
async fn a_prediction_is_scored_right_and_wrong_and_reveals_why() {
    let (root, handle) = mount("# seed: 1\n");
    settle().await;
    predict(&root, "Yes").await;
    let verdict = text(&find(&root, ".question .verdict"));
    assert!(verdict.contains("Right: Yes"), "{verdict}");
    assert!(said(&root).contains("was right"));
    assert!(text(&find(&root, ".question")).contains("CreateCluster makes one cluster."));
    assert!(text(&find(&root, ".lesson-done")).contains("Lesson complete"));
    let kept = || {
        storage()
            .get_item("ecs-sandbox.lessons.progress")
            .expect("read")
            .expect("kept")
    };
    assert!(kept().contains(r#""right":1,"asked":1"#), "{}", kept());
    // Again, wrong this time.
    button(&root, "Restart lesson").click();
    settle().await;
    assert!(text(&find(&root, ".lesson h3")).contains("Step 1 of 2"));
    button(&root, "Run solution").click();
    settle().await;
    button(&root, "Next step").click();
    settle().await;
    let labels = root
        .query_selector_all(".question label input")
        .expect("radios");
    labels
        .item(1)
        .expect("No")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("el")
        .click();
    settle().await;
    button(&root, "Commit my answer").click();
    settle().await;
    let verdict = text(&find(&root, ".question .verdict"));
    assert!(
        verdict.contains("Not this time: you chose No, and it was Yes"),
        "{verdict}"
    );
    assert!(said(&root).contains("was not right"));
    assert!(kept().contains(r#""right":1,"asked":2"#), "{}", kept());
    // The reveal opens the event log.
    button(&root, "Why? (the event log)").click();
    settle().await;
    let selected = find(&root, "[role='tab'][aria-selected='true']");
    assert_eq!(text(&selected), "Events");
    // The course list says the score (it shows once the lesson is closed).
    button(&root, "Lessons").click();
    settle().await;
    button(&root, "Close lesson (free sandbox)").click();
    settle().await;
    assert!(text(&find(&root, ".lessons")).contains("1 of 2 right"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_lesson_that_cannot_be_read_is_shown_plainly_and_the_world_stays() {
    let (root, handle) = mount("# seed: 1\naws ecs create-cluster --cluster-name mine\n");
    settle().await;
    button(&root, "Lessons").click();
    settle().await;
    ecs_sandbox::ui::open_lesson_text(KEY, "title = \"No steps\"\nteaches = \"x\"\nstep = []\n");
    settle().await;
    let error = text(&find(&root, ".lesson-error"));
    assert!(
        error.contains("could not be read") && error.contains("step"),
        "{error}"
    );
    assert!(root.query_selector(".lesson h2").expect("q").is_none());
    ecs_sandbox::ui::open_lesson_text(KEY, "title = [unclosed");
    settle().await;
    assert!(text(&find(&root, ".lesson-error")).contains("could not be read"));
    let script = saved().expect("saved");
    assert!(script.contains("mine"), "the world is as it was: {script}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_lesson_from_another_site_is_refused() {
    let (root, handle) = mount_url("?lesson=https%3A%2F%2Fevil.example%2Fx.toml");
    settle().await;
    let error = text(&find(&root, ".lesson-error"));
    assert!(error.contains("only from this site"), "{error}");
    handle.destroy();
    // The next test's page has no `?lesson=`.
    let window = gloo::utils::window();
    let path = window.location().pathname().expect("path");
    window
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .expect("replaced");
}

/// Issue 17's "done when": lesson 8 start to finish in the browser: predict, act, see the
/// subnet run dry on its IP map, fix it; every goal ticked by the world, the lesson complete.
#[wasm_bindgen_test]
async fn lesson_8_is_taken_start_to_finish() {
    let (root, handle) = mount("# seed: 1\n");
    settle().await;
    button(&root, "Lessons").click();
    settle().await;
    ecs_sandbox::ui::open_lesson_text(
        "lessons/08-where-did-my-ips-go.toml",
        include_str!("../../static/lessons/08-where-did-my-ips-go.toml"),
    );
    settle().await;
    let steps = 4;
    for i in 1..=steps {
        let heading = text(&find(&root, ".lesson h3"));
        assert!(
            heading.starts_with(&format!("Step {i} of {steps}")),
            "{heading}"
        );
        if root.query_selector(".question form").expect("q").is_some() {
            find(&root, ".question input")
                .dyn_into::<web_sys::HtmlElement>()
                .expect("radio")
                .click();
            settle().await;
            button(&root, "Commit my answer").click();
            settle().await;
            let verdict = text(&find(&root, ".question .verdict"));
            assert!(
                verdict.contains("Right") || verdict.contains("Not this time"),
                "step {i}: {verdict}"
            );
            // Why: the subnet's IP map opens beside the drawing.
            button(&root, "Why? (the subnet's IP map)").click();
            settle().await;
            let map = text(&find(&root, ".panel-ipmap"));
            assert!(map.contains("10.0.0.0/28"), "step {i}: {map}");
            button(&root, "Lessons").click();
            settle().await;
        }
        if root.query_selector(".goals").expect("q").is_some() {
            let (met, all) = goals(&root);
            assert!(met < all, "step {i}: met before its solution");
            button(&root, "Run solution").click();
            settle().await;
            assert_eq!(
                goals(&root),
                (all, all),
                "step {i}: {}",
                text(&find(&root, ".goals"))
            );
        }
        if i < steps {
            button(&root, "Next step").click();
            settle().await;
        }
    }
    assert!(text(&find(&root, ".lesson-done")).contains("Lesson complete"));
    handle.destroy();
}
