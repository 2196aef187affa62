# ENI trunking: awsvpcTrunking is off by default. Enabled for the instance role, instances
# registered afterwards get a trunk ENI (it takes an address of their subnet), the
# ecs.awsvpc-trunk-id attribute, and the trunked task limit: an m5.large goes from 2 to 10
# awsvpc tasks, whose ENIs are branch interfaces. An instance registered before the opt-in, and
# a type that cannot trunk (t3.medium), keep their untrunked limit.
# seed: 12
aws ecs create-cluster --cluster-name trunk --query cluster.status --output text
ROLE=$(aws iam create-role --role-name ecsInstanceRole --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.Arn --output text)
aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
aws iam create-instance-profile --instance-profile-name ecsInstanceRole --query InstanceProfile.InstanceProfileName --output text
aws iam add-role-to-instance-profile --instance-profile-name ecsInstanceRole --role-name ecsInstanceRole
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
SUBNET=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
aws ecs list-account-settings --name awsvpcTrunking --effective-settings --principal-arn $ROLE --query 'settings[0].value' --output text
OLD=$(aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUBNET --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=trunk' --query 'Instances[0].InstanceId' --output text)
sleep 90
aws ecs put-account-setting --name awsvpcTrunking --value enabled --principal-arn $ROLE --query 'setting.[name,value]' --output text
NEW=$(aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUBNET --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=trunk' --query 'Instances[0].InstanceId' --output text)
SMALL=$(aws ec2 run-instances --image-id $AMI --instance-type t3.medium --subnet-id $SUBNET --iam-instance-profile Name=ecsInstanceRole --user-data 'ECS_CLUSTER=trunk' --query 'Instances[0].InstanceId' --output text)
sleep 90
aws ecs describe-container-instances --cluster trunk --container-instances $(aws ecs list-container-instances --cluster trunk --query containerInstanceArns --output text) --query 'containerInstances[].[ec2InstanceId,attributes[?name==`ecs.instance-type`].value|[0],attributes[?name==`ecs.awsvpc-trunk-id`].value|[0]]' --output text
echo "old $OLD new $NEW small $SMALL"
aws ec2 describe-network-interfaces --filters Name=interface-type,Values=trunk --query 'NetworkInterfaces[].[Attachment.InstanceId,PrivateIpAddress,Attachment.DeviceIndex,RequesterManaged]' --output text
aws ecs register-task-definition --family api --network-mode awsvpc --container-definitions '[{"name":"api","image":"nginx:1.27","cpu":32,"memory":64}]' --query taskDefinition.revision
aws ecs run-task --cluster trunk --task-definition api --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query '[length(tasks), failures[].reason]' --output text
aws ecs run-task --cluster trunk --task-definition api --count 10 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}" --query '[length(tasks), failures[].reason]' --output text
sleep 10
aws ecs describe-container-instances --cluster trunk --container-instances $(aws ecs list-container-instances --cluster trunk --query containerInstanceArns --output text) --query 'containerInstances[].[ec2InstanceId,runningTasksCount]' --output text
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUBNET --query 'NetworkInterfaces[].InterfaceType' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
aws ec2 terminate-instances --instance-ids $NEW --query 'TerminatingInstances[0].CurrentState.Name' --output text
sleep 60
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUBNET --query 'NetworkInterfaces[].InterfaceType' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET --query 'Subnets[0].AvailableIpAddressCount'
