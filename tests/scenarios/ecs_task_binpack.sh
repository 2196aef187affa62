# binpack placement: with memory as the field, tasks fill the instance with the least remaining
# memory first (t3.small, then t3.medium) and never touch the big c5.xlarge; with cpu as the
# field, the instance with the least remaining CPU takes the next task. Then the bad cases: an
# unknown binpack field, binpack without a field, and a strategy type that does not exist.
# seed: 11
aws ecs create-cluster --cluster-name pack --query cluster.status --output text
# use: ec2-ready
BIG=$(aws ec2 run-instances --image-id $AMI --instance-type c5.xlarge --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=pack >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
SMALL=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=pack >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
MEDIUM=$(aws ec2 run-instances --image-id $AMI --instance-type t3.medium --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=pack >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
sleep 90
echo "big $BIG small $SMALL medium $MEDIUM"
ARNS=$(aws ecs list-container-instances --cluster pack --query containerInstanceArns --output text)
aws ecs describe-container-instances --cluster pack --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,remainingResources[?name==`CPU`].integerValue|[0],remainingResources[?name==`MEMORY`].integerValue|[0]]' --output text
aws ecs register-task-definition --family worker --container-definitions '[{"name":"w","image":"busybox","cpu":512,"memory":512,"command":["sleep","3600"]}]' --query taskDefinition.taskDefinitionArn --output text
# 1996 MiB on the t3.small takes three 512 MiB tasks; the next two go to the t3.medium.
aws ecs run-task --cluster pack --task-definition worker --count 5 --placement-strategy type=binpack,field=memory --query 'length(tasks)'
aws ecs describe-container-instances --cluster pack --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,runningTasksCount,remainingResources[?name==`CPU`].integerValue|[0],remainingResources[?name==`MEMORY`].integerValue|[0]]' --output text
T=$(aws ecs run-task --cluster pack --task-definition worker --placement-strategy type=binpack,field=memory --query 'tasks[0].taskArn' --output text)
CI=$(aws ecs describe-tasks --cluster pack --tasks $T --query 'tasks[0].containerInstanceArn' --output text)
aws ecs describe-container-instances --cluster pack --container-instances $CI --query 'containerInstances[0].ec2InstanceId' --output text
echo "expected $MEDIUM (the t3.small has 460 MiB left)"
sim explain --task $T
# binpack on cpu: the t3.small has 512 units left, the t3.medium 512, the c5.xlarge 4096.
aws ecs register-task-definition --family tiny --container-definitions '[{"name":"t","image":"busybox","cpu":256,"memory":64}]' --query taskDefinition.revision
aws ecs run-task --cluster pack --task-definition tiny --count 4 --placement-strategy type=binpack,field=cpu --query 'length(tasks)'
aws ecs describe-container-instances --cluster pack --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,runningTasksCount,remainingResources[?name==`CPU`].integerValue|[0]]' --output text
aws ecs run-task --cluster pack --task-definition tiny --placement-strategy type=binpack,field=cpu --query 'tasks[0].containerInstanceArn' --output text
aws ecs describe-container-instances --cluster pack --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,runningTasksCount,remainingResources[?name==`CPU`].integerValue|[0]]' --output text
aws ecs run-task --cluster pack --task-definition tiny --placement-strategy type=binpack,field=disk
aws ecs run-task --cluster pack --task-definition tiny --placement-strategy type=binpack
aws ecs run-task --cluster pack --task-definition tiny --placement-strategy type=pack,field=cpu
aws ecs run-task --cluster pack --task-definition tiny --placement-strategy type=binpack,field=CPU --query 'length(tasks)'
