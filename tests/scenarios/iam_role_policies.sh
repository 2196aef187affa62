# IAM managed and inline role policies. Good: AttachRolePolicy of AWS managed policies,
# ListAttachedRolePolicies, DetachRolePolicy, PutRolePolicy from inline JSON and from file://,
# PutRolePolicy again with the same name (replaces it), GetRolePolicy, ListRolePolicies. Bad:
# attaching a policy ARN that does not exist (NoSuchEntity), attaching to an unknown role,
# detaching a policy that is not attached, malformed inline-policy JSON
# (MalformedPolicyDocument), GetRolePolicy of an unknown policy name and of an unknown role.
# seed: 37
aws iam create-role --role-name app --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.Arn --output text
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam list-attached-role-policies --role-name app
aws iam detach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam list-attached-role-policies --role-name app --query 'AttachedPolicies[].PolicyName' --output text
aws iam put-role-policy --role-name app --policy-name read-assets --policy-document file://data/iam_s3_read_policy.json
aws iam put-role-policy --role-name app --policy-name logs --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}'
aws iam put-role-policy --role-name app --policy-name logs --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}'
aws iam get-role-policy --role-name app --policy-name read-assets
aws iam get-role-policy --role-name app --policy-name logs --query 'PolicyDocument.Statement[0].Action' --output text
aws iam list-role-policies --role-name app
# Refusals.
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/NoSuchPolicy
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::123456789012:policy/not-created
aws iam attach-role-policy --role-name ghost --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam detach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam put-role-policy --role-name app --policy-name broken --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"'
aws iam put-role-policy --role-name ghost --policy-name logs --policy-document file://data/iam_s3_read_policy.json
aws iam get-role-policy --role-name app --policy-name nope
aws iam get-role-policy --role-name ghost --policy-name logs
aws iam list-role-policies --role-name ghost
aws iam list-attached-role-policies --role-name ghost
aws iam list-role-policies --role-name app --query PolicyNames --output text
