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

pub mod engine;
pub mod facts;
pub mod fast;
pub mod index;
pub mod ledger;
pub mod query;
pub mod request;

pub use engine::{place, Placement};
pub use ledger::{Check, CheckKind, InstanceRecord, Ledger};
pub use request::{Constraint, PlacementRequest, Resource, SpreadField, Strategy, TaskNeeds};
