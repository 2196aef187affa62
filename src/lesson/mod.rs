//! Lessons: a course through ECS whose goals are facts about the simulated world.
//!
//! A lesson is data, a TOML file under static/lessons/ (its format is in
//! static/lessons/README.md): a seed and a setup script, then steps of prose, each with goals
//! to reach, hints, a reference solution, and perhaps a question to answer before an action
//! runs ("predict, then reveal"). The site fetches a lesson when it is opened, so the course
//! costs the wasm nothing but this reader.
//!
//! - [`format`] reads and checks a lesson file;
//! - [`goal`] evaluates goals on a session without leaving a trace (a goal's command may only
//!   read the world, and runs unrecorded);
//! - [`predict`] offers a question's choices and reads the world's answer;
//! - [`vars`] puts the lesson's variables into goal queries;
//! - [`check`] proves a lesson in CI (`ecs-sim lesson check`): unsolved after the setup,
//!   solved by its reference solution.
//!
//! This layer sits above `cli` (it runs command lines) and below `viz` (which shows lessons).

pub mod check;
pub mod format;
pub mod goal;
pub mod predict;
pub mod vars;

pub use format::{Choice, Course, CourseEntry, Goal, Lesson, Predict, Reading, Reveal, Step};
