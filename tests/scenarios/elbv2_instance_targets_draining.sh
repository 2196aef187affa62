# `instance` targets (bridge tasks with dynamic host ports, several on one instance, as ECS
# registers them: instance ID and host port), a port nothing listens on (initial with
# Elb.InitialHealthChecking after its first failed check, then unhealthy with
# Target.FailedHealthChecks), requests routed round robin to the tasks behind the ports, and
# deregistration: a target drains for the deregistration delay (Target.DeregistrationInProgress)
# and is then gone; one in a group no listener uses goes at once.
# seed: 24
# use: ec2-ready
aws ecs create-cluster --cluster-name web --query cluster.clusterName --output text
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
IA=$(aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SA --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
IB=$(aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SB --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=web >> /etc/ecs/ecs.config" --query 'Instances[0].InstanceId' --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name web-inst --protocol HTTP --port 80 --vpc-id $VPC --query 'TargetGroups[0].[TargetGroupArn,TargetType,HealthCheckPath,HealthCheckIntervalSeconds,HealthCheckTimeoutSeconds,HealthyThresholdCount,UnhealthyThresholdCount,Matcher.HttpCode]' --output text)
echo $TG
TG=$(aws elbv2 describe-target-groups --names web-inst --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG --query 'Listeners[0].Port'
sleep 90
aws ecs register-task-definition --family web --network-mode bridge --container-definitions '[{"name":"web","image":"nginx:1.27","cpu":128,"memory":128,"portMappings":[{"containerPort":80,"hostPort":0}]}]' --query taskDefinition.revision
aws ecs run-task --cluster web --task-definition web --count 3 --placement-strategy type=binpack,field=memory --query 'length(tasks)'
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
TASKS=$(aws ecs list-tasks --cluster web --query taskArns --output text)
aws ecs describe-tasks --cluster web --tasks $TASKS --query 'tasks[].[lastStatus,containers[0].networkBindings[0].hostPort]' --output text
P1=$(aws ecs describe-tasks --cluster web --tasks $TASKS --query 'tasks[0].containers[0].networkBindings[0].hostPort' --output text)
P2=$(aws ecs describe-tasks --cluster web --tasks $TASKS --query 'tasks[1].containers[0].networkBindings[0].hostPort' --output text)
CI=$(aws ecs describe-tasks --cluster web --tasks $TASKS --query 'tasks[0].containerInstanceArn' --output text)
HOST=$(aws ecs describe-container-instances --cluster web --container-instances $CI --query 'containerInstances[0].ec2InstanceId' --output text)
aws elbv2 register-targets --target-group-arn $TG --targets Id=$HOST,Port=$P1 Id=$HOST,Port=$P2 Id=$IB,Port=8080
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.Id==`'$IB'`,Target.Port,HealthCheckPort,TargetHealth.State,TargetHealth.Reason]' --output text
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.Port==`8080`,TargetHealth.State,TargetHealth.Reason,TargetHealth.Description]' --output text
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.Port==`8080`,TargetHealth.State,TargetHealth.Reason,TargetHealth.Description]' --output text
sim http --load-balancer web --count 4
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value=60 --query 'Attributes[?Key==`deregistration_delay.timeout_seconds`].Value' --output text
aws elbv2 deregister-targets --target-group-arn $TG --targets Id=$HOST,Port=$P1
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$HOST,Port=$P1 --query 'TargetHealthDescriptions[0].TargetHealth' --output text
sim http --load-balancer web --count 2
sleep 59
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$HOST,Port=$P1 --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
sleep 1
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$HOST,Port=$P1 --query 'TargetHealthDescriptions[0].TargetHealth' --output text
aws elbv2 register-targets --target-group-arn $TG --targets Id=$HOST,Port=$P1
aws elbv2 deregister-targets --target-group-arn $TG --targets Id=$HOST,Port=$P1
aws elbv2 wait target-deregistered --target-group-arn $TG --targets Id=$HOST,Port=$P1
sim time
IDLE=$(aws elbv2 create-target-group --name idle --protocol HTTP --port 80 --vpc-id $VPC --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 register-targets --target-group-arn $IDLE --targets Id=$IA
aws elbv2 deregister-targets --target-group-arn $IDLE --targets Id=$IA
aws elbv2 describe-target-health --target-group-arn $IDLE --query 'length(TargetHealthDescriptions)'
