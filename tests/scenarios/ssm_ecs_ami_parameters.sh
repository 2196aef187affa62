# SSM Parameter Store public parameters for the ECS-optimized AMIs (AL2 and AL2023, x86_64 and
# arm64): the JSON "recommended" parameter, its /image_id, /image_name and /ecs_agent_version
# sub-parameters, the plain Amazon Linux 2023 AMI, and GetParameters with a mix of known and
# unknown names (InvalidParameters). Bad: GetParameter of an unknown name (ParameterNotFound,
# empty message), a misspelt sub-parameter, and GetParameter without --name.
aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended
aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2/recommended --query Parameter.Value --output text
aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id
aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id /aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id /aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id --query 'Parameters[].[Name,Value]' --output text
aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/ecs_agent_version --query 'Parameters[].Value' --output text
aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --query 'Parameter.[Name,Value,Type,DataType]' --output text
aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id /no/such/parameter /another/missing/one
aws ssm get-parameters --names /no/such/parameter
# The AMI behind the parameter is the one run-instances uses.
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id $AMI --query 'Instances[0].[ImageId,Architecture]' --output text
aws ssm get-parameter --name /no/such/parameter
aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/imageid
aws ssm get-parameter
