use super::*;
use crate::cli::script::{Outcome, Output};

/// A lesson of two steps: a goal to reach, then a question with fixed options.
const TWO_STEPS: &str = r#"
title = "Two steps"
teaches = "A cluster, then a guess."
seed = 5
setup = '''
aws ecs create-cluster --cluster-name setup
'''

[[step]]
title = "Make a cluster"
text = "Create `learn`."
hints = ["One.", "Two."]
solution = '''
aws ecs create-cluster --cluster-name learn
'''

[[step.goal]]
says = "learn is ACTIVE"
command = "aws ecs describe-clusters --clusters learn"
query = "clusters[0].status"
expect = "ACTIVE"

[[step.goal]]
says = "Two clusters"
command = "aws ecs list-clusters"
query = "length(clusterArns)"
expect = 2

[[step]]
title = "Guess"
text = "Will a third cluster be made?"

[step.predict]
question = "Will it?"
options = [{ label = "Yes", value = true }, { label = "No", value = false }]
act = '''
aws ecs create-cluster --cluster-name third
'''
answer = { command = "aws ecs list-clusters", query = "length(clusterArns) == `3`" }
reveal = "events"
explain = "CreateCluster makes one."
"#;

fn two_steps() -> (Taking, Workspace) {
    Taking::start(
        "lessons/two.toml",
        Lesson::parse(TWO_STEPS).expect("parses"),
    )
}

#[test]
fn the_world_starts_from_the_seed_and_the_setup_with_every_goal_unmet() {
    let (t, ws) = two_steps();
    assert_eq!(ws.scenario.seed, 5);
    assert_eq!(t.base_actions, 1);
    assert_eq!(t.setup_failed, None);
    assert_eq!(t.goals.len(), 2);
    assert!(t.goals.iter().all(|g| !g.met));
    assert!(!t.step_done());
    assert_eq!(t.steps_done(), 0);
}

#[test]
fn a_setup_that_fails_says_where() {
    let text = TWO_STEPS.replace(
        "aws ecs create-cluster --cluster-name setup",
        "aws ecs no-such-operation",
    );
    let (t, _) = Taking::start("x", Lesson::parse(&text).expect("parses"));
    let why = t.setup_failed.expect("failed");
    assert!(why.contains("no-such-operation"), "{why}");
}

#[test]
fn goals_tick_after_the_action_that_meets_them_and_next_moves_on() {
    let (mut t, mut ws) = two_steps();
    assert!(!t.next(&mut ws), "not before the step is done");
    // Nothing changed: nothing re-read, nothing newly met.
    assert!(t.refresh(&mut ws).is_empty());
    ws.run(&["aws ecs create-cluster --cluster-name other".to_string()]);
    let met = t.refresh(&mut ws);
    assert_eq!(met, vec!["Two clusters".to_string()]);
    assert!(!t.step_done());
    ws.run(&t.solution());
    // The solution made a third cluster: "two clusters" is unmet again, learn is met.
    assert_eq!(t.refresh(&mut ws), vec!["learn is ACTIVE".to_string()]);
    assert!(!t.goals[1].met);
    ws.undo();
    ws.undo();
    ws.run(&t.solution());
    t.refresh(&mut ws);
    assert!(t.step_done(), "{:?}", t.goals);
    assert_eq!(t.steps_done(), 1);
    assert!(t.next(&mut ws));
    assert_eq!(t.step, 1);
    assert!(t.goals.is_empty());
    assert!(!t.step_done(), "the question is not answered yet");
}

#[test]
fn hints_come_one_at_a_time_and_stop_at_the_last() {
    let (mut t, _) = two_steps();
    assert_eq!(t.hints, 0);
    t.hint();
    assert_eq!(t.hints, 1);
    t.hint();
    t.hint();
    assert_eq!(t.hints, 2);
}

fn at_question() -> (Taking, Workspace) {
    let (mut t, mut ws) = two_steps();
    ws.run(&t.solution());
    t.refresh(&mut ws);
    assert!(t.next(&mut ws));
    (t, ws)
}

#[test]
fn a_right_prediction_is_scored_right_and_the_action_is_recorded() {
    let (mut t, mut ws) = at_question();
    let offered = t
        .question
        .as_ref()
        .expect("asks")
        .offered
        .clone()
        .expect("offers");
    assert_eq!(offered.len(), 2);
    let actions = ws.scenario.actions.len();
    let (answered, out) = t.commit(&mut ws, 0).expect("committed");
    assert!(answered.correct());
    assert_eq!(answered.right, Some(0));
    assert_eq!(answered.answer, Ok(Value::Bool(true)));
    assert_eq!(out.len(), 1);
    assert_eq!(
        ws.scenario.actions.len(),
        actions + 1,
        "the action is undoable"
    );
    assert!(t.step_done() && t.finished());
    // A second commit changes nothing.
    assert!(t.commit(&mut ws, 1).is_none());
    assert_eq!(ws.scenario.actions.len(), actions + 1);
}

#[test]
fn a_wrong_prediction_is_scored_wrong() {
    let (mut t, mut ws) = at_question();
    assert!(t.commit(&mut ws, 5).is_none(), "no such choice");
    let (answered, _) = t.commit(&mut ws, 1).expect("committed");
    assert!(!answered.correct());
    assert_eq!(answered.right, Some(0));
}

#[test]
fn choices_read_from_the_world_follow_it_until_answered() {
    let text = TWO_STEPS.replace(
        r#"options = [{ label = "Yes", value = true }, { label = "No", value = false }]"#,
        r#"choices = { command = "aws ecs list-clusters", query = "clusterArns" }"#,
    );
    let (mut t, mut ws) = Taking::start("x", Lesson::parse(&text).expect("parses"));
    ws.run(&t.solution());
    t.refresh(&mut ws);
    t.next(&mut ws);
    let n = |t: &Taking| {
        t.question
            .as_ref()
            .unwrap()
            .offered
            .as_ref()
            .map(Vec::len)
            .ok()
    };
    assert_eq!(n(&t), Some(2));
    ws.run(&["aws ecs create-cluster --cluster-name more".to_string()]);
    t.refresh(&mut ws);
    assert_eq!(n(&t), Some(3));
    let (answered, _) = t.commit(&mut ws, 0).expect("committed");
    // The answer (true) is none of the clusters' ARNs.
    assert_eq!(answered.right, None);
    assert!(!answered.correct());
}

#[test]
fn lesson_one_is_unsolved_after_its_setup_and_solved_by_its_solutions() {
    let lesson = Lesson::parse(include_str!(
        "../../../static/lessons/01-hello-cluster.toml"
    ))
    .expect("lesson 1 parses");
    let steps = lesson.steps.len();
    let (mut t, mut ws) = Taking::start("lessons/01-hello-cluster.toml", lesson);
    for i in 0..steps {
        assert!(!t.step_done(), "step {i} done before its solution");
        let out = ws.run(&t.solution());
        assert!(out.iter().all(|r| r.output.exit == 0), "{out:?}");
        t.refresh(&mut ws);
        assert!(t.step_done(), "step {i}: {:?}", t.goals);
        if i + 1 < steps {
            assert!(t.next(&mut ws));
        }
    }
    assert!(t.finished());
    // The lesson's world as a link carries it rebuilds the same world (the user data's quoted
    // newline included).
    let script = ws.scenario.to_script();
    let back = Workspace::from_scenario(
        crate::viz::scenario::Scenario::from_script(&script).expect("reads"),
    );
    assert_eq!(back.scenario.to_script(), script);
    assert_eq!(back.session.sim.state_json(), ws.session.sim.state_json());
}

#[test]
fn the_task_an_action_placed_is_found_in_its_response() {
    let executed = |response: Option<Value>| Executed {
        line: 1,
        command: String::new(),
        output: Output::default(),
        sim_time_ms: 0,
        outcome: Outcome {
            response,
            events: 0..0,
        },
    };
    let out = vec![
        executed(None),
        executed(Some(
            serde_json::json!({"tasks": [], "failures": [{"reason": "RESOURCE:CPU"}]}),
        )),
        executed(Some(
            serde_json::json!({"tasks": [{"taskArn": "arn:t/1"}, {"taskArn": "arn:t/2"}]}),
        )),
    ];
    assert_eq!(placed_task(&out), Some("arn:t/1".into()));
    assert_eq!(placed_task(&out[..2]), None);
}

#[test]
fn prose_has_paragraphs_code_and_commands() {
    let blocks =
        prose("First `a` line\nwraps here.\n\n    aws ecs list-clusters\n    sim time\nLast `open");
    assert_eq!(
        blocks,
        vec![
            Block::Paragraph(vec![
                Span::Text("First ".into()),
                Span::Code("a".into()),
                Span::Text(" line wraps here.".into()),
            ]),
            Block::Command("aws ecs list-clusters".into()),
            Block::Command("sim time".into()),
            Block::Paragraph(vec![Span::Text("Last ".into()), Span::Text("`open".into())]),
        ]
    );
}

#[test]
fn progress_keeps_the_most_steps_reached_and_scores_answers() {
    let mut p = Progress::parse("not json");
    assert_eq!(p, Progress::default());
    p.steps("a", 2, 3);
    p.steps("a", 1, 3);
    p.answer("a", true);
    p.answer("a", false);
    p.answer("b", true);
    assert_eq!(
        p.get("a"),
        Record {
            steps_done: 2,
            steps: 3,
            right: 1,
            asked: 2
        }
    );
    assert_eq!(p.total(), (2, 3));
    let back = Progress::parse(&p.to_json());
    assert_eq!(back, p);
    assert_eq!(
        record_words(&p.get("a")),
        "2 of 3 steps, 1 of 2 predictions right"
    );
    assert_eq!(record_words(&p.get("none")), "not started");
    p.steps("a", 3, 3);
    assert!(record_words(&p.get("a")).starts_with("done"));
}

#[test]
fn lessons_open_only_from_this_site() {
    let origin = "https://sandbox.example";
    assert_eq!(
        lesson_address("lessons/01.toml", origin),
        Ok("lessons/01.toml".into())
    );
    assert_eq!(
        lesson_address("https://sandbox.example/ecs/lessons/01.toml", origin),
        Ok("https://sandbox.example/ecs/lessons/01.toml".into())
    );
    for bad in [
        "https://evil.example/l.toml",
        "https://sandbox.example.evil.example/l.toml",
        "//evil.example/l.toml",
        "javascript:alert(1)",
        "data:text/plain,x",
    ] {
        let why = lesson_address(bad, origin).expect_err(bad);
        assert!(why.contains("only from this site"), "{why}");
    }
    assert!(lesson_address(" ", origin).is_err());
    assert_eq!(
        entry_address("lessons/course.toml", "01-a.toml"),
        "lessons/01-a.toml"
    );
    assert_eq!(entry_address("course.toml", "01-a.toml"), "01-a.toml");
}

/// Every lesson of the course, taken as the Lessons tab takes it (the workspace's path, with
/// its budgets and sampled sleeps, not `lesson check`'s bare session): each step's question
/// committed, its solution run, its goals met, Next; then the world as a link carries it
/// rebuilds the same world.
#[test]
fn every_lesson_of_the_course_is_solved_through_the_workspace_and_its_link_replays() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/lessons");
    let course = crate::lesson::Course::parse(
        &std::fs::read_to_string(dir.join("course.toml")).expect("course"),
    )
    .expect("course parses");
    assert!(course.lessons.len() >= 2);
    for entry in &course.lessons {
        let text = std::fs::read_to_string(dir.join(&entry.file)).expect("lesson file");
        let lesson = Lesson::parse(&text).expect(&entry.file);
        let steps = lesson.steps.len();
        let (mut t, mut ws) = Taking::start(&entry.file, lesson);
        assert_eq!(t.setup_failed, None, "{}", entry.file);
        for i in 0..steps {
            let at = format!("{} step {}", entry.file, i + 1);
            assert!(!t.step_done(), "{at}: done before anything was done");
            if t.question.is_some() {
                let (a, _) = t.commit(&mut ws, 0).expect(&at);
                assert!(a.answer.is_ok() && a.right.is_some(), "{at}: {a:?}");
            }
            let out = ws.run(&t.solution());
            assert!(out.iter().all(|r| r.output.exit == 0), "{at}: {out:?}");
            t.refresh(&mut ws);
            assert!(t.step_done(), "{at}: {:?}", t.goals);
            assert_eq!(t.next(&mut ws), i + 1 < steps, "{at}");
        }
        assert!(t.finished(), "{}", entry.file);
        let script = ws.scenario.to_script();
        let back = Workspace::from_scenario(
            crate::viz::scenario::Scenario::from_script(&script).expect("reads"),
        );
        assert_eq!(back.scenario.to_script(), script, "{}", entry.file);
        assert_eq!(
            back.session.sim.state_json(),
            ws.session.sim.state_json(),
            "{}: the link rebuilds another world",
            entry.file
        );
    }
}
