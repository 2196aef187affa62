# DAEMON and draining (ECS-REFERENCE.md §6.4, §5.5). A DAEMON service runs one task on each
# ACTIVE container instance and follows the cluster: an instance that registers later gets
# its task; an instance set to DRAINING loses it. A REPLICA service on a DRAINING instance
# hands its tasks over within the deployment limits (min 100 / max 200: the replacements
# start elsewhere first, then the tasks on the draining instance stop). Standalone tasks on
# it are left alone. delete-service on a DAEMON needs no --force.
# seed: 17
aws ecs create-cluster --cluster-name ops --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --count 2 --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=ops >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
aws ecs register-task-definition --family agent --container-definitions '[{"name":"agent","image":"datadog/agent:7","cpu":64,"memory":64}]' --query taskDefinition.revision
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs create-service --cluster ops --service-name agent --task-definition agent --scheduling-strategy DAEMON --query 'service.[schedulingStrategy,deploymentConfiguration.maximumPercent,deploymentConfiguration.minimumHealthyPercent]' --output text
aws ecs wait services-stable --cluster ops --services agent
aws ecs describe-services --cluster ops --services agent --query 'services[0].[desiredCount,runningCount]' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=ops >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
aws ecs describe-services --cluster ops --services agent --query 'services[0].[desiredCount,runningCount]' --output text
aws ecs describe-services --cluster ops --services agent --query 'services[0].events[0].message' --output text
CI1=$(aws ecs list-container-instances --cluster ops --query 'containerInstanceArns[0]' --output text)
aws ecs create-service --cluster ops --service-name web --task-definition web --desired-count 4 --query service.status --output text
aws ecs wait services-stable --cluster ops --services web
sleep 60
aws ecs start-task --cluster ops --task-definition web --container-instances $CI1 --query 'length(tasks)'
aws ecs list-tasks --cluster ops --container-instance $CI1 --query 'length(taskArns)'
aws ecs update-container-instances-state --cluster ops --container-instances $CI1 --status DRAINING --query 'containerInstances[0].status' --output text
sleep 5
aws ecs describe-services --cluster ops --services web --query 'services[0].events[0].message' --output text
sleep 60
aws ecs describe-services --cluster ops --services web agent --query 'services[].[serviceName,desiredCount,runningCount]' --output text
aws ecs list-tasks --cluster ops --container-instance $CI1 --query 'length(taskArns)'
aws ecs describe-tasks --cluster ops --tasks $(aws ecs list-tasks --cluster ops --container-instance $CI1 --query taskArns --output text) --query 'tasks[].group' --output text
aws ecs update-container-instances-state --cluster ops --container-instances $CI1 --status ACTIVE --query 'containerInstances[0].status' --output text
sleep 60
aws ecs describe-services --cluster ops --services agent --query 'services[0].[desiredCount,runningCount]' --output text
aws ecs update-service --cluster ops --service agent --desired-count 2
aws ecs delete-service --cluster ops --service agent --query service.status --output text
aws ecs wait services-inactive --cluster ops --services agent
aws ecs list-services --cluster ops --scheduling-strategy REPLICA --query 'length(serviceArns)'
aws ecs delete-cluster --cluster ops
