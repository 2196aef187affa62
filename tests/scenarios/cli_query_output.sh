# --query (JMESPath) and --output json|text|table on EC2, IAM and SSM responses: a scalar, a
# list, a list of lists, a projection to a hash, filters with literals and backticks, functions
# (length, sort_by, contains, join), pipes, a missing key (null / None), an empty list, and the
# whole response as text and as a table (nested sections, vertical layout for a single row).
# The key order of a hash picked by --query is the order of the response.
# seed: 47
aws ec2 describe-vpcs --query 'Vpcs[0].CidrBlock'
aws ec2 describe-vpcs --query 'Vpcs[0].CidrBlock' --output text
aws ec2 describe-vpcs --query 'Vpcs[0].[VpcId==`null`,IsDefault,CidrBlock]'
aws ec2 describe-subnets --query 'sort_by(Subnets,&CidrBlock)[].{zone:AvailabilityZone,cidr:CidrBlock,free:AvailableIpAddressCount}' --output table
aws ec2 describe-subnets --query 'Subnets[?AvailabilityZone==`us-east-1b`].CidrBlock | [0]' --output text
aws ec2 describe-subnets --query "Subnets[?contains(AvailabilityZone, 'f')].AvailabilityZone" --output text
aws ec2 describe-availability-zones --query 'join(`, `, AvailabilityZones[].ZoneId)' --output text
aws ec2 describe-availability-zones --query 'AvailabilityZones[0]' --output table
aws ec2 describe-availability-zones --query 'AvailabilityZones[:2]' --output text
aws ec2 describe-security-groups --query 'SecurityGroups[0].IpPermissionsEgress[0]'
aws ec2 describe-security-groups --query 'SecurityGroups[0].IpPermissionsEgress[0]' --output text
aws ec2 describe-security-groups --output table
aws ec2 describe-vpcs --output text
aws ec2 describe-vpcs --query 'Vpcs[0].NoSuchKey'
aws ec2 describe-vpcs --query 'Vpcs[0].NoSuchKey' --output text
aws ec2 describe-vpcs --query 'Vpcs[?IsDefault==`false`]'
aws ec2 describe-vpcs --query 'Vpcs[?IsDefault==`false`]' --output text
aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id /nope --output text
aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --output table
aws iam create-role --role-name r --assume-role-policy-document file://data/iam_ec2_trust.json --output text
aws iam list-roles --query 'Roles[].{Name:RoleName,Arn:Arn}'
