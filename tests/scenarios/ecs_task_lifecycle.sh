# A bridge task on EC2 over time: run-task answers at once (PROVISIONING), describe-tasks a
# second later (PENDING, pull started), after the pull (RUNNING, network bindings, startedAt);
# stop-task --reason sets desiredStatus STOPPED and stoppingAt at once, stopCode UserInitiated;
# a container that handles SIGTERM exits 0 within seconds; one running `sleep` ignores it and is
# killed after the 30 s stop timeout (exit 137). The full JSON of each stage, then the task
# stays describable for an hour after it stops; its tags are gone once it was stopped.
# seed: 17
aws ecs create-cluster --cluster-name life --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=life >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
sleep 90
aws ecs register-task-definition --family web --container-definitions '[{"name":"nginx","image":"nginx:1.27","cpu":256,"memory":256,"portMappings":[{"containerPort":80,"hostPort":8080},{"containerPort":443}]}]' --query taskDefinition.revision
aws ecs run-task --cluster life --task-definition web --started-by ci-job-42
TASK=$(aws ecs list-tasks --cluster life --query 'taskArns[0]' --output text)
sleep 1
aws ecs describe-tasks --cluster life --tasks $TASK --query 'tasks[0].[lastStatus,desiredStatus,connectivity,pullStartedAt,pullStoppedAt,startedAt]' --output text
sleep 2
aws ecs describe-tasks --cluster life --tasks $TASK --query 'tasks[0].[lastStatus,containers[0].lastStatus]' --output text
sleep 15
aws ecs describe-tasks --cluster life --tasks $TASK
aws ecs stop-task --cluster life --task $TASK --reason "Rolling back release 42" --query 'task.[lastStatus,desiredStatus,stopCode,stoppedReason,stoppingAt]' --output text
sleep 1
aws ecs describe-tasks --cluster life --tasks $TASK --query 'tasks[0].[lastStatus,containers[0].lastStatus,containers[0].exitCode]' --output text
sleep 5
aws ecs describe-tasks --cluster life --tasks $TASK
# A container running `sleep 3600` ignores SIGTERM: STOPPING lasts the 30 s stop timeout.
aws ecs register-task-definition --family sleeper --container-definitions '[{"name":"s","image":"busybox","memory":64,"command":["sleep","3600"]}]' --query taskDefinition.revision
S=$(aws ecs run-task --cluster life --task-definition sleeper --tags key=team,value=data --query 'tasks[0].taskArn' --output text)
aws ecs describe-tasks --cluster life --tasks $S --include TAGS --query 'tasks[0].tags'
sleep 20
aws ecs stop-task --cluster life --task $S --query 'task.[lastStatus,stopCode,stoppedReason]' --output text
sleep 10
aws ecs describe-tasks --cluster life --tasks $S --query 'tasks[0].[lastStatus,containers[0].lastStatus,containers[0].exitCode]' --output text
sleep 25
aws ecs describe-tasks --cluster life --tasks $S --query 'tasks[0].[lastStatus,containers[0].exitCode,stoppingAt,executionStoppedAt,stoppedAt]' --output text
aws ecs stop-task --cluster life --task $S --reason again --query 'task.[lastStatus,stoppedReason]' --output text
# StopTask deletes the task's tags (API reference).
aws ecs describe-tasks --cluster life --tasks $S --include TAGS --query 'tasks[0].tags'
sleep 3600
aws ecs describe-tasks --cluster life --tasks $S --query 'failures'
