# AWS CLI usage errors, all exit 252 before any call is made: an unknown service, an unknown
# operation (with and without a "maybe you meant" suggestion), an unknown option and a stray
# positional value, a missing required option (per service), an option given without a value,
# and an integer option given a word.
aws ecz describe-clusters
aws ec2 describe-vpc
aws ec2 run-instance --image-id ami-0e5c2023086000001
aws iam get-rol --role-name x
aws ec2 launch-rocket
aws ec2 describe-vpcs --vpc-idz vpc-0123456789abcdef0
aws ec2 describe-vpcs extra-word
aws ec2 delete-vpc
aws ec2 create-subnet --cidr-block 10.0.0.0/24
aws iam attach-role-policy --role-name app
aws ssm get-parameters
aws ec2 describe-subnets --subnet-ids
aws ec2 describe-vpcs --max-results ten
aws ec2 describe-vpcs --query 'Vpcs[0].[' --output text
