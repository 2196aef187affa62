# A task placed by Fargate that then fails to start (its /28 has no free address): `sim
# explain --task` shows its placement and then how it stopped; `sim explain --last` says
# that every RunTask placed its tasks and which task failed after placement. Fargate's
# choice between tied AZs says it was a tie and how it was broken.
# seed: 7
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ecs create-cluster --cluster-name tiny --query cluster.status --output text
aws ecs register-task-definition --family app --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx:1.27"}]' --query 'taskDefinition.revision'
sim explain --last
aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'length(tasks)'
sleep 5
aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'length(tasks)'
sleep 5
T12=$(aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].taskArn' --output text)
sleep 30
aws ecs describe-tasks --cluster tiny --tasks $T12 --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
sim explain --task $T12
sim explain --last
help
SUBNET_B=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
SUBNET_C=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/24 --availability-zone us-east-1c --query Subnet.SubnetId --output text)
T=$(aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --group tie --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_B,$SUBNET_C]}" --query 'tasks[0].taskArn' --output text)
sim explain --task $T
