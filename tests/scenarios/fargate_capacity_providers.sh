# Capacity providers: FARGATE and FARGATE_SPOT are associated with a cluster, a strategy splits
# a RunTask between them (base first, then by weight), and the cluster's default strategy is
# used when RunTask names neither a launch type nor a strategy. A Spot interruption (a sim
# fault) gives the task AWS's two-minute notice: desiredStatus STOPPED, stopCode
# TerminationNotice, "Your Spot Task was interrupted.", then the usual stop and the ENI's
# address back in its subnet.
# seed: 9
aws ecs create-cluster --cluster-name mix --capacity-providers FARGATE FARGATE_SPOT --default-capacity-provider-strategy capacityProvider=FARGATE_SPOT,weight=1 --query 'cluster.[capacityProviders,defaultCapacityProviderStrategy]' --output json
aws ecs create-cluster --cluster-name plain --query 'cluster.capacityProviders' --output json
aws ecs put-cluster-capacity-providers --cluster plain --capacity-providers FARGATE_SPOT --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1
aws ecs put-cluster-capacity-providers --cluster plain --capacity-providers MY_ASG --default-capacity-provider-strategy capacityProvider=MY_ASG,weight=1
aws ecs put-cluster-capacity-providers --cluster plain --capacity-providers FARGATE FARGATE_SPOT --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1,base=1 capacityProvider=FARGATE_SPOT,weight=1,base=2
aws ecs put-cluster-capacity-providers --cluster plain --capacity-providers FARGATE --default-capacity-provider-strategy '[]' --query 'cluster.[capacityProviders,defaultCapacityProviderStrategy]' --output json
aws ecs register-task-definition --family worker --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"w","image":"busybox","command":["sleep","3600"]}]' --query taskDefinition.revision
SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1d --query 'Subnets[0].SubnetId' --output text)
NET="awsvpcConfiguration={subnets=[$SUBNET]}"
aws ecs run-task --cluster mix --task-definition worker --launch-type FARGATE --capacity-provider-strategy capacityProvider=FARGATE,weight=1 --network-configuration $NET
aws ecs run-task --cluster plain --task-definition worker --capacity-provider-strategy capacityProvider=FARGATE_SPOT,weight=1 --network-configuration $NET
aws ecs run-task --cluster mix --task-definition worker --count 10 --capacity-provider-strategy capacityProvider=FARGATE,weight=1,base=2 capacityProvider=FARGATE_SPOT,weight=3 --network-configuration $NET --query 'tasks[].capacityProviderName' --output text
aws ecs run-task --cluster mix --task-definition worker --count 2 --network-configuration $NET --query 'tasks[].[capacityProviderName,launchType]' --output text
aws ecs run-task --cluster plain --task-definition worker --launch-type FARGATE --network-configuration $NET --query 'tasks[0].[launchType,capacityProviderName]' --output text
sleep 30
SPOT=$(aws ecs describe-tasks --cluster mix --tasks $(aws ecs list-tasks --cluster mix --query 'taskArns' --output text) --query 'tasks[?capacityProviderName==`FARGATE_SPOT`].taskArn|[0]' --output text)
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
sim interrupt --task $SPOT
aws ecs describe-tasks --cluster mix --tasks $SPOT --query 'tasks[0].[lastStatus,desiredStatus,stopCode,stoppedReason]' --output text
sleep 60
aws ecs describe-tasks --cluster mix --tasks $SPOT --query 'tasks[0].[lastStatus,stopCode,stoppedReason,containers[0].exitCode,attachments[0].status]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
sim interrupt --task $SPOT
ONDEMAND=$(aws ecs describe-tasks --cluster mix --tasks $(aws ecs list-tasks --cluster mix --query 'taskArns' --output text) --query 'tasks[?capacityProviderName==`FARGATE`].taskArn|[0]' --output text)
sim interrupt --task $ONDEMAND
aws ecs describe-clusters --clusters mix --include STATISTICS --query 'clusters[0].[runningTasksCount,statistics[?name==`runningFargateTasksCount`].value|[0]]' --output text
