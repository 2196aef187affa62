# Container instances leaving: a DRAINING instance takes no new tasks (run-task goes elsewhere,
# then fails when it is the only one left) while its standalone task keeps running; back to
# ACTIVE it takes tasks again. deregister-container-instance refuses an instance with tasks and
# succeeds with --force, stopping them ("Container instance deregistration forced by user");
# terminate-instances stops the tasks of the instance's container instance ("Host EC2 (instance
# i-...) terminated.").
# seed: 21
aws ecs create-cluster --cluster-name drain --query cluster.status --output text
# use: ec2-ready
aws ec2 run-instances --image-id $AMI --instance-type t3.medium --count 2 --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=drain >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
CI1=$(aws ecs list-container-instances --cluster drain --query 'containerInstanceArns[0]' --output text)
CI2=$(aws ecs list-container-instances --cluster drain --query 'containerInstanceArns[1]' --output text)
EC2_2=$(aws ecs describe-container-instances --cluster drain --container-instances $CI2 --query 'containerInstances[0].ec2InstanceId' --output text)
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":128,"memory":128}]' --query taskDefinition.revision
T1=$(aws ecs start-task --cluster drain --task-definition web --container-instances $CI1 --query 'tasks[0].taskArn' --output text)
aws ecs update-container-instances-state --cluster drain --container-instances $CI1 --status DRAINING --query 'containerInstances[0].[status,runningTasksCount]' --output text
aws ecs run-task --cluster drain --task-definition web --count 3 --query 'tasks[].containerInstanceArn' --output text
echo "all on $CI2"
aws ecs update-container-instances-state --cluster drain --container-instances $CI2 --status DRAINING --query 'containerInstances[0].status' --output text
aws ecs run-task --cluster drain --task-definition web
sleep 60
aws ecs describe-tasks --cluster drain --tasks $T1 --query 'tasks[0].[lastStatus,desiredStatus]' --output text
aws ecs update-container-instances-state --cluster drain --container-instances $CI1 --status ACTIVE --query 'containerInstances[0].status' --output text
aws ecs run-task --cluster drain --task-definition web --query 'tasks[0].containerInstanceArn' --output text
aws ecs deregister-container-instance --cluster drain --container-instance $CI1
aws ecs deregister-container-instance --cluster drain --container-instance $CI1 --force --query 'containerInstance.[status,agentConnected,runningTasksCount,pendingTasksCount]' --output text
aws ecs describe-tasks --cluster drain --tasks $T1 --query 'tasks[0].[lastStatus,desiredStatus,stopCode,stoppedReason]' --output text
sleep 60
aws ecs describe-tasks --cluster drain --tasks $T1 --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
aws ecs list-container-instances --cluster drain --query 'length(containerInstanceArns)'
aws ecs describe-clusters --clusters drain --query 'clusters[0].[registeredContainerInstancesCount,runningTasksCount,pendingTasksCount]' --output text
aws ecs list-tasks --cluster drain --container-instance $CI2 --query 'length(taskArns)'
aws ec2 terminate-instances --instance-ids $EC2_2 --query 'TerminatingInstances[0].CurrentState.Name' --output text
aws ecs list-tasks --cluster drain --container-instance $CI2 --desired-status STOPPED --query 'length(taskArns)'
sleep 120
aws ecs describe-tasks --cluster drain --tasks $(aws ecs list-tasks --cluster drain --container-instance $CI2 --desired-status STOPPED --query 'taskArns' --output text) --query 'tasks[].[lastStatus,stopCode,stoppedReason]' --output text
aws ecs describe-container-instances --cluster drain --container-instances $CI2 --query 'containerInstances[0].[status,agentConnected,runningTasksCount]' --output text
aws ecs run-task --cluster drain --task-definition web
