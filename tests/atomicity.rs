//! Every refused request leaves the world exactly as it was: the same `sim state`, the same
//! event log, the same clock and the same position of the RNG (so later IDs are unaffected).
// Native only (the browser suite is tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod refusals;

const SETUP: &str = r#"
aws ecs create-cluster --cluster-name web
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
SG=$(aws ec2 create-security-group --group-name web --description web --vpc-id $VPC --query GroupId --output text)
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUBNET --count 2 --iam-instance-profile Name=ecsInstanceRole --user-data "echo ECS_CLUSTER=web >> /etc/ecs/ecs.config"
sleep 120
CI=$(aws ecs list-container-instances --cluster web --query 'containerInstanceArns[0]' --output text)
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs register-task-definition --family vpc --requires-compatibilities EC2 FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs create-service --cluster web --service-name svc --task-definition app --desired-count 1
aws ecs register-task-definition --family gone --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs deregister-task-definition --task-definition gone:1
"#;

/// Lines that must each be refused, with the exit status the CLI gives them.
const BAD: &[(&str, i32)] = &[
    // usage and parameter errors
    ("aws ecz list-clusters", 252),
    ("aws ecs list-clusterz", 252),
    ("aws ecs create-cluster --cluster-nam x --bogus", 252),
    ("aws ecs describe-task-definition", 252),
    ("aws ec2 describe-subnets --filters Name", 252),
    ("aws ecs register-task-definition --family x --container-definitions '[{\"name\": }]'", 252),
    ("aws ec2 run-instances --image-id $AMI --count x", 252),
    ("aws ecs put-attributes --cluster web --attributes '[{\"name\":5}]'", 252),
    // EC2
    ("aws ec2 create-vpc --cidr-block 10.0.0.0/8", 254),
    ("aws ec2 create-vpc --cidr-block banana", 254),
    ("aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24", 254),
    ("aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.1.0.0/24", 254),
    ("aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.9.0/29", 254),
    ("aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.9.0/24 --availability-zone us-east-1z", 254),
    ("aws ec2 create-subnet --vpc-id vpc-0123456789abcdef0 --cidr-block 10.0.9.0/24", 254),
    ("aws ec2 delete-vpc --vpc-id $VPC", 254),
    ("aws ec2 delete-subnet --subnet-id $SUBNET", 254),
    ("aws ec2 describe-vpcs --vpc-ids vpc-0123456789abcdef0", 254),
    ("aws ec2 describe-subnets --filters Name=colour,Values=red", 254),
    ("aws ec2 create-security-group --group-name web --description again --vpc-id $VPC", 254),
    ("aws ec2 create-security-group --group-name default --description d --vpc-id $VPC", 254),
    ("aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 80 --cidr 0.0.0.0/0", 254),
    ("aws ec2 run-instances --image-id ami-0123456789abcdef0 --subnet-id $SUBNET", 254),
    ("aws ec2 run-instances --image-id $AMI --instance-type m5.huge --subnet-id $SUBNET", 254),
    ("aws ec2 run-instances --image-id $AMI --instance-type m6g.large --subnet-id $SUBNET", 254),
    ("aws ec2 run-instances --image-id $AMI --subnet-id $SUBNET --count 10", 254),
    ("aws ec2 run-instances --image-id $AMI --subnet-id $SUBNET --iam-instance-profile Name=nope", 254),
    ("aws ec2 run-instances --image-id $AMI --subnet-id $SUBNET --private-ip-address 10.0.1.1", 254),
    ("aws ec2 run-instances --image-id $AMI --subnet-id subnet-0123456789abcdef0", 254),
    ("aws ec2 terminate-instances --instance-ids i-0123456789abcdef0", 254),
    ("aws ec2 describe-instance-types --instance-types m5.huge", 254),
    ("aws ec2 describe-network-interfaces --network-interface-ids eni-0123456789abcdef0", 254),
    ("aws ec2 create-vpc --cidr-block 10.9.0.0/16 --dry-run", 254),
    // SSM
    ("aws ssm get-parameter --name /aws/service/ecs/optimized-ami/nope", 254),
    // IAM
    ("aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document '{}'", 254),
    ("aws iam create-role --role-name x --assume-role-policy-document 'not json'", 254),
    ("aws iam create-role --role-name 'bad name' --assume-role-policy-document '{\"Statement\":[]}'", 254),
    ("aws iam get-role --role-name nope", 254),
    ("aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/Nope", 254),
    ("aws iam put-role-policy --role-name ecsInstanceRole --policy-name p --policy-document '{'", 254),
    ("aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole", 254),
    ("aws iam create-instance-profile --instance-profile-name ecsInstanceRole", 254),
    ("aws iam get-instance-profile --instance-profile-name nope", 254),
    // ECS
    ("aws ecs create-cluster --cluster-name 'bad name!'", 254),
    ("aws ecs delete-cluster --cluster web", 254),
    ("aws ecs delete-cluster --cluster nope", 254),
    ("aws ecs list-container-instances --cluster nope", 254),
    ("aws ecs list-container-instances --cluster web --filter 'attribute:ecs.instance-type =='", 254),
    ("aws ecs list-container-instances --cluster web --status SLEEPING", 254),
    ("aws ecs update-container-instances-state --cluster web --container-instances $CI --status STOPPED", 254),
    ("aws ecs deregister-container-instance --cluster web --container-instance 0123456789abcdef0123456789abcdef", 254),
    ("aws ecs put-attributes --cluster web --attributes name=stack,value=prod,targetId=nope", 254),
    ("aws ecs put-attributes --cluster web --attributes 'name=bad name!,value=x,targetId='$CI", 254),
    ("aws ecs list-attributes --cluster web --target-type container-instance --attribute-value x", 254),
    ("aws ecs put-account-setting --name awsvpcTrunking --value maybe", 254),
    ("aws ecs put-account-setting-default --name nope --value enabled", 254),
    ("aws ecs register-task-definition --family x --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'", 254),
    ("aws ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 4096 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'", 254),
    ("aws ecs register-task-definition --family f --requires-compatibilities FARGATE --cpu 256 --memory 512 --container-definitions '[{\"name\":\"a\",\"image\":\"nginx\"}]'", 254),
    ("aws ecs describe-task-definition --task-definition nope", 254),
    ("aws ecs deregister-task-definition --task-definition app:9", 254),
    // awsvpc and Fargate
    ("aws ecs run-task --cluster web --task-definition vpc", 254),
    ("aws ecs run-task --cluster web --task-definition app --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --network-configuration awsvpcConfiguration={subnets=[subnet-0123456789abcdef0]}", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --network-configuration awsvpcConfiguration={subnets=[$SUBNET],assignPublicIp=ENABLED}", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --network-configuration awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[sg-0123456789abcdef0]}", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]} --placement-strategy type=random", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]} --platform-version 9.9.9", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]} --overrides '{\"cpu\":\"256\",\"memory\":\"8192\"}'", 254),
    ("aws ecs run-task --cluster web --task-definition app --launch-type FARGATE", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --capacity-provider-strategy capacityProvider=FARGATE,weight=1 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}", 254),
    ("aws ecs run-task --cluster web --task-definition vpc --launch-type FARGATE --capacity-provider-strategy capacityProvider=FARGATE,weight=1 --network-configuration awsvpcConfiguration={subnets=[$SUBNET]}", 254),
    ("aws ecs put-cluster-capacity-providers --cluster web --capacity-providers MY_ASG --default-capacity-provider-strategy '[]'", 254),
    ("aws ecs put-cluster-capacity-providers --cluster web --capacity-providers FARGATE --default-capacity-provider-strategy capacityProvider=FARGATE,weight=0", 254),
    // services
    ("aws ecs create-service --cluster web --service-name svc --task-definition app --desired-count 1", 254),
    ("aws ecs create-service --cluster nope --service-name s2 --task-definition app", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition nope", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition gone:1", 254),
    ("aws ecs create-service --cluster web --service-name 'bad name' --task-definition app", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --scheduling-strategy DAEMON --desired-count 1", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --scheduling-strategy SOMETIMES", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --desired-count -1", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --deployment-configuration maximumPercent=50,minimumHealthyPercent=100", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --deployment-configuration minimumHealthyPercent=101", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --scheduling-strategy DAEMON --deployment-configuration maximumPercent=200", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --launch-type FARGATE", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition vpc", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition vpc --launch-type FARGATE --network-configuration awsvpcConfiguration={subnets=[$SUBNET]} --placement-strategy type=random", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --placement-strategy type=spread", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --load-balancers containerName=nope,containerPort=80,targetGroupArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/0123456789abcdef", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --health-check-grace-period-seconds 30", 254),
    ("aws ecs create-service --cluster web --service-name s2 --task-definition app --deployment-controller type=CODE_DEPLOY", 254),
    ("aws ecs update-service --cluster web --service nope --desired-count 2", 254),
    ("aws ecs update-service --cluster web --service svc --desired-count -2", 254),
    ("aws ecs update-service --cluster web --service svc --task-definition gone:1", 254),
    ("aws ecs update-service --cluster web --service svc --deployment-configuration minimumHealthyPercent=300", 254),
    ("aws ecs delete-service --cluster web --service svc", 254),
    ("aws ecs delete-service --cluster web --service nope --force", 254),
    ("aws ecs list-services --cluster nope", 254),
    ("aws ecs list-services --cluster web --scheduling-strategy SOMETIMES", 254),
    ("aws ecs describe-services --cluster nope --services svc", 254),
    ("aws ecs describe-services --cluster web --services a b c d e f g h i j k", 254),
    ("sim ips --subnet subnet-0123456789abcdef0", 1),
    ("sim interrupt --task 0123456789abcdef0123456789abcdef", 1),
    ("sim az-outage", 2),
    ("sim az-outage --zone us-east-1z", 1),
    ("sim az-restore --zone us-east-1a", 1),
    ("aws ec2 run-instances --image-id ami-0c1b4c1f5b7e6ac5e --placement AvailabilityZone=us-east-1q", 254),
    // sandbox verbs and the shell
    ("sleep soon", 1),
    ("sim frobnicate", 2),
    ("aws ecs list-clusters | head", 2),
    ("nonsense-command", 127),
];

#[test]
fn every_refused_request_changes_nothing() {
    refusals::assert_refusals_change_nothing(11, SETUP, BAD);
}
