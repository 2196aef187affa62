# AWS CLI parameter values: shorthand and JSON for list and structure options, file:// values,
# --cli-input-json (inline and file://, overridden by options on the command line), and the
# CLI's client-side refusals (exit 252): broken shorthand, broken JSON, a member the model does
# not know, a value of the wrong type, a missing file:// file, broken --cli-input-json, and an
# unknown key in --cli-input-json.
# seed: 43
aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a,us-east-1b --query 'length(Subnets)'
aws ec2 describe-subnets --filters '[{"Name":"availability-zone","Values":["us-east-1c"]}]' --query 'Subnets[].AvailabilityZone' --output text
aws ec2 describe-subnets --filters 'Name=availability-zone,Values=[us-east-1d,us-east-1e]' --query 'Subnets[].AvailabilityZone' --output text
aws ec2 create-vpc --cli-input-json file://data/cli_create_vpc.json --query 'Vpc.[CidrBlock,Tags[0].Value]' --output text
aws ec2 create-vpc --cli-input-json '{"CidrBlock": "10.31.0.0/16"}' --cidr-block 10.32.0.0/16 --query Vpc.CidrBlock --output text
aws iam create-role --cli-input-json '{"RoleName": "fromJson", "AssumeRolePolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}' --query Role.RoleName --output text
# Broken values.
aws ec2 describe-subnets --filters Name=availability-zone,Values=[us-east-1a
aws ec2 describe-subnets --filters '[{"Name": "availability-zone"'
aws ec2 describe-subnets --filters Nmae=availability-zone,Values=us-east-1a
aws ec2 describe-subnets --filters '[{"Name": "availability-zone", "Values": "us-east-1a"}]'
aws ec2 create-vpc --cidr-block 10.40.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=x}'
aws ec2 run-instances --image-id ami-0e5c2023086000001 --user-data file://data/no-such-file.txt
aws ec2 create-vpc --cli-input-json '{"CidrBlock": "10.30.0.0/16"'
aws ec2 create-vpc --cli-input-json '{"CidrBlok": "10.30.0.0/16"}'
aws ec2 create-vpc --cli-input-json '["10.30.0.0/16"]'
aws ec2 describe-vpcs --query 'Vpcs[].CidrBlock' --output text
