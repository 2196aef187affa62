# Service Auto Scaling with target tracking on average CPU: at 90% against a 50% target the
# high alarm fires after three minutes and the service scales out to ceil(2 x 90 / 50) = 4
# tasks; the load, now shared by four, settles at 45%; when it drops the low alarm needs
# fifteen minutes below 90% of the target, then scales in, never below the minimum. A second
# policy on ALBRequestCountPerTarget needs its resource label; refusals for a service that
# does not exist, a policy without a registered target, and min above max.
# seed: 19
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
aws ecs create-cluster --cluster-name web --query cluster.clusterName --output text
aws ecs register-task-definition --family api --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"api","image":"nginx"}]' --query taskDefinition.revision
aws ecs create-service --cluster web --service-name api --task-definition api --desired-count 2 --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SA,$SB]}" --query service.desiredCount
aws ecs wait services-stable --cluster web --services api
aws application-autoscaling put-scaling-policy --service-namespace ecs --resource-id service/web/api --scalable-dimension ecs:service:DesiredCount --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration '{"TargetValue":50,"PredefinedMetricSpecification":{"PredefinedMetricType":"ECSServiceAverageCPUUtilization"}}'
aws application-autoscaling register-scalable-target --service-namespace ecs --resource-id service/web/nope --scalable-dimension ecs:service:DesiredCount --min-capacity 1 --max-capacity 4
aws application-autoscaling register-scalable-target --service-namespace ecs --resource-id service/web/api --scalable-dimension ecs:service:DesiredCount --min-capacity 5 --max-capacity 4
aws application-autoscaling register-scalable-target --service-namespace ecs --resource-id service/web/api --scalable-dimension ecs:service:DesiredCount --min-capacity 1 --max-capacity 6 --query ScalableTargetARN --output text
aws application-autoscaling put-scaling-policy --service-namespace ecs --resource-id service/web/api --scalable-dimension ecs:service:DesiredCount --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration '{"TargetValue":50,"PredefinedMetricSpecification":{"PredefinedMetricType":"ECSServiceAverageCPUUtilization"},"ScaleOutCooldown":60,"ScaleInCooldown":120}' --query 'Alarms[].AlarmName' --output text
aws application-autoscaling put-scaling-policy --service-namespace ecs --resource-id service/web/api --scalable-dimension ecs:service:DesiredCount --policy-name requests --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration '{"TargetValue":1000,"PredefinedMetricSpecification":{"PredefinedMetricType":"ALBRequestCountPerTarget"}}'
sim load --service api --cluster web --cpu 90
sleep 120
aws ecs describe-services --cluster web --services api --query 'services[0].desiredCount'
sleep 60
aws ecs describe-services --cluster web --services api --query 'services[0].desiredCount'
aws application-autoscaling describe-scaling-activities --service-namespace ecs --resource-id service/web/api --query 'ScalingActivities[].[Description,StatusCode]' --output text
aws ecs wait services-stable --cluster web --services api
sim load --service api --cluster web
sim load --service api --cluster web --cpu 10
sleep 600
aws ecs describe-services --cluster web --services api --query 'services[0].desiredCount'
sleep 600
aws ecs describe-services --cluster web --services api --query 'services[0].desiredCount'
aws application-autoscaling describe-scaling-activities --service-namespace ecs --resource-id service/web/api --query 'ScalingActivities[].Description' --output text
aws application-autoscaling describe-scalable-targets --service-namespace ecs --query 'ScalableTargets[].[ResourceId,MinCapacity,MaxCapacity]' --output text
aws application-autoscaling describe-scaling-policies --service-namespace ecs --query 'ScalingPolicies[].[PolicyName,TargetTrackingScalingPolicyConfiguration.TargetValue,TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown]' --output text
aws ecs describe-services --cluster web --services api --query 'services[0].events[0:3].message' --output text
