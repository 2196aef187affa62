//! The browser app (wasm32 only): Yew components over a [`Workspace`].
//!
//! The root component owns the workspace (the model, as in Yew's game-of-life example); the
//! panels get a read-only view of it and send back command lines. Every change goes through
//! the same `aws ...` / `sim ...` lines as `ecs-sim`, and those lines are the scenario that the
//! URL, localStorage, undo and redo carry.

mod alb;
mod charts;
mod chips;
mod cluster;
mod console;
mod controls;
mod events;
mod infra;
pub mod ipmap;
mod launch;
mod ledger;
mod load;
mod network;
mod persist;

pub use persist::demo_script;
mod taskdef;

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
    /// Run these command lines as one action.
    pub run: Callback<Vec<String>>,
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
    Infra,
    Ledger,
    Events,
    Charts,
    Console,
}

const TABS: [(Tab, &str); 7] = [
    (Tab::Launch, "Run tasks"),
    (Tab::TaskDefs, "Task definitions"),
    (Tab::Infra, "Infrastructure"),
    (Tab::Ledger, "Why here?"),
    (Tab::Events, "Events"),
    (Tab::Charts, "Charts"),
    (Tab::Console, "Console"),
];

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Start with time playing (the page does; tests start paused).
    #[prop_or(true)]
    pub autoplay: bool,
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
        use_mut_ref(move || match persist::initial() {
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
    let playing = use_state(|| props.autoplay);
    let speed = use_state(|| 1u32);
    let tab = use_state(|| Tab::Launch);
    let task = use_state(|| None::<String>);
    let subnet = use_state(|| None::<String>);

    let bump: Rc<dyn Fn()> = Rc::new(move || force.force_update());
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
        use_effect_with((*playing && !loading, *speed), move |(playing, speed)| {
            let interval = playing.then(|| {
                let speed = *speed;
                Interval::new(TICK_MS, move || {
                    ws.borrow_mut().advance(u64::from(TICK_MS * speed));
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
        (*use_memo((), move |_| Actions {
            run: Callback::from(move |lines: Vec<String>| {
                ws.borrow_mut().run(&lines);
                persist::save(&ws.borrow().scenario);
                bump();
            }),
            select_task: Callback::from(move |t: Option<String>| {
                if t.is_some() {
                    tab.set(Tab::Ledger);
                }
                task.set(t);
            }),
            select_subnet: Callback::from(move |s: Option<String>| subnet.set(s)),
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
                    ws.borrow_mut().step();
                }
                Speed(s) => speed.set(s),
                Undo => {
                    ws.borrow_mut().undo();
                }
                Redo => {
                    ws.borrow_mut().redo();
                }
                StartEmpty => replace(Workspace::new(DEFAULT_SEED)),
                Demo => {
                    task.set(None);
                    notice.set(None);
                    loader.load(persist::demo_scenario(), persist::Origin::Demo);
                    // The loader saves what it loads.
                    return;
                }
                Load(script) => match Scenario::from_script(&script) {
                    Ok(s) => {
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
    let tab_button = |t: Tab, label: &'static str| {
        let tab = tab.clone();
        let selected = *tab == t;
        html! {
            <button role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("active"))}
                onclick={Callback::from(move |_| tab.set(t))}>{ label }</button>
        }
    };
    html! {
        <div class="app">
            <header class="topbar">
                <h1>{ "ECS Sandbox" }</h1>
                <span class="region">{ "us-east-1 · account 123456789012" }</span>
                if !loading {
                    <controls::Controls playing={*playing} speed={*speed} {can_undo} {can_redo}
                        clock={Instant(now).iso_cli().get(..19).unwrap_or_default().replace('T', " ")} handle={handle.clone()}
                        on_control={controls_cb.clone()} />
                }
            </header>
            if let Some(n) = &*notice {
                <div class="notice" role="alert">{ n }</div>
            }
            if *intro {
                <div class="intro" role="note">
                    <p>
                        <strong>{ "A small ECS cluster is starting up." }</strong>
                        { " Three EC2 container instances in three AZs take five bridge-mode tasks, and two Fargate tasks each get an ENI with a private IP from their subnet. Select a task to read why it went where it did; select a subnet to see its addresses. Every button runs a real AWS CLI line: the Console tab has them all." }
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
            if let Some(p) = *progress {
                <load::LoadingScreen progress={p} on_cancel={{ let loader = loader.clone(); Callback::from(move |_| loader.cancel()) }} />
            } else {
                <main class="workspace">
                    <div class="column-left">
                        <section class="panel panel-cluster" aria-labelledby="cluster-title">
                            <cluster::ClusterPanel handle={handle.clone()} actions={actions.clone()}
                                selected={(*task).clone()} />
                        </section>
                        <section class="panel panel-network" aria-labelledby="network-title">
                            <network::NetworkView handle={handle.clone()} actions={actions.clone()}
                                selected={(*subnet).clone()} />
                        </section>
                        if handle.ws.borrow().session.sim.world.elb().load_balancers().next().is_some() {
                            <section class="panel panel-alb" aria-labelledby="alb-title">
                                <alb::AlbPanel handle={handle.clone()} />
                            </section>
                        }
                        if let Some(id) = &*subnet {
                            <section class="panel panel-ipmap" aria-labelledby="ipmap-title">
                                <ipmap::IpMapPanel handle={handle.clone()} subnet={id.clone()} actions={actions.clone()} />
                            </section>
                        }
                    </div>
                    <div class="column-right panel">
                        <div class="tabs" role="tablist">
                            { for TABS.iter().map(|(t, l)| tab_button(*t, l)) }
                        </div>
                        <div class="tab-body" role="tabpanel">
                            { match *tab {
                                Tab::Launch => html! { <launch::LaunchForm handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::TaskDefs => html! { <taskdef::TaskDefEditor handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::Infra => html! { <infra::InfraPanel handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::Ledger => html! { <ledger::LedgerPanel handle={handle.clone()} task={(*task).clone()} actions={actions.clone()} /> },
                                Tab::Events => html! { <events::EventLog handle={handle.clone()} actions={actions.clone()} /> },
                                Tab::Charts => html! { <charts::Charts handle={handle.clone()} /> },
                                Tab::Console => html! { <console::Console handle={handle.clone()} actions={actions.clone()} /> },
                            } }
                        </div>
                    </div>
                </main>
            }
        </div>
    }
}

type BenchHook = Rc<dyn Fn(&mut dyn FnMut(&mut Workspace))>;

thread_local! {
    static BENCH_HOOK: RefCell<Option<BenchHook>> = const { RefCell::new(None) };
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

/// The command-line preview every form shows, with a copy button.
#[derive(Properties, PartialEq)]
pub struct CommandProps {
    pub lines: Vec<String>,
}

#[function_component(CommandPreview)]
pub fn command_preview(props: &CommandProps) -> Html {
    let text = props.lines.join("\n");
    let copy = {
        let text = text.clone();
        Callback::from(move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
            }
        })
    };
    html! {
        <div class="command-preview">
            <pre aria-label="the equivalent AWS CLI command">{ &text }</pre>
            <button type="button" class="secondary" onclick={copy}>{ "Copy" }</button>
        </div>
    }
}
