# An Application Load Balancer across two Availability Zones: a node in each subnet takes the
# subnet's lowest free address through an ENI that describe-network-interfaces shows as AWS
# shows ELB interfaces (description "ELB app/NAME/ID", requester amazon-elb, attached to no
# instance); the load balancer is provisioning, then active two minutes later; an internal
# one has the "internal-" DNS name; the same request again returns the same load balancer;
# deleting it gives the addresses back.
# seed: 21
VPC=$(aws ec2 create-vpc --cidr-block 10.40.0.0/16 --query Vpc.VpcId --output text)
SA=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.40.0.0/27 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
SB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.40.1.0/27 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
aws ec2 describe-subnets --subnet-ids $SA $SB --query 'Subnets[].[AvailabilityZone,AvailableIpAddressCount]' --output text
aws elbv2 create-load-balancer --name shop --subnets $SA $SB
LB=$(aws elbv2 describe-load-balancers --names shop --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws ec2 describe-network-interfaces --filters Name=vpc-id,Values=$VPC --query 'NetworkInterfaces[].[AvailabilityZone,PrivateIpAddress,Description,RequesterId,Status,Attachment.InstanceOwnerId]' --output text
aws ec2 describe-subnets --subnet-ids $SA $SB --query 'Subnets[].[AvailabilityZone,AvailableIpAddressCount]' --output text
sim ips --subnet $SA
sleep 60
aws elbv2 describe-load-balancers --load-balancer-arns $LB --query 'LoadBalancers[0].State.Code' --output text
sleep 60
aws elbv2 describe-load-balancers --load-balancer-arns $LB --query 'LoadBalancers[0].State.Code' --output text
aws elbv2 create-load-balancer --name shop --subnets $SA $SB --query 'LoadBalancers[0].[LoadBalancerArn==`'$LB'`,State.Code]' --output text
aws elbv2 create-load-balancer --name shop-internal --scheme internal --subnets $SB $SA --query 'LoadBalancers[0].[DNSName,Scheme,AvailabilityZones[].ZoneName]' --output json
aws ec2 describe-network-interfaces --filters Name=description,Values='ELB app/shop-internal/*' --query 'NetworkInterfaces[].[PrivateIpAddress,Association.PublicIp]' --output text
aws elbv2 describe-load-balancers --query 'LoadBalancers[].LoadBalancerName' --output text
aws elbv2 delete-load-balancer --load-balancer-arn $LB
aws elbv2 delete-load-balancer --load-balancer-arn $LB
aws elbv2 describe-load-balancers --query 'LoadBalancers[].LoadBalancerName' --output text
aws ec2 describe-subnets --subnet-ids $SA $SB --query 'Subnets[].[AvailabilityZone,AvailableIpAddressCount]' --output text
