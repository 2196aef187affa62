# The seed's Fargate paragraph, shown: every task gets an ENI in our VPC that binds it to a
# private IP; the more tasks, the more ENIs, each with a distinct private address taken from the
# subnet, so the subnet must have enough addresses: a /27 (27 usable) runs out at the 28th.
# seed: 4
VPC=$(aws ec2 create-vpc --cidr-block 10.20.0.0/16 --query Vpc.VpcId --output text)
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.20.0.0/27 --availability-zone us-east-1b --query Subnet.SubnetId --output text)
aws ecs create-cluster --cluster-name seed --query cluster.clusterName --output text
aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"web","image":"nginx:1.27"}]' --query taskDefinition.taskDefinitionArn --output text
aws ecs run-task --cluster seed --task-definition web --launch-type FARGATE --count 3 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'length(tasks)'
sleep 10
aws ec2 describe-network-interfaces --filters Name=vpc-id,Values=$VPC --query 'NetworkInterfaces[].[PrivateIpAddress,InterfaceType,Description]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
aws ecs run-task --cluster seed --task-definition web --launch-type FARGATE --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'length(tasks)'
aws ecs run-task --cluster seed --task-definition web --launch-type FARGATE --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'length(tasks)'
aws ecs run-task --cluster seed --task-definition web --launch-type FARGATE --count 5 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'length(tasks)'
sleep 10
aws ec2 describe-network-interfaces --filters Name=vpc-id,Values=$VPC --query 'length(NetworkInterfaces)'
aws ec2 describe-network-interfaces --filters Name=vpc-id,Values=$VPC --query 'length(NetworkInterfaces[].PrivateIpAddress)'
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
aws ecs list-tasks --cluster seed --query 'length(taskArns)'
aws ecs run-task --cluster seed --task-definition web --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].lastStatus' --output text
sleep 10
aws ecs list-tasks --cluster seed --desired-status STOPPED --query 'taskArns' --output text
aws ecs describe-tasks --cluster seed --tasks $(aws ecs list-tasks --cluster seed --desired-status STOPPED --query 'taskArns' --output text) --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
sim ips --subnet $SUBNET
