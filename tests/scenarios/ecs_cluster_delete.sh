# delete-cluster while container instances are registered: ClusterContainsContainerInstancesException
# (also while one is DRAINING); after deregister-container-instance of every instance the delete
# succeeds, the cluster is INACTIVE but still describable, list-clusters drops it, and the
# cluster's APIs (list-container-instances) then answer ClusterNotFoundException.
# seed: 11
aws ecs create-cluster --cluster-name batch --query cluster.clusterArn --output text
# use: ec2-ready-inline
aws ec2 run-instances --image-id $AMI --instance-type t3.small --count 2 \
    --iam-instance-profile Name=ecsInstanceRole \
    --user-data "#!/bin/bash
echo ECS_CLUSTER=batch >> /etc/ecs/ecs.config" --query 'Instances[].State.Name' --output text
sleep 90
aws ecs describe-clusters --clusters batch --query 'clusters[0].[status,registeredContainerInstancesCount]' --output text
aws ecs delete-cluster --cluster batch
FIRST=$(aws ecs list-container-instances --cluster batch --query 'containerInstanceArns[0]' --output text)
SECOND=$(aws ecs list-container-instances --cluster batch --query 'containerInstanceArns[1]' --output text)
aws ecs update-container-instances-state --cluster batch --container-instances $FIRST --status DRAINING --query 'containerInstances[0].status' --output text
aws ecs deregister-container-instance --cluster batch --container-instance $SECOND --query 'containerInstance.[status,agentConnected]' --output text
aws ecs delete-cluster --cluster batch
aws ecs deregister-container-instance --cluster batch --container-instance $FIRST --query 'containerInstance.status' --output text
aws ecs describe-clusters --clusters batch --query 'clusters[0].[status,registeredContainerInstancesCount]' --output text
aws ecs delete-cluster --cluster batch
aws ecs describe-clusters --clusters batch arn:aws:ecs:us-east-1:123456789012:cluster/batch
aws ecs list-clusters
aws ecs list-container-instances --cluster batch
aws ecs delete-cluster --cluster batch
