# IAM CreateRole / GetRole / ListRoles. Good: a role whose trust policy comes from file:// with a
# description, a role with a path and inline JSON trust policy, GetRole (MaxSessionDuration and
# RoleLastUsed appear), ListRoles and --path-prefix. Bad: a duplicate role name
# (EntityAlreadyExists), malformed trust-policy JSON (MalformedPolicyDocument), GetRole of an
# unknown role (NoSuchEntity), CreateRole without --assume-role-policy-document.
# seed: 31
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://data/iam_ec2_trust.json --description "EC2 instances in ECS clusters"
aws iam create-role --role-name taskRole --path /app/ --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query 'Role.[Arn,Path,RoleId]' --output text
aws iam get-role --role-name ecsInstanceRole
aws iam get-role --role-name taskRole --query 'Role.AssumeRolePolicyDocument.Statement[0].Principal.Service' --output text
aws iam list-roles
aws iam list-roles --path-prefix /app/ --query 'Roles[].RoleName' --output text
aws iam list-roles --query 'Roles[].[RoleName,Path]' --output table
# Refusals.
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://data/iam_ec2_trust.json
aws iam create-role --role-name broken --assume-role-policy-document '{"Version":"2012-10-17","Statement":['
aws iam get-role --role-name noSuchRole
aws iam create-role --role-name noTrust
aws iam list-roles --query 'length(Roles)'
