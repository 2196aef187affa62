# ECS clusters without instances: create-cluster with no name (creates `default`), with
# settings and tags, an idempotent re-create of an ACTIVE cluster (also with other settings), invalid names and settings;
# describe-clusters with no argument (default), several names and an ARN, a missing cluster
# (failures with reason MISSING), --include SETTINGS TAGS, STATISTICS and an invalid
# value; list-clusters; delete-cluster of an
# empty cluster (INACTIVE, still describable, no longer listed), of a missing cluster, and a
# re-create of a deleted name.
aws ecs create-cluster
aws ecs create-cluster --cluster-name prod --settings name=containerInsights,value=enabled --tags key=team,value=web key=env,value=prod
aws ecs create-cluster --cluster-name prod --query 'cluster.[clusterName,status,settings[0].value]' --output text
aws ecs create-cluster --cluster-name prod --settings name=containerInsights,value=disabled --query 'cluster.settings' --output text
aws ecs create-cluster --cluster-name 'bad name!'
aws ecs create-cluster --cluster-name prod.v2
aws ecs create-cluster --cluster-name insights --settings name=containerInsights,value=sometimes
aws ecs create-cluster --cluster-name insights --settings name=fancyMode,value=enabled
aws ecs create-cluster --cluster-name tagged --tags key=,value=x
aws ecs describe-clusters
aws ecs describe-clusters --clusters default prod arn:aws:ecs:us-east-1:123456789012:cluster/prod nope
aws ecs describe-clusters --clusters prod --include SETTINGS TAGS --query 'clusters[0].[tags,settings]'
aws ecs describe-clusters --clusters prod --include STATISTICS --query 'clusters[0].statistics'
aws ecs describe-clusters --clusters prod --include EVERYTHING
aws ecs list-clusters
aws ecs list-clusters --query 'clusterArns' --output text
aws ecs delete-cluster --cluster nope
aws ecs delete-cluster
aws ecs delete-cluster --cluster default
aws ecs describe-clusters --clusters default
aws ecs list-clusters
aws ecs delete-cluster --cluster default
aws ecs create-cluster --cluster-name default --query 'cluster.status' --output text
aws ecs delete-cluster --cluster arn:aws:ecs:us-east-1:123456789012:cluster/prod --query 'cluster.[clusterName,status]' --output text
aws ecs list-clusters
