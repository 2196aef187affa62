# `sim http`: requests through the listener to healthy targets, round robin by default; with
# least_outstanding_requests a slow task (sim slow) holds more requests at once and gets fewer
# new ones; a listener forwarding to two groups by weight; when every target is unhealthy the
# load balancer fails open and routes to all of them (the ALB guide's rule); with no target
# that can take traffic (only initial ones) it answers 503 itself.
# seed: 25
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name shop --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name shop --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws ecs create-cluster --cluster-name shop --query cluster.clusterName --output text
aws ecs register-task-definition --family shop --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx:1.27","portMappings":[{"containerPort":80}]}]' --query taskDefinition.revision
aws ecs run-task --cluster shop --task-definition shop --launch-type FARGATE --count 3 --network-configuration "awsvpcConfiguration={subnets=[$SA,$SB]}" --query 'length(tasks)'
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
TASKS=$(aws ecs list-tasks --cluster shop --query taskArns --output text)
aws ecs describe-tasks --cluster shop --tasks $TASKS --query 'tasks[].[availabilityZone,attachments[0].details[?name==`privateIPv4Address`].value|[0]]' --output text
IP1=$(aws ecs describe-tasks --cluster shop --tasks $TASKS --query 'tasks[0].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
IP2=$(aws ecs describe-tasks --cluster shop --tasks $TASKS --query 'tasks[1].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
IP3=$(aws ecs describe-tasks --cluster shop --tasks $TASKS --query 'tasks[2].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
T1=$(aws ecs describe-tasks --cluster shop --tasks $TASKS --query 'tasks[0].taskArn' --output text)
T2=$(aws ecs describe-tasks --cluster shop --tasks $TASKS --query 'tasks[1].taskArn' --output text)
T3=$(aws ecs describe-tasks --cluster shop --tasks $TASKS --query 'tasks[2].taskArn' --output text)
aws elbv2 register-targets --target-group-arn $TG --targets Id=$IP1 Id=$IP2 Id=$IP3
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG --query 'Listeners[0].Port'
sim http --load-balancer shop --count 3
aws elbv2 wait target-in-service --target-group-arn $TG
sim http --load-balancer shop --path /cart --count 6
sim slow --task $T1 --latency-ms 200
sim http --load-balancer shop --count 12
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=load_balancing.algorithm.type,Value=least_outstanding_requests --query 'Attributes[?Key==`load_balancing.algorithm.type`].Value' --output text
sim http --load-balancer shop --count 12
TG2=$(aws elbv2 create-target-group --name shop-v2 --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --health-check-interval-seconds 10 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 register-targets --target-group-arn $TG2 --targets Id=$IP3
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 8080 --default-actions "Type=forward,ForwardConfig={TargetGroups=[{TargetGroupArn=$TG,Weight=3},{TargetGroupArn=$TG2,Weight=1}]}" --query 'Listeners[0].DefaultActions[0].ForwardConfig.TargetGroups[].Weight'
sim http --load-balancer shop --port 8080 --count 4
sleep 10
sim http --load-balancer shop --port 8080 --count 4
sim fail-health --task $T1 --status 500
sim fail-health --task $T2 --status 500
sim fail-health --task $T3 --status 500
sleep 20
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[].TargetHealth.[State,Description]' --output text
sim http --load-balancer shop --count 3
sim http --load-balancer nope
sim http --load-balancer shop --port 9090
