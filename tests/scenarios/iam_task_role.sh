# What a task's code may call: with a task role, exactly what that role allows (the deciding
# statement shown; S3 denies with AccessDenied in IAM's words); on EC2 without a task role the
# SDK falls back to the instance role, so the task can do what the ECS agent can; on Fargate
# without one there are no credentials; a task role that does not trust ecs-tasks.amazonaws.com
# gives none either. Context keys come from the call and from the role's tags.
# seed: 21
# use: ec2-ready
aws ecs create-cluster --cluster-name apps --query cluster.status --output text
aws ec2 run-instances --image-id $AMI --instance-type m5.large --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=apps --query 'Instances[0].InstanceType' --output text
sleep 90
aws iam create-role --role-name reader --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --tags Key=team,Value=web --query Role.Arn --output text
aws iam put-role-policy --role-name reader --policy-name assets --policy-document file://data/iam_s3_read_policy.json
aws iam put-role-policy --role-name reader --policy-name team-tables --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"OwnTeam","Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*","Condition":{"StringEquals":{"dynamodb:LeadingKeys":"${aws:PrincipalTag/team}"}}}]}'
aws iam create-role --role-name wrongtrust --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.Arn --output text
aws ecs register-task-definition --family app --task-role-arn arn:aws:iam::123456789012:role/reader --container-definitions '[{"name":"app","image":"nginx","memory":128}]' --query taskDefinition.taskRoleArn --output text
aws ecs register-task-definition --family bare --container-definitions '[{"name":"app","image":"nginx","memory":128}]' --query taskDefinition.revision --output text
aws ecs register-task-definition --family wrong --task-role-arn arn:aws:iam::123456789012:role/wrongtrust --container-definitions '[{"name":"app","image":"nginx","memory":128}]' --query taskDefinition.revision --output text
aws ecs register-task-definition --family fg --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx"}]' --query taskDefinition.revision --output text
APP=$(aws ecs run-task --cluster apps --task-definition app --query 'tasks[0].taskArn' --output text)
BARE=$(aws ecs run-task --cluster apps --task-definition bare --query 'tasks[0].taskArn' --output text)
WRONG=$(aws ecs run-task --cluster apps --task-definition wrong --query 'tasks[0].taskArn' --output text)
SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
FG=$(aws ecs run-task --cluster apps --task-definition fg --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].taskArn' --output text)
sleep 60
sim call --task $APP --action s3:GetObject --resource arn:aws:s3:::assets/logo.png
sim call --task $APP --action s3:PutObject --resource arn:aws:s3:::assets/logo.png
sim call --task $APP --action dynamodb:GetItem --resource arn:aws:dynamodb:us-east-1:123456789012:table/users --context dynamodb:LeadingKeys=web
sim call --task $APP --action dynamodb:GetItem --resource arn:aws:dynamodb:us-east-1:123456789012:table/users --context dynamodb:LeadingKeys=billing
sim call --task $APP --action ecs:RegisterContainerInstance --resource arn:aws:ecs:us-east-1:123456789012:cluster/apps
sim call --task $BARE --action ecs:RegisterContainerInstance --resource arn:aws:ecs:us-east-1:123456789012:cluster/apps
sim call --task $BARE --action s3:GetObject --resource arn:aws:s3:::assets/logo.png
sim call --task $WRONG --action s3:GetObject --resource arn:aws:s3:::assets/logo.png
sim call --task $FG --action s3:GetObject --resource arn:aws:s3:::assets/logo.png
sim call --task $APP --action GetObject
sim call --task nope --action s3:GetObject
