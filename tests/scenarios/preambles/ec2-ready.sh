# ec2-ready: what an EC2 container instance needs before it is launched. The role
# ecsInstanceRole (trusting EC2, with AWS's managed ECS policy) in an instance profile of the
# same name, and $AMI, the ECS-optimized Amazon Linux 2023 image. A script pulls it in with a
# '# use: ec2-ready' line; its lines run there, as if written in the script (file:// paths
# are relative to the script, so data/ is tests/scenarios/data/).
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.RoleName --output text
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole --query InstanceProfile.InstanceProfileName --output text
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
AMI=$(aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query 'Parameters[0].Value' --output text)
