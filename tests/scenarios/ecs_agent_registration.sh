# Which cluster the ECS agent joins: an instance whose user data names a cluster that does not
# exist does not register (the agent creates only `default`) until the cluster is created, and
# then it does after a while; an instance with no ECS_CLUSTER line creates and joins `default`;
# an instance without an instance profile never registers.
# seed: 8
# use: ec2-ready-inline
LATE=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=late >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
DEFAULT=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=ecsInstanceRole --query 'Instances[0].InstanceId' --output text)
NOPROFILE=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --user-data "#!/bin/bash
echo ECS_CLUSTER=late >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
aws ecs list-clusters
sleep 90
aws ec2 describe-instances --instance-ids $LATE $DEFAULT $NOPROFILE --query 'Reservations[].Instances[].State.Name' --output text
aws ecs list-clusters
aws ecs describe-clusters --clusters default late --query '{clusters:clusters[].[clusterName,registeredContainerInstancesCount],failures:failures[].reason}'
CI=$(aws ecs list-container-instances --cluster default --query 'containerInstanceArns[0]' --output text)
aws ecs describe-container-instances --cluster default --container-instances $CI --query 'containerInstances[0].ec2InstanceId' --output text
echo "expected $DEFAULT"
aws ecs list-container-instances --cluster late
aws ecs create-cluster --cluster-name late --query cluster.status --output text
aws ecs list-container-instances --cluster late
sleep 60
aws ecs list-container-instances --cluster late --query 'length(containerInstanceArns)'
CI=$(aws ecs list-container-instances --cluster late --query 'containerInstanceArns[0]' --output text)
aws ecs describe-container-instances --cluster late --container-instances $CI --query 'containerInstances[0].[ec2InstanceId,status,agentConnected]' --output text
echo "expected $LATE (not $NOPROFILE)"
sleep 600
aws ecs describe-clusters --clusters late default --query 'clusters[].[clusterName,registeredContainerInstancesCount]' --output text
