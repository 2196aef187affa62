//! Every refused IAM, EFS and Application Auto Scaling request, and every refused `sim` verb
//! of theirs, leaves the world exactly as it was (tests/refusals). Beside tests/atomicity.rs,
//! with a setup that has roles, a customer policy, a file system with a mount target, and a
//! service.
// Native only (the browser suite is tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod refusals;

const SETUP: &str = r#"
aws iam create-role --role-name app --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam create-policy --policy-name p --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::123456789012:policy/p
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
FS=$(aws efs create-file-system --creation-token t --query FileSystemId --output text)
sleep 10
aws efs create-mount-target --file-system-id $FS --subnet-id $SA
aws ecs create-cluster --cluster-name web
aws ecs register-task-definition --family api --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"api","image":"nginx"}]'
aws ecs create-service --cluster web --service-name api --task-definition api --desired-count 1 --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SA]}
sleep 60
"#;

const BAD: &[(&str, i32)] = &[
    // IAM
    ("aws iam put-role-policy --role-name app --policy-name x --policy-document '{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}]}'", 254),
    ("aws iam put-role-policy --role-name app --policy-name x --policy-document '{'", 254),
    ("aws iam update-assume-role-policy --role-name app --policy-document '{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}'", 254),
    ("aws iam delete-role-policy --role-name app --policy-name none", 254),
    ("aws iam create-policy --policy-name p --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}'", 254),
    ("aws iam delete-policy --policy-arn arn:aws:iam::123456789012:policy/p", 254),
    ("aws iam delete-policy-version --policy-arn arn:aws:iam::123456789012:policy/p --version-id v1", 254),
    ("aws iam create-policy-version --policy-arn arn:aws:iam::aws:policy/AdministratorAccess --policy-document '{\"Statement\":[]}'", 254),
    ("aws iam put-role-permissions-boundary --role-name app --permissions-boundary arn:aws:iam::123456789012:policy/none", 254),
    ("aws iam delete-role-permissions-boundary --role-name app", 254),
    ("aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:role/none --action-names s3:GetObject", 254),
    ("aws iam simulate-custom-policy --policy-input-list '{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}]}' --action-names s3:GetObject", 254),
    ("sim caller --role none", 1),
    ("sim call --task none --action s3:GetObject", 1),
    ("sim agent-log --instance i-none", 1),
    // EFS
    ("aws efs create-file-system --creation-token t", 254),
    ("aws efs create-file-system --throughput-mode provisioned", 254),
    ("aws efs create-mount-target --file-system-id $FS --subnet-id $SA", 254),
    ("aws efs create-mount-target --file-system-id fs-0123456789abcdef0 --subnet-id $SA", 254),
    ("aws efs delete-file-system --file-system-id $FS", 254),
    ("aws efs create-access-point --file-system-id $FS --root-directory Path=relative", 254),
    ("aws efs put-file-system-policy --file-system-id $FS --policy '{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}'", 254),
    ("aws efs describe-file-system-policy --file-system-id $FS", 254),
    ("aws ecs register-task-definition --family bad --volumes '[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"fs-1\",\"authorizationConfig\":{\"iam\":\"ENABLED\"}}}]' --container-definitions '[{\"name\":\"a\",\"image\":\"busybox\",\"memory\":64}]'", 254),
    ("sim fs ls --file-system fs-none", 1),
    ("sim fs read --task none --path /data/x", 1),
    // Application Auto Scaling
    ("aws application-autoscaling put-scaling-policy --service-namespace ecs --resource-id service/web/api --scalable-dimension ecs:service:DesiredCount --policy-name p --target-tracking-scaling-policy-configuration TargetValue=50", 254),
    ("aws application-autoscaling register-scalable-target --service-namespace ecs --resource-id service/web/api --scalable-dimension ecs:service:DesiredCount --min-capacity 3 --max-capacity 2", 254),
    ("aws application-autoscaling register-scalable-target --service-namespace ecs --resource-id service/web/none --scalable-dimension ecs:service:DesiredCount --min-capacity 1 --max-capacity 2", 254),
    ("sim load --service none --cluster web --cpu 50", 1),
];

#[test]
fn every_refused_iam_efs_and_autoscaling_request_changes_nothing() {
    refusals::assert_refusals_change_nothing(17, SETUP, BAD);
}
