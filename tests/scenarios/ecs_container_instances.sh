# Container instances of a cluster: list-container-instances (all, --status ACTIVE/DRAINING,
# an invalid --status); describe-container-instances by ARN with a missing ID (failures MISSING),
# --include TAGS, with no --cluster, with a cluster that does not exist and with another cluster
# than the ARN's; update-container-instances-state to DRAINING and back to ACTIVE, with an
# invalid status, an unknown instance and 11 instances at once; deregister-container-instance,
# after which the instance is no longer listed (but still describable as INACTIVE), and
# deregistering it again. (Short container-instance IDs appear only as unknown IDs: the script
# dialect cannot cut an ID out of an ARN.)
# seed: 5
aws ecs create-cluster --cluster-name apps --query cluster.status --output text
# use: ec2-ready-inline
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --count 3 \
    --iam-instance-profile Name=ecsInstanceRole \
    --user-data "#!/bin/bash
echo ECS_CLUSTER=apps >> /etc/ecs/ecs.config" --query 'Instances[].InstanceId' --output text
sleep 90
aws ecs list-container-instances --cluster apps
ARN1=$(aws ecs list-container-instances --cluster apps --query 'containerInstanceArns[0]' --output text)
ARN2=$(aws ecs list-container-instances --cluster apps --query 'containerInstanceArns[1]' --output text)
aws ecs describe-container-instances --cluster apps --container-instances $ARN1 $ARN2 0123456789abcdef0123456789abcdef \
    --query '{ids:containerInstances[].[ec2InstanceId,status,runningTasksCount],failures:failures}'
aws ecs describe-container-instances --cluster apps --container-instances $ARN1 --include TAGS --query 'containerInstances[0].tags'
aws ecs describe-container-instances --container-instances $ARN1
aws ecs describe-container-instances --cluster nope --container-instances $ARN1
aws ecs create-cluster --cluster-name other --query cluster.status --output text
aws ecs describe-container-instances --cluster other --container-instances $ARN1
aws ecs update-container-instances-state --cluster apps --container-instances $ARN1 --status DRAINING
aws ecs list-container-instances --cluster apps --status DRAINING --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster apps --status ACTIVE --query 'length(containerInstanceArns)'
aws ecs update-container-instances-state --cluster apps --container-instances $ARN1 --status ACTIVE --query 'containerInstances[0].[status,version]' --output text
aws ecs update-container-instances-state --cluster apps --container-instances $ARN1 --status INACTIVE
aws ecs update-container-instances-state --cluster apps --container-instances $ARN1 0123456789abcdef0123456789abcdef --status DRAINING --query 'failures'
aws ecs list-container-instances --cluster apps --status STOPPED
aws ecs update-container-instances-state --cluster apps --status DRAINING --container-instances $ARN1 c01 c02 c03 c04 c05 c06 c07 c08 c09 c10
aws ecs deregister-container-instance --cluster apps --container-instance $ARN2
aws ecs list-container-instances --cluster apps --query 'length(containerInstanceArns)'
aws ecs describe-container-instances --cluster apps --container-instances $ARN2 --query 'containerInstances[0].[status,agentConnected]' --output text
aws ecs deregister-container-instance --cluster apps --container-instance $ARN2
aws ecs deregister-container-instance --cluster apps --container-instance 0123456789abcdef0123456789abcdef
aws ecs update-container-instances-state --cluster apps --container-instances $ARN2 --status DRAINING --query 'failures'
