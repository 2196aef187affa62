# EC2 CreateSubnet CIDR rules inside a 10.0.0.0/16 VPC. Good: a /24 (251 free), the smallest /28
# (11 free), the whole VPC as one /16 in a second VPC (65,531 free), a /20 (4,091 free), host
# bits canonicalised (10.0.3.17/28 -> 10.0.3.16/28), --availability-zone-id instead of a name.
# Bad: /29 and /15 (InvalidSubnet.Range), a CIDR outside the VPC (InvalidSubnet.Range), an
# overlap with an existing subnet (InvalidSubnet.Conflict), an unknown AZ, an unknown VPC, a
# malformed CIDR and no CIDR at all. AvailableIpAddressCount is always size - 5.
# seed: 11
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=web-a}]'
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/28 --availability-zone us-east-1b --query 'Subnet.[CidrBlock,AvailableIpAddressCount,AvailabilityZone]' --output text
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.3.17/28 --availability-zone us-east-1c --query 'Subnet.[CidrBlock,AvailableIpAddressCount]' --output text
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.16.0/20 --availability-zone-id use1-az6 --query 'Subnet.[CidrBlock,AvailableIpAddressCount,AvailabilityZone,AvailabilityZoneId]' --output text
WHOLE=$(aws ec2 create-vpc --cidr-block 10.50.0.0/16 --query Vpc.VpcId --output text)
aws ec2 create-subnet --vpc-id $WHOLE --cidr-block 10.50.0.0/16 --availability-zone us-east-1e --query 'Subnet.[CidrBlock,AvailableIpAddressCount]' --output text
# Sizes outside /16../28, and ranges outside the VPC.
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.4.0/29 --availability-zone us-east-1a
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/15 --availability-zone us-east-1a
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.1.0.0/24 --availability-zone us-east-1a
aws ec2 create-subnet --vpc-id $VPC --cidr-block 172.31.0.0/24 --availability-zone us-east-1a
# Overlaps: contained in, containing, and identical to an existing subnet.
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.128/25 --availability-zone us-east-1a
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/22 --availability-zone us-east-1b
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/28 --availability-zone us-east-1b
# Unknown AZ, unknown AZ id, unknown VPC, malformed and missing CIDR.
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.5.0/24 --availability-zone us-east-1z
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.5.0/24 --availability-zone-id use1-az9
aws ec2 create-subnet --vpc-id vpc-0123456789abcdef0 --cidr-block 10.0.5.0/24
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.5.0
aws ec2 create-subnet --vpc-id $VPC
aws ec2 describe-subnets --filters Name=vpc-id,Values=$VPC --query 'Subnets[].[CidrBlock,AvailableIpAddressCount]' --output text
