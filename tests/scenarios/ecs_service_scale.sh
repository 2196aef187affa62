# A REPLICA service on three EC2 instances in three AZs: create-service starts the desired
# count spread over the AZs (ECS's default for a service), and the service reaches a steady
# state; scaling out adds tasks where there are fewest, scaling in stops tasks from the AZ and
# instance with the most (ECS's scale-in choice); a task killed is replaced; describe-services
# shows the counts, the deployment and the events, newest first; the waiter services-stable
# polls in simulated time; delete-service refuses a service scaled above 0 without --force.
# seed: 5
aws ecs create-cluster --cluster-name web --query cluster.status --output text
# use: ec2-ready
SUB_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUB_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
SUB_C=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --count 2 --subnet-id $SUB_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'length(Instances)'
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'length(Instances)'
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_C --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count 3
sleep 5
aws ecs describe-services --cluster web --services api --query 'services[0].[status,desiredCount,runningCount,pendingCount]' --output text
aws ecs wait services-stable --cluster web --services api
aws ecs describe-services --cluster web --services api --query 'services[0].[desiredCount,runningCount,pendingCount]' --output text
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --service-name api --query taskArns --output text) --query 'sort(tasks[].availabilityZone)' --output text
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --service-name api --query taskArns --output text) --query 'tasks[0].[group,startedBy]' --output text
aws ecs describe-services --cluster web --services api --query 'services[0].events[].message' --output text
aws ecs update-service --cluster web --service api --desired-count 7 --query 'service.[desiredCount,deployments[0].desiredCount]' --output text
aws ecs wait services-stable --cluster web --services api
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --service-name api --query taskArns --output text) --query 'sort(tasks[].availabilityZone)' --output text
aws ecs update-service --cluster web --service api --desired-count 2 --query 'service.desiredCount'
sleep 60
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --service-name api --query taskArns --output text) --query 'sort(tasks[].availabilityZone)' --output text
aws ecs describe-tasks --cluster web --tasks $(aws ecs list-tasks --cluster web --service-name api --desired-status STOPPED --query 'taskArns[0]' --output text) --query 'tasks[0].[stopCode,stoppedReason]' --output text
VICTIM=$(aws ecs list-tasks --cluster web --service-name api --query 'taskArns[0]' --output text)
sim kill --task $VICTIM
sleep 30
aws ecs describe-services --cluster web --services api --query 'services[0].[runningCount,pendingCount,length(events)]' --output text
aws ecs describe-services --cluster web --services api --query 'services[0].events[0:3].message' --output text
aws ecs describe-services --cluster web --services api
aws ecs list-services --cluster web
aws ecs describe-clusters --clusters web --query 'clusters[0].activeServicesCount'
aws ecs delete-service --cluster web --service api
aws ecs delete-service --cluster web --service api --force --query 'service.[status,desiredCount]' --output text
aws ecs wait services-inactive --cluster web --services api
aws ecs describe-services --cluster web --services api --query 'services[0].[status,runningCount]' --output text
aws ecs list-services --cluster web
