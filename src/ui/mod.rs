//! The browser app (wasm32 only): Yew components over a [`Workspace`].
//!
//! The root component owns the workspace (the model, as in Yew's game-of-life example); the
//! panels get a read-only view of it and send back command lines. Every change goes through
//! the same `aws ...` / `sim ...` lines as `ecs-sim`, and those lines are the scenario that the
//! URL, localStorage, undo and redo carry.

mod alb;
mod alb_front;
mod charts;
mod chip_canvas;
mod chips;
mod cluster;
mod cluster_efs;
mod cluster_iam;
mod console;
mod copy;
mod efs;
pub use copy::{copy_callback, copy_words, CommandPreview, CommandProps};
mod controls;
mod events;
mod infra;
pub mod ipmap;
mod launch;
mod ledger;
mod lessons;
mod load;
mod network;
mod outcome;
mod persist;
mod policy_editor;
mod roles;
mod services;

pub use persist::demo_script;
mod task_iam;
mod taskdef;
mod taskdef_volumes;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::model::time::Instant;
use crate::viz::scenario::Scenario;
use crate::viz::workspace::Workspace;

/// The seed a fresh page starts from.
pub const DEFAULT_SEED: u64 = 1;

/// How often the play loop advances the world (real milliseconds).
const TICK_MS: u32 = 100;

/// The most timers one tick of the play loop fires (see `Workspace::advance_at_most`):
/// some 10-20 ms of work in the browser, so a tick stays well inside a frame budget of
/// 100 ms even when 2,000 tasks change state at once (at 60x their start then takes a few
/// seconds instead of one frame of 200-300 ms).
const TICK_STEPS: u64 = 250;

/// The shared workspace, with its revision: a panel given a handle re-renders when what it
/// may show changed, not on every tick of the clock.
#[derive(Clone)]
pub struct Handle {
    pub ws: Rc<RefCell<Workspace>>,
    /// [`Workspace::revision`] when the handle was made.
    pub revision: u64,
}

impl PartialEq for Handle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ws, &other.ws) && self.revision == other.revision
    }
}

/// What panels can ask of the app.
#[derive(Clone, PartialEq)]
pub struct Actions {
    /// Run these command lines as one action (a button's: one that cannot be taken back
    /// lightly, like terminating an instance, asks first).
    pub run: Callback<Vec<String>>,
    /// Run lines the learner typed (the console): they asked for exactly this, so nothing
    /// asks again.
    pub run_typed: Callback<Vec<String>>,
    /// Select a task (its ledger, its place in the views), or nothing.
    pub select_task: Callback<Option<String>>,
    /// Show a subnet's IP map.
    pub select_subnet: Callback<Option<String>>,
}

/// The right-hand panels.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Launch,
    TaskDefs,
    Services,
    Roles,
    Efs,
    Infra,
    Ledger,
    Events,
    Charts,
    Lessons,
    Console,
}

const TABS: [(Tab, &str, &str); 11] = [
    (Tab::Launch, "Run tasks", "launch"),
    (Tab::TaskDefs, "Task definitions", "taskdefs"),
    (Tab::Services, "Services", "services"),
    (Tab::Roles, "Roles", "roles"),
    (Tab::Efs, "EFS", "efs"),
    (Tab::Infra, "Infrastructure", "infra"),
    (Tab::Ledger, "Why here?", "ledger"),
    (Tab::Events, "Events", "events"),
    (Tab::Charts, "Charts", "charts"),
    (Tab::Lessons, "Lessons", "lessons"),
    (Tab::Console, "Console", "console"),
];

/// The tab an arrow key (or Home/End) moves to from tab `i`, as the ARIA tabs pattern
/// says: Left and Right wrap around; None for any other key.
fn tab_after_key(i: usize, key: &str) -> Option<usize> {
    let n = TABS.len();
    match key {
        "ArrowRight" => Some((i + 1) % n),
        "ArrowLeft" => Some((i + n - 1) % n),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Start with time playing (the page does; tests start paused).
    #[prop_or(true)]
    pub autoplay: bool,
    /// Draw the header and the cluster first and the other panels a frame later (the page
    /// does: the first meaningful paint then waits for the drawing alone; tests see every
    /// panel at once).
    #[prop_or(false)]
    pub panels_after_first_paint: bool,
}

/// How the visit starts: a lesson asked for in the address (`?lesson=`) replaces the world
/// once fetched, so the page starts empty rather than load a saved scenario for nothing.
fn start() -> persist::Start {
    if lessons::asked_in_url().is_some() {
        persist::Start::Ready(Box::new(Workspace::new(DEFAULT_SEED)), None)
    } else {
        persist::initial()
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let notice = use_state(|| None::<String>);
    // The welcome note shows while the page holds the demo it opened with.
    let intro = use_state(|| false);
    let progress = use_state(|| None::<load::Progress>);
    let slot = use_mut_ref(|| None::<load::Loading>);
    // The visit's start: a scenario replays here for up to a first slice; one that needs
    // longer goes on in slices after the first render (the effect below), behind the
    // loading screen, on top of an empty account.
    let ws = {
        let notice = notice.clone();
        let intro = intro.clone();
        let progress = progress.clone();
        let slot = slot.clone();
        use_mut_ref(move || match start() {
            persist::Start::Ready(ws, message) => {
                notice.set(message);
                *ws
            }
            persist::Start::Load(scenario, origin) => {
                let total = scenario.lines().count();
                match load::begin(scenario, origin) {
                    (Some(ws), _) => {
                        notice.set(load::take_note());
                        intro.set(persist::is_demo(&ws));
                        ws
                    }
                    (_, pending) => {
                        *slot.borrow_mut() = pending;
                        progress.set(Some(load::Progress {
                            done: 0,
                            total,
                            origin,
                        }));
                        Workspace::new(DEFAULT_SEED)
                    }
                }
            }
        })
    };
    // Every change re-renders the app; the panels' handles carry the workspace's own revision,
    // read at render time, so closures kept across renders (the play loop, the memoised
    // actions) never hold a stale one.
    let force = use_force_update();
    // Whether the panels beside and below the drawing are drawn: from the start, or once the
    // first frame (header and cluster) has been painted (`panels_after_first_paint`).
    let settled = use_state(|| !props.panels_after_first_paint);
    {
        let settled = settled.clone();
        use_effect_with((), move |_| {
            let frame = (!*settled).then(|| {
                gloo::render::request_animation_frame(move |_| {
                    // A task after the frame that is about to be painted.
                    gloo::timers::callback::Timeout::new(0, move || settled.set(true)).forget();
                })
            });
            move || drop(frame)
        });
    }
    let playing = use_state(|| props.autoplay);
    let speed = use_state(|| 1u32);
    let tab = use_state(|| {
        if lessons::asked_in_url().is_some() {
            Tab::Lessons
        } else {
            Tab::Launch
        }
    });
    let task = use_state(|| None::<String>);
    let subnet = use_state(|| None::<String>);
    // The play loop reads this at each tick: undo and redo stop time at once, before the
    // re-render that drops the loop (a tick in between would record time and clear redo).
    let halted = use_mut_ref(|| false);
    // The latest outcome the live region shows and announces, with the task it is about.
    let announce = use_state(|| None::<crate::viz::outcome::Announcement>);
    // Lines waiting for the learner's yes (terminating an instance).
    let confirm = use_state(|| None::<Vec<String>>);
    let projector = use_state(persist::projector_in_url);

    let bump: Rc<dyn Fn()> = Rc::new(move || force.force_update());
    // The lesson being taken, beside the workspace, and the polite live region that says
    // what it notices (a goal met, a prediction right or wrong).
    let lesson_said = use_state(String::new);
    let host = lessons::Host {
        taking: use_mut_ref(|| None),
        error: use_mut_ref(|| None),
        version: use_mut_ref(|| 0u64),
        said: lesson_said.setter(),
        ws: ws.clone(),
        bump: bump.clone(),
    };
    // A line put in the console by a lesson (numbered, so the same line twice fills it again).
    let console_line = use_state(|| None::<(u64, String)>);
    // After every action the lesson's goals are read again (cheap: a few describe calls).
    {
        let host = host.clone();
        use_effect_with(ws.borrow().world_revision(), move |_| host.after_change());
    }
    // `?lesson=URL` opens that lesson once the app is up; tests open one from its text.
    {
        let host = host.clone();
        use_effect_with((), move |_| {
            if let Some(asked) = lessons::asked_in_url() {
                host.open_address(&asked);
            }
            LESSON_HOOK.with(|h| *h.borrow_mut() = Some(host));
            || LESSON_HOOK.with(|h| *h.borrow_mut() = None)
        });
    }
    let saved = use_mut_ref(|| 0u64);
    let loader = load::Loader {
        slot: slot.clone(),
        ws: ws.clone(),
        progress: progress.clone(),
        notice: notice.clone(),
        intro: intro.clone(),
        bump: bump.clone(),
    };
    let loading = progress.is_some();
    // A load the first slice did not finish goes on after the first render.
    {
        let loader = loader.clone();
        let slot = slot.clone();
        use_effect_with((), move |_| {
            loader.drive();
            // An app taken off the page stops its load where it is (as a closed tab would:
            // the load stays marked unfinished).
            move || drop(slot.borrow_mut().take())
        });
    }

    // The play loop: every tick, `speed` x the tick of simulated time.
    {
        let ws = ws.clone();
        let bump = bump.clone();
        let saved = saved.clone();
        let halted = halted.clone();
        let announce = announce.setter();
        use_effect_with((*playing && !loading, *speed), move |(playing, speed)| {
            *halted.borrow_mut() = false;
            let interval = playing.then(|| {
                let speed = *speed;
                Interval::new(TICK_MS, move || {
                    if *halted.borrow() {
                        return;
                    }
                    let from = ws.borrow().session.sim.events().len();
                    ws.borrow_mut()
                        .advance_at_most(u64::from(TICK_MS * speed), TICK_STEPS);
                    if let Some(a) = outcome::of_time(&ws.borrow(), from) {
                        announce.set(Some(a));
                    }
                    // Save the clock now and then, not on every tick.
                    let mut last = saved.borrow_mut();
                    let now = ws.borrow().session.sim.now();
                    if now.saturating_sub(*last) >= 5_000 {
                        *last = now;
                        persist::save(&ws.borrow().scenario);
                    }
                    bump();
                })
            });
            move || drop(interval)
        });
    }

    // The frame benchmark (tests/frame_bench.rs) acts on the mounted app through this hook.
    {
        let ws = ws.clone();
        let bump = bump.clone();
        use_effect_with((), move |_| {
            BENCH_HOOK.with(|h| {
                *h.borrow_mut() = Some(Rc::new(move |f: &mut dyn FnMut(&mut Workspace)| {
                    f(&mut ws.borrow_mut());
                    bump();
                }))
            });
            || BENCH_HOOK.with(|h| *h.borrow_mut() = None)
        });
    }

    // The same callbacks on every render, so panels whose data did not change skip theirs.
    let actions = {
        let ws = ws.clone();
        let bump = bump.clone();
        let tab = tab.setter();
        let task = task.setter();
        let subnet = subnet.setter();
        let announce = announce.setter();
        let confirm = confirm.setter();
        (*use_memo((), move |_| {
            let run_typed = Callback::from(move |lines: Vec<String>| {
                let from = ws.borrow().session.sim.events().len();
                let out = ws.borrow_mut().run(&lines);
                persist::save(&ws.borrow().scenario);
                if let Some(a) = outcome::of_action(&ws.borrow(), &out, from) {
                    announce.set(Some(a));
                }
                bump();
            });
            Actions {
                run: {
                    let run_typed = run_typed.clone();
                    Callback::from(move |lines: Vec<String>| {
                        if lines
                            .iter()
                            .any(|l| l.starts_with("aws ec2 terminate-instances"))
                        {
                            confirm.set(Some(lines));
                        } else {
                            run_typed.emit(lines);
                        }
                    })
                },
                run_typed,
                select_task: Callback::from(move |t: Option<String>| {
                    if t.is_some() {
                        tab.set(Tab::Ledger);
                    }
                    task.set(t);
                }),
                select_subnet: Callback::from(move |s: Option<String>| subnet.set(s)),
            }
        }))
        .clone()
    };

    let controls_cb = {
        let ws = ws.clone();
        let bump = bump.clone();
        let playing = playing.clone();
        let speed = speed.clone();
        let notice = notice.clone();
        let task = task.clone();
        let loader = loader.clone();
        let halted = halted.clone();
        let announce = announce.setter();
        let host = host.clone();
        Callback::from(move |c: controls::Control| {
            use controls::Control::*;
            let replace = |w: Workspace| {
                *ws.borrow_mut() = w;
                task.set(None);
            };
            match c {
                Play => playing.set(true),
                Pause => playing.set(false),
                Step => {
                    playing.set(false);
                    let from = ws.borrow().session.sim.events().len();
                    ws.borrow_mut().step();
                    if let Some(a) = outcome::of_time(&ws.borrow(), from) {
                        announce.set(Some(a));
                    }
                }
                Speed(s) => speed.set(s),
                // Undo and redo pause first: while time runs, the newest action is the time
                // passing, and the next tick would record more and clear what redo keeps.
                // In a lesson, undo stops at the lesson's start (Restart lesson starts again).
                Undo if host.at_start() => {
                    notice.set(Some("Undo stops at the start of the lesson: its setup stays. Restart lesson to begin it again.".into()));
                }
                Undo => {
                    *halted.borrow_mut() = true;
                    playing.set(false);
                    ws.borrow_mut().undo();
                }
                Redo => {
                    *halted.borrow_mut() = true;
                    playing.set(false);
                    ws.borrow_mut().redo();
                }
                StartEmpty => {
                    host.close();
                    replace(Workspace::new(DEFAULT_SEED));
                }
                Demo => {
                    host.close();
                    task.set(None);
                    notice.set(None);
                    loader.load(persist::demo_scenario(), persist::Origin::Demo);
                    // The loader saves what it loads.
                    return;
                }
                Load(script) => match Scenario::from_script(&script) {
                    Ok(s) => {
                        host.close();
                        task.set(None);
                        notice.set(None);
                        loader.load(s, persist::Origin::File);
                        return;
                    }
                    Err(e) => notice.set(Some(format!("That scenario could not be loaded: {e}."))),
                },
            }
            // Whatever the control did, the page's address and autosave follow the scenario.
            persist::save(&ws.borrow().scenario);
            bump();
        })
    };

    let handle = Handle {
        ws: ws.clone(),
        revision: ws.borrow().revision(),
    };
    let now = ws.borrow().session.sim.now();
    let (can_undo, can_redo) = {
        let w = ws.borrow();
        (
            !w.scenario.actions.is_empty(),
            !w.scenario.undone.is_empty(),
        )
    };
    let to_console = {
        let (tab, console_line) = (tab.setter(), console_line.clone());
        Callback::from(move |line: String| {
            let n = console_line.as_ref().map_or(0, |(n, _)| n + 1);
            console_line.set(Some((n, line)));
            tab.set(Tab::Console);
        })
    };
    // Where a prediction's answer is explained: the placed task's ledger (or the last refused
    // placement's), a subnet's IP map, the event log.
    let reveal = {
        let (tab, task, ws) = (tab.setter(), task.setter(), ws.clone());
        let (select_task, select_subnet) =
            (actions.select_task.clone(), actions.select_subnet.clone());
        Callback::from(
            move |(r, placed): (crate::lesson::Reveal, Option<String>)| match r {
                crate::lesson::Reveal::Ledger => match placed {
                    Some(t) => select_task.emit(Some(t)),
                    None => {
                        task.set(None);
                        tab.set(Tab::Ledger);
                    }
                },
                crate::lesson::Reveal::Ipmap => {
                    select_subnet.emit(crate::viz::lesson::reveal_subnet(
                        &ws.borrow().session.sim.world,
                        placed.as_deref(),
                    ))
                }
                crate::lesson::Reveal::Events => tab.set(Tab::Events),
                crate::lesson::Reveal::None => {}
            },
        )
    };
    // The tabs follow the ARIA tabs pattern: one tab stop (the selected tab), arrow keys,
    // Home and End move the selection and the focus.
    let tab_button = |t: Tab, label: &'static str, key: &'static str| {
        let tab = tab.clone();
        let selected = *tab == t;
        html! {
            <button role="tab" id={format!("tab-{key}")} aria-selected={selected.to_string()} aria-controls="tab-panel"
                tabindex={if selected { "0" } else { "-1" }} class={classes!("tab", selected.then_some("active"))}
                onclick={Callback::from(move |_| tab.set(t))}>{ label }</button>
        }
    };
    let on_tab_key = {
        let tab = tab.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = TABS.iter().position(|(t, _, _)| *t == *tab).unwrap_or(0);
            if let Some(next) = tab_after_key(i, &e.key()) {
                e.prevent_default();
                tab.set(TABS[next].0);
                // The focus moves with the selection: to the tab at that place in this
                // tablist (the one the key was pressed in).
                let tablist = e
                    .target_dyn_into::<web_sys::Element>()
                    .and_then(|t| t.closest("[role=tablist]").ok().flatten());
                if let Some(el) = tablist
                    .and_then(|l| l.children().item(next as u32))
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
                {
                    let _ = el.focus();
                }
            }
        })
    };
    // A subnet chosen anywhere brings its IP map into view (it opens below the fold).
    // (This app's map, by reference: the first `.panel-ipmap` of the document may be another
    // app's.)
    let ipmap_panel = use_node_ref();
    use_effect_with((*subnet).clone(), {
        let ipmap_panel = ipmap_panel.clone();
        move |s| {
            if s.is_some() {
                if let Some(el) = ipmap_panel.cast::<web_sys::Element>() {
                    el.scroll_into_view();
                }
            }
        }
    });
    // Projector mode is a class on the page's root element too, so every stylesheet (the
    // cluster drawing's included) can follow it.
    use_effect_with(*projector, |on| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = if *on {
                root.set_attribute("data-projector", "1")
            } else {
                root.remove_attribute("data-projector")
            };
        }
    });
    let toggle_projector = {
        let projector = projector.clone();
        Callback::from(move |_: MouseEvent| {
            persist::set_projector_in_url(!*projector);
            projector.set(!*projector);
        })
    };
    let tab_key = TABS
        .iter()
        .find(|(t, _, _)| *t == *tab)
        .map_or("launch", |x| x.2);
    html! {
        <div class={classes!("app", projector.then_some("projector"))}>
            <header class="topbar">
                <h1>{ "ECS Sandbox" }</h1>
                <span class="region">{ crate::viz::first_frame::REGION_LINE }</span>
                <button type="button" class="projector-toggle secondary" aria-pressed={projector.to_string()}
                    onclick={toggle_projector} title="larger type, thicker lines, more contrast, the drawing given most of the screen; kept in the link">
                    { "Projector mode" }
                </button>
                if !loading {
                    <controls::Controls playing={*playing} speed={*speed} {can_undo} {can_redo}
                        clock={Instant(now).iso_cli().get(..19).unwrap_or_default().replace('T', " ")} handle={handle.clone()}
                        on_control={controls_cb.clone()} />
                }
            </header>
            <div class="visually-hidden" aria-live="polite" id="lesson-said">{ (*lesson_said).clone() }</div>
            { outcome::outcome_bar(&announce, &actions.select_task,
                { let announce = announce.clone(); Callback::from(move |_| announce.set(None)) }) }
            if let Some(lines) = &*confirm {
                <outcome::Confirm lines={lines.clone()}
                    on_answer={{
                        let confirm = confirm.clone();
                        let run = actions.run_typed.clone();
                        let lines = lines.clone();
                        Callback::from(move |yes: bool| {
                            confirm.set(None);
                            if yes {
                                run.emit(lines.clone());
                            }
                        })
                    }} />
            }
            if notice.is_some() || *intro {
            <section class="notices" aria-label="notices">
            if let Some(n) = &*notice {
                <div class="notice" role="alert">{ n }</div>
            }
            if *intro {
                <div class="intro" role="note">
                    <p>
                        <strong>{ crate::viz::first_frame::INTRO_LEAD }</strong>
                        { crate::viz::first_frame::INTRO_TEXT }
                    </p>
                    <div class="row">
                        <button onclick={{ let intro = intro.clone(); Callback::from(move |_| intro.set(false)) }}>{ "Got it" }</button>
                        <button class="secondary" onclick={{
                            let cb = controls_cb.clone();
                            let intro = intro.clone();
                            Callback::from(move |_| { intro.set(false); cb.emit(controls::Control::StartEmpty); })
                        }}>{ "Start with an empty account" }</button>
                    </div>
                </div>
            }
            </section>
            }
            if let Some(p) = *progress {
                <main class="workspace-loading">
                    <load::LoadingScreen progress={p} on_cancel={{ let loader = loader.clone(); Callback::from(move |_| loader.cancel()) }} />
                </main>
            } else {
                <main class="workspace">
                    <div class="column-left">
                        <section class="panel panel-cluster" aria-labelledby="cluster-title">
                            <cluster::ClusterPanel handle={handle.clone()} actions={actions.clone()}
                                selected={(*task).clone()} clock={now} />
                        </section>
                        if *settled {
                        <section class="panel panel-network" aria-labelledby="network-title">
                            <network::NetworkView handle={handle.clone()} actions={actions.clone()}
                                selected={(*subnet).clone()} />
                        </section>
                        }
                        if *settled && handle.ws.borrow().session.sim.world.elb().load_balancers().next().is_some() {
                            <section class="panel panel-alb" aria-labelledby="alb-title">
                                <alb::AlbPanel handle={handle.clone()} />
                            </section>
                        }
                        if let (true, Some(id)) = (*settled, &*subnet) {
                            <section class="panel panel-ipmap" aria-labelledby="ipmap-title" ref={ipmap_panel.clone()}>
                                <ipmap::IpMapPanel handle={handle.clone()} subnet={id.clone()} actions={actions.clone()} />
                            </section>
                        }
                    </div>
                    <div class="column-right panel">
                        <div class="tabs" role="tablist" aria-label="panels" onkeydown={on_tab_key}>
                            { for TABS.iter().map(|(t, l, k)| tab_button(*t, l, k)) }
                        </div>
                        <div class="tab-body" role="tabpanel" id="tab-panel" tabindex="0" aria-labelledby={format!("tab-{tab_key}")}>
                            if *settled {
                            { match *tab {
                                Tab::Launch => html! { <launch::LaunchForm handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::TaskDefs => html! { <taskdef::TaskDefEditor handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::Infra => html! { <infra::InfraPanel handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::Ledger => html! { <ledger::LedgerPanel handle={handle.clone()} task={(*task).clone()} actions={actions.clone()} /> },
                                Tab::Events => html! { <events::EventLog handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::Charts => html! { <charts::Charts handle={handle.clone()} /> },
                                Tab::Services => html! { <services::Services handle={handle.clone()} /> },
                                Tab::Roles => html! { <roles::Roles handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::Efs => html! { <efs::Efs handle={handle.clone()} /> },
                                Tab::Lessons => html! { <lessons::Lessons handle={handle.clone()} host={host.clone()} version={*host.version.borrow()}
                                    run={actions.run_typed.clone()} to_console={to_console.clone()} reveal={reveal.clone()} /> },
                                Tab::Console => html! { <console::Console handle={handle.clone()} actions={actions.clone()} prefill={(*console_line).clone()} /> },
                            } }
                            }
                        </div>
                    </div>
                </main>
            }
        </div>
    }
}

/// A user-timing mark (`performance.mark`): the start path's steps show in a profiler and in
/// scripts/bench-browser's figures (wasm started, demo replayed, cluster drawn).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

type BenchHook = Rc<dyn Fn(&mut dyn FnMut(&mut Workspace))>;

thread_local! {
    static BENCH_HOOK: RefCell<Option<BenchHook>> = const { RefCell::new(None) };
    static LESSON_HOOK: RefCell<Option<lessons::Host>> = const { RefCell::new(None) };
}

/// Opens a lesson from its text in the mounted app, as if fetched from `key` (tests cannot
/// rely on fetch): a parse error shows in the Lessons tab.
#[doc(hidden)]
pub fn open_lesson_text(key: &str, text: &str) {
    if let Some(host) = LESSON_HOOK.with(|h| h.borrow().clone()) {
        host.open_text(key, text);
    }
}

/// Acts on the mounted app's workspace as the app itself would (then re-renders), for
/// benchmarks.
#[doc(hidden)]
pub fn bench_with(mut f: impl FnMut(&mut Workspace)) {
    if let Some(hook) = BENCH_HOOK.with(|h| h.borrow().clone()) {
        hook(&mut f);
    }
}

/// One tick of the play loop on the mounted app (`ms` of simulated time), for benchmarks.
#[doc(hidden)]
pub fn bench_tick(ms: u64) {
    bench_with(|ws| ws.advance(ms));
}
