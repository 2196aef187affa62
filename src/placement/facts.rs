//! What the cluster query language can ask of a container instance, answered from the world.

use super::query::Facts;
use crate::model::ecs::ContainerInstance;
use crate::model::time::Instant;

/// A container instance seen through the query language.
pub struct InstanceFacts<'a> {
    ci: &'a ContainerInstance,
}

impl<'a> InstanceFacts<'a> {
    /// Everything the language asks is kept on the instance itself, its task groups included.
    pub fn from_instance(ci: &'a ContainerInstance) -> InstanceFacts<'a> {
        InstanceFacts { ci }
    }
}

impl Facts for InstanceFacts<'_> {
    fn attribute(&self, name: &str) -> Option<&str> {
        // A capability attribute has no value; `exists` must still see it, so it reads as "".
        self.ci
            .attribute(name)
            .map(|a| a.value.as_deref().unwrap_or(""))
    }

    fn ec2_instance_id(&self) -> &str {
        &self.ci.ec2_instance_id
    }

    fn agent_connected(&self) -> bool {
        self.ci.agent_connected
    }

    fn agent_version(&self) -> &str {
        &self.ci.agent_version
    }

    fn registered_at_epoch_ms(&self) -> i64 {
        Instant(self.ci.registered_at).unix_ms()
    }

    fn running_tasks_count(&self) -> u32 {
        self.ci.running_tasks_count
    }

    fn has_task_group(&self, group: &str) -> bool {
        self.ci.task_groups.get(group).is_some_and(|n| *n > 0)
    }
}
