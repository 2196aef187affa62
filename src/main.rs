//! The web app's entry point (built by Trunk for wasm32). Natively there is nothing to run
//! here: use `scripts/serve` for the app and `ecs-sim` for the command line.

#[cfg(target_arch = "wasm32")]
fn main() {
    ecs_sandbox::ui::mark("ecs:wasm-started");
    yew::Renderer::<ecs_sandbox::ui::App>::with_props(ecs_sandbox::ui::AppProps {
        autoplay: true,
        panels_after_first_paint: true,
    })
    .render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The ECS Sandbox web app runs in the browser: start it with scripts/serve.");
    eprintln!("For the command line, use ecs-sim: cargo run --bin ecs-sim -- run SCRIPT");
    std::process::exit(2);
}
