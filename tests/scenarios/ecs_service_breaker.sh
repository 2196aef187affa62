# The deployment circuit breaker with rollback (ECS-REFERENCE.md §6.3): a service of 2 tasks
# rolls to a revision whose container exits a second after it starts. Each new task that
# stops before it counts as healthy is a failure; at the threshold (ceil(2 / 2) = 1, at least
# 3) the deployment is FAILED ("ECS deployment circuit breaker: tasks failed to start.") and a
# new deployment of the last completed revision starts; the service settles on it. Without
# rollback, the FAILED deployment starts no more tasks. On Fargate, with an awsvpc network.
# seed: 13
aws ecs create-cluster --cluster-name cb --query cluster.status --output text
SUB_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUB_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
aws ecs register-task-definition --family sample-fargate --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx:1.27"}]' --query taskDefinition.revision
aws ecs register-task-definition --family sample-fargate --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"busybox","command":["sleep","1"]}]' --query taskDefinition.revision
aws ecs create-service --cluster cb --service-name api --task-definition sample-fargate:1 --desired-count 2 --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUB_A,$SUB_B]}" --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}" --query 'service.[launchType,platformVersion,deploymentConfiguration.deploymentCircuitBreaker.enable]' --output text
aws ecs wait services-stable --cluster cb --services api
sleep 60
aws ecs describe-tasks --cluster cb --tasks $(aws ecs list-tasks --cluster cb --service-name api --query taskArns --output text) --query 'sort(tasks[].availabilityZone)' --output text
aws ecs update-service --cluster cb --service api --task-definition sample-fargate:2 --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text
sleep 90
aws ecs describe-services --cluster cb --services api --query 'services[0].deployments[].[status,taskDefinition,failedTasks,rolloutState,rolloutStateReason]' --output text
aws ecs wait services-stable --cluster cb --services api
aws ecs describe-services --cluster cb --services api --query 'services[0].deployments[].[status,taskDefinition,runningCount,rolloutState]' --output text
aws ecs describe-services --cluster cb --services api --query 'reverse(services[0].events[].message)' --output text
# Without rollback the failed deployment stops launching.
aws ecs update-service --cluster cb --service api --task-definition sample-fargate:2 --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=false}" --query 'service.deployments[0].rolloutState' --output text
sleep 300
aws ecs describe-services --cluster cb --services api --query 'services[0].deployments[].[status,taskDefinition,failedTasks,runningCount,rolloutState]' --output text
aws ecs describe-services --cluster cb --services api --query 'services[0].[desiredCount,runningCount,pendingCount]' --output text
aws ecs describe-services --cluster cb --services api --query 'services[0].events[0].message' --output text
