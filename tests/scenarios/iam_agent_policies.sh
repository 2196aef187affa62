# IAM decides whether an instance joins: its role starts with no policy, so the ECS agent is
# implicitly denied ecs:RegisterContainerInstance on the cluster and waits (sim agent-log says
# why, in IAM's words); a customer managed policy allowing it is created and attached and the
# agent joins; an inline Deny then keeps a second instance out with an explicit deny, until the
# inline policy is deleted. Customer policies keep versions (five at most, the default not
# deletable) and cannot be deleted while attached.
# seed: 14
aws ecs create-cluster --cluster-name lab --query cluster.status --output text
aws iam create-role --role-name node --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.Arn --output text
aws iam create-instance-profile --instance-profile-name node --query InstanceProfile.InstanceProfileName --output text
aws iam add-role-to-instance-profile --instance-profile-name node --role-name node
AMI=$(aws ssm get-parameters --names /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query 'Parameters[0].Value' --output text)
FIRST=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=node --user-data ECS_CLUSTER=lab --query 'Instances[0].InstanceId' --output text)
sleep 90
aws ecs list-container-instances --cluster lab --query 'length(containerInstanceArns)'
sim agent-log --instance $FIRST
aws iam create-policy --policy-name agent --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"Join","Effect":"Allow","Action":["ecs:RegisterContainerInstance","ecs:DeregisterContainerInstance","ecs:DiscoverPollEndpoint","ecs:Poll","ecs:Submit*","ecs:StartTelemetrySession"],"Resource":"*"}]}' --query 'Policy.[PolicyName,Arn,DefaultVersionId,AttachmentCount]' --output text
aws iam attach-role-policy --role-name node --policy-arn arn:aws:iam::123456789012:policy/agent
sleep 60
aws ecs list-container-instances --cluster lab --query 'length(containerInstanceArns)'
sim agent-log --instance $FIRST
aws iam get-policy --policy-arn arn:aws:iam::123456789012:policy/agent --query 'Policy.AttachmentCount'
aws iam put-role-policy --role-name node --policy-name fence --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"NoLab","Effect":"Deny","Action":"ecs:RegisterContainerInstance","Resource":"arn:aws:ecs:us-east-1:123456789012:cluster/lab"}]}'
SECOND=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=node --user-data ECS_CLUSTER=lab --query 'Instances[0].InstanceId' --output text)
sleep 90
aws ecs list-container-instances --cluster lab --query 'length(containerInstanceArns)'
sim agent-log --instance $SECOND
aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:role/node --action-names ecs:RegisterContainerInstance ecs:Poll --resource-arns arn:aws:ecs:us-east-1:123456789012:cluster/lab
aws iam delete-role-policy --role-name node --policy-name fence
sleep 60
aws ecs list-container-instances --cluster lab --query 'length(containerInstanceArns)'
aws iam delete-role-policy --role-name node --policy-name fence
# Versions: v2 becomes the default; v1 can then go, the default cannot; a sixth version is refused.
aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}' --set-as-default
aws iam list-policy-versions --policy-arn arn:aws:iam::123456789012:policy/agent --query 'Versions[].[VersionId,IsDefaultVersion]' --output text
aws iam delete-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --version-id v2
aws iam delete-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --version-id v1
aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:Poll","Resource":"*"}]}' --query PolicyVersion.VersionId --output text
aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:Poll","Resource":"*"}]}' --query PolicyVersion.VersionId --output text
aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:Poll","Resource":"*"}]}' --query PolicyVersion.VersionId --output text
aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:Poll","Resource":"*"}]}' --query PolicyVersion.VersionId --output text
aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:Poll","Resource":"*"}]}'
aws iam get-policy-version --policy-arn arn:aws:iam::123456789012:policy/agent --version-id v2 --query 'PolicyVersion.[IsDefaultVersion,Document.Statement[0].Action]' --output text
aws iam delete-policy --policy-arn arn:aws:iam::123456789012:policy/agent
aws iam create-policy --policy-name agent --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:Poll","Resource":"*"}]}'
aws iam list-policies --scope Local --query 'Policies[].PolicyName' --output text
aws iam list-policies --only-attached --query 'Policies[].[PolicyName,AttachmentCount]' --output text
aws iam get-policy --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy --query 'Policy.[PolicyName,Path,DefaultVersionId,Description]' --output text
aws iam get-policy-version --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy --version-id v1 --query 'PolicyVersion.Document.Statement[0].Action' --output text
