# start-task on named container instances: by ARN (the full response), two instances in one call (one
# task each), an instance the task does not fit (RESOURCE:MEMORY in failures[], the other still
# starts), an unknown instance (MISSING), a DRAINING instance, a deregistered one, --group and
# --started-by on the task; then the errors: no instance named, eleven instances, an unknown
# task definition.
# seed: 22
aws ecs create-cluster --cluster-name start --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=start >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
aws ec2 run-instances --image-id $AMI --instance-type m5.large --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=start >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
sleep 90
SMALL=$(aws ecs list-container-instances --cluster start --filter 'attribute:ecs.instance-type == t3.small' --query 'containerInstanceArns[0]' --output text)
BIG=$(aws ecs list-container-instances --cluster start --filter 'attribute:ecs.instance-type == m5.large' --query 'containerInstanceArns[0]' --output text)
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":256,"memory":256}]' --query taskDefinition.revision
aws ecs start-task --cluster start --task-definition web --container-instances $SMALL
aws ecs start-task --cluster start --task-definition web --container-instances $SMALL $BIG --group pinned --started-by ops --query 'tasks[].[containerInstanceArn,group,startedBy]' --output text
aws ecs register-task-definition --family big --container-definitions '[{"name":"b","image":"busybox","memory":4096}]' --query taskDefinition.revision
aws ecs start-task --cluster start --task-definition big --container-instances $SMALL $BIG --query '{started:tasks[].containerInstanceArn,failures:failures}'
aws ecs start-task --cluster start --task-definition web --container-instances 0123456789abcdef0123456789abcdef
aws ecs describe-container-instances --cluster start --container-instances $SMALL $BIG --query 'containerInstances[].[runningTasksCount,pendingTasksCount]' --output text
aws ecs update-container-instances-state --cluster start --container-instances $SMALL --status DRAINING --query 'containerInstances[0].status' --output text
aws ecs start-task --cluster start --task-definition web --container-instances $SMALL
aws ecs deregister-container-instance --cluster start --container-instance $SMALL --force --query containerInstance.status --output text
aws ecs start-task --cluster start --task-definition web --container-instances $SMALL
aws ecs start-task --cluster start --task-definition web --container-instances $BIG --placement-constraints type=distinctInstance
aws ecs start-task --cluster start --task-definition web
aws ecs start-task --cluster start --task-definition web --container-instances
aws ecs start-task --cluster start --task-definition web --container-instances a b c d e f g h i j k
aws ecs start-task --cluster start --task-definition nosuch --container-instances $BIG
