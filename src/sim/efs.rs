//! EFS resources in simulated time: file systems, mount targets and access points are
//! `creating` for a while, then `available`; deleted ones are `deleting`, then gone (a mount
//! target's ENI goes with it, and its address back to the subnet).
//!
//! How long: a file system and an access point become available within seconds; a mount
//! target takes about a minute and a half (our figures, from what EFS typically shows).

use super::log::What;
use super::queue::Timer;
use super::Sim;
use crate::model::efs::LifeCycle;
use crate::model::time::SECOND_MS;

/// From `creating` to `available`.
pub fn creation_time_ms(sim: &mut Sim, id: &str) -> u64 {
    if id.starts_with("fsmt-") {
        sim.rng.range_u64(80 * SECOND_MS, 100 * SECOND_MS)
    } else {
        sim.rng.range_u64(3 * SECOND_MS, 8 * SECOND_MS)
    }
}

/// Schedules a new resource's arrival at `available`.
pub fn created(sim: &mut Sim, id: &str) {
    let d = creation_time_ms(sim, id);
    sim.schedule_in(d, Timer::EfsAvailable { id: id.to_string() });
}

/// Schedules a deleted resource's disappearance.
pub fn deleting(sim: &mut Sim, id: &str) {
    let d = sim.rng.range_u64(5 * SECOND_MS, 20 * SECOND_MS);
    sim.schedule_in(d, Timer::EfsGone { id: id.to_string() });
}

pub(crate) fn available(sim: &mut Sim, id: &str) {
    let w = &mut sim.world;
    let changed = if let Some(fs) = w.file_systems.get_mut(id) {
        std::mem::replace(&mut fs.state, LifeCycle::Available) == LifeCycle::Creating
    } else if let Some(mt) = w.mount_targets.get_mut(id) {
        std::mem::replace(&mut mt.state, LifeCycle::Available) == LifeCycle::Creating
    } else if let Some(ap) = w.access_points.get_mut(id) {
        std::mem::replace(&mut ap.state, LifeCycle::Available) == LifeCycle::Creating
    } else {
        false
    };
    if changed {
        sim.record(What::EfsAvailable { id: id.into() });
    }
}

pub(crate) fn gone(sim: &mut Sim, id: &str) {
    let w = &mut sim.world;
    let existed = if w.file_systems.remove(id).is_some() || w.access_points.remove(id).is_some() {
        true
    } else if let Some(mt) = w.mount_targets.remove(id) {
        sim.delete_eni(&mt.eni_id);
        true
    } else {
        false
    };
    if existed {
        sim.record(What::EfsDeleted { id: id.into() });
    }
}
