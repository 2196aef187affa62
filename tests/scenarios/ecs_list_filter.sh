# list-container-instances --filter with the cluster query language: attribute:ecs.instance-type
# equality, `in` lists, =~ regular expressions, the AZ attribute with != and `and`, a custom
# attribute with exists, ec2InstanceId ==/in, agentConnected, registeredAt before/after a date,
# runningTasksCount, `not(...)` and `or`; combined with --status; then invalid expressions
# (unknown subject, missing argument, unbalanced parenthesis, an operator a subject does not take,
# a bad date, an empty expression).
# seed: 3
aws ecs create-cluster --cluster-name mixed --query cluster.status --output text
# use: ec2-ready-inline
SUBNET_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUBNET_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
T2=$(aws ec2 run-instances --image-id $AMI --instance-type t2.medium --subnet-id $SUBNET_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=mixed >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
T3=$(aws ec2 run-instances --image-id $AMI --instance-type t3.large --subnet-id $SUBNET_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=mixed >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
M5=$(aws ec2 run-instances --image-id $AMI --instance-type m5.xlarge --subnet-id $SUBNET_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=mixed >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
sleep 90
Q='containerInstances[].ec2InstanceId'
ALL=$(aws ecs list-container-instances --cluster mixed --query containerInstanceArns --output text)
aws ecs describe-container-instances --cluster mixed --container-instances $ALL --query 'containerInstances[].[ec2InstanceId,attributes[?name==`ecs.instance-type`].value|[0],attributes[?name==`ecs.availability-zone`].value|[0],registeredAt]' --output text
aws ecs list-container-instances --cluster mixed --filter "attribute:ecs.instance-type == t3.large" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "attribute:ecs.instance-type in [t2.medium, m5.xlarge]" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "attribute:ecs.instance-type =~ t.*" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "attribute:ecs.instance-type =~ t.* and attribute:ecs.availability-zone != us-east-1a" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "ec2InstanceId == $M5" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "ec2InstanceId in ['$T2', '$T3']" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "agentConnected == true" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "registeredAt < 2026-01-05" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "registeredAt >= 2026-01-05T09:00:00Z" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "runningTasksCount == 0" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "not(attribute:ecs.instance-type == t2.medium) or attribute:ecs.availability-zone == us-east-1a" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --filter "attribute:stack exists" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster mixed --status DRAINING --filter "attribute:ecs.instance-type =~ t.*"
aws ecs list-container-instances --cluster mixed --filter "instanceType == t3.large"
aws ecs list-container-instances --cluster mixed --filter "attribute:ecs.instance-type =="
aws ecs list-container-instances --cluster mixed --filter "(attribute:ecs.instance-type == t3.large"
aws ecs list-container-instances --cluster mixed --filter "runningTasksCount =~ 1.*"
aws ecs list-container-instances --cluster mixed --filter "registeredAt < yesterday"
aws ecs list-container-instances --cluster mixed --filter ""
