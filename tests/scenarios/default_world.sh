# A new account's us-east-1: six AZs, the default VPC 172.31.0.0/16, one default /20 subnet per
# AZ with 4,091 free addresses each, and the VPC's default security group.
aws ec2 describe-availability-zones
aws ec2 describe-availability-zones --query 'AvailabilityZones[].[ZoneName,ZoneId]' --output text
aws ec2 describe-vpcs
aws ec2 describe-subnets --query 'Subnets[].{AZ:AvailabilityZone,CIDR:CidrBlock,Free:AvailableIpAddressCount,Default:DefaultForAz}' --output table
aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c
aws ec2 describe-security-groups --filters Name=group-name,Values=default --query 'SecurityGroups[0].GroupName' --output text
