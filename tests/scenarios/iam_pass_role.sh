# iam:PassRole: acting as the role deployer (sim caller --role), registering a task definition
# that names a task role needs iam:PassRole on it; an Allow scoped by iam:PassedToService to
# ecs-tasks.amazonaws.com lets it through, a RunTask override naming another role is refused,
# and the account's root user (sim caller --root) may pass any role.
# seed: 5
aws iam create-role --role-name app --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text
aws iam create-role --role-name admin --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text
aws iam create-role --role-name deployer --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text
sim caller
sim caller --role deployer
aws ecs register-task-definition --family web --task-role-arn arn:aws:iam::123456789012:role/app --container-definitions '[{"name":"web","image":"nginx","memory":128}]' --query taskDefinition.revision
aws iam put-role-policy --role-name deployer --policy-name pass --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"PassAppToTasks","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app","Condition":{"StringEquals":{"iam:PassedToService":"ecs-tasks.amazonaws.com"}}}]}'
aws ecs register-task-definition --family web --task-role-arn arn:aws:iam::123456789012:role/app --container-definitions '[{"name":"web","image":"nginx","memory":128}]' --query taskDefinition.revision
aws ecs create-cluster --cluster-name c --query cluster.status --output text
aws ecs run-task --cluster c --task-definition web --overrides '{"taskRoleArn":"arn:aws:iam::123456789012:role/admin"}'
aws ecs list-task-definitions --query taskDefinitionArns
sim caller --role nobody
sim caller --root
aws ecs register-task-definition --family web --task-role-arn arn:aws:iam::123456789012:role/admin --container-definitions '[{"name":"web","image":"nginx","memory":128}]' --query taskDefinition.revision
