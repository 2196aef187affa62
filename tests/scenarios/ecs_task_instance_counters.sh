# A container instance's counters and remaining resources as tasks come and go: before any task;
# right after run-task (pendingTasksCount and runningTasksCount both count a task that has not
# started yet, CPU/MEMORY reserved at once, a static host port added to PORTS); once RUNNING
# (pending back to 0); after stop-task, while the task is still stopping, and once it is
# STOPPED (everything given back, port 8080 free again). Dynamic host ports never show in PORTS.
# seed: 20
aws ecs create-cluster --cluster-name count --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=count >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
sleep 90
CI=$(aws ecs list-container-instances --cluster count --query 'containerInstanceArns[0]' --output text)
aws ecs describe-container-instances --cluster count --container-instances $CI --query 'containerInstances[0].[runningTasksCount,pendingTasksCount]' --output text
aws ecs describe-container-instances --cluster count --container-instances $CI --query 'containerInstances[0].remainingResources'
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":512,"memory":300,"memoryReservation":200,"portMappings":[{"containerPort":80,"hostPort":8080},{"containerPort":443}]}]' --query taskDefinition.revision
T=$(aws ecs run-task --cluster count --task-definition web --query 'tasks[0].taskArn' --output text)
aws ecs describe-container-instances --cluster count --container-instances $CI --query 'containerInstances[0].{running:runningTasksCount,pending:pendingTasksCount,remaining:remainingResources[].[name,integerValue,stringSetValue]}' --output json
aws ecs describe-clusters --clusters count --query 'clusters[0].[runningTasksCount,pendingTasksCount]' --output text
aws ecs wait tasks-running --cluster count --tasks $T
aws ecs describe-container-instances --cluster count --container-instances $CI --query 'containerInstances[0].[runningTasksCount,pendingTasksCount]' --output text
aws ecs describe-clusters --clusters count --query 'clusters[0].[runningTasksCount,pendingTasksCount]' --output text
aws ecs describe-tasks --cluster count --tasks $T --query 'tasks[0].containers[0].networkBindings[].hostPort' --output text
aws ecs run-task --cluster count --task-definition web --query 'failures[].reason' --output text
aws ecs stop-task --cluster count --task $T --query task.lastStatus --output text
aws ecs describe-container-instances --cluster count --container-instances $CI --query 'containerInstances[0].{running:runningTasksCount,pending:pendingTasksCount,cpu:remainingResources[?name==`CPU`].integerValue|[0],memory:remainingResources[?name==`MEMORY`].integerValue|[0],ports:remainingResources[?name==`PORTS`].stringSetValue|[0]}'
aws ecs run-task --cluster count --task-definition web --query 'failures[].reason' --output text
aws ecs wait tasks-stopped --cluster count --tasks $T
aws ecs describe-container-instances --cluster count --container-instances $CI --query 'containerInstances[0].{running:runningTasksCount,pending:pendingTasksCount,cpu:remainingResources[?name==`CPU`].integerValue|[0],memory:remainingResources[?name==`MEMORY`].integerValue|[0],ports:remainingResources[?name==`PORTS`].stringSetValue|[0]}'
aws ecs run-task --cluster count --task-definition web --query 'length(tasks)'
aws ecs describe-clusters --clusters count --query 'clusters[0].[registeredContainerInstancesCount,runningTasksCount,pendingTasksCount]' --output text
