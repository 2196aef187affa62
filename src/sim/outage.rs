//! A failure drill: an Availability Zone goes down (`sim az-outage --zone Z`) and comes back
//! (`sim az-restore --zone Z`).
//!
//! AWS documents what customers see in a zone's failure, not a way to cause one, so the model
//! is our choice, built from documented pieces:
//! - the zone's EC2 instances stop (`stopped`, as EC2 stops an instance whose host failed);
//!   their ECS agents go with them (`agentConnected` false, so nothing is placed there), and
//!   ECS marks their tasks STOPPED with its text for a lost host, "Host EC2 (instance ID)
//!   stopped." (ECS-REFERENCE.md §5.3);
//! - the zone's Fargate tasks are lost too, stopped with our sentence (AWS publishes none for
//!   this): "Task stopped because Availability Zone Z is unavailable";
//! - while the zone is down, Fargate places new tasks only in the task's other zones, and EC2
//!   refuses to launch there with InsufficientInstanceCapacity (api::ec2_instances);
//! - services see their tasks stop and start replacements wherever placement finds room (the
//!   scheduler's usual path), and load balancer targets of the lost tasks are deregistered.
//!
//! A restore starts the zone's stopped instances again: they boot, and their agents reconnect
//! to the same container instances.

use super::log::What;
use super::Sim;
use crate::model::catalog;
use crate::model::ec2::InstanceState;
use crate::model::task::LaunchType;

/// Why a drill was refused: the sentence the `sim` verb prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    UnknownZone(String),
    AlreadyDown(&'static str),
    NotDown(&'static str),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::UnknownZone(z) => {
                let names: Vec<&str> = catalog::AZS.iter().map(|a| a.name).collect();
                write!(
                    f,
                    "no Availability Zone {z} in this region ({})",
                    names.join(", ")
                )
            }
            Refused::AlreadyDown(z) => write!(f, "Availability Zone {z} is already down"),
            Refused::NotDown(z) => write!(f, "Availability Zone {z} is not down"),
        }
    }
}

fn zone(name: &str) -> Result<&'static str, Refused> {
    catalog::AZS
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.name)
        .ok_or_else(|| Refused::UnknownZone(name.to_string()))
}

/// The sentence a lost Fargate task carries (our choice: AWS publishes none).
pub fn fargate_lost_reason(zone: &str) -> String {
    format!("Task stopped because Availability Zone {zone} is unavailable")
}

/// Takes a zone down. Returns how many instances stopped and tasks were lost.
pub fn outage(sim: &mut Sim, name: &str) -> Result<(u32, u32), Refused> {
    let z = zone(name)?;
    if sim.world.impaired_zones.contains(z) {
        return Err(Refused::AlreadyDown(z));
    }
    sim.world.impaired_zones.insert(z);
    let in_zone = instances_in(sim, z, &[InstanceState::Pending, InstanceState::Running]);
    let live_before = live_tasks(sim);
    for id in &in_zone {
        stop_instance(sim, id);
    }
    let fargate: Vec<String> = sim
        .world
        .tasks()
        .values()
        .filter(|t| t.is_live() && t.launch_type == LaunchType::Fargate && t.availability_zone == z)
        .map(|t| t.id.clone())
        .collect();
    for id in &fargate {
        super::task::stop(sim, id, None, fargate_lost_reason(z));
        super::task::lost(sim, id);
    }
    let lost = live_before - live_tasks(sim);
    sim.record(What::ZoneOutage {
        zone: z,
        instances: in_zone.len() as u32,
        tasks: lost as u32,
    });
    Ok((in_zone.len() as u32, lost as u32))
}

/// The EC2 instances of a zone in one of `states`, by ID.
fn instances_in(sim: &Sim, zone: &str, states: &[InstanceState]) -> Vec<String> {
    sim.world
        .instances
        .values()
        .filter(|i| states.contains(&i.state))
        .filter(|i| {
            sim.world
                .subnets
                .get(&i.subnet_id)
                .is_some_and(|s| s.az == zone)
        })
        .map(|i| i.id.clone())
        .collect()
}

fn live_tasks(sim: &Sim) -> usize {
    sim.world.tasks().values().filter(|t| t.is_live()).count()
}

/// The host under an instance fails: the instance stops, its agent is gone, its tasks are lost.
fn stop_instance(sim: &mut Sim, id: &str) {
    let now = crate::model::time::Instant(sim.now());
    let Some(inst) = sim.world.instances.get_mut(id) else {
        return;
    };
    inst.state = InstanceState::Stopped;
    inst.state_transition_reason = format!(
        "Server initiated ({} GMT)",
        now.iso_seconds()
            .replace('T', " ")
            .trim_end_matches("+00:00")
    );
    // A boot or an agent start still on its way finds the instance stopped and does nothing.
    let ci_id = sim
        .world
        .container_instance_by_ec2(id)
        .map(|ci| ci.id.clone());
    if let Some(ci_id) = ci_id {
        super::agent::set_connected(sim, &ci_id, false);
        let reason = format!("Host EC2 (instance {id}) stopped.");
        super::task::stop_all_on(sim, &ci_id, None, &reason);
        super::task::host_gone(sim, &ci_id);
    }
}

/// Brings a zone back: its stopped instances boot again, and their agents reconnect.
pub fn restore(sim: &mut Sim, name: &str) -> Result<u32, Refused> {
    let z = zone(name)?;
    if !sim.world.impaired_zones.remove(z) {
        return Err(Refused::NotDown(z));
    }
    let stopped = instances_in(sim, z, &[InstanceState::Stopped]);
    for id in &stopped {
        if let Some(inst) = sim.world.instances.get_mut(id) {
            inst.state = InstanceState::Pending;
            inst.state_transition_reason = String::new();
        }
        super::ec2::schedule_boot(sim, id);
    }
    sim.record(What::ZoneRestored {
        zone: z,
        instances: stopped.len() as u32,
    });
    Ok(stopped.len() as u32)
}
