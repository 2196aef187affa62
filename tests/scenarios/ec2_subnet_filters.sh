# EC2 DescribeSubnets filters and DeleteSubnet. Good: default-for-az, availability-zone (one and
# several values), vpc-id, cidr-block, tag:Name (tags set with --tag-specifications), tag-key,
# combined filters (AND), --subnet-ids, deleting an empty subnet. Bad: unknown subnet ids (one and
# two), an unknown filter name, deleting a subnet that holds an instance (DependencyViolation),
# deleting a subnet twice.
# seed: 5
VPC=$(aws ec2 create-vpc --cidr-block 10.8.0.0/16 --query Vpc.VpcId --output text)
A=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.8.1.0/24 --availability-zone us-east-1a --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=app-a},{Key=tier,Value=app}]' --query Subnet.SubnetId --output text)
B=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.8.2.0/24 --availability-zone us-east-1b --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=app-b},{Key=tier,Value=app}]' --query Subnet.SubnetId --output text)
aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[].[AvailabilityZone,CidrBlock,DefaultForAz,MapPublicIpOnLaunch]' --output text
aws ec2 describe-subnets --filters Name=default-for-az,Values=false --query 'Subnets[].CidrBlock' --output text
aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a,us-east-1b --query 'Subnets[].[AvailabilityZone,CidrBlock]' --output text
aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC Name=availability-zone,Values=us-east-1b --query 'Subnets[].CidrBlock' --output text
aws ec2 describe-subnets --filters Name=tag:Name,Values=app-a
aws ec2 describe-subnets --filters Name=tag:tier,Values=app --query 'Subnets[].Tags[?Key==`Name`].Value[]' --output text
aws ec2 describe-subnets --filters Name=tag-key,Values=tier --query 'length(Subnets)'
aws ec2 describe-subnets --filters Name=cidr-block,Values=172.31.16.0/20 --query 'Subnets[0].AvailabilityZone' --output text
aws ec2 describe-subnets --filters Name=tag:Name,Values=nothing-here
aws ec2 describe-subnets --subnet-ids $A $B --query 'Subnets[].AvailableIpAddressCount'
aws ec2 describe-subnets --subnet-ids subnet-0123456789abcdef0
aws ec2 describe-subnets --subnet-ids subnet-0123456789abcdef0 subnet-0fedcba9876543210
aws ec2 describe-subnets --filters Name=size,Values=large
# DeleteSubnet: blocked by an instance, fine when empty, NotFound the second time.
AMI=$(aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --subnet-id $A --query 'Instances[0].PrivateIpAddress' --output text
aws ec2 delete-subnet --subnet-id $A
aws ec2 delete-subnet --subnet-id $B
aws ec2 delete-subnet --subnet-id $B
aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC --query 'Subnets[].CidrBlock' --output text
