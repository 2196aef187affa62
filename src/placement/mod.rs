//! Task placement on EC2 container instances, in ECS's order (ECS-REFERENCE.md §1):
//!
//! 1. **candidates**: ACTIVE instances of the cluster whose agent is connected;
//! 2. **fit**: CPU, memory, static TCP and UDP host ports, required attributes;
//! 3. **constraints** (binding): `distinctInstance`, `memberOf` (the cluster query language);
//! 4. **strategies** (best effort, in order): `binpack`, `spread`, `random`, then a seeded
//!    tie-break;
//! 5. **pick**.
//!
//! Every decision can be explained: [`ledger`] records, for every instance, each check with
//! pass or fail and why, each strategy's key, and the winner. Rejections are values, not
//! errors: what a learner reads to understand "why".
//!
//! Three paths find the same winner ([`engine::place`] picks): the walk ([`fast`]) down the
//! [`index`]'s orders for binpack and attribute spread, the scan ([`scan`]) of its compact
//! per-instance array for every other chain, and the reference path
//! ([`engine::place_linear`]), which writes the complete ledger: for a decision that placed
//! nothing, and when a learner asks why (the world is deterministic, so the decision is
//! replayed rather than stored). Placement reads the cluster through [`view::Instances`] and
//! its index, never the world.

pub mod engine;
pub mod facts;
pub mod fargate;
pub mod fast;
pub mod index;
/// The ledger is plain data of the model (a task keeps its decision); placement writes it.
pub use crate::model::ledger;
pub mod query;
pub mod request;
pub mod scan;
pub mod view;

pub use engine::{place, Placement};
pub use ledger::{Check, CheckKind, InstanceRecord, Ledger};
pub use request::{Constraint, PlacementRequest, Resource, SpreadField, Strategy, TaskNeeds};
