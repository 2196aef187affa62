# EC2 DescribeNetworkInterfaces: every instance's primary ENI in its subnet, found by filters
# (attachment.instance-id, subnet-id, vpc-id, availability-zone, private-ip-address, status,
# group-id) and by id; the ENI disappears once its instance is terminated (DeleteOnTermination),
# and its address returns to the subnet. Bad: an unknown ENI id, an unknown filter name.
# seed: 29
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id --query Parameter.Value --output text)
VPC=$(aws ec2 create-vpc --cidr-block 10.12.0.0/16 --query Vpc.VpcId --output text)
SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.12.5.0/24 --availability-zone us-east-1d --query Subnet.SubnetId --output text)
SG=$(aws ec2 create-security-group --group-name app --description app --vpc-id $VPC --query GroupId --output text)
ONE=$(aws ec2 run-instances --image-id $AMI --instance-type c5.large --subnet-id $SUB --security-group-ids $SG --query 'Instances[0].InstanceId' --output text)
aws ec2 run-instances --image-id $AMI --instance-type c5.large --subnet-id $SUB --security-group-ids $SG --query 'Instances[0].NetworkInterfaces[0].[PrivateIpAddress,Groups[0].GroupName,Attachment.DeviceIndex]' --output text
aws ec2 describe-network-interfaces --filters Name=attachment.instance-id,Values=$ONE
ENI=$(aws ec2 describe-network-interfaces --filters Name=attachment.instance-id,Values=$ONE --query 'NetworkInterfaces[0].NetworkInterfaceId' --output text)
aws ec2 describe-network-interfaces --network-interface-ids $ENI --query 'NetworkInterfaces[0].[Status,InterfaceType,PrivateIpAddress,SubnetId==`'$SUB'`]' --output text
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUB --query 'NetworkInterfaces[].PrivateIpAddress' --output text
aws ec2 describe-network-interfaces --filters Name=vpc-id,Values=$VPC Name=availability-zone,Values=us-east-1d --query 'length(NetworkInterfaces)'
aws ec2 describe-network-interfaces --filters Name=private-ip-address,Values=10.12.5.5 --query 'NetworkInterfaces[].Attachment.DeviceIndex'
aws ec2 describe-network-interfaces --filters Name=group-id,Values=$SG Name=status,Values=in-use --query 'length(NetworkInterfaces)'
aws ec2 describe-network-interfaces --filters Name=availability-zone,Values=us-east-1f
aws ec2 describe-subnets --subnet-ids $SUB --query 'Subnets[0].AvailableIpAddressCount'
aws ec2 terminate-instances --instance-ids $ONE --query 'TerminatingInstances[0].CurrentState.Name' --output text
sleep 90
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUB --query 'NetworkInterfaces[].PrivateIpAddress' --output text
aws ec2 describe-network-interfaces --network-interface-ids $ENI
aws ec2 describe-subnets --subnet-ids $SUB --query 'Subnets[0].AvailableIpAddressCount'
aws ec2 describe-network-interfaces --network-interface-ids eni-0123456789abcdef0
aws ec2 describe-network-interfaces --filters Name=speed,Values=fast
