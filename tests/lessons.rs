//! The course's files hang together (every lesson parses and is listed once in course.toml),
//! and the lesson check catches what it exists to catch. The check of each lesson itself runs
//! in scripts/test (`ecs-sim lesson check static/lessons/*.toml`).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use ecs_sandbox::cli::{NoFiles, Session};
use ecs_sandbox::lesson::{check, goal, predict, vars, Course, Lesson};

fn lessons_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/static/lessons"))
}

#[test]
fn every_lesson_parses_and_the_course_lists_each_once_in_order() {
    let course =
        Course::parse(&std::fs::read_to_string(lessons_dir().join("course.toml")).unwrap())
            .unwrap();
    let mut on_disk: Vec<String> = std::fs::read_dir(lessons_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml") && n != "course.toml")
        .collect();
    on_disk.sort();
    let listed: Vec<String> = course.lessons.iter().map(|l| l.file.clone()).collect();
    assert_eq!(
        listed, on_disk,
        "course.toml lists the lesson files in file-name order"
    );
    for entry in &course.lessons {
        let text = std::fs::read_to_string(lessons_dir().join(&entry.file)).unwrap();
        let lesson = Lesson::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.file));
        assert_eq!(
            lesson.title, entry.title,
            "{}: the course names it by its title",
            entry.file
        );
    }
}

const LESSON: &str = r#"
title = "t"
teaches = "t"
seed = 3
setup = "aws ecs create-cluster --cluster-name a"

[[step]]
title = "two clusters"
text = "make b"
solution = "aws ecs create-cluster --cluster-name b"

[[step.goal]]
says = "two clusters"
command = "aws ecs list-clusters"
query = "length(clusterArns)"
expect = 2
"#;

fn faults(text: &str) -> Vec<String> {
    check::check(&Lesson::parse(text).unwrap(), Box::new(NoFiles))
}

#[test]
fn a_lesson_that_holds_has_no_faults() {
    assert_eq!(faults(LESSON), Vec::<String>::new());
}

#[test]
fn a_lesson_solved_by_doing_nothing_is_a_fault() {
    let text = LESSON.replace("expect = 2", "expect = 1").replace(
        "solution = \"aws ecs create-cluster --cluster-name b\"",
        "solution = \"aws ecs list-clusters\"",
    );
    let found = faults(&text);
    assert!(
        found[0].contains("already met before the step's solution runs"),
        "{found:?}"
    );
}

#[test]
fn a_solution_that_misses_its_goal_is_a_fault() {
    let text = LESSON.replace("expect = 2", "expect = 3");
    let found = faults(&text);
    assert!(
        found[0].contains("not met: the query gives 2, expected 3"),
        "{found:?}"
    );
}

#[test]
fn a_failing_setup_or_solution_line_is_a_fault() {
    let text = LESSON.replace("--cluster-name b\"", "--cluster-name b --colour red\"");
    assert!(faults(&text)[0].contains("solution: line 1 failed (exit 252)"));
}

#[test]
fn the_file_is_refused_with_where_and_why() {
    let typo = LESSON.replace("says =", "say =");
    assert!(Lesson::parse(&typo)
        .unwrap_err()
        .contains("unknown field `say`"));
    let writes = LESSON.replace(
        "command = \"aws ecs list-clusters\"",
        "command = \"aws ecs create-cluster --cluster-name c\"",
    );
    assert!(Lesson::parse(&writes)
        .unwrap_err()
        .contains("would change the world"));
    // A `$(...)` inside a goal's command is held to the same rule.
    let sneaky = LESSON.replace(
        "command = \"aws ecs list-clusters\"",
        "command = \"aws ecs describe-clusters --clusters $(aws ecs delete-cluster --cluster a)\"",
    );
    assert!(Lesson::parse(&sneaky)
        .unwrap_err()
        .contains("aws ecs delete-cluster"));
    let bad_query = LESSON.replace("length(clusterArns)", "length(");
    assert!(Lesson::parse(&bad_query)
        .unwrap_err()
        .contains("Invalid jmespath"));
    let empty = LESSON.replace("[[step.goal]]", "[[step.nothing]]");
    assert!(Lesson::parse(&empty).is_err());
}

#[test]
fn reading_goals_leaves_no_trace() {
    let lesson = Lesson::parse(LESSON).unwrap();
    let mut session = Session::new(lesson.seed);
    session.run_script(&lesson.setup);
    let (state, history) = (session.sim.state_json(), session.history.len());
    let g = &lesson.steps[0].goals[0];
    let seen = goal::check(&mut session, g);
    assert!(!seen.met);
    assert_eq!(seen.found, goal::Read::Value(serde_json::json!(1)));
    assert_eq!(session.sim.state_json(), state);
    assert_eq!(session.history.len(), history);
    // A command that writes is refused when observed, whatever the file said.
    let out = session.observe(&["aws".into(), "ecs".into(), "create-cluster".into()]);
    assert_eq!(out.exit, 2);
}

const PREDICT: &str = r#"
title = "p"
teaches = "p"
setup = "aws ecs create-cluster --cluster-name a"

[[step]]
title = "guess"
text = "will b be made?"

[step.predict]
question = "How many clusters after the action?"
options = [{ label = "one", value = 1 }, { label = "two", value = 2 }]
act = "aws ecs create-cluster --cluster-name b"
answer = { command = "aws ecs list-clusters", query = "length(clusterArns)" }
explain = "create-cluster made a second one."
"#;

#[test]
fn a_prediction_is_answered_by_the_world_after_its_action() {
    assert_eq!(faults(PREDICT), Vec::<String>::new());
    let lesson = Lesson::parse(PREDICT).unwrap();
    let p = lesson.steps[0].predict.as_ref().unwrap();
    let mut session = Session::new(0);
    session.run_script(&lesson.setup);
    let offered = predict::choices(&mut session, p).unwrap();
    session.run_script(&p.act);
    let answer = predict::answer(&mut session, p).unwrap();
    assert_eq!(predict::right_choice(&offered, &answer), Some(1));
    // An answer that is none of the choices is the lesson's fault.
    let wrong = PREDICT.replace("value = 2", "value = 5");
    assert!(faults(&wrong)[0].contains("none of the choices (one, two)"));
}

#[test]
fn queries_take_the_lessons_variables() {
    let expand = |q: &str| vars::expand(q, &|n| (n == "SUB").then(|| "subnet-1".to_string()));
    assert_eq!(expand("a[?s=='$SUB']"), "a[?s=='subnet-1']");
    assert_eq!(expand("a[?s=='${SUB}x']"), "a[?s=='subnet-1x']");
    assert_eq!(expand("a[?s=='$NOPE']"), "a[?s=='']");
    assert_eq!(expand("cost$ ${"), "cost$ ${");
    let text = LESSON
        .replace(
            "setup = \"aws ecs create-cluster --cluster-name a\"",
            "setup = \"aws ecs create-cluster --cluster-name a; N=2\"",
        )
        .replace(
            "query = \"length(clusterArns)\"\nexpect = 2",
            "query = \"length(clusterArns) == `$N`\"\nexpect = true",
        );
    assert_eq!(faults(&text), Vec::<String>::new());
}

#[test]
fn values_read_as_a_learner_reads_them() {
    use serde_json::json;
    assert_eq!(goal::shown(&json!(4087.0)), "4087");
    assert_eq!(goal::shown(&json!(0.5)), "0.5");
    assert_eq!(goal::shown(&json!("i-0abc")), "i-0abc");
    assert_eq!(goal::shown(&json!([1, 2])), "[1,2]");
}

/// The TOML reader recurses once per level of nesting, and the browser's stack is about 1 MiB:
/// a file nested a thousand deep would overflow it and kill the page. Such a file is refused
/// first, with its line; one nested as deep as allowed is read without trouble on that stack;
/// brackets in strings and comments do not count.
#[test]
fn deep_nesting_is_refused_before_it_can_overflow_the_stack() {
    let on_a_small_stack = |text: String| {
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || Lesson::parse(&text))
            .expect("thread")
            .join()
            .expect("no overflow")
    };
    for open in ["[", "{b="] {
        let err =
            on_a_small_stack(format!("title = \"t\"\na = {}", open.repeat(50_000))).unwrap_err();
        assert!(
            err.contains("line 2: arrays and inline tables nest more than 32 deep"),
            "{err}"
        );
    }
    let deepest = format!("a = {}1{}", "[".repeat(32), "]".repeat(32));
    let err = on_a_small_stack(deepest).unwrap_err();
    assert!(
        err.contains("unknown field `a`"),
        "read, then found not a lesson: {err}"
    );
    let quoted = LESSON.replace(
        "text = \"make b\"",
        &format!(
            "text = \"{}\" # {}\nhints = ['''{}''']",
            "[".repeat(50),
            "{".repeat(50),
            "[".repeat(50)
        ),
    );
    assert!(Lesson::parse(&quoted).is_ok());
}
