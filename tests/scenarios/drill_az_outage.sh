# A failure drill: Availability Zone us-east-1a goes down and comes back (sim az-outage,
# sim az-restore; the model is ours, see src/sim/outage.rs). An EC2 service of 3 tasks spread
# over three AZs and a Fargate service over three subnets lose their tasks in us-east-1a: the
# EC2 tasks with ECS's text for a lost host, the Fargate ones with our sentence; both services
# replace them in the zones still up, and EC2 refuses to launch in the zone that is down. On
# restore the instance starts again and its agent reconnects to the same container instance.
# seed: 8
aws ecs create-cluster --cluster-name web --query cluster.status --output text
# use: ec2-ready
SUB_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUB_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
SUB_C=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].Placement.AvailabilityZone' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].Placement.AvailabilityZone' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_C --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].Placement.AvailabilityZone' --output text
sleep 90
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs register-task-definition --family api --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"api","image":"nginx:1.27"}]' --query taskDefinition.revision
aws ecs create-service --cluster web --service-name web --task-definition web --desired-count 3 --query service.serviceName --output text
aws ecs create-service --cluster web --service-name api --task-definition api --desired-count 3 --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUB_A,$SUB_B,$SUB_C]}" --query service.serviceName --output text
aws ecs wait services-stable --cluster web --services web api
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --query taskArns --output text) --query 'sort(tasks[].availabilityZone)' --output text
sim az-outage --zone us-east-1z
sim az-outage --zone us-east-1a
sim az-outage --zone us-east-1a
aws ec2 describe-instances --filters Name=availability-zone,Values=us-east-1a --query 'Reservations[].Instances[].[State.Name,State.Code]' --output text
aws ecs describe-container-instances --cluster web --container-instances $(aws ecs list-container-instances --cluster web --query containerInstanceArns --output text) --query 'containerInstances[].[ec2InstanceId,agentConnected,status]' --output text
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --desired-status STOPPED --query taskArns --output text) --query 'tasks[].[group,availabilityZone,lastStatus,stoppedReason]' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_A --query 'Instances[0].InstanceId' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --placement AvailabilityZone=us-east-1b --query 'Instances[0].Placement.AvailabilityZone' --output text
aws ecs wait services-stable --cluster web --services web api
aws ecs describe-services --cluster web --services web api --query 'services[].[serviceName,desiredCount,runningCount]' --output text
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --query taskArns --output text) --query 'sort(tasks[].availabilityZone)' --output text
sim az-restore --zone us-east-1a
sim az-restore --zone us-east-1a
sleep 90
aws ec2 describe-instances --filters Name=availability-zone,Values=us-east-1a --query 'Reservations[].Instances[].State.Name' --output text
aws ecs describe-container-instances --cluster web --container-instances $(aws ecs list-container-instances --cluster web --query containerInstanceArns --output text) --query 'containerInstances[].[agentConnected,status]' --output text
aws ecs describe-clusters --clusters web --query 'clusters[0].registeredContainerInstancesCount'
aws ecs describe-services --cluster web --services web --query 'services[0].events[].message' --output text
