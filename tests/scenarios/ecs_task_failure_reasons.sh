# Why RunTask places nothing, as failures[] says it: an empty cluster is an exception ("No
# Container Instances were found in your cluster."); then on one t3.small: RESOURCE:CPU (more
# units than it has), RESOURCE:MEMORY, RESOURCE:PORTS (a second task wanting static host port
# 8080), ATTRIBUTE (runtimePlatform ARM64 on an x86_64 instance), AGENT (after sim
# agent-disconnect; a stop-task meanwhile), and placement again once the agent is back.
# seed: 16
aws ecs create-cluster --cluster-name fail --query cluster.status --output text
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":256,"memory":256,"portMappings":[{"containerPort":80,"hostPort":8080}]}]' --query taskDefinition.revision
aws ecs run-task --cluster fail --task-definition web
# use: ec2-ready
ID=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=fail >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
aws ecs run-task --cluster fail --task-definition web
sleep 90
aws ecs register-task-definition --family cpuhog --container-definitions '[{"name":"c","image":"busybox","cpu":4096,"memory":128}]' --query taskDefinition.revision
aws ecs run-task --cluster fail --task-definition cpuhog
aws ecs register-task-definition --family memhog --container-definitions '[{"name":"m","image":"busybox","memoryReservation":2048}]' --query taskDefinition.revision
aws ecs run-task --cluster fail --task-definition memhog
aws ecs register-task-definition --family both --cpu 4096 --memory 4096 --container-definitions '[{"name":"b","image":"busybox"}]' --query taskDefinition.revision
aws ecs run-task --cluster fail --task-definition both
sim explain --last
aws ecs run-task --cluster fail --task-definition web --query 'tasks[0].containers[0].networkBindings'
aws ecs run-task --cluster fail --task-definition web
aws ecs register-task-definition --family arm --runtime-platform cpuArchitecture=ARM64,operatingSystemFamily=LINUX --container-definitions '[{"name":"a","image":"busybox","memory":64}]' --query taskDefinition.runtimePlatform
aws ecs run-task --cluster fail --task-definition arm
aws ecs register-task-definition --family x86 --runtime-platform cpuArchitecture=X86_64 --container-definitions '[{"name":"a","image":"busybox","memory":64}]' --query taskDefinition.revision
X=$(aws ecs run-task --cluster fail --task-definition x86 --query 'tasks[0].taskArn' --output text)
sleep 30
sim agent-disconnect --instance $ID
aws ecs describe-container-instances --cluster fail --container-instances $(aws ecs list-container-instances --cluster fail --query 'containerInstanceArns[0]' --output text) --query 'containerInstances[0].[status,agentConnected]' --output text
aws ecs run-task --cluster fail --task-definition x86
# With the agent away, a stop can only be recorded (desiredStatus), not carried out.
aws ecs stop-task --cluster fail --task $X --query 'task.[lastStatus,desiredStatus]' --output text
sleep 60
aws ecs describe-tasks --cluster fail --tasks $X --query 'tasks[0].[lastStatus,desiredStatus,containers[0].exitCode]' --output text
sim agent-connect --instance $ID
aws ecs run-task --cluster fail --task-definition x86 --query '{tasks:length(tasks),failures:failures}'
