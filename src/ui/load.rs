//! Loading a scenario (a link, the autosave, an imported file) without freezing the page: the
//! replay runs a line at a time in slices of a few milliseconds, and between slices the page
//! draws a progress bar with a Cancel button. Cancel, and every way a load can fail, leaves a
//! clean start that is saved, so the next visit does not meet the same scenario again.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::persist::{self, Origin};
use crate::viz::scenario::Scenario;
use crate::viz::workspace::{Replay, Workspace};

/// Real milliseconds of replay between two chances for the page to draw and take a click
/// (two frames at 60 fps: the progress bar moves smoothly and Cancel answers at once).
const SLICE_MS: f64 = 30.0;

/// The first slice runs before the page is first drawn, so a scenario that replays in less
/// than this (any lesson, the demo) shows its world at once, with no loading screen.
const FIRST_SLICE_MS: f64 = 150.0;

/// A replay in progress.
pub struct Loading {
    replay: Replay,
    origin: Origin,
    /// Which load this is: a loop driving an older one stops.
    generation: u64,
}

/// What the loading screen shows: lines replayed, lines in all, and from where.
#[derive(Clone, Copy, PartialEq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub origin: Origin,
}

/// Everything a load touches in the app.
#[derive(Clone)]
pub struct Loader {
    pub slot: Rc<RefCell<Option<Loading>>>,
    pub ws: Rc<RefCell<Workspace>>,
    pub progress: UseStateHandle<Option<Progress>>,
    pub notice: UseStateHandle<Option<String>>,
    pub intro: UseStateHandle<bool>,
    /// Re-renders the app.
    pub bump: Rc<dyn Fn()>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Replays lines until `budget_ms` of real time has passed; returns true when done.
fn run_slice(replay: &mut Replay, budget_ms: f64) -> bool {
    let start = now_ms();
    loop {
        if replay.step() {
            return true;
        }
        if now_ms() - start >= budget_ms {
            return false;
        }
    }
}

thread_local! {
    static GENERATION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Starts replaying `scenario`: its first slice now; if that does not finish it, the rest
/// in slices between frames ([`Loader::drive`]), with the loading screen.
pub fn begin(scenario: Scenario, origin: Origin) -> (Option<Workspace>, Option<Loading>) {
    let mut replay = Replay::new(scenario);
    // The demo replays whole before the first render (it is short, even on a busy machine):
    // the page's static first frame (index.html) shows it meanwhile, which a loading screen
    // would only replace with a progress bar.
    let first_slice = if origin == Origin::Demo {
        f64::INFINITY
    } else {
        FIRST_SLICE_MS
    };
    if run_slice(&mut replay, first_slice) {
        let ws = finished(replay);
        super::mark("ecs:replayed");
        return (Some(ws), None);
    }
    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    (
        None,
        Some(Loading {
            replay,
            origin,
            generation,
        }),
    )
}

/// The workspace a finished replay built, saved (address and autosave), its load unmarked.
fn finished(replay: Replay) -> Workspace {
    let (ws, note) = replay.finish();
    persist::save(&ws.scenario);
    persist::clear_loading();
    NOTE.with(|n| *n.borrow_mut() = note);
    ws
}

thread_local! {
    /// Why the last finished replay was cut short, for the app to show.
    static NOTE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The note of the replay [`begin`] or the loop just finished, once.
pub fn take_note() -> Option<String> {
    NOTE.with(|n| n.borrow_mut().take())
}

impl Loader {
    /// Loads a scenario into the running app (an import, the demo).
    pub fn load(&self, scenario: Scenario, origin: Origin) {
        if origin != Origin::Demo {
            persist::mark_loading(&scenario.to_script());
        }
        let total = scenario.lines().count();
        match begin(scenario, origin) {
            (Some(ws), _) => self.install(ws),
            (_, pending) => {
                *self.slot.borrow_mut() = pending;
                self.progress.set(Some(Progress {
                    done: 0,
                    total,
                    origin,
                }));
                self.drive();
            }
        }
    }

    /// Puts a finished workspace in place, with its note if it has one.
    fn install(&self, ws: Workspace) {
        // The welcome note belongs to a first visit's demo only.
        self.intro.set(false);
        *self.ws.borrow_mut() = ws;
        self.notice.set(take_note());
        self.progress.set(None);
        (self.bump)();
    }

    /// Runs the pending replay in slices until it finishes or is cancelled.
    pub fn drive(&self) {
        let Some(generation) = self.slot.borrow().as_ref().map(|l| l.generation) else {
            return;
        };
        let this = self.clone();
        yew::platform::spawn_local(async move {
            loop {
                let state = {
                    let mut slot = this.slot.borrow_mut();
                    let Some(loading) = slot.as_mut().filter(|l| l.generation == generation) else {
                        return;
                    };
                    let done = run_slice(&mut loading.replay, SLICE_MS);
                    let (d, total) = loading.replay.progress();
                    (
                        done,
                        Progress {
                            done: d,
                            total,
                            origin: loading.origin,
                        },
                    )
                };
                match state {
                    (true, _) => {
                        let loading = this.slot.borrow_mut().take();
                        if let Some(loading) = loading {
                            this.install(finished(loading.replay));
                        }
                        return;
                    }
                    (false, progress) => this.progress.set(Some(progress)),
                }
                // Lets the page draw the progress and take a click on Cancel.
                yew::platform::time::sleep(std::time::Duration::ZERO).await;
            }
        });
    }

    /// Stops the load: an empty account, saved, with a message.
    pub fn cancel(&self) {
        let Some(loading) = self.slot.borrow_mut().take() else {
            return;
        };
        let ws = Workspace::new(super::DEFAULT_SEED);
        persist::save(&ws.scenario);
        persist::clear_loading();
        self.intro.set(false);
        *self.ws.borrow_mut() = ws;
        self.notice.set(Some(format!(
            "Loading {} was cancelled; starting empty.",
            loading.origin.words()
        )));
        self.progress.set(None);
        (self.bump)();
    }
}

#[derive(Properties, PartialEq)]
pub struct ScreenProps {
    pub progress: Progress,
    pub on_cancel: Callback<()>,
}

/// The loading screen: what is loading, a progress bar, Cancel, and the way to a clean page.
#[function_component(LoadingScreen)]
pub fn loading_screen(props: &ScreenProps) -> Html {
    let Progress {
        done,
        total,
        origin,
    } = props.progress;
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <section class="panel loading" role="status" aria-live="polite" aria-label="loading the scenario">
            <h2>{ format!("Loading {}", origin.words()) }</h2>
            <p>{ format!("Replaying line {} of {}.", crate::viz::thousands(done as u64), crate::viz::thousands(total as u64)) }</p>
            <progress max={total.max(1).to_string()} value={done.to_string()} />
            <div class="row">
                <button onclick={cancel}>{ "Cancel" }</button>
                <a class="button secondary" href="?reset">{ "Start fresh" }</a>
            </div>
            <p class="hint">{ "Cancel stops loading and starts with an empty account. Start fresh reloads the page with nothing saved (the same as opening it with ?reset)." }</p>
        </section>
    }
}
