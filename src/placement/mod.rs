//! Task placement, in ECS's order: fit -> constraints -> strategies -> pick.
//!
//! So far: the cluster query language (`memberOf` constraints and `--filter`) and the facts it
//! reads from a container instance.

pub mod facts;
pub mod query;
