# spread placement: over attribute:ecs.availability-zone (six tasks over three AZs, two per AZ,
# although us-east-1a has two instances), over instanceId and its alias host (one task per
# instance, counting only the tasks of the same group), over a custom attribute; then the bad
# fields: a missing field, an unknown word, an empty attribute name.
# seed: 12
aws ecs create-cluster --cluster-name spread --query cluster.status --output text
# use: ec2-ready
SUB_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUB_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
SUB_C=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --count 2 --subnet-id $SUB_A --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=spread >> /etc/ecs/ecs.config" --query 'length(Instances)'
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_B --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=spread >> /etc/ecs/ecs.config" --query 'length(Instances)'
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUB_C --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=spread >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs run-task --cluster spread --task-definition web --count 6 --placement-strategy type=spread,field=attribute:ecs.availability-zone --query 'sort(tasks[].availabilityZone)' --output text
ARNS=$(aws ecs list-container-instances --cluster spread --query containerInstanceArns --output text)
aws ecs describe-container-instances --cluster spread --container-instances $ARNS --query 'containerInstances[].[ec2InstanceId,attributes[?name==`ecs.availability-zone`].value|[0],runningTasksCount]' --output text
# instanceId: four tasks of a new group land on four different instances.
aws ecs run-task --cluster spread --task-definition web --count 4 --group per-host --placement-strategy type=spread,field=instanceId --query 'length(tasks)'
aws ecs describe-container-instances --cluster spread --container-instances $ARNS --query 'containerInstances[].runningTasksCount' --output text
aws ecs run-task --cluster spread --task-definition web --count 4 --group by-host --placement-strategy type=spread,field=host --query 'length(tasks)'
aws ecs describe-container-instances --cluster spread --container-instances $ARNS --query 'containerInstances[].runningTasksCount' --output text
# A custom attribute: two instances say rack=r1, one rack=r2, one has no rack.
aws ecs put-attributes --cluster spread --attributes name=rack,value=r1,targetId=$(aws ecs list-container-instances --cluster spread --query 'containerInstanceArns[0]' --output text) name=rack,value=r1,targetId=$(aws ecs list-container-instances --cluster spread --query 'containerInstanceArns[1]' --output text) name=rack,value=r2,targetId=$(aws ecs list-container-instances --cluster spread --query 'containerInstanceArns[2]' --output text) --query 'length(attributes)'
aws ecs run-task --cluster spread --task-definition web --count 3 --group racks --placement-strategy type=spread,field=attribute:rack --query 'tasks[].containerInstanceArn' --output text
aws ecs list-tasks --cluster spread --query 'length(taskArns)'
sim explain --task $(aws ecs list-tasks --cluster spread --query 'taskArns[-1]' --output text)
aws ecs run-task --cluster spread --task-definition web --placement-strategy type=spread
aws ecs run-task --cluster spread --task-definition web --placement-strategy type=spread,field=zone
aws ecs run-task --cluster spread --task-definition web --placement-strategy type=spread,field=attribute:
