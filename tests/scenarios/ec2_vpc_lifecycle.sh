# EC2 CreateVpc / DescribeVpcs / DeleteVpc. Good: a /16 with a Name tag, a /28 (the smallest),
# host bits canonicalised (10.1.2.3/16 -> 10.1.0.0/16), describe by id and by filters (cidr,
# is-default, tag:Name, vpc-id), delete a VPC with nothing in it. Bad: /8 and /29 refused
# (InvalidVpc.Range), a malformed CIDR, an unknown VPC id (one and two), an unknown filter name,
# deleting a VPC that still has a subnet (DependencyViolation) and deleting it twice.
# seed: 3
aws ec2 create-vpc --cidr-block 10.0.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=lab}]'
VPC=$(aws ec2 describe-vpcs --filters Name=tag:Name,Values=lab --query 'Vpcs[0].VpcId' --output text)
aws ec2 describe-vpcs --vpc-ids $VPC --query 'Vpcs[0].[VpcId,State,CidrBlock,IsDefault,InstanceTenancy]' --output text
aws ec2 create-vpc --cidr-block 10.1.2.3/16 --query 'Vpc.[CidrBlock,CidrBlockAssociationSet[0].CidrBlock]' --output text
SMALL=$(aws ec2 create-vpc --cidr-block 192.168.50.0/28 --query Vpc.VpcId --output text)
aws ec2 describe-vpcs --filters Name=cidr,Values=10.1.0.0/16 --query 'Vpcs[].CidrBlock' --output text
aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[].[CidrBlock,IsDefault]' --output text
aws ec2 describe-vpcs --filters Name=vpc-id,Values=$VPC,$SMALL --query 'length(Vpcs)'
aws ec2 describe-vpcs --query 'Vpcs[].CidrBlock'
# Refused sizes and malformed CIDRs.
aws ec2 create-vpc --cidr-block 10.0.0.0/8
aws ec2 create-vpc --cidr-block 10.0.0.0/29
aws ec2 create-vpc --cidr-block 10.0.0.0/33
aws ec2 create-vpc --cidr-block banana
aws ec2 create-vpc --cidr-block 10.300.0.0/16
# Unknown ids and filters.
aws ec2 describe-vpcs --vpc-ids vpc-0123456789abcdef0
aws ec2 describe-vpcs --vpc-ids vpc-0123456789abcdef0 vpc-0fedcba9876543210
aws ec2 describe-vpcs --filters Name=colour,Values=blue
# Delete: blocked while a subnet exists, fine once it is gone.
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ec2 delete-vpc --vpc-id $VPC
aws ec2 delete-subnet --subnet-id $SUBNET
aws ec2 delete-vpc --vpc-id $VPC
aws ec2 delete-vpc --vpc-id $VPC
aws ec2 delete-vpc --vpc-id $SMALL
aws ec2 describe-vpcs --query 'Vpcs[].CidrBlock' --output text
