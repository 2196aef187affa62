//! EC2 instance lifecycle: launch (`pending`), boot (`running`), terminate (`shutting-down`
//! then `terminated`), and forgetting terminated instances after an hour, as EC2 does.

use std::net::Ipv4Addr;

use super::log::What;
use super::queue::Timer;
use super::world::EniSpec;
use super::Sim;
use crate::model::catalog::{Ami, InstanceType};
use crate::model::ec2::{Instance, InstanceState};
use crate::model::ecs::ContainerInstanceStatus;
use crate::model::ip_pool::IpError;
use crate::model::net::EniKind;
use crate::model::time::{HOUR_MS, SECOND_MS};
use crate::model::Tag;

/// A validated launch request (`run-instances`).
#[derive(Debug, Clone)]
pub struct LaunchSpec {
    pub instance_type: &'static InstanceType,
    pub ami: &'static Ami,
    pub subnet_id: String,
    pub count: u32,
    pub user_data: String,
    pub instance_profile_arn: Option<String>,
    pub security_groups: Vec<String>,
    pub key_name: Option<String>,
    pub tags: Vec<Tag>,
    pub private_ip: Option<Ipv4Addr>,
    pub public_ip: bool,
}

/// Launches `spec.count` instances in one reservation. All or nothing: the caller has checked
/// that the subnet has `count` free addresses.
pub fn launch(sim: &mut Sim, spec: LaunchSpec) -> Result<(String, Vec<String>), IpError> {
    let free = sim
        .world
        .subnets
        .get(&spec.subnet_id)
        .map_or(0, |s| s.pool.free_count());
    if free < spec.count {
        return Err(IpError::Exhausted);
    }
    let reservation_id = sim.new_ec2_id("r");
    let mut ids = Vec::new();
    for launch_index in 0..spec.count {
        let id = sim.new_ec2_id("i");
        let seq = sim.next_seq();
        let eni_id = sim.create_eni(EniSpec {
            kind: EniKind::InstancePrimary,
            subnet_id: spec.subnet_id.clone(),
            private_ip: if launch_index == 0 {
                spec.private_ip
            } else {
                None
            },
            description: String::new(),
            groups: spec.security_groups.clone(),
            attached_to: Some(id.clone()),
            requester_id: None,
            requester_managed: false,
            interface_type: "interface",
            owner: id.clone(),
        })?;
        let public_ip = if spec.public_ip {
            sim.assign_public_ip(&eni_id)
        } else {
            None
        };
        let (private_ip, vpc_id, az) = {
            let eni = &sim.world.enis()[&eni_id];
            (eni.private_ip, eni.vpc_id.clone(), eni.az)
        };
        sim.world.instances.insert(
            id.clone(),
            Box::new(Instance {
                id: id.clone(),
                reservation_id: reservation_id.clone(),
                launch_index,
                instance_type: spec.instance_type,
                ami: spec.ami,
                subnet_id: spec.subnet_id.clone(),
                vpc_id,
                az,
                private_ip,
                public_ip,
                primary_eni: eni_id,
                security_groups: spec.security_groups.clone(),
                state: InstanceState::Pending,
                launch_time: sim.now(),
                user_data: spec.user_data.clone(),
                instance_profile_arn: spec.instance_profile_arn.clone(),
                key_name: spec.key_name.clone(),
                tags: spec.tags.clone(),
                terminated_at: None,
                state_transition_reason: String::new(),
                agent_waiting: None,
                created_seq: seq,
            }),
        );
        schedule_boot(sim, &id);
        sim.record(What::InstanceLaunched {
            instance_id: id.as_str().into(),
            instance_type: spec.instance_type.name,
            subnet_id: spec.subnet_id.as_str().into(),
            private_ip,
        });
        ids.push(id);
    }
    Ok((reservation_id, ids))
}

/// EC2 takes some seconds to boot an instance (at launch, and when a stopped one starts); the
/// exact figure is seeded.
pub(crate) fn schedule_boot(sim: &mut Sim, id: &str) {
    let boot_ms = sim.rng.range_u64(8 * SECOND_MS, 20 * SECOND_MS);
    sim.schedule_in(
        boot_ms,
        Timer::InstanceRunning {
            instance_id: id.to_string(),
        },
    );
}

pub(crate) fn instance_running(sim: &mut Sim, id: &str) {
    let Some(inst) = sim.world.instances.get_mut(id) else {
        return;
    };
    if inst.state != InstanceState::Pending {
        return;
    }
    inst.state = InstanceState::Running;
    let has_agent = inst.ami.ecs_agent_version.is_some();
    sim.record(What::InstanceRunning {
        instance_id: id.into(),
    });
    if has_agent {
        // The ECS agent starts once the OS is up: the rest of "a minute or so".
        let agent_ms = sim.rng.range_u64(30 * SECOND_MS, 50 * SECOND_MS);
        sim.schedule_in(
            agent_ms,
            Timer::AgentStarted {
                instance_id: id.to_string(),
            },
        );
    }
}

/// Starts terminating an instance. Its ECS agent goes away at once; the container instance is
/// deregistered when the instance is gone.
pub fn terminate(sim: &mut Sim, id: &str) {
    let now = sim.now();
    let Some(inst) = sim.world.instances.get_mut(id) else {
        return;
    };
    if matches!(
        inst.state,
        InstanceState::ShuttingDown | InstanceState::Terminated
    ) {
        return;
    }
    inst.state = InstanceState::ShuttingDown;
    inst.state_transition_reason = format!("User initiated ({})", sim_now_text(now));
    let ci_id = sim
        .world
        .container_instance_by_ec2(id)
        .map(|ci| ci.id.clone());
    let ci_id = ci_id.and_then(|ci_id| {
        sim.world.change_container_instance(&ci_id, |ci| {
            ci.agent_connected = false;
            ci.version += 1;
            ci.id.clone()
        })
    });
    if let Some(ci_id) = ci_id {
        let reason = format!("Host EC2 (instance {id}) terminated.");
        super::task::stop_all_on(sim, &ci_id, None, &reason);
    }
    let ms = sim.rng.range_u64(20 * SECOND_MS, 40 * SECOND_MS);
    sim.schedule_in(
        ms,
        Timer::InstanceTerminated {
            instance_id: id.to_string(),
        },
    );
    sim.record(What::InstanceShuttingDown {
        instance_id: id.into(),
    });
}

fn sim_now_text(now: u64) -> String {
    let t = crate::model::time::Instant(now);
    format!(
        "{} GMT",
        t.iso_seconds().replace('T', " ").trim_end_matches("+00:00")
    )
}

pub(crate) fn instance_terminated(sim: &mut Sim, id: &str) {
    let now = sim.now();
    let Some(inst) = sim.world.instances.get_mut(id) else {
        return;
    };
    inst.state = InstanceState::Terminated;
    inst.terminated_at = Some(now);
    let eni = inst.primary_eni.clone();
    sim.delete_eni(&eni);
    let mut container_instance_arn = None;
    let ci_id = sim
        .world
        .container_instance_by_ec2(id)
        .map(|ci| ci.id.clone());
    let gone = ci_id.and_then(|ci_id| {
        sim.world.change_container_instance(&ci_id, |ci| {
            ci.status = ContainerInstanceStatus::Inactive;
            ci.agent_connected = false;
            ci.version += 1;
            (ci.id.clone(), ci.arn.clone())
        })
    });
    if let Some((ci_id, arn)) = gone {
        container_instance_arn = Some(arn.as_str().into());
        super::task::host_gone(sim, &ci_id);
        super::agent::detach_trunk(sim, &ci_id);
    }
    sim.record(What::InstanceTerminated {
        instance_id: id.into(),
        container_instance_arn,
    });
    sim.schedule_in(
        HOUR_MS,
        Timer::InstanceForgotten {
            instance_id: id.to_string(),
        },
    );
}

pub(crate) fn instance_forgotten(sim: &mut Sim, id: &str) {
    if sim
        .world
        .instances
        .get(id)
        .is_some_and(|i| i.state == InstanceState::Terminated)
    {
        sim.world.instances.remove(id);
    }
}
