# aws ecs wait tasks-running and tasks-stopped in simulated time: success (the clock moves by
# the waiter's 6 s polls), a terminal failure when the task stops before it runs (an essential
# `sleep 1` container), a MISSING task (failure at once for tasks-running; tasks-stopped keeps
# polling until it gives up after 100 attempts), and the waiter's own usage error.
# seed: 18
aws ecs create-cluster --cluster-name wait --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=wait >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
sleep 90
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","memory":128}]' --query taskDefinition.revision
T1=$(aws ecs run-task --cluster wait --task-definition web --query 'tasks[0].taskArn' --output text)
T2=$(aws ecs run-task --cluster wait --task-definition web --query 'tasks[0].taskArn' --output text)
sim time
aws ecs wait tasks-running --cluster wait --tasks $T1 $T2
sim time
aws ecs describe-tasks --cluster wait --tasks $T1 $T2 --query 'tasks[].lastStatus' --output text
aws ecs wait tasks-running --cluster wait --tasks $T1
sim time
aws ecs stop-task --cluster wait --task $T1 --query task.lastStatus --output text
aws ecs wait tasks-stopped --cluster wait --tasks $T1
sim time
aws ecs describe-tasks --cluster wait --tasks $T1 --query 'tasks[0].[lastStatus,stoppedAt]' --output text
# A task whose essential container runs `sleep 1`: waiting on it from the start, the polls
# (every 6 s) see PROVISIONING/PENDING, then most likely STOPPING or STOPPED, never RUNNING.
aws ecs register-task-definition --family blip --container-definitions '[{"name":"b","image":"busybox","memory":64,"command":["sleep","1"]}]' --query taskDefinition.revision
B=$(aws ecs run-task --cluster wait --task-definition blip --query 'tasks[0].taskArn' --output text)
aws ecs wait tasks-running --cluster wait --tasks $B
sim time
sleep 20
aws ecs describe-tasks --cluster wait --tasks $B --query 'tasks[0].[lastStatus,stopCode]' --output text
aws ecs wait tasks-running --cluster wait --tasks $T2 $B
aws ecs wait tasks-running --cluster wait --tasks 0123456789abcdef0123456789abcdef
sim time
aws ecs wait tasks-stopped --cluster wait --tasks 0123456789abcdef0123456789abcdef
sim time
aws ecs wait tasks-running --cluster wait
aws ecs wait tasks-started --cluster wait --tasks $T2
