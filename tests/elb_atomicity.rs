//! Every refused elbv2 request (and refused `sim` traffic verb) leaves the world exactly as
//! it was: the same `sim state`, event log, clock and RNG position. Beside tests/atomicity.rs,
//! with a setup that has a load balancer, listener, target groups and a running task.
// Native only (the browser suite is tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod refusals;

const SETUP: &str = r#"
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
SA2=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 172.31.96.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
OTHER=$(aws ec2 create-vpc --cidr-block 10.50.0.0/16 --query Vpc.VpcId --output text)
OB=$(aws ec2 create-subnet --vpc-id $OTHER --cidr-block 10.50.1.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
LB2=$(aws elbv2 create-load-balancer --name web2 --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name web --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
OTG=$(aws elbv2 create-target-group --name other --protocol HTTP --port 80 --vpc-id $OTHER --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
aws ecs create-cluster --cluster-name web
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx"}]'
aws ecs run-task --cluster web --task-definition web --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SA]}"
sleep 60
"#;

/// Lines that must each be refused, with their exit status.
const BAD: &[(&str, i32)] = &[
    ("aws elbv2 create-load-balancer --name x --subnets $SA", 254),
    ("aws elbv2 create-load-balancer --name x --subnets $SA $SA2", 254),
    ("aws elbv2 create-load-balancer --name x --subnets $SA $OB", 254),
    ("aws elbv2 create-load-balancer --name x --subnets $SA subnet-0123456789abcdef0", 254),
    ("aws elbv2 create-load-balancer --name web --scheme internal --subnets $SA $SB", 254),
    ("aws elbv2 create-load-balancer --name x --type network --subnets $SA $SB", 254),
    ("aws elbv2 create-load-balancer --name x --subnets $SA $SB --security-groups sg-0123456789abcdef0", 254),
    ("aws elbv2 create-load-balancer --name bad_name --subnets $SA $SB", 254),
    ("aws elbv2 describe-load-balancers --names nope", 254),
    ("aws elbv2 delete-load-balancer --load-balancer-arn nope", 254),
    ("aws elbv2 create-target-group --name web --protocol HTTP --port 81 --vpc-id $VPC", 254),
    ("aws elbv2 create-target-group --name x --protocol HTTP --port 80 --vpc-id vpc-0123456789abcdef0", 254),
    ("aws elbv2 create-target-group --name x --protocol HTTP --port 80 --vpc-id $VPC --health-check-timeout-seconds 40", 254),
    ("aws elbv2 create-target-group --name x --protocol HTTP --port 80 --vpc-id $VPC --matcher HttpCode=abc", 254),
    ("aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG", 254),
    ("aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 81 --default-actions Type=forward,TargetGroupArn=$OTG", 254),
    ("aws elbv2 create-listener --load-balancer-arn $LB2 --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG", 254),
    ("aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 81 --default-actions Type=redirect,RedirectConfig={StatusCode=HTTP_301}", 254),
    ("aws elbv2 delete-target-group --target-group-arn $TG", 254),
    ("aws elbv2 delete-listener --listener-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/0123456789abcdef", 254),
    ("aws elbv2 register-targets --target-group-arn $TG --targets Id=172.31.0.40 Id=10.50.1.9", 254),
    ("aws elbv2 register-targets --target-group-arn $TG --targets Id=172.31.0.40,AvailabilityZone=us-east-1c", 254),
    ("aws elbv2 register-targets --target-group-arn $OTG --targets Id=i-0123456789abcdef0", 254),
    ("aws elbv2 register-targets --target-group-arn $TG", 252),
    ("aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value=10 Key=stickiness.enabled,Value=maybe", 254),
    ("aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=load_balancing.algorithm.type,Value=least_outstanding_requests Key=slow_start.duration_seconds,Value=30", 254),
    ("aws elbv2 modify-target-group --target-group-arn $TG --health-check-interval-seconds 5", 254),
    ("aws elbv2 modify-target-group --target-group-arn $TG --health-check-timeout-seconds 40 --healthy-threshold-count 3", 254),
    ("aws elbv2 modify-target-group --target-group-arn $TG --healthy-threshold-count 11", 254),
    ("aws elbv2 modify-target-group --target-group-arn $TG --health-check-path health --health-check-enabled", 254),
    ("aws elbv2 modify-target-group --target-group-arn $TG --matcher HttpCode=600", 254),
    ("aws elbv2 modify-target-group --target-group-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0123456789abcdef --health-check-path /x", 254),
    ("aws elbv2 modify-target-group --health-check-path /x", 252),
    ("aws elbv2 describe-target-health --target-group-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0123456789abcdef", 254),
    ("sim http --load-balancer web", 1),
    ("sim http --load-balancer nope", 1),
    ("sim http", 2),
    ("sim fail-health --task 0123456789abcdef0123456789abcdef", 1),
    ("sim slow --task 0123456789abcdef0123456789abcdef --latency-ms 5", 1),
];

#[test]
fn every_refused_elbv2_request_changes_nothing() {
    refusals::assert_refusals_change_nothing(13, SETUP, BAD);
}
