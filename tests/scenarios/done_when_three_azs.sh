# The foundation's "done when": a VPC with three subnets in three AZs, an instance role and
# profile, three ECS-optimized instances whose user data names a cluster, a sleep while they
# boot and their agents register, then the cluster's container instances with their resources
# and attributes.
# seed: 7
aws ecs create-cluster --cluster-name web --query 'cluster.[clusterName,status]' --output text
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET_A=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
SUBNET_B=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
SUBNET_C=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.3.0/24 --availability-zone us-east-1c --query Subnet.SubnetId --output text)
aws iam create-role --role-name ecsInstanceRole \
    --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' \
    --query Role.Arn --output text
aws iam attach-role-policy --role-name ecsInstanceRole \
    --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole --query InstanceProfile.Arn --output text
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
AMI=$(aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query 'Parameters[0].Value' --output text)
echo "AMI is $AMI"
aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUBNET_A \
    --iam-instance-profile Name=ecsInstanceRole \
    --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].[InstanceId,State.Name,PrivateIpAddress]' --output text
aws ec2 run-instances --image-id $AMI --instance-type c5.xlarge --subnet-id $SUBNET_B \
    --iam-instance-profile Name=ecsInstanceRole \
    --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].[InstanceId,State.Name,PrivateIpAddress]' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUBNET_C \
    --iam-instance-profile Name=ecsInstanceRole \
    --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].[InstanceId,State.Name,PrivateIpAddress]' --output text
aws ecs list-container-instances --cluster web
sleep 90
aws ec2 describe-instances --query 'Reservations[].Instances[].[InstanceId,State.Name,Placement.AvailabilityZone]' --output text
aws ecs list-container-instances --cluster web --query 'length(containerInstanceArns)'
ARNS=$(aws ecs list-container-instances --cluster web --query containerInstanceArns --output text)
aws ecs describe-container-instances --cluster web --container-instances $ARNS \
    --query 'containerInstances[].{ec2:ec2InstanceId,status:status,agent:agentConnected,cpu:registeredResources[?name==`CPU`].integerValue|[0],memory:registeredResources[?name==`MEMORY`].integerValue|[0],az:attributes[?name==`ecs.availability-zone`].value|[0],type:attributes[?name==`ecs.instance-type`].value|[0]}' --output table
FIRST=$(aws ecs list-container-instances --cluster web --query 'containerInstanceArns[0]' --output text)
aws ecs describe-container-instances --cluster web --container-instances $FIRST
aws ec2 describe-subnets --subnet-ids $SUBNET_A --query 'Subnets[0].AvailableIpAddressCount'
aws ecs describe-clusters --clusters web
