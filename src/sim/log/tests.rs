//! Every event's sentence, kind and refs, as transcripts printed them before events were
//! typed.

use super::*;

const SVC: &str = "arn:aws:ecs:us-east-1:123456789012:service/web/web";
const TASK: &str = "arn:aws:ecs:us-east-1:123456789012:task/web/ff520cf87dee6919baa6f9ff2c198718";
const CI: &str =
    "arn:aws:ecs:us-east-1:123456789012:container-instance/web/28bdefb8ccef5529ebac297816a5be9b";

fn s(text: &str) -> Box<str> {
    text.into()
}

fn a(text: &str) -> Arc<str> {
    text.into()
}

/// The sentence, kind and refs of an event, as a transcript printed them before events
/// were typed.
fn check(what: What, kind: &str, message: &str, refs: &[&str]) {
    assert_eq!(what.kind(), kind);
    assert_eq!(what.to_string(), message);
    assert_eq!(what.refs(), refs);
}

#[test]
fn task_placed_on_an_instance_and_on_fargate() {
    check(
        What::TaskPlaced {
            task_arn: a(TASK),
            container_instance_arn: s(CI),
            ec2_instance_id: Some(s("i-0205eab34f3d73cc4")),
            family: s("api"),
            az: "us-east-1a",
        },
        "TaskPlaced",
        "Task ff520cf8 (api) placed on i-0205eab34f3d73cc4 in us-east-1a",
        &[TASK, CI],
    );
    let fargate = "arn:aws:ecs:us-east-1:123456789012:task/tiny/6d2c9716a7e683d623785ef355d2bc68";
    check(
        What::TaskPlaced {
            task_arn: a(fargate),
            container_instance_arn: s(""),
            ec2_instance_id: None,
            family: s("app"),
            az: "us-east-1a",
        },
        "TaskPlaced",
        "Task 6d2c9716 (app) placed on Fargate in us-east-1a",
        &[fargate, ""],
    );
}

#[test]
fn task_eni_attached_with_and_without_a_public_address() {
    let task = "arn:aws:ecs:us-east-1:123456789012:task/f/707430439bcdde9ddc0c1fbd14b4c63d";
    let eni = |public_ip| What::TaskEniAttached {
        task_arn: a(task),
        family: s("app"),
        eni_id: s("eni-0cdc8019a3f48023b"),
        subnet_id: s("subnet-05f2ffd10d411adcf"),
        private_ip: Ipv4Addr::new(172, 31, 32, 4),
        public_ip,
    };
    let refs = [task, "eni-0cdc8019a3f48023b", "subnet-05f2ffd10d411adcf"];
    check(
        eni(Some(Ipv4Addr::new(3, 216, 233, 71))),
        "TaskEniAttached",
        "Task 70743043 (app) got ENI eni-0cdc8019a3f48023b with 172.31.32.4 \
         (public 3.216.233.71) in subnet-05f2ffd10d411adcf",
        &refs,
    );
    check(
        eni(None),
        "TaskEniAttached",
        "Task 70743043 (app) got ENI eni-0cdc8019a3f48023b with 172.31.32.4 in \
         subnet-05f2ffd10d411adcf",
        &refs,
    );
}

#[test]
fn task_state_changed_and_container_exited() {
    check(
        What::TaskStateChanged {
            task_arn: a(TASK),
            family: s("api"),
            status: TaskStatus::Pending,
        },
        "TaskStateChanged",
        "Task ff520cf8 (api) is PENDING",
        &[TASK],
    );
    let tiny = "arn:aws:ecs:us-east-1:123456789012:task/tiny/90f19cbd9142cd858197ea52e317b518";
    check(
        What::ContainerExited {
            task_arn: a(tiny),
            container: s("app"),
            exit_code: 0,
        },
        "ContainerExited",
        "Container app of task 90f19cbd exited with code 0",
        &[tiny],
    );
}

#[test]
fn instance_terminated_names_its_container_instance_if_it_had_one() {
    let ci = "arn:aws:ecs:us-east-1:123456789012:container-instance/trunk/3386b94a2f9d5611bfeb2de9ef82099a";
    let message = "i-01036b5495ffe5b85 is terminated; its address went back to its subnet";
    check(
        What::InstanceTerminated {
            instance_id: s("i-01036b5495ffe5b85"),
            container_instance_arn: Some(s(ci)),
        },
        "InstanceTerminated",
        message,
        &["i-01036b5495ffe5b85", ci],
    );
    check(
        What::InstanceTerminated {
            instance_id: s("i-01036b5495ffe5b85"),
            container_instance_arn: None,
        },
        "InstanceTerminated",
        message,
        &["i-01036b5495ffe5b85"],
    );
}

#[test]
fn account_settings_for_a_principal_and_the_default() {
    let role = "arn:aws:iam::123456789012:role/ecsInstanceRole";
    check(
        What::AccountSettingChanged {
            name: s("awsvpcTrunking"),
            value: s("enabled"),
            principal: Some(s(role)),
        },
        "AccountSettingChanged",
        "Account setting awsvpcTrunking = enabled for arn:aws:iam::123456789012:role/ecsInstanceRole",
        &[role],
    );
    check(
        What::AccountSettingChanged {
            name: s("awsvpcTrunking"),
            value: s("enabled"),
            principal: None,
        },
        "AccountSettingChanged",
        "Account default awsvpcTrunking = enabled",
        &[],
    );
}

#[test]
fn instance_launched_and_subnet_created() {
    check(
        What::InstanceLaunched {
            instance_id: s("i-01036b5495ffe5b85"),
            instance_type: "m5.large",
            subnet_id: s("subnet-0554fa36ffc938fb9"),
            private_ip: Ipv4Addr::new(172, 31, 0, 5),
        },
        "InstanceLaunched",
        "EC2 launched i-01036b5495ffe5b85 (m5.large) in subnet-0554fa36ffc938fb9 with \
         private IP 172.31.0.5",
        &["i-01036b5495ffe5b85", "subnet-0554fa36ffc938fb9"],
    );
    check(
        What::SubnetCreated {
            subnet_id: s("subnet-0a"),
            vpc_id: s("vpc-0b"),
            cidr: "10.0.1.0/24".parse().expect("cidr"),
            az: "us-east-1b",
            usable: 251,
        },
        "SubnetCreated",
        "Subnet subnet-0a (10.0.1.0/24) created in us-east-1b: 251 usable addresses (5 reserved)",
        &["subnet-0a", "vpc-0b"],
    );
}

/// `sim events` prints `{timeMs, kind, message, refs}`, as it did when those were fields.
#[test]
fn the_json_keeps_its_shape() {
    let event = Event {
        time_ms: 92499,
        what: What::TaskStateChanged {
            task_arn: a(TASK),
            family: s("api"),
            status: TaskStatus::Running,
        },
    };
    assert_eq!(
        serde_json::to_string(&event).expect("json"),
        format!(
            r#"{{"timeMs":92499,"kind":"TaskStateChanged","message":"Task ff520cf8 (api) is RUNNING","refs":["{TASK}"]}}"#
        )
    );
}

/// One value of every variant.
fn one_of_each() -> Vec<What> {
    use What::*;
    let cidr: Ipv4Net = "10.0.0.0/16".parse().expect("cidr");
    let ip = Ipv4Addr::new(10, 0, 0, 4);
    vec![
        VpcCreated {
            vpc_id: s("vpc-1"),
            cidr,
        },
        VpcDeleted { vpc_id: s("vpc-1") },
        SubnetCreated {
            subnet_id: s("subnet-1"),
            vpc_id: s("vpc-1"),
            cidr,
            az: "us-east-1a",
            usable: 65531,
        },
        SubnetDeleted {
            subnet_id: s("subnet-1"),
        },
        SecurityGroupCreated {
            group_id: s("sg-1"),
            name: s("web"),
            vpc_id: s("vpc-1"),
        },
        SecurityGroupIngressAuthorized {
            group_id: s("sg-1"),
        },
        InstanceLaunched {
            instance_id: s("i-1"),
            instance_type: "m5.large",
            subnet_id: s("subnet-1"),
            private_ip: ip,
        },
        InstanceRunning {
            instance_id: s("i-1"),
        },
        InstanceShuttingDown {
            instance_id: s("i-1"),
        },
        InstanceTerminated {
            instance_id: s("i-1"),
            container_instance_arn: None,
        },
        RoleCreated { role: s("r") },
        RolePolicyAttached {
            role: s("r"),
            policy_arn: s("p"),
        },
        RolePolicyDetached {
            role: s("r"),
            policy_arn: s("p"),
        },
        RolePolicyPut {
            role: s("r"),
            policy: s("p"),
        },
        RolePolicyDeleted {
            role: s("r"),
            policy: s("p"),
        },
        RoleTrustUpdated { role: s("r") },
        EfsAvailable { id: s("fs-1") },
        EfsDeleted { id: s("fsmt-1") },
        RoleBoundarySet {
            role: s("r"),
            policy_arn: Some(s("arn")),
        },
        PolicyCreated {
            policy_arn: s("arn"),
        },
        PolicyVersionCreated {
            policy_arn: s("arn"),
            version_id: s("v2"),
            default: true,
        },
        PolicyDeleted {
            policy_arn: s("arn"),
        },
        InstanceProfileCreated { profile: s("ip") },
        RoleAddedToInstanceProfile {
            profile: s("ip"),
            role: s("r"),
        },
        ClusterCreated {
            cluster: s("c"),
            cluster_arn: s("arn-c"),
        },
        ClusterDeleted {
            cluster: s("c"),
            cluster_arn: s("arn-c"),
        },
        ClusterCapacityProvidersChanged {
            cluster: s("c"),
            cluster_arn: s("arn-c"),
            capacity_providers: crate::model::ecs::CapacityProvider::ALL.to_vec(),
        },
        AccountSettingChanged {
            name: s("awsvpcTrunking"),
            value: s("enabled"),
            principal: None,
        },
        AgentRegistrationFailed {
            ec2_instance_id: s("i-1"),
            reason: crate::model::ec2::AgentBlocked::ClusterNotFound {
                cluster: "c".into(),
            },
        },
        ContainerInstanceRegistered {
            container_instance_arn: s(CI),
            ec2_instance_id: s("i-1"),
            cluster: s("c"),
            cpu_units: 2048,
            memory_mib: 7680,
        },
        ContainerInstanceRegistrationFailed {
            container_instance_arn: s(CI),
            ec2_instance_id: s("i-1"),
            subnet_id: s("subnet-1"),
        },
        ContainerInstanceStateChanged {
            container_instance_arn: s(CI),
            ec2_instance_id: s("i-1"),
            status: ContainerInstanceStatus::Draining,
        },
        ContainerInstanceDeregistered {
            container_instance_arn: s(CI),
            ec2_instance_id: s("i-1"),
            cluster: s("c"),
        },
        AgentConnectionChanged {
            container_instance_arn: s(CI),
            ec2_instance_id: s("i-1"),
            connected: false,
        },
        TaskDefinitionRegistered {
            task_definition_arn: s("arn-td"),
            family: s("api"),
            revision: 1,
        },
        TaskDefinitionDeregistered {
            task_definition_arn: s("arn-td"),
            family: s("api"),
            revision: 1,
        },
        TaskNotPlaced {
            task_definition_arn: s("arn-td"),
            family: s("api"),
            reason: s("No container instances were found in your cluster."),
        },
        TaskPlaced {
            task_arn: a(TASK),
            container_instance_arn: s(CI),
            ec2_instance_id: Some(s("i-1")),
            family: s("api"),
            az: "us-east-1a",
        },
        TaskEniAttached {
            task_arn: a(TASK),
            family: s("api"),
            eni_id: s("eni-1"),
            subnet_id: s("subnet-1"),
            private_ip: ip,
            public_ip: None,
        },
        TaskFailedToStart {
            task_arn: a(TASK),
            family: s("api"),
            reason: s("ResourceInitializationError"),
        },
        TaskStateChanged {
            task_arn: a(TASK),
            family: s("api"),
            status: TaskStatus::Stopped,
        },
        ContainerExited {
            task_arn: a(TASK),
            container: s("app"),
            exit_code: 137,
        },
        SpotInterruption { task_arn: a(TASK) },
        ZoneOutage {
            zone: "us-east-1a",
            instances: 2,
            tasks: 5,
        },
        ZoneRestored {
            zone: "us-east-1a",
            instances: 2,
        },
        ServiceCreated {
            service_arn: s(SVC),
            service: s("web"),
            desired_count: 2,
        },
        DeploymentStarted {
            service_arn: s(SVC),
            service: s("web"),
            deployment_id: s("ecs-svc/1234567890123456789"),
            task_definition_arn: s("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2"),
        },
        ServiceDesiredCountChanged {
            service_arn: s(SVC),
            service: s("web"),
            desired_count: 3,
        },
        ServiceDeleted {
            service_arn: s(SVC),
            service: s("web"),
        },
        ServiceEventAdded {
            service_arn: s(SVC),
            service: s("web"),
            message: crate::model::service::ServiceMessage::SteadyState,
        },
    ]
}

#[test]
fn every_variant_has_its_own_kind_its_name() {
    let all = one_of_each();
    let mut kinds: Vec<&str> = all.iter().map(What::kind).collect();
    for (what, kind) in all.iter().zip(&kinds) {
        // The kind is the variant's name, as `Debug` prints it.
        assert!(
            format!("{what:?}").starts_with(&format!("{kind} ")),
            "{what:?}"
        );
    }
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), all.len(), "a kind is named twice");
    let mut variants: Vec<_> = all.iter().map(std::mem::discriminant).collect();
    variants.dedup();
    assert_eq!(variants.len(), all.len(), "a variant is listed twice");
}

#[test]
fn the_less_common_sentences() {
    let sentences: Vec<String> = one_of_each().iter().map(What::to_string).collect();
    for expected in [
        "i-1: ECS could not create the trunk ENI: InsufficientFreeAddressesInSubnet in subnet-1",
        "The ECS agent on i-1 registered with cluster c: 2048 CPU units, 7680 MiB",
        "Container instance on i-1 is now DRAINING",
        "The ECS agent on i-1 disconnected",
        "Cluster c now uses capacity providers [FARGATE, FARGATE_SPOT]",
        "Task definition api:1 deregistered (INACTIVE)",
        "Fargate Spot is reclaiming the capacity of task ff520cf8: two-minute notice",
        "(service web) has reached a steady state.",
        "Service web: deployment ecs-svc/1234567890123456789 of web:2 started",
    ] {
        assert!(sentences.iter().any(|s| s == expected), "{expected}");
    }
}

#[test]
fn views_find_the_task_and_the_subnet_in_the_fields() {
    let all = one_of_each();
    for what in &all {
        let refs = what.refs();
        // A task link is a task ARN among the refs; a subnet link, a subnet ID among them.
        let task = refs.iter().copied().find(|r| r.contains(":task/"));
        assert_eq!(what.task_arn(), task, "{what:?}");
        let subnet = refs.iter().copied().find(|r| r.starts_with("subnet-"));
        assert_eq!(what.subnet_id(), subnet, "{what:?}");
    }
}
