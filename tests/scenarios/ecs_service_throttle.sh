# The throttle (ECS-REFERENCE.md §6.6): a Fargate service of 14 tasks in a /28 subnet, which
# has 11 usable addresses. Eleven tasks run; the others cannot get an address and stop while
# PROVISIONING (ResourceInitializationError, stopCode TaskFailedToStart). The scheduler keeps
# replacing them and, as they keep failing to start, waits longer between attempts (30 s
# after the third failure in a row, doubling, at most 15 minutes) and says "(service X) is
# unable to consistently start tasks successfully." Scaling down to what fits ends it; an
# unknown platform version is refused.
# seed: 31
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ecs create-cluster --cluster-name tight --query cluster.status --output text
aws ecs register-task-definition --family tiny --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx:1.27"}]' --query taskDefinition.revision
aws ecs create-service --cluster tight --service-name api --task-definition tiny --desired-count 14 --launch-type FARGATE --platform-version 9.9.9 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}"
aws ecs create-service --cluster tight --service-name api --task-definition tiny --desired-count 14 --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'service.[desiredCount,platformVersion]' --output text
sleep 60
aws ecs describe-services --cluster tight --services api --query 'services[0].[desiredCount,runningCount,pendingCount,deployments[0].failedTasks]' --output text
aws ecs describe-tasks --cluster tight --tasks $(aws ecs list-tasks --cluster tight --service-name api --desired-status STOPPED --query 'taskArns[0]' --output text) --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
aws ecs describe-services --cluster tight --services api --query 'services[0].events[0].message' --output text
sleep 900
aws ecs describe-services --cluster tight --services api --query 'services[0].[runningCount,deployments[0].failedTasks]' --output text
aws ecs describe-services --cluster tight --services api --query 'services[0].events[].createdAt' --output text
aws ecs update-service --cluster tight --service api --desired-count 11 --query service.desiredCount
aws ecs wait services-stable --cluster tight --services api
sleep 60
aws ecs describe-services --cluster tight --services api --query 'services[0].events[0:2].message' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
