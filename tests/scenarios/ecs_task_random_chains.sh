# random placement and chains of two strategies: random over three instances; spread over AZs
# then binpack memory (balance the AZs, pack inside each); spread over AZs then spread over
# instances; binpack cpu then spread instanceId; a chain whose first strategy is random. Then the
# bad cases: six strategies (more than five), and a random strategy that names a field.
# seed: 13
aws ecs create-cluster --cluster-name mix --query cluster.status --output text
# use: ec2-ready
SUB_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUB_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
A_SMALL=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --subnet-id $SUB_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=mix >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
A_LARGE=$(aws ec2 run-instances --image-id $AMI --instance-type t3.large --subnet-id $SUB_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=mix >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
B_MEDIUM=$(aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=mix >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
sleep 90
echo "1a: t3.small $A_SMALL, t3.large $A_LARGE; 1b: t3.medium $B_MEDIUM"
ARNS=$(aws ecs list-container-instances --cluster mix --query containerInstanceArns --output text)
aws ecs register-task-definition --family job --container-definitions '[{"name":"job","image":"busybox","cpu":128,"memory":256,"command":["sleep","3600"]}]' --query taskDefinition.revision
aws ecs run-task --cluster mix --task-definition job --count 9 --group rnd --placement-strategy type=random --query 'length(tasks)'
aws ecs describe-container-instances --cluster mix --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,runningTasksCount]' --output text
# Spread the AZs, then binpack memory inside each: 1a's tasks all go to the t3.small.
aws ecs run-task --cluster mix --task-definition job --count 4 --group az-pack --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory --query 'tasks[].[availabilityZone,containerInstanceArn]' --output text
aws ecs describe-container-instances --cluster mix --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,runningTasksCount]' --output text
# Spread the AZs, then the instances inside each.
aws ecs run-task --cluster mix --task-definition job --count 4 --group az-host --placement-strategy type=spread,field=attribute:ecs.availability-zone type=spread,field=instanceId --query 'tasks[].[availabilityZone,containerInstanceArn]' --output text
aws ecs describe-container-instances --cluster mix --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,runningTasksCount,remainingResources[?name==`MEMORY`].integerValue|[0]]' --output text
# binpack cpu first: all instances have 2048 units, so spread instanceId decides.
aws ecs run-task --cluster mix --task-definition job --count 2 --group cpu-host --placement-strategy type=binpack,field=cpu type=spread,field=instanceId --query 'tasks[].containerInstanceArn' --output text
T=$(aws ecs run-task --cluster mix --task-definition job --group rnd-first --placement-strategy type=random type=binpack,field=memory --query 'tasks[0].taskArn' --output text)
sim explain --task $T
aws ecs run-task --cluster mix --task-definition job --placement-strategy type=random type=random type=random type=random type=random type=random
aws ecs run-task --cluster mix --task-definition job --placement-strategy type=spread,field=instanceId type=spread,field=host type=binpack,field=cpu type=binpack,field=memory type=random --query 'length(tasks)'
aws ecs run-task --cluster mix --task-definition job --placement-strategy type=random,field=memory --query 'length(tasks)'
aws ecs list-tasks --cluster mix --query 'length(taskArns)'
