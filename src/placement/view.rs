//! What placement reads of a cluster besides its index: the container instances themselves.
//! The simulation implements it over its tables, so placement never sees the world (and the
//! world's layer sits above this one).

use crate::model::ecs::ContainerInstance;

/// The container instances of one cluster.
pub trait Instances {
    /// The instance with this container instance ID (of any cluster: placement only asks for
    /// IDs its index holds).
    fn get(&self, id: &str) -> Option<&ContainerInstance>;

    /// Every instance of the cluster that is not INACTIVE, in registration order: what the
    /// reference path and its ledger go through.
    fn all(&self) -> Vec<&ContainerInstance>;
}

/// A plain list, for tests: instances in registration order.
impl Instances for Vec<ContainerInstance> {
    fn get(&self, id: &str) -> Option<&ContainerInstance> {
        self.iter().find(|ci| ci.id == id)
    }

    fn all(&self) -> Vec<&ContainerInstance> {
        let mut out: Vec<&ContainerInstance> = self
            .iter()
            .filter(|ci| ci.status != crate::model::ecs::ContainerInstanceStatus::Inactive)
            .collect();
        out.sort_by_key(|ci| ci.created_seq);
        out
    }
}
