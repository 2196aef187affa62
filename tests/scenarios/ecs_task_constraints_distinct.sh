# distinctInstance: three tasks of one group on two instances place two and report the third's
# failure on both instances; the constraint counts only the same group (another group still
# places). A memberOf constraint in the task definition combines with one given to run-task:
# both must hold. Then the limits: eleven constraints in run-task, ten in run-task plus one in
# the task definition, distinctInstance with an expression, distinctInstance in a task
# definition.
# seed: 15
aws ecs create-cluster --cluster-name distinct --query cluster.status --output text
# use: ec2-ready
SUB_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUB_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=distinct >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.large --subnet-id $SUB_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=distinct >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceType' --output text
sleep 90
aws ecs register-task-definition --family db --container-definitions '[{"name":"db","image":"postgres:16","cpu":256,"memory":256}]' --query taskDefinition.revision
aws ecs run-task --cluster distinct --task-definition db --count 3 --placement-constraints type=distinctInstance --query '{tasks:length(tasks),failures:failures}'
aws ecs run-task --cluster distinct --task-definition db --placement-constraints type=distinctInstance
aws ecs run-task --cluster distinct --task-definition db --group replica --count 2 --placement-constraints type=distinctInstance --query 'length(tasks)'
aws ecs describe-container-instances --cluster distinct --container-instances $(aws ecs list-container-instances --cluster distinct --query containerInstanceArns --output text) --query 'containerInstances[].[attributes[?name==`ecs.instance-type`].value|[0],runningTasksCount]' --output text
# The task definition says t3.* only; run-task adds us-east-1b: only the t3.large fits both.
aws ecs register-task-definition --family pinned --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type =~ t3.*' --container-definitions '[{"name":"p","image":"busybox","cpu":64,"memory":64}]' --query taskDefinition.placementConstraints
aws ecs run-task --cluster distinct --task-definition pinned --count 2 --placement-constraints '[{"type":"memberOf","expression":"attribute:ecs.availability-zone == us-east-1b"}]' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster distinct --task-definition pinned --placement-constraints '[{"type":"memberOf","expression":"attribute:ecs.instance-type == m5.large"}]' --query failures
sim explain --last
aws ecs run-task --cluster distinct --task-definition db --placement-constraints type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance
aws ecs run-task --cluster distinct --task-definition db --group ten --placement-constraints type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance --query 'length(tasks)'
aws ecs run-task --cluster distinct --task-definition pinned --placement-constraints type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance type=distinctInstance
aws ecs run-task --cluster distinct --task-definition db --placement-constraints 'type=distinctInstance,expression=attribute:ecs.instance-type == t3.large'
aws ecs register-task-definition --family bad --placement-constraints type=distinctInstance --container-definitions '[{"name":"p","image":"busybox","memory":64}]'
