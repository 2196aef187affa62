# Fargate in a /28: 16 addresses, 5 reserved, 11 usable. Eleven tasks each take one address
# (their ENI is created while PROVISIONING); the twelfth finds the subnet full and stops with
# TaskFailedToStart and EC2's InsufficientFreeAddressesInSubnet. Stopping one task returns its
# address after DEPROVISIONING, and the next task gets it.
# seed: 7
VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
SUBNET=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.0.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].[CidrBlock,AvailableIpAddressCount]' --output text
aws ecs create-cluster --cluster-name tiny --query cluster.status --output text
aws ecs register-task-definition --family app --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx:1.27"}]' --query 'taskDefinition.[revision,compatibilities]' --output text
aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],assignPublicIp=DISABLED}" --query 'tasks[].[lastStatus,availabilityZone,attachments[0].status]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
sleep 5
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
T11=$(aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].taskArn' --output text)
sleep 5
T12=$(aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].taskArn' --output text)
sleep 30
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
aws ecs describe-tasks --cluster tiny --tasks $T11 --query 'tasks[0].[lastStatus,attachments[0].details[?name==`privateIPv4Address`].value|[0],containers[0].networkInterfaces[0].privateIpv4Address]' --output text
aws ecs describe-tasks --cluster tiny --tasks $T12 --query 'tasks[0].[lastStatus,desiredStatus,stopCode,stoppedReason]' --output text
aws ecs describe-tasks --cluster tiny --tasks $T11 --query 'tasks[0].attachments[0]'
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUBNET --query 'NetworkInterfaces[].[PrivateIpAddress,InterfaceType,RequesterManaged,Status]' --output text
aws ecs stop-task --cluster tiny --task $T11 --query 'task.[lastStatus,desiredStatus]' --output text
sleep 3
aws ecs describe-tasks --cluster tiny --tasks $T11 --query 'tasks[0].[lastStatus,attachments[0].status]' --output text
sleep 10
aws ecs describe-tasks --cluster tiny --tasks $T11 --query 'tasks[0].[lastStatus,attachments[0].status,stopCode,stoppedReason]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
T13=$(aws ecs run-task --cluster tiny --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query 'tasks[0].taskArn' --output text)
sleep 30
aws ecs describe-tasks --cluster tiny --tasks $T13 --query 'tasks[0].[lastStatus,containers[0].networkInterfaces[0].privateIpv4Address]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
sim ips --subnet $SUBNET
