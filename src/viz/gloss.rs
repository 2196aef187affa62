//! ECS's reasons, said plainly: beside every `stoppedReason` and placement failure the sandbox
//! shows (in ECS's own words, which a learner must learn to read), one sentence that says what
//! happened and where to look. The sentences are ours; the reasons they gloss are ECS's
//! (ECS-REFERENCE.md §2.4, §5.3, §5.4, §9.5).

/// The plain sentence for an ECS reason (a `stoppedReason`, or a RunTask failure's `reason`),
/// when the sandbox knows the reason.
pub fn plain(reason: &str) -> Option<&'static str> {
    // Placement failures (RunTask `failures[].reason`), as ECS names the check that failed.
    let placement: [(&str, &str); 8] = [
        ("RESOURCE:CPU", "No container instance had enough unreserved CPU units left for the task: run it smaller, stop something, or add an instance."),
        ("RESOURCE:MEMORY", "No container instance had enough unreserved memory left for the task (hard limits count in full; memoryReservation only reserves its soft limit)."),
        ("RESOURCE:PORTS", "The host port the task maps is taken on every instance that had room: use a dynamic host port (hostPort 0) or another instance."),
        ("RESOURCE:ENI", "Every instance with room has used all its ENI slots for awsvpc tasks: a larger type, ENI trunking, or another instance."),
        ("AGENT", "The ECS agent on the instance is not connected, so ECS places nothing there."),
        ("ATTRIBUTE", "No instance has what the task requires: a capability of its task definition, or a memberOf constraint's expression."),
        ("DistinctInstance", "Every instance that could take it already runs a task of the group: distinctInstance allows one per instance."),
        ("MISSING", "The cluster has no container instance at all (or none ACTIVE) to place the task on."),
    ];
    for (code, sentence) in placement {
        // The code alone, or followed by ECS's detail after a space.
        if reason
            .strip_prefix(code)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        {
            return Some(sentence);
        }
    }
    let stopped: [(&str, &str); 16] = [
        ("InsufficientFreeAddressesInSubnet", "The subnet had no free address left for the task's network interface: every awsvpc task takes one (a subnet keeps 5 of its own)."),
        ("EFS", "The EFS volume could not be mounted: check a mount target in the task's AZ, NFS (TCP 2049) from the task to it, the platform version, and IAM authorization."),
        ("CannotPullContainerError", "The image could not be pulled: check its name and tag, and that the task execution role may pull from a private registry."),
        ("ResourceInitializationError", "ECS could not prepare what the task needs before its containers start (registry credentials, secrets, log groups, volumes or its network interface)."),
        ("Essential container in task exited", "A container marked essential stopped, so ECS stopped the whole task: its exit code says how it ended."),
        ("Task failed ELB health checks", "The load balancer's health checks failed, so the service stopped the task and starts another."),
        ("Task failed container health checks", "The container's own health check failed, so the service stopped the task and starts another."),
        ("Scaling activity initiated by", "The service stopped it on purpose: it scaled in, or a deployment replaced it."),
        ("Host EC2", "The instance it ran on is gone, and its tasks went with it."),
        ("Container instance deregistration forced", "Its container instance was deregistered with --force, which stops its tasks."),
        ("Your Spot Task was interrupted", "AWS took the Fargate Spot capacity back, after a two-minute warning."),
        ("Task stopped by user", "Someone called StopTask."),
        ("is unavailable", "The Availability Zone it ran in failed (a sandbox drill)."),
        ("ECS is performing maintenance", "AWS retired the infrastructure under the task; a service starts a replacement."),
        ("DockerTimeoutError", "The container did not start or stop in time."),
        ("ContainerRuntimeTimeoutError", "The container did not start or stop in time."),
    ];
    stopped
        .iter()
        .find(|(pattern, _)| reason.contains(pattern))
        .map(|(_, sentence)| *sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_the_sandbox_gives_reads_plainly() {
        for reason in [
            "RESOURCE:CPU",
            "RESOURCE:MEMORY",
            "RESOURCE:PORTS",
            "RESOURCE:ENI",
            "AGENT",
            "ATTRIBUTE",
            "ResourceInitializationError: unable to create new ENI: InsufficientFreeAddressesInSubnet",
            "CannotPullContainerError: pull access denied",
            "Essential container in task exited",
            "Task failed ELB health checks in (target-group arn:aws:...)",
            "Scaling activity initiated by (deployment ecs-svc/1)",
            "Host EC2 (instance i-0abc) terminated.",
            "Host EC2 (instance i-0abc) stopped.",
            "Your Spot Task was interrupted.",
            "Task stopped by user",
            "Task stopped because Availability Zone us-east-1a is unavailable",
        ] {
            assert!(plain(reason).is_some(), "{reason}");
        }
        // The address shortage is told apart from other initialisation errors.
        assert!(plain("ResourceInitializationError: unable to create new ENI: InsufficientFreeAddressesInSubnet").unwrap().contains("free address"));
        assert_eq!(plain("something new"), None);
        assert_eq!(plain("RESOURCE:CPUX"), None);
    }
}
