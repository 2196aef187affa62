# The task execution role at work: a Fargate task with a private ECR image and the awslogs
# driver stops before it runs while the role has no policy (the agent is denied the registry
# token, in IAM's words inside the agent's error), and runs once AWS's managed execution policy
# is attached; a secret from Parameter Store needs ssm:GetParameters too; a role that does not
# trust ecs-tasks.amazonaws.com cannot be assumed. On EC2 without an execution role the
# instance role pulls from ECR (AWS's managed ECS policy allows it).
# seed: 33
# use: ec2-ready
aws ecs create-cluster --cluster-name apps --query cluster.status --output text
aws iam create-role --role-name exec --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text
aws iam create-role --role-name ec2only --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.Arn --output text
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --execution-role-arn arn:aws:iam::123456789012:role/exec --container-definitions '[{"name":"web","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4","logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/web","awslogs-region":"us-east-1","awslogs-stream-prefix":"ecs"}}}]' --query taskDefinition.revision --output text
aws ecs register-task-definition --family secret --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --execution-role-arn arn:aws:iam::123456789012:role/exec --container-definitions '[{"name":"app","image":"nginx","secrets":[{"name":"DB_PASSWORD","valueFrom":"/prod/db/password"}]}]' --query taskDefinition.revision --output text
aws ecs register-task-definition --family trustless --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --execution-role-arn arn:aws:iam::123456789012:role/ec2only --container-definitions '[{"name":"web","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4"}]' --query taskDefinition.revision --output text
SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
NET="awsvpcConfiguration={subnets=[$SUBNET]}"
T1=$(aws ecs run-task --cluster apps --task-definition web --launch-type FARGATE --network-configuration $NET --query 'tasks[0].taskArn' --output text)
sleep 90
aws ecs describe-tasks --cluster apps --tasks $T1 --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
aws iam attach-role-policy --role-name exec --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
T2=$(aws ecs run-task --cluster apps --task-definition web --launch-type FARGATE --network-configuration $NET --query 'tasks[0].taskArn' --output text)
sleep 90
aws ecs describe-tasks --cluster apps --tasks $T2 --query 'tasks[0].[lastStatus,stopCode]' --output text
T3=$(aws ecs run-task --cluster apps --task-definition secret --launch-type FARGATE --network-configuration $NET --query 'tasks[0].taskArn' --output text)
sleep 90
aws ecs describe-tasks --cluster apps --tasks $T3 --query 'tasks[0].[lastStatus,stoppedReason]' --output text
aws iam put-role-policy --role-name exec --policy-name params --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:GetParameters","Resource":"arn:aws:ssm:us-east-1:123456789012:parameter/prod/*"}]}'
T4=$(aws ecs run-task --cluster apps --task-definition secret --launch-type FARGATE --network-configuration $NET --query 'tasks[0].taskArn' --output text)
sleep 90
aws ecs describe-tasks --cluster apps --tasks $T4 --query 'tasks[0].lastStatus' --output text
T5=$(aws ecs run-task --cluster apps --task-definition trustless --launch-type FARGATE --network-configuration $NET --query 'tasks[0].taskArn' --output text)
sleep 90
aws ecs describe-tasks --cluster apps --tasks $T5 --query 'tasks[0].[lastStatus,stoppedReason]' --output text
aws ec2 run-instances --image-id $AMI --instance-type m5.large --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=apps --query 'Instances[0].InstanceType' --output text
sleep 90
aws ecs register-task-definition --family onec2 --container-definitions '[{"name":"web","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4","memory":256}]' --query taskDefinition.revision --output text
T6=$(aws ecs run-task --cluster apps --task-definition onec2 --query 'tasks[0].taskArn' --output text)
sleep 60
aws ecs describe-tasks --cluster apps --tasks $T6 --query 'tasks[0].lastStatus' --output text
aws iam detach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
T7=$(aws ecs run-task --cluster apps --task-definition onec2 --query 'tasks[0].taskArn' --output text)
sleep 60
aws ecs describe-tasks --cluster apps --tasks $T7 --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUBNET --query 'length(NetworkInterfaces)'
