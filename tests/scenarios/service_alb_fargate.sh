# The seed's story: an ALB across two AZs and a Fargate service behind it. The service's tasks
# register their IPs in the target group as they start and turn healthy after a check; the
# service scales out and in (targets registered and deregistered, draining); a rolling
# deployment to a new revision swaps the targets; a task whose application starts answering
# 500 is found unhealthy, stopped with ECS's reason and replaced. A target group whose type
# does not fit the network mode, or with no load balancer, or a port the container does not
# expose, is refused.
# seed: 13
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
TGI=$(aws elbv2 create-target-group --name web-instance --protocol HTTP --port 80 --vpc-id $VPC --query 'TargetGroups[0].TargetGroupArn' --output text)
TGX=$(aws elbv2 create-target-group --name orphan --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG --query 'Listeners[0].Port'
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 8080 --default-actions Type=forward,TargetGroupArn=$TGI --query 'Listeners[0].Port'
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value=30 --query 'Attributes[?Key==`deregistration_delay.timeout_seconds`].Value' --output text
aws ecs create-cluster --cluster-name web --query cluster.clusterName --output text
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx:1.27","portMappings":[{"containerPort":80}]}]' --query taskDefinition.revision
NET="awsvpcConfiguration={subnets=[$SA,$SB]}"
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count 2 --launch-type FARGATE --network-configuration $NET --load-balancers targetGroupArn=$TGI,containerName=web,containerPort=80
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count 2 --launch-type FARGATE --network-configuration $NET --load-balancers targetGroupArn=$TGX,containerName=web,containerPort=80
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count 2 --launch-type FARGATE --network-configuration $NET --load-balancers targetGroupArn=$TG,containerName=web,containerPort=8080
aws ecs create-service --cluster web --service-name api --task-definition web --desired-count 2 --launch-type FARGATE --network-configuration $NET --load-balancers targetGroupArn=$TG,containerName=web,containerPort=80 --query 'service.[serviceName,desiredCount,loadBalancers[0].containerPort]' --output text
aws ecs wait services-stable --cluster web --services api
aws ecs describe-services --cluster web --services api --query 'services[0].[runningCount,deployments[0].rolloutState]' --output text
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.AvailabilityZone,TargetHealth.State]' --output text
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.AvailabilityZone,TargetHealth.State]' --output text
aws ecs describe-services --cluster web --services api --query 'services[0].events[].message' --output text
sim http --load-balancer web --count 4
aws ecs update-service --cluster web --service api --desired-count 4 --query service.desiredCount
aws ecs wait services-stable --cluster web --services api
aws elbv2 describe-target-health --target-group-arn $TG --query 'length(TargetHealthDescriptions[?TargetHealth.State==`healthy`])'
aws ecs update-service --cluster web --service api --desired-count 3 --query service.desiredCount
sleep 10
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].TargetHealth.State' --output text
sleep 60
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].TargetHealth.State' --output text
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx:1.28","portMappings":[{"containerPort":80}]}]' --query taskDefinition.revision
aws ecs update-service --cluster web --service api --task-definition web:2 --query 'service.deployments[].[status,taskDefinition]' --output text
aws ecs wait services-stable --cluster web --services api
aws ecs describe-services --cluster web --services api --query 'services[0].[runningCount,length(deployments),deployments[0].[taskDefinition,rolloutState]]' --output text
aws ecs list-tasks --cluster web --service-name api --query 'length(taskArns)'
SICK=$(aws ecs list-tasks --cluster web --service-name api --query 'taskArns[0]' --output text)
sim fail-health --task $SICK --status 500
sleep 60
aws ecs describe-tasks --cluster web --tasks $SICK --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
aws ecs describe-services --cluster web --services api --query 'services[0].events[0:4].message' --output text
aws ecs wait services-stable --cluster web --services api
aws ecs describe-services --cluster web --services api --query 'services[0].[desiredCount,runningCount]' --output text
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].TargetHealth.State' --output text
