# memberOf placement constraints in several forms of the cluster query language: equality on
# the instance type, `in` over AZs, a regex with `=~`, `and`/`or`/`not(...)` with parentheses,
# ec2InstanceId in a list, a custom attribute that `exists`, runningTasksCount, task:group
# affinity; an expression no instance satisfies (failures[] say MemberOf); then malformed
# expressions, a memberOf without an expression, and an unknown constraint type.
# seed: 14
aws ecs create-cluster --cluster-name member --query cluster.status --output text
# use: ec2-ready
SUB_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUB_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
SMALL=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --subnet-id $SUB_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=member >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
M5=$(aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUB_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=member >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
sleep 90
echo "t3.small $SMALL in us-east-1a, m5.large $M5 in us-east-1b"
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"httpd:2.4","cpu":64,"memory":64}]' --query taskDefinition.revision
aws ecs run-task --cluster member --task-definition app --count 2 --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type == m5.large' --query 'tasks[].containerInstanceArn' --output text
M5_CI=$(aws ecs list-container-instances --cluster member --filter 'ec2InstanceId == '$M5 --query 'containerInstanceArns[0]' --output text)
echo "m5.large is $M5_CI"
# In shorthand the comma inside [...] splits the value into a list: the CLI refuses it.
aws ecs run-task --cluster member --task-definition app --count 2 --placement-constraints 'type=memberOf,expression=attribute:ecs.availability-zone in [us-east-1a, us-east-1c]' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --count 2 --placement-constraints '[{"type":"memberOf","expression":"attribute:ecs.availability-zone in [us-east-1a, us-east-1c]"}]' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --count 2 --placement-constraints '[{"type":"memberOf","expression":"attribute:ecs.instance-type =~ t3.*"}]' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --count 2 --placement-constraints '[{"type":"memberOf","expression":"(attribute:ecs.instance-type == t3.small or attribute:ecs.instance-type == m5.large) and not(attribute:ecs.availability-zone == us-east-1a)"}]' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --placement-constraints "type=memberOf,expression=ec2InstanceId in ['$SMALL']" --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --placement-constraints "[{\"type\":\"memberOf\",\"expression\":\"ec2InstanceId in ['$SMALL']\"}]" --query 'tasks[].availabilityZone' --output text
aws ecs put-attributes --cluster member --attributes name=gpu,targetId=$M5_CI --query 'attributes[0].name' --output text
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=memberOf,expression=attribute:gpu exists' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=memberOf,expression=attribute:gpu !exists' --query 'tasks[].availabilityZone' --output text
aws ecs describe-container-instances --cluster member --container-instances $(aws ecs list-container-instances --cluster member --query containerInstanceArns --output text) --query 'containerInstances[].[ec2InstanceId,runningTasksCount]' --output text
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=memberOf,expression=runningTasksCount < 6' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --group side --placement-constraints 'type=memberOf,expression=task:group == family:app' --query 'tasks[].availabilityZone' --output text
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type == c5.xlarge'
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type === t3.small'
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=memberOf,expression=(attribute:ecs.instance-type == t3.small'
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=memberOf,expression=colour == blue'
aws ecs run-task --cluster member --task-definition app --placement-constraints type=memberOf
aws ecs run-task --cluster member --task-definition app --placement-constraints 'type=sameZone,expression=attribute:ecs.availability-zone == us-east-1a'
