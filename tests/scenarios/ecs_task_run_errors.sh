# run-task's overrides and its refusals: a command override (the container's `sleep 5` ends the
# task), task-level cpu/memory overrides that change what is reserved, a container memory
# override, overrides shown back in the task; then the errors: an override for a container the
# task definition does not have, an unknown task definition (family and family:revision), an
# INACTIVE (deregistered) revision, a family whose only revision is INACTIVE, --count 0 and 11,
# an unknown cluster, a bad --started-by, and a Fargate launch.
# seed: 24
aws ecs create-cluster --cluster-name errs --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=errs >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
sleep 90
CI=$(aws ecs list-container-instances --cluster errs --query 'containerInstanceArns[0]' --output text)
aws ecs register-task-definition --family tool --container-definitions '[{"name":"main","image":"busybox","cpu":128,"memory":128,"command":["sleep","3600"]},{"name":"log","image":"fluent-bit","memory":32,"essential":false}]' --query taskDefinition.revision
T=$(aws ecs run-task --cluster errs --task-definition tool --overrides '{"containerOverrides":[{"name":"main","command":["sleep","5"]}]}' --query 'tasks[0].taskArn' --output text)
aws ecs describe-tasks --cluster errs --tasks $T --query 'tasks[0].overrides'
sleep 30
aws ecs describe-tasks --cluster errs --tasks $T --query 'tasks[0].[lastStatus,stopCode,containers[0].exitCode]' --output text
O=$(aws ecs run-task --cluster errs --task-definition tool --overrides '{"cpu":"1024","memory":"2048","containerOverrides":[{"name":"log","memory":64}]}' --query 'tasks[0].taskArn' --output text)
aws ecs describe-tasks --cluster errs --tasks $O --query 'tasks[0].{cpu:cpu,memory:memory,containers:containers[].[name,cpu,memory],overrides:overrides}'
aws ecs describe-container-instances --cluster errs --container-instances $CI --query 'containerInstances[0].remainingResources[0:2].[name,integerValue]' --output text
aws ecs run-task --cluster errs --task-definition tool --overrides '{"containerOverrides":[{"name":"sidecar","command":["true"]}]}'
aws ecs run-task --cluster errs --task-definition nosuch
aws ecs run-task --cluster errs --task-definition tool:9
aws ecs register-task-definition --family tool --container-definitions '[{"name":"main","image":"busybox","memory":64}]' --query taskDefinition.revision
aws ecs deregister-task-definition --task-definition tool:1 --query taskDefinition.status --output text
aws ecs run-task --cluster errs --task-definition tool:1
aws ecs run-task --cluster errs --task-definition tool --query 'tasks[0].taskDefinitionArn' --output text
aws ecs register-task-definition --family gone --container-definitions '[{"name":"g","image":"busybox","memory":64}]' --query taskDefinition.revision
aws ecs deregister-task-definition --task-definition gone:1 --query taskDefinition.status --output text
aws ecs run-task --cluster errs --task-definition gone
aws ecs run-task --cluster errs --task-definition tool --count 0
aws ecs run-task --cluster errs --task-definition tool --count 11
aws ecs run-task --cluster nosuch --task-definition tool
aws ecs run-task --cluster errs --task-definition tool --started-by 'has spaces'
aws ecs run-task --cluster errs --task-definition tool --launch-type FARGATE
