# IAM instance profiles. Good: CreateInstanceProfile (default path and /ecs/ path),
# AddRoleToInstanceProfile, GetInstanceProfile showing the role. Bad: a second role into the same
# profile (LimitExceeded, one role per profile), the same role twice (LimitExceeded too), a
# duplicate profile name (EntityAlreadyExists), an unknown profile or role (NoSuchEntity).
# seed: 41
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.RoleName --output text
aws iam create-role --role-name otherRole --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.RoleName --output text
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam create-instance-profile --instance-profile-name ecsPathProfile --path /ecs/ --query 'InstanceProfile.[Arn,Path]' --output text
aws iam get-instance-profile --instance-profile-name ecsInstanceRole --query 'InstanceProfile.Roles' 
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
aws iam get-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name otherRole
aws iam create-instance-profile --instance-profile-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name noSuchProfile --role-name ecsInstanceRole
aws iam add-role-to-instance-profile --instance-profile-name ecsPathProfile --role-name noSuchRole
aws iam get-instance-profile --instance-profile-name noSuchProfile
aws iam add-role-to-instance-profile --instance-profile-name ecsPathProfile --role-name otherRole
aws iam get-instance-profile --instance-profile-name ecsPathProfile --query 'InstanceProfile.Roles[].RoleName' --output text
aws iam get-instance-profile --instance-profile-name ecsInstanceRole --query 'InstanceProfile.Roles[].RoleName' --output text
