# Target health of `ip` targets (Fargate tasks) in simulated time: unused while no listener
# forwards to the group; `initial` (Elb.RegistrationInProgress) once one does; `healthy` after
# one passing check, 30 s later; a task whose application answers 500 turns `unhealthy`
# (Target.ResponseCodeMismatch) after two failed checks, and needs five passes to come back;
# a stopped task's target fails (Target.FailedHealthChecks); a task in an AZ the load
# balancer does not cover stays `unused` with AWS's reason; an address never registered is
# Target.NotRegistered.
# seed: 22
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
SC=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
aws elbv2 describe-load-balancers --load-balancer-arns $LB --query 'LoadBalancers[0].State.Code' --output text
TG=$(aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
aws ecs create-cluster --cluster-name web --query cluster.clusterName --output text
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx:1.27","portMappings":[{"containerPort":80}]}]' --query taskDefinition.revision
T1=$(aws ecs run-task --cluster web --task-definition web --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SA]}" --query 'tasks[0].taskArn' --output text)
T2=$(aws ecs run-task --cluster web --task-definition web --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SB]}" --query 'tasks[0].taskArn' --output text)
T3=$(aws ecs run-task --cluster web --task-definition web --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SC]}" --query 'tasks[0].taskArn' --output text)
aws ecs wait tasks-running --cluster web --tasks $T1 $T2 $T3
IP1=$(aws ecs describe-tasks --cluster web --tasks $T1 --query 'tasks[0].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
IP2=$(aws ecs describe-tasks --cluster web --tasks $T2 --query 'tasks[0].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
IP3=$(aws ecs describe-tasks --cluster web --tasks $T3 --query 'tasks[0].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
aws elbv2 register-targets --target-group-arn $TG --targets Id=$IP1 Id=$IP2 Id=$IP3
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.Id,Target.AvailabilityZone,TargetHealth.State,TargetHealth.Reason,TargetHealth.Description]' --output text
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG --query 'Listeners[0].Port'
aws elbv2 describe-target-groups --target-group-arns $TG --query 'TargetGroups[0].LoadBalancerArns[0]==`'$LB'`'
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.Id,TargetHealth.State,TargetHealth.Reason,TargetHealth.Description]' --output text
sleep 29
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.Id,TargetHealth.State,TargetHealth.Reason]' --output text
sleep 1
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].[Target.Id,TargetHealth.State,TargetHealth.Reason]' --output text
aws elbv2 wait target-in-service --target-group-arn $TG --targets Id=$IP1 Id=$IP2
sim fail-health --task $T1
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$IP1 --query 'TargetHealthDescriptions[0].TargetHealth' --output text
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$IP1 --query 'TargetHealthDescriptions[0].TargetHealth' --output text
sim heal-health --task $T1
sleep 120
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$IP1 --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$IP1 --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
sim fail-health --task $T1 --hang
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$IP1 --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$IP1 --query 'TargetHealthDescriptions[0].TargetHealth' --output text
aws ecs stop-task --cluster web --task $T2 --query 'task.desiredStatus' --output text
sleep 60
aws elbv2 describe-target-health --target-group-arn $TG --targets Id=$IP2 Id=10.9.9.9 Id=$IP3 --query 'TargetHealthDescriptions[].[Target.Id,TargetHealth.State,TargetHealth.Reason,TargetHealth.Description]' --output text
