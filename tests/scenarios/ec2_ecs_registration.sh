# Which EC2 instances become ECS container instances. Four instances whose user data names the
# cluster "lab" (as text and via file://): a plain Amazon Linux 2023 AMI with a good instance
# profile (no ECS agent, never registers), an ECS-optimized AMI without an instance profile (the
# agent has no credentials), an ECS-optimized AMI whose profile has no role, and an
# ECS-optimized AMI with the ecsInstanceRole profile given by Arn= (the only one that registers).
# After `sleep 120` only one container instance is listed; the sim event log says why.
# seed: 19
aws ecs create-cluster --cluster-name lab --query cluster.status --output text
ECS_AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
PLAIN_AMI=$(aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --query Parameter.Value --output text)
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.Arn --output text
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
PROFILE=$(aws iam create-instance-profile --instance-profile-name ecsInstanceRole --query InstanceProfile.Arn --output text)
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
aws iam create-instance-profile --instance-profile-name emptyProfile --query InstanceProfile.Arn --output text
PLAIN=$(aws ec2 run-instances --image-id $PLAIN_AMI --instance-type t3.small --iam-instance-profile Name=ecsInstanceRole --user-data file://data/ec2_user_data_lab.txt --query 'Instances[0].InstanceId' --output text)
NOPROFILE=$(aws ec2 run-instances --image-id $ECS_AMI --instance-type t3.small --user-data "#!/bin/bash
echo ECS_CLUSTER=lab >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
EMPTY=$(aws ec2 run-instances --image-id $ECS_AMI --instance-type t3.small --iam-instance-profile Name=emptyProfile --user-data file://data/ec2_user_data_lab.txt --query 'Instances[0].InstanceId' --output text)
GOOD=$(aws ec2 run-instances --image-id $ECS_AMI --instance-type t3.small --iam-instance-profile Arn=$PROFILE --user-data file://data/ec2_user_data_lab.txt --query 'Instances[0].InstanceId' --output text)
aws ec2 describe-instances --instance-ids $PLAIN $NOPROFILE $EMPTY $GOOD --query 'Reservations[].Instances[].[ImageId,State.Name,IamInstanceProfile.Arn]' --output text
aws ecs list-container-instances --cluster lab
sleep 120
aws ec2 describe-instances --instance-ids $PLAIN $NOPROFILE $EMPTY $GOOD --query 'Reservations[].Instances[].State.Name' --output text
aws ecs list-container-instances --cluster lab --query 'length(containerInstanceArns)'
ARN=$(aws ecs list-container-instances --cluster lab --query 'containerInstanceArns[0]' --output text)
aws ecs describe-container-instances --cluster lab --container-instances $ARN --query 'containerInstances[0].ec2InstanceId' --output text
echo "the registered instance is $GOOD"
sim events
