//! The AWS API surface: one function per operation, taking the request's JSON members (named
//! as in the AWS API) and returning the response JSON (shaped and cased as the AWS CLI prints
//! it) or an AWS error.
//!
//! Every operation validates its whole request before it changes anything, so a refused call
//! leaves the world exactly as it was. The CLI, the UI and the tests all come through [`call`].

pub mod autoscaling;
pub mod awsvpc;
pub mod capacity;
pub mod ec2_instances;
pub mod ec2_net;
pub mod ecs_cluster;
pub mod ecs_service;
pub mod ecs_task;
pub mod ecs_task_def;
pub mod efs;
pub mod elbv2;
pub mod error;
pub mod filters;
pub mod iam;
pub mod input;
pub mod pass_role;
pub mod ssm;

use serde_json::Value;

pub use error::ApiError;
use input::Input;

use crate::sim::Sim;

type Handler = fn(&mut Sim, &Input) -> Result<Value, ApiError>;

/// `len` characters of `alphabet` drawn from `key` (FNV-1a), not from the RNG: the same key
/// always gives the same ID, and making one does not move the RNG (AWS managed policies' IDs,
/// scalable targets' ARNs).
pub(crate) fn stable_chars(key: &str, len: u64, alphabet: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    (0..len)
        .map(|i| {
            for b in key.bytes().chain(i.to_le_bytes()) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            char::from(alphabet[(h % alphabet.len() as u64) as usize])
        })
        .collect()
}

/// One operation: its service, its name as in the API (`DescribeSubnets`), the error code the
/// service uses for a malformed member, and its handler.
pub struct Operation {
    pub service: &'static str,
    pub name: &'static str,
    bad_member_code: &'static str,
    handler: Handler,
}

macro_rules! ops {
    ($( $svc:literal $code:literal { $( $name:ident => $f:path ),* $(,)? } )*) => {
        &[ $( $( Operation { service: $svc, name: stringify!($name), bad_member_code: $code, handler: $f }, )* )* ]
    };
}

/// Every operation the sandbox implements.
pub const OPERATIONS: &[Operation] = ops! {
    "ec2" "InvalidParameterValue" {
        DescribeAvailabilityZones => ec2_net::describe_availability_zones,
        CreateVpc => ec2_net::create_vpc,
        DescribeVpcs => ec2_net::describe_vpcs,
        DeleteVpc => ec2_net::delete_vpc,
        CreateSubnet => ec2_net::create_subnet,
        DescribeSubnets => ec2_net::describe_subnets,
        DeleteSubnet => ec2_net::delete_subnet,
        CreateSecurityGroup => ec2_net::create_security_group,
        AuthorizeSecurityGroupIngress => ec2_net::authorize_security_group_ingress,
        DescribeSecurityGroups => ec2_net::describe_security_groups,
        DescribeNetworkInterfaces => ec2_net::describe_network_interfaces,
        RunInstances => ec2_instances::run_instances,
        DescribeInstances => ec2_instances::describe_instances,
        TerminateInstances => ec2_instances::terminate_instances,
        DescribeInstanceTypes => ec2_instances::describe_instance_types,
    }
    "ecs" "InvalidParameterException" {
        CreateCluster => ecs_cluster::create_cluster,
        DescribeClusters => ecs_cluster::describe_clusters,
        ListClusters => ecs_cluster::list_clusters,
        DeleteCluster => ecs_cluster::delete_cluster,
        PutClusterCapacityProviders => ecs_cluster::put_cluster_capacity_providers,
        ListContainerInstances => ecs_cluster::list_container_instances,
        DescribeContainerInstances => ecs_cluster::describe_container_instances,
        UpdateContainerInstancesState => ecs_cluster::update_container_instances_state,
        DeregisterContainerInstance => ecs_cluster::deregister_container_instance,
        PutAttributes => ecs_cluster::put_attributes,
        DeleteAttributes => ecs_cluster::delete_attributes,
        ListAttributes => ecs_cluster::list_attributes,
        PutAccountSetting => ecs_cluster::put_account_setting,
        PutAccountSettingDefault => ecs_cluster::put_account_setting_default,
        ListAccountSettings => ecs_cluster::list_account_settings,
        RegisterTaskDefinition => ecs_task_def::register_task_definition,
        DescribeTaskDefinition => ecs_task_def::describe_task_definition,
        ListTaskDefinitions => ecs_task_def::list_task_definitions,
        ListTaskDefinitionFamilies => ecs_task_def::list_task_definition_families,
        DeregisterTaskDefinition => ecs_task_def::deregister_task_definition,
        RunTask => ecs_task::run_task,
        StartTask => ecs_task::start_task,
        StopTask => ecs_task::stop_task,
        DescribeTasks => ecs_task::describe_tasks,
        ListTasks => ecs_task::list_tasks,
        CreateService => ecs_service::create_service,
        UpdateService => ecs_service::update_service,
        DeleteService => ecs_service::delete_service,
        DescribeServices => ecs_service::describe_services,
        ListServices => ecs_service::list_services,
    }
    "elbv2" "ValidationError" {
        CreateLoadBalancer => elbv2::create_load_balancer,
        DescribeLoadBalancers => elbv2::describe_load_balancers,
        DeleteLoadBalancer => elbv2::delete_load_balancer,
        CreateTargetGroup => elbv2::create_target_group,
        DescribeTargetGroups => elbv2::describe_target_groups,
        DeleteTargetGroup => elbv2::delete_target_group,
        ModifyTargetGroup => elbv2::modify_target_group,
        ModifyTargetGroupAttributes => elbv2::modify_target_group_attributes,
        DescribeTargetGroupAttributes => elbv2::describe_target_group_attributes,
        CreateListener => elbv2::create_listener,
        DescribeListeners => elbv2::describe_listeners,
        DeleteListener => elbv2::delete_listener,
        RegisterTargets => elbv2::register_targets,
        DeregisterTargets => elbv2::deregister_targets,
        DescribeTargetHealth => elbv2::describe_target_health,
    }
    "iam" "ValidationError" {
        CreateRole => iam::create_role,
        GetRole => iam::get_role,
        ListRoles => iam::list_roles,
        AttachRolePolicy => iam::attach_role_policy,
        DetachRolePolicy => iam::detach_role_policy,
        ListAttachedRolePolicies => iam::list_attached_role_policies,
        PutRolePolicy => iam::put_role_policy,
        GetRolePolicy => iam::get_role_policy,
        ListRolePolicies => iam::list_role_policies,
        CreateInstanceProfile => iam::create_instance_profile,
        AddRoleToInstanceProfile => iam::add_role_to_instance_profile,
        GetInstanceProfile => iam::get_instance_profile,
        DeleteRolePolicy => iam::delete_role_policy,
        UpdateAssumeRolePolicy => iam::update_assume_role_policy,
        CreatePolicy => iam::create_policy,
        GetPolicy => iam::get_policy,
        CreatePolicyVersion => iam::create_policy_version,
        GetPolicyVersion => iam::get_policy_version,
        ListPolicyVersions => iam::list_policy_versions,
        ListPolicies => iam::list_policies,
        DeletePolicyVersion => iam::delete_policy_version,
        DeletePolicy => iam::delete_policy,
        PutRolePermissionsBoundary => iam::put_role_permissions_boundary,
        DeleteRolePermissionsBoundary => iam::delete_role_permissions_boundary,
        SimulateCustomPolicy => iam::simulate_custom_policy,
        SimulatePrincipalPolicy => iam::simulate_principal_policy,
    }
    "efs" "BadRequest" {
        CreateFileSystem => efs::create_file_system,
        DescribeFileSystems => efs::describe_file_systems,
        DeleteFileSystem => efs::delete_file_system,
        CreateMountTarget => efs::create_mount_target,
        DescribeMountTargets => efs::describe_mount_targets,
        DescribeMountTargetSecurityGroups => efs::describe_mount_target_security_groups,
        DeleteMountTarget => efs::delete_mount_target,
        CreateAccessPoint => efs::create_access_point,
        DescribeAccessPoints => efs::describe_access_points,
        DeleteAccessPoint => efs::delete_access_point,
        PutFileSystemPolicy => efs::put_file_system_policy,
        DescribeFileSystemPolicy => efs::describe_file_system_policy,
    }
    "application-autoscaling" "ValidationException" {
        RegisterScalableTarget => autoscaling::register_scalable_target,
        DescribeScalableTargets => autoscaling::describe_scalable_targets,
        DeregisterScalableTarget => autoscaling::deregister_scalable_target,
        PutScalingPolicy => autoscaling::put_scaling_policy,
        DescribeScalingPolicies => autoscaling::describe_scaling_policies,
        DeleteScalingPolicy => autoscaling::delete_scaling_policy,
        DescribeScalingActivities => autoscaling::describe_scaling_activities,
    }
    "ssm" "ValidationException" {
        GetParameter => ssm::get_parameter,
        GetParameters => ssm::get_parameters,
    }
};

pub fn operation(service: &str, name: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .find(|o| o.service == service && o.name == name)
}

/// Calls an operation. `input` is the request's JSON object.
pub fn call(
    sim: &mut Sim,
    service: &str,
    operation_name: &str,
    input: &Value,
) -> Result<Value, ApiError> {
    let op = operation(service, operation_name).ok_or_else(|| {
        ApiError::new(
            "InvalidAction",
            format!("The action {operation_name} is not valid for this web service."),
        )
    })?;
    let input = Input::new(input, op.bad_member_code)?;
    (op.handler)(sim, &input)
}
