# list-tasks and its filters: the default (desiredStatus RUNNING, which includes tasks still
# starting), --family, --started-by, --container-instance, --desired-status PENDING (tasks not
# yet RUNNING) and STOPPED (stopping and stopped tasks), combinations, --launch-type, and the
# errors: a bad --desired-status, an unknown container instance, an unknown cluster.
# seed: 23
aws ecs create-cluster --cluster-name lists --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --count 2 --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=lists >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
CI1=$(aws ecs list-container-instances --cluster lists --query 'containerInstanceArns[0]' --output text)
CI2=$(aws ecs list-container-instances --cluster lists --query 'containerInstanceArns[1]' --output text)
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","memory":64}]' --query taskDefinition.revision
aws ecs register-task-definition --family worker --container-definitions '[{"name":"w","image":"busybox","memory":64,"command":["sleep","3600"]}]' --query taskDefinition.revision
aws ecs start-task --cluster lists --task-definition web --container-instances $CI1 $CI2 --started-by deploy-7 --query 'length(tasks)'
aws ecs start-task --cluster lists --task-definition worker --container-instances $CI1 --query 'length(tasks)'
aws ecs list-tasks --cluster lists --desired-status PENDING --query 'length(taskArns)'
sleep 30
aws ecs start-task --cluster lists --task-definition worker --container-instances $CI2 --started-by cron --query 'length(tasks)'
aws ecs list-tasks --cluster lists --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --desired-status PENDING --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --family web --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --family worker --container-instance $CI1 --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --started-by deploy-7 --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --started-by deploy-7 --family worker
aws ecs list-tasks --cluster lists --container-instance $CI2 --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --launch-type EC2 --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --launch-type FARGATE
W=$(aws ecs list-tasks --cluster lists --family worker --container-instance $CI1 --query 'taskArns[0]' --output text)
aws ecs stop-task --cluster lists --task $W --query task.lastStatus --output text
aws ecs list-tasks --cluster lists --desired-status STOPPED --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --family worker --query 'length(taskArns)'
sleep 60
aws ecs list-tasks --cluster lists --desired-status STOPPED --family worker --query 'length(taskArns)'
aws ecs list-tasks --cluster lists --desired-status STOPPED --started-by deploy-7
aws ecs list-tasks --cluster lists --max-results 2
aws ecs list-tasks --cluster lists --desired-status DONE
aws ecs list-tasks --cluster lists --container-instance 0123456789abcdef0123456789abcdef
aws ecs list-tasks --cluster nosuch
