# Rolling deployments of a REPLICA service of 4 tasks on EC2 to a new task definition, under
# several deployment configurations (ECS-REFERENCE.md §6.2): max 200 / min 100 starts all 4
# new tasks first and stops the old ones once the new are healthy (40 s after RUNNING); max
# 100 / min 50 stops 2 old tasks first; max 150 / min 75 (floor(6) = 6 total, ceil(3) = 3
# healthy) starts 2 and stops 1 at a time. During a rollout describe-services shows the
# PRIMARY and the ACTIVE deployment with their counts and rolloutState. Then the impossible
# one: max 100 / min 100 can neither start nor stop a task, ECS says so in an event and the
# deployment waits IN_PROGRESS until the configuration changes. A bad configuration and a
# deregistered revision are refused and change nothing.
# seed: 8
aws ecs create-cluster --cluster-name roll --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.large --count 3 --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=roll >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx:1.27","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx:1.28","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx:1.29","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx:1.30","cpu":128,"memory":128}]' --query taskDefinition.revision
aws ecs create-service --cluster roll --service-name app --task-definition app:1 --desired-count 4 --query 'service.deploymentConfiguration'
aws ecs wait services-stable --cluster roll --services app
sleep 60
# max 200 / min 100 (the defaults)
aws ecs update-service --cluster roll --service app --task-definition app:2 --query 'service.deployments[].[status,taskDefinition,desiredCount,runningCount,rolloutState]' --output text
sleep 20
aws ecs describe-services --cluster roll --services app --query 'services[0].deployments[].[status,desiredCount,runningCount,pendingCount,rolloutState]' --output text
aws ecs describe-services --cluster roll --services app --query 'services[0].[runningCount,pendingCount]' --output text
sleep 40
aws ecs describe-services --cluster roll --services app --query 'services[0].deployments[].[status,desiredCount,runningCount,rolloutState]' --output text
aws ecs wait services-stable --cluster roll --services app
sleep 60
aws ecs describe-services --cluster roll --services app --query 'services[0].deployments[].[status,taskDefinition,runningCount,rolloutState,rolloutStateReason]' --output text
aws ecs describe-services --cluster roll --services app --query 'services[0].events[0:2].message' --output text
# max 100 / min 50: two old tasks stop first
aws ecs update-service --cluster roll --service app --task-definition app:3 --deployment-configuration maximumPercent=100,minimumHealthyPercent=50 --query 'service.deploymentConfiguration.[maximumPercent,minimumHealthyPercent]' --output text
sleep 2
aws ecs describe-services --cluster roll --services app --query 'services[0].events[0].message' --output text
aws ecs wait services-stable --cluster roll --services app
sleep 60
aws ecs describe-services --cluster roll --services app --query 'services[0].deployments[].[status,taskDefinition,runningCount,rolloutState]' --output text
# max 150 / min 75
aws ecs update-service --cluster roll --service app --task-definition app:4 --deployment-configuration maximumPercent=150,minimumHealthyPercent=75 --query 'service.deploymentConfiguration.[maximumPercent,minimumHealthyPercent]' --output text
sleep 2
aws ecs describe-services --cluster roll --services app --query 'services[0].events[0].message' --output text
sleep 50
aws ecs describe-services --cluster roll --services app --query 'services[0].events[0].message' --output text
aws ecs wait services-stable --cluster roll --services app
sleep 60
aws ecs describe-services --cluster roll --services app --query 'services[0].deployments[].[status,taskDefinition,runningCount,rolloutState]' --output text
# max 100 / min 100: stuck
aws ecs update-service --cluster roll --service app --task-definition app:1 --deployment-configuration maximumPercent=100,minimumHealthyPercent=100 --query 'service.deployments[].[status,taskDefinition]' --output text
sleep 120
aws ecs describe-services --cluster roll --services app --query 'services[0].deployments[].[status,taskDefinition,runningCount,rolloutState]' --output text
aws ecs describe-services --cluster roll --services app --query 'services[0].events[0].message' --output text
aws ecs wait services-stable --cluster roll --services app
# Loosening the minimum lets it go on.
aws ecs update-service --cluster roll --service app --deployment-configuration maximumPercent=100,minimumHealthyPercent=75 --query 'service.deployments[].[status,taskDefinition]' --output text
aws ecs wait services-stable --cluster roll --services app
aws ecs describe-services --cluster roll --services app --query 'services[0].deployments[].[status,taskDefinition,runningCount]' --output text
# Refusals
aws ecs update-service --cluster roll --service app --deployment-configuration maximumPercent=50,minimumHealthyPercent=75
aws ecs update-service --cluster roll --service app --deployment-configuration minimumHealthyPercent=150
aws ecs deregister-task-definition --task-definition app:3 --query taskDefinition.status --output text
aws ecs update-service --cluster roll --service app --task-definition app:3
aws ecs update-service --cluster roll --service nope --desired-count 1
aws ecs create-service --cluster roll --service-name app --task-definition app:1 --desired-count 1
aws ecs create-service --cluster roll --service-name other --task-definition app:3 --desired-count 1
aws ecs create-service --cluster nope --service-name other --task-definition app:1 --desired-count 1
aws ecs create-service --cluster roll --service-name daemon --task-definition app:1 --scheduling-strategy DAEMON --desired-count 1
aws ecs describe-services --cluster roll --services app nope --query 'failures' --output text
aws ecs list-services --cluster roll --query 'length(serviceArns)'
# --force-new-deployment: a new deployment of the same revision replaces every task.
aws ecs update-service --cluster roll --service app --force-new-deployment --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text
aws ecs wait services-stable --cluster roll --services app
sleep 60
aws ecs describe-services --cluster roll --services app --query 'services[0].[length(deployments),deployments[0].rolloutState,runningCount]' --output text
