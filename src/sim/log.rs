//! The append-only event log: every change the world goes through, in words.
//!
//! It is the text twin of the animation: the UI lists it, screen readers read it, and tests
//! assert on it.

use serde::Serialize;

use crate::model::time::SimTime;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub time_ms: SimTime,
    /// A stable name for the kind of event (`InstanceRunning`, `ContainerInstanceRegistered`).
    pub kind: &'static str,
    /// What happened, in a sentence.
    pub message: String,
    /// IDs or ARNs of the objects the event touches, so views can link to them.
    pub refs: Vec<String>,
}
