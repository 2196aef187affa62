//! Fargate's choice of AZ and subnet for a task. AWS does not publish Fargate's algorithm;
//! the sandbox's rule (our choice) is: the AZ, among those of the task's subnets, with the
//! fewest live Fargate tasks of the task's group in the cluster (counted per capacity
//! provider), ties broken by the seed; then one of the task's subnets in that AZ at random.
//! The decision is kept as data ([`FargateDecision`]) and its sentence is written from it.

pub use crate::model::ledger::{AzTasks, FargateDecision};

/// Chooses for one task. `azs` are the task's AZs in order with the group's live tasks in
/// each; `subnets_in` gives the task's subnets in an AZ, in the order given; `pick(n)` draws
/// an index below `n` from the simulation's seeded stream (one draw for the AZ, one for the
/// subnet, in that order). None when there is no AZ or no subnet to choose.
pub fn choose(
    group: &str,
    azs: Vec<AzTasks>,
    subnets_in: impl Fn(&str) -> Vec<String>,
    pick: &mut dyn FnMut(usize) -> usize,
) -> Option<FargateDecision> {
    let fewest = azs.iter().map(|a| a.tasks).min()?;
    let tied: Vec<&'static str> = azs
        .iter()
        .filter(|a| a.tasks == fewest)
        .map(|a| a.az)
        .collect();
    let az = *tied.get(pick(tied.len()))?;
    let in_az = subnets_in(az);
    let subnet_id = in_az.get(pick(in_az.len()))?.clone();
    Some(FargateDecision {
        group: group.to_string(),
        azs,
        az,
        subnet_id,
        subnets_in_az: in_az.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn azs(counts: &[(&'static str, usize)]) -> Vec<AzTasks> {
        counts
            .iter()
            .map(|&(az, tasks)| AzTasks { az, tasks })
            .collect()
    }

    #[test]
    fn the_az_with_fewest_tasks_wins_and_ties_go_to_the_draw() {
        let subnets = |az: &str| vec![format!("subnet-{az}-1"), format!("subnet-{az}-2")];
        let mut draws = vec![1usize, 0].into_iter();
        let d = choose(
            "family:web",
            azs(&[("us-east-1a", 2), ("us-east-1b", 1), ("us-east-1c", 1)]),
            subnets,
            &mut |n| draws.next().unwrap_or(0) % n,
        )
        .expect("a choice");
        // us-east-1b and us-east-1c tie at one task; the draw 1 takes the second of them.
        assert_eq!(d.az, "us-east-1c");
        assert_eq!(d.subnet_id, "subnet-us-east-1c-1");
        assert_eq!(d.fewest(), 1);
        assert_eq!(
            d.to_string(),
            "Fargate: us-east-1c had the fewest running or pending tasks of family:web (1) among us-east-1a: 2, us-east-1b: 1, us-east-1c: 1; us-east-1b, us-east-1c were tied with 1, and the seeded draw picked us-east-1c (our choice: ECS documents no tie-break); subnet subnet-us-east-1c-1 chosen at random among the task's 2 subnet(s) there."
        );
        assert!(choose("g", Vec::new(), subnets, &mut |_| 0).is_none());
        assert!(choose("g", azs(&[("us-east-1a", 0)]), |_| Vec::new(), &mut |_| 0).is_none());
    }
}
