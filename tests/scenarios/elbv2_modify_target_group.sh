# ModifyTargetGroup changes a group's health check settings, checked as at creation against
# what the group keeps (a shorter interval must still exceed its timeout); what is not given
# stays, and a refused request changes nothing. A target already checked goes on at its next
# check under the new settings: an application answering 404 stays healthy while the matcher
# accepts 404, and turns unhealthy (Target.ResponseCodeMismatch) three checks after it no
# longer does; disabled checks leave it `unavailable` (Target.HealthCheckDisabled).
# seed: 6
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
TG=$(aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns $LB
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG --query 'Listeners[0].Port'
aws ecs create-cluster --cluster-name web --query cluster.clusterName --output text
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx","portMappings":[{"containerPort":80}]}]' --query taskDefinition.revision
T=$(aws ecs run-task --cluster web --task-definition web --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SA]}" --query 'tasks[0].taskArn' --output text)
aws ecs wait tasks-running --cluster web --tasks $T
IP=$(aws ecs describe-tasks --cluster web --tasks $T --query 'tasks[0].attachments[0].details[?name==`privateIPv4Address`].value' --output text)
aws elbv2 register-targets --target-group-arn $TG --targets Id=$IP,Port=80
aws elbv2 modify-target-group --target-group-arn $TG --health-check-interval-seconds 5
aws elbv2 modify-target-group --target-group-arn $TG --health-check-timeout-seconds 2 --health-check-interval-seconds 5 --unhealthy-threshold-count 3 --query 'TargetGroups[0].[HealthCheckIntervalSeconds,HealthCheckTimeoutSeconds,HealthyThresholdCount,UnhealthyThresholdCount,HealthCheckPath,Matcher.HttpCode]' --output text
aws elbv2 modify-target-group --target-group-arn $TG --healthy-threshold-count 11
aws elbv2 modify-target-group --target-group-arn $TG --health-check-path health
aws elbv2 modify-target-group --target-group-arn $TG --matcher HttpCode=600
aws elbv2 modify-target-group --target-group-arn $TG --health-check-protocol TCP
aws elbv2 modify-target-group --target-group-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gone/0123456789abcdef --health-check-path /
aws elbv2 describe-target-groups --target-group-arns $TG --query 'TargetGroups[0].[HealthCheckIntervalSeconds,HealthCheckTimeoutSeconds,HealthyThresholdCount,UnhealthyThresholdCount,HealthCheckPath,HealthCheckPort]' --output text
sleep 30
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
# A matcher given as a list in shorthand is a list, as the AWS CLI parses it; quoted, a string.
aws elbv2 modify-target-group --target-group-arn $TG --matcher HttpCode=200,404
aws elbv2 modify-target-group --target-group-arn $TG --matcher 'HttpCode="200,404"' --query 'TargetGroups[0].Matcher.HttpCode' --output text
sim fail-health --task $T --status 404
sleep 20
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
aws elbv2 modify-target-group --target-group-arn $TG --matcher HttpCode=200-299 --query 'TargetGroups[0].Matcher.HttpCode' --output text
sleep 10
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
sleep 5
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[0].TargetHealth' --output text
aws elbv2 modify-target-group --target-group-arn $TG --no-health-check-enabled --query 'TargetGroups[0].HealthCheckEnabled' --output text
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[0].TargetHealth' --output text
sim heal-health --task $T
aws elbv2 modify-target-group --target-group-arn $TG --health-check-enabled --health-check-path /healthz --query 'TargetGroups[0].[HealthCheckEnabled,HealthCheckPath,HealthCheckPort,HealthCheckIntervalSeconds]' --output text
sleep 5
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
sleep 25
aws elbv2 describe-target-health --target-group-arn $TG --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text
