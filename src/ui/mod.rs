//! The browser app (wasm32 only): Yew components over a [`Session`].
//!
//! The root component owns the session (the model, as in Yew's game-of-life example); leaf
//! components get a read-only view of it and send command lines back. Every change goes
//! through the same `aws ...` / `sim ...` lines as `ecs-sim`.

mod console;
mod network;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::cli::script::Executed;
use crate::cli::Session;
use crate::model::time::Instant;

/// The seed a fresh page starts from.
pub const DEFAULT_SEED: u64 = 1;

/// The shared session, with a revision number so components re-render when it changes.
#[derive(Clone)]
pub struct SessionHandle {
    pub session: Rc<RefCell<Session>>,
    pub revision: u64,
}

impl PartialEq for SessionHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session) && self.revision == other.revision
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let session = use_mut_ref(|| Session::new(DEFAULT_SEED));
    let revision = use_state(|| 0u64);
    let history = use_state(Vec::<Executed>::new);

    let on_command = {
        let session = session.clone();
        let revision = revision.clone();
        let history = history.clone();
        Callback::from(move |line: String| {
            let records = session.borrow_mut().run_script(&line);
            let mut all = (*history).clone();
            all.extend(records);
            history.set(all);
            revision.set(*revision + 1);
        })
    };

    let handle = SessionHandle {
        session: session.clone(),
        revision: *revision,
    };
    let now = session.borrow().sim.now();
    html! {
        <div class="app">
            <header class="topbar">
                <h1>{ "ECS Sandbox" }</h1>
                <span class="region">{ "us-east-1 · account 123456789012" }</span>
                <span class="clock" aria-label="simulated time">
                    { format!("Simulated time {}", Instant(now).iso_cli()) }
                </span>
            </header>
            <main class="workspace">
                <section class="panel panel-network" aria-labelledby="network-title">
                    <network::NetworkView session={handle.clone()} />
                </section>
                <section class="panel panel-console" aria-labelledby="console-title">
                    <console::Console history={(*history).clone()} on_command={on_command} />
                </section>
            </main>
        </div>
    }
}
