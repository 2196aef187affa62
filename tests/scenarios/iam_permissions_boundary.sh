# A permissions boundary caps what a role's policies grant: a task role with AWS's
# AdministratorAccess under a boundary allowing only S3 may read S3 but not call ECS (implicitly
# denied: the boundary does not allow it); the simulator says so in
# PermissionsBoundaryDecisionDetail; removing the boundary gives the role its policies back. A
# policy in use as a boundary cannot be deleted; a boundary must be an existing managed policy.
# seed: 17
# use: ec2-ready
aws ecs create-cluster --cluster-name apps --query cluster.status --output text
aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=apps --query 'Instances[0].InstanceType' --output text
sleep 90
aws iam create-policy --policy-name s3-only --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":"s3:*","Resource":"*"}]}' --query Policy.Arn --output text
aws iam create-role --role-name app --permissions-boundary arn:aws:iam::123456789012:policy/s3-only --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.PermissionsBoundary
aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
aws ecs register-task-definition --family app --task-role-arn arn:aws:iam::123456789012:role/app --container-definitions '[{"name":"app","image":"nginx","memory":128}]' --query taskDefinition.revision --output text
TASK=$(aws ecs run-task --cluster apps --task-definition app --query 'tasks[0].taskArn' --output text)
sleep 30
sim call --task $TASK --action s3:GetObject --resource arn:aws:s3:::assets/logo.png
sim call --task $TASK --action ecs:StopTask --resource $TASK
aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:role/app --action-names s3:GetObject ecs:StopTask --query 'EvaluationResults[].[EvalActionName,EvalDecision,PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary]' --output text
aws iam get-policy --policy-arn arn:aws:iam::123456789012:policy/s3-only --query 'Policy.[AttachmentCount,PermissionsBoundaryUsageCount]' --output text
aws iam delete-policy --policy-arn arn:aws:iam::123456789012:policy/s3-only
aws iam delete-role-permissions-boundary --role-name app
sim call --task $TASK --action ecs:StopTask --resource $TASK
aws iam delete-role-permissions-boundary --role-name app
aws iam put-role-permissions-boundary --role-name app --permissions-boundary arn:aws:iam::123456789012:policy/nope
aws iam put-role-permissions-boundary --role-name app --permissions-boundary arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
aws iam get-role --role-name app --query Role.PermissionsBoundary
aws iam simulate-custom-policy --policy-input-list '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' --permissions-boundary-policy-input-list '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}]}' --action-names s3:GetObject --resource-arns arn:aws:s3:::public/a arn:aws:s3:::secret/b --query 'EvaluationResults[].[EvalResourceName,EvalDecision,MatchedStatements[0].SourcePolicyId]' --output text
aws iam simulate-custom-policy --policy-input-list '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' --permissions-boundary-policy-input-list '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}]}' --action-names s3:GetObject --resource-arns arn:aws:s3:::public/a arn:aws:s3:::secret/b --query 'EvaluationResults[0].ResourceSpecificResults[].[EvalResourceName,EvalResourceDecision,MatchedStatements[0].SourcePolicyId]' --output text
