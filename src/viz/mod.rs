//! View models for the browser: what to draw, computed from the world without any browser
//! crate, so they are tested natively.

pub mod network;
