# A service task behind a load balancer stops as ECS stops it (ECS-REFERENCE.md §5.1, §7.2):
# asked to stop, it is deregistered and goes RUNNING -> DEACTIVATING (desiredStatus STOPPED,
# containers still running) and stays there while its target drains for the group's
# deregistration delay (300 s by default); only then STOPPING, DEPROVISIONING (its ENI) and
# STOPPED. A task in two target groups waits for the longer delay; with a delay of 0 it moves
# on at once. A standalone task in the same cluster stops as before, without DEACTIVATING.
# seed: 31
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
TG2=$(aws elbv2 create-target-group --name admin-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG --query 'Listeners[0].Port'
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 8080 --default-actions Type=forward,TargetGroupArn=$TG2 --query 'Listeners[0].Port'
aws elbv2 describe-target-group-attributes --target-group-arn $TG --query 'Attributes[?Key==`deregistration_delay.timeout_seconds`].Value' --output text
aws elbv2 modify-target-group-attributes --target-group-arn $TG2 --attributes Key=deregistration_delay.timeout_seconds,Value=120 --query 'Attributes[?Key==`deregistration_delay.timeout_seconds`].Value' --output text
aws ecs create-cluster --cluster-name web --query cluster.clusterName --output text
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx:1.27","portMappings":[{"containerPort":80}]}]' --query taskDefinition.revision
NET="awsvpcConfiguration={subnets=[$SA,$SB]}"
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count 2 --launch-type FARGATE --network-configuration $NET --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80 --query service.desiredCount
aws ecs wait services-stable --cluster web --services api
# Scale in: the task the scheduler stops drains for 300 s in DEACTIVATING.
aws ecs update-service --cluster web --service api --desired-count 1 --query service.desiredCount
sleep 5
GONE=$(aws ecs list-tasks --cluster web --service-name api --desired-status STOPPED --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster web --tasks $GONE --query 'tasks[0].[lastStatus,desiredStatus,stopCode,containers[0].lastStatus]' --output text
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].TargetHealth.[State,Reason]' --output text
aws ecs describe-services --cluster web --services api --query 'services[0].[runningCount,events[0].message]' --output text
sleep 290
aws ecs describe-tasks --cluster web --tasks $GONE --query 'tasks[0].[lastStatus,containers[0].lastStatus]' --output text
sleep 10
aws ecs describe-tasks --cluster web --tasks $GONE --query 'tasks[0].lastStatus' --output text
aws elbv2 describe-target-health --target-group-arn $TG --query 'length(TargetHealthDescriptions)'
aws ecs wait tasks-stopped --cluster web --tasks $GONE
aws ecs describe-tasks --cluster web --tasks $GONE --query 'tasks[0].[lastStatus,stoppingAt,executionStoppedAt,stoppedAt]' --output text
# In two groups: the task waits for the longer delay (here 300 s, not 120 s).
aws ecs create-service --cluster web --service-name both --task-definition web --desired-count 1 --launch-type FARGATE --network-configuration $NET --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80 targetGroupArn=$TG2,containerName=web,containerPort=80 --query 'length(service.loadBalancers)'
aws ecs wait services-stable --cluster web --services both
TWO=$(aws ecs list-tasks --cluster web --service-name both --query 'taskArns[0]' --output text)
aws ecs stop-task --cluster web --task $TWO --query 'task.[lastStatus,desiredStatus]' --output text
sleep 1
aws elbv2 describe-target-health --target-group-arn $TG2 --query 'length(TargetHealthDescriptions[?TargetHealth.State==`draining`])'
aws ecs describe-tasks --cluster web --tasks $TWO --query 'tasks[0].[lastStatus,stopCode]' --output text
sleep 130
aws elbv2 describe-target-health --target-group-arn $TG2 --query 'length(TargetHealthDescriptions[?TargetHealth.State==`draining`])'
aws ecs describe-tasks --cluster web --tasks $TWO --query 'tasks[0].[lastStatus,stopCode]' --output text
aws ecs wait tasks-stopped --cluster web --tasks $TWO
aws ecs describe-tasks --cluster web --tasks $TWO --query 'tasks[0].[lastStatus,stoppingAt,executionStoppedAt]' --output text
# A delay of 0: nothing to wait for.
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value=0 --query 'Attributes[?Key==`deregistration_delay.timeout_seconds`].Value' --output text
aws elbv2 modify-target-group-attributes --target-group-arn $TG2 --attributes Key=deregistration_delay.timeout_seconds,Value=0 --query 'Attributes[?Key==`deregistration_delay.timeout_seconds`].Value' --output text
aws ecs wait services-stable --cluster web --services api
sleep 30
ZERO=$(aws ecs list-tasks --cluster web --service-name api --query 'taskArns[0]' --output text)
aws ecs stop-task --cluster web --task $ZERO --query 'task.lastStatus' --output text
sleep 1
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].TargetHealth.State' --output text
aws ecs describe-tasks --cluster web --tasks $ZERO --query 'tasks[0].lastStatus' --output text
sleep 10
aws ecs describe-tasks --cluster web --tasks $ZERO --query 'tasks[0].lastStatus' --output text
# A standalone task never deactivates.
SOLO=$(aws ecs run-task --cluster web --task-definition web --launch-type FARGATE --network-configuration $NET --query 'tasks[0].taskArn' --output text)
aws ecs wait tasks-running --cluster web --tasks $SOLO
aws ecs stop-task --cluster web --task $SOLO --query 'task.lastStatus' --output text
sleep 1
aws ecs describe-tasks --cluster web --tasks $SOLO --query 'tasks[0].lastStatus' --output text
