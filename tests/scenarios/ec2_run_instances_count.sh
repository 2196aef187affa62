# EC2 RunInstances --count and a small subnet's addresses. A /28 has 11 usable addresses
# (base+0..3 and the broadcast address are reserved): --count 3 takes .4-.6 in launch order,
# --count 5:20 takes the 8 left (at least MIN, at most what fits), then --count 1 fails with
# InsufficientFreeAddressesInSubnet, and so does --count 2:4. --private-ip-address picks the
# address (in use, outside the subnet and a reserved address are refused). After terminate the
# addresses come back only once the instances are terminated, lowest free address first.
# seed: 13
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SMALL=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.9.0/28 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
aws ec2 describe-subnets --subnet-ids $SMALL --query 'Subnets[0].[CidrBlock,AvailableIpAddressCount]' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --count 3 --subnet-id $SMALL --query 'Instances[].[AmiLaunchIndex,PrivateIpAddress,State.Name]' --output text
FIRST=$(aws ec2 describe-instances --filters Name=private-ip-address,Values=10.0.9.4 --query 'Reservations[0].Instances[0].InstanceId' --output text)
aws ec2 describe-subnets --subnet-ids $SMALL --query 'Subnets[0].AvailableIpAddressCount'
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --count 5:20 --subnet-id $SMALL --query 'Instances[].PrivateIpAddress' --output text
aws ec2 describe-subnets --subnet-ids $SMALL --query 'Subnets[0].AvailableIpAddressCount'
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $SMALL
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --count 2:4 --subnet-id $SMALL
aws ec2 describe-instances --filters Name=subnet-id,Values=$SMALL --query 'length(Reservations[].Instances[])'
# Give one address back.
aws ec2 terminate-instances --instance-ids $FIRST --query 'TerminatingInstances[0].[CurrentState.Name,PreviousState.Name]' --output text
aws ec2 describe-subnets --subnet-ids $SMALL --query 'Subnets[0].AvailableIpAddressCount'
sleep 120
aws ec2 describe-instances --instance-ids $FIRST --query 'Reservations[0].Instances[0].[State.Name,PrivateIpAddress]' --output text
aws ec2 describe-subnets --subnet-ids $SMALL --query 'Subnets[0].AvailableIpAddressCount'
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $SMALL --query 'Instances[0].PrivateIpAddress' --output text
# --private-ip-address in a bigger subnet.
BIG=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $BIG --private-ip-address 10.0.1.200 --query 'Instances[0].[PrivateIpAddress,PrivateDnsName,NetworkInterfaces[0].PrivateIpAddresses[0].Primary]' --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $BIG --private-ip-address 10.0.1.200
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $BIG --private-ip-address 10.0.2.10
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $BIG --private-ip-address 10.0.1.1
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $BIG --private-ip-address 10.0.1.255
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $BIG --count 2 --private-ip-address 10.0.1.50
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --subnet-id $BIG --query 'Instances[0].PrivateIpAddress' --output text
aws ec2 describe-subnets --subnet-ids $BIG --query 'Subnets[0].AvailableIpAddressCount'
