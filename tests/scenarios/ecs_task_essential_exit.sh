# Containers exiting on their own: an essential container running `sleep 20` exits 0 after 20 s
# and stops its task (stopCode EssentialContainerExited, "Essential container in task exited"),
# the other container being stopped with it; a non-essential container that exits leaves the
# task RUNNING; sim kill makes a container exit with a chosen code (essential: the task stops;
# non-essential: it does not); sim kill on a task that is no longer RUNNING is refused.
# seed: 19
aws ecs create-cluster --cluster-name exits --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=exits >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
sleep 90
aws ecs register-task-definition --family batch --container-definitions '[{"name":"job","image":"busybox","memory":64,"command":["sleep","20"]},{"name":"web","image":"nginx:1.27","memory":64}]' --query 'taskDefinition.containerDefinitions[].[name,essential]' --output text
B=$(aws ecs run-task --cluster exits --task-definition batch --query 'tasks[0].taskArn' --output text)
aws ecs wait tasks-running --cluster exits --tasks $B
aws ecs describe-tasks --cluster exits --tasks $B --query 'tasks[0].[lastStatus,startedAt]' --output text
sleep 19
aws ecs describe-tasks --cluster exits --tasks $B --query 'tasks[0].containers[].[name,lastStatus,exitCode]' --output text
sleep 2
aws ecs describe-tasks --cluster exits --tasks $B --query 'tasks[0].{last:lastStatus,desired:desiredStatus,code:stopCode,reason:stoppedReason,containers:containers[].[name,lastStatus,exitCode]}'
sleep 10
aws ecs describe-tasks --cluster exits --tasks $B --query 'tasks[0].{last:lastStatus,code:stopCode,reason:stoppedReason,stoppingAt:stoppingAt,executionStoppedAt:executionStoppedAt,stoppedAt:stoppedAt,containers:containers[].[name,lastStatus,exitCode,reason]}'
# The sidecar runs `sleep 20` but is not essential: the task keeps running without it.
aws ecs register-task-definition --family app --container-definitions '[{"name":"web","image":"nginx:1.27","memory":64},{"name":"warmup","image":"busybox","memory":32,"essential":false,"command":["sh","-c","sleep 20"]}]' --query 'taskDefinition.containerDefinitions[].[name,essential]' --output text
A=$(aws ecs run-task --cluster exits --task-definition app --query 'tasks[0].taskArn' --output text)
sleep 60
aws ecs describe-tasks --cluster exits --tasks $A --query 'tasks[0].{last:lastStatus,desired:desiredStatus,containers:containers[].[name,lastStatus,exitCode]}'
sim kill --task $A --container web --exit-code 137
sleep 1
aws ecs describe-tasks --cluster exits --tasks $A --query 'tasks[0].[lastStatus,desiredStatus,stopCode,stoppedReason]' --output text
C=$(aws ecs run-task --cluster exits --task-definition app --query 'tasks[0].taskArn' --output text)
sleep 15
sim kill --task $C --container warmup --exit-code 2
aws ecs describe-tasks --cluster exits --tasks $C --query 'tasks[0].{last:lastStatus,containers:containers[].[name,lastStatus,exitCode]}'
sim kill --task $C
sleep 40
aws ecs describe-tasks --cluster exits --tasks $C --query 'tasks[0].{last:lastStatus,code:stopCode,containers:containers[].[name,lastStatus,exitCode]}'
sim kill --task $C --container web
sim kill --task $A --container nosuch
