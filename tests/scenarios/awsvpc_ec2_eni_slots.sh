# awsvpc on EC2: each task takes one of the instance's ENI slots (max ENIs - 1: two on an
# m5.large, three on a c5.xlarge) and gets an ENI attached to the instance, with the lowest free
# address of its subnet. A task that finds every slot taken fails with RESOURCE:ENI; one whose
# subnets are in another AZ than every instance fails with LOCATION; a public IP is refused on
# EC2. sim explain shows both checks per instance.
# seed: 31
aws ecs create-cluster --cluster-name web --query cluster.status --output text
aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.RoleName --output text
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole --query InstanceProfile.InstanceProfileName --output text
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
SUBNET_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUBNET_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
SUBNET_C=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUBNET_A --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=web' --query 'Instances[0].[InstanceType,Placement.AvailabilityZone]' --output text
aws ec2 run-instances --image-id $AMI --instance-type c5.xlarge --subnet-id $SUBNET_B --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=web' --query 'Instances[0].[InstanceType,Placement.AvailabilityZone]' --output text
sleep 90
aws ecs describe-container-instances --cluster web --container-instances $(aws ecs list-container-instances --cluster web --query containerInstanceArns --output text) --query 'containerInstances[].[ec2InstanceId,attributes[?name==`ecs.instance-type`].value|[0],attributes[?name==`ecs.capability.task-eni`].name|[0]]' --output text
aws ecs register-task-definition --family api --network-mode awsvpc --container-definitions '[{"name":"api","image":"nginx:1.27","cpu":128,"memory":256,"portMappings":[{"containerPort":80}]}]' --query 'taskDefinition.[networkMode,compatibilities]' --output text
echo "no instance in us-east-1c"
aws ecs run-task --cluster web --task-definition api --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_C]}" --query 'failures[].reason' --output text
echo "the m5.large (us-east-1a) holds two awsvpc tasks"
aws ecs run-task --cluster web --task-definition api --count 3 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A]}" --query '[length(tasks), failures[].reason]' --output text
aws ecs run-task --cluster web --task-definition api --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A]}" --query 'failures[].reason' --output text
sim explain --last
echo "the c5.xlarge (us-east-1b) holds three"
aws ecs run-task --cluster web --task-definition api --count 4 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A,$SUBNET_B]}" --query '[tasks[].availabilityZone, failures[].reason]' --output text
aws ecs run-task --cluster web --task-definition api --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A],assignPublicIp=ENABLED}"
aws ecs run-task --cluster web --task-definition api
sleep 10
T1=$(aws ecs list-tasks --cluster web --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster web --tasks $T1 --query 'tasks[0].[lastStatus,availabilityZone,attachments[0].status,containers[0].networkInterfaces[0].privateIpv4Address,containers[0].networkBindings]' --output json
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUBNET_A --query 'NetworkInterfaces[].[PrivateIpAddress,InterfaceType,Attachment.DeviceIndex,RequesterManaged]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET_A $SUBNET_B --query 'Subnets[].[AvailabilityZone,AvailableIpAddressCount]' --output text
aws ecs stop-task --cluster web --task $T1 --query 'task.desiredStatus' --output text
sleep 40
aws ecs describe-tasks --cluster web --tasks $T1 --query 'tasks[0].[lastStatus,attachments[0].status]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET_A --query 'Subnets[0].AvailableIpAddressCount'
aws ecs run-task --cluster web --task-definition api --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_A]}" --query '[length(tasks), failures]' --output text
