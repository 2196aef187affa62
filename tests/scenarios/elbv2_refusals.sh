# Every refusal of the elbv2 operations the sandbox simulates, with elbv2's codes and
# messages, and the world unchanged after each (the last lines count what exists):
# duplicate names (the same request again is no error: the calls are idempotent), subnets in
# one AZ, two subnets in one AZ, a subnet without 8 free addresses, unknown load balancers,
# target groups and listeners, bad ARNs, a listener port in use, a target group in another
# VPC or already serving another load balancer, deleting a target group in use, invalid
# targets (an address outside the VPC, an instance that is not running, an unknown
# instance), health check settings out of range, unknown attributes.
# seed: 23
# use: ec2-ready
VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)
SA=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
OTHER=$(aws ec2 create-vpc --cidr-block 10.50.0.0/16 --query Vpc.VpcId --output text)
SA2=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 172.31.96.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
TINY=$(aws ec2 create-subnet --vpc-id $OTHER --cidr-block 10.50.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
OB=$(aws ec2 create-subnet --vpc-id $OTHER --cidr-block 10.50.1.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $TINY --count 4 --query 'length(Instances)'
aws elbv2 create-load-balancer --name one-az --subnets $SA
aws elbv2 create-load-balancer --name same-az --subnets $SA $SA2
aws elbv2 create-load-balancer --name no-subnets
aws elbv2 create-load-balancer --name tiny --subnets $TINY $OB
aws elbv2 create-load-balancer --name two-vpcs --subnets $SA $OB
aws elbv2 create-load-balancer --name bad-subnet --subnets $SA subnet-0123456789abcdef0
aws elbv2 create-load-balancer --name bad_name --subnets $SA $SB
aws elbv2 create-load-balancer --name=-dash --subnets $SA $SB
aws elbv2 create-load-balancer --name nlb --type network --subnets $SA $SB
aws elbv2 create-load-balancer --name web --subnets $SA $SB --security-groups sg-0123456789abcdef0
LB=$(aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws elbv2 create-load-balancer --name web --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerName' --output text
aws elbv2 create-load-balancer --name web --scheme internal --subnets $SA $SB
aws elbv2 describe-load-balancers --names nope
aws elbv2 describe-load-balancers --load-balancer-arns arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/nope/0123456789abcdef
aws elbv2 describe-load-balancers --load-balancer-arns not-an-arn
TG=$(aws elbv2 create-target-group --name web --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 create-target-group --name web --protocol HTTP --port 80 --vpc-id $VPC --target-type ip --query 'TargetGroups[0].TargetGroupName' --output text
aws elbv2 create-target-group --name web --protocol HTTP --port 8080 --vpc-id $VPC --target-type ip
aws elbv2 create-target-group --name far --protocol HTTP --port 80 --vpc-id vpc-0123456789abcdef0
aws elbv2 create-target-group --name tcp --protocol TCP --port 80 --vpc-id $VPC
aws elbv2 create-target-group --name noport --protocol HTTP --vpc-id $VPC
aws elbv2 create-target-group --name hc --protocol HTTP --port 80 --vpc-id $VPC --health-check-interval-seconds 4
aws elbv2 create-target-group --name hc --protocol HTTP --port 80 --vpc-id $VPC --health-check-interval-seconds 10 --health-check-timeout-seconds 10
aws elbv2 create-target-group --name hc --protocol HTTP --port 80 --vpc-id $VPC --healthy-threshold-count 11
aws elbv2 create-target-group --name hc --protocol HTTP --port 80 --vpc-id $VPC --matcher HttpCode=600
aws elbv2 create-target-group --name hc --protocol HTTP --port 80 --vpc-id $VPC --health-check-path health
aws elbv2 create-target-group --name fn --target-type lambda
OTG=$(aws elbv2 create-target-group --name other-vpc --protocol HTTP --port 80 --vpc-id $OTHER --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$OTG
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef
aws elbv2 create-listener --load-balancer-arn $LB --protocol TCP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTPS --port 443 --default-actions Type=forward,TargetGroupArn=$TG
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=fixed-response,FixedResponseConfig={StatusCode=200}
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 70000 --default-actions Type=forward,TargetGroupArn=$TG
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG --query 'Listeners[0].Port'
aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
LB2=$(aws elbv2 create-load-balancer --name web2 --subnets $SA $SB --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws elbv2 create-listener --load-balancer-arn $LB2 --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$TG
aws elbv2 delete-target-group --target-group-arn $TG
aws elbv2 delete-listener --listener-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/0123456789abcdef
aws elbv2 register-targets --target-group-arn $TG --targets Id=10.50.1.10
aws elbv2 register-targets --target-group-arn $TG --targets Id=172.31.0.20 Id=8.8.8.8
aws elbv2 register-targets --target-group-arn $TG --targets Id=172.31.0.20,AvailabilityZone=us-east-1b
aws elbv2 register-targets --target-group-arn $TG --targets Id=172.31.0.20,Port=0
ITG=$(aws elbv2 create-target-group --name inst --protocol HTTP --port 80 --vpc-id $OTHER --target-type instance --query 'TargetGroups[0].TargetGroupArn' --output text)
I1=$(aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output text)
aws elbv2 register-targets --target-group-arn $ITG --targets Id=$I1
aws elbv2 register-targets --target-group-arn $ITG --targets Id=i-0123456789abcdef0
aws elbv2 register-targets --target-group-arn $TG --targets Id=$I1
aws elbv2 register-targets --target-group-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef --targets Id=172.31.0.20
aws elbv2 describe-target-health --target-group-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value=3601
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=load_balancing.algorithm.type,Value=fastest
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=no.such.key,Value=1
aws elbv2 modify-target-group-attributes --target-group-arn $TG --attributes Key=deregistration_delay.timeout_seconds,Value=10 Key=slow_start.duration_seconds,Value=60 Key=load_balancing.algorithm.type,Value=least_outstanding_requests
aws elbv2 describe-target-group-attributes --target-group-arn $TG --query 'Attributes[?Key==`deregistration_delay.timeout_seconds`||Key==`slow_start.duration_seconds`].Value' --output text
aws elbv2 describe-target-groups --names nope
aws elbv2 describe-target-groups --load-balancer-arn $LB --query 'TargetGroups[].TargetGroupName' --output text
aws elbv2 describe-target-health --target-group-arn $TG --query 'length(TargetHealthDescriptions)'
aws elbv2 describe-load-balancers --query 'LoadBalancers[].LoadBalancerName' --output text
aws elbv2 describe-target-groups --query 'TargetGroups[].TargetGroupName' --output text
aws ec2 describe-network-interfaces --filters Name=requester-id,Values=amazon-elb --query 'length(NetworkInterfaces)'
