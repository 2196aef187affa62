//! # ECS Sandbox
//!
//! A faithful, deterministic simulation of Amazon ECS (with the slices of EC2, VPC and IAM it
//! stands on), driven through the AWS CLI's own syntax. The same core runs natively as
//! `ecs-sim` and in the browser as a teaching visualizer.
//!
//! ## Layout
//! - [`model`]: domain types (VPCs, subnets and their IP pools, instance types, EC2 instances,
//!   clusters, container instances, task definitions, services and their deployments, IAM
//!   roles and policies, load balancers and target groups, EFS file systems), plain data.
//! - [`sim`]: the world, its simulated clock, its one seeded RNG, the timed queue and the
//!   event log; what happens over time (instances boot, agents register, targets are
//!   health-checked and drain).
//! - [`api`]: one function per AWS operation: validate the whole request, then apply it,
//!   answering with AWS's JSON shapes or AWS's errors. The service scheduler lives here too
//!   (`api::ecs_service::scheduler`): it launches tasks as RunTask does, and the timed queue
//!   calls it through a pointer the first CreateService installs in the [`sim::Sim`].
//! - [`cli`]: the AWS CLI front end: the script dialect, argument and shorthand parsing,
//!   `--query`, `--output`, and the sandbox's `sim` verbs. [`preamble`] expands a script's
//!   `# use: NAME` lines (shared setup) before the script dialect reads it.
//! - [`placement`]: ECS task placement; so far the cluster query language.
//! - [`viz`]: view models for the browser, free of browser crates so they are tested natively.
//! - `ui` (wasm32 only): the Yew components.
//!
//! ## Data flow
//! A console line, a UI form or a script line becomes words; [`cli`] turns `aws ...` words into
//! an API request exactly as the AWS CLI does; [`api::call`] validates and applies it to the
//! [`sim::Sim`]; `sleep`/`sim advance` move time, firing due timers; every change lands in the
//! event log, which the UI reads along with a snapshot of the world.
//!
//! ## Determinism
//! Nothing reads a wall clock or OS entropy. Time is simulated milliseconds; randomness comes
//! from one ChaCha8 stream seeded by the user; state lives in ordered maps. The same seed and
//! script give the same bytes of output natively and in WebAssembly.

pub mod api;
#[doc(hidden)]
pub mod bench;
pub mod cli;
pub mod float;
pub mod json;
pub mod lesson;
pub mod model;
pub mod placement;
pub mod preamble;
pub mod sim;
pub mod sort;
pub mod viz;

#[cfg(target_arch = "wasm32")]
pub mod ui;
