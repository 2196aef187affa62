//! The Lessons tab: the course (fetched `lessons/course.toml`, each lesson with its progress),
//! and the lesson being taken beside the sandbox: its step's prose with commands to put in
//! the console, hints on request, the checklist of goals that ticks itself, the solution to
//! show or run, and "predict, then reveal" questions, scored. The lesson's world is the app's
//! workspace (replaced when a lesson opens), so the cluster view, console, undo and a shared
//! link work in it; the view model is [`crate::viz::lesson`].

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::{persist, Handle};
use crate::lesson::{goal, Course, Lesson, Reveal};
use crate::viz::lesson::{
    entry_address, lesson_address, prose, record_words, Block, Progress, Span, Taking,
};
use crate::viz::workspace::Workspace;

/// Where the course list is, relative to the page (so a site under a sub-path works).
const COURSE: &str = "lessons/course.toml";
/// Where the browser keeps every lesson's progress and score.
const PROGRESS_KEY: &str = "ecs-sandbox.lessons.progress";

/// The lesson side of the app, shared by the root (which re-reads goals after every action)
/// and the tab.
#[derive(Clone)]
pub struct Host {
    pub taking: Rc<RefCell<Option<Taking>>>,
    /// Why the last lesson could not be opened.
    pub error: Rc<RefCell<Option<String>>>,
    /// Bumped at every change of the lesson, so the tab re-renders.
    pub version: Rc<RefCell<u64>>,
    /// The polite live region's sentence (goal met, answer right or wrong).
    pub said: UseStateSetter<String>,
    pub ws: Rc<RefCell<Workspace>>,
    pub bump: Rc<dyn Fn()>,
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.taking, &other.taking)
    }
}

impl Host {
    pub fn changed(&self) {
        *self.version.borrow_mut() += 1;
        (self.bump)();
    }

    /// Opens a lesson from its text: a parse error is shown in the tab, and the world is left
    /// as it was.
    pub fn open_text(&self, key: &str, text: &str) {
        match Lesson::parse(text) {
            Err(e) => {
                *self.error.borrow_mut() = Some(format!("The lesson {key} could not be read: {e}"));
            }
            Ok(lesson) => self.start(key, lesson),
        }
        self.changed();
    }

    /// Starts a lesson (again): its world replaces the workspace.
    pub fn start(&self, key: &str, lesson: Lesson) {
        let steps = lesson.steps.len();
        let (t, ws) = Taking::start(key, lesson);
        *self.ws.borrow_mut() = ws;
        persist::save(&self.ws.borrow().scenario);
        let mut p = load_progress();
        p.steps(key, 0, steps);
        save_progress(&p);
        self.said.set(format!("Lesson opened: {}.", t.lesson.title));
        *self.taking.borrow_mut() = Some(t);
        *self.error.borrow_mut() = None;
        self.changed();
    }

    /// Fetches a lesson from this site and opens it.
    pub fn open_address(&self, asked: &str) {
        let origin = gloo::utils::window()
            .location()
            .origin()
            .unwrap_or_default();
        let address = match lesson_address(asked, &origin) {
            Ok(a) => a,
            Err(e) => {
                *self.error.borrow_mut() = Some(e);
                self.changed();
                return;
            }
        };
        let host = self.clone();
        yew::platform::spawn_local(async move {
            match fetch_text(&address).await {
                Ok(text) => host.open_text(&address, &text),
                Err(e) => {
                    *host.error.borrow_mut() = Some(e);
                    host.changed();
                }
            }
        });
    }

    pub fn close(&self) {
        if self.taking.borrow_mut().take().is_some() {
            self.changed();
        }
    }

    /// After every action (a line, a form, time, undo): the goals read again; a goal newly
    /// met is announced, and a step done is kept in the progress.
    pub fn after_change(&self) {
        let mut guard = self.taking.borrow_mut();
        let Some(t) = guard.as_mut() else {
            return;
        };
        let (was, done_before) = (t.goals.clone(), t.step_done());
        let met = t.refresh(&mut self.ws.borrow_mut());
        if t.goals == was {
            return;
        }
        if t.step_done() && !done_before {
            let mut p = load_progress();
            p.steps(&t.key, t.steps_done(), t.lesson.steps.len());
            save_progress(&p);
            self.said.set(if t.finished() {
                "Every goal is met: the lesson is complete.".to_string()
            } else {
                "Every goal of this step is met: Next step is ready.".to_string()
            });
        } else if !met.is_empty() {
            self.said.set(format!("Goal met: {}.", met.join("; ")));
        }
        drop(guard);
        self.changed();
    }

    /// Whether undo would take the world back before the lesson's start.
    pub fn at_start(&self) -> bool {
        self.taking
            .borrow()
            .as_ref()
            .is_some_and(|t| self.ws.borrow().scenario.actions.len() <= t.base_actions)
    }
}

/// The lesson asked for in the address (`?lesson=URL`), if any.
pub fn asked_in_url() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let raw = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("lesson="))?;
    js_sys::decode_uri_component(raw)
        .ok()
        .and_then(|s| s.as_string())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_progress() -> Progress {
    storage()
        .and_then(|s| s.get_item(PROGRESS_KEY).ok().flatten())
        .map(|t| Progress::parse(&t))
        .unwrap_or_default()
}

fn save_progress(p: &Progress) {
    if let Some(s) = storage() {
        let _ = s.set_item(PROGRESS_KEY, &p.to_json());
    }
}

async fn fetch_text(address: &str) -> Result<String, String> {
    let failed = |why: String| format!("The lesson file {address} could not be fetched: {why}.");
    let resp = gloo::net::http::Request::get(address)
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    if !resp.ok() {
        return Err(failed(format!("the site answered {}", resp.status())));
    }
    resp.text().await.map_err(|e| failed(e.to_string()))
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub host: Host,
    /// [`Host::version`] when rendered.
    pub version: u64,
    pub run: Callback<Vec<String>>,
    pub to_console: Callback<String>,
    pub reveal: Callback<(Reveal, Option<String>)>,
}

#[derive(Clone, PartialEq)]
enum CourseState {
    Loading,
    Loaded(Rc<Course>),
    Failed(String),
}

#[function_component(Lessons)]
pub fn lessons(props: &Props) -> Html {
    let course = use_state(|| CourseState::Loading);
    {
        let course = course.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                course.set(match fetch_text(COURSE).await {
                    Ok(text) => match Course::parse(&text) {
                        Ok(c) => CourseState::Loaded(Rc::new(c)),
                        Err(e) => {
                            CourseState::Failed(format!("The course list could not be read: {e}"))
                        }
                    },
                    Err(e) => CourseState::Failed(e),
                });
            });
        });
    }
    let error = props.host.error.borrow().clone();
    let taking = props.host.taking.borrow();
    html! {
        <div class="lessons">
            if let Some(e) = error {
                <p class="notice lesson-error" role="alert">{ e }</p>
            }
            { match taking.as_ref() {
                Some(t) => html! { <StepView ..step_props(props, t)/> },
                None => course_list(props, &course),
            } }
        </div>
    }
}

fn course_list(props: &Props, course: &CourseState) -> Html {
    let progress = load_progress();
    let (right, asked) = progress.total();
    html! {
        <>
            <h2 id="lessons-title">{ "Lessons" }</h2>
            { match course {
                CourseState::Loading => html! { <p class="muted">{ "Fetching the course…" }</p> },
                CourseState::Failed(e) => html! { <p class="notice" role="alert">{ e }</p> },
                CourseState::Loaded(c) => html! {
                    <>
                        <p>{ &c.title }{ ". Each lesson starts its own world; your sandbox is replaced while you take it." }</p>
                        <ol class="course">
                            { for c.lessons.iter().map(|l| {
                                let address = entry_address(COURSE, &l.file);
                                let words = record_words(&progress.get(&address));
                                let host = props.host.clone();
                                html! {
                                    <li>
                                        <button type="button" class="lesson-open" onclick={Callback::from(move |_| host.open_address(&address))}>{ &l.title }</button>
                                        <span class="muted">{ format!(" · {words}") }</span>
                                    </li>
                                }
                            }) }
                        </ol>
                    </>
                },
            } }
            if asked > 0 {
                <p>{ format!("Predictions, all lessons: {right} of {asked} right.") }</p>
            }
        </>
    }
}

/// What the step view shows, read from the lesson being taken.
#[derive(Properties, PartialEq)]
struct StepProps {
    host: Host,
    version: u64,
    run: Callback<Vec<String>>,
    to_console: Callback<String>,
    reveal: Callback<(Reveal, Option<String>)>,
}

fn step_props(props: &Props, _t: &Taking) -> StepProps {
    StepProps {
        host: props.host.clone(),
        version: props.version,
        run: props.run.clone(),
        to_console: props.to_console.clone(),
        reveal: props.reveal.clone(),
    }
}

fn paragraph(spans: &[Span]) -> Html {
    html! {
        <p>{ for spans.iter().map(|s| match s {
            Span::Text(t) => html! { { t } },
            Span::Code(c) => html! { <code>{ c }</code> },
        }) }</p>
    }
}

#[function_component(StepView)]
fn step_view(props: &StepProps) -> Html {
    let chosen = use_state(|| None::<usize>);
    let host = &props.host;
    let guard = host.taking.borrow();
    let Some(t) = guard.as_ref() else {
        return html! {};
    };
    let Some(step) = t.current() else {
        return html! {};
    };
    let n = t.lesson.steps.len();
    let record = load_progress().get(&t.key);
    let on = |f: fn(&mut Taking, &mut Workspace)| {
        let host = host.clone();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = host.taking.borrow_mut().as_mut() {
                f(t, &mut host.ws.borrow_mut());
            }
            chosen.set(None);
            host.changed();
        })
    };
    let restart = {
        let host = host.clone();
        let key = t.key.clone();
        let lesson = t.lesson.clone();
        Callback::from(move |_: MouseEvent| {
            host.start(&key, lesson.clone());
        })
    };
    let close = {
        let host = host.clone();
        Callback::from(move |_: MouseEvent| host.close())
    };
    let run_solution = {
        let run = props.run.clone();
        let lines = t.solution();
        Callback::from(move |_: MouseEvent| run.emit(lines.clone()))
    };
    html! {
        <section class="lesson" aria-labelledby="lesson-title">
            <h2 id="lesson-title">{ &t.lesson.title }</h2>
            <div class="row lesson-bar">
                <button type="button" class="secondary" onclick={restart}>{ "Restart lesson" }</button>
                <button type="button" class="secondary" onclick={close}>{ "Close lesson (free sandbox)" }</button>
            </div>
            if let Some(f) = &t.setup_failed {
                <p class="notice" role="alert">{ f }</p>
            }
            if t.step == 0 {
                <p class="teaches">{ &t.lesson.teaches }</p>
            }
            <h3>{ format!("Step {} of {n}: {}", t.step + 1, step.title) }</h3>
            { for prose(&step.text).iter().map(|b| match b {
                Block::Paragraph(s) => paragraph(s),
                Block::Command(c) => {
                    let to = props.to_console.clone();
                    let line = c.clone();
                    html! {
                        <div class="lesson-command">
                            <code>{ c }</code>
                            <button type="button" class="secondary" onclick={Callback::from(move |_| to.emit(line.clone()))}>{ "Put in console" }</button>
                        </div>
                    }
                }
            }) }
            { question(props, t, &chosen) }
            if !t.goals.is_empty() {
                <h4 id="goals-title">{ "Goals" }</h4>
                <ul class="goals" aria-labelledby="goals-title">
                    { for step.goals.iter().zip(&t.goals).map(|(g, s)| html! {
                        <li class={classes!(s.met.then_some("met"))}>
                            <span class="mark" aria-hidden="true">{ if s.met { "✓" } else { "○" } }</span>
                            <span class="visually-hidden">{ if s.met { "Met: " } else { "Not met yet: " } }</span>
                            { &g.says }
                            if !s.met {
                                <span class="muted">{ match &s.found {
                                    goal::Read::Value(v) => format!(" (now: {})", goal::shown(v)),
                                    goal::Read::Failed(why) => format!(" (now: {})", why.lines().next().unwrap_or_default()),
                                } }</span>
                            }
                        </li>
                    }) }
                </ul>
            }
            if t.hints > 0 {
                <ul class="hints" aria-label="hints">
                    { for step.hints.iter().take(t.hints).map(|h| html! { <li>{ paragraph(&spans_of(h)) }</li> }) }
                </ul>
            }
            <div class="row lesson-actions">
                if t.hints < step.hints.len() {
                    <button type="button" class="secondary" onclick={on(|t, _| t.hint())}>
                        { format!("Hint ({} of {})", t.hints + 1, step.hints.len()) }
                    </button>
                }
                if !step.solution.trim().is_empty() {
                    <button type="button" class="secondary" aria-expanded={t.solution_shown.to_string()}
                        onclick={on(|t, _| t.solution_shown = !t.solution_shown)}>
                        { if t.solution_shown { "Hide solution" } else { "Show solution" } }
                    </button>
                    <button type="button" class="secondary" onclick={run_solution}>{ "Run solution" }</button>
                }
                if t.step_done() && t.step + 1 < n {
                    <button type="button" onclick={on(|t, ws| { t.next(ws); })}>{ "Next step" }</button>
                }
            </div>
            if t.solution_shown {
                <pre class="solution" aria-label="solution">{ step.solution.trim() }</pre>
            }
            if t.finished() {
                <p class="lesson-done"><strong>{ "Lesson complete." }</strong>{ " Every goal of every step is met." }</p>
            }
            <p class="muted">{ format!("This lesson: {}.", record_words(&record)) }</p>
        </section>
    }
}

/// A hint's text as one paragraph.
fn spans_of(text: &str) -> Vec<Span> {
    match prose(text).into_iter().next() {
        Some(Block::Paragraph(s)) => s,
        Some(Block::Command(c)) => vec![Span::Code(c)],
        None => Vec::new(),
    }
}

/// The step's question: its choices until one is committed, then right or wrong, why, and a
/// way to see it.
fn question(props: &StepProps, t: &Taking, chosen: &UseStateHandle<Option<usize>>) -> Html {
    let (Some(q), Some(p)) = (
        t.question.as_ref(),
        t.current().and_then(|s| s.predict.as_ref()),
    ) else {
        return html! {};
    };
    let offered = match &q.offered {
        Ok(o) => o,
        Err(e) => {
            return html! { <p class="notice" role="alert">{ format!("This step's question has no choices now: {e}") }</p> }
        }
    };
    let body = match &q.answered {
        None => {
            let commit = {
                let host = props.host.clone();
                let chosen = chosen.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let Some(c) = *chosen else { return };
                    commit(&host, c);
                })
            };
            html! {
                <form class="predict" onsubmit={commit}>
                    <fieldset>
                        <legend>{ &p.question }</legend>
                        { for offered.iter().enumerate().map(|(i, o)| {
                            let chosen = chosen.clone();
                            html! {
                                <label class="choice">
                                    <input type="radio" name="prediction" checked={*chosen == Some(i)}
                                        onchange={Callback::from(move |_| chosen.set(Some(i)))} />
                                    { " " }{ &o.label }
                                </label>
                            }
                        }) }
                    </fieldset>
                    <button type="submit" disabled={chosen.is_none()}>{ "Commit my answer" }</button>
                </form>
            }
        }
        Some(a) => {
            let label = |i: Option<usize>| i.and_then(|i| offered.get(i)).map(|o| o.label.clone());
            let verdict = if a.correct() {
                format!("Right: {}.", label(Some(a.chose)).unwrap_or_default())
            } else {
                match (&a.answer, label(a.right)) {
                    (_, Some(r)) => format!(
                        "Not this time: you chose {}, and it was {r}.",
                        label(Some(a.chose)).unwrap_or_default()
                    ),
                    (Ok(v), None) => {
                        format!("Not this time: the world answered {}.", goal::shown(v))
                    }
                    (Err(e), None) => format!("The answer could not be read: {e}"),
                }
            };
            let why = match p.reveal {
                Reveal::Ledger => Some("Why? (the placement ledger)"),
                Reveal::Ipmap => Some("Why? (the subnet's IP map)"),
                Reveal::Events => Some("Why? (the event log)"),
                Reveal::None => None,
            };
            let reveal = {
                let cb = props.reveal.clone();
                let (r, task) = (p.reveal, a.placed_task.clone());
                Callback::from(move |_: MouseEvent| cb.emit((r, task.clone())))
            };
            html! {
                <div class={classes!("predict", "answered", (!a.correct()).then_some("wrong"))}>
                    <p><strong>{ &p.question }</strong></p>
                    <p class="verdict"><span aria-hidden="true">{ if a.correct() { "✓ " } else { "✗ " } }</span>{ verdict }</p>
                    <p>{ &p.explain }</p>
                    if let Some(w) = why {
                        <button type="button" class="secondary" onclick={reveal}>{ w }</button>
                    }
                </div>
            }
        }
    };
    html! { <section class="question" aria-label="prediction">{ body }</section> }
}

/// Commits a choice: the step's action runs in the world, the answer is scored and said.
fn commit(host: &Host, chose: usize) {
    let said = {
        let mut guard = host.taking.borrow_mut();
        let Some(t) = guard.as_mut() else { return };
        let key = t.key.clone();
        let Some((a, _)) = t.commit(&mut host.ws.borrow_mut(), chose) else {
            return;
        };
        let correct = a.correct();
        let mut p = load_progress();
        p.answer(&key, correct);
        if t.step_done() {
            p.steps(&key, t.steps_done(), t.lesson.steps.len());
        }
        save_progress(&p);
        if correct {
            "Your prediction was right."
        } else {
            "Your prediction was not right."
        }
    };
    persist::save(&host.ws.borrow().scenario);
    host.said.set(said.to_string());
    host.changed();
}
